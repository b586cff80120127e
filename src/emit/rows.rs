//! The fixed columns of each output table and how a document fills them.

use super::{Cell, CharOffsets, TableWriter};
use crate::dates::parse_document_date;
use crate::document::Document;
use crate::gazetteer::AliasKind;
use crate::ingest::Reject;
use crate::pipeline::{Extraction, Pipeline};
use std::fmt::Write as _;
use std::io;

/// The columns of `entities.csv`, in order.
///
/// ```
/// assert_eq!(evex::emit::ENTITY_COLUMNS[..4], ["doc_id", "sentence", "start", "end"]);
/// ```
pub const ENTITY_COLUMNS: &[&str] = &[
    "doc_id",
    "sentence",
    "start",
    "end",
    "text",
    "type",
    "canonical",
    "entity_id",
    "form",
    "attributes",
    "start_char",
    "end_char",
    "doc_date",
];

/// The columns of `events.csv`, in order.
///
/// ```
/// assert!(evex::emit::EVENT_COLUMNS.contains(&"cameo"));
/// ```
pub const EVENT_COLUMNS: &[&str] = &[
    "doc_id",
    "sentence",
    "event_type",
    "cameo",
    "plover",
    "actor",
    "target",
    "weapon",
    "location",
    "quantity",
    "modality",
    "trigger",
    "rule",
    "start",
    "end",
    "evidence",
    "other_roles",
    "actors",
    "targets",
    "weapons",
    "locations",
    "event_date",
    "date_basis",
    "quantity_value",
    "quantity_unit",
    "quantity_qualifier",
    "start_char",
    "end_char",
    "doc_date",
    "title",
    "url",
    "group_id",
];

/// `entity_counts.csv`: one row per entity per document, for dumps whose
/// mention list is longer than a spreadsheet.
pub const ENTITY_COUNT_COLUMNS: &[&str] = &[
    "doc_id",
    "canonical",
    "type",
    "entity_id",
    "mentions",
    "first_start",
    "first_end",
    "first_start_char",
    "doc_date",
];

/// `documents.csv`/`.jsonl` (`--tables documents`): the text every offset
/// refers to (for HTML and WARC input, the extracted article).
pub const DOCUMENT_COLUMNS: &[&str] = &["doc_id", "doc_date", "title", "url", "text"];

/// The columns of `rejects.csv`: which input, where in it, why.
pub const REJECT_COLUMNS: &[&str] = &["source", "line", "reason", "detail"];

/// The columns (of any table) whose cells are integers or empty; with
/// [`FLOAT_COLUMNS`], every other column holds text. Readers of the CSV
/// files use them to type the columns (a CAMEO code such as `046` is text);
/// a test checks them against the cells the renderers write.
///
/// ```
/// use evex::emit::INTEGER_COLUMNS;
/// assert!(INTEGER_COLUMNS.contains(&"start") && !INTEGER_COLUMNS.contains(&"cameo"));
/// ```
pub const INTEGER_COLUMNS: &[&str] = &[
    "sentence",
    "start",
    "end",
    "line",
    "start_char",
    "end_char",
    "mentions",
    "first_start",
    "first_end",
    "first_start_char",
    "group_id",
    "documents",
    "sources",
];

/// The columns whose cells are numbers that may have a fraction, or empty.
///
/// ```
/// assert_eq!(evex::emit::FLOAT_COLUMNS, ["quantity_value"]);
/// ```
pub const FLOAT_COLUMNS: &[&str] = &["quantity_value"];

/// The role slots that have their own column; other slots go to
/// `other_roles` as `name=value; ...`.
const ROLE_COLUMNS: &[&str] = &["actor", "target", "weapon", "location", "quantity"];

/// The roles whose every value (coordinated names included) has a list
/// column: `actors`, `targets`, `weapons`, `locations`.
const LIST_COLUMNS: [&str; 4] = ["actor", "target", "weapon", "location"];
/// A table's columns followed by the `--keep-field` names.
pub fn with_kept(columns: &[&str], keep: &[String]) -> Vec<String> {
    columns
        .iter()
        .map(|c| c.to_string())
        .chain(keep.iter().cloned())
        .collect()
}

