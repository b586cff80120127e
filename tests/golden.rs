//! Golden tests: the bundled example articles (examples/articles) must give
//! exactly the rows in tests/golden/. After an intended change, regenerate
//! them with `EVEX_BLESS=1 cargo test --test golden` and review the diff.

use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn example_articles_match_the_golden_outputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .current_dir(root)
        .args(["extract", "examples/articles", "--out"])
        .arg(dir.path())
        .arg("--quiet")
        .output()
        .expect("run evex");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bless = std::env::var_os("EVEX_BLESS").is_some();
    let mut diffs = Vec::new();
    for name in ["events.csv", "entities.csv", "rejects.csv"] {
        let got = fs::read_to_string(dir.path().join(name)).expect("output");
        let golden = root.join("tests/golden").join(name);
        if bless {
            fs::write(&golden, &got).expect("write golden");
            continue;
        }
        let want = fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            diffs.push(format!(
                "{name} differs from tests/golden/{name} at line {}:\n  got:  {}\n  want: {}",
                first + 1,
                got.lines().nth(first).unwrap_or("<end>"),
                want.lines().nth(first).unwrap_or("<end>")
            ));
        }
    }
    assert!(
        diffs.is_empty(),
        "{}\n(regenerate with EVEX_BLESS=1 cargo test --test golden)",
        diffs.join("\n")
    );
}
