//! The tuning tools seen from outside: `evex eval`, `lint`, `suggest`,
//! `report`, `defaults`, `explain --doc`, the clearer configuration errors,
//! and the per-rule and per-file counts of summary.json. Fixtures (written
//! for evex, fictional names) are in tests/data/tuning/.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs evex from the repository root, so that paths in messages are the
/// relative ones the expected outputs show.
fn evex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evex"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run evex")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The small gazetteer and rules of the fixtures, instead of the defaults.
const TUNING: &[&str] = &[
    "--no-default-gazetteers",
    "--no-default-rules",
    "--gazetteers",
    "tests/data/tuning/gazetteers",
    "--rules",
    "tests/data/tuning/rules",
];

/// Runs `evex COMMAND INPUTS… --out OUT` on the fixtures' gazetteer (and the
/// default rules) plus `extra`, and checks that it succeeds.
fn on_corpus(command: &str, inputs: &[&str], extra: &[&str], out: &Path) -> Output {
    let mut args: Vec<&str> = vec![command];
    args.extend(inputs);
    args.extend([
        "--no-default-gazetteers",
        "--gazetteers",
        "tests/data/tuning/gazetteers",
    ]);
    args.extend(extra);
    args.extend(["--out", out.to_str().unwrap()]);
    let o = evex(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    o
}

fn with(first: &[&str], rest: &[&str]) -> Vec<String> {
    first.iter().chain(rest).map(|s| s.to_string()).collect()
}

fn run(args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    evex(&args)
}

const EVAL_EXPECTED: &str = r#"documents: 4
entities  P=0.909 R=1.000 F1=0.952  (system 11, gold 10)
  ORG      P=1.000 R=1.000 (system 1, gold 1)
  PERSON   P=1.000 R=1.000 (system 1, gold 1)
  PLACE    P=0.857 R=1.000 (system 7, gold 6)
  WEAPON   P=1.000 R=1.000 (system 2, gold 2)
events    P=0.667 R=0.500 F1=0.571  (system 3, gold 4)
  strict  P=0.333 R=0.250 F1=0.286  (type and every gold role agree)
  ATTACK         matched 2/3 gold, system emitted 3
  NEGOTIATION    matched 0/1 gold, system emitted 0
  roles: actor=1.00, target=0.50, weapon=1.00, location=0.00
  modality accuracy on matched events: 1.00

rules (events, matched gold, strict, precision):
  attack.fire     3    2    1  0.67  tests/data/tuning/rules/attack.rules:2

entries with false-positive mentions (wrong/all mentions, documents):
  place/borland Borland (PLACE) 1/3 in 1  tests/data/tuning/gazetteers/places.tsv:3  as "Borland"

missed events (2):
  g1: NEGOTIATION actor=Tessa Marlow; location=Corvel; modality=asserted: "Tessa Marlow met envoys in Corvel"
    sentence: "Tessa Marlow met envoys in Corvel."
    why: no trigger of a NEGOTIATION rule in this sentence
  g4: ATTACK weapon=Falcon-9X; quantity=Two; modality=asserted: "Two Falcon-9X missiles were fired overnight"
    sentence: "Two Falcon-9X missiles were fired overnight, officials in Borland said."
    why: nearest rule `attack.fire` (tests/data/tuning/rules/attack.rules:2) at "fired": `require actor` not met (filled: weapon=Falcon-9X)

spurious events (1):
  g3: ATTACK [attack.fire] actor=Corvel; modality=asserted
    sentence: "Fishermen in Corvel fired a flare toward Borland to call for help."

missed entities (0):
"#;

#[test]
fn eval_reports_scores_rules_entries_and_misses() {
    let o = run(&with(
        &["eval", "tests/data/tuning/gold.jsonl", "--misses"],
        TUNING,
    ));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), EVAL_EXPECTED);
}

