//! `evex extract`: the batch run from inputs to output tables.

use super::Outcome;
use crate::batch::{self, BatchOptions, ExtraSinks, Sinks, Summary};
use crate::emit::{
    CsvStyle, DOCUMENT_COLUMNS, ENTITY_COLUMNS, ENTITY_COUNT_COLUMNS, EVENT_COLUMNS, OutFormat,
    REJECT_COLUMNS, Table, TableWriter, with_kept,
};
use crate::groups::{self, Collector, GROUP_COLUMNS, GroupOptions};
use crate::ingest;
use crate::pipeline::{Config, Pipeline};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Everything `evex extract` needs.
#[derive(Debug, Clone)]
pub struct ExtractArgs {
    pub inputs: Vec<String>,
    /// Output folder, or `-` for events CSV on stdout.
    pub out: String,
    pub format: OutFormat,
    pub ingest: ingest::Options,
    pub config: Config,
    pub batch: BatchOptions,
    pub quiet: bool,
    /// The tables to write ([`Table::DEFAULT`] unless `--tables`).
    pub tables: Vec<Table>,
    /// Byte-order mark and line ends of CSV output.
    pub csv_style: CsvStyle,
    /// How events are grouped across documents (`event_groups.csv`).
    pub groups: GroupOptions,
}

