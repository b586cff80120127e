//! The csv record reader on arbitrary bytes: no panic, and every document
//! it yields passes the document checks.
#![no_main]

#[path = "records.rs"]
mod records;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    records::read_all(evex::ingest::Format::Csv, data);
});
