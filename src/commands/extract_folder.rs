//! `evex extract --out DIR`: a run that writes a folder, and never loses
//! work.
//!
//! The tables go to an [`OutputFolder`] (staged, then moved into place
//! together). Every `--checkpoint-seconds` the writer flushes and fsyncs
//! them and records how many input items are done; SIGINT/SIGTERM stop the
//! run at the next item with a final checkpoint; `--resume` continues from
//! the checkpoint with the same inputs and options (checked by
//! fingerprint), so the two runs write exactly what one would have.

use super::Outcome;
use super::extract::{ExtractArgs, outcome, print_summary};
use super::extract_tables::{RunTables, WORKBOOK};
use crate::batch::{self, BatchOptions, Control, Summary};
use crate::emit::OutFormat;
use crate::fingerprint::Fingerprinter;
use crate::ingest::InputFile;
use crate::interrupt;
use crate::outdir::{self, Checkpoint, OutputFolder, RunFingerprint};
use crate::pipeline::Pipeline;
use std::io::{self, BufRead};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Instant, SystemTime};

/// Runs `evex extract` into the folder `args.out`.
pub(super) fn run(
    args: &ExtractArgs,
    pipeline: &Pipeline,
    files: &[InputFile],
    batch_opts: &BatchOptions,
) -> Outcome {
    let dir = Path::new(&args.out);
    let fingerprint = run_fingerprint(args, pipeline, files);
    let (folder, cp) = match open(args, dir, files, &fingerprint) {
        Ok(Opened::Run(folder, cp)) => (folder, *cp),
        Ok(Opened::Done(outcome)) => return outcome,
        Err(msg) => {
            eprintln!("evex: {msg}");
            return Outcome::ConfigError;
        }
    };
    let stop = interrupt::install().unwrap_or_else(|e| {
        eprintln!("evex: cannot catch Ctrl-C ({e}): an interrupted run will resume from its last periodic checkpoint");
        Arc::new(AtomicBool::new(false))
    });
    match write_run(args, pipeline, files, batch_opts, folder, cp, stop) {
        Ok(outcome) => outcome,
        Err(e) => {
            eprintln!("evex: cannot write output: {e}");
            eprintln!(
                "evex: the last checkpoint is kept in {}: fix the cause (free some space?) and continue with: {}",
                dir.join(outdir::STAGING).display(),
                resume_command(&args.run.command_line)
            );
            Outcome::OutputError
        }
    }
}

enum Opened {
    /// A run to write: new, or continued from its checkpoint.
    Run(OutputFolder, Box<Checkpoint>),
    /// Nothing left to do (a resumed run that had already ended).
    Done(Outcome),
}

/// Opens the output folder for a new run or a resumed one.
fn open(
    args: &ExtractArgs,
    dir: &Path,
    files: &[InputFile],
    fingerprint: &RunFingerprint,
) -> Result<Opened, String> {
    let force = args.run.force;
    if args.run.resume {
        if let Some(stream) = files.iter().find(|f| !is_replayable(f)) {
            return Err(format!(
                "cannot resume: the input {} is a stream (stdin or a pipe), which cannot be read again from the start",
                stream.display
            ));
        }
        match OutputFolder::resume(dir, force, fingerprint).map_err(|e| e.to_string())? {
            Some((_, cp)) if cp.complete => {
                // A crash while the finished run's files were moved into
                // place: finish moving them.
                outdir::finish_commit(dir, &cp)
                    .map_err(|e| format!("cannot finish the run in {}: {e}", dir.display()))?;
                eprintln!(
                    "evex: the run in {} had finished; its files are now in place",
                    dir.display()
                );
                let summary = Summary {
                    documents_rejected: cp.summary_count("documents_rejected"),
                    ..Summary::default()
                };
                return Ok(Opened::Done(outcome(args, &summary)));
            }
            Some((folder, mut cp)) => {
                cp.resumed_at.push(now());
                if !args.quiet {
                    eprintln!(
                        "evex: resuming the run in {} after {} documents",
                        dir.display(),
                        cp.summary_count("documents_read")
                    );
                }
                return Ok(Opened::Run(folder, Box::new(cp)));
            }
            None => {
                if !args.quiet {
                    eprintln!(
                        "evex: no interrupted run in {}: starting from the beginning",
                        dir.display()
                    );
                }
            }
        }
    }
    let folder = OutputFolder::create(dir, force).map_err(|e| e.to_string())?;
    let cp = Checkpoint::new(fingerprint.clone(), args.run.command_line.clone(), now());
    Ok(Opened::Run(folder, Box::new(cp)))
}

