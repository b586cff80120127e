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
//! memory are sorted where they are and merged with the runs on disk: the
//! end of a sort takes at most the budget it took while records were
//! added, plus the merge's read buffers.

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
        self.sort_memory();
        let memory = &self.memory;
        let record = |&(at, len): &(usize, usize)| &memory[at..at + len];
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

    /// Sorts the records in memory. Most records differ in their first
    /// eight bytes (a group id, an event number, a key's hash), so those
    /// are compared as one number before the rest as bytes: a call to
    /// `memcmp` per comparison made the sort most of the cost of spilling.
    fn sort_memory(&mut self) {
        let memory = &self.memory;
        let record = |&(at, len): &(usize, usize)| &memory[at..at + len];
        let head = |r: &[u8]| r.first_chunk::<8>().map(|h| u64::from_be_bytes(*h));
        self.spans.sort_unstable_by(|a, b| {
            let (a, b) = (record(a), record(b));
            match (head(a), head(b)) {
                (Some(x), Some(y)) => x.cmp(&y).then_with(|| a[8..].cmp(&b[8..])),
                _ => a.cmp(b),
            }
        });
    }

    /// All records in byte order. The records still in memory are merged
    /// from there with the runs on disk (if any): writing them out only
    /// to read them back cost a copy and two system calls per 64 KB, and
    /// the memory they take (at most the budget) is what the collection
    /// held anyway.
    pub fn into_sorted(mut self) -> io::Result<Box<dyn Iterator<Item = io::Result<Vec<u8>>>>> {
        self.sort_memory();
        let Spill {
            memory,
            spans,
            runs,
            ..
        } = self;
        let mut sources: Vec<Source> = runs
            .into_iter()
            .map(|(_, f)| Source::File(BufReader::with_capacity(1 << 16, f)))
            .collect();
        if !spans.is_empty() {
            sources.push(Source::Memory {
                memory,
                spans: spans.into_iter(),
            });
        }
        Ok(Box::new(Merge::new(sources)?))
    }
}

/// Where a merge reads a sorted run: a file, or the records left in
/// memory (by their sorted spans).
enum Source {
    File(BufReader<File>),
    Memory {
        memory: Vec<u8>,
        spans: std::vec::IntoIter<(usize, usize)>,
    },
}

impl Source {
    fn next_record(&mut self) -> io::Result<Option<Vec<u8>>> {
        match self {
            Source::File(r) => read_record(r),
            Source::Memory { memory, spans } => {
                Ok(spans.next().map(|(at, len)| memory[at..at + len].to_vec()))
            }
        }
    }
}

/// A run's file, flushed and rewound for reading.
fn finished(w: BufWriter<File>) -> io::Result<File> {
    let mut file = w.into_inner().map_err(|e| e.into_error())?;
    file.rewind()?;
    Ok(file)
}

/// The k-way merge of sorted runs on disk.
fn merge(runs: Vec<File>) -> io::Result<Merge> {
    Merge::new(
        runs.into_iter()
            .map(|f| Source::File(BufReader::with_capacity(1 << 16, f)))
            .collect(),
    )
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
    readers: Vec<Source>,
    heap: BinaryHeap<Reverse<(Vec<u8>, usize)>>,
}

impl Merge {
    fn new(mut readers: Vec<Source>) -> io::Result<Merge> {
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            if let Some(rec) = r.next_record()? {
                heap.push(Reverse((rec, i)));
            }
        }
        Ok(Merge { readers, heap })
    }
}

impl Iterator for Merge {
    type Item = io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<io::Result<Vec<u8>>> {
        let Reverse((rec, i)) = self.heap.pop()?;
        match self.readers[i].next_record() {
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
