//! Replays the fuzz targets' inputs in `cargo test`, without libFuzzer:
//! the seeds (`fuzz/corpus/TARGET/seed-*`) and every input that once made
//! a target fail (`fuzz/regressions/TARGET-*`: copy the file libFuzzer left
//! in `fuzz/artifacts/TARGET/` there, fix the bug, and it stays fixed).
//! The checks are the fuzz targets' own (`fuzz/fuzz_targets/checks.rs`).

use std::fs;
use std::path::Path;

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

const TARGETS: [&str; 8] = [
    "records_jsonl",
    "records_json",
    "records_csv",
    "gazetteer_tsv",
    "rule_parser",
    "pipeline",
    "html",
    "warc",
];

fn check(target: &str, data: &[u8]) {
    use evex::ingest::Format;
    match target {
        "records_jsonl" => checks::records(Format::Jsonl, data),
        "records_json" => checks::records(Format::Json, data),
        "records_csv" => checks::records(Format::Csv, data),
        "gazetteer_tsv" => checks::gazetteer_tsv(data),
        "rule_parser" => checks::rule_parser(data),
        "pipeline" => checks::pipeline(data),
        "html" => checks::html(data),
        "warc" => checks::warc(data),
        _ => panic!("unknown fuzz target {target}"),
    }
}

#[test]
fn seeds_and_saved_crashes_pass_the_fuzz_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs = Vec::new();
    for t in TARGETS {
        let dir = root.join("corpus").join(t);
        for e in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = e.expect("entry").path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if name.is_some_and(|n| n.starts_with("seed-")) {
                inputs.push((t, path));
            }
        }
    }
    let seeds = inputs.len();
    for e in fs::read_dir(root.join("regressions")).expect("fuzz/regressions") {
        let path = e.expect("entry").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let target = TARGETS.iter().find(|t| {
            name.as_ref()
                .is_some_and(|n| n.starts_with(&format!("{t}-")))
        });
        if let Some(t) = target {
            inputs.push((t, path));
        }
    }
    assert!(seeds >= 24, "{seeds} seeds");
    for (target, path) in inputs {
        let data = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        check(target, &data);
    }
}
