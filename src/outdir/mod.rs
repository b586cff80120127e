//! The output folder: every table written to a temporary file, all of them
//! moved into place together when the run ends.
//!
//! A long run must never leave files that look complete and are not, nor
//! destroy a complete earlier run before it has a complete one to put in
//! its place. So a run writes into a staging folder inside the output
//! folder (`DIR/.evex-partial/`), and only when it ends are the files
//! renamed into `DIR`, `summary.json` last: a folder whose `summary.json`
//! says `"complete": true` holds exactly the outputs of one finished run.
//! Renames within one file system are atomic, so at no point does `DIR`
//! hold a half-written table under a final name.
//!
//! While the run goes on, [`OutputFolder::checkpoint`] flushes and fsyncs
//! the staged files and records their lengths with the run's progress in
//! `.evex-partial/checkpoint.json` (written to a temporary name, fsynced,
//! renamed). After a crash, a resumed run cuts each file back to its
//! recorded length and appends: nothing written after the checkpoint
//! counts, nothing before it is lost.
//!
//! What may be in `DIR`: nothing, or the files of an earlier evex run (those
//! its `summary.json` lists), which the new run replaces as a whole. Other
//! files make [`OutputFolder::create`] refuse, unless forced; they are then
//! left alone.
//!
//! A new table plugs in with one line: [`OutputFolder::table`] (or
//! [`OutputFolder::file`] for a format of its own) hands out a writer for a
//! name, and the folder tracks, checkpoints and commits it with the rest.

mod checkpoint;
mod durable;

pub use checkpoint::{Checkpoint, RunFingerprint};
pub use durable::finish_commit;
use durable::write_durably;

use crate::emit::{CsvStyle, OutFormat, Table, TableWriter};
use crate::fault;
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};

/// The staging folder inside the output folder.
pub const STAGING: &str = ".evex-partial";
/// The run record, written last.
pub const SUMMARY: &str = "summary.json";
const CHECKPOINT: &str = "checkpoint.json";

/// Why an output folder cannot be used. Reported before any document is
/// read.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error(
        "cannot use {dir} as the output folder: it is a file; name a folder (or `-` for stdout)"
    )]
    NotAFolder { dir: String },
    #[error("cannot use {dir} as the output folder: {message}")]
    Io { dir: String, message: String },
    #[error(
        "{dir} holds files that are not from an evex run ({files}); choose an empty or new folder, or pass --force to write there anyway (evex then replaces only its own files)"
    )]
    Foreign { dir: String, files: String },
    #[error(
        "{dir} holds an interrupted run ({done} documents done, started {started}): continue it with --resume, or pass --force to discard it and start again"
    )]
    Interrupted {
        dir: String,
        done: u64,
        started: String,
    },
    #[error("cannot resume the run in {dir}: {reason}")]
    Resume { dir: String, reason: String },
}

/// The files of the earlier run that a folder holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EarlierRun {
    /// Its outputs, `summary.json` excluded.
    pub outputs: Vec<String>,
    /// When it ended, if its summary says.
    pub ended_at: Option<String>,
}

/// An output folder with a run in progress.
#[derive(Debug)]
pub struct OutputFolder {
    dir: PathBuf,
    staging: PathBuf,
    earlier: Option<EarlierRun>,
    /// Staged files, in the order they were handed out.
    files: Vec<(String, File)>,
    /// Lengths to cut staged files back to (a resumed run).
    resumed: Option<BTreeMap<String, u64>>,
    /// The thread that writes staged files out ahead of the checkpoints
    /// ([`OutputFolder::write_back`]), once started.
    write_back: Option<SyncSender<Vec<PathBuf>>>,
}

/// A file of the output folder: writes go to the staged file, and errors
/// name it.
pub struct OutputFile {
    file: File,
    path: PathBuf,
    continued: bool,
}

impl OutputFile {
    /// Does the file already hold the beginning of the table (a resumed
    /// run)?
    pub fn is_continued(&self) -> bool {
        self.continued
    }

    fn named(&self, e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("{}: {e}", self.path.display()))
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        fault::write(buf.len()).map_err(|e| self.named(e))?;
        self.file.write(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(|e| self.named(e))
    }
}

