//! Streaming a corpus: reading inputs into bounded chunks on a thread of
//! their own, a progress bar, and (for the commands that read a corpus but
//! write no tables: `evex suggest`, `evex report`) a per-document function
//! run in parallel with its results handed back in input order.
//!
//! [`crate::batch::run`] reads with the same [`read_chunks`]: memory stays
//! flat whatever the size of the corpus, and results do not depend on the
//! number of threads.

use crate::document::Document;
use crate::fault::{self, Stage};
use crate::ingest::{self, InputFile, Item, ReadProgress};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// How to read and how many threads to use.
#[derive(Debug, Clone)]
pub struct Streaming {
    /// Worker threads (0: all cores).
    pub threads: usize,
    /// A chunk is handed over when it holds this many documents…
    pub chunk_docs: usize,
    /// …or this many bytes of text.
    pub chunk_bytes: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// Where reading starts and when it stops early ([`crate::batch::Control`]).
pub struct ChunkControl<'a> {
    /// Items at the start of the inputs to read but not send (a resumed
    /// run wrote them before); `on_item` still sees them.
    pub skip: u64,
    /// Stop reading when set.
    pub stop: &'a AtomicBool,
    /// When given, a chunk is sent only for a unit taken from here: the
    /// consumer gives one back for each chunk it has done with, so that
    /// the chunks between the reader and the end of the line stay as many
    /// as it put in at the start, however fast each stage runs.
    pub credits: Option<Receiver<()>>,
}

/// Reads `files` into chunks (at most `chunk_docs` items or about
/// `chunk_bytes` bytes of text or markup each) and sends them on `tx`;
/// stops when the receiving side is gone or `control.stop` is set.
/// `progress` counts the bytes read from disk and the records skipped;
/// `on_item` sees every item first (the batch driver checks ids there).
/// Meant for a thread of its own. Returns whether every input was read to
/// its end and sent.
pub fn read_chunks(
    files: &[InputFile],
    ingest_opts: &ingest::Options,
    (chunk_docs, chunk_bytes): (usize, usize),
    progress: &Arc<ReadProgress>,
    on_item: &mut dyn FnMut(&mut Item),
    control: ChunkControl,
    tx: SyncSender<Vec<Item>>,
) -> bool {
    let ChunkControl {
        mut skip,
        stop,
        credits,
    } = control;
    // `false` when the receiving side is gone.
    let send = |chunk: Vec<Item>| {
        credits.as_ref().is_none_or(|c| c.recv().is_ok()) && tx.send(chunk).is_ok()
    };
    let mut chunk: Vec<Item> = Vec::new();
    let mut bytes = 0usize;
    let mut open = true;
    for f in files {
        ingest::read_with(f, ingest_opts, progress, &mut |mut item| {
            on_item(&mut item);
            if skip > 0 {
                skip -= 1;
                return !stop.load(Ordering::Relaxed);
            }
            fault::hit(Stage::Reader);
            match &item {
                Item::Doc(d) => bytes += d.text.len(),
                Item::Page(p) => bytes += p.html.len(),
                Item::Reject(_) => {}
            }
            chunk.push(item);
            if chunk.len() >= chunk_docs || bytes >= chunk_bytes {
                bytes = 0;
                open = send(std::mem::take(&mut chunk));
            }
            open &= !stop.load(Ordering::Relaxed);
            open
        });
        if !open {
            return false;
        }
    }
    chunk.is_empty() || send(chunk)
}

/// The progress bar for reading `files` (hidden unless `show`), and whether
/// it measures bytes read from disk against their total (all inputs are
/// files: gzipped and HTML ones too, so their bar has an ETA) or is a
/// spinner (stdin).
pub fn input_progress(files: &[InputFile], show: bool) -> (ProgressBar, bool) {
    let total: u64 = files.iter().map(|f| f.size).sum();
    let known = files.iter().all(|f| f.path.is_some());
    (progress_bar(show, known.then_some(total)), known)
}

/// Runs `work` on every document of `files` and hands each input item to
/// `sink` in input order, with `work`'s result for documents (`None` for
/// rejects). When `sink` returns `false`, reading stops.
pub fn for_each_document<T: Send>(
    files: &[InputFile],
    ingest_opts: &ingest::Options,
    opts: &Streaming,
    work: &(dyn Fn(&Document) -> T + Sync),
    sink: &mut dyn FnMut(&Item, Option<T>) -> bool,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(io::Error::other)?;
    let (bar, known) = input_progress(files, opts.progress);
    let progress = Arc::new(ReadProgress::default());
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    std::thread::scope(|scope| {
        let progress = &progress;
        scope.spawn(move || {
            let stop = AtomicBool::new(false);
            let control = ChunkControl {
                skip: 0,
                stop: &stop,
                credits: None,
            };
            read_chunks(
                files,
                ingest_opts,
                (opts.chunk_docs, opts.chunk_bytes),
                progress,
                &mut |_| {},
                control,
                tx,
            )
        });
        let mut read = 0u64;
        for mut chunk in rx {
            let results: Vec<Option<T>> = pool.install(|| {
                chunk.par_iter_mut().for_each(Item::extract_page);
                chunk
                    .par_iter()
                    .map(|item| match item {
                        Item::Doc(d) => Some(work(d)),
                        Item::Reject(_) | Item::Page(_) => None,
                    })
                    .collect()
            });
            for (item, result) in chunk.iter().zip(results) {
                read += 1;
                if let (Item::Doc(d), false) = (item, known) {
                    bar.inc(d.text.len() as u64);
                }
                if !sink(item, result) {
                    // Dropping the receiver stops the reader at its next send.
                    return;
                }
            }
            if known {
                bar.set_position(progress.bytes());
            }
            bar.set_message(format!("{read} docs"));
        }
    });
    bar.finish_and_clear();
    Ok(())
}

/// A progress bar on stderr (hidden unless `show`): bytes against `total`
/// when the input sizes are known, else a spinner.
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
