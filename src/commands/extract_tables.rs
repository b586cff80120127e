//! The tables of a run into a folder: which files `--tables` and `--format`
//! ask for, opened in the [`OutputFolder`] (new, or continued by a resumed
//! run), and what is made of them at the end of the run.
//!
//! Two outputs can only be made once every document has been read, so they
//! are made at the end from files the folder checkpoints like the others
//! (and so resumes byte for byte):
//!
//! - **event groups**: the events table is written aside, without group
//!   ids (`.events-ungrouped.csv`), and the records the grouping needs go
//!   to a journal ([`crate::groups::Collector::keep_journal`]); at the end
//!   the groups are formed, `event_groups.csv` written and the events table
//!   copied with its `group_id` column filled in;
//! - **the workbook** (`--format xlsx`): the tables are written as JSON
//!   Lines and converted into `evex.xlsx` at the end.
//!
//! Working files stay in the staging folder and go with it when the run is
//! committed. With `--per-document` the run writes one file of records,
//! `per_document.jsonl`, instead of the tables.

use super::extract::{ExtractArgs, as_refs, per_document_sinks};
use crate::batch::{ExtraSinks, Sinks, Summary};
use crate::emit::{
    DOCUMENT_COLUMNS, ENTITY_COLUMNS, ENTITY_COUNT_COLUMNS, EVENT_COLUMNS, OutFormat,
    REJECT_COLUMNS, Table, TableWriter, with_kept,
};
use crate::groups::{self, Collector, GROUP_COLUMNS, GroupOptions};
use crate::outdir::OutputFolder;
use std::io;
use std::path::{Path, PathBuf};

/// The events table before its group ids are filled in.
const UNGROUPED: &str = ".events-ungrouped";
/// The grouping's event records ([`crate::groups::Collector::replay`]).
const JOURNAL: &str = ".event-records";
/// The workbook of `--format xlsx`.
pub(super) const WORKBOOK: &str = "evex.xlsx";
/// The records of `--per-document`, written instead of the tables.
const PER_DOCUMENT: &str = "per_document.jsonl";

/// The tables one run writes.
pub(super) struct RunTables<'a> {
    args: &'a ExtractArgs,
    event_columns: Vec<String>,
    entity_columns: Vec<String>,
}

