//! The json record reader on arbitrary bytes: no panic, and every document
//! it yields passes the document checks.
#![no_main]

use evex::ingest::{self, Format, InputFile, Item, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = InputFile {
        path: None,
        display: "fuzz.json".into(),
        doc_id: "fuzz.json".into(),
        format: Some(Format::Json),
        gzip: false,
        size: data.len() as u64,
        reject: None,
    };
    // A small limit, so that too_large is reached too.
    let opts = Options {
        max_doc_bytes: 256,
        ..Options::default()
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    ingest::read_records(&file, Format::Json, reader, &opts, &mut |item| {
        if let Item::Doc(d) = &item {
            assert!(d.text.len() <= 256 && !d.text.trim().is_empty());
            assert!(!d.text.contains('\0'));
        }
        true
    });
});