#[test]
fn eval_json_has_the_scorer_keys_and_rules_and_entries() {
    let o = run(&with(
        &["eval", "tests/data/tuning/gold.jsonl", "--json"],
        TUNING,
    ));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for key in [
        "docs",
        "entities",
        "entity_types",
        "events",
        "events_strict",
        "event_types",
        "roles",
        "modality_accuracy",
        "rules",
        "entries",
    ] {
        assert!(v.get(key).is_some(), "no `{key}` in {v}");
    }
    assert!(v.get("misses").is_none());
    assert_eq!(v["rules"][0]["id"], "attack.fire");
    assert_eq!(v["rules"][0]["events"], 3);
    assert_eq!(v["rules"][0]["matched"], 2);
    assert_eq!(v["entries"][0]["id"], "place/borland");
    assert_eq!(v["entries"][0]["false_positive_mentions"], 1);
    assert_eq!(
        v["events"]["f1"].as_f64().map(|f| (f * 1000.0).round()),
        Some(571.0)
    );
}

#[test]
fn eval_errors_name_the_gold_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gold = dir.path().join("g.jsonl");
    fs::write(
        &gold,
        "{\"doc_id\": \"a\", \"text\": \"x\"}\n{\"text\": \"y\"}\n",
    )
    .expect("write");
    let o = evex(&["eval", gold.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("evex: {}:2: no `doc_id` field\n", gold.display())
    );
}

