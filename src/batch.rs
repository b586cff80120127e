//! The batch driver: stream documents through a shared [`Pipeline`] in
//! parallel and write the results in input order.
//!
//! A reader thread parses inputs into bounded chunks (a megabyte of text)
//! and hands them on; at most [`CHUNKS_IN_FLIGHT`] chunks are
//! between the reader and the writer at any time, so memory stays flat
//! however large the dump is and however fast each stage runs. Each chunk is processed by
//! the rayon pool with an order-preserving parallel map, then written
//! sequentially; the output is therefore byte-identical whatever the number
//! of threads. A single-threaded run processes each chunk on the writing
//! thread, then writes it.
//!
//! A run can be stopped and continued (`Control`): the writer stops after
//! the last item it wrote in full, and a later run skips that many items of
//! the same inputs. Items are read in a deterministic order, so the two
//! runs together write exactly what one run would.

use crate::emit::{
    PerDocumentWriter, Reported, TableWriter, document_row, entity_count_rows, event_rows,
    reject_row, reported_entity_rows,
};
use crate::fault::{self, Stage};
use crate::gazetteer::GazetteerStats;
use crate::groups::Collector;
use crate::ingest::{self, InputFile, Item, ReadProgress, Reject, ids::IdTracker};
use crate::pipeline::{Extraction, Pipeline};
use crate::stream::{ChunkControl, Streaming, input_progress, read_chunks};
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
    /// …or this many bytes of text. With [`CHUNKS_IN_FLIGHT`], this sets
    /// how much memory the documents and their results in flight take,
    /// and so how much more a run holds while its writer waits for the
    /// disk: 1 MB (some 700 news articles, still several per thread for
    /// dozens of threads) rather than 8 MB, whose chunks then held 2048
    /// articles, lowered the peak of a 50 MB run from 80 to 68 MiB, and
    /// from 86 to 72 MiB with the writer held up now and then.
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
            chunk_bytes: 1 << 20,
            progress: false,
            unique_ids: false,
        }
    }
}

