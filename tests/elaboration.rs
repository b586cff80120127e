//! Elaboration: an attack told without its side right after one that names
//! it ("Iran fired missiles at Israel. One missile slammed into a block in
//! Tel Aviv") takes that side and target. Texts written for evex.

use evex::{Config, Document, Pipeline};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// The document's events as `TYPE actor|target|weapon|location`.
fn events(text: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.events
        .iter()
        .map(|e| {
            let roles = ["actor", "target", "weapon", "location"]
                .iter()
                .map(|r| e.role(r).unwrap_or(""))
                .collect::<Vec<_>>()
                .join("|");
            format!("{} {roles}", e.event_type)
        })
        .collect()
}

#[test]
fn a_hit_in_the_state_attacked_just_before_is_that_attackers() {
    assert_eq!(
        events(
            "Iran fired two waves of ballistic missiles at Israel overnight. One missile \
             slammed into a residential block in central Tel Aviv."
        ),
        [
            "ATTACK Iran|Israel|ballistic missiles|Israel",
            "ATTACK Iran|Israel|missiles|Tel Aviv",
        ]
    );
}

#[test]
fn a_hit_elsewhere_or_after_two_sides_keeps_no_actor() {
    // The hit is in the attacker's own country: not its strike.
    assert_eq!(
        events(
            "Iran fired two waves of ballistic missiles at Israel overnight. One missile \
             slammed into a residential block in Tehran."
        ),
        [
            "ATTACK Iran|Israel|ballistic missiles|Israel",
            "ATTACK ||missiles|Tehran",
        ]
    );
    // Both sides attacked in the sentence before: whose hit it was is
    // unsaid.
    assert_eq!(
        events(
            "Israel struck Tehran on Friday and Iran struck Tel Aviv. A drone hit a school in Haifa."
        ),
        [
            "ATTACK Israel|Iran||Tehran",
            "ATTACK Iran|||Tel Aviv",
            "ATTACK ||drones|Haifa",
        ]
    );
    // One side: its strike on a city of that state names the state hit.
    assert_eq!(
        events("Iran struck Tel Aviv on Friday. A drone hit a school in Haifa."),
        ["ATTACK Iran|||Tel Aviv", "ATTACK Iran||drones|Haifa"]
    );
}
