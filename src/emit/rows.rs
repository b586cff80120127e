//! The fixed columns of each output table and how a document fills them.

use super::{Cell, TableWriter};
use crate::document::Document;
use crate::gazetteer::AliasKind;
use crate::ingest::Reject;
use crate::pipeline::{Extraction, Pipeline};
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
];

pub const REJECT_COLUMNS: &[&str] = &["source", "line", "reason", "detail"];

/// The columns (of any table) whose cells are integers or empty; every other
/// column holds text. Readers of the CSV files use it to type the columns
/// (a CAMEO code such as `046` is text).
///
/// ```
/// use evex::emit::INTEGER_COLUMNS;
/// assert!(INTEGER_COLUMNS.contains(&"start") && !INTEGER_COLUMNS.contains(&"cameo"));
/// ```
pub const INTEGER_COLUMNS: &[&str] = &["sentence", "start", "end", "line"];

/// The role slots that have their own column; other slots go to
/// `other_roles` as `name=value; ...`.
const ROLE_COLUMNS: &[&str] = &["actor", "target", "weapon", "location", "quantity"];

/// Writes one row per reported entity mention, in text order: gazetteer
/// mentions and unlisted people (named after a title) merged by span.
pub fn entity_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
) -> io::Result<usize> {
    let gaz = p.gazetteer();
    let head = |sentence: u32, start: u32, end: u32| {
        [
            Cell::Text(&doc.id),
            Cell::Int(sentence as u64),
            Cell::Int(start as u64),
            Cell::Int(end as u64),
            Cell::Raw(&doc.text[start as usize..end as usize]),
        ]
    };
    let mut mentions = ex.mentions.iter().filter(|m| p.is_reported(m)).peekable();
    let mut unlisted = ex.unlisted.iter().peekable();
    let mut rows = 0;
    loop {
        let take_mention = match (mentions.peek(), unlisted.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(m), Some(u)) => (m.start, m.end) <= (u.start, u.end),
        };
        rows += 1;
        if take_mention {
            let Some(m) = mentions.next() else { break };
            let form = match m.kind {
                AliasKind::Name => "name",
                AliasKind::Demonym => "demonym",
                AliasKind::Partial => "surname",
            };
            // The rest of the row comes from the entry and the form of the
            // name: the same on every row of that pair, so it is rendered
            // once per run, and the entry is read only then.
            w.write_keyed(
                &head(m.sentence, m.start, m.end),
                m.entry * 4 + m.kind as u32,
                || {
                    let entry = gaz.entry(m.entry);
                    vec![
                        Cell::Text(gaz.type_name(entry.etype)),
                        Cell::Text(&entry.canonical),
                        Cell::Text(&entry.id),
                        Cell::Text(form),
                        Cell::Text(&entry.attributes_text),
                    ]
                },
            )?;
        } else {
            let Some(u) = unlisted.next() else { break };
            let id = format!(
                "person/unlisted/{}",
                crate::normalize::fold_phrase(&u.name).replace(' ', "-")
            );
            let mut row: Vec<Cell> = head(u.sentence, u.start, u.end).to_vec();
            row.extend([
                Cell::Text("PERSON"),
                Cell::Text(&u.name),
                Cell::Text(&id),
                Cell::Text("title"),
                Cell::Text(""),
            ]);
            w.write(&row)?;
        }
    }
    Ok(rows)
}

/// Writes one row per event, in text order.
pub fn event_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
) -> io::Result<usize> {
    let mut other = String::new();
    for ev in &ex.events {
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
        w.write(&[
            Cell::Text(&doc.id),
            Cell::Int(ev.sentence as u64),
            Cell::Text(&ev.event_type),
            Cell::Text(&ev.cameo),
            Cell::Text(&ev.plover),
            role("actor"),
            role("target"),
            role("weapon"),
            role("location"),
            role("quantity"),
            Cell::Text(&ev.modality),
            Cell::Text(trigger),
            Cell::Text(&p.rules().rules[ev.rule as usize].id),
            Cell::Int(ev.start as u64),
            Cell::Int(ev.end as u64),
            Cell::Text(evidence),
            Cell::Text(&other),
        ])?;
    }
    Ok(ex.events.len())
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
