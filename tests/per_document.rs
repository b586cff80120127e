//! `evex extract --per-document`: one JSON record per input document, in
//! input order, rejects included, exit 0; `--line-buffered` answers each
//! document before the next one is read.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn evex_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
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

fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

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
    let o = evex_stdin(
        &[
            "extract",
            "-",
            "--input-format",
            "jsonl",
            "--out",
            "-",
            "--per-document",
            "--quiet",
            "--threads",
            "2",
        ],
        INPUT.as_bytes(),
    );
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
        .find(|e| e["text"] == "Bryansk")
        .expect("Bryansk");
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
        .args([
            "extract",
            "-",
            "--input-format",
            "jsonl",
            "--out",
            "-",
            "--per-document",
            "--line-buffered",
            "--quiet",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn evex");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    for (id, text) in [
        ("q1", "Iran and the United States held talks in Oman."),
        ("q2", "The weather in Lisbon was mild."),
    ] {
        writeln!(stdin, "{}", serde_json::json!({"id": id, "text": text})).expect("write");
        stdin.flush().expect("flush");
        // Blocks until evex answers: the pipe stays open, so an evex that
        // waited for more input before writing would hang this test.
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read");
        let rec: serde_json::Value = serde_json::from_str(&line).expect("json");
        assert_eq!(rec["doc_id"], id);
        assert_eq!(rec["status"], "ok");
    }
    drop(stdin);
    assert_eq!(child.wait().expect("wait").code(), Some(0));
}

#[test]
fn per_document_into_a_folder_writes_documents_jsonl_and_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, INPUT).expect("write");
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .args(["extract", input.to_str().unwrap_or(""), "--out"])
        .arg(&out)
        .args(["--per-document", "--quiet"])
        .output()
        .expect("run evex");
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents.jsonl");
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
    assert!(!out.join("events.csv").exists());
}
