//! `evex eval`: precision and recall against annotated passages, and where
//! the errors come from.

use super::Outcome;
use crate::eval::{evaluate, read_gold, render_text};
use crate::pipeline::Config;
use std::io::{self, Write};
use std::path::PathBuf;

/// Everything `evex eval` needs.
#[derive(Debug, Clone)]
pub struct EvalArgs {
    /// The gold file (JSON Lines, `../shared/eval/GUIDELINES.md`).
    pub gold: PathBuf,
    /// The pipeline to score.
    pub config: Config,
    /// Print JSON instead of text.
    pub json: bool,
    /// List every missed and spurious event, with reasons.
    pub misses: bool,
}

/// Runs `evex eval`, writing the report to `out`.
pub fn eval(args: &EvalArgs, out: &mut dyn Write) -> Outcome {
    let gold = match read_gold(&args.gold) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("evex: {e}");
            return Outcome::ConfigError;
        }
    };
    let pipeline = match super::load(&args.config) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let evaluation = evaluate(&pipeline, &gold, args.misses);
    let text = if args.json {
        match serde_json::to_string_pretty(&evaluation) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("evex: cannot write the report: {e}");
                return Outcome::OutputError;
            }
        }
    } else {
        render_text(&evaluation)
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => Outcome::Clean,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(_) => Outcome::OutputError,
    }
}
