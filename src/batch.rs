//! The batch driver: stream documents through a shared [`Pipeline`] in
//! parallel and write the results in input order.
//!
//! A reader thread parses inputs into bounded chunks (a few megabytes of
//! text) and hands them over a channel that holds at most two chunks, so
//! memory stays flat however large the dump is. Each chunk is processed by
//! the rayon pool with an order-preserving parallel map, then written
//! sequentially; the output is therefore byte-identical whatever the number
//! of threads. Single-threaded runs take the same path with a pool of one.

use crate::emit::{
    TableWriter, document_row, entity_count_rows, entity_rows, event_rows, reject_row,
};
use crate::gazetteer::GazetteerStats;
use crate::groups::Collector;
use crate::ingest::{self, InputFile, Item, ReadProgress, Reject, ids::IdTracker};
use crate::pipeline::{Extraction, Pipeline};
use crate::stream::{Streaming, input_progress, read_chunks};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// A chunk is handed to the workers when it holds this many documents…
    pub chunk_docs: usize,
    /// …or this many bytes of text.
    pub chunk_bytes: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// Rename a document whose id was seen before (`id#2`).
    pub unique_ids: bool,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            threads: 0,
            chunk_docs: 2048,
            chunk_bytes: 8 << 20,
            progress: false,
            unique_ids: false,
        }
    }
}

impl BatchOptions {
    /// The reading and threading part, for [`crate::stream`].
    pub fn streaming(&self) -> Streaming {
        Streaming {
            threads: self.threads,
            chunk_docs: self.chunk_docs,
            chunk_bytes: self.chunk_bytes,
            progress: self.progress,
        }
    }
}

/// Where results go. Entities and rejects may be switched off (`--out -`).
pub struct Sinks {
    pub entities: Option<TableWriter>,
    pub events: TableWriter,
    pub rejects: Option<TableWriter>,
    /// The optional tables (`--tables`) and the event grouping.
    pub extra: ExtraSinks,
}

/// Tables beyond the three main ones.
#[derive(Default)]
pub struct ExtraSinks {
    /// `entity_counts.csv`: one row per entity per document.
    pub entity_counts: Option<TableWriter>,
    /// `documents.csv`: each document's text and metadata.
    pub documents: Option<TableWriter>,
    /// Collects events for `event_groups.csv` and the `group_id` column.
    pub groups: Option<Collector>,
}

/// What happened in a run; written to `summary.json`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub documents_read: u64,
    pub documents_processed: u64,
    pub documents_rejected: u64,
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub entities: u64,
    pub events: u64,
    pub events_by_type: BTreeMap<String, u64>,
    /// Events per rule id (rules that produced none are left out).
    pub events_by_rule: BTreeMap<String, u64>,
    /// Entity mentions per gazetteer file, generic classes included (files
    /// with none are left out).
    pub mentions_by_gazetteer: BTreeMap<String, u64>,
    pub text_bytes: u64,
    pub threads: usize,
    pub gazetteer: GazetteerStats,
    pub load_seconds: f64,
    pub seconds: f64,
    /// Documents whose id was already used by an earlier document.
    pub duplicate_doc_ids: u64,
    /// The first ids seen twice.
    pub duplicate_doc_id_examples: Vec<String>,
    /// Input records skipped on purpose (WARC records that are not HTML
    /// responses), by kind.
    pub skipped_records: BTreeMap<String, u64>,
    /// Groups in `event_groups.csv` (when written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_groups: Option<u64>,
}

