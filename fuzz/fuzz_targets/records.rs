//! What the record-reader targets (and the pipeline target) share: read
//! arbitrary bytes as one file of a format and check every document that
//! comes out.

use evex::ingest::{self, Format, InputFile, Item, Options};

/// Reads `data` as a file of `format`, with a small size limit so that
/// `too_large` is reached too; every document must pass the document
/// checks (not empty, no NUL, within the limit).
pub fn read_all(format: Format, data: &[u8]) {
    let file = input_file(format, data);
    let opts = Options {
        max_doc_bytes: 256,
        ..Options::default()
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    ingest::read_records(&file, format, reader, &opts, &mut |item| {
        if let Item::Doc(d) = &item {
            assert!(d.text.len() <= 256 && !d.text.trim().is_empty());
            assert!(!d.text.contains('\0'));
        }
        true
    });
}

/// An in-memory input of `format` holding `data`.
pub fn input_file(format: Format, data: &[u8]) -> InputFile {
    InputFile {
        path: None,
        display: "fuzz".into(),
        doc_id: "fuzz".into(),
        format: Some(format),
        gzip: false,
        size: data.len() as u64,
        reject: None,
    }
}
