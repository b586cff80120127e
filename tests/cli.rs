//! The `evex` binary seen from outside: inputs good and bad, exit codes,
//! exact output rows and offsets, configuration errors.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn evex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evex"))
        .args(args)
        .output()
        .expect("run evex")
}

/// Runs `evex extract INPUT --out OUT EXTRA...` and checks the exit code.
fn extract(input: &str, out: &str, extra: &[&str], code: i32) -> Output {
    let mut args = vec!["extract", input, "--out", out];
    args.extend_from_slice(extra);
    let o = evex(&args);
    assert_eq!(
        o.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Runs evex with `input` on its standard input.
fn evex_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evex"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn evex");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for evex")
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn csv_rows(p: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(p).expect("open csv");
    r.records().map(|r| r.expect("csv row")).collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

const ARTICLE: &str =
    "Russia has deployed 5,000 troops to Belarus.\n\nThe Kremlin said talks were not planned.";

#[test]
fn extracts_a_folder_with_exact_rows_and_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).expect("mkdir");
    fs::write(input.join("a.txt"), ARTICLE).expect("write");
    fs::write(
        input.join("sub/b.md"),
        "Ukraine fired six ATACMS missiles at Russia’s Bryansk region.",
    )
    .expect("write");
    let out = dir.path().join("out");
    extract(
        input.to_str().unwrap(),
        out.to_str().unwrap(),
        &["--quiet"],
        0,
    );

    let events = read(&out.join("events.csv"));
    let mut lines = events.lines();
    assert_eq!(
        lines.next(),
        Some(
            "doc_id,sentence,event_type,cameo,plover,actor,target,weapon,location,quantity,modality,trigger,rule,start,end,evidence,other_roles,actors,targets,weapons,locations,event_date,date_basis,quantity_value,quantity_unit,quantity_qualifier,start_char,end_char,doc_date,title,url,group_id"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "a.txt,0,DEPLOYMENT,154,MOBILIZE,Russia,,,Belarus,\"5,000\",asserted,deployed,deployment.deploy,0,43,\"Russia has deployed 5,000 troops to Belarus.\",,Russia,,,Belarus,,,5000,troops,,0,43,,,,1"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "sub/b.md,0,ATTACK,190,ASSAULT,Ukraine,Russia,ATACMS,Bryansk,six,asserted,fired,attack.launch,0,62,Ukraine fired six ATACMS missiles at Russia’s Bryansk region.,,Ukraine,Russia,ATACMS,Bryansk,,,6,missiles,,0,60,,,,2"
        )
    );
    assert_eq!(lines.next(), None);

    // Every entity's text is exactly the slice of its document at start..end.
    let rows = csv_rows(&out.join("entities.csv"));
    assert!(rows.len() >= 6);
    for r in &rows {
        let text = if &r[0] == "a.txt" {
            ARTICLE.to_string()
        } else {
            read(&input.join(&r[0]))
        };
        let (s, e): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        assert_eq!(&text[s..e], &r[4], "offsets of {r:?}");
    }
    let kremlin = rows
        .iter()
        .find(|r| &r[4] == "Kremlin")
        .expect("Kremlin found");
    assert_eq!(
        (&kremlin[1], &kremlin[5], &kremlin[6]),
        ("1", "ORG", "Kremlin")
    );

    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(summary["documents_read"], 2);
    assert_eq!(summary["documents_processed"], 2);
    assert_eq!(summary["events_by_type"]["ATTACK"], 1);
    assert!(summary["gazetteer"]["entries"].as_u64().unwrap() > 1000);
    assert_eq!(
        read(&out.join("rejects.csv")),
        "source,line,reason,detail\n"
    );
}