/// Runs the pipeline over `files`. Rejects are counted and written (or
/// passed to `on_reject` when there is no rejects table); I/O errors on the
/// outputs end the run.
pub fn run(
    pipeline: &Pipeline,
    files: &[InputFile],
    ingest_opts: &ingest::Options,
    sinks: &mut Sinks,
    opts: &BatchOptions,
    on_reject: &mut dyn FnMut(&Reject),
) -> io::Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(io::Error::other)?;
    let mut summary = Summary {
        threads: pool.current_num_threads(),
        gazetteer: pipeline.gazetteer_stats(),
        load_seconds: pipeline.load_seconds(),
        ..Summary::default()
    };
    let (bar, known) = input_progress(files, opts.progress);
    let read_progress = Arc::new(ReadProgress::default());
    let mut ids = IdTracker::new(opts.unique_ids);
    // Counted by index while writing; named once at the end.
    let mut by_rule = vec![0u64; pipeline.rules().rules.len()];
    let mut by_entry = vec![0u64; pipeline.gazetteer().entries().len()];
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    let result = std::thread::scope(|scope| {
        let read_progress = &read_progress;
        let ids = &mut ids;
        scope.spawn(move || {
            let mut check_id = |item: &mut Item| match item {
                Item::Doc(d) => ids.check(&mut d.id),
                Item::Page(p) => ids.check(&mut p.id),
                Item::Reject(_) => {}
            };
            read_chunks(
                files,
                ingest_opts,
                (opts.chunk_docs, opts.chunk_bytes),
                read_progress,
                &mut check_id,
                tx,
            )
        });
        // Workers process chunk n+1 while this thread writes chunk n.
        let (done_tx, done_rx) = sync_channel::<(Vec<Item>, Vec<Option<Extraction>>)>(2);
        let pool = &pool;
        scope.spawn(move || {
            for mut chunk in rx {
                let results: Vec<Option<Extraction>> = pool.install(|| {
                    chunk.par_iter_mut().for_each(Item::extract_page);
                    chunk
                        .par_iter()
                        .map(|item| match item {
                            Item::Doc(d) => Some(pipeline.process(d)),
                            Item::Reject(_) | Item::Page(_) => None,
                        })
                        .collect()
                });
                if done_tx.send((chunk, results)).is_err() {
                    return;
                }
            }
        });
        for (chunk, results) in done_rx {
            for (item, ex) in chunk.iter().zip(results) {
                summary.documents_read += 1;
                match (item, ex) {
                    (Item::Doc(doc), Some(ex)) => {
                        summary.documents_processed += 1;
                        summary.text_bytes += doc.text.len() as u64;
                        if let Some(w) = &mut sinks.entities {
                            summary.entities += entity_rows(w, doc, &ex, pipeline)? as u64;
                        } else {
                            summary.entities += ex
                                .mentions
                                .iter()
                                .filter(|m| pipeline.is_reported(m))
                                .count() as u64;
                        }
                        summary.events += event_rows(&mut sinks.events, doc, &ex, pipeline)? as u64;
                        for m in &ex.mentions {
                            by_entry[m.entry as usize] += 1;
                        }
                        let extra = &mut sinks.extra;
                        if let Some(w) = &mut extra.entity_counts {
                            entity_count_rows(w, doc, &ex, pipeline)?;
                        }
                        if let Some(w) = &mut extra.documents {
                            document_row(w, doc)?;
                        }
                        if let Some(g) = &mut extra.groups {
                            g.add(doc, &ex)?;
                        }
                        for ev in &ex.events {
                            by_rule[ev.rule as usize] += 1;
                            match summary.events_by_type.get_mut(&*ev.event_type) {
                                Some(n) => *n += 1,
                                None => {
                                    summary.events_by_type.insert(ev.event_type.to_string(), 1);
                                }
                            }
                        }
                        if !known {
                            bar.inc(doc.text.len() as u64);
                        }
                    }
                    (Item::Reject(r), _) => {
                        summary.documents_rejected += 1;
                        *summary
                            .rejected_by_reason
                            .entry(r.reason.as_str().to_string())
                            .or_default() += 1;
                        match &mut sinks.rejects {
                            Some(w) => reject_row(w, r)?,
                            None => on_reject(r),
                        }
                    }
                    (Item::Doc(_), None) | (Item::Page(_), _) => {}
                }
            }
            if known {
                bar.set_position(read_progress.bytes());
            }
            bar.set_message(format!("{} docs", summary.documents_read));
        }
        Ok::<(), io::Error>(())
    });
    bar.finish_and_clear();
    result?;
    sinks.events.flush()?;
    if let Some(w) = &mut sinks.entities {
        w.flush()?;
    }
    if let Some(w) = &mut sinks.rejects {
        w.flush()?;
    }
    for (rule, n) in pipeline.rules().rules.iter().zip(by_rule) {
        if n > 0 {
            summary.events_by_rule.insert(rule.id.clone(), n);
        }
    }
    for (entry, n) in pipeline.gazetteer().entries().iter().zip(by_entry) {
        if n > 0 {
            let file = entry
                .origin
                .rsplit_once(':')
                .map_or(&*entry.origin, |(f, _)| f);
            *summary
                .mentions_by_gazetteer
                .entry(file.to_string())
                .or_default() += n;
        }
    }
    for w in [&mut sinks.extra.entity_counts, &mut sinks.extra.documents]
        .into_iter()
        .flatten()
    {
        w.flush()?;
    }
    summary.duplicate_doc_ids = ids.duplicates;
    summary.duplicate_doc_id_examples = std::mem::take(&mut ids.examples);
    summary.skipped_records = read_progress.skipped();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}
