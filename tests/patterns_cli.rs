//! Entity patterns seen from outside: unlisted entities in entities.csv
//! and events.csv, user pattern files, `evex explain`, errors.

use std::fs;
use std::process::{Command, Output};

fn evex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evex"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run evex")
}

fn rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).expect("open csv");
    r.records()
        .map(|r| r.expect("csv row").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn unlisted_entities_are_rows_and_fill_event_roles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("report.txt");
    let text = "On 4 June, Russian forces shelled near Vesela Dolyna, Kharkiv. \
                Deputy Defence Minister Aldous Quarnby visited the 3rd Assault Brigade. \
                Later Quarnby left.";
    fs::write(&input, text).expect("write input");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        input.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
        "--quiet",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let unlisted: Vec<Vec<String>> = rows(&out.join("entities.csv"))
        .into_iter()
        .filter(|r| r[7].starts_with("unlisted/"))
        .map(|r| r[2..10].to_vec())
        .collect();
    let expect = [
        [
            "39",
            "52",
            "Vesela Dolyna",
            "PLACE",
            "Vesela Dolyna",
            "unlisted/place/vesela-dolyna",
            "shape",
            "region=Kharkiv; pattern=place.cue",
        ],
        [
            "87",
            "101",
            "Aldous Quarnby",
            "PERSON",
            "Aldous Quarnby",
            "unlisted/person/aldous-quarnby",
            "title",
            "pattern=person.title",
        ],
        [
            "114",
            "133",
            "3rd Assault Brigade",
            "ORG",
            "3rd Assault Brigade",
            "unlisted/org/3rd-assault-brigade",
            "shape",
            "pattern=org.unit",
        ],
        [
            "141",
            "148",
            "Quarnby",
            "PERSON",
            "Aldous Quarnby",
            "unlisted/person/aldous-quarnby",
            "surname",
            "pattern=person.title",
        ],
    ];
    assert_eq!(
        unlisted,
        expect.map(|r| r.map(str::to_string).to_vec()).to_vec()
    );
    for r in &expect {
        let (s, e): (usize, usize) = (r[0].parse().expect("int"), r[1].parse().expect("int"));
        assert_eq!(&text[s..e], r[2]);
    }
    let events = rows(&out.join("events.csv"));
    let attack = events.iter().find(|r| r[2] == "ATTACK").expect("an attack");
    assert_eq!(attack[8], "Vesela Dolyna", "location: {attack:?}");
}

#[test]
fn user_patterns_add_types_and_entities_and_explain_names_the_pattern() {
    let text = "Houthi fighters seized the MV Galaxy Leader (IMO 9234567) near Vesela Dolyna.";
    let o = evex(&["explain", text, "--patterns", "examples/patterns"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("\"MV Galaxy Leader\" → VESSEL MV Galaxy Leader (unlisted/vessel/mv-galaxy-leader, form=shape; pattern=vessel.prefix; unlisted, pattern vessel.prefix at examples/patterns/maritime.patterns:"),
        "{out}"
    );
    assert!(
        out.contains("\"IMO 9234567\" → VESSEL IMO 9234567 (unlisted/imo/imo-9234567"),
        "{out}"
    );
    assert!(
        out.contains("pattern place.cue at patterns/places.patterns:"),
        "{out}"
    );
    let o = evex(&["explain", text, "--no-default-patterns"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("unlisted"), "{out}");
}

/// What `evex explain` says on stderr with `patterns` as a user pattern
/// file `bad.patterns`; it must refuse to run (exit 2).
fn pattern_error(patterns: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.patterns");
    fs::write(&bad, patterns).expect("write");
    let o = evex(&["explain", "text", "--patterns", bad.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn pattern_file_errors_point_at_line_and_column() {
    let err =
        pattern_error("pattern x\n  type PLACE\n  id unlisted/x\n  match near [<Cap !knwn>+]\n");
    assert!(
        err.contains("bad.patterns:4:21: unknown condition `knwn` (known: Cap, Upper"),
        "{err}"
    );
    let err = pattern_error("pattern x\n  type PLAEC\n  id unlisted/x\n  match near [<Cap>+]\n");
    assert!(
        err.contains("bad.patterns:2:8: unknown entity type `PLAEC`"),
        "{err}"
    );
    // A line too large to compile is named by its line, though the lines
    // are compiled alone only when the set of all of them fails.
    let err = pattern_error(
        "pattern x\n  type PLACE\n  id unlisted/x\n  match near [<Cap>+]\n\
         pattern y\n  type PLACE\n  id unlisted/y\n  match [(<Cap>{1,1000}){1,1000}]\n",
    );
    assert!(
        err.contains("bad.patterns:8:3: this `match` line cannot be compiled"),
        "{err}"
    );
}

#[test]
fn more_than_64_word_lists_work() {
    // The defaults use some sixty lists; twenty more (each used in a
    // pattern) take the flags past 64, and the lists at both ends still
    // select their words.
    let dir = tempfile::tempdir().expect("tempdir");
    let name = |i: usize| {
        format!(
            "zor{}{}",
            (b'a' + (i / 26) as u8) as char,
            (b'a' + (i % 26) as u8) as char
        )
    };
    let mut file = String::new();
    let mut alternatives = Vec::new();
    for i in 0..20 {
        file.push_str(&format!("words ZLIST{i} = {}\n", name(i)));
        alternatives.push(format!("<Cap @ZLIST{i}>"));
    }
    file.push_str(&format!(
        "pattern many.lists\n  type ORG\n  id unlisted/many\n  match [({}) <Cap \"legion\">]\n",
        alternatives.join(" | ")
    ));
    let path = dir.path().join("many.patterns");
    fs::write(&path, file).expect("write");
    for i in [0, 19] {
        let word = name(i);
        let word = word[..1].to_uppercase() + &word[1..];
        let text = format!("Fighters of the {word} Legion attacked the convoy.");
        let o = evex(&["explain", &text, "--patterns", path.to_str().expect("path")]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            out.contains(&format!(
                "\"{word} Legion\" → ORG {word} Legion (unlisted/many"
            )),
            "{out}"
        );
    }
    // A word of no list is no match.
    let o = evex(&[
        "explain",
        "Fighters of the Zorzz Legion attacked the convoy.",
        "--patterns",
        path.to_str().expect("path"),
    ]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("unlisted/many"));
}
