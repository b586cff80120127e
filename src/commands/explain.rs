//! `evex explain`: why a text yields its entities and events.

use super::Outcome;
use crate::document::Document;
use crate::gazetteer::Gazetteer;
use crate::ingest::{self, Format, Item};
use crate::pipeline::Config;
use crate::resolve::Mention;
use std::io::{self, Write};
use std::path::Path;

/// Runs `evex explain`: shows, for one text, the sentences, every entity
/// mention with the gazetteer row (or the entity pattern) it came from, and
/// every rule tried at every trigger with the reason it did or did not fire.
pub fn explain(config: &Config, text: &str, out: &mut dyn Write) -> Outcome {
    explain_document(config, &Document::new("explain", text), out)
}

/// Reads the document to explain from `path`: the record with id `doc` of
/// a JSON Lines, JSON or CSV dump (read like `evex extract` reads it; the
/// first record without `doc`), or a plain-text file as it is.
pub fn read_record(
    path: &Path,
    doc: Option<&str>,
    opts: &ingest::Options,
) -> Result<Document, String> {
    let shown = path.display().to_string();
    let format = opts.format.or_else(|| Format::from_name(&shown));
    if format.is_none_or(|f| f == Format::Text) && doc.is_none() {
        return std::fs::read_to_string(path)
            .map(|t| Document::new("explain", t))
            .map_err(|e| format!("cannot read {shown}: {e}"));
    }
    let files = ingest::plan(std::slice::from_ref(&shown), opts);
    let mut found: Option<Document> = None;
    let mut seen: Vec<String> = Vec::new();
    let mut problem: Option<String> = None;
    for f in &files {
        ingest::read(f, opts, &mut |mut item| {
            // A saved page or WARC record: its article text.
            item.extract_page();
            match item {
                Item::Doc(d) if doc.is_none_or(|id| id == d.id) => {
                    found = Some(d);
                    false
                }
                Item::Doc(d) => {
                    if seen.len() < 5 {
                        seen.push(d.id);
                    }
                    true
                }
                Item::Reject(r) => {
                    problem.get_or_insert(format!("{}: {}", r.reason.as_str(), r.detail));
                    true
                }
                Item::Page(_) => true,
            }
        });
        if found.is_some() {
            break;
        }
    }
    found.ok_or_else(|| match doc {
        Some(id) if !seen.is_empty() => format!(
            "{shown} has no record with the id `{id}` (ids look like: {})",
            seen.join(", ")
        ),
        Some(id) => format!(
            "{shown} has no record with the id `{id}`{}",
            problem.map(|p| format!(" ({p})")).unwrap_or_default()
        ),
        None => format!(
            "{shown} has no readable record{}",
            problem.map(|p| format!(" ({p})")).unwrap_or_default()
        ),
    })
}

/// Shows, for one document, the sentences, every entity mention with the
/// gazetteer row it came from (and the entries that lost the alias to it),
/// and every rule tried at every trigger with the reason it did or did not
/// fire.
pub fn explain_document(config: &Config, doc: &Document, out: &mut dyn Write) -> Outcome {
    let pipeline = match super::load(config) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let text = doc.text.as_str();
    let mut trace = Vec::new();
    let ex = pipeline.process_traced(doc, Some(&mut trace));
    let gaz = pipeline.gazetteer();
    let mut lines = Vec::new();
    if doc.id != "explain" {
        lines.push(format!("document: {}", doc.id));
    }
    for (i, (s, e)) in ex.sentences.iter().enumerate() {
        lines.push(format!("sentence {i}: {}", &text[*s as usize..*e as usize]));
    }
    lines.push(String::new());
    lines.push("entities:".to_string());
    for m in &ex.mentions {
        if let Some(u) = ex.unlisted.get(m.unlisted as usize) {
            let pattern = pipeline.patterns().pattern(u.pattern);
            lines.push(format!(
                "  {}..{} {:?} → {} {} ({}, form={}; {}; unlisted, pattern {} at {})",
                m.start,
                m.end,
                &text[m.start as usize..m.end as usize],
                gaz.type_name(gaz.etype_of(u.entry)),
                u.name,
                u.id,
                if m.kind == crate::gazetteer::AliasKind::Partial {
                    "surname"
                } else {
                    u.form
                },
                u.attributes,
                pattern.id,
                pattern.origin
            ));
            continue;
        }
        let entry = gaz.entry(m.entry);
        let stands = entry
            .stands_for
            .map(|t| format!(", stands for {}", gaz.entry(t).canonical))
            .unwrap_or_default();
        lines.push(format!(
            "  {}..{} {:?} → {} {} ({}{}{}; from {})",
            m.start,
            m.end,
            &text[m.start as usize..m.end as usize],
            gaz.type_name(entry.etype),
            entry.canonical,
            entry.id,
            if m.kind == crate::gazetteer::AliasKind::Demonym {
                ", demonym"
            } else {
                ""
            },
            stands,
            entry.origin
        ));
        if let Some(tie) = alias_tie(gaz, text, m) {
            lines.push(format!("      {tie}"));
        }
    }
    // Names a `drop` pattern found: they make no mention, and the listed
    // names inside them gave way.
    for u in &ex.unlisted {
        let pattern = pipeline.patterns().pattern(u.pattern);
        if pattern.drop {
            lines.push(format!(
                "  {:?} → no entity (the names inside give way; pattern {} at {})",
                u.name, pattern.id, pattern.origin
            ));
        }
    }
    lines.push(String::new());
    lines.push("rules:".to_string());
    lines.extend(trace.iter().map(|t| format!("  {t}")));
    lines.push(String::new());
    lines.push("events:".to_string());
    for ev in &ex.events {
        lines.push(format!(
            "  {} [{}] {}",
            ev.event_type,
            pipeline.rules().rules[ev.rule as usize].id,
            ev.describe()
        ));
    }
    match writeln!(out, "{}", lines.join("\n")) {
        Ok(()) => Outcome::Clean,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Clean,
        Err(_) => Outcome::OutputError,
    }
}

/// The other entries that have the alias a mention matched, and why each
/// lost: "also the alias of place/geonames-1 (gazetteers/…:12; lost on
/// higher rank)".
fn alias_tie(gaz: &Gazetteer, text: &str, m: &Mention) -> Option<String> {
    let folded = crate::normalize::fold_phrase(&text[m.start as usize..m.end as usize]);
    let aliases = gaz.pattern_aliases(gaz.find_pattern(&folded)?);
    let won = *aliases
        .iter()
        .find(|&&a| gaz.alias(a).entry == m.entry && gaz.alias(a).kind == m.kind)?;
    let mut lost: Vec<String> = Vec::new();
    let mut seen = vec![m.entry];
    for &a in aliases {
        let alias = gaz.alias(a);
        if seen.contains(&alias.entry) {
            continue;
        }
        seen.push(alias.entry);
        let e = gaz.entry(alias.entry);
        // A stronger alias that did not win was not allowed to match here.
        let why = if (gaz.alias_strength(a), alias.entry) < (gaz.alias_strength(won), m.entry) {
            if alias.kind == crate::gazetteer::AliasKind::Partial {
                "a surname that needs the full name first"
            } else {
                "its case rule"
            }
        } else {
            gaz.why_wins(won, a)
        };
        lost.push(format!("{} ({}; lost on {why})", e.id, e.origin));
    }
    (!lost.is_empty()).then(|| format!("also the alias of: {}", lost.join(", ")))
}
