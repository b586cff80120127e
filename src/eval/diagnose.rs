//! Why an event was missed: the explain-style trace of the rules tried in
//! the sentence that holds the gold evidence, boiled down to one reason.

use super::gold::{GoldDoc, GoldEvent};
use super::score::{DocPairing, SysDoc, describe_gold};
use super::{MissedEntity, MissedEvent, Misses, SpuriousEvent};
use crate::document::Document;
use crate::pipeline::{Extraction, Pipeline};

/// One line of [`Pipeline::process_traced`]'s trace, read back: "sentence
/// 2, trigger \"struck\": rule `attack.verb` (rules/attack.rules:7) does not
/// fire: `require actor` not met (filled: nothing)".
struct Tried<'a> {
    sentence: usize,
    trigger: &'a str,
    rule: &'a str,
    fired: bool,
    /// What follows "fires: " or "does not fire: ".
    detail: &'a str,
}

fn read_trace(line: &str) -> Option<Tried<'_>> {
    let rest = line.strip_prefix("sentence ")?;
    let (n, rest) = rest.split_once(',')?;
    let sentence = n.trim().parse().ok()?;
    let trigger = rest
        .split_once("trigger ")
        .and_then(|(_, t)| t.split_once(": rule `"))
        .map_or("", |(t, _)| t);
    let (_, after) = rest.split_once("rule `")?;
    let (rule, after) = after.split_once('`')?;
    let (fired, detail) = match after.split_once(") does not fire: ") {
        Some((_, d)) => (false, d),
        None => (true, after.split_once(") fires: ").map_or("", |(_, d)| d)),
    };
    Some(Tried {
        sentence,
        trigger,
        rule,
        fired,
        detail,
    })
}

/// How far a rule got before it failed: later checks mean a nearer miss.
fn progress(detail: &str) -> u8 {
    if detail.starts_with("`require") {
        3
    } else if detail.starts_with("`unless`") {
        2
    } else if detail.starts_with("`need`") {
        1
    } else {
        0
    }
}

/// Adds the errors of one scored document to `out`.
pub(super) fn doc_misses(
    p: &Pipeline,
    g: &GoldDoc,
    sys: &SysDoc,
    pairing: &DocPairing,
    extractions: &[Extraction],
    out: &mut Misses,
) {
    let rules = &p.rules().rules;
    let sentence_of = |source: usize, index: usize| {
        let ex = &extractions[source];
        let (s, e) = ex.sentences[ex.events[index].sentence as usize];
        // The source's text is the gold text when ids do not repeat.
        g.text.get(s as usize..e as usize).unwrap_or("").to_string()
    };
    let missed: Vec<&GoldEvent> = g
        .events
        .iter()
        .zip(&pairing.paired)
        .filter(|(_, p)| p.is_none())
        .map(|(e, _)| e)
        .collect();
    if !missed.is_empty() {
        let mut trace = Vec::new();
        let ex = p.process_traced(
            &Document::new(g.doc_id.clone(), g.text.clone()),
            Some(&mut trace),
        );
        for ge in missed {
            let (sentence, reason) = why_missed(p, g, &ex, &trace, ge, pairing, sys);
            out.missed_events.push(MissedEvent {
                doc_id: g.doc_id.clone(),
                event_type: ge.etype.to_uppercase(),
                roles: describe_gold(ge),
                evidence: ge.evidence.clone(),
                sentence,
                reason,
            });
        }
    }
    for &i in &pairing.spurious {
        let se = &sys.events[i];
        let ev = &extractions[se.source].events[se.index];
        out.spurious_events.push(SpuriousEvent {
            doc_id: g.doc_id.clone(),
            event_type: se.etype.clone(),
            rule: rules[se.rule as usize].id.clone(),
            roles: ev.describe(),
            sentence: sentence_of(se.source, se.index),
        });
    }
    for &i in &pairing.missed_entities {
        let e = &g.entities[i];
        out.missed_entities.push(MissedEntity {
            doc_id: g.doc_id.clone(),
            etype: e.etype.to_uppercase(),
            name: e.name.clone(),
        });
    }
}

