//! Documents already in memory → in-memory tables of entities and events,
//! in parallel: the engine behind the Python package's `extract_batch`.
//!
//! The [`batch`](crate::batch) driver streams files to files; callers that
//! hold their documents already (a Python list, a Spark partition) want the
//! rows back as data instead. They get the rows the CSV files would hold,
//! rendered by the same renderers ([`entity_rows`], [`event_rows`]) into
//! [`MemoryTable`]s: every column, the character offsets (`start_char`,
//! `end_char`) for languages that index strings by code point included.
//! `group_id` is empty: groups are formed across the documents of a run
//! into a folder.
//!
//! Documents are cut into chunks of about a megabyte of text; the rayon pool
//! processes and renders the chunks in parallel, and the chunk tables are
//! then appended in input order, so the result is identical for any number
//! of threads.

use crate::document::Document;
use crate::emit::{
    ENTITY_COLUMNS, EVENT_COLUMNS, MemoryTable, TableWriter, entity_rows, event_rows,
};
use crate::pipeline::Pipeline;
use rayon::prelude::*;

/// The entity and event rows of some documents, in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    /// The entities table's rows.
    pub entities: MemoryTable,
    /// The events table's rows.
    pub events: MemoryTable,
}

/// Text per chunk handed to one worker.
const CHUNK_BYTES: usize = 1 << 20;

/// Extracts `docs` with `threads` workers (0: all cores; 1: on the calling
/// thread, no pool).
///
/// ```
/// use evex::{Config, Document, Pipeline, extract_tables};
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let docs = [Document::new("d1", "Russia has deployed 5,000 troops to Belarus.")];
/// let t = extract_tables(&pipeline, &docs, 1).unwrap();
/// let col = t.events.columns().iter().position(|c| *c == "location").unwrap();
/// assert_eq!(t.events.text(t.events.get(0, col)), Some("Belarus"));
/// ```
pub fn extract_tables(
    pipeline: &Pipeline,
    docs: &[Document],
    threads: usize,
) -> Result<Tables, rayon::ThreadPoolBuildError> {
    extract_chunked(pipeline, docs, threads, CHUNK_BYTES)
}

fn extract_chunked(
    pipeline: &Pipeline,
    docs: &[Document],
    threads: usize,
    chunk_bytes: usize,
) -> Result<Tables, rayon::ThreadPoolBuildError> {
    if threads == 1 {
        return Ok(render(pipeline, docs));
    }
    let mut chunks = Vec::new();
    let (mut from, mut bytes) = (0, 0);
    for (i, d) in docs.iter().enumerate() {
        bytes += d.text.len();
        if bytes >= chunk_bytes {
            chunks.push(&docs[from..=i]);
            (from, bytes) = (i + 1, 0);
        }
    }
    if from < docs.len() {
        chunks.push(&docs[from..]);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let parts: Vec<Tables> =
        pool.install(|| chunks.par_iter().map(|c| render(pipeline, c)).collect());
    let mut out = Tables {
        entities: MemoryTable::new(ENTITY_COLUMNS),
        events: MemoryTable::new(EVENT_COLUMNS),
    };
    for p in &parts {
        out.entities.append(&p.entities);
        out.events.append(&p.events);
    }
    Ok(out)
}

/// Processes and renders `docs` on this thread.
fn render(pipeline: &Pipeline, docs: &[Document]) -> Tables {
    let mut entities = TableWriter::memory(ENTITY_COLUMNS);
    let mut events = TableWriter::memory(EVENT_COLUMNS);
    for doc in docs {
        let ex = pipeline.process(doc);
        // Writing to memory cannot fail.
        let _ = entity_rows(&mut entities, doc, &ex, pipeline);
        let _ = event_rows(&mut events, doc, &ex, pipeline);
    }
    Tables {
        entities: entities
            .into_table()
            .unwrap_or_else(|| MemoryTable::new(ENTITY_COLUMNS)),
        events: events
            .into_table()
            .unwrap_or_else(|| MemoryTable::new(EVENT_COLUMNS)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::{FLOAT_COLUMNS, INTEGER_COLUMNS, Value};
    use crate::pipeline::Config;

    fn docs() -> Vec<Document> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
        let mut files: Vec<_> = std::fs::read_dir(&root)
            .expect("examples/articles")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                Document::new(name, std::fs::read_to_string(f).expect("read"))
            })
            .collect()
    }

    #[test]
    fn tables_match_the_golden_csv_rows_for_any_thread_count() {
        let p = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let docs = docs();
        let one = extract_tables(&p, &docs, 1).expect("pool");
        // Small chunks, so several workers really share the documents.
        let two = extract_chunked(&p, &docs, 2, 3000).expect("pool");
        assert_eq!(one.events.rows(), two.events.rows());
        for (a, b) in [(&one.events, &two.events), (&one.entities, &two.entities)] {
            for r in 0..a.rows() {
                for c in 0..a.columns().len() {
                    assert_eq!(a.text(a.get(r, c)), b.text(b.get(r, c)));
                }
            }
        }
        let golden = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/events.csv"),
        )
        .expect("golden");
        assert_eq!(one.events.rows(), golden.lines().count() - 1);
        assert!(one.entities.rows() > 100);
    }

    #[test]
    fn numbers_are_in_their_columns_and_chars_match_slices() {
        let p = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let docs = docs();
        let t = extract_tables(&p, &docs, 1).expect("pool");
        let mut floats = 0;
        for table in [&t.entities, &t.events] {
            let names = table.columns();
            for r in 0..table.rows() {
                for (c, name) in names.iter().enumerate() {
                    match table.get(r, c) {
                        Value::Int(_) => assert!(INTEGER_COLUMNS.contains(name), "{name}"),
                        Value::Float(_) => {
                            floats += 1;
                            assert!(FLOAT_COLUMNS.contains(name), "{name}")
                        }
                        Value::Text { .. } => assert!(
                            !INTEGER_COLUMNS.contains(name) && !FLOAT_COLUMNS.contains(name),
                            "{name}"
                        ),
                        Value::Null => {}
                    }
                }
            }
        }
        assert!(floats > 0, "no quantity_value in the examples");
        let names = t.entities.columns();
        let col = |n: &str| names.iter().position(|c| *c == n).expect(n);
        for r in 0..t.entities.rows() {
            let id = t.entities.text(t.entities.get(r, col("doc_id")));
            let doc = docs
                .iter()
                .find(|d| Some(d.id.as_str()) == id)
                .expect("doc");
            let int = |n| match t.entities.get(r, col(n)) {
                Value::Int(v) => v as usize,
                v => panic!("{n}: {v:?}"),
            };
            let by_chars: String = doc
                .text
                .chars()
                .skip(int("start_char"))
                .take(int("end_char") - int("start_char"))
                .collect();
            assert_eq!(&doc.text[int("start")..int("end")], by_chars);
        }
    }
}
