//! Checking each rule's example sentences against the events the whole
//! pipeline extracts from them, and each entity pattern's examples against
//! the unlisted entities it finds. `cargo test` runs this over the default
//! rules and patterns, so a rule, pattern or gazetteer edit that breaks an
//! example fails.
//!
//! It sits above [`crate::pipeline`] (it runs whole documents), so the
//! rules themselves never call back into the pipeline.

use crate::document::Document;
use crate::pipeline::Pipeline;
use crate::rules::engine::Event;

/// An example whose expected event was not extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    /// `file:line` of the `example` line.
    pub origin: String,
    pub text: String,
    pub expected: String,
    /// The events of the rule's type that were found instead.
    pub found: Vec<String>,
    /// The rule comes from a user file (`--rules`).
    pub user: bool,
    /// What differs, in one line: "expected target=Ukraine, got
    /// target=Russia" (against the nearest event found), "expected …, got
    /// no event", or "expected no ATTACK event, got …".
    pub difference: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let what = format!("rule `{}`", self.rule);
        show_failure(
            f,
            &self.origin,
            &what,
            &self.text,
            &self.expected,
            &self.found,
        )
    }
}

/// `origin: what: example "text"`, then what was expected and found.
fn show_failure(
    f: &mut std::fmt::Formatter,
    origin: &str,
    what: &str,
    text: &str,
    expected: &str,
    found: &[String],
) -> std::fmt::Result {
    let found = if found.is_empty() {
        "nothing".to_string()
    } else {
        found.join(" | ")
    };
    write!(
        f,
        "{origin}: {what}: example {text:?}\n    expected: {expected}\n    found:    {found}"
    )
}

/// Runs every example of every rule through `pipeline`.
pub fn check_examples(pipeline: &Pipeline) -> Vec<ExampleFailure> {
    check(pipeline, false)
}

/// Runs the examples of the rules loaded from user files (`evex extract`
/// warns about each failure before it starts).
pub fn check_user_examples(pipeline: &Pipeline) -> Vec<ExampleFailure> {
    check(pipeline, true)
}

fn check(pipeline: &Pipeline, only_user: bool) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in pipeline
        .rules()
        .rules
        .iter()
        .filter(|r| r.user || !only_user)
    {
        let file = rule
            .origin
            .rsplit_once(':')
            .map_or(rule.origin.as_str(), |(f, _)| f);
        for ex in &rule.examples {
            let out = pipeline.process(&Document::new("example", ex.text.clone()));
            let events: Vec<&Event> = out
                .events
                .iter()
                .filter(|e| e.event_type == rule.event_type)
                .collect();
            let found: Vec<String> = events.iter().map(|e| e.describe()).collect();
            let ok = match &ex.expect {
                None => events.is_empty(),
                Some(pairs) => events.iter().any(|e| matches(e, pairs)),
            };
            if !ok {
                let difference = match &ex.expect {
                    None => format!(
                        "expected no {} event, got {}",
                        rule.event_type,
                        found.join(" | ")
                    ),
                    Some(pairs) => difference(&events, pairs),
                };
                failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    origin: format!("{file}:{}", ex.line),
                    text: ex.text.clone(),
                    expected: match &ex.expect {
                        None => format!("no {} event", rule.event_type),
                        Some(p) => p
                            .iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join("; "),
                    },
                    found,
                    user: rule.user,
                    difference,
                });
            }
        }
    }
    failures
}

