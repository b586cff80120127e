//! Invariants on random input (proptest): every entity row's `text` is the
//! `[start, end)` slice of its document; the folded view maps every word
//! back to its bytes in the original; the output does not depend on the
//! number of threads. Texts are built from names the default gazetteers
//! know, words that trigger rules, punctuation of every kind and random
//! Unicode, so that matches, rules and odd bytes all occur.

use evex::batch::{self, BatchOptions, ExtraSinks, Sinks};
use evex::emit::{
    DOCUMENT_COLUMNS, ENTITY_COLUMNS, ENTITY_COUNT_COLUMNS, EVENT_COLUMNS, OutFormat,
    REJECT_COLUMNS, TableWriter, entity_rows,
};
use evex::ingest::{self, Options};
// The folded-view invariant is the segmenter's: its types are stage
// internals, reached through `evex::internals` like the benches do.
use evex::internals::{Segmenter, fold_phrase, segment_folded};
use evex::{Config, Document, Pipeline};
use proptest::prelude::*;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).expect("the default pipeline builds"));

/// Pieces of news-like text.
fn fragment() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "Russia",
        "Russia's",
        "Russia’s",
        "KYIV",
        "Kyïv",
        "Kyiv",
        "U.S.",
        "US",
        "the United States",
        "F-16s",
        "F 16",
        "Vladimir Putin",
        "Putin",
        "the Kremlin",
        "Pentagon",
        "North Korean",
        "troops",
        "ATACMS",
        "missiles",
        "drones",
        "Türkiye",
        "Zaporizhzhia",
        "launched",
        "deployed",
        "attacked",
        "authorised",
        "to use",
        "sanctions on",
        "talks with",
        "was allowed by",
        "not",
        "may",
        "10,000",
        "about 5,000",
        "Nov. 20",
        "Mr.",
        "spokesman",
        "Deputy Prime Minister",
    ]);
    let punct = prop::sample::select(vec![
        " ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", " - ", " — ", "“", "”", "'", "\"",
        "(", ")", "\u{00a0}", "\u{0301}", "\t", "…", "/",
    ]);
    prop_oneof![
        6 => known.prop_map(str::to_string),
        4 => punct.prop_map(str::to_string),
        2 => "[A-Z][a-z]{1,8}",
        1 => "\\PC{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|parts| parts.concat())
}

/// A CSV table written to a temporary file, read back with [`TempTable::bytes`].
struct TempTable {
    file: tempfile::NamedTempFile,
}

impl TempTable {
    fn new() -> TempTable {
        TempTable {
            file: tempfile::NamedTempFile::new().expect("a temporary file"),
        }
    }

    fn writer(&self, columns: &[&str]) -> TableWriter {
        let out = self.file.reopen().expect("reopen");
        TableWriter::new(Box::new(out), OutFormat::Csv, columns).expect("writer")
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(self.file.path()).expect("read back")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn entity_text_is_the_slice_of_the_original(t in text()) {
        let p = &*PIPELINE;
        let doc = Document::new("d", t.clone());
        let ex = p.process(&doc);
        let table = TempTable::new();
        let mut w = table.writer(ENTITY_COLUMNS);
        entity_rows(&mut w, &doc, &ex, p).expect("rows");
        w.flush().expect("flush");
        drop(w);
        let bytes = table.bytes();
        let mut rows = csv::Reader::from_reader(bytes.as_slice());
        for row in rows.records() {
            let row = row.expect("a CSV row");
            let (s, e): (usize, usize) = (row[2].parse().expect("start"), row[3].parse().expect("end"));
            prop_assert_eq!(t.get(s..e), Some(&row[4]), "row {:?}", row);
        }
        for ev in &ex.events {
            prop_assert!(t.get(ev.start as usize..ev.end as usize).is_some());
        }
    }

    #[test]
    fn the_folded_view_maps_back_to_the_original(t in text()) {
        let seg = Segmenter::new(["Mr.".to_string(), "Nov.".to_string()]);
        let (mut tokens, mut sentences, mut folded) = (Vec::new(), Vec::new(), String::new());
        segment_folded(&seg, &t, &mut tokens, &mut sentences, &mut folded);
        let mut last = (0, 0);
        for tok in &tokens {
            let word = t.get(tok.start as usize..tok.end as usize);
            prop_assert!(word.is_some(), "token {:?} is not a slice of the text", tok);
            prop_assert!((tok.start, tok.fstart) >= last, "tokens out of order");
            last = (tok.end, tok.fend);
            if tok.is_word() && tok.fend > tok.fstart {
                let view = folded.get(tok.fstart as usize..tok.fend as usize);
                let want = fold_phrase(word.unwrap_or(""));
                prop_assert_eq!(view, Some(want.as_str()));
            }
        }
        for s in &sentences {
            prop_assert!(t.get(s.start as usize..s.end as usize).is_some());
        }
    }
}

/// Runs a batch over `path` with `threads` workers and small chunks; the
/// tables' bytes.
fn run_batch(path: &str, threads: usize) -> Vec<Vec<u8>> {
    let tables: [TempTable; 5] = std::array::from_fn(|_| TempTable::new());
    let table = |i: usize, cols| tables[i].writer(cols);
    let mut sinks = Sinks {
        entities: Some(table(0, ENTITY_COLUMNS)),
        events: table(1, EVENT_COLUMNS),
        rejects: Some(table(2, REJECT_COLUMNS)),
        extra: ExtraSinks {
            entity_counts: Some(table(3, ENTITY_COUNT_COLUMNS)),
            documents: Some(table(4, DOCUMENT_COLUMNS)),
            groups: None,
        },
        per_document: None,
    };
    let opts = BatchOptions {
        threads,
        chunk_docs: 3,
        ..BatchOptions::default()
    };
    let files = ingest::plan(&[path.to_string()], &Options::default());
    batch::run(
        &PIPELINE,
        &files,
        &Options::default(),
        &mut sinks,
        &opts,
        &mut |_| {},
    )
    .expect("batch");
    drop(sinks);
    tables.iter().map(TempTable::bytes).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn output_is_the_same_for_one_and_two_threads(docs in prop::collection::vec(text(), 1..24)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("docs.jsonl");
        let mut jsonl = String::new();
        for (i, t) in docs.iter().enumerate() {
            jsonl.push_str(&serde_json::json!({"id": format!("d{i}"), "text": t}).to_string());
            jsonl.push('\n');
        }
        std::fs::write(&path, jsonl).expect("write");
        let path = path.display().to_string();
        let one = run_batch(&path, 1);
        prop_assert!(one[0].starts_with(b"doc_id,"));
        prop_assert_eq!(one, run_batch(&path, 2));
    }
}
