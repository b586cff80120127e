//! The fixed columns of each output table and how a document fills them.

use super::{Cell, TableWriter};
use crate::document::Document;
use crate::gazetteer::AliasKind;
use crate::ingest::Reject;
use crate::pipeline::{Extraction, Pipeline};
use std::borrow::Cow;
use std::io;

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

/// The role slots that have their own column; other slots go to
/// `other_roles` as `name=value; ...`.
const ROLE_COLUMNS: &[&str] = &["actor", "target", "weapon", "location", "quantity"];

/// Writes one row per reported entity mention, in text order.
pub fn entity_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
) -> io::Result<usize> {
    let gaz = p.gazetteer();
    // Gazetteer mentions and unlisted people (named after a title), merged
    // in text order.
    let mut rows: Vec<EntityRow> = ex
        .mentions
        .iter()
        .filter(|m| p.is_reported(m))
        .map(|m| {
            let entry = gaz.entry(m.entry);
            EntityRow {
                entry: Some(m.entry),
                sentence: m.sentence,
                span: (m.start, m.end),
                etype: gaz.type_name(entry.etype),
                canonical: &entry.canonical,
                id: Cow::Borrowed(&entry.id),
                form: match m.kind {
                    AliasKind::Name => "name",
                    AliasKind::Demonym => "demonym",
                    AliasKind::Partial => "surname",
                },
                form_code: m.kind as u32,
                attributes: &entry.attributes_text,
            }
        })
        .collect();
    rows.extend(ex.unlisted.iter().map(|u| EntityRow {
        entry: None,
        sentence: u.sentence,
        span: (u.start, u.end),
        etype: "PERSON",
        canonical: &u.name,
        id: Cow::Owned(format!(
            "person/unlisted/{}",
            crate::normalize::fold_phrase(&u.name).replace(' ', "-")
        )),
        form: "title",
        form_code: 3,
        attributes: "",
    }));
    if !ex.unlisted.is_empty() {
        rows.sort_by_key(|r| r.span);
    }
    for r in &rows {
        let (start, end) = r.span;
        let head = [
            Cell::Text(&doc.id),
            Cell::Int(r.sentence as u64),
            Cell::Int(start as u64),
            Cell::Int(end as u64),
            Cell::Raw(&doc.text[start as usize..end as usize]),
        ];
        let tail = [
            Cell::Text(r.etype),
            Cell::Text(r.canonical),
            Cell::Text(&r.id),
            Cell::Text(r.form),
            Cell::Text(r.attributes),
        ];
        // The tail comes from the gazetteer entry and the form of the name:
        // the same on every row of that pair, so rendered once per run.
        match r.entry {
            Some(e) => w.write_keyed(&head, e * 4 + r.form_code, &tail)?,
            None => {
                let row: Vec<Cell> = head.into_iter().chain(tail).collect();
                w.write(&row)?
            }
        }
    }
    Ok(rows.len())
}

/// One entities.csv row before it is written.
struct EntityRow<'a> {
    /// The gazetteer entry (none for an unlisted person).
    entry: Option<u32>,
    sentence: u32,
    span: (u32, u32),
    etype: &'a str,
    canonical: &'a str,
    id: Cow<'a, str>,
    form: &'static str,
    /// `form` as a number below 4 (for the row cache key).
    form_code: u32,
    attributes: &'a str,
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
            .filter(|r| !ROLE_COLUMNS.contains(&r.slot.as_str()))
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