impl RunTables<'_> {
    pub(super) fn new(args: &ExtractArgs) -> RunTables<'_> {
        let keep = &args.ingest.keep_fields;
        RunTables {
            args,
            event_columns: with_kept(EVENT_COLUMNS, keep),
            entity_columns: with_kept(ENTITY_COLUMNS, keep),
        }
    }

    fn want(&self, t: Table) -> bool {
        self.args.tables.contains(&t)
    }

    fn columns(&self, t: Table) -> Vec<String> {
        match t {
            Table::Events => self.event_columns.clone(),
            Table::Entities => self.entity_columns.clone(),
            Table::Rejects => with_kept(REJECT_COLUMNS, &[]),
            Table::EntityCounts => with_kept(ENTITY_COUNT_COLUMNS, &[]),
            Table::EventGroups => with_kept(GROUP_COLUMNS, &[]),
            Table::Documents => with_kept(DOCUMENT_COLUMNS, &[]),
        }
    }

    /// A file name in the staging folder: `NAME.csv` or `NAME.jsonl` (the
    /// workbook's tables too).
    fn file_name(&self, name: &str) -> String {
        format!("{name}.{}", self.args.format.extension())
    }

    fn open(&self, folder: &mut OutputFolder, name: &str, t: Table) -> io::Result<TableWriter> {
        let columns = self.columns(t);
        let (format, style) = (self.args.format, self.args.csv_style);
        folder.table(name, format, &as_refs(&columns), style)
    }

    fn open_if(&self, folder: &mut OutputFolder, t: Table) -> io::Result<Option<TableWriter>> {
        self.want(t)
            .then(|| self.open(folder, t.name(), t))
            .transpose()
    }

    /// The sinks of the run, in `folder`: new files, or in a resumed run
    /// the staged files continued (and the grouping's records read back).
    pub(super) fn sinks(&self, folder: &mut OutputFolder) -> io::Result<Sinks> {
        if self.args.per_document {
            let records = folder.file(PER_DOCUMENT)?;
            return per_document_sinks(self.args, Box::new(records));
        }
        let grouping = self.want(Table::EventGroups);
        let events = if grouping {
            self.open(folder, UNGROUPED, Table::Events)?
        } else if self.want(Table::Events) {
            self.open(folder, Table::Events.name(), Table::Events)?
        } else {
            let columns = self.columns(Table::Events);
            TableWriter::new(Box::new(io::sink()), self.args.format, &as_refs(&columns))?
        };
        let groups = if grouping {
            let mut collector = Collector::new(GroupOptions {
                spill_dir: folder.staging().to_path_buf(),
                ..self.args.groups.clone()
            });
            let journal = folder.file(JOURNAL)?;
            if journal.is_continued() {
                let path = folder.staged(JOURNAL);
                let read = std::fs::File::open(&path).and_then(|f| collector.replay(f));
                read.map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            }
            collector.keep_journal(Box::new(journal));
            Some(collector)
        } else {
            None
        };
        Ok(Sinks {
            entities: self.open_if(folder, Table::Entities)?,
            events,
            rejects: self.open_if(folder, Table::Rejects)?,
            extra: ExtraSinks {
                entity_counts: self.open_if(folder, Table::EntityCounts)?,
                documents: self.open_if(folder, Table::Documents)?,
                groups,
            },
            per_document: None,
        })
    }

    /// The event groups, at the end of a run: `event_groups.csv`, the
    /// events table with its group ids, and their number in `summary`.
    pub(super) fn group(
        &self,
        folder: &mut OutputFolder,
        collector: Collector,
        summary: &mut Summary,
    ) -> io::Result<()> {
        let mut groups = self.open_if(folder, Table::EventGroups)?;
        let ids = collector.finish(groups.as_mut())?;
        if let Some(w) = &mut groups {
            w.flush()?;
            // To disk while the events table is copied with its group ids.
            folder.write_back();
        }
        summary.event_groups = Some(ids.groups);
        let ungrouped = self.file_name(UNGROUPED);
        if self.want(Table::Events) {
            let events = self.file_name(Table::Events.name());
            let csv = (self.args.format == OutFormat::Csv).then_some(self.args.csv_style);
            groups::fill_group_ids(
                &folder.staged(&ungrouped),
                &folder.staged(&events),
                csv,
                ids,
            )?;
            folder.track(&events)?;
        }
        folder.untrack(&ungrouped);
        folder.untrack(JOURNAL);
        Ok(())
    }

    /// `evex.xlsx`, made from the JSON Lines tables, which it replaces
    /// among the run's outputs; `summary` is its summary sheet.
    pub(super) fn workbook(
        &self,
        folder: &mut OutputFolder,
        summary: &serde_json::Value,
    ) -> io::Result<()> {
        let tables: Vec<(&str, PathBuf, Vec<String>)> = self
            .args
            .tables
            .iter()
            .map(|&t| {
                let path = folder.staged(&self.file_name(t.name()));
                (t.name(), path, self.columns(t))
            })
            .collect();
        let sheets: Vec<(&str, &Path, Vec<String>)> = tables
            .iter()
            .map(|(n, p, c)| (*n, p.as_path(), c.clone()))
            .collect();
        crate::emit::xlsx::write_workbook(&folder.staged(WORKBOOK), &sheets, summary)?;
        for &t in &self.args.tables {
            folder.untrack(&self.file_name(t.name()));
        }
        folder.track(WORKBOOK)
    }

    /// Is the run's output a workbook, made at the end?
    pub(super) fn makes_workbook(&self) -> bool {
        self.args.format == OutFormat::Xlsx && !self.args.per_document
    }

    /// Where the rejects of a finished run in `dir` are, if anywhere.
    pub(super) fn rejects_at(&self, dir: &Path) -> Option<String> {
        if self.args.per_document {
            Some(dir.join(PER_DOCUMENT).display().to_string())
        } else if !self.want(Table::Rejects) {
            None
        } else if self.args.format == OutFormat::Xlsx {
            Some(format!(
                "the rejects sheet of {}",
                dir.join(WORKBOOK).display()
            ))
        } else {
            Some(
                dir.join(self.file_name(Table::Rejects.name()))
                    .display()
                    .to_string(),
            )
        }
    }
}
