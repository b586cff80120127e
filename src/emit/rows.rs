//! The fixed columns of each output table and how a document fills them.

use super::{Cell, TableWriter};
use crate::document::Document;
use crate::gazetteer::AliasKind;
use crate::ingest::Reject;
use crate::pipeline::{Extraction, Pipeline};
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
    "actors",
    "targets",
    "weapons",
    "locations",
];

pub const REJECT_COLUMNS: &[&str] = &["source", "line", "reason", "detail"];

/// The role slots that have their own column; other slots go to
/// `other_roles` as `name=value; ...`.
const ROLE_COLUMNS: &[&str] = &["actor", "target", "weapon", "location", "quantity"];

/// The roles whose every value (coordinated names included) has a list
/// column: `actors`, `targets`, `weapons`, `locations`.
const LIST_COLUMNS: [&str; 4] = ["actor", "target", "weapon", "location"];

/// Writes one row per reported entity mention, in text order: gazetteer
/// mentions, and mentions of entities no gazetteer lists (found by entity
/// patterns), which carry their own name, id, form and attributes.
pub fn entity_rows(
    w: &mut TableWriter,
    doc: &Document,
    ex: &Extraction,
    p: &Pipeline,
) -> io::Result<usize> {
    let gaz = p.gazetteer();
    let mut rows = 0;
    for m in ex.mentions.iter().filter(|m| p.is_reported(m)) {
        rows += 1;
        let head = [
            Cell::Text(&doc.id),
            Cell::Int(m.sentence as u64),
            Cell::Int(m.start as u64),
            Cell::Int(m.end as u64),
            Cell::Raw(&doc.text[m.start as usize..m.end as usize]),
        ];
        let form = match m.kind {
            AliasKind::Name => "name",
            AliasKind::Demonym => "demonym",
            AliasKind::Partial => "surname",
        };
        if let Some(u) = ex.unlisted.get(m.unlisted as usize) {
            let mut row = head.to_vec();
            row.extend([
                Cell::Text(gaz.type_name(gaz.etype_of(u.entry))),
                Cell::Text(&u.name),
                Cell::Text(&u.id),
                Cell::Text(if m.kind == AliasKind::Partial {
                    form
                } else {
                    u.form
                }),
                Cell::Text(&u.attributes),
            ]);
            w.write(&row)?;
            continue;
        }
        // The rest of the row comes from the entry and the form of the
        // name: the same on every row of that pair, so it is rendered once
        // per run, and the entry is read only then.
        w.write_keyed(&head, m.entry * 4 + m.kind as u32, || {
            let entry = gaz.entry(m.entry);
            vec![
                Cell::Text(gaz.type_name(entry.etype)),
                Cell::Text(&entry.canonical),
                Cell::Text(&entry.id),
                Cell::Text(form),
                Cell::Text(&entry.attributes_text),
            ]
        })?;
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
    let mut lists = [String::new(), String::new(), String::new(), String::new()];
    for ev in &ex.events {
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
            Cell::Text(&lists[0]),
            Cell::Text(&lists[1]),
            Cell::Text(&lists[2]),
            Cell::Text(&lists[3]),
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