/// How often the writer has the staged files written out ahead of the
/// checkpoints ([`OutputFolder::write_back`]): often enough that little is
/// left for the last checkpoint to wait for, seldom enough that the extra
/// fsyncs cost nothing to speak of.
const WRITE_BACK_SECONDS: f64 = 0.5;

/// Writes the run; `Err` is an output error (the last checkpoint is kept).
fn write_run(
    args: &ExtractArgs,
    pipeline: &Pipeline,
    files: &[InputFile],
    batch_opts: &BatchOptions,
    mut folder: OutputFolder,
    mut cp: Checkpoint,
    stop: Arc<AtomicBool>,
) -> io::Result<Outcome> {
    let tables = RunTables::new(args);
    let mut sinks = tables.sinks(&mut folder)?;
    let resumed: Option<Summary> = if cp.summary.is_null() {
        None
    } else {
        Some(serde_json::from_value(cp.summary.clone()).map_err(io::Error::other)?)
    };
    // The first checkpoint: the headers are on disk.
    sinks.flush()?;
    folder.checkpoint(&mut cp)?;
    let every = args.run.checkpoint_seconds.max(0.0);
    let mut last = Instant::now();
    let mut last_write_back = Instant::now();
    let skip = cp.items_done;
    let ended = {
        let mut after_chunk =
            |sinks: &mut batch::Sinks, summary: &dyn Fn() -> Summary, done: u64| {
                if last_write_back.elapsed().as_secs_f64() >= WRITE_BACK_SECONDS {
                    folder.write_back();
                    last_write_back = Instant::now();
                }
                if last.elapsed().as_secs_f64() < every {
                    return Ok(());
                }
                sinks.flush()?;
                cp.items_done = done;
                cp.summary = serde_json::to_value(summary()).map_err(io::Error::other)?;
                folder.checkpoint(&mut cp)?;
                last = Instant::now();
                Ok(())
            };
        let mut control = Control {
            resumed,
            skip,
            stop,
            after_chunk: &mut after_chunk,
        };
        batch::run_with(
            pipeline,
            files,
            &args.ingest,
            &mut sinks,
            batch_opts,
            &mut |r| super::print_reject(r),
            &mut control,
        )?
    };
    let collector = sinks.extra.groups.take();
    drop(sinks);
    let mut summary = ended.summary;
    cp.items_done = ended.items_done;
    cp.summary = serde_json::to_value(&summary).map_err(io::Error::other)?;
    let dir = folder.dir().to_path_buf();
    if ended.stopped {
        let record = summary_json(&cp, &summary, false, &folder.outputs());
        folder.suspend(&mut cp, &record)?;
        let signal = interrupt::received().unwrap_or(signal_hook::consts::SIGINT);
        eprintln!(
            "evex: stopped by {} after {} documents ({} processed, {} rejected); what is done is in {} (its summary.json says \"complete\": false){}",
            interrupt::name(signal),
            summary.documents_read,
            summary.documents_processed,
            summary.documents_rejected,
            folder.staging().display(),
            if folder.earlier_run().is_some() {
                format!("; {} still holds the earlier run, unchanged", dir.display())
            } else {
                String::new()
            }
        );
        eprintln!(
            "evex: to continue where it stopped: {}",
            resume_command(&args.run.command_line)
        );
        return Ok(Outcome::Interrupted(signal));
    }
    if summary.documents_processed == 0
        && let Some(earlier) = folder.earlier_run()
    {
        // A mistyped path must not replace a good run with empty tables.
        let when = earlier
            .ended_at
            .as_ref()
            .map(|t| format!(" (ended {t})"))
            .unwrap_or_default();
        let msg = format!(
            "evex: no document was processed ({} read, {} rejected), so {} keeps the earlier run{when}, unchanged",
            summary.documents_read,
            summary.documents_rejected,
            dir.display(),
        );
        echo_rejects(
            &folder.staged(&format!("rejects.{}", args.format.extension())),
            args.format == OutFormat::Csv,
        );
        folder.abandon()?;
        eprintln!("{msg}");
        return Ok(outcome(args, &summary));
    }
    if let Some(collector) = collector {
        // The tables written so far go to disk while the groups are formed.
        folder.write_back();
        tables.group(&mut folder, collector, &mut summary)?;
        cp.summary = serde_json::to_value(&summary).map_err(io::Error::other)?;
    }
    if tables.makes_workbook() {
        let record = summary_record(&cp, &summary, true, &[WORKBOOK.to_string()]);
        tables.workbook(&mut folder, &record)?;
    }
    let record = summary_json(&cp, &summary, true, &folder.outputs());
    folder.commit(&mut cp, &record)?;
    if !args.quiet {
        print_summary(&summary, tables.rejects_at(&dir).as_deref());
    }
    Ok(outcome(args, &summary))
}

