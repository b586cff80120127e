//! What the reader reports while it reads: bytes taken from disk (so that a
//! gzipped dump gets a progress bar by compressed bytes, with an ETA) and
//! the WARC records it skipped on purpose.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Shared between the reader thread and whoever draws progress.
#[derive(Debug, Default)]
pub struct ReadProgress {
    bytes: AtomicU64,
    skipped: Mutex<BTreeMap<String, u64>>,
}

impl ReadProgress {
    /// Bytes read from input files so far (compressed bytes for gzip).
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Counts one input record skipped on purpose (a WARC `request`
    /// record, a response that is not HTML), by what it was.
    pub fn skip(&self, what: &str) {
        if let Ok(mut m) = self.skipped.lock() {
            match m.get_mut(what) {
                Some(n) => *n += 1,
                None => {
                    m.insert(what.to_string(), 1);
                }
            }
        }
    }

    /// The skipped records by what they were.
    pub fn skipped(&self) -> BTreeMap<String, u64> {
        self.skipped.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// A reader that adds what it reads to a [`ReadProgress`].
pub(super) struct Counted<R> {
    inner: R,
    progress: Arc<ReadProgress>,
}

impl<R> Counted<R> {
    pub(super) fn new(inner: R, progress: &Arc<ReadProgress>) -> Counted<R> {
        Counted {
            inner,
            progress: Arc::clone(progress),
        }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bytes_and_skips() {
        let p = Arc::new(ReadProgress::default());
        let mut r = Counted::new(&b"0123456789"[..], &p);
        let mut buf = [0u8; 4];
        r.read_exact(&mut buf).unwrap();
        assert_eq!(p.bytes(), 4);
        p.skip("request");
        p.skip("request");
        p.skip("warcinfo");
        assert_eq!(
            p.skipped().into_iter().collect::<Vec<_>>(),
            [("request".to_string(), 2), ("warcinfo".to_string(), 1)]
        );
    }
}