#[test]
fn bad_inputs_are_rejected_with_reasons_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice(b"{\"id\": \"ok1\", \"text\": \"Israel struck Gaza overnight.\"}\n");
    jsonl.extend_from_slice(b"{not json}\n");
    jsonl.extend_from_slice(b"{\"id\": \"notext\", \"title\": \"t\"}\n");
    jsonl.extend_from_slice(b"\n");
    jsonl.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"   \"}\n");
    jsonl.extend_from_slice(b"{\"id\": \"bad\", \"text\": \"caf\xe9\"}\n");
    jsonl.extend_from_slice(b"{\"text\": \"NATO met with Russia in Brussels.\"}\n");
    fs::write(input.join("a.jsonl"), &jsonl).expect("write");
    fs::write(
        input.join("b.csv"),
        "id,text\nr1,Iran launched drones at Israel.\nr2,\n",
    )
    .expect("write");
    fs::write(input.join("c.txt"), b"MZ\x00\x01binary").expect("write");
    fs::write(input.join("d.txt"), "").expect("write");
    fs::write(input.join("e.pdf"), "x").expect("write");
    fs::write(input.join("f.txt"), "x".repeat(200)).expect("write");
    fs::write(input.join("g.txt"), b"Kyiv \xff\xfe").expect("write");
    fs::write(
        input.join("h.jsonl.gz"),
        gzip(b"{\"id\": \"gz1\", \"text\": \"The EU imposed sanctions on Russia.\"}\n"),
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = extract(
        input.to_str().unwrap(),
        out.to_str().unwrap(),
        &["--max-doc-bytes", "100"],
        3,
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("14 documents read, 4 processed, 10 rejected"),
        "{stderr}"
    );

    let p = |name: &str| input.join(name).display().to_string();
    let rejects = csv_rows(&out.join("rejects.csv"));
    let got: Vec<(String, String, String)> = rejects
        .iter()
        .map(|r| (r[0].to_string(), r[1].to_string(), r[2].to_string()))
        .collect();
    let want = vec![
        (p("a.jsonl"), "2".to_string(), "invalid_json".to_string()),
        (p("a.jsonl"), "3".to_string(), "missing_text".to_string()),
        (p("a.jsonl"), "5".to_string(), "empty".to_string()),
        (p("a.jsonl"), "6".to_string(), "invalid_utf8".to_string()),
        (p("b.csv"), "3".to_string(), "missing_text".to_string()),
        (p("c.txt"), String::new(), "binary".to_string()),
        (p("d.txt"), String::new(), "empty".to_string()),
        (p("e.pdf"), String::new(), "unsupported_format".to_string()),
        (p("f.txt"), String::new(), "too_large".to_string()),
    ];
    assert_eq!(got[..want.len()], want[..]);
    assert_eq!(got.len(), 10);
    assert_eq!(
        got[9],
        (p("g.txt"), String::new(), "invalid_utf8".to_string())
    );

    let events = csv_rows(&out.join("events.csv"));
    let ids: Vec<&str> = events.iter().map(|r| &r[0]).collect();
    let generated = format!("{}:7", p("a.jsonl"));
    assert_eq!(ids, vec!["ok1", generated.as_str(), "r1", "gz1"]);
    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(summary["documents_read"], 14);
    assert_eq!(summary["rejected_by_reason"]["invalid_utf8"], 2);
}

#[test]
fn json_arrays_and_renamed_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    fs::write(
        input.join("a.json"),
        r#"[{"url": "https://example.org/1", "body": "Russia launched drones at Odesa."}, 7]"#,
    )
    .expect("write");
    fs::write(
        input.join("b.csv"),
        "url,body\nhttps://example.org/2,\"Israel struck Gaza, officials said.\"\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    extract(
        input.to_str().unwrap(),
        out.to_str().unwrap(),
        &["--id-field", "url", "--text-field", "body", "--quiet"],
        3,
    );
    let ids: Vec<String> = csv_rows(&out.join("events.csv"))
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(ids, ["https://example.org/1", "https://example.org/2"]);
    let rejects = csv_rows(&out.join("rejects.csv"));
    assert_eq!((&rejects[0][1], &rejects[0][2]), ("2", "invalid_json"));
}

#[test]
fn a_missing_input_is_a_reject_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let missing = dir.path().join("missing.jsonl");
    extract(
        missing.to_str().unwrap(),
        out.to_str().unwrap(),
        &["--quiet"],
        3,
    );
    assert_eq!(
        read(&out.join("rejects.csv")),
        format!(
            "source,line,reason,detail\n{},,unreadable,no such file or folder\n",
            missing.display()
        )
    );
}

#[test]
fn broken_gazetteer_stops_before_any_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gaz = dir.path().join("mine.tsv");
    fs::write(
        &gaz,
        "canonical\ttype\taliases\nAzovstal\tPLACE\tAzovstal plant||Azovstal works\n",
    )
    .expect("write");
    let doc = dir.path().join("a.txt");
    fs::write(&doc, ARTICLE).expect("write");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        doc.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--gazetteers",
        gaz.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "evex: {}:2: empty alias in `Azovstal plant||Azovstal works` (two `|` in a row, or one at an end)\n",
            gaz.display()
        )
    );
    assert!(!out.join("events.csv").exists());
}