/// The document's date as an ISO day when it can be read, else as given.
fn doc_date(doc: &Document) -> Option<String> {
    let raw = doc.date.as_deref()?;
    Some(match parse_document_date(raw) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => raw.to_string(),
    })
}

/// The kept input fields: as many cells as the table has columns after
/// `base` (empty for a document that lacks one).
fn kept<'d>(w: &TableWriter, base: usize, doc: &'d Document) -> Vec<Cell<'d>> {
    (0..w.columns().len().saturating_sub(base))
        .map(|i| doc.kept.get(i).map_or(Cell::Null, |v| Cell::Text(v)))
        .collect()
}

/// Writes one row per reported entity mention, in text order: gazetteer
/// mentions, and mentions of entities no gazetteer lists (found by entity
/// patterns), which carry their own name, id, form and attributes.
///
/// ```
/// use evex::emit::{ENTITY_COLUMNS, TableWriter, entity_rows};
/// use evex::{Config, Document, Pipeline};
/// let pipeline = Pipeline::new(&Config::default())?;
/// let doc = Document::new("d1", "Russian troops crossed into Ukraine.");
/// let mut w = TableWriter::memory(ENTITY_COLUMNS);
/// assert_eq!(entity_rows(&mut w, &doc, &pipeline.process(&doc), &pipeline)?, 2);
/// let t = w.into_table().unwrap();
/// let canonical = ENTITY_COLUMNS.iter().position(|c| *c == "canonical").unwrap();
/// assert_eq!(t.text(t.get(1, canonical)), Some("Ukraine"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn entity_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
) -> io::Result<usize> {
    reported_entity_rows(w, doc, ex, p, &Reported::new(doc, ex, p))
}

/// A document's reported mentions ([`Pipeline::is_reported`]), in text
/// order, with their character offsets: worked out once per document for
/// both tables that need them (entities and entity counts).
pub(crate) struct Reported {
    /// Each mention's index in the extraction and its start and end in
    /// characters.
    mentions: Vec<(u32, u64, u64)>,
}

impl Reported {
    pub(crate) fn new(doc: &Document, ex: &Extraction, p: &Pipeline) -> Reported {
        let mut chars = CharOffsets::new(&doc.text);
        Reported {
            mentions: ex
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| p.is_reported(ex, m))
                .map(|(i, m)| (i as u32, chars.at(m.start), chars.at(m.end)))
                .collect(),
        }
    }

    /// How many mentions are reported.
    pub(crate) fn len(&self) -> usize {
        self.mentions.len()
    }
}

/// [`entity_rows`], the reported mentions known.
pub(crate) fn reported_entity_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
    reported: &Reported,
) -> io::Result<usize> {
    let gaz = p.gazetteer();
    let date = doc_date(doc);
    // The cells that are the same on every row of the document, rendered
    // once: its id, and after the character offsets its date and kept
    // fields.
    let id = w.fixed(vec![Cell::Text(&doc.id)]);
    let mut tail = vec![date.as_deref().map_or(Cell::Null, Cell::Raw)];
    tail.extend(kept(w, ENTITY_COLUMNS.len(), doc));
    let tail = w.fixed(tail);
    for &(i, start_char, end_char) in &reported.mentions {
        let m = &ex.mentions[i as usize];
        let form = m.kind.form();
        let mut row = w.row();
        row.fixed(&id);
        row.int(m.sentence as u64);
        row.int(m.start as u64);
        row.int(m.end as u64);
        row.raw(&doc.text[m.start as usize..m.end as usize]);
        if let Some(u) = ex.unlisted.get(m.unlisted as usize) {
            row.text(gaz.type_name(gaz.etype_of(u.entry)));
            row.text(&u.name);
            row.text(&u.id);
            row.text(if m.kind == AliasKind::Partial {
                form
            } else {
                u.form
            });
            row.text(&u.attributes);
        } else {
            // The rest of the row comes from the entry and the form of the
            // name: the same on every row of that pair, so it is rendered
            // once per run, and the entry is read only then.
            row.keyed(m.entry * 4 + m.kind as u32, || {
                let entry = gaz.entry(m.entry);
                vec![
                    Cell::Text(gaz.type_name(entry.etype)),
                    Cell::Text(&entry.canonical),
                    Cell::Text(&entry.id),
                    Cell::Text(form),
                    Cell::Text(&entry.attributes_text),
                ]
            });
        }
        row.int(start_char);
        row.int(end_char);
        row.fixed(&tail);
        row.end()?;
    }
    Ok(reported.len())
}

