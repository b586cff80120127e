//! An external merge sort of byte records: in memory while they fit a
//! budget, then in sorted runs in temporary files, merged at the end.
//! Records compare by their bytes, so callers encode the sort key first,
//! big-endian.
//!
//! Records in memory share one buffer (an index of spans sorts them), and
//! the sorted records are read back into a buffer the caller reuses
//! ([`Sorted::next_into`]): a record costs no allocation of its own, which
//! matters with millions of events.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

/// Byte records sorted by their bytes, in memory while they fit the budget
/// and in sorted runs on disk after (an external merge sort).
pub(super) struct Spill {
    budget: usize,
    dir: PathBuf,
    /// The records in memory, one after another.
    data: Vec<u8>,
    /// Each record's span in `data`.
    spans: Vec<(usize, usize)>,
    runs: Vec<File>,
}

/// Bytes a record costs in memory beyond its own.
const SPAN_BYTES: usize = std::mem::size_of::<(usize, usize)>();

impl Spill {
    pub(super) fn new(budget: usize, dir: PathBuf) -> Spill {
        Spill {
            budget: budget.max(1),
            dir,
            data: Vec::new(),
            spans: Vec::new(),
            runs: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, rec: &[u8]) -> io::Result<()> {
        let start = self.data.len();
        self.data.extend_from_slice(rec);
        self.spans.push((start, rec.len()));
        if self.data.len() + self.spans.len() * SPAN_BYTES >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    fn sort(&mut self) {
        let data = &self.data;
        self.spans
            .sort_unstable_by(|a, b| data[a.0..a.0 + a.1].cmp(&data[b.0..b.0 + b.1]));
    }

    /// Writes the records in memory as one sorted run.
    fn spill(&mut self) -> io::Result<()> {
        self.sort();
        let file = tempfile::tempfile_in(&self.dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "cannot create a temporary file in {} for event groups: {e}",
                    self.dir.display()
                ),
            )
        })?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        for &(start, len) in &self.spans {
            w.write_all(&(len as u32).to_le_bytes())?;
            w.write_all(&self.data[start..start + len])?;
        }
        let mut file = w.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        self.runs.push(file);
        self.data.clear();
        self.spans.clear();
        Ok(())
    }

    /// All records in byte order.
    pub(super) fn into_sorted(mut self) -> io::Result<Sorted> {
        if self.runs.is_empty() {
            self.sort();
            return Ok(Sorted::Memory {
                data: self.data,
                spans: self.spans.into_iter(),
            });
        }
        if !self.spans.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<BufReader<File>> = self
            .runs
            .into_iter()
            .map(|f| BufReader::with_capacity(1 << 16, f))
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            let mut rec = Vec::new();
            if read_record(r, &mut rec)? {
                heap.push(Reverse((rec, i)));
            }
        }
        Ok(Sorted::Merge { readers, heap })
    }
}

/// Reads the next record of a run into `rec`; `false` at the run's end.
fn read_record(r: &mut BufReader<File>, rec: &mut Vec<u8>) -> io::Result<bool> {
    if r.fill_buf()?.is_empty() {
        return Ok(false);
    }
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    rec.clear();
    rec.resize(u32::from_le_bytes(len) as usize, 0);
    r.read_exact(rec)?;
    Ok(true)
}

/// The records of a [`Spill`] in byte order.
pub(super) enum Sorted {
    /// All of them fitted in memory.
    Memory {
        data: Vec<u8>,
        spans: std::vec::IntoIter<(usize, usize)>,
    },
    /// The k-way merge of sorted runs.
    Merge {
        readers: Vec<BufReader<File>>,
        heap: BinaryHeap<Reverse<(Vec<u8>, usize)>>,
    },
}

impl Sorted {
    /// Puts the next record in `rec` (its old contents are dropped, its
    /// allocation reused); `false` after the last.
    pub(super) fn next_into(&mut self, rec: &mut Vec<u8>) -> io::Result<bool> {
        match self {
            Sorted::Memory { data, spans } => {
                let Some((start, len)) = spans.next() else {
                    return Ok(false);
                };
                rec.clear();
                rec.extend_from_slice(&data[start..start + len]);
                Ok(true)
            }
            Sorted::Merge { readers, heap } => {
                let Some(Reverse((mut next, i))) = heap.pop() else {
                    return Ok(false);
                };
                // The caller gets the smallest record; its old buffer takes
                // the run's next record.
                std::mem::swap(rec, &mut next);
                if read_record(&mut readers[i], &mut next)? {
                    heap.push(Reverse((next, i)));
                }
                Ok(true)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(mut s: Sorted) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut rec = Vec::new();
        while s.next_into(&mut rec).unwrap() {
            out.push(rec.clone());
        }
        out
    }

    #[test]
    fn spills_sort_the_same_in_memory_and_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let recs: Vec<Vec<u8>> = (0..500u32)
            .map(|i| {
                let n = i.wrapping_mul(2_654_435_761) % 1000;
                // Records of different lengths, some a prefix of another.
                n.to_be_bytes()[..(1 + n as usize % 4)].to_vec()
            })
            .collect();
        let mut small = Spill::new(64, dir.path().to_path_buf());
        let mut big = Spill::new(1 << 20, dir.path().to_path_buf());
        for r in &recs {
            small.push(r).unwrap();
            big.push(r).unwrap();
        }
        assert!(small.runs.len() > 10);
        let a = all(small.into_sorted().unwrap());
        let b = all(big.into_sorted().unwrap());
        let mut want = recs.clone();
        want.sort();
        assert_eq!(a, want);
        assert_eq!(b, want);
    }
}
