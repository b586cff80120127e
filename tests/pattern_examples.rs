//! Every example sentence in the default entity pattern files must give its
//! expected entity (or none), and every pattern has a positive example.

use evex::examples::check_pattern_examples;
use evex::{Config, Pipeline};

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
