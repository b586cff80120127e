//! `evex suggest`: the names a corpus holds that the gazetteers miss.

use super::Outcome;
use crate::batch::BatchOptions;
use crate::document::Document;
use crate::ingest::{self, Item};
use crate::pipeline::Config;
use crate::stream::{Streaming, for_each_document};
use crate::suggest::cues::Cues;
use crate::suggest::find::{Sighting, sightings};
use crate::suggest::{Tally, suggestions, write_tsv};
use std::path::PathBuf;

/// What `evex suggest` and `evex report` read and how.
#[derive(Debug, Clone)]
pub struct CorpusArgs {
    /// Files or folders to read, or `-` for stdin.
    pub inputs: Vec<String>,
    /// How to read the inputs.
    pub ingest: ingest::Options,
    /// The pipeline to run.
    pub config: Config,
    /// Threads and progress.
    pub batch: BatchOptions,
    /// Print nothing on stderr but errors and rejects.
    pub quiet: bool,
}

impl CorpusArgs {
    /// How to read the corpus: the thread count capped as for `evex
    /// extract` (saying so on stderr), no progress bar when quiet.
    pub fn streaming(&self) -> Streaming {
        let mut streaming = self.batch.streaming();
        streaming.progress &= !self.quiet;
        let (threads, capped) = crate::batch::thread_count(streaming.threads);
        streaming.threads = threads;
        if let Some(msg) = capped {
            eprintln!("evex: {msg}");
        }
        streaming
    }
}

/// Everything `evex suggest` needs.
#[derive(Debug, Clone)]
pub struct SuggestArgs {
    /// The corpus to read.
    pub corpus: CorpusArgs,
    /// The candidates file (a gazetteer TSV), or `-` for stdout.
    pub out: PathBuf,
}

/// Runs `evex suggest`: reads the inputs like `evex extract` and writes the
/// candidates as a gazetteer file.
pub fn suggest(args: &SuggestArgs) -> Outcome {
    let c = &args.corpus;
    let pipeline = match super::load(&c.config) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let cues = Cues::new(pipeline.rules(), pipeline.gazetteer());
    let files = ingest::plan(&c.inputs, &c.ingest);
    let mut tally = Tally::default();
    let mut rejected = 0u64;
    let work = |d: &Document| -> (Vec<Sighting>, Vec<u32>) {
        let ex = pipeline.process(d);
        let mut entries: Vec<u32> = ex.mentions.iter().map(|m| m.entry).collect();
        entries.sort_unstable();
        entries.dedup();
        (
            sightings(&cues, pipeline.gazetteer(), &d.text, &ex),
            entries,
        )
    };
    let streaming = c.streaming();
    let read = for_each_document(&files, &c.ingest, &streaming, &work, &mut |item, found| {
        match (item, found) {
            (Item::Doc(_), Some((s, entries))) => tally.add_document(s, &entries),
            (Item::Reject(r), _) => {
                rejected += 1;
                super::print_reject(r);
            }
            _ => {}
        }
        true
    });
    if let Err(e) = read {
        eprintln!("evex: {e}");
        return Outcome::OutputError;
    }
    let (new, variants) = suggestions(&tally, pipeline.gazetteer());
    let written = super::write_output(&args.out, &mut |w| {
        write_tsv(w, &new, &variants, tally.documents())
    });
    if let Err(e) = written {
        eprintln!("evex: cannot write {}: {e}", args.out.display());
        return Outcome::OutputError;
    }
    if !c.quiet {
        eprintln!(
            "evex: {} documents read; {} new names and {} entries with unlisted spellings written to {}{}",
            tally.documents(),
            new.len(),
            variants.len(),
            args.out.display(),
            if tally.pruned() > 0 {
                format!(" ({} rare names forgotten to bound memory)", tally.pruned())
            } else {
                String::new()
            }
        );
    }
    if rejected > 0 {
        Outcome::SomeRejected
    } else {
        Outcome::Clean
    }
}
