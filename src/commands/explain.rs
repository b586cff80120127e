//! `evex explain`: why a text yields its entities and events.

use super::Outcome;
use crate::pipeline::{Config, Pipeline};
use std::io::{self, Write};

/// Runs `evex explain`: shows, for one text, the sentences, every entity
/// mention with the gazetteer row (or the entity pattern) it came from, and
/// every rule tried at every trigger with the reason it did or did not fire.
pub fn explain(config: &Config, text: &str, out: &mut dyn Write) -> Outcome {
    let pipeline = match Pipeline::new(config) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("evex: {e}");
            return Outcome::ConfigError;
        }
    };
    let doc = crate::Document::new("explain", text);
    let mut trace = Vec::new();
    let ex = pipeline.process_traced(&doc, Some(&mut trace));
    let gaz = pipeline.gazetteer();
    let mut lines = Vec::new();
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
