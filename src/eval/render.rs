//! `evex eval`'s text report: the lines of `score.py` first (same figures,
//! same layout), then the rules, the entries and, with `--misses`, each
//! error.

use super::Evaluation;
use std::fmt::Write;

/// The report as text.
pub fn render_text(e: &Evaluation) -> String {
    let s = &e.scores;
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&l);
        out.push('\n');
    };
    line(format!("documents: {}", s.docs));
    let en = &s.entities;
    line(format!(
        "entities  P={:.3} R={:.3} F1={:.3}  (system {}, gold {})",
        en.precision, en.recall, en.f1, en.system, en.gold
    ));
    for (t, d) in &s.entity_types {
        line(format!(
            "  {t:<8} P={:.3} R={:.3} (system {}, gold {})",
            d.precision, d.recall, d.system, d.gold
        ));
    }
    let ev = &s.events;
    line(format!(
        "events    P={:.3} R={:.3} F1={:.3}  (system {}, gold {})",
        ev.precision, ev.recall, ev.f1, ev.system, ev.gold
    ));
    let st = &s.events_strict;
    line(format!(
        "  strict  P={:.3} R={:.3} F1={:.3}  (type and every gold role agree)",
        st.precision, st.recall, st.f1
    ));
    for (t, d) in &s.event_types {
        line(format!(
            "  {t:<14} matched {}/{} gold, system emitted {}",
            d.matched, d.gold, d.system
        ));
    }
    let role = |name: &str, v: Option<f64>| match v {
        Some(v) => format!("{name}={v:.2}"),
        None => format!("{name}=n/a"),
    };
    line(format!(
        "  roles: {}, {}, {}, {}",
        role("actor", s.roles.actor),
        role("target", s.roles.target),
        role("weapon", s.roles.weapon),
        role("location", s.roles.location)
    ));
    if let Some(m) = s.modality_accuracy {
        line(format!("  modality accuracy on matched events: {m:.2}"));
    }

    line(String::new());
    line("rules (events, matched gold, strict, precision):".into());
    let fired: Vec<_> = e.rules.iter().filter(|r| r.events > 0).collect();
    let width = fired.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in &fired {
        line(format!(
            "  {:<width$}  {:>4} {:>4} {:>4}  {:.2}  {}",
            r.id,
            r.events,
            r.matched,
            r.strict,
            r.precision.unwrap_or(0.0),
            r.origin
        ));
    }
    let silent = e.rules.len() - fired.len();
    if silent > 0 {
        line(format!("  ({silent} rules produced no event)"));
    }

    line(String::new());
    if e.entries.is_empty() {
        line("entries with false-positive mentions: none".into());
    } else {
        line("entries with false-positive mentions (wrong/all mentions, documents):".into());
        for x in &e.entries {
            let texts: Vec<String> = x.texts.iter().map(|t| format!("{t:?}")).collect();
            line(format!(
                "  {} {} ({}) {}/{} in {}  {}  as {}",
                x.id,
                x.canonical,
                x.etype,
                x.false_positive_mentions,
                x.mentions,
                x.documents,
                if x.origin.is_empty() {
                    "(named after a title; no gazetteer row)"
                } else {
                    &x.origin
                },
                texts.join(", ")
            ));
        }
    }

    if let Some(m) = &e.misses {
        line(String::new());
        line(format!("missed events ({}):", m.missed_events.len()));
        for x in &m.missed_events {
            line(format!(
                "  {}: {} {}: {:?}",
                x.doc_id, x.event_type, x.roles, x.evidence
            ));
            line(format!("    sentence: {:?}", x.sentence));
            line(format!("    why: {}", x.reason));
        }
        line(String::new());
        line(format!("spurious events ({}):", m.spurious_events.len()));
        for x in &m.spurious_events {
            line(format!(
                "  {}: {} [{}] {}",
                x.doc_id, x.event_type, x.rule, x.roles
            ));
            line(format!("    sentence: {:?}", x.sentence));
        }
        line(String::new());
        let mut entities = String::new();
        for x in &m.missed_entities {
            let _ = write!(entities, "\n  {}: {} {}", x.doc_id, x.etype, x.name);
        }
        line(format!(
            "missed entities ({}):{entities}",
            m.missed_entities.len()
        ));
    }
    out
}
