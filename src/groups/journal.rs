//! The event records of a run, kept in a file beside its tables, so that a
//! resumed run (`--resume`) can group the events written before it stopped.
//!
//! Groups are formed only at the end of a run, from a record per event that
//! the [`Collector`](super::Collector) keeps in memory or in anonymous
//! temporary files, neither of which outlives the process. So a run into an
//! output folder also appends each document's records to a journal there:
//! a `u32` count of the document's events, then each record as a `u32`
//! length and its bytes (little-endian). The folder checkpoints the journal
//! with the tables, so its length always ends after a whole document, and a
//! resumed run reads it back into its collector before going on.

use std::io::{self, BufReader, BufWriter, ErrorKind, Read, Write};

/// Where a collector appends its records.
pub(super) struct Journal {
    out: BufWriter<Box<dyn Write + Send>>,
}

impl Journal {
    pub(super) fn new(out: Box<dyn Write + Send>) -> Journal {
        Journal {
            out: BufWriter::with_capacity(1 << 16, out),
        }
    }

    /// Starts a document of `events` records.
    pub(super) fn document(&mut self, events: usize) -> io::Result<()> {
        self.out.write_all(&(events as u32).to_le_bytes())
    }

    pub(super) fn record(&mut self, rec: &[u8]) -> io::Result<()> {
        self.out.write_all(&(rec.len() as u32).to_le_bytes())?;
        self.out.write_all(rec)
    }

    pub(super) fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Reads a journal back: `document` is called once per document, in
/// order, with its records.
pub(super) fn replay(
    input: impl Read,
    document: &mut dyn FnMut(Vec<Vec<u8>>) -> io::Result<()>,
) -> io::Result<()> {
    let mut r = BufReader::with_capacity(1 << 16, input);
    let truncated = |e: io::Error| {
        if e.kind() == ErrorKind::UnexpectedEof {
            io::Error::new(
                ErrorKind::InvalidData,
                "the event records kept for grouping end inside a record (was the output folder changed?); start again with --force",
            )
        } else {
            e
        }
    };
    loop {
        let mut n = [0u8; 4];
        match r.read(&mut n[..1])? {
            0 => return Ok(()),
            _ => r.read_exact(&mut n[1..]).map_err(truncated)?,
        }
        let events = u32::from_le_bytes(n) as usize;
        let mut records = Vec::with_capacity(events.min(1024));
        for _ in 0..events {
            r.read_exact(&mut n).map_err(truncated)?;
            let mut rec = vec![0u8; u32::from_le_bytes(n) as usize];
            r.read_exact(&mut rec).map_err(truncated)?;
            records.push(rec);
        }
        document(records)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_in_order_and_a_cut_record_is_an_error() {
        let file = tempfile::NamedTempFile::new().expect("a temporary file");
        let mut j = Journal::new(Box::new(file.reopen().expect("reopen")));
        j.document(2).unwrap();
        j.record(b"first").unwrap();
        j.record(b"").unwrap();
        j.document(0).unwrap();
        j.document(1).unwrap();
        j.record(b"third").unwrap();
        j.flush().unwrap();
        let bytes = std::fs::read(file.path()).expect("read back");
        let mut docs = Vec::new();
        replay(&bytes[..], &mut |recs| {
            docs.push(recs);
            Ok(())
        })
        .unwrap();
        let want: Vec<Vec<Vec<u8>>> = vec![
            vec![b"first".to_vec(), Vec::new()],
            vec![],
            vec![b"third".to_vec()],
        ];
        assert_eq!(docs, want);
        let err = replay(&bytes[..bytes.len() - 2], &mut |_| Ok(())).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
    }
}
