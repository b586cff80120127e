//! An external merge sort of byte records: in memory while they fit a
//! budget, then in sorted runs in temporary files, merged at the end.
//! Records compare by their bytes, so callers encode the sort key first,
//! big-endian. Used for event groups and for the document ids of a run.
//!
//! **Memory is fixed, not proportional to the input.** The records in
//! memory lie end to end in one buffer of the budget's size (no allocation
//! per record, whose overhead the budget would not see), and a run of
//! [`FAN_IN`] runs of the same size is merged into one bigger run as soon
//! as it forms, so that no merge reads from more than a few dozen files at
//! once (each read through a 64 KB buffer). At the end the records still in
//! memory are spilled too, and the buffer freed, before the runs are
//! merged: sorting a small input then takes the same memory as sorting a
//! large one.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::PathBuf;

/// Runs merged at once: 32 × 64 KB of read buffers.
const FAN_IN: usize = 32;

/// Byte records sorted by their bytes, in memory while they fit the budget
/// and in sorted runs on disk after (an external merge sort).
pub struct Spill {
    budget: usize,
    dir: PathBuf,
    /// The records in memory, end to end.
    memory: Vec<u8>,
    /// Where each record in `memory` starts, and its length.
    spans: Vec<(usize, usize)>,
    /// Sorted runs on disk, each with its level: a run of level n + 1 is
    /// [`FAN_IN`] runs of level n merged.
    runs: Vec<(u32, File)>,
}

impl Spill {
    /// Keeps at most `budget` bytes of records in memory; runs go to
    /// temporary files in `dir`.
    pub fn new(budget: usize, dir: PathBuf) -> Spill {
        Spill {
            budget: budget.max(1),
            dir,
            memory: Vec::new(),
            spans: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// The bytes in memory, counted against the budget.
    fn used(&self) -> usize {
        self.memory.len() + self.spans.len() * std::mem::size_of::<(usize, usize)>()
    }

    /// Adds a record (spilling the ones in memory first when it would pass
    /// the budget).
    pub fn push(&mut self, rec: &[u8]) -> io::Result<()> {
        let span = std::mem::size_of::<(usize, usize)>();
        if !self.spans.is_empty() && self.used() + rec.len() + span > self.budget {
            self.spill()?;
        }
        if self.memory.capacity() == 0 {
            // The whole budget at once (up to a gigabyte): the buffer then
            // never grows by copying. Pages count only once written.
            self.memory.reserve_exact(self.budget.min(1 << 30));
        }
        self.spans.push((self.memory.len(), rec.len()));
        self.memory.extend_from_slice(rec);
        Ok(())
    }

    /// A temporary file in the spill folder.
    fn temp_file(&self) -> io::Result<File> {
        tempfile::tempfile_in(&self.dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "cannot create a temporary file in {} to sort on disk: {e}",
                    self.dir.display()
                ),
            )
        })
    }

    /// Writes the records in memory as one sorted run, then merges the
    /// last [`FAN_IN`] runs while they are of one level.
    fn spill(&mut self) -> io::Result<()> {
        let memory = &self.memory;
        let record = |&(at, len): &(usize, usize)| &memory[at..at + len];
        self.spans.sort_unstable_by(|a, b| record(a).cmp(record(b)));
        let mut w = BufWriter::with_capacity(1 << 16, self.temp_file()?);
        for span in &self.spans {
            let r = record(span);
            w.write_all(&(r.len() as u32).to_le_bytes())?;
            w.write_all(r)?;
        }
        self.runs.push((0, finished(w)?));
        self.memory.clear();
        self.spans.clear();
        while self.runs.len() >= FAN_IN {
            let level = self.runs[self.runs.len() - FAN_IN].0;
            if self.runs[self.runs.len() - FAN_IN..]
                .iter()
                .any(|(l, _)| *l != level)
            {
                break;
            }
            let merged = self.runs.split_off(self.runs.len() - FAN_IN);
            let mut w = BufWriter::with_capacity(1 << 16, self.temp_file()?);
            for rec in merge(merged.into_iter().map(|(_, f)| f).collect())? {
                let rec = rec?;
                w.write_all(&(rec.len() as u32).to_le_bytes())?;
                w.write_all(&rec)?;
            }
            self.runs.push((level + 1, finished(w)?));
        }
        Ok(())
    }

    /// All records in byte order.
    pub fn into_sorted(mut self) -> io::Result<Box<dyn Iterator<Item = io::Result<Vec<u8>>>>> {
        if !self.spans.is_empty() {
            self.spill()?;
        }
        let Spill { memory, runs, .. } = self;
        drop(memory);
        Ok(Box::new(merge(runs.into_iter().map(|(_, f)| f).collect())?))
    }
}

/// A run's file, flushed and rewound for reading.
fn finished(w: BufWriter<File>) -> io::Result<File> {
    let mut file = w.into_inner().map_err(|e| e.into_error())?;
    file.rewind()?;
    Ok(file)
}

/// The k-way merge of sorted runs.
fn merge(runs: Vec<File>) -> io::Result<Merge> {
    let mut readers: Vec<BufReader<File>> = runs
        .into_iter()
        .map(|f| BufReader::with_capacity(1 << 16, f))
        .collect();
    let mut heap = BinaryHeap::new();
    for (i, r) in readers.iter_mut().enumerate() {
        if let Some(rec) = read_record(r)? {
            heap.push(Reverse((rec, i)));
        }
    }
    Ok(Merge { readers, heap })
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
            small.push(r).unwrap();
            big.push(r).unwrap();
        }
        // 500 records of 4 bytes (plus 16 for each span) make 250 runs of
        // two, merged 32 at a time as they come.
        assert!(small.runs.len() < 2 * FAN_IN, "{} runs", small.runs.len());
        assert!(small.runs.iter().any(|(level, _)| *level == 1));
        let a: Vec<Vec<u8>> = small.into_sorted().unwrap().map(Result::unwrap).collect();
        let b: Vec<Vec<u8>> = big.into_sorted().unwrap().map(Result::unwrap).collect();
        let mut want = recs.clone();
        want.sort();
        assert_eq!(a, want);
        assert_eq!(b, want);
    }
}
