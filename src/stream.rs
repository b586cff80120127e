//! Streaming documents through a per-document function in parallel, for
//! the commands that read a corpus but write no tables (`evex suggest`,
//! `evex report`).
//!
//! The shape is that of [`crate::batch::run`]: a reader thread parses the
//! inputs into bounded chunks, the rayon pool maps each chunk in order, and
//! the caller's sink sees every input item, with its result, in input
//! order. Memory stays flat whatever the size of the corpus, and the result
//! does not depend on the number of threads.

use crate::batch::{BatchOptions, progress_bar};
use crate::document::Document;
use crate::ingest::{self, InputFile, Item};
use rayon::prelude::*;
use std::io;
use std::sync::mpsc::sync_channel;

/// Runs `work` on every document of `files` and hands each input item to
/// `sink` in input order, with `work`'s result for documents (`None` for
/// rejects). When `sink` returns `false`, reading stops.
pub fn for_each_document<T: Send>(
    files: &[InputFile],
    ingest_opts: &ingest::Options,
    opts: &BatchOptions,
    work: &(dyn Fn(&Document) -> T + Sync),
    sink: &mut dyn FnMut(&Item, Option<T>) -> bool,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(io::Error::other)?;
    let total: u64 = files.iter().map(|f| f.size).sum();
    let known = files.iter().all(|f| f.path.is_some() && !f.gzip);
    let bar = progress_bar(opts.progress, known.then_some(total));
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    std::thread::scope(|scope| {
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
        let mut read = 0u64;
        for chunk in rx {
            let results: Vec<Option<T>> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|item| match item {
                        Item::Doc(d) => Some(work(d)),
                        Item::Reject(_) => None,
                    })
                    .collect()
            });
            for (item, result) in chunk.iter().zip(results) {
                read += 1;
                if let Item::Doc(d) = item {
                    bar.inc(d.text.len() as u64);
                }
                if !sink(item, result) {
                    // Dropping the receiver stops the reader at its next send.
                    bar.finish_and_clear();
                    return;
                }
            }
            bar.set_message(format!("{read} docs"));
        }
        bar.finish_and_clear();
    });
    Ok(())
}