impl OutputFolder {
    /// Opens `dir` for a new run: creates it if needed, checks that it
    /// holds nothing but an earlier evex run (or `force`), and makes an
    /// empty staging folder. An interrupted run's staging folder is kept
    /// for `--resume` unless `force`.
    pub fn create(dir: &Path, force: bool) -> Result<OutputFolder, FolderError> {
        let earlier = inspect(dir, force)?;
        let staging = dir.join(STAGING);
        if staging.exists() {
            if !force && let Some(cp) = Checkpoint::load(&staging.join(CHECKPOINT)) {
                return Err(FolderError::Interrupted {
                    dir: dir.display().to_string(),
                    done: cp.summary_count("documents_read"),
                    started: cp.started_at.clone(),
                });
            }
            fs::remove_dir_all(&staging).map_err(|e| io_error(dir, &staging, e))?;
        }
        fs::create_dir(&staging).map_err(|e| io_error(dir, &staging, e))?;
        Ok(OutputFolder {
            dir: dir.to_path_buf(),
            staging,
            earlier,
            files: Vec::new(),
            resumed: None,
            write_back: None,
        })
    }

    /// Opens `dir` to continue the interrupted run it holds: `Ok(None)` when
    /// there is none. The checkpoint's fingerprint must equal `expected`.
    pub fn resume(
        dir: &Path,
        force: bool,
        expected: &RunFingerprint,
    ) -> Result<Option<(OutputFolder, Checkpoint)>, FolderError> {
        if !dir.join(STAGING).join(CHECKPOINT).exists() {
            return Ok(None);
        }
        let earlier = inspect(dir, force)?;
        let staging = dir.join(STAGING);
        let path = staging.join(CHECKPOINT);
        let cp = Checkpoint::load(&path).ok_or_else(|| FolderError::Resume {
            dir: dir.display().to_string(),
            reason: format!(
                "{} cannot be read; start again with --force",
                path.display()
            ),
        })?;
        if let Some(what) = cp.fingerprint.differences(expected) {
            return Err(FolderError::Resume {
                dir: dir.display().to_string(),
                reason: format!(
                    "the {what} differ from the interrupted run's; rerun with exactly the same inputs and options (the interrupted run's command: {}), or pass --force without --resume to start again",
                    cp.command_line.join(" ")
                ),
            });
        }
        let folder = OutputFolder {
            dir: dir.to_path_buf(),
            staging,
            earlier,
            files: Vec::new(),
            resumed: Some(cp.files.clone()),
            write_back: None,
        };
        Ok(Some((folder, cp)))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the run's files are until it ends.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// The earlier run the folder holds, which this run will replace.
    pub fn earlier_run(&self) -> Option<&EarlierRun> {
        self.earlier.as_ref()
    }

    /// A staged output file named `name` (`events.csv`). In a resumed run,
    /// a file the checkpoint knows is cut back to its recorded length and
    /// continued.
    pub fn file(&mut self, name: &str) -> io::Result<OutputFile> {
        let path = self.staging.join(name);
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let keep = self.resumed.as_ref().and_then(|r| r.get(name).copied());
        let mut file = match keep {
            Some(len) => {
                let mut f = OpenOptions::new().write(true).open(&path).map_err(named)?;
                f.set_len(len).map_err(named)?;
                f.seek(SeekFrom::End(0)).map_err(named)?;
                f
            }
            None => File::create(&path).map_err(named)?,
        };
        file.flush().map_err(named)?;
        let tracked = file.try_clone().map_err(named)?;
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), tracked));
        Ok(OutputFile {
            file,
            path,
            continued: keep.is_some(),
        })
    }

    /// A table written as `NAME.EXT` in `format`: a new file with its
    /// header, or in a resumed run the staged file continued.
    pub fn table(
        &mut self,
        name: &str,
        format: OutFormat,
        columns: &[&str],
        style: CsvStyle,
    ) -> io::Result<TableWriter> {
        let file = self.file(&format!("{name}.{}", format.extension()))?;
        if file.is_continued() {
            TableWriter::continuing(Box::new(file), format, columns, style)
        } else {
            TableWriter::with_style(Box::new(file), format, columns, style)
        }
    }

    /// Where the staged file `name` is (to read it back, or to have a
    /// library that wants a path write it whole: then [`OutputFolder::track`]
    /// it).
    pub fn staged(&self, name: &str) -> PathBuf {
        self.staging.join(name)
    }

    /// Adds `name`, a file written whole into the staging folder by other
    /// means (a workbook made at the end), to the run's outputs.
    pub fn track(&mut self, name: &str) -> io::Result<()> {
        let path = self.staging.join(name);
        let file = File::open(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.files.retain(|(n, _)| n != name);
        self.files.push((name.to_string(), file));
        Ok(())
    }

    /// Takes `name` out of the run's outputs: a working file (the JSON
    /// Lines tables a workbook is made from) that stays in the staging
    /// folder, and goes with it, when the run is committed.
    pub fn untrack(&mut self, name: &str) {
        self.files.retain(|(n, _)| n != name);
    }

    /// The names of the run's outputs (the staged files but working
    /// ones), sorted.
    pub fn outputs(&self) -> Vec<String> {
        let mut names: Vec<String> = self.files.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        names
    }

    /// Fsyncs every staged file and returns their lengths. The writers
    /// must have been flushed.
    fn sync(&self) -> io::Result<BTreeMap<String, u64>> {
        let mut lengths = BTreeMap::new();
        for (name, f) in &self.files {
            let path = self.staging.join(name);
            let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
            f.sync_data().map_err(named)?;
            lengths.insert(name.clone(), f.metadata().map_err(named)?.len());
        }
        Ok(lengths)
    }

    /// Starts writing what the staged files hold out to disk, in the
    /// background, unless that is still under way from the last call.
    ///
    /// The kernel would otherwise keep a whole run's tables in memory until
    /// the checkpoint at its end, whose fsyncs then wait for all of it (a
    /// third of a second for 150 MB of CSV, longer than some runs take to
    /// group their events); written out as the run goes, the disk works
    /// while the run computes. Durability is unchanged: only checkpoints
    /// count, and they fsync as before. The thread opens each file anew, so
    /// that a write error it meets is still reported to the checkpoint's
    /// fsync (Linux reports such an error to every open file description),
    /// and ignores errors itself.
    pub fn write_back(&mut self) {
        let paths: Vec<PathBuf> = self
            .files
            .iter()
            .map(|(name, _)| self.staging.join(name))
            .collect();
        if self.write_back.is_none() {
            // A rendezvous channel: a request is taken only while the
            // thread is idle, and dropping the folder ends the thread.
            let (tx, rx) = sync_channel::<Vec<PathBuf>>(0);
            let spawned = std::thread::Builder::new()
                .name("evex-write-back".into())
                .spawn(move || {
                    for paths in rx {
                        for p in paths {
                            if let Ok(f) = File::open(&p) {
                                let _ = f.sync_data();
                            }
                        }
                    }
                });
            if spawned.is_err() {
                return;
            }
            self.write_back = Some(tx);
        }
        if let Some(tx) = &self.write_back {
            let _ = tx.try_send(paths);
        }
    }

    /// Records a checkpoint: the staged files are fsynced, their lengths
    /// go into `cp`, and `cp` is written atomically. The writers must have
    /// been flushed.
    pub fn checkpoint(&self, cp: &mut Checkpoint) -> io::Result<()> {
        cp.files = self.sync()?;
        cp.save(&self.staging.join(CHECKPOINT))
    }

    /// Ends an interrupted run: a checkpoint, and `summary` (saying
    /// `"complete": false`) beside the staged files. The folder's earlier
    /// run is untouched.
    pub fn suspend(&self, cp: &mut Checkpoint, summary: &[u8]) -> io::Result<()> {
        write_durably(&self.staging.join(SUMMARY), summary)?;
        self.checkpoint(cp)
    }

    /// Ends a finished run: the staged files replace the earlier run's,
    /// `summary` last. `cp` is saved first with `complete` set, so that a
    /// crash in between is finished by `--resume`.
    pub fn commit(self, cp: &mut Checkpoint, summary: &[u8]) -> io::Result<()> {
        write_durably(&self.staging.join(SUMMARY), summary)?;
        cp.complete = true;
        cp.replaces = self
            .earlier
            .as_ref()
            .map(|e| e.outputs.clone())
            .unwrap_or_default();
        self.checkpoint(cp)?;
        finish_commit(&self.dir, cp)
    }

    /// Drops the run: the staging folder is removed, the folder's earlier
    /// run stays as it was.
    pub fn abandon(self) -> io::Result<()> {
        fs::remove_dir_all(&self.staging)
    }
}