/// Writes one row per event, in text order.
pub fn event_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
) -> io::Result<usize> {
    let mut other = String::new();
    let mut lists = [String::new(), String::new(), String::new(), String::new()];
    let mut when = String::new();
    let date = doc_date(doc);
    let mut chars = CharOffsets::new(&doc.text);
    // The document's cells, rendered once: its id; after the character
    // offsets its date, title and url, the group id (filled in when the
    // groups are known, at the end of the run: crate::groups) and the kept
    // fields.
    let id = w.fixed(vec![Cell::Text(&doc.id)]);
    let mut tail = vec![
        date.as_deref().map_or(Cell::Null, Cell::Raw),
        doc.title.as_deref().map_or(Cell::Null, Cell::Text),
        doc.url.as_deref().map_or(Cell::Null, Cell::Text),
        Cell::Null,
    ];
    tail.extend(kept(w, EVENT_COLUMNS.len(), doc));
    let tail = w.fixed(tail);
    for (i, ev) in ex.events.iter().enumerate() {
        let event_date = ex.event_dates.get(i).copied().flatten();
        let quantity = ex.quantities.get(i).and_then(Option::as_ref);
        for (list, name) in lists.iter_mut().zip(LIST_COLUMNS) {
            list.clear();
            if let Some(r) = ev.roles.iter().find(|r| &*r.slot == name) {
                for (i, v) in r.all_values().enumerate() {
                    if i > 0 {
                        list.push_str("; ");
                    }
                    list.push_str(v);
                }
            }
        }
        let role = |name: &str| ev.role(name).map_or(Cell::Null, Cell::Text);
        other.clear();
        for r in ev
            .roles
            .iter()
            .filter(|r| !ROLE_COLUMNS.contains(&&*r.slot))
        {
            if !other.is_empty() {
                other.push_str("; ");
            }
            other.push_str(&r.slot);
            other.push('=');
            other.push_str(&r.value);
        }
        let (s0, s1) = ex.sentences[ev.sentence as usize];
        let evidence = &doc.text[s0 as usize..s1 as usize];
        let trigger = &doc.text[ev.trigger_start as usize..ev.trigger_end as usize];
        when.clear();
        if let Some(d) = event_date {
            let _ = write!(when, "{}", d.value);
        }
        let mut row = w.row();
        row.fixed(&id);
        row.int(ev.sentence as u64);
        row.text(&ev.event_type);
        row.text(&ev.cameo);
        row.text(&ev.plover);
        row.cell(role("actor"));
        row.cell(role("target"));
        row.cell(role("weapon"));
        row.cell(role("location"));
        // A number inside a date ("on Nov. 17") is not a quantity.
        row.cell(if quantity.is_some() {
            role("quantity")
        } else {
            Cell::Null
        });
        row.text(&ev.modality);
        row.text(trigger);
        row.text(&p.rules().rules[ev.rule as usize].id);
        row.int(ev.start as u64);
        row.int(ev.end as u64);
        row.text(evidence);
        row.text(&other);
        for list in &lists {
            row.text(list);
        }
        row.cell(event_date.map_or(Cell::Null, |_| Cell::Raw(&when)));
        row.cell(event_date.map_or(Cell::Null, |d| Cell::Raw(d.basis.as_str())));
        row.cell(
            quantity
                .and_then(|q| q.value)
                .map_or(Cell::Null, Cell::Float),
        );
        row.cell(quantity.and_then(|q| q.unit).map_or(Cell::Null, Cell::Raw));
        row.cell(
            quantity
                .and_then(|q| q.qualifier)
                .map_or(Cell::Null, Cell::Raw),
        );
        row.int(chars.at(ev.start));
        row.int(chars.at(ev.end));
        row.fixed(&tail);
        row.end()?;
    }
    Ok(ex.events.len())
}