#[test]
fn broken_rule_stops_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("mine.rules");
    fs::write(
        &rules,
        "rule my.attack\n  event ATTACK\n  verbs storm\n  actor PLACE|ORGG before 6\n",
    )
    .expect("write");
    let o = evex(&[
        "extract",
        "-",
        "--out",
        dir.path().join("o").to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "evex: {}:4:15: expected an entity type (one of PERSON, ORG, WEAPON, PLACE, NUMBER), found `ORGG`\n",
            rules.display()
        )
    );
}

#[test]
fn user_rules_and_gazetteers_extend_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gaz = dir.path().join("units.tsv");
    fs::write(
        &gaz,
        "canonical\ttype\tstands_for\n47th Mechanized Brigade\tORG\tUkraine\n",
    )
    .expect("write");
    let rules = dir.path().join("liberate.rules");
    fs::write(
        &rules,
        "rule my.liberate\n  event ATTACK\n  verbs free (freed)\n  actor ORG before 6 state\n  location PLACE after 4\n  example \"The 47th Mechanized Brigade freed Robotyne.\"\n  expect actor=Ukraine\n",
    )
    .expect("write");
    let o = evex_stdin(
        &[
            "extract",
            "-",
            "--out",
            "-",
            "--gazetteers",
            gaz.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
        ],
        b"The 47th Mechanized Brigade freed Kherson.",
    );
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out.lines().nth(1),
        Some(
            "stdin,0,ATTACK,190,ASSAULT,Ukraine,,,Kherson,,asserted,freed,my.liberate,4,41,The 47th Mechanized Brigade freed Kherson.,,Ukraine,,,Kherson,,,,,,4,41,,,,"
        )
    );
}