/// Looks at what `dir` holds: creates it when missing; the earlier run's
/// files if any; refuses other files unless `force`.
fn inspect(dir: &Path, force: bool) -> Result<Option<EarlierRun>, FolderError> {
    let shown = || dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        return Err(FolderError::NotAFolder { dir: shown() });
    }
    fs::create_dir_all(dir).map_err(|e| FolderError::Io {
        dir: shown(),
        message: e.to_string(),
    })?;
    let earlier = read_earlier(dir);
    // A run that crashed while moving its files into place owns them too.
    let staged = Checkpoint::load(&dir.join(STAGING).join(CHECKPOINT));
    let owned = |n: &String| {
        n == STAGING
            || n == SUMMARY
            || earlier.as_ref().is_some_and(|r| r.outputs.contains(n))
            || staged
                .as_ref()
                .is_some_and(|cp| cp.files.contains_key(n) || cp.replaces.contains(n))
    };
    let entries = fs::read_dir(dir).map_err(|e| FolderError::Io {
        dir: shown(),
        message: e.to_string(),
    })?;
    let mut foreign: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !owned(n))
        .collect();
    if !foreign.is_empty() && !force {
        foreign.sort();
        let more = foreign.len().saturating_sub(3);
        foreign.truncate(3);
        let mut files = foreign.join(", ");
        if more > 0 {
            files.push_str(&format!(" and {more} more"));
        }
        return Err(FolderError::Foreign {
            dir: shown(),
            files,
        });
    }
    Ok(earlier)
}