/// The figures of `evex eval` are those of `../shared/eval/score.py` on the
/// dev set (skipped when the dev set or python3 is absent).
#[test]
fn eval_matches_score_py_on_the_dev_set() {
    let dev = root().join("../shared/eval/dev.jsonl");
    let scorer = root().join("../shared/eval/score.py");
    let python = Command::new("python3").arg("--version").output();
    if !dev.exists() || !scorer.exists() || python.is_err() {
        eprintln!("skipped: ../shared/eval/dev.jsonl, score.py or python3 not found");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        dev.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let py = Command::new("python3")
        .arg(&scorer)
        .arg(&dev)
        .arg(&out)
        .arg("--json")
        .output()
        .expect("run score.py");
    assert!(py.status.success(), "{}", stderr(&py));
    let want: serde_json::Value = serde_json::from_slice(&py.stdout).expect("score.py json");
    let o = evex(&["eval", dev.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).expect("evex json");
    let mut differences = Vec::new();
    compare(&want, &got, "", &mut differences);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// Every number of `want` must be in `got` at the same path, equal to
/// three decimals; every null must be null.
fn compare(want: &serde_json::Value, got: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match want {
        Value::Object(m) => {
            for (k, w) in m {
                compare(
                    w,
                    got.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        Value::Number(n) => {
            let w = n.as_f64().unwrap_or(f64::NAN);
            match got.as_f64() {
                Some(g) if (g * 1000.0).round() == (w * 1000.0).round() => {}
                _ => out.push(format!("{path}: score.py {w}, evex {got}")),
            }
        }
        Value::Null if !got.is_null() => out.push(format!("{path}: score.py null, evex {got}")),
        _ => {}
    }
}

const LINT_ARGS: &[&str] = &[
    "lint",
    "--no-default-gazetteers",
    "--no-default-rules",
    "--gazetteers",
    "tests/data/tuning/lint/gazetteers",
    "--rules",
    "tests/data/tuning/lint/rules",
];

const LINT_EXPECTED: &str = r#"tests/data/tuning/lint/gazetteers/bad.tsv:3: derived-id: the id derived from the canonical name, `place/aland-islands`, is already the id of tests/data/tuning/lint/gazetteers/bad.tsv:2; this row got `place/aland-islands-2` (write an `id` to choose one)
tests/data/tuning/lint/gazetteers/bad.tsv:3: hidden-entry: `place/aland-islands-2` can never be matched: each of its names is also a name of an entry that wins (e.g. `place/aland-islands`, tests/data/tuning/lint/gazetteers/bad.tsv:2); give it a name of its own, a higher `rank`, or remove it
tests/data/tuning/lint/gazetteers/bad.tsv:3: shared-alias: `place/aland-islands-2` and `place/aland-islands` (tests/data/tuning/lint/gazetteers/bad.tsv:2) share the alias `Aland Islands` with the same type, rank and form, so file order makes `place/aland-islands` win; give the entry that should win a higher `rank`, or remove the alias from the other
tests/data/tuning/lint/gazetteers/bad.tsv:4: common-word: the alias `Said` of `person/vessel-said` is a common English word (`said`) and matches in any case; add `case` title (or exact), or remove the alias
tests/data/tuning/lint/gazetteers/bad.tsv:6: hidden-entry: `place/harbour-town` can never be matched: each of its names is also a name of an entry that wins (e.g. `place/greyport`, tests/data/tuning/lint/gazetteers/bad.tsv:5); give it a name of its own, a higher `rank`, or remove it
tests/data/tuning/lint/gazetteers/bad.tsv:6: shared-alias: `place/harbour-town` and `place/greyport` (tests/data/tuning/lint/gazetteers/bad.tsv:5) share the alias `Harbour Town` with the same type, rank and form, so file order makes `place/greyport` win; give the entry that should win a higher `rank`, or remove the alias from the other
tests/data/tuning/lint/gazetteers/bad.tsv:7: stands-for-chain: `org/kremlow` stands for `place/moscovia`, which stands for `place/rusk`; evex follows one step, so events report `place/moscovia`: point `stands_for` at `place/rusk`
tests/data/tuning/lint/gazetteers/bad.tsv:10: stands-for-cycle: `stands_for` goes round in a circle: place/loopa → place/loopb → place/loopa
tests/data/tuning/lint/gazetteers/bad.tsv:11: stands-for-cycle: `stands_for` goes round in a circle: place/loopb → place/loopa → place/loopb
tests/data/tuning/lint/gazetteers/bad.tsv:15: common-word: the alias `Assault` of `org/assault-group` is a common English word (`assault`) and matches in any case; add `case` title (or exact), or remove the alias
tests/data/tuning/lint/rules/lint.rules:2: unused-list: the word list `UNUSED` is never used: no rule, list or modality names `@UNUSED`
tests/data/tuning/lint/rules/lint.rules:11: example: expected target=Borland, got target=Greyport (rule `attack.fire`)
tests/data/tuning/lint/rules/lint.rules:14: no-require: rule `attack.raid` has no `require` line, so it can emit an event with no role at all; add e.g. `require actor`
tests/data/tuning/lint/rules/lint.rules:14: unreachable-trigger: rule `attack.raid`: the trigger `assault` is also a gazetteer name (e.g. `org/assault-group`, tests/data/tuning/lint/gazetteers/bad.tsv:15) matched in any case, so it is read as that entity, never as a trigger
tests/data/tuning/lint/rules/lint.rules:18: example: expected actor=Rusk, got no event (rule `attack.raid`)
tests/data/tuning/lint/rules/lint.rules:22: unknown-attribute: rule `attack.shell`, slot `actor`: `with kind:port` matches no loaded PLACE entry; check the attribute's spelling against the gazetteer columns
tests/data/tuning/lint/rules/lint.rules:22: unknown-attribute: rule `attack.shell`, slot `actor`: `exclude subtyp:media` matches no loaded entry; check the attribute's spelling against the gazetteer columns
tests/data/tuning/lint/rules/lint.rules:26: example: expected actor=Rusk, got no actor (rule `attack.shell`)
"#;

#[test]
fn lint_reports_each_problem_as_file_line_kind_message() {
    let o = evex(LINT_ARGS);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), LINT_EXPECTED);
    assert_eq!(stderr(&o), "evex: 18 findings\n");
}

#[test]
fn lint_is_clean_without_problems_and_exits_2_on_a_broken_file() {
    let o = run(&with(&["lint"], TUNING));
    assert_eq!(
        (o.status.code(), stdout(&o)),
        (Some(0), String::new()),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.rules");
    fs::write(&bad, "rule x\n  evnt ATTACK\n  verbs hit\n").expect("write");
    let o = run(&with(
        &["lint"],
        &[TUNING, &["--rules", bad.to_str().unwrap()]].concat(),
    ));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "evex: {}:2:3: unknown keyword `evnt`; did you mean `event`? (a slot line reads `NAME TYPES before|after|around N`)\n",
            bad.display()
        )
    );
}

#[test]
fn extract_warns_about_failing_examples_of_user_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = on_corpus(
        "extract",
        &["tests/data/tuning/corpus"],
        &["--rules", "tests/data/tuning/lint/rules/lint.rules"],
        &out,
    );
    let warnings: Vec<String> = stderr(&o)
        .lines()
        .filter(|l| l.contains("warning"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "evex: warning: tests/data/tuning/lint/rules/lint.rules:11: example of rule `attack.fire`: expected actor=Rusk; target=Borland, got no event",
            "evex: warning: tests/data/tuning/lint/rules/lint.rules:18: example of rule `attack.raid`: expected actor=Rusk, got no actor",
            "evex: warning: tests/data/tuning/lint/rules/lint.rules:26: example of rule `attack.shell`: expected actor=Rusk, got no actor",
        ]
    );
    // Per-run statistics.
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("summary.json")).expect("summary"))
            .expect("json");
    assert_eq!(
        summary["events_by_rule"],
        serde_json::json!({
            "attack.fire": 1,
            "attack.launch": 1,
            "attack.nominal": 1,
            "deployment.arrive": 1
        })
    );
    assert_eq!(
        summary["mentions_by_gazetteer"],
        serde_json::json!({
            "patterns/orgs.patterns": 2,
            "patterns/people.patterns": 3,
            "patterns/places.patterns": 1,
            "tests/data/tuning/gazetteers/places.tsv": 5
        })
    );
}

