//! The commands behind the CLI, callable without it.
//!
//! `main.rs` only turns arguments into these structs and maps the returned
//! [`Outcome`] to an exit code. Each command lives in its own file.

mod explain;
mod extract;
mod extract_folder;

pub use explain::explain;
pub use extract::{ExtractArgs, RunOptions, extract};

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
    /// Stopped by this signal (SIGINT, SIGTERM) before the end; the output
    /// folder holds a checkpoint to resume from.
    Interrupted(i32),
}

impl Outcome {
    /// The process exit code documented in `--help` and README.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Clean => 0,
            Outcome::OutputError => 1,
            Outcome::ConfigError => 2,
            Outcome::SomeRejected => 3,
            Outcome::Interrupted(signal) => 128 + signal,
        }
    }
}
