//! Specification: a generic weapon class in an event's weapon role gives
//! way to the one named weapon of that class told in its sentence or the
//! sentences around it. Texts written for evex.

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
fn the_drones_are_the_named_drone_of_the_sentence_before() {
    assert_eq!(
        events(
            "Mali received its first Bayraktar Akinci aircraft from Turkey in 2023. On \
             Sunday, Malian army drones struck a rebel camp near Kidal."
        ),
        [
            "ARMS_TRANSFER Turkey|Mali|Bayraktar Akinci|",
            "ATTACK Mali||Bayraktar Akinci|Kidal"
        ]
    );
}

#[test]
fn two_named_drones_leave_the_class() {
    assert_eq!(
        events(
            "Mali bought Bayraktar Akinci and Bayraktar TB2 aircraft from Turkey. On \
             Sunday, Malian army drones struck a rebel camp near Kidal."
        )
        .last()
        .map(String::as_str),
        Some("ATTACK Mali||drones|Kidal")
    );
}

#[test]
fn a_named_weapon_of_another_class_is_not_the_one_meant() {
    assert_eq!(
        events(
            "Mali bought Bayraktar Akinci aircraft from Turkey. On Sunday, Malian \
             artillery shelled a rebel camp near Kidal."
        )
        .last()
        .map(String::as_str),
        Some("ATTACK Mali||artillery|Kidal")
    );
}

#[test]
fn any_kind_of_missile_is_one_of_the_missiles() {
    assert_eq!(
        events(
            "Russia fired Kalibr cruise missiles from the Black Sea on Monday. Russian \
             missiles struck a power plant in Odesa."
        )
        .last()
        .map(String::as_str),
        Some("ATTACK Russia||Kalibr|Odesa")
    );
}

#[test]
fn a_named_ship_is_one_vessel_told_after_its_class() {
    // The carrier is not one of the destroyers sent.
    assert_eq!(
        events(
            "Washington kept the carrier USS Dwight D. Eisenhower in the Gulf and is \
             sending two more destroyers to the region."
        )
        .last()
        .map(String::as_str),
        Some("DEPLOYMENT United States||warships|Persian Gulf")
    );
    assert_eq!(
        events(
            "Washington has sent four warships, including the destroyer USS Gravely, \
             to the Caribbean."
        ),
        ["DEPLOYMENT United States||USS Gravely|Caribbean"]
    );
}
