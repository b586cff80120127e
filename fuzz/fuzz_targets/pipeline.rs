//! The whole pipeline on arbitrary bytes: the first byte picks the input
//! format, the rest is read as a file of it; each document is processed
//! with the default gazetteers and rules and written as CSV rows. No panic,
//! and every offset lies on character boundaries of the document.
#![no_main]

use evex::emit::{ENTITY_COLUMNS, EVENT_COLUMNS, OutFormat, TableWriter, entity_rows, event_rows};
use evex::ingest::{self, Format, Item, Options};
use evex::{Config, Pipeline};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

#[path = "records.rs"]
#[allow(dead_code)] // read_all is for the record targets
mod records;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).expect("the default pipeline builds"));

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = match pick % 4 {
        0 => Format::Text,
        1 => Format::Jsonl,
        2 => Format::Json,
        _ => Format::Csv,
    };
    let file = records::input_file(format, rest);
    let p = &*PIPELINE;
    let sink = || Box::new(std::io::sink());
    let mut entities = TableWriter::new(sink(), OutFormat::Csv, ENTITY_COLUMNS).expect("sink");
    let mut events = TableWriter::new(sink(), OutFormat::Csv, EVENT_COLUMNS).expect("sink");
    let reader = Box::new(std::io::Cursor::new(rest.to_vec()));
    ingest::read_records(&file, format, reader, &Options::default(), &mut |item| {
        let Item::Doc(doc) = item else {
            return true;
        };
        let ex = p.process(&doc);
        let text = doc.text.as_str();
        let on_boundaries = |s: u32, e: u32| {
            s <= e && text.is_char_boundary(s as usize) && text.is_char_boundary(e as usize)
        };
        for m in &ex.mentions {
            assert!(
                on_boundaries(m.start, m.end),
                "mention {}..{}",
                m.start,
                m.end
            );
        }
        for u in &ex.unlisted {
            assert!(
                on_boundaries(u.start, u.end),
                "unlisted {}..{}",
                u.start,
                u.end
            );
        }
        for ev in &ex.events {
            assert!(
                on_boundaries(ev.start, ev.end),
                "event {}..{}",
                ev.start,
                ev.end
            );
        }
        for &(s, e) in &ex.sentences {
            assert!(on_boundaries(s, e), "sentence {s}..{e}");
        }
        entity_rows(&mut entities, &doc, &ex, p).expect("rows");
        event_rows(&mut events, &doc, &ex, p).expect("rows");
        true
    });
});
