//! The batch driver: stream documents through a shared [`Pipeline`] in
//! parallel and write the results in input order.
//!
//! A reader thread parses inputs into bounded chunks (a few megabytes of
//! text) and hands them over a channel that holds at most two chunks, so
//! memory stays flat however large the dump is. Each chunk is processed by
//! the rayon pool with an order-preserving parallel map, then written
//! sequentially; the output is therefore byte-identical whatever the number
//! of threads. Single-threaded runs take the same path with a pool of one.
//!
//! A run can be stopped and continued ([`Control`]): the writer stops after
//! the last item it wrote in full, and a later run skips that many items of
//! the same inputs. Items are read in a deterministic order, so the two
//! runs together write exactly what one run would.

use crate::emit::{TableWriter, entity_rows, event_rows, reject_row};
use crate::fault::{self, Stage};
use crate::gazetteer::GazetteerStats;
use crate::ingest::{self, InputFile, Item, Reject};
use crate::pipeline::{Extraction, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
}

/// What happened in a run; written to `summary.json`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
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

/// At most this many worker threads per core: more only cost memory (each
/// has its own stack and scratch buffers) and the work is CPU-bound.
pub const MAX_THREADS_PER_CORE: usize = 4;

/// The number of worker threads to use for `requested` (0: all cores),
/// capped at [`MAX_THREADS_PER_CORE`] per core, with a sentence saying so
/// when the request was capped.
pub fn thread_count(requested: usize) -> (usize, Option<String>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = cores * MAX_THREADS_PER_CORE;
    if requested == 0 {
        return (cores, None);
    }
    if requested <= max {
        return (requested, None);
    }
    (
        max,
        Some(format!(
            "--threads {requested} is more than {MAX_THREADS_PER_CORE} per core on this machine's {cores} core{}: using {max} (more threads would not be faster, only use more memory)",
            if cores == 1 { "" } else { "s" }
        )),
    )
}

/// How a run can be stopped, continued and checkpointed.
pub struct Control<'a> {
    /// The counts of the interrupted run being continued.
    pub resumed: Option<Summary>,
    /// Items (documents and rejects) at the start of the inputs that the
    /// interrupted run wrote: read again, but neither counted, processed
    /// nor written.
    pub skip: u64,
    /// Set from outside (a signal handler) to stop early: the reader stops,
    /// the workers drop the documents in flight, the writer stops after the
    /// last item it wrote in full.
    pub stop: Arc<AtomicBool>,
    /// Called after each written chunk with the sinks, the counts so far
    /// and the number of items written in full (skipped ones included): the
    /// place to flush the sinks and record a checkpoint.
    pub after_chunk: &'a mut dyn FnMut(&mut Sinks, &Summary, u64) -> io::Result<()>,
}

/// How a run ended, when its outputs could be written.
#[derive(Debug, Clone)]
pub struct Ended {
    pub summary: Summary,
    /// Items written in full, skipped ones included: where a resumed run
    /// starts.
    pub items_done: u64,
    /// The run was stopped before the end of its inputs.
    pub stopped: bool,
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
    let mut control = Control {
        resumed: None,
        skip: 0,
        stop: Arc::new(AtomicBool::new(false)),
        after_chunk: &mut |_, _, _| Ok(()),
    };
    run_with(
        pipeline,
        files,
        ingest_opts,
        sinks,
        opts,
        on_reject,
        &mut control,
    )
    .map(|e| e.summary)
}

