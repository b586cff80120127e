//! Every example sentence in the default rule files must produce its
//! expected event.

use evex::examples::check_examples;
use evex::{Config, Pipeline};

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