/// The earlier run in `dir`, from its `summary.json`. A summary without an
/// `outputs` list (written by evex before 0.2) owns the tables evex then
/// wrote: any of the tables, as CSV or JSON Lines, and a workbook.
fn read_earlier(dir: &Path) -> Option<EarlierRun> {
    let text = fs::read(dir.join(SUMMARY)).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&text).ok()?;
    v.get("documents_read")?;
    let outputs = match v.get("outputs").and_then(|o| o.as_array()) {
        Some(list) => list
            .iter()
            .filter_map(|x| x.as_str())
            .filter(|n| is_plain_name(n))
            .map(str::to_string)
            .collect(),
        None => <Table as clap::ValueEnum>::value_variants()
            .iter()
            .flat_map(|t| ["csv", "jsonl"].map(|e| format!("{}.{e}", t.name())))
            .chain(["evex.xlsx".to_string()])
            .filter(|n| dir.join(n).exists())
            .collect(),
    };
    Some(EarlierRun {
        outputs,
        ended_at: v
            .get("ended_at")
            .and_then(|x| x.as_str())
            .map(str::to_string),
    })
}

/// A file name without a path: what an output list may name (a tampered
/// summary must not make evex delete files elsewhere).
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name != SUMMARY
        && name != STAGING
        && !name.contains(['/', '\\'])
}