/// The evidence sentence(s) and the reason, in words.
fn why_missed(
    p: &Pipeline,
    g: &GoldDoc,
    ex: &Extraction,
    trace: &[String],
    ge: &GoldEvent,
    pairing: &DocPairing,
    sys: &SysDoc,
) -> (String, String) {
    let rules = &p.rules().rules;
    let etype = ge.etype.to_uppercase();
    let Some(at) = (!ge.evidence.is_empty())
        .then(|| g.text.find(&ge.evidence))
        .flatten()
    else {
        return (
            String::new(),
            "the gold evidence is not a substring of the text".into(),
        );
    };
    let end = at + ge.evidence.len();
    let sentences: Vec<usize> = ex
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, (s, e))| (*s as usize) < end && (*e as usize) > at)
        .map(|(i, _)| i)
        .collect();
    let sentence = sentences
        .iter()
        .map(|&i| {
            let (s, e) = ex.sentences[i];
            &g.text[s as usize..e as usize]
        })
        .collect::<Vec<_>>()
        .join(" ");
    let here = |s: u32| sentences.contains(&(s as usize));
    // An event of the type was found here: since this gold event is
    // missed, the greedy pairing gave it to another gold event.
    if let Some((index, ev)) = ex
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| here(e.sentence) && e.event_type.eq_ignore_ascii_case(&etype))
    {
        let other = sys
            .events
            .iter()
            .position(|s| s.index == index && s.rule == ev.rule)
            .and_then(|i| pairing.paired.iter().position(|p| *p == Some(i)))
            .map(|gi| format!(": {:?}", g.events[gi].evidence))
            .unwrap_or_default();
        return (
            sentence,
            format!(
                "the {etype} event found here ([{}] {}) was paired with another gold event of the passage{other}",
                rules[ev.rule as usize].id,
                ev.describe()
            ),
        );
    }
    let tried: Vec<Tried> = trace
        .iter()
        .filter_map(|l| read_trace(l))
        .filter(|t| {
            sentences.contains(&t.sentence)
                && rules
                    .iter()
                    .find(|r| r.id == t.rule)
                    .is_some_and(|r| r.event_type.eq_ignore_ascii_case(&etype))
        })
        .collect();
    if let Some(t) = tried.iter().find(|t| t.fired) {
        return (
            sentence,
            format!(
                "rule `{}` fired at {} ({}) but its event was dropped: merged into a fuller mention of the same event, or beaten at the same trigger by a rule that filled more slots",
                t.rule, t.trigger, t.detail
            ),
        );
    }
    if let Some(best) = tried.iter().max_by_key(|t| progress(t.detail)) {
        let origin = rules
            .iter()
            .find(|r| r.id == best.rule)
            .map_or("", |r| r.origin.as_str());
        let others = match tried.len() - 1 {
            0 => String::new(),
            1 => " (1 other rule tried here)".to_string(),
            n => format!(" ({n} other tries here)"),
        };
        return (
            sentence,
            format!(
                "nearest rule `{}` ({origin}) at {}: {}{others}",
                best.rule, best.trigger, best.detail
            ),
        );
    }
    let instead: Vec<String> = ex
        .events
        .iter()
        .filter(|e| here(e.sentence))
        .map(|e| format!("{} [{}]", e.event_type, rules[e.rule as usize].id))
        .collect();
    let instead = if instead.is_empty() {
        String::new()
    } else {
        format!("; found instead: {}", instead.join(", "))
    };
    (
        sentence,
        format!("no trigger of a {etype} rule in this sentence{instead}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_lines_are_read_back() {
        let t = read_trace("sentence 2, trigger \"struck\": rule `attack.verb` (rules/attack.rules:7) does not fire: `require actor` not met (filled: nothing)").unwrap();
        assert_eq!(
            (t.sentence, t.trigger, t.rule, t.fired),
            (2, "\"struck\"", "attack.verb", false)
        );
        assert_eq!(t.detail, "`require actor` not met (filled: nothing)");
        assert_eq!(progress(t.detail), 3);
        let t = read_trace("sentence 0, trigger \"hit\": rule `attack.verb` (r:1) fires: actor=Russia; modality=asserted").unwrap();
        assert!(t.fired);
        assert_eq!(t.detail, "actor=Russia; modality=asserted");
    }
}
