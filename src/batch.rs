//! The batch driver: stream documents through a shared [`Pipeline`] in
//! parallel and write the results in input order.
//!
//! A reader thread parses inputs into bounded chunks (a few megabytes of
//! text) and hands them over a channel that holds at most two chunks, so
//! memory stays flat however large the dump is. Each chunk is processed by
//! the rayon pool with an order-preserving parallel map, then written
//! sequentially; the output is therefore byte-identical whatever the number
//! of threads. Single-threaded runs take the same path with a pool of one.

use crate::emit::{PerDocumentWriter, TableWriter, entity_rows, event_rows, reject_row};
use crate::gazetteer::GazetteerStats;
use crate::ingest::{self, InputFile, Item, Reject};
use crate::pipeline::{Extraction, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
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
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            threads: 0,
            chunk_docs: 2048,
            chunk_bytes: 8 << 20,
            progress: false,
        }
    }
}

/// Where results go. Entities and rejects may be switched off (`--out -`).
pub struct Sinks {
    pub entities: Option<TableWriter>,
    pub events: TableWriter,
    pub rejects: Option<TableWriter>,
    /// `--per-document`: one JSON record per document or reject, in input
    /// order, besides the tables.
    pub per_document: Option<PerDocumentWriter>,
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
    pub text_bytes: u64,
    pub threads: usize,
    pub gazetteer: GazetteerStats,
    pub load_seconds: f64,
    pub seconds: f64,
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
    let total: u64 = files.iter().map(|f| f.size).sum();
    let known = files.iter().all(|f| f.path.is_some() && !f.gzip);
    let bar = progress_bar(opts.progress, known.then_some(total));
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    let result = std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut chunk: Vec<Item> = Vec::new();
            let mut bytes = 0usize;
            let mut open = true;
            for f in files {
                ingest::read(f, ingest_opts, &mut |item| {
                    if let Item::Doc(d) = &item {
                        bytes += d.text.len();
                    }
                    chunk.push(item);
                    if chunk.len() >= opts.chunk_docs || bytes >= opts.chunk_bytes {
                        bytes = 0;
                        open = tx.send(std::mem::take(&mut chunk)).is_ok();
                    }
                    open
                });
                if !open {
                    return;
                }
            }
            if !chunk.is_empty() {
                let _ = tx.send(chunk);
            }
        });
        // Workers process chunk n+1 while this thread writes chunk n.
        let (done_tx, done_rx) = sync_channel::<(Vec<Item>, Vec<Option<Extraction>>)>(2);
        let pool = &pool;
        scope.spawn(move || {
            for chunk in rx {
                let results: Vec<Option<Extraction>> = pool.install(|| {
                    chunk
                        .par_iter()
                        .map(|item| match item {
                            Item::Doc(d) => Some(pipeline.process(d)),
                            Item::Reject(_) => None,
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
                        if let Some(w) = &mut sinks.per_document {
                            w.document(doc, &ex, pipeline)?;
                        }
                        if let Some(w) = &mut sinks.entities {
                            summary.entities += entity_rows(w, doc, &ex, pipeline)? as u64;
                        } else {
                            summary.entities +=
                                (ex.mentions
                                    .iter()
                                    .filter(|m| pipeline.is_reported(m))
                                    .count()
                                    + ex.unlisted.len()) as u64;
                        }
                        summary.events += event_rows(&mut sinks.events, doc, &ex, pipeline)? as u64;
                        for ev in &ex.events {
                            match summary.events_by_type.get_mut(&*ev.event_type) {
                                Some(n) => *n += 1,
                                None => {
                                    summary.events_by_type.insert(ev.event_type.to_string(), 1);
                                }
                            }
                        }
                        bar.inc(doc.text.len() as u64);
                    }
                    (Item::Reject(r), _) => {
                        summary.documents_rejected += 1;
                        *summary
                            .rejected_by_reason
                            .entry(r.reason.as_str().to_string())
                            .or_default() += 1;
                        if let Some(w) = &mut sinks.per_document {
                            w.reject(r)?;
                        }
                        match &mut sinks.rejects {
                            Some(w) => reject_row(w, r)?,
                            None => on_reject(r),
                        }
                    }
                    (Item::Doc(_), None) => {}
                }
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
    if let Some(w) = &mut sinks.per_document {
        w.flush()?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn progress_bar(show: bool, total: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    match total {
        Some(t) => {
            let bar = ProgressBar::new(t);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {bytes} {binary_bytes_per_sec} {msg}")
            {
                bar.set_style(style);
            }
            bar
        }
    }
}