/// [`run`], stoppable and resumable as `control` says.
pub fn run_with(
    pipeline: &Pipeline,
    files: &[InputFile],
    ingest_opts: &ingest::Options,
    sinks: &mut Sinks,
    opts: &BatchOptions,
    on_reject: &mut dyn FnMut(&Reject),
    control: &mut Control,
) -> io::Result<Ended> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| io::Error::other(format!("cannot start the worker threads: {e}")))?;
    let earlier = control.resumed.take().unwrap_or_default();
    let mut summary = Summary {
        threads: pool.current_num_threads(),
        gazetteer: pipeline.gazetteer_stats(),
        load_seconds: pipeline.load_seconds(),
        ..earlier.clone()
    };
    let total: u64 = files.iter().map(|f| f.size).sum();
    let known = files.iter().all(|f| f.path.is_some() && !f.gzip);
    let bar = progress_bar(opts.progress, known.then_some(total));
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    // The reader owns what it reads, so that a run that stops need not wait
    // for a read that blocks (a slow disk, a terminal on stdin).
    let reader = {
        let files = files.to_vec();
        let ingest_opts = ingest_opts.clone();
        let stop = Arc::clone(&control.stop);
        let (chunk_docs, chunk_bytes, mut skip) = (opts.chunk_docs, opts.chunk_bytes, control.skip);
        std::thread::spawn(move || {
            let mut chunk: Vec<Item> = Vec::new();
            let mut bytes = 0usize;
            let mut open = true;
            for f in &files {
                ingest::read(f, &ingest_opts, &mut |item| {
                    if skip > 0 {
                        skip -= 1;
                        return !stop.load(Ordering::Relaxed);
                    }
                    fault::hit(Stage::Reader);
                    if let Item::Doc(d) = &item {
                        bytes += d.text.len();
                    }
                    chunk.push(item);
                    if chunk.len() >= chunk_docs || bytes >= chunk_bytes {
                        bytes = 0;
                        open = tx.send(std::mem::take(&mut chunk)).is_ok();
                    }
                    open &= !stop.load(Ordering::Relaxed);
                    open
                });
                if !open {
                    return false;
                }
            }
            chunk.is_empty() || tx.send(chunk).is_ok()
        })
    };
    let mut items_done = control.skip;
    let mut stopped = false;
    let result = std::thread::scope(|scope| {
        // Workers process chunk n+1 while this thread writes chunk n.
        let (done_tx, done_rx) = sync_channel::<(Vec<Item>, Vec<Option<Extraction>>)>(2);
        let pool = &pool;
        let stop = &*control.stop;
        scope.spawn(move || {
            for chunk in rx {
                let results: Vec<Option<Extraction>> = pool.install(|| {
                    chunk
                        .par_iter()
                        .map(|item| match item {
                            Item::Doc(_) if stop.load(Ordering::Relaxed) => None,
                            Item::Doc(d) => {
                                let ex = pipeline.process(d);
                                fault::hit(Stage::Worker);
                                Some(ex)
                            }
                            Item::Reject(_) => None,
                        })
                        .collect()
                });
                if done_tx.send((chunk, results)).is_err() {
                    return;
                }
            }
        });
        'chunks: for (chunk, results) in done_rx {
            for (item, ex) in chunk.iter().zip(results) {
                // A document that a worker dropped because the run is
                // stopping ends the written part here too.
                if stop.load(Ordering::SeqCst) || matches!((item, &ex), (Item::Doc(_), None)) {
                    stopped = true;
                    break 'chunks;
                }
                summary.documents_read += 1;
                match (item, ex) {
                    (Item::Doc(doc), Some(ex)) => {
                        summary.documents_processed += 1;
                        summary.text_bytes += doc.text.len() as u64;
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
                        match &mut sinks.rejects {
                            Some(w) => reject_row(w, r)?,
                            None => on_reject(r),
                        }
                    }
                    // Checked above: the loop has stopped before it.
                    (Item::Doc(_), None) => {}
                }
                items_done += 1;
                fault::hit(Stage::Writer);
            }
            bar.set_message(format!("{} docs", summary.documents_read));
            (control.after_chunk)(sinks, &summary, items_done)?;
        }
        Ok::<(), io::Error>(())
    });
    bar.finish_and_clear();
    result?;
    if !stopped {
        // The reader has ended. A panic there means input was lost, which
        // must not pass for a complete run; so must a reader stopped
        // before the end of its inputs.
        match reader.join() {
            Ok(finished) => stopped = !finished,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    sinks.events.flush()?;
    if let Some(w) = &mut sinks.entities {
        w.flush()?;
    }
    if let Some(w) = &mut sinks.rejects {
        w.flush()?;
    }
    summary.seconds = earlier.seconds + started.elapsed().as_secs_f64();
    Ok(Ended {
        summary,
        items_done,
        stopped,
    })
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
