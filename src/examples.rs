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
/// was found where none was expected). (Only the tests below check pattern
/// examples so far.)
#[cfg(test)]
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

#[cfg(test)]
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
#[cfg(test)]
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

/// Every example sentence in the default rule files must produce its
/// expected event; every example sentence in the default entity pattern
/// files must give its expected entity (or none). (Unit tests, not tests/:
/// they read the compiled rules and patterns, which are not public.)
#[cfg(test)]
mod tests {
    use super::{check_examples, check_pattern_examples};
    use crate::pipeline::{Config, Pipeline};

    #[test]
    fn every_rule_example_produces_its_event() {
        let pipeline = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let failures = check_examples(&pipeline);
        let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
        assert!(
            failures.is_empty(),
            "{} rule examples failed:\n{}",
            failures.len(),
            report.join("\n")
        );
    }

    #[test]
    fn every_rule_has_an_example() {
        let pipeline = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let missing: Vec<&str> = pipeline
            .rules()
            .rules
            .iter()
            .filter(|r| r.examples.iter().all(|e| e.expect.is_none()))
            .map(|r| r.origin.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "rules without a positive example: {missing:?}"
        );
    }

    #[test]
    fn every_pattern_example_gives_its_entity() {
        let pipeline = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let failures = check_pattern_examples(&pipeline);
        let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
        assert!(
            failures.is_empty(),
            "{} pattern examples failed:\n{}",
            failures.len(),
            report.join("\n")
        );
    }

    #[test]
    fn every_pattern_has_a_positive_and_a_negative_example() {
        let pipeline = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
        let missing: Vec<&str> = pipeline
            .patterns()
            .patterns()
            .iter()
            .filter(|p| {
                !p.examples.iter().any(|e| e.expect.is_some())
                    || !p.examples.iter().any(|e| e.expect.is_none())
            })
            .map(|p| p.origin.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "patterns without a positive and a negative example: {missing:?}"
        );
    }

    #[test]
    fn the_example_user_patterns_give_their_entities() {
        let config = Config {
            patterns: vec![concat!(env!("CARGO_MANIFEST_DIR"), "/examples/patterns").into()],
            ..Config::default()
        };
        let pipeline = Pipeline::new(&config).unwrap_or_else(|e| panic!("{e}"));
        let failures = check_pattern_examples(&pipeline);
        let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
        assert!(failures.is_empty(), "{}", report.join("\n"));
    }
}