fn io_error(dir: &Path, path: &Path, e: io::Error) -> FolderError {
    FolderError::Io {
        dir: dir.display().to_string(),
        message: format!("{}: {e}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint() -> RunFingerprint {
        RunFingerprint {
            inputs: "i".into(),
            options: "o".into(),
            gazetteer: "g".into(),
            rules: "r".into(),
            patterns: "p".into(),
        }
    }

    fn checkpoint() -> Checkpoint {
        Checkpoint::new(fingerprint(), vec!["evex".into()], "t0".into())
    }

    fn write(folder: &mut OutputFolder, name: &str, text: &str) {
        let mut f = folder.file(name).expect("staged file");
        f.write_all(text.as_bytes()).expect("write");
    }

    #[test]
    fn a_finished_run_replaces_the_earlier_one_as_a_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("out");
        let mut first = OutputFolder::create(&dir, false).expect("create");
        write(&mut first, "events.csv", "old events\n");
        write(&mut first, "entities.csv", "old entities\n");
        let mut cp = checkpoint();
        let summary = br#"{"documents_read": 1, "outputs": ["events.csv", "entities.csv"]}"#;
        first.commit(&mut cp, summary).expect("commit");
        assert_eq!(
            fs::read_to_string(dir.join("events.csv")).unwrap(),
            "old events\n"
        );
        assert!(!dir.join(STAGING).exists());

        // The second run writes JSON Lines: the old CSV files go.
        let mut second = OutputFolder::create(&dir, false).expect("create");
        assert_eq!(second.earlier_run().map(|r| r.outputs.len()), Some(2));
        write(&mut second, "events.jsonl", "{}\n");
        // Until the commit, the earlier run is intact.
        assert_eq!(
            fs::read_to_string(dir.join("events.csv")).unwrap(),
            "old events\n"
        );
        let mut cp = checkpoint();
        second
            .commit(
                &mut cp,
                br#"{"documents_read": 2, "outputs": ["events.jsonl"]}"#,
            )
            .expect("commit");
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["events.jsonl", "summary.json"]);
    }

    #[test]
    fn other_files_are_refused_unless_forced_and_then_kept() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let err = OutputFolder::create(tmp.path(), false).unwrap_err();
        assert!(matches!(err, FolderError::Foreign { .. }), "{err}");
        assert!(
            err.to_string().contains("(notes.txt); choose an empty"),
            "{err}"
        );
        let mut folder = OutputFolder::create(tmp.path(), true).expect("forced");
        write(&mut folder, "events.csv", "e\n");
        folder
            .commit(
                &mut checkpoint(),
                br#"{"documents_read": 0, "outputs": ["events.csv"]}"#,
            )
            .expect("commit");
        assert_eq!(
            fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_resumed_file_is_cut_back_to_its_checkpoint() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let mut folder = OutputFolder::create(dir, false).expect("create");
        write(&mut folder, "events.csv", "h\nrow1\n");
        let mut cp = checkpoint();
        folder.checkpoint(&mut cp).expect("checkpoint");
        // Written after the checkpoint, then a crash.
        write_tail(dir, "events.csv", "row2 (lost)");
        drop(folder);

        let err = OutputFolder::create(dir, false).unwrap_err();
        assert!(matches!(err, FolderError::Interrupted { .. }), "{err}");
        let mut other = fingerprint();
        other.rules = "changed".into();
        let err = OutputFolder::resume(dir, false, &other).unwrap_err();
        assert!(err.to_string().contains("the rules differ"), "{err}");

        let (mut folder, cp) = OutputFolder::resume(dir, false, &fingerprint())
            .expect("resume")
            .expect("a run to resume");
        assert_eq!(cp.files.get("events.csv"), Some(&7));
        let mut f = folder.file("events.csv").expect("continued");
        assert!(f.is_continued());
        f.write_all(b"row2\n").unwrap();
        let got = fs::read_to_string(dir.join(STAGING).join("events.csv")).unwrap();
        assert_eq!(got, "h\nrow1\nrow2\n");
    }

    #[test]
    fn a_commit_cut_short_by_a_crash_is_finished_later() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        fs::write(
            dir.join(SUMMARY),
            br#"{"documents_read": 1, "outputs": ["old.csv"]}"#,
        )
        .unwrap();
        fs::write(dir.join("old.csv"), "old").unwrap();
        let mut folder = OutputFolder::create(dir, false).expect("create");
        write(&mut folder, "a.csv", "a\n");
        write(&mut folder, "b.csv", "b\n");
        // What `commit` does before moving files, then a crash after the
        // first rename.
        write_durably(&dir.join(STAGING).join(SUMMARY), b"{\"documents_read\": 2}").unwrap();
        let mut cp = checkpoint();
        cp.complete = true;
        cp.replaces = vec!["old.csv".into()];
        folder.checkpoint(&mut cp).expect("checkpoint");
        fs::remove_file(dir.join(SUMMARY)).unwrap();
        fs::rename(dir.join(STAGING).join("a.csv"), dir.join("a.csv")).unwrap();

        let (_, cp) = OutputFolder::resume(dir, false, &fingerprint())
            .expect("resume")
            .expect("a run to finish");
        assert!(cp.complete);
        finish_commit(dir, &cp).expect("finish");
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.csv", "b.csv", "summary.json"]);
        assert_eq!(
            fs::read_to_string(dir.join(SUMMARY)).unwrap(),
            "{\"documents_read\": 2}"
        );
    }

    fn write_tail(dir: &Path, name: &str, text: &str) {
        let mut f = OpenOptions::new()
            .append(true)
            .open(dir.join(STAGING).join(name))
            .unwrap();
        f.write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn output_lists_cannot_name_files_elsewhere() {
        assert!(is_plain_name("events.csv"));
        for bad in ["", "..", "../x", "/etc/passwd", "a\\b", SUMMARY, STAGING] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