#[test]
fn jsonl_stdin_and_jsonl_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = evex_stdin(
        &[
            "extract",
            "-",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
        b"{\"id\": 7, \"text\": \"=HYPERLINK() Germany will send IRIS-T systems to Ukraine.\"}\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let line = read(&out.join("events.jsonl"));
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(v["doc_id"], "7");
    assert_eq!(v["event_type"], "ARMS_TRANSFER");
    assert_eq!(v["weapon"], "IRIS-T");
    assert_eq!(v["target"], "Ukraine");
    assert_eq!(v["quantity"], serde_json::Value::Null);
    // JSON keeps the evidence as written; only CSV escapes formulas.
    assert_eq!(
        v["evidence"],
        "=HYPERLINK() Germany will send IRIS-T systems to Ukraine."
    );
}

#[test]
fn csv_output_neutralises_formulas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("x.txt");
    fs::write(
        &doc,
        "=cmd|' /C calc'!A0 Germany will send IRIS-T systems to Ukraine.",
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        doc.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let rows = csv_rows(&out.join("events.csv"));
    assert!(rows[0][15].starts_with("'=cmd"), "{:?}", &rows[0][15]);
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("docs.jsonl");
    let mut body = String::new();
    for i in 0..3000 {
        body.push_str(&format!(
            "{{\"id\": \"d{i}\", \"text\": \"On day {i}, Russia launched {} drones at Kyiv while the EU imposed sanctions on Iran.\"}}\n",
            i % 50 + 1
        ));
    }
    fs::write(&input, body).expect("write");
    let run = |threads: &str, name: &str| {
        let out = dir.path().join(name);
        let o = evex(&[
            "extract",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            threads,
            "--quiet",
        ]);
        assert_eq!(o.status.code(), Some(0));
        (
            read(&out.join("events.csv")),
            read(&out.join("entities.csv")),
        )
    };
    let one = run("1", "a");
    assert_eq!(one.0.lines().count(), 6001);
    assert_eq!(one, run("2", "b"));
    assert_eq!(one, run("2", "c"));
}

// `evex extract --per-document`: one JSON record per input document, in
// input order, rejects included, exit 0; `--line-buffered` answers each
// document before the next one is read.

fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const PER_DOCUMENT_STDIN: &[&str] = &[
    "extract",
    "-",
    "--input-format",
    "jsonl",
    "--out",
    "-",
    "--per-document",
    "--quiet",
];

const INPUT: &str = concat!(
    r#"{"id":"a1","text":"Russia has deployed 5,000 troops to Belarus."}"#,
    "\n",
    r#"{"id":"a2","text":"The weather in Lisbon was mild."}"#,
    "\n",
    "not json\n",
    r#"{"id":"a4","body_missing":"no text here"}"#,
    "\n",
    r#"{"id":"a5","text":"   "}"#,
    "\n",
    r#"{"id":"a6","text":"Ukraine fired ATACMS missiles at Russia’s Bryansk region."}"#,
    "\n",
);

#[test]
fn one_record_per_document_in_input_order_with_rejects_and_exit_0() {
    let mut args = PER_DOCUMENT_STDIN.to_vec();
    args.extend(["--threads", "2"]);
    let o = evex_stdin(&args, INPUT.as_bytes());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let recs = records(&o.stdout);
    let summary: Vec<(String, String, String)> = recs
        .iter()
        .map(|r| {
            (
                r["doc_id"].as_str().unwrap_or("?").to_string(),
                r["status"].as_str().unwrap_or("?").to_string(),
                r["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("a1", "ok", ""),
        ("a2", "ok", ""),
        ("-:3", "rejected", "invalid_json"),
        ("a4", "rejected", "missing_text"),
        ("a5", "rejected", "empty"),
        ("a6", "ok", ""),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(summary, want);
    // The events and entities are the table rows, with their keys.
    let ev = &recs[0]["events"][0];
    assert_eq!(ev["event_type"], "DEPLOYMENT");
    assert_eq!(ev["actor"], "Russia");
    assert_eq!(ev["location"], "Belarus");
    assert_eq!(ev["quantity"], "5,000");
    assert_eq!(ev["target"], serde_json::Value::Null);
    let ents: Vec<(&str, u64, u64)> = recs[0]["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| {
            (
                e["text"].as_str().unwrap_or("?"),
                e["start"].as_u64().unwrap_or(0),
                e["end"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(ents, [("Russia", 0, 6), ("Belarus", 36, 43)]);
    assert_eq!(recs[1]["events"], serde_json::json!([]));
    assert_eq!(recs[1]["entities"][0]["canonical"], "Lisbon");
    assert_eq!(recs[3]["events"], serde_json::json!([]));
    assert!(
        recs[3]["detail"]
            .as_str()
            .unwrap_or("")
            .contains("no text field")
    );
    // Byte offsets: the curly apostrophe is 3 bytes.
    let bryansk = recs[5]["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["text"] == "Bryansk region")
        .expect("Bryansk region");
    assert_eq!(bryansk["start"], 44);
    // The reject on stdin names the document it came from.
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("rejected -:4 (document a4): missing_text"),
        "{stderr}"
    );
}

#[test]
fn line_buffered_answers_each_document_before_the_next_is_sent() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evex"))
        .args(PER_DOCUMENT_STDIN)
        .arg("--line-buffered")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn evex");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    for (id, text) in [
        ("q1", "Iran and the United States held talks in Oman."),
        ("q2", "The weather in Lisbon was mild."),
    ] {
        writeln!(stdin, "{}", serde_json::json!({"id": id, "text": text})).expect("write");
        stdin.flush().expect("flush");
        // Blocks until evex answers: the pipe stays open, so an evex that
        // waited for more input before writing would hang this test.
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).expect("read");
        let rec: serde_json::Value = serde_json::from_str(&line).expect("json");
        assert_eq!(rec["doc_id"], id);
        assert_eq!(rec["status"], "ok");
    }
    drop(stdin);
    assert_eq!(child.wait().expect("wait").code(), Some(0));
}

#[test]
fn per_document_into_a_folder_writes_per_document_jsonl_and_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, INPUT).expect("write");
    let out = dir.path().join("out");
    extract(
        input.to_str().unwrap_or(""),
        out.to_str().unwrap_or(""),
        &["--per-document", "--quiet"],
        0,
    );
    let text = std::fs::read_to_string(out.join("per_document.jsonl")).expect("per_document.jsonl");
    let recs = records(text.as_bytes());
    assert_eq!(recs.len(), 6);
    assert!(
        recs[2]["doc_id"]
            .as_str()
            .unwrap_or("")
            .ends_with("in.jsonl:3")
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).expect("summary"))
            .expect("json");
    assert_eq!(summary["documents_read"], 6);
    assert_eq!(summary["documents_rejected"], 3);
    assert_eq!(
        summary["outputs"],
        serde_json::json!(["per_document.jsonl"])
    );
    assert!(!out.join("events.csv").exists());
}