/// `summary.json`: what the run was (command, version, fingerprints,
/// times, files) and what it found (the batch summary).
fn summary_json(cp: &Checkpoint, summary: &Summary, complete: bool, outputs: &[String]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&summary_record(cp, summary, complete, outputs))
        .unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// What [`summary_json`] writes.
fn summary_record(
    cp: &Checkpoint,
    summary: &Summary,
    complete: bool,
    outputs: &[String],
) -> serde_json::Value {
    let mut record = serde_json::Map::new();
    let mut put = |k: &str, v: serde_json::Value| {
        record.insert(k.to_string(), v);
    };
    put("complete", complete.into());
    put("evex_version", cp.evex_version.clone().into());
    put("command_line", cp.command_line.clone().into());
    put("started_at", cp.started_at.clone().into());
    if !cp.resumed_at.is_empty() {
        put("resumed_at", cp.resumed_at.clone().into());
    }
    put("ended_at", now().into());
    put(
        "fingerprints",
        serde_json::to_value(&cp.fingerprint).unwrap_or_default(),
    );
    put("outputs", outputs.to_vec().into());
    if let Ok(serde_json::Value::Object(counts)) = serde_json::to_value(summary) {
        record.extend(counts);
    }
    serde_json::Value::Object(record)
}

/// What must not change between a run and its resumption.
fn run_fingerprint(args: &ExtractArgs, pipeline: &Pipeline, files: &[InputFile]) -> RunFingerprint {
    let mut inputs = Fingerprinter::new();
    for f in files {
        inputs.part(f.display.as_bytes());
        if let Some(m) = f.path.as_ref().and_then(|p| std::fs::metadata(p).ok()) {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            inputs
                .part(&m.len().to_le_bytes())
                .part(&modified.to_le_bytes());
        }
    }
    let mut options = Fingerprinter::new();
    options
        .part(format!("{:?}", args.format).as_bytes())
        .part(format!("{:?}", args.ingest).as_bytes())
        .part(format!("{:?} {:?}", args.tables, args.csv_style).as_bytes())
        .part(&args.groups.window_days.to_le_bytes())
        .part(&[
            args.config.merge_events as u8,
            args.config.include_generic as u8,
            args.batch.unique_ids as u8,
            args.per_document as u8,
        ]);
    let loaded = pipeline.fingerprints();
    RunFingerprint {
        inputs: inputs.finish(),
        options: options.finish(),
        gazetteer: loaded.gazetteer.clone(),
        rules: loaded.rules.clone(),
        patterns: loaded.patterns.clone(),
    }
}

/// Can this input be read again from its start (a regular file)?
fn is_replayable(f: &InputFile) -> bool {
    f.reject.is_some()
        || f.path
            .as_ref()
            .is_some_and(|p| std::fs::metadata(p).map_or(true, |m| m.is_file()))
}

/// The command to continue the run: the same command with `--resume`.
fn resume_command(command_line: &[String]) -> String {
    if command_line.is_empty() {
        return "the same command with --resume".into();
    }
    let mut words: Vec<String> = command_line.iter().map(|w| shell_word(w)).collect();
    if !command_line.iter().any(|w| w == "--resume") {
        words.push("--resume".into());
    }
    words.join(" ")
}

/// `w` quoted for a POSIX shell when it needs it.
fn shell_word(w: &str) -> String {
    let plain = !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b));
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// Shows the first rejects of a run whose tables are dropped (after the
/// header row of a CSV table).
fn echo_rejects(path: &Path, header: bool) {
    let Ok(f) = std::fs::File::open(path) else {
        return;
    };
    let skip = usize::from(header);
    let lines: Vec<String> = io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .skip(skip)
        .take(20)
        .collect();
    for line in lines.iter().take(19) {
        eprintln!("evex: rejected: {line}");
    }
    if lines.len() > 19 {
        eprintln!("evex: rejected: ...");
    }
}

fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_commands_are_quoted_for_a_shell() {
        let cmd: Vec<String> = ["evex", "extract", "my dump/", "--out", "it's"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            resume_command(&cmd),
            r"evex extract 'my dump/' --out 'it'\''s' --resume"
        );
    }
}
