//! `evex lint`: static checks of the loaded gazetteers and rules.

use super::Outcome;
use crate::defaults;
use crate::lint::{Allowances, lint};
use crate::pipeline::{Config, read_files};
use std::io::{self, Write};

/// Runs `evex lint`: one finding per line (`file:line: kind: message`).
/// Exit 0 when clean, 1 with findings, 2 when a file cannot be loaded.
pub fn run_lint(config: &Config, out: &mut dyn Write) -> Outcome {
    let pipeline = match super::load(config) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    // The `#!lint` marks of every loaded file.
    let mut allowances = Allowances::default();
    if config.default_gazetteers {
        for (name, text) in defaults::GAZETTEERS {
            allowances.add_file(name, text, false);
        }
    }
    if config.default_rules {
        for (name, text) in defaults::RULES {
            allowances.add_file(name, text, name.ends_with(".rules"));
        }
    }
    for (paths, exts, rules) in [
        (&config.gazetteers, &["tsv", "txt"][..], false),
        (&config.rules, &["rules", "tsv"][..], true),
    ] {
        match read_files(paths, exts) {
            Ok(files) => {
                for (name, text) in files {
                    let rules = rules && name.ends_with(".rules");
                    allowances.add_file(&name, &text, rules);
                }
            }
            Err(e) => {
                eprintln!("evex: {e}");
                return Outcome::ConfigError;
            }
        }
    }
    let findings = lint(&pipeline, &allowances);
    let mut text = String::new();
    for f in &findings {
        text.push_str(&f.to_string());
        text.push('\n');
    }
    match out.write_all(text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(_) => return Outcome::OutputError,
    }
    if findings.is_empty() {
        Outcome::Clean
    } else {
        eprintln!(
            "evex: {} finding{}",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        );
        Outcome::Findings
    }
}