/// Writes one row per entity per document: how often it is mentioned and
/// where first, in order of first mention.
pub fn entity_count_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
    reported: &Reported,
) -> io::Result<usize> {
    let gaz = p.gazetteer();
    // Each reported mention's (entry, unlisted index, place in `reported`),
    // sorted so that the mentions of one entity lie together, first
    // mention first: one sort per document instead of a hash map.
    // Unlisted names share their pattern's entry and differ by index.
    let mut keys: Vec<(u32, u32, u32)> = reported
        .mentions
        .iter()
        .enumerate()
        .map(|(at, &(i, _, _))| {
            let m = &ex.mentions[i as usize];
            (m.entry, m.unlisted, at as u32)
        })
        .collect();
    keys.sort_unstable();
    // (first start, first end, first mention's place, entry, unlisted
    // index, mentions).
    let mut counts: Vec<(u32, u32, u32, u32, u32, u64)> = Vec::new();
    for k in keys.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let first = &ex.mentions[reported.mentions[k[0].2 as usize].0 as usize];
        counts.push((
            first.start,
            first.end,
            k[0].2,
            k[0].0,
            k[0].1,
            k.len() as u64,
        ));
    }
    // In order of first mention; mentions at one span keep text order.
    counts.sort_unstable_by_key(|c| (c.0, c.1, c.2));
    let date = doc_date(doc);
    let id = w.fixed(vec![Cell::Text(&doc.id)]);
    let date = w.fixed(vec![date.as_deref().map_or(Cell::Null, Cell::Raw)]);
    for &(start, end, at, entry, unlisted, n) in &counts {
        let mut row = w.row();
        row.fixed(&id);
        if let Some(u) = ex.unlisted.get(unlisted as usize) {
            let e = gaz.entry(entry);
            row.text(&u.name);
            row.text(gaz.type_name(e.etype));
            row.text(&u.id);
        } else {
            // The entry's cells are the same on every row of that entry:
            // rendered once per run (as in `entity_rows`).
            row.keyed(entry, || {
                let e = gaz.entry(entry);
                vec![
                    Cell::Text(&e.canonical),
                    Cell::Text(gaz.type_name(e.etype)),
                    Cell::Text(&e.id),
                ]
            });
        }
        row.int(n);
        row.int(start as u64);
        row.int(end as u64);
        row.int(reported.mentions[at as usize].1);
        row.fixed(&date);
        row.end()?;
    }
    Ok(counts.len())
}

/// Writes the document's text and metadata (`--tables documents`).
pub fn document_row(w: &mut TableWriter, doc: &Document) -> io::Result<()> {
    let date = doc_date(doc);
    w.write(&[
        Cell::Text(&doc.id),
        date.as_deref().map_or(Cell::Null, Cell::Raw),
        doc.title.as_deref().map_or(Cell::Null, Cell::Text),
        doc.url.as_deref().map_or(Cell::Null, Cell::Text),
        Cell::Raw(&doc.text),
    ])
}

/// Writes one reject.
pub fn reject_row(w: &mut TableWriter, r: &Reject) -> io::Result<()> {
    w.write(&[
        Cell::Text(&r.source),
        r.line.map_or(Cell::Null, Cell::Int),
        Cell::Text(r.reason.as_str()),
        Cell::Text(&r.detail),
    ])
}