const SUGGEST_EXPECTED: &str = r#"# evex suggest: 5 new names and 1 entries with unlisted spellings, from 2 documents.
# Check each row (the type is a guess; `evidence` says why), delete the ones you do not want,
# then load the file with `evex extract --gazetteers FILE`.
canonical	type	id	aliases	surname	count	docs	evidence	example
Karsk Brigade	ORG				2	2	the head word `brigade`	The Karsk Brigade moved into Pelletown after the strike.
NORVAC	ORG				2	2	an acronym	Valdis said the NORVAC mission would stay.
Pelletown	PLACE				2	2	after `into`	The Karsk Brigade moved into Pelletown after the strike.
Zubrin	WEAPON				2	2	before `missiles`	Arvania fired Zubrin missiles at Borland on Tuesday, said Defence Minister Oren Valdis.
Oren Valdis	PERSON				2	1	after the title `Minister`	Arvania fired Zubrin missiles at Borland on Tuesday, said Defence Minister Oren Valdis.
# Entries the corpus spells in ways they do not list: each row adds the spellings as aliases.
Tessa Marlow	PERSON	person/tessa-marlow	Tessa Marlowe		1	1	`Tessa Marlowe` spells `Tessa Marlow` (tests/data/tuning/gazetteers/places.tsv:5)	Tessa Marlowe met envoys in Corvel.
"#;

