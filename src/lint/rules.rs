//! Checks of the loaded rules: triggers that no text can reach, word lists
//! that nothing uses, rules that can emit an event with no role, and rule
//! examples that do not give their expected event.

use super::{Finding, finding as at, split_origin};
use crate::examples::check_examples;
use crate::gazetteer::{AliasKind, CaseRule, Entry};
use crate::pipeline::Pipeline;
use crate::rules::inflect::Form;
use crate::rules::{FormReq, TOOL_LISTS};

/// Trigger forms that are a gazetteer name matching in any case: the
/// trigger is then always inside an entity mention, where it is not a
/// trigger. Also passive rules without a past participle to trigger them.
pub(super) fn unreachable_triggers(p: &Pipeline, out: &mut Vec<Finding>) {
    let g = p.gazetteer();
    let rules = &p.rules().rules;
    // Per rule: (forms, forms that are entity names, an example entry).
    let mut forms: Vec<(usize, Vec<String>, Option<u32>)> =
        vec![(0, Vec::new(), None); rules.len()];
    let mut participle = vec![false; rules.len()];
    // Folded form → pattern, for the few thousand trigger forms.
    let patterns: std::collections::HashMap<&str, usize> = g
        .patterns()
        .iter()
        .enumerate()
        .map(|(i, f)| (&f[1..], i))
        .collect();
    let mut keys: Vec<&String> = p.rules().triggers.keys().collect();
    keys.sort();
    for first in keys {
        for t in &p.rules().triggers[first] {
            let r = t.rule as usize;
            let phrase: Vec<&str> = std::iter::once(first.as_str())
                .chain(t.rest.iter().map(String::as_str))
                .collect();
            let phrase = phrase.join(" ");
            forms[r].0 += 1;
            participle[r] |= t.form == Form::Past;
            let named = patterns.get(phrase.as_str()).and_then(|&pat| {
                g.pattern_aliases(pat).iter().copied().find(|&a| {
                    let a = g.alias(a);
                    a.case == CaseRule::Any && a.kind != AliasKind::Partial
                })
            });
            if let Some(a) = named {
                if !forms[r].1.contains(&phrase) {
                    forms[r].1.push(phrase);
                }
                forms[r].2.get_or_insert(g.alias(a).entry);
            }
        }
    }
    for (r, rule) in rules.iter().enumerate() {
        let (total, named, entry) = &forms[r];
        if let Some(e) = entry {
            let e = g.entry(*e);
            let list = named
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if named.len() == *total {
                out.push(at(
                    &rule.origin,
                    "unreachable-rule",
                    format!(
                        "rule `{}` can never fire: its triggers ({list}) are gazetteer names (e.g. `{}`, {}), and a trigger inside an entity mention is ignored",
                        rule.id, e.id, e.origin
                    ),
                ));
            } else {
                out.push(at(
                    &rule.origin,
                    "unreachable-trigger",
                    format!(
                        "rule `{}`: the trigger {list} is also a gazetteer name (e.g. `{}`, {}) matched in any case, so it is read as that entity, never as a trigger",
                        rule.id, e.id, e.origin
                    ),
                ));
            }
        }
        if rule.form == FormReq::Passive && !participle[r] {
            out.push(at(
                &rule.origin,
                "unreachable-rule",
                format!(
                    "rule `{}` wants `form passive`, but none of its triggers is a past participle (use `verbs`)",
                    rule.id
                ),
            ));
        }
    }
}

/// Word lists that no rule names as `@NAME` and that evex does not read by
/// name.
pub(super) fn unused_lists(p: &Pipeline, out: &mut Vec<Finding>) {
    for l in &p.rules().lists {
        if l.used || TOOL_LISTS.iter().any(|(name, _)| *name == l.name) {
            continue;
        }
        out.push(at(
            &l.origin,
            "unused-list",
            format!(
                "the word list `{}` is never used: no rule, list or modality names `@{}`",
                l.name, l.name
            ),
        ));
    }
}

/// Rules without `require`: nothing stops them from emitting an event with
/// no role at all.
pub(super) fn no_require(p: &Pipeline, out: &mut Vec<Finding>) {
    for rule in &p.rules().rules {
        if rule.requires.is_empty() {
            let mut distinct: Vec<&str> = Vec::new();
            for s in &rule.slots {
                if !distinct.contains(&&*s.name) {
                    distinct.push(&s.name);
                }
            }
            out.push(at(
                &rule.origin,
                "no-require",
                format!(
                    "rule `{}` has no `require` line, so it can emit an event with no role at all; add e.g. `require {}`",
                    rule.id,
                    if distinct.is_empty() {
                        "SLOT".to_string()
                    } else {
                        distinct.join("|")
                    }
                ),
            ));
        }
    }
}

/// Every loaded rule's examples, run through the whole pipeline.
pub(super) fn examples(p: &Pipeline, out: &mut Vec<Finding>) {
    let rules = &p.rules().rules;
    for f in check_examples(p) {
        let (file, line) = split_origin(&f.origin);
        let anchor = rules
            .iter()
            .find(|r| r.id == f.rule)
            .map_or(line, |r| split_origin(&r.origin).1);
        out.push(Finding {
            file,
            line,
            anchor,
            kind: "example",
            message: format!("{} (rule `{}`)", f.difference, f.rule),
        });
    }
}

/// Slot `with` and `exclude` conditions that no loaded entry can meet: a
/// misspelt key or value (`with subtype:ship` where the weapon rows say
/// `class`) silently keeps every filler out, or none. A `with` must be met
/// by an entry of the slot's types; an `exclude` that no entry of the
/// slot's types meets is only redundant ("exclude subtype:media" on a
/// PERSON slot), so it is reported only when no entry at all meets it.
pub(super) fn unknown_attributes(p: &Pipeline, out: &mut Vec<Finding>) {
    let g = p.gazetteer();
    for rule in &p.rules().rules {
        for slot in rule.slots.iter().filter(|s| !s.number) {
            let of_types = |e: &&Entry| slot.types.is_empty() || slot.types.contains(&e.etype);
            let mut report = |what: String, scope: String| {
                out.push(at(
                    &rule.origin,
                    "unknown-attribute",
                    format!(
                        "rule `{}`, slot `{}`: `{what}` matches no loaded {scope}entry; check the attribute's spelling against the gazetteer columns",
                        rule.id, slot.name
                    ),
                ));
            };
            for (k, values) in &slot.with {
                let values: Vec<Option<&str>> = match values.is_empty() {
                    true => vec![None],
                    false => values.iter().map(|v| Some(v.as_str())).collect(),
                };
                for v in values {
                    if !g
                        .entries()
                        .iter()
                        .filter(of_types)
                        .any(|e| e.has_attribute(k, v))
                    {
                        let types: Vec<&str> = slot.types.iter().map(|&t| g.type_name(t)).collect();
                        let what = v.map_or(format!("with {k}"), |v| format!("with {k}:{v}"));
                        report(what, format!("{} ", types.join("|")));
                    }
                }
            }
            for (k, v) in &slot.exclude {
                if !g.entries().iter().any(|e| e.has_attribute(k, Some(v))) {
                    report(format!("exclude {k}:{v}"), String::new());
                }
            }
        }
    }
}
