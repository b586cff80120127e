//! An external merge sort of byte records: in memory while they fit a
//! budget, then in sorted runs in temporary files, merged at the end.
//! Records compare by their bytes, so callers encode the sort key first,
//! big-endian.

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
    memory: Vec<Vec<u8>>,
    bytes: usize,
    runs: Vec<File>,
}

impl Spill {
    pub(super) fn new(budget: usize, dir: PathBuf) -> Spill {
        Spill {
            budget: budget.max(1),
            dir,
            memory: Vec::new(),
            bytes: 0,
            runs: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, rec: Vec<u8>) -> io::Result<()> {
        self.bytes += rec.len() + std::mem::size_of::<Vec<u8>>();
        self.memory.push(rec);
        if self.bytes >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Writes the records in memory as one sorted run.
    fn spill(&mut self) -> io::Result<()> {
        self.memory.sort_unstable();
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
        for r in self.memory.drain(..) {
            w.write_all(&(r.len() as u32).to_le_bytes())?;
            w.write_all(&r)?;
        }
        let mut file = w.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        self.runs.push(file);
        self.bytes = 0;
        Ok(())
    }

    /// All records in byte order.
    pub(super) fn into_sorted(
        mut self,
    ) -> io::Result<Box<dyn Iterator<Item = io::Result<Vec<u8>>>>> {
        if self.runs.is_empty() {
            self.memory.sort_unstable();
            return Ok(Box::new(self.memory.into_iter().map(Ok)));
        }
        if !self.memory.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<BufReader<File>> = self
            .runs
            .into_iter()
            .map(|f| BufReader::with_capacity(1 << 16, f))
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(rec) = read_record(r)? {
                heap.push(Reverse((rec, i)));
            }
        }
        Ok(Box::new(Merge { readers, heap }))
    }
}

fn read_record(r: &mut BufReader<File>) -> io::Result<Option<Vec<u8>>> {
    if r.fill_buf()?.is_empty() {
        return Ok(None);
    }
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let mut rec = vec![0u8; u32::from_le_bytes(len) as usize];
    r.read_exact(&mut rec)?;
    Ok(Some(rec))
}

/// The k-way merge of sorted runs.
struct Merge {
    readers: Vec<BufReader<File>>,
    heap: BinaryHeap<Reverse<(Vec<u8>, usize)>>,
}

impl Iterator for Merge {
    type Item = io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<io::Result<Vec<u8>>> {
        let Reverse((rec, i)) = self.heap.pop()?;
        match read_record(&mut self.readers[i]) {
            Ok(Some(next)) => self.heap.push(Reverse((next, i))),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(rec))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spills_sort_the_same_in_memory_and_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let recs: Vec<Vec<u8>> = (0..500u32)
            .map(|i| {
                (i.wrapping_mul(2_654_435_761) % 1000)
                    .to_be_bytes()
                    .to_vec()
            })
            .collect();
        let mut small = Spill::new(64, dir.path().to_path_buf());
        let mut big = Spill::new(1 << 20, dir.path().to_path_buf());
        for r in &recs {
            small.push(r.clone()).unwrap();
            big.push(r.clone()).unwrap();
        }
        assert!(small.runs.len() > 10);
        let a: Vec<Vec<u8>> = small.into_sorted().unwrap().map(Result::unwrap).collect();
        let b: Vec<Vec<u8>> = big.into_sorted().unwrap().map(Result::unwrap).collect();
        let mut want = recs.clone();
        want.sort();
        assert_eq!(a, want);
        assert_eq!(b, want);
    }
}
