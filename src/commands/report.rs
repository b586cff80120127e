//! `evex report`: one self-contained HTML page of documents with their
//! entities and events.

use super::Outcome;
use super::suggest::CorpusArgs;
use crate::document::Document;
use crate::ingest::{self, Item};
use crate::report::{RenderedDoc, RunSummary, render_document, write_page};
use crate::stream::for_each_document;
use std::path::PathBuf;

/// Everything `evex report` needs.
#[derive(Debug, Clone)]
pub struct ReportArgs {
    /// The documents to show.
    pub corpus: CorpusArgs,
    /// The HTML file, or `-` for stdout.
    pub out: PathBuf,
    /// Show at most this many documents (reading stops after them).
    pub limit: usize,
}

/// Runs `evex report`.
pub fn report(args: &ReportArgs) -> Outcome {
    let c = &args.corpus;
    let pipeline = match super::load(&c.config) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let files = ingest::plan(&c.inputs, &c.ingest);
    let mut docs: Vec<RenderedDoc> = Vec::new();
    let mut summary = RunSummary::default();
    let work = |d: &Document| render_document(&pipeline, d, &pipeline.process(d));
    let streaming = c.streaming();
    // Documents are rendered a chunk at a time, so a few past the limit
    // may be rendered and dropped.
    let read = for_each_document(
        &files,
        &c.ingest,
        &streaming,
        &work,
        &mut |item, rendered| {
            if docs.len() >= args.limit {
                if matches!(item, Item::Doc(_)) {
                    summary.truncated = true;
                    return false;
                }
                return true;
            }
            match (item, rendered) {
                (Item::Doc(_), Some(r)) => {
                    summary.add(&r);
                    docs.push(r);
                }
                (Item::Reject(r), _) => {
                    summary.rejected += 1;
                    super::print_reject(r);
                }
                _ => {}
            }
            true
        },
    );
    if let Err(e) = read {
        eprintln!("evex: {e}");
        return Outcome::OutputError;
    }
    let written = super::write_output(&args.out, &mut |w| {
        write_page(w, &pipeline, &docs, &summary)
    });
    if let Err(e) = written {
        eprintln!("evex: cannot write {}: {e}", args.out.display());
        return Outcome::OutputError;
    }
    if !c.quiet {
        eprintln!(
            "evex: {} documents{}, {} entity mentions, {} events written to {}",
            summary.documents,
            if summary.truncated {
                " (limit reached)"
            } else {
                ""
            },
            summary.entities,
            summary.events_by_type.values().sum::<u64>(),
            args.out.display()
        );
    }
    if summary.rejected > 0 {
        Outcome::SomeRejected
    } else {
        Outcome::Clean
    }
}