impl BatchOptions {
    /// The reading and threading part, for [`crate::stream`].
    pub(crate) fn streaming(&self) -> Streaming {
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
    /// The entities table (`None`: not written).
    pub entities: Option<TableWriter>,
    /// The events table.
    pub events: TableWriter,
    /// The rejects table (`None`: each reject goes to the run's `on_reject`).
    pub rejects: Option<TableWriter>,
    /// The optional tables (`--tables`) and the event grouping.
    pub extra: ExtraSinks,
    /// `--per-document`: one JSON record per document or reject, in input
    /// order, besides the tables.
    pub per_document: Option<PerDocumentWriter>,
}

impl Sinks {
    /// Flushes every table (and the event records kept for grouping) to
    /// the files under them.
    pub fn flush(&mut self) -> io::Result<()> {
        self.events.flush()?;
        let extra = &mut self.extra;
        for w in [
            &mut self.entities,
            &mut self.rejects,
            &mut extra.entity_counts,
            &mut extra.documents,
        ]
        .into_iter()
        .flatten()
        {
            w.flush()?;
        }
        if let Some(g) = &mut extra.groups {
            g.flush()?;
        }
        if let Some(w) = &mut self.per_document {
            w.flush()?;
        }
        Ok(())
    }
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
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Summary {
    /// Documents and rejects read from the inputs.
    pub documents_read: u64,
    /// Documents run through the pipeline.
    pub documents_processed: u64,
    /// Inputs that could not become a document.
    pub documents_rejected: u64,
    /// Rejects per reason (`invalid_json`, `too_large`…).
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Rows of the entities table.
    pub entities: u64,
    /// Rows of the events table.
    pub events: u64,
    /// Events per event type.
    pub events_by_type: BTreeMap<String, u64>,
    /// Events per rule id (rules that produced none are left out).
    pub events_by_rule: BTreeMap<String, u64>,
    /// Entity mentions per gazetteer file, generic classes included (files
    /// with none are left out).
    pub mentions_by_gazetteer: BTreeMap<String, u64>,
    /// Bytes of document text processed.
    pub text_bytes: u64,
    /// Worker threads used.
    pub threads: usize,
    /// Entries, aliases and files of the loaded gazetteers.
    pub gazetteer: GazetteerStats,
    /// Seconds spent building the pipeline.
    pub load_seconds: f64,
    /// Seconds the run took, reading to last write.
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

/// At most this many worker threads per core: more only cost memory (each
/// has its own stack and scratch buffers) and the work is CPU-bound.
pub(crate) const MAX_THREADS_PER_CORE: usize = 4;

/// The number of worker threads to use for `requested` (0: all cores),
/// capped at [`MAX_THREADS_PER_CORE`] per core, with a sentence saying so
/// when the request was capped.
pub(crate) fn thread_count(requested: usize) -> (usize, Option<String>) {
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

/// Chunks between the reader and the writer at most (besides the one the
/// reader is filling): one being written, one with the workers, one
/// waiting for them. Without this bound, how many chunks waited in the
/// queues, and so the peak memory, depended on which stage was slower at
/// the moment (on a busy machine, the writer or the reader); with it, the
/// peak is the same for a small input and a huge one, and the workers
/// still always find a chunk ready.
pub const CHUNKS_IN_FLIGHT: usize = 3;

/// See [`Control::after_chunk`].
pub(crate) type AfterChunk<'a> =
    dyn FnMut(&mut Sinks, &dyn Fn() -> Summary, u64) -> io::Result<()> + 'a;

/// How a run can be stopped, continued and checkpointed.
pub(crate) struct Control<'a> {
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
    /// (made when called for) and the number of items written in full
    /// (skipped ones included): the place to flush the sinks and record a
    /// checkpoint.
    pub after_chunk: &'a mut AfterChunk<'a>,
}

/// How a run ended, when its outputs could be written.
#[derive(Debug, Clone)]
pub(crate) struct Ended {
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
///
/// ```
/// use evex::batch::{self, BatchOptions, ExtraSinks, Sinks};
/// use evex::emit::{ENTITY_COLUMNS, EVENT_COLUMNS, TableWriter};
/// use evex::{Config, Pipeline, ingest};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("news.jsonl");
/// let text = "Russia has deployed 5,000 troops to Belarus.";
/// std::fs::write(&path, format!("{{\"id\": \"a1\", \"text\": \"{text}\"}}\nnot JSON\n"))?;
///
/// let pipeline = Pipeline::new(&Config::default())?;
/// let read = ingest::Options::default();
/// let files = ingest::plan(&[path.display().to_string()], &read);
/// let mut sinks = Sinks {
///     entities: Some(TableWriter::memory(ENTITY_COLUMNS)),
///     events: TableWriter::memory(EVENT_COLUMNS),
///     rejects: None,
///     extra: ExtraSinks::default(),
///     per_document: None,
/// };
/// let opts = BatchOptions { threads: 2, ..BatchOptions::default() };
/// let mut rejects = Vec::new();
/// let summary = batch::run(&pipeline, &files, &read, &mut sinks, &opts, &mut |r| {
///     rejects.push((r.line, r.reason.as_str()))
/// })?;
/// assert_eq!((summary.documents_processed, summary.events), (1, 1));
/// assert_eq!(rejects, [(Some(2), "invalid_json")]);
/// assert_eq!(sinks.events.table().map(|t| t.rows()), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
pub(crate) fn run_with(
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
    let (bar, known) = input_progress(files, opts.progress);
    let read_progress = Arc::new(ReadProgress::default());
    let mut tally = Tally::new(pipeline);
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    // Chunks read and not yet written: as many as the credits put in here.
    let (credit_tx, credit_rx) = sync_channel::<()>(CHUNKS_IN_FLIGHT);
    for _ in 0..CHUNKS_IN_FLIGHT {
        let _ = credit_tx.send(());
    }
    // The reader owns what it reads, so that a run that stops need not wait
    // for a read that blocks (a slow disk, a terminal on stdin). It checks
    // the ids of the items it skips too: `--unique-ids` renames depend on
    // every id before.
    let reader = {
        let files = files.to_vec();
        let ingest_opts = ingest_opts.clone();
        let read_progress = Arc::clone(&read_progress);
        let stop = Arc::clone(&control.stop);
        let chunking = (opts.chunk_docs, opts.chunk_bytes);
        let skip = control.skip;
        let mut ids = IdTracker::new(opts.unique_ids);
        std::thread::spawn(move || {
            // A temporary file that cannot be written ends the run when
            // the reader is done (it is the first error kept).
            let mut failed: Option<io::Error> = None;
            let mut check_id = |item: &mut Item| {
                let checked = match item {
                    Item::Doc(d) => ids.check(&mut d.id),
                    Item::Page(p) => ids.check(&mut p.id),
                    Item::Reject(_) => Ok(()),
                };
                if let (Err(e), None) = (checked, &failed) {
                    failed = Some(e);
                }
            };
            let finished = read_chunks(
                &files,
                &ingest_opts,
                chunking,
                &read_progress,
                &mut check_id,
                ChunkControl {
                    skip,
                    stop: &stop,
                    credits: Some(credit_rx),
                },
                tx,
            );
            (finished, ids, failed)
        })
    };
    let mut items_done = control.skip;
    let mut stopped = false;
    let result = std::thread::scope(|scope| {
        // Owned here, so that however the writer ends (the inputs done,
        // stopped, a write error), the credits go with it and a reader
        // waiting for one stops, and with it the workers.
        let credit_tx = credit_tx;
        let stop = &*control.stop;
        // A document's extraction (`None` for a reject, and for a document
        // dropped because the run is stopping).
        let process = |item: &Item| match item {
            Item::Doc(_) if stop.load(Ordering::Relaxed) => None,
            Item::Doc(d) => {
                let ex = pipeline.process(d);
                fault::hit(Stage::Worker);
                Some(ex)
            }
            Item::Reject(_) | Item::Page(_) => None,
        };
        // Writes a chunk, each item with its extraction (`None`: a reject,
        // or a document dropped because the run is stopping). Returns
        // whether the run goes on.
        let mut each_chunk =
            |chunk: &[Item], results: Vec<Option<Extraction>>| -> io::Result<bool> {
                for (item, ex) in chunk.iter().zip(results) {
                    // A document that a worker dropped because the run is
                    // stopping ends the written part here too.
                    if stop.load(Ordering::SeqCst) || matches!((item, &ex), (Item::Doc(_), None)) {
                        return Ok(false);
                    }
                    write_item(
                        item,
                        ex,
                        pipeline,
                        sinks,
                        &mut summary,
                        &mut tally,
                        &bar,
                        known,
                        on_reject,
                    )?;
                    items_done += 1;
                    fault::hit(Stage::Writer);
                }
                if known {
                    bar.set_position(read_progress.bytes());
                }
                bar.set_message(format!("{} docs", summary.documents_read));
                (control.after_chunk)(sinks, &|| tally.counted(pipeline, &summary), items_done)?;
                let _ = credit_tx.send(());
                Ok(true)
            };
        // One thread: each chunk is processed here, then written, with no
        // hand-off to a worker thread that would share the core. (Writing
        // each document right after processing it was slower: the rows'
        // rendering evicts the matcher's and the rules' data from the
        // cache at every document.)
        if pool.current_num_threads() == 1 {
            for mut chunk in rx {
                chunk.iter_mut().for_each(Item::extract_page);
                let results = chunk.iter().map(process).collect();
                if !each_chunk(&chunk, results)? {
                    stopped = true;
                    break;
                }
            }
            return Ok(());
        }
        // Workers process chunk n+1 while this thread writes chunk n.
        let (done_tx, done_rx) = sync_channel::<(Vec<Item>, Vec<Option<Extraction>>)>(2);
        let pool = &pool;
        scope.spawn(move || {
            for mut chunk in rx {
                let results: Vec<Option<Extraction>> = pool.install(|| {
                    chunk.par_iter_mut().for_each(Item::extract_page);
                    chunk.par_iter().map(process).collect()
                });
                if done_tx.send((chunk, results)).is_err() {
                    return;
                }
            }
        });
        for (chunk, results) in done_rx {
            if !each_chunk(&chunk, results)? {
                stopped = true;
                break;
            }
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
            Ok((finished, mut ids, failed)) => {
                stopped = !finished;
                failed
                    .map_or(Ok(()), Err)
                    .and_then(|()| ids.finish())
                    .map_err(|e| {
                        io::Error::new(e.kind(), format!("counting repeated document ids: {e}"))
                    })?;
                summary.duplicate_doc_ids = ids.duplicates;
                summary.duplicate_doc_id_examples = std::mem::take(&mut ids.examples);
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    sinks.flush()?;
    let mut summary = tally.counted(pipeline, &summary);
    summary.skipped_records = read_progress.skipped();
    summary.seconds = earlier.seconds + started.elapsed().as_secs_f64();
    Ok(Ended {
        summary,
        items_done,
        stopped,
    })
}

/// Events per rule and mentions per gazetteer entry, counted by index while
/// writing and named only when a summary is made: a name lookup per event
/// would cost more than the count.
struct Tally {
    by_rule: Vec<u64>,
    by_entry: Vec<u64>,
}

impl Tally {
    fn new(pipeline: &Pipeline) -> Tally {
        Tally {
            by_rule: vec![0; pipeline.rules().rules.len()],
            by_entry: vec![0; pipeline.gazetteer().entries().len()],
        }
    }

    fn add(&mut self, ex: &Extraction) {
        for m in &ex.mentions {
            self.by_entry[m.entry as usize] += 1;
        }
        for ev in &ex.events {
            self.by_rule[ev.rule as usize] += 1;
        }
    }

    /// `base` (the counts of an interrupted run being continued, and of
    /// this one so far) with the tally added to its named counts.
    fn counted(&self, pipeline: &Pipeline, base: &Summary) -> Summary {
        let mut summary = base.clone();
        for (rule, &n) in pipeline.rules().rules.iter().zip(&self.by_rule) {
            if n > 0 {
                *summary.events_by_rule.entry(rule.id.clone()).or_default() += n;
            }
        }
        for (entry, &n) in pipeline.gazetteer().entries().iter().zip(&self.by_entry) {
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
        summary
    }
}

/// Writes one item's rows and counts it.
#[allow(clippy::too_many_arguments)]
fn write_item(
    item: &Item,
    ex: Option<Extraction>,
    pipeline: &Pipeline,
    sinks: &mut Sinks,
    summary: &mut Summary,
    tally: &mut Tally,
    bar: &indicatif::ProgressBar,
    known: bool,
    on_reject: &mut dyn FnMut(&Reject),
) -> io::Result<()> {
    summary.documents_read += 1;
    match (item, ex) {
        (Item::Doc(doc), Some(ex)) => {
            summary.documents_processed += 1;
            summary.text_bytes += doc.text.len() as u64;
            if let Some(w) = &mut sinks.per_document {
                w.document(doc, &ex, pipeline)?;
            }
            // The entities and entity counts tables share the reported
            // mentions and their character offsets.
            let reported = Reported::new(doc, &ex, pipeline);
            summary.entities += reported.len() as u64;
            if let Some(w) = &mut sinks.entities {
                reported_entity_rows(w, doc, &ex, pipeline, &reported)?;
            }
            summary.events += event_rows(&mut sinks.events, doc, &ex, pipeline)? as u64;
            tally.add(&ex);
            let extra = &mut sinks.extra;
            if let Some(w) = &mut extra.entity_counts {
                entity_count_rows(w, doc, &ex, pipeline, &reported)?;
            }
            if let Some(w) = &mut extra.documents {
                document_row(w, doc)?;
            }
            if let Some(g) = &mut extra.groups {
                g.add(doc, &ex)?;
            }
            for ev in &ex.events {
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
            if let Some(w) = &mut sinks.per_document {
                w.reject(r)?;
            }
            match &mut sinks.rejects {
                Some(w) => reject_row(w, r)?,
                None => on_reject(r),
            }
        }
        // A dropped document is checked above: the loop has
        // stopped before it. Pages are documents by now.
        (Item::Doc(_), None) | (Item::Page(_), _) => {}
    }
    Ok(())
}