/// "expected A, got B" for the found event that agrees with most of the
/// expected pairs, naming only what differs.
fn difference(events: &[&Event], pairs: &[(String, String)]) -> String {
    let want = |k: &str| {
        pairs
            .iter()
            .find(|(p, _)| p == k)
            .map(|(_, v)| v.as_str())
            .or((k == "modality").then_some("asserted"))
    };
    let got = |e: &Event, k: &str| {
        if k == "modality" {
            Some(e.modality.to_string())
        } else {
            e.role(k).map(str::to_string)
        }
    };
    let Some(nearest) = events.iter().min_by_key(|e| {
        pairs
            .iter()
            .filter(|(k, v)| got(e, k).as_deref() != Some(v.as_str()))
            .count()
    }) else {
        let all: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        return format!("expected {}, got no event", all.join("; "));
    };
    let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    keys.extend(nearest.roles.iter().map(|r| &*r.slot));
    keys.push("modality");
    let mut seen = Vec::new();
    let (mut expected, mut found) = (Vec::new(), Vec::new());
    for k in keys {
        if seen.contains(&k) {
            continue;
        }
        seen.push(k);
        let (w, g) = (want(k), got(nearest, k));
        if w == g.as_deref() {
            continue;
        }
        let show = |v: Option<&str>| v.map_or(format!("no {k}"), |v| format!("{k}={v}"));
        expected.push(show(w));
        found.push(show(g.as_deref()));
    }
    format!("expected {}, got {}", expected.join("; "), found.join("; "))
}

/// Every listed role has the value, every unlisted role is empty, and the
/// modality is the one listed (default asserted).
fn matches(ev: &Event, pairs: &[(String, String)]) -> bool {
    let modality = pairs
        .iter()
        .find(|(k, _)| k == "modality")
        .map_or("asserted", |(_, v)| v.as_str());
    if *ev.modality != *modality {
        return false;
    }
    let roles_ok = pairs
        .iter()
        .filter(|(k, _)| k != "modality")
        .all(|(k, v)| ev.role(k) == Some(v.as_str()));
    let no_extra = ev
        .roles
        .iter()
        .all(|r| pairs.iter().any(|(k, _)| **k == *r.slot));
    roles_ok && no_extra
}

/// A pattern example whose expected entity was not found (or an entity
/// was found where none was expected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternExampleFailure {
    pub pattern: String,
    /// `file:line` of the `example` line.
    pub origin: String,
    pub text: String,
    pub expected: String,
    /// The entities the pattern found instead (`name; key=value; ...`).
    pub found: Vec<String>,
}

impl std::fmt::Display for PatternExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let what = format!("pattern `{}`", self.pattern);
        show_failure(
            f,
            &self.origin,
            &what,
            &self.text,
            &self.expected,
            &self.found,
        )
    }
}

/// Runs every example of every entity pattern through `pipeline`: an
/// `expect NAME; key=value` example needs an entity of that name, with
/// those attributes, found by that pattern; `expect none`, no entity found
/// by it.
pub fn check_pattern_examples(pipeline: &Pipeline) -> Vec<PatternExampleFailure> {
    let mut failures = Vec::new();
    for (pi, pattern) in pipeline.patterns().patterns().iter().enumerate() {
        let file = pattern
            .origin
            .rsplit_once(':')
            .map_or(pattern.origin.as_str(), |(f, _)| f);
        for ex in &pattern.examples {
            let out = pipeline.process(&Document::new("example", ex.text.clone()));
            let mine: Vec<_> = out
                .unlisted
                .iter()
                .filter(|u| u.pattern as usize == pi)
                .collect();
            let ok = match &ex.expect {
                None => mine.is_empty(),
                Some(e) => mine.iter().any(|u| {
                    *u.name == *e.name
                        && e.attributes
                            .iter()
                            .all(|(k, v)| u.attributes.split("; ").any(|a| a == format!("{k}={v}")))
                }),
            };
            if !ok {
                failures.push(PatternExampleFailure {
                    pattern: pattern.id.clone(),
                    origin: format!("{file}:{}", ex.line),
                    text: ex.text.clone(),
                    expected: match &ex.expect {
                        None => "no entity".to_string(),
                        Some(e) => std::iter::once(e.name.clone())
                            .chain(e.attributes.iter().map(|(k, v)| format!("{k}={v}")))
                            .collect::<Vec<_>>()
                            .join("; "),
                    },
                    found: mine
                        .iter()
                        .map(|u| format!("{}; {}", u.name, u.attributes))
                        .collect(),
                });
            }
        }
    }
    failures
}
