//! The raw matching floor (cargo example `floor`), used by `scripts/bench.sh`.
//!
//!   floor [--evex-forms] [--standard] GAZETTEER.tsv [CORPUS.jsonl ...]
//!
//! Reads the surface forms of a gazetteer (canonical, aliases and demonyms
//! columns; `!Form` removals skipped; duplicates, compared in ASCII lower
//! case, dropped), builds one `aho-corasick` automaton with
//! `MatchKind::LeftmostLongest` and ASCII case-insensitivity, then streams
//! the JSONL corpora (the `text` field of each line, as evex reads it) and
//! counts whole-word matches on one thread: a match counts when the
//! characters on both sides of it are not letters or digits. No folding,
//! no tokens, no resolution, no output: this is what evex's matching stage
//! costs at the least.
//!
//! `--evex-forms` builds instead the automaton evex builds: evex's
//! generated plurals and surnames included, folded by
//! `evex::internals::fold_phrase`, each preceded by a space, case-sensitive,
//! leftmost-longest with anchored and unanchored starts. `--standard` uses
//! `MatchKind::Standard` instead (for comparison). Both only time the build
//! (no scan).
//!
//! Prints `key=value` lines: patterns, parse_seconds, build_seconds, docs,
//! text_bytes, matches, scan_seconds (read + JSON parse + match),
//! match_seconds (the matching alone) and mb_per_s (text_bytes /
//! scan_seconds).

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::time::Instant;

fn patterns(tsv: &str, evex_extras: bool) -> Vec<String> {
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
        let cell = |name: &str| {
            h.iter()
                .position(|c| *c == name)
                .and_then(|i| cells.get(i))
                .map_or("", |c| c.trim())
        };
        let mut forms: Vec<String> = std::iter::once(cell("canonical"))
            .chain(cell("aliases").split('|'))
            .chain(cell("demonyms").split('|'))
            .map(str::trim)
            .filter(|f| !f.is_empty() && !f.starts_with('!'))
            .map(String::from)
            .collect();
        if evex_extras {
            // The forms evex generates itself (src/gazetteer/mod.rs): a
            // plural "s" for named weapons, the surname of a person.
            let canonical = cell("canonical");
            if cell("type") == "WEAPON" && cell("generic") != "yes" {
                let names =
                    std::iter::once(canonical).chain(cell("aliases").split('|').map(str::trim));
                let plurals: Vec<String> = names
                    .filter(|a| a.ends_with(|c: char| c.is_alphanumeric() && c != 's' && c != 'S'))
                    .map(|a| format!("{a}s"))
                    .collect();
                forms.extend(plurals);
            }
            if cell("type") == "PERSON" {
                let mut words = canonical.split_whitespace();
                if let Some(last) = words.next_back()
                    && words.next().is_some()
                    && last.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && last.chars().next().is_some_and(char::is_uppercase)
                {
                    forms.push(last.to_string());
                }
            }
        }
        for f in forms {
            if seen.insert(f.to_ascii_lowercase()) {
                out.push(f);
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
    let mut pats = patterns(&std::fs::read_to_string(gaz)?, evex_forms);
    if evex_forms {
        // The forms as evex's automaton holds them: with the plurals and
        // surnames that evex adds, folded by evex itself, each preceded by a
        // space, each folded form once (`patterns` is evex's summary.json
        // gazetteer.patterns less the rules' trigger words).
        let mut seen = HashSet::new();
        pats = pats
            .iter()
            .map(|p| format!(" {}", evex::internals::fold_phrase(p)))
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
        .start_kind(if evex_forms {
            aho_corasick::StartKind::Both
        } else {
            aho_corasick::StartKind::Unanchored
        })
        // evex's own automaton settings, so that the build times compare.
        .dense_depth(if evex_forms { 4 } else { 3 })
        .prefilter(!evex_forms)
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
    if standard || evex_forms {
        // Build timing only: these automata are not meant for counting
        // whole words in raw text.
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
