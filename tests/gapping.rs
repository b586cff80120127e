//! Gapped coordination: a verb told once for several states ("Denmark
//! will contribute two F-16s, France three Rafale jets") is one event per
//! state. Texts written for evex.

use evex::{Config, Document, Pipeline};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// The document's events as `TYPE actor|target|weapon|location|quantity`.
fn events(text: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.events
        .iter()
        .map(|e| {
            let roles = ["actor", "target", "weapon", "location", "quantity"]
                .iter()
                .map(|r| e.role(r).unwrap_or(""))
                .collect::<Vec<_>>()
                .join("|");
            format!("{} {roles}", e.event_type)
        })
        .collect()
}

#[test]
fn each_gapped_clause_is_an_event_of_its_state() {
    assert_eq!(
        events(
            "Denmark will contribute two F-16 fighters and a frigate, France three Rafale jets \
             and Germany four Eurofighters."
        ),
        [
            "DEPLOYMENT Denmark||F-16||two",
            "DEPLOYMENT France||Rafale||three",
            "DEPLOYMENT Germany||Eurofighter Typhoon||four",
        ]
    );
}

#[test]
fn a_bare_number_keeps_the_weapon_and_the_target() {
    assert_eq!(
        events("Germany pledged 100 Leopard tanks to Ukraine, Poland 50 and Spain 20."),
        [
            "ARMS_TRANSFER Germany|Ukraine|Leopard||100",
            "ARMS_TRANSFER Poland|Ukraine|Leopard||50",
            "ARMS_TRANSFER Spain|Ukraine|Leopard||20",
        ]
    );
}

#[test]
fn a_reporter_or_a_year_is_no_gapped_clause() {
    assert_eq!(
        events("Russia fired 40 missiles at Kyiv overnight, Ukraine said."),
        ["ATTACK Russia|Ukraine|missiles|Kyiv|40"]
    );
    assert_eq!(
        events("France sent 500 troops to Mali in 2013, Niger 2014."),
        ["DEPLOYMENT France|||Mali|500"]
    );
}

#[test]
fn explain_tells_the_gapped_clause() {
    let mut trace = Vec::new();
    PIPELINE.process_traced(
        &Document::new(
            "t",
            "Germany pledged 100 tanks to Ukraine, Poland 50.".to_string(),
        ),
        Some(&mut trace),
    );
    assert!(
        trace.iter().any(|l| l
            == "sentence 0, trigger \"pledged\": a gapped clause \"Poland 50\" repeats the \
                ARMS_TRANSFER for Poland"),
        "{trace:#?}"
    );
}

#[test]
fn a_second_place_with_its_own_time_is_an_event_of_its_own() {
    assert_eq!(
        events("The rebels' allies said M23 seized Goma in January and Bukavu a month later."),
        ["ATTACK M23|||Goma|", "ATTACK M23|||Bukavu|"]
    );
    assert_eq!(
        events("Russian drones struck Kharkiv on Monday and Odesa on Tuesday."),
        [
            "ATTACK Russia|Ukraine|drones|Kharkiv|",
            "ATTACK Russia|Ukraine|drones|Odesa|"
        ]
    );
    // "who" after a noun phrase of an event noun stands for the people.
    assert_eq!(
        events(
            "The talks follow an offensive by the M23 rebels, who seized Goma in January and \
             Bukavu weeks later."
        ),
        ["ATTACK M23|||Goma|", "ATTACK M23|||Bukavu|"]
    );
}

#[test]
fn places_without_times_of_their_own_stay_one_event() {
    assert_eq!(
        events("M23 seized Goma and Bukavu in January."),
        ["ATTACK M23|||Goma|"]
    );
}

#[test]
fn a_later_destination_is_a_move_of_its_own() {
    assert_eq!(
        events("Russia sent 300 troops to Latakia and later to Tartus."),
        [
            "DEPLOYMENT Russia|||Latakia|300",
            "DEPLOYMENT Russia|||Tartus|"
        ]
    );
    // Without "later" or "then" the places are one move's list.
    assert_eq!(
        events("Russia sent 300 troops to Latakia and Tartus."),
        ["DEPLOYMENT Russia|||Latakia|300"]
    );
}
