//! `--per-document`: one JSON record per input document, in input order.
//!
//! The tables (`events.csv`, `entities.csv`) have one row per event or
//! mention, so a document with nothing in it, or one that was rejected,
//! leaves no trace in them. A program that pipes documents through evex one
//! at a time (Spark's `rdd.pipe`, `TRANSFORM` in Spark SQL, a shell loop)
//! needs exactly one answer per document instead:
//!
//! ```json
//! {"doc_id":"a1","status":"ok","reason":null,"detail":null,"events":[{…}],"entities":[{…}]}
//! {"doc_id":"-:2","status":"rejected","reason":"invalid_json","detail":"not JSON: …","events":[],"entities":[]}
//! ```
//!
//! The events and entities are the rows of the tables, rendered by the same
//! row renderers into in-memory tables, with the same keys and values as
//! `--format jsonl` (`group_id` is empty: groups span documents).

use super::{
    ENTITY_COLUMNS, EVENT_COLUMNS, MemoryTable, TableWriter, Value, entity_rows, event_rows,
};
use crate::document::Document;
use crate::ingest::Reject;
use crate::pipeline::{Extraction, Pipeline};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::io::{self, BufWriter, Write};

/// Writes one JSON line per document or reject.
///
/// ```
/// use evex::emit::PerDocumentWriter;
/// use evex::{Config, Document, Pipeline};
/// # use std::sync::{Arc, Mutex};
/// # #[derive(Clone, Default)] struct Buf(Arc<Mutex<Vec<u8>>>);
/// # impl std::io::Write for Buf {
/// #     fn write(&mut self, b: &[u8]) -> std::io::Result<usize> { self.0.lock().unwrap().extend_from_slice(b); Ok(b.len()) }
/// #     fn flush(&mut self) -> std::io::Result<()> { Ok(()) }
/// # }
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let buf = Buf::default();
/// let mut w = PerDocumentWriter::new(Box::new(buf.clone()), true);
/// let doc = Document::new("d1", "Russia has deployed 5,000 troops to Belarus.");
/// w.document(&doc, &pipeline.process(&doc), &pipeline).unwrap();
/// let line = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
/// assert!(line.starts_with(r#"{"doc_id":"d1","status":"ok","#));
/// assert!(line.contains(r#""event_type":"DEPLOYMENT""#));
/// ```
pub struct PerDocumentWriter {
    out: BufWriter<Box<dyn Write + Send>>,
    line_buffered: bool,
    entities: TableWriter,
    events: TableWriter,
}

impl PerDocumentWriter {
    /// `line_buffered`: flush after every record, so a reader on the other
    /// end of a pipe sees each answer as soon as it is ready.
    pub fn new(out: Box<dyn Write + Send>, line_buffered: bool) -> PerDocumentWriter {
        PerDocumentWriter {
            out: BufWriter::with_capacity(1 << 16, out),
            line_buffered,
            entities: TableWriter::memory(ENTITY_COLUMNS),
            events: TableWriter::memory(EVENT_COLUMNS),
        }
    }

    /// Writes the record of a processed document.
    pub fn document(&mut self, doc: &Document, ex: &Extraction, p: &Pipeline) -> io::Result<()> {
        self.clear();
        entity_rows(&mut self.entities, doc, ex, p)?;
        event_rows(&mut self.events, doc, ex, p)?;
        self.record(&doc.id, None)
    }

    /// Writes the record of a rejected input. Its `doc_id` is the id the
    /// input gave, else `SOURCE:LINE` (as for documents without an id).
    pub fn reject(&mut self, r: &Reject) -> io::Result<()> {
        self.clear();
        let id = match (&r.doc_id, r.line) {
            (Some(id), _) => id.clone(),
            (None, Some(line)) => format!("{}:{line}", r.source),
            (None, None) => r.source.clone(),
        };
        self.record(&id, Some(r))
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn clear(&mut self) {
        for w in [&mut self.entities, &mut self.events] {
            if let Some(t) = w.table_mut() {
                t.clear();
            }
        }
    }

    fn record(&mut self, doc_id: &str, reject: Option<&Reject>) -> io::Result<()> {
        let empty = MemoryTable::default();
        let record = Record {
            doc_id,
            status: if reject.is_some() { "rejected" } else { "ok" },
            reason: reject.map(|r| r.reason.as_str()),
            detail: reject.map(|r| r.detail.as_str()),
            events: Rows(self.events.table().unwrap_or(&empty)),
            entities: Rows(self.entities.table().unwrap_or(&empty)),
        };
        serde_json::to_writer(&mut self.out, &record).map_err(io::Error::other)?;
        self.out.write_all(b"\n")?;
        if self.line_buffered {
            self.out.flush()?;
        }
        Ok(())
    }
}

#[derive(serde::Serialize)]
struct Record<'a> {
    doc_id: &'a str,
    status: &'a str,
    reason: Option<&'a str>,
    detail: Option<&'a str>,
    events: Rows<'a>,
    entities: Rows<'a>,
}

/// The rows of a table as a JSON array of objects.
struct Rows<'a>(&'a MemoryTable);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.rows()))?;
        for r in 0..self.0.rows() {
            seq.serialize_element(&Row(self.0, r))?;
        }
        seq.end()
    }
}

struct Row<'a>(&'a MemoryTable, usize);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut map = s.serialize_map(Some(t.columns().len()))?;
        for (name, v) in t.row(self.1) {
            match v {
                Value::Null => map.serialize_entry(name, &())?,
                Value::Int(n) => map.serialize_entry(name, &n)?,
                Value::Float(x) => map.serialize_entry(name, &super::float_json(x))?,
                Value::Text { .. } => map.serialize_entry(name, t.text(v).unwrap_or(""))?,
            }
        }
        map.end()
    }
}
