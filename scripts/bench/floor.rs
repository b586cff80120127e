//! The raw matching floor (cargo example `floor`), used by `scripts/bench.sh`.
//!
//!   floor GAZETTEER.tsv [CORPUS.jsonl ...]
//!
//! Reads the surface forms of a gazetteer (canonical, aliases and demonyms
//! columns; `!Form` removals skipped; duplicates, compared in ASCII lower
//! case, dropped), builds one `aho-corasick` automaton with
//! `MatchKind::LeftmostLongest` and ASCII case-insensitivity, then streams
//! the JSONL corpora (the `text` field of each line, as evex reads it) and
//! counts whole-word matches on one thread: a match counts when the
//! characters on both sides of it are not letters or digits. No folding, no tokens, no resolution, no output:
//! this is what evex's matching stage costs at the least.
//!
//! Prints `key=value` lines: patterns, parse_seconds, build_seconds, docs,
//! text_bytes, matches, scan_seconds (read + JSON parse + match),
//! match_seconds (the matching alone) and mb_per_s (text_bytes /
//! scan_seconds).

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::time::Instant;

fn patterns(tsv: &str) -> Vec<String> {
    let mut header: Option<Vec<&str>> = None;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            header = Some(cells);
            continue;
        };
        for (name, cell) in h.iter().zip(&cells) {
            let forms: Vec<&str> = match *name {
                "canonical" => vec![cell.trim()],
                "aliases" | "demonyms" => cell.split('|').map(str::trim).collect(),
                _ => continue,
            };
            for f in forms {
                if f.is_empty() || f.starts_with('!') {
                    continue;
                }
                if seen.insert(f.to_ascii_lowercase()) {
                    out.push(f.to_string());
                }
            }
        }
    }
    out
}

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut flag = |name: &str| {
        let found = args.iter().any(|a| a == name);
        args.retain(|a| a != name);
        found
    };
    let evex_forms = flag("--evex-forms");
    let standard = flag("--standard");
    let Some(gaz) = args.first() else {
        eprintln!("usage: floor [--evex-forms] [--standard] GAZETTEER.tsv [CORPUS.jsonl ...]");
        std::process::exit(2);
    };
    let t = Instant::now();
    let mut pats = patterns(&std::fs::read_to_string(gaz)?);
    if evex_forms {
        // The forms as evex's automaton holds them: folded by evex itself,
        // padded with a space on both sides, each folded form once.
        let mut seen = HashSet::new();
        pats = pats
            .iter()
            .map(|p| format!(" {} ", evex::normalize::fold_phrase(p)))
            .filter(|p| seen.insert(p.clone()))
            .collect();
    }
    let parse_seconds = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let ac = AhoCorasick::builder()
        .match_kind(if standard {
            MatchKind::Standard
        } else {
            MatchKind::LeftmostLongest
        })
        .ascii_case_insensitive(!evex_forms)
        .build(&pats)
        .map_err(std::io::Error::other)?;
    let build_seconds = t.elapsed().as_secs_f64();
    println!("patterns={}", pats.len());
    println!("parse_seconds={parse_seconds:.6}");
    println!("build_seconds={build_seconds:.6}");
    println!(
        "automaton={:?} {:?} ascii_case_insensitive={} heap_bytes={}",
        ac.kind(),
        ac.match_kind(),
        !evex_forms,
        ac.memory_usage()
    );
    if standard {
        // Standard semantics report leftmost-first-ending matches; fine for
        // build timing, not meant for counting.
        return Ok(());
    }
    if args.len() < 2 {
        return Ok(());
    }
    let (mut docs, mut bytes, mut matches) = (0u64, 0u64, 0u64);
    let mut match_seconds = 0.0;
    let t = Instant::now();
    for path in &args[1..] {
        let mut r = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
        let mut line = String::new();
        loop {
            line.clear();
            if r.read_line(&mut line)? == 0 {
                break;
            }
            if line.trim().is_empty() {
                continue;
            }
            #[derive(serde::Deserialize)]
            struct Rec {
                text: String,
            }
            let Ok(rec) = serde_json::from_str::<Rec>(&line) else {
                continue;
            };
            let text = rec.text.as_str();
            let m0 = Instant::now();
            for m in ac.find_iter(text) {
                // Matches start and end on character boundaries: patterns
                // are whole UTF-8 strings.
                let before = text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after = text[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                matches += (before && after) as u64;
            }
            match_seconds += m0.elapsed().as_secs_f64();
            docs += 1;
            bytes += text.len() as u64;
        }
    }
    let scan_seconds = t.elapsed().as_secs_f64();
    println!("docs={docs}");
    println!("text_bytes={bytes}");
    println!("matches={matches}");
    println!("scan_seconds={scan_seconds:.6}");
    println!("match_seconds={match_seconds:.6}");
    println!(
        "mb_per_s={:.2}",
        bytes as f64 / 1e6 / scan_seconds.max(1e-9)
    );
    Ok(())
}
