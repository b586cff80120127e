//! `evex extract`: the batch run from inputs to output tables.
//!
//! This file plans the inputs and writes a run to stdout (`--out -`); a run
//! into a folder is [`super::extract_folder`]'s, and the tables it writes
//! are [`super::extract_tables`]'.

use super::Outcome;
use crate::batch::{self, BatchOptions, ExtraSinks, Sinks, Summary};
use crate::emit::{
    CsvStyle, EVENT_COLUMNS, OutFormat, PerDocumentWriter, Table, TableWriter, with_kept,
};
use crate::groups::GroupOptions;
use crate::ingest;
use crate::pipeline::{Config, Pipeline};
use std::io::{self, Write};

/// Everything `evex extract` needs.
#[derive(Debug, Clone)]
pub struct ExtractArgs {
    /// Files or folders to read, or `-` for stdin.
    pub inputs: Vec<String>,
    /// Output folder, or `-` for events CSV on stdout.
    pub out: String,
    /// CSV, JSON Lines or a workbook.
    pub format: OutFormat,
    /// How to read the inputs.
    pub ingest: ingest::Options,
    /// The pipeline to build.
    pub config: Config,
    /// Threads, chunks, progress, id renaming.
    pub batch: BatchOptions,
    /// Print nothing on stderr but errors and rejects.
    pub quiet: bool,
    /// The tables to write ([`Table::DEFAULT`] unless `--tables`).
    pub tables: Vec<Table>,
    /// Byte-order mark and line ends of CSV output.
    pub csv_style: CsvStyle,
    /// How events are grouped across documents (`event_groups.csv`).
    pub groups: GroupOptions,
    /// How the run treats its output folder, interruptions and links.
    pub run: RunOptions,
    /// One JSON record per document (`per_document.jsonl`, or stdout with
    /// `--out -`) instead of the tables; rejects are records too, so the
    /// run exits 0.
    pub per_document: bool,
    /// Flush after every document, and hand each document to the workers
    /// as soon as it is read (for pipes that wait for each answer).
    pub line_buffered: bool,
}

/// The options of a long run (README, "Long runs").
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Continue the interrupted run in the output folder.
    pub resume: bool,
    /// Write into a folder that holds other files (they are left alone),
    /// or discard an interrupted run there.
    pub force: bool,
    /// Follow symbolic links to folders when walking input folders.
    pub follow: bool,
    /// Seconds between checkpoints (0: after every chunk of documents).
    pub checkpoint_seconds: f64,
    /// The command line, recorded in summary.json and shown in the resume
    /// hint.
    pub command_line: Vec<String>,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions {
            resume: false,
            force: false,
            follow: false,
            checkpoint_seconds: 5.0,
            command_line: Vec::new(),
        }
    }
}

/// Runs `evex extract`. Messages go to stderr.
pub fn extract(args: &ExtractArgs) -> Outcome {
    // Never dropped: the process ends after the run, and freeing the
    // automata, tables and rules piece by piece would only delay its exit
    // (tens of milliseconds with a large gazetteer).
    let pipeline = match Pipeline::new(&args.config) {
        Ok(p) => std::mem::ManuallyDrop::new(p),
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
    let plan = ingest::plan_inputs(
        &args.inputs,
        &args.ingest,
        ingest::WalkOptions {
            follow: args.run.follow,
        },
    );
    if !args.quiet {
        for s in &plan.skipped {
            eprintln!("evex: skipped {s}");
        }
    }
    let mut batch_opts = args.batch.clone();
    batch_opts.progress &= !args.quiet;
    if args.line_buffered {
        batch_opts.chunk_docs = 1;
    }
    let (threads, capped) = batch::thread_count(batch_opts.threads);
    batch_opts.threads = threads;
    if let Some(msg) = capped {
        eprintln!("evex: {msg}");
    }
    if args.out != "-" {
        return super::extract_folder::run(args, &pipeline, &plan.files, &batch_opts);
    }
    if args.run.resume {
        eprintln!(
            "evex: --resume needs an output folder (--out DIR): a run written to stdout cannot be continued"
        );
        return Outcome::ConfigError;
    }
    let sinks = if args.per_document {
        per_document_sinks(args, Box::new(io::stdout()))
    } else {
        let event_columns = with_kept(EVENT_COLUMNS, &args.ingest.keep_fields);
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
            per_document: None,
        })
    };
    let mut sinks = match sinks {
        Ok(s) => s,
        Err(e) => {
            eprintln!("evex: cannot write output: {e}");
            return Outcome::OutputError;
        }
    };
    let mut on_reject = |r: &ingest::Reject| super::print_reject(r);
    let summary = match batch::run(
        &pipeline,
        &plan.files,
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
    if !args.quiet {
        print_summary(&summary, None);
    }
    outcome(args, &summary)
}

/// How a finished run ends: rejects make exit code 3, unless they are
/// records of the `--per-document` stream.
pub(super) fn outcome(args: &ExtractArgs, summary: &Summary) -> Outcome {
    if summary.documents_rejected > 0 && !args.per_document {
        Outcome::SomeRejected
    } else {
        Outcome::Clean
    }
}

/// `--per-document`: the records go to `out`; the tables are not written
/// (events are rendered into a sink that drops them, so the batch driver
/// runs unchanged).
pub(super) fn per_document_sinks(
    args: &ExtractArgs,
    out: Box<dyn Write + Send>,
) -> io::Result<Sinks> {
    Ok(Sinks {
        entities: None,
        events: TableWriter::new(Box::new(io::sink()), OutFormat::Csv, EVENT_COLUMNS)?,
        rejects: None,
        extra: ExtraSinks::default(),
        per_document: Some(PerDocumentWriter::new(out, args.line_buffered)),
    })
}

/// The one-line summary on stderr, and where the rejects went (if they
/// were written anywhere).
pub(super) fn print_summary(s: &Summary, rejects: Option<&str>) {
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
pub(super) fn as_refs(columns: &[String]) -> Vec<&str> {
    columns.iter().map(String::as_str).collect()
}