#[test]
fn suggest_writes_a_gazetteer_of_missed_names_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tsv = dir.path().join("candidates.tsv");
    on_corpus("suggest", &["tests/data/tuning/corpus"], &[], &tsv);
    assert_eq!(fs::read_to_string(&tsv).expect("tsv"), SUGGEST_EXPECTED);
    // The file loads as it is: the new names and the variant are found.
    let out = dir.path().join("out");
    on_corpus(
        "extract",
        &["tests/data/tuning/corpus"],
        &["--gazetteers", tsv.to_str().unwrap(), "--quiet"],
        &out,
    );
    let entities = fs::read_to_string(out.join("entities.csv")).expect("entities");
    for needle in [
        ",Karsk Brigade,ORG,Karsk Brigade,org/karsk-brigade,",
        ",Zubrin,WEAPON,Zubrin,weapon/zubrin,",
        ",Oren Valdis,PERSON,Oren Valdis,person/oren-valdis,",
        ",Tessa Marlowe,PERSON,Tessa Marlow,person/tessa-marlow,",
    ] {
        assert!(entities.contains(needle), "{needle} not in\n{entities}");
    }
}

/// A report of `corpus` plus a hostile record: (html, expected highlights).
fn hostile_report(dir: &Path) -> (PathBuf, usize) {
    let evil = dir.join("evil.jsonl");
    fs::write(
        &evil,
        "{\"id\": \"x\\\"><script>alert(1)</script>\", \"text\": \"Arvania fired <script>alert('x')</script> at Borland & \\\"Corvel\\\" <img src=x onerror=alert(2)>.\"}\n",
    )
    .expect("write");
    let html = dir.join("report.html");
    let inputs = ["tests/data/tuning/corpus", evil.to_str().unwrap()];
    on_corpus("report", &inputs, &[], &html);
    // As many highlights as entity rows.
    let out = dir.join("out");
    on_corpus("extract", &inputs, &["--quiet"], &out);
    let rows = fs::read_to_string(out.join("entities.csv"))
        .expect("entities")
        .lines()
        .count()
        - 1;
    (html, rows)
}

#[test]
fn report_is_one_escaped_offline_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (html, rows) = hostile_report(dir.path());
    let page = fs::read_to_string(&html).expect("html");
    assert_eq!(page.matches("<mark class=\"ent").count(), rows);
    // ("moved into Pelletown": an unlisted place, pattern `place.into`.)
    assert_eq!(rows, 14);
    // The only script is the page's own; the record's markup is text.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("<img"));
    assert!(page.contains("fired &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; at"));
    assert!(page.contains("<h2>x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h2>"));
    assert!(page.contains(
        "&amp; &quot;<mark class=\"ent t3\" data-type=\"PLACE\" data-canonical=\"Corvel\""
    ));
    // Nothing is fetched: no URL, and a policy that forbids requests.
    assert!(page.contains(
        "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\""
    ));
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(page.contains("data-origin=\"tests/data/tuning/gazetteers/places.tsv:3\""));
    assert!(page.contains("data-rule=\"attack."));
    assert!(page.contains("<option value=\"ATTACK\">ATTACK</option>"));
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// In a real browser (when Chromium is installed): the page loads with no
/// console message at all (no error, no blocked request), its script runs
/// to the end and counts the highlights, and the screenshot script renders
/// it.
#[test]
fn report_loads_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: Chromium not found");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (html, rows) = hostile_report(dir.path());
    let profile = dir.path().join("profile");
    fs::create_dir_all(&profile).expect("profile");
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("run chromium");
    assert!(o.status.success(), "{}", stderr(&o));
    let console: Vec<&str> = std::str::from_utf8(&o.stderr)
        .unwrap_or("")
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let dom = stdout(&o);
    assert!(
        dom.contains(&format!("data-highlights=\"{rows}\"")),
        "the page script did not finish or counted otherwise"
    );
    assert!(dom.contains(&format!("{} of {} documents shown", 3, 3)));
    let png = dir.path().join("report.png");
    let o = Command::new("bash")
        .current_dir(root())
        .arg("scripts/report-screenshot.sh")
        .arg(&html)
        .arg(&png)
        .output()
        .expect("run the screenshot script");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let bytes = fs::read(&png).expect("png");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000);
}