/// Runs `evex extract`. Messages go to stderr.
pub fn extract(args: &ExtractArgs) -> Outcome {
    let pipeline = match Pipeline::new(&args.config) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("evex: {e}");
            return Outcome::ConfigError;
        }
    };
    if !args.quiet {
        // A user rule whose own example fails is most likely not doing
        // what its author thinks.
        for f in crate::examples::check_user_examples(&pipeline) {
            eprintln!(
                "evex: warning: {}: example of rule `{}`: {}",
                f.origin, f.rule, f.difference
            );
        }
    }
    let files = ingest::plan(&args.inputs, &args.ingest);
    let to_stdout = args.out == "-";
    let dir = PathBuf::from(&args.out);
    if !to_stdout && let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "evex: cannot create the output folder {}: {e}",
            dir.display()
        );
        return Outcome::ConfigError;
    }
    let want = |t: Table| args.tables.contains(&t);
    let xlsx = args.format == OutFormat::Xlsx;
    // A workbook is made at the end from JSON Lines tables written here.
    let work = if xlsx {
        dir.join(".evex-xlsx")
    } else {
        dir.clone()
    };
    if xlsx && let Err(e) = std::fs::create_dir_all(&work) {
        eprintln!("evex: cannot create {}: {e}", work.display());
        return Outcome::OutputError;
    }
    let ext = args.format.extension();
    // Group ids are known only at the end: the events table is written
    // aside and copied with them filled in (crate::groups).
    let grouping = !to_stdout && want(Table::EventGroups);
    let table_path = |name: &str| work.join(format!("{name}.{ext}"));
    let events_path = if grouping {
        work.join(format!(".events-ungrouped.{ext}"))
    } else {
        table_path("events")
    };
    let keep = &args.ingest.keep_fields;
    let event_columns = with_kept(EVENT_COLUMNS, keep);
    let entity_columns = with_kept(ENTITY_COLUMNS, keep);
    let open = |path: &Path, cols: &[&str]| -> io::Result<TableWriter> {
        let f = File::create(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        TableWriter::with_style(Box::new(f), args.format, cols, args.csv_style)
    };
    let open_if = |t: Table, cols: &[&str]| -> io::Result<Option<TableWriter>> {
        want(t)
            .then(|| open(&table_path(t.name()), cols))
            .transpose()
    };
    let sinks = if to_stdout {
        TableWriter::with_style(
            Box::new(io::stdout()),
            args.format,
            &as_refs(&event_columns),
            args.csv_style,
        )
        .map(|events| Sinks {
            entities: None,
            events,
            rejects: None,
            extra: ExtraSinks::default(),
        })
    } else {
        (|| {
            let events = if want(Table::Events) || grouping {
                open(&events_path, &as_refs(&event_columns))?
            } else {
                TableWriter::new(Box::new(io::sink()), args.format, &as_refs(&event_columns))?
            };
            Ok(Sinks {
                entities: open_if(Table::Entities, &as_refs(&entity_columns))?,
                events,
                rejects: open_if(Table::Rejects, REJECT_COLUMNS)?,
                extra: ExtraSinks {
                    entity_counts: open_if(Table::EntityCounts, ENTITY_COUNT_COLUMNS)?,
                    documents: open_if(Table::Documents, DOCUMENT_COLUMNS)?,
                    groups: grouping.then(|| {
                        Collector::new(GroupOptions {
                            spill_dir: work.clone(),
                            ..args.groups.clone()
                        })
                    }),
                },
            })
        })()
    };
    let mut sinks = match sinks {
        Ok(s) => s,
        Err(e) => {
            eprintln!("evex: cannot write output: {e}");
            return Outcome::OutputError;
        }
    };
    let mut batch_opts = args.batch.clone();
    batch_opts.progress &= !args.quiet;
    let mut on_reject = |r: &ingest::Reject| super::print_reject(r);
    let mut summary = match batch::run(
        &pipeline,
        &files,
        &args.ingest,
        &mut sinks,
        &batch_opts,
        &mut on_reject,
    ) {
        Ok(s) => s,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Outcome::Clean,
        Err(e) => {
            eprintln!("evex: cannot write output: {e}");
            return Outcome::OutputError;
        }
    };
    let collector = sinks.extra.groups.take();
    drop(sinks);
    if let Some(collector) = collector {
        let grouped = (|| {
            let mut w = open_if(Table::EventGroups, GROUP_COLUMNS)?;
            let ids = collector.finish(w.as_mut())?;
            if let Some(w) = &mut w {
                w.flush()?;
            }
            summary.event_groups = Some(ids.groups);
            if want(Table::Events) {
                let csv = (args.format == OutFormat::Csv).then_some(args.csv_style);
                groups::fill_group_ids(&events_path, &table_path("events"), csv, ids)?;
            }
            std::fs::remove_file(&events_path)
        })();
        if let Err(e) = grouped {
            eprintln!("evex: cannot write the event groups: {e}");
            return Outcome::OutputError;
        }
    }
    if !to_stdout {
        if xlsx {
            let tables: Vec<(&str, PathBuf, Vec<String>)> = args
                .tables
                .iter()
                .map(|&t| {
                    let columns = match t {
                        Table::Events => event_columns.clone(),
                        Table::Entities => entity_columns.clone(),
                        Table::Rejects => with_kept(REJECT_COLUMNS, &[]),
                        Table::EntityCounts => with_kept(ENTITY_COUNT_COLUMNS, &[]),
                        Table::EventGroups => with_kept(GROUP_COLUMNS, &[]),
                        Table::Documents => with_kept(DOCUMENT_COLUMNS, &[]),
                    };
                    (t.name(), table_path(t.name()), columns)
                })
                .collect();
            let tables: Vec<(&str, &Path, Vec<String>)> = tables
                .iter()
                .map(|(n, p, c)| (*n, p.as_path(), c.clone()))
                .collect();
            let book = dir.join("evex.xlsx");
            let written = serde_json::to_value(&summary)
                .map_err(io::Error::other)
                .and_then(|s| crate::emit::xlsx::write_workbook(&book, &tables, &s))
                .and_then(|()| std::fs::remove_dir_all(&work));
            if let Err(e) = written {
                eprintln!("evex: cannot write {}: {e}", book.display());
                return Outcome::OutputError;
            }
        }
        let path = dir.join("summary.json");
        let written = serde_json::to_string_pretty(&summary)
            .map_err(io::Error::other)
            .and_then(|s| std::fs::write(&path, s + "\n"));
        if let Err(e) = written {
            eprintln!("evex: cannot write {}: {e}", path.display());
            return Outcome::OutputError;
        }
    }
    if !args.quiet {
        // Where the rejects were written, if anywhere.
        let rejects = if to_stdout || !want(Table::Rejects) {
            None
        } else if xlsx {
            Some(format!(
                "the rejects sheet of {}",
                dir.join("evex.xlsx").display()
            ))
        } else {
            Some(table_path("rejects").display().to_string())
        };
        print_summary(&summary, rejects.as_deref());
    }
    if summary.documents_rejected > 0 {
        Outcome::SomeRejected
    } else {
        Outcome::Clean
    }
}

fn print_summary(s: &Summary, rejects: Option<&str>) {
    let mut err = io::stderr().lock();
    let types: Vec<String> = s
        .events_by_type
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let _ = writeln!(
        err,
        "evex: {} documents read, {} processed, {} rejected; {} entities, {} events{} in {:.2}s ({:.1} MB/s, {} threads)",
        s.documents_read,
        s.documents_processed,
        s.documents_rejected,
        s.entities,
        s.events,
        if types.is_empty() {
            String::new()
        } else {
            format!(" ({})", types.join(", "))
        },
        s.seconds,
        s.text_bytes as f64 / 1e6 / s.seconds.max(1e-9),
        s.threads,
    );
    if s.documents_rejected > 0 {
        let reasons: Vec<String> = s
            .rejected_by_reason
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let at = rejects.map(|r| format!("; see {r}")).unwrap_or_default();
        let _ = writeln!(err, "evex: rejected: {}{at}", reasons.join(", "));
    }
}

/// Column names as the table writers take them.
fn as_refs(columns: &[String]) -> Vec<&str> {
    columns.iter().map(String::as_str).collect()
}
