//! The commands behind the CLI, callable without it.
//!
//! `main.rs` only turns arguments into these structs and maps the returned
//! [`Outcome`] to an exit code. Each command lives in its own file.

mod defaults;
mod eval;
mod explain;
mod extract;
mod extract_folder;
mod extract_tables;
mod lint;
mod report;
mod suggest;

pub use defaults::write_defaults;
pub use eval::{EvalArgs, eval};
pub use explain::{explain, explain_document, read_record};
pub use extract::{ExtractArgs, RunOptions, extract};
pub use lint::run_lint;
pub use report::{ReportArgs, report};
pub use suggest::{CorpusArgs, SuggestArgs, suggest};

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every document was processed.
    Clean,
    /// Some documents were rejected (listed in rejects.csv).
    SomeRejected,
    /// Bad arguments or configuration: nothing was processed.
    ConfigError,
    /// An output could not be written.
    OutputError,
    /// `evex lint` found problems.
    Findings,
    /// Stopped by this signal (SIGINT, SIGTERM) before the end; the output
    /// folder holds a checkpoint to resume from.
    Interrupted(i32),
}

impl Outcome {
    /// The process exit code documented in `--help` and README.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Clean => 0,
            Outcome::OutputError | Outcome::Findings => 1,
            Outcome::ConfigError => 2,
            Outcome::SomeRejected => 3,
            Outcome::Interrupted(signal) => 128 + signal,
        }
    }
}

/// Builds the pipeline, or says on stderr why it cannot be built.
fn load(config: &crate::pipeline::Config) -> Result<crate::pipeline::Pipeline, Outcome> {
    crate::pipeline::Pipeline::new(config).map_err(|e| {
        eprintln!("evex: {e}");
        Outcome::ConfigError
    })
}

/// Reports a rejected input on stderr, for runs without a rejects table.
fn print_reject(r: &crate::ingest::Reject) {
    let at = r.line.map(|l| format!(":{l}")).unwrap_or_default();
    let doc = r
        .doc_id
        .as_ref()
        .map(|id| format!(" (document {id})"))
        .unwrap_or_default();
    eprintln!(
        "evex: rejected {}{at}{doc}: {}: {}",
        r.source,
        r.reason.as_str(),
        r.detail
    );
}

/// Writes one output file (or stdout for `-`) through `write`; a broken
/// pipe on stdout is a normal end.
fn write_output(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let result = if path == Path::new("-") {
        let mut out = BufWriter::new(io::stdout().lock());
        write(&mut out).and_then(|()| out.flush())
    } else {
        let mut out = BufWriter::new(std::fs::File::create(path)?);
        write(&mut out).and_then(|()| out.flush())
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