#[test]
fn defaults_writes_the_files_that_explain_cites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = evex(&["defaults", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert!(written.len() > 10);
    for f in [
        "gazetteers/person.tsv",
        "gazetteers/SOURCES.md",
        "rules/attack.rules",
        "rules/event_types.tsv",
    ] {
        assert_eq!(
            fs::read(dir.path().join(f)).expect("written"),
            fs::read(root().join(f)).expect("source"),
            "{f}"
        );
    }
    // A second run does not overwrite, unless told to.
    let o = evex(&["defaults", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = evex(&["defaults", "--out", dir.path().to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(0));
    // The `file:line` that explain cites is the row of the entry.
    let o = evex(&["explain", "Talks were held in Kharkiv."]);
    let text = stdout(&o);
    let origin = text
        .split("; from ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .expect("an origin");
    let (file, line) = origin.rsplit_once(':').expect("file:line");
    let row = fs::read_to_string(dir.path().join(file))
        .expect("cited file")
        .lines()
        .nth(line.parse::<usize>().expect("line") - 1)
        .map(str::to_string)
        .expect("cited line");
    assert!(row.starts_with("Kharkiv\t"), "{row}");
}

#[test]
fn explain_reads_one_record_of_a_dump_and_shows_alias_ties() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dump = dir.path().join("dump.jsonl");
    fs::write(
        &dump,
        "{\"id\": \"a\", \"text\": \"Nothing here.\"}\n{\"id\": \"b\", \"text\": \"Rusk struck Harbour Town.\"}\n",
    )
    .expect("write");
    let gaz = dir.path().join("ties.tsv");
    fs::write(
        &gaz,
        "canonical\ttype\taliases\trank\nGreyport\tPLACE\tHarbour Town\t\nHarbour Town\tPLACE\t\t5\nRusk\tPLACE\t\t\n",
    )
    .expect("write");
    let o = evex(&[
        "explain",
        "--file",
        dump.to_str().unwrap(),
        "--doc",
        "b",
        "--no-default-gazetteers",
        "--gazetteers",
        gaz.to_str().unwrap(),
        "--no-default-rules",
        "--rules",
        "tests/data/tuning/rules",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("document: b\nsentence 0: Rusk struck Harbour Town.\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  12..24 \"Harbour Town\" → PLACE Harbour Town (place/harbour-town; from {g}:3)\n      also the alias of: place/greyport ({g}:2; lost on higher rank)\n",
            g = gaz.display()
        )),
        "{text}"
    );
    let o = evex(&["explain", "--file", dump.to_str().unwrap(), "--doc", "zz"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "evex: {} has no record with the id `zz` (ids look like: a, b)\n",
            dump.display()
        )
    );
}

#[test]
fn configuration_errors_point_at_the_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).expect("mkdir");
    let o = evex(&["explain", "x", "--gazetteers", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "evex: {}: this folder holds no .tsv or .txt file (is it the right folder?)\n",
            empty.display()
        )
    );
    let o = evex(&["explain", "x", "--rules", "tests/data/tuning/lint"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "evex: tests/data/tuning/lint/gazetteers/bad.tsv:1:1: this is a gazetteer (it has a `canonical` column), not an event-type table: give it with --gazetteers, not --rules\n"
    );
    let typeless = dir.path().join("place.tsv");
    fs::write(&typeless, "canonical\ttype\nRusk\tPLACE\nGreyport\t\n").expect("write");
    let o = evex(&["explain", "x", "--gazetteers", typeless.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "evex: {}:3: the `type` cell is empty (write PERSON, PLACE, ORG, WEAPON or a type declared with `#!types`; the file name gives the type only to files without a `type` column)\n",
            typeless.display()
        )
    );
    let rules = dir.path().join("verb.rules");
    fs::write(&rules, "rule loot\n  event ATTACK\n  verb loot\n").expect("write");
    let o = evex(&["explain", "x", "--rules", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "evex: {}:3:3: unknown keyword `verb`; did you mean `verbs`? (a slot line reads `NAME TYPES before|after|around N`)\n",
            rules.display()
        )
    );
}
