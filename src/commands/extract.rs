//! `evex extract`: the batch run from inputs to output tables.

use super::Outcome;
use crate::batch::{self, BatchOptions, Sinks, Summary};
use crate::emit::{
    ENTITY_COLUMNS, EVENT_COLUMNS, OutFormat, PerDocumentWriter, REJECT_COLUMNS, TableWriter,
};
use crate::ingest;
use crate::pipeline::{Config, Pipeline};
use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;

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
    /// One JSON record per document (`documents.jsonl`, or stdout with
    /// `--out -`) instead of the tables; rejects are records too, so the
    /// run exits 0.
    pub per_document: bool,
    /// Flush after every document, and hand each document to the workers
    /// as soon as it is read (for pipes that wait for each answer).
    pub line_buffered: bool,
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
    let ext = args.format.extension();
    let open = |name: &str, cols: &'static [&'static str]| -> io::Result<TableWriter> {
        let path = dir.join(format!("{name}.{ext}"));
        let f = File::create(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        TableWriter::new(Box::new(f), args.format, cols)
    };
    let sinks = if args.per_document {
        per_document_sinks(args, &dir)
    } else if to_stdout {
        TableWriter::new(Box::new(io::stdout()), args.format, EVENT_COLUMNS).map(|events| Sinks {
            entities: None,
            events,
            rejects: None,
            per_document: None,
        })
    } else {
        (|| {
            Ok(Sinks {
                entities: Some(open("entities", ENTITY_COLUMNS)?),
                events: open("events", EVENT_COLUMNS)?,
                rejects: Some(open("rejects", REJECT_COLUMNS)?),
                per_document: None,
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
    if args.line_buffered {
        batch_opts.chunk_docs = 1;
    }
    let mut on_reject = |r: &ingest::Reject| {
        let at = r.line.map(|l| format!(":{l}")).unwrap_or_default();
        let doc = r
            .doc_id
            .as_ref()
            .map(|id| format!(" (document {id})"))
            .unwrap_or_default();
        eprintln!(
            "evex: rejected {}{at}{doc}: {}: {}",
            r.source,
            r.reason.as_str(),
            r.detail
        );
    };
    let summary = match batch::run(
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
    if !to_stdout {
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
        let tables = !to_stdout && !args.per_document;
        print_summary(&summary, if tables { Some(&dir) } else { None });
    }
    if summary.documents_rejected > 0 && !args.per_document {
        Outcome::SomeRejected
    } else {
        Outcome::Clean
    }
}

/// `--per-document`: the records go to stdout or `DIR/documents.jsonl`;
/// the tables are not written (events are rendered into a sink that drops
/// them, so the batch driver runs unchanged).
fn per_document_sinks(args: &ExtractArgs, dir: &std::path::Path) -> io::Result<Sinks> {
    let out: Box<dyn Write + Send> = if args.out == "-" {
        Box::new(io::stdout())
    } else {
        let path = dir.join("documents.jsonl");
        Box::new(
            File::create(&path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
        )
    };
    Ok(Sinks {
        entities: None,
        events: TableWriter::new(Box::new(io::sink()), OutFormat::Csv, EVENT_COLUMNS)?,
        rejects: None,
        per_document: Some(PerDocumentWriter::new(out, args.line_buffered)),
    })
}

fn print_summary(s: &Summary, dir: Option<&PathBuf>) {
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
        let at = dir
            .map(|d| format!("; see {}", d.join("rejects.csv").display()))
            .unwrap_or_default();
        let _ = writeln!(err, "evex: rejected: {}{at}", reasons.join(", "));
    }
}
