//! Several mentions of one event in a document: a later definite mention
//! ("The deployment…", "this attack") completes the event it names instead
//! of becoming a row of its own. Texts written for evex.

use evex::{Config, Document, Pipeline};
use std::sync::LazyLock;

/// The default pipeline, loaded once for all the tests of this file
/// (loading is most of a debug test's time).
static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// The document's events as `TYPE actor|target|weapon|location|modality`.
fn events(text: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.events
        .iter()
        .map(|e| {
            let roles = ["actor", "target", "weapon", "location"]
                .iter()
                .map(|r| e.role(r).unwrap_or(""))
                .chain(std::iter::once(&*e.modality))
                .collect::<Vec<_>>()
                .join("|");
            format!("{} {roles}", e.event_type)
        })
        .collect()
}

#[test]
fn a_definite_mention_completes_the_event_it_names() {
    let text = "Kenya has agreed to deploy troops to the new stabilisation mission. \
                The mission replaces an older force in January. \
                Its budget has not been settled. \
                The deployment will take place in Haiti, officials said.";
    assert_eq!(events(text), ["DEPLOYMENT Kenya|||Haiti|asserted"]);
}

#[test]
fn a_definite_mention_short_of_its_rule_still_completes_an_earlier_event() {
    // "the attack" names no actor, which `attack.nominal` requires; as a
    // definite mention it narrows the earlier attack's location.
    let text = "Russia launched 120 drones at Ukraine overnight, the air force said. \
                Most were shot down, but the attack damaged power lines in the Odesa region.";
    assert_eq!(
        events(text),
        ["ATTACK Russia|Ukraine|drones|Odesa|asserted"]
    );
}

#[test]
fn a_definite_mention_short_of_its_rule_is_no_event_alone() {
    let text = "Officials met in Geneva on Monday. \
                The attack damaged power lines in the Odesa region.";
    assert_eq!(events(text), Vec::<String>::new());
}

#[test]
fn a_verb_form_after_a_count_and_a_name_is_a_noun() {
    // "targets" after "18 Houthi" is the noun, not the verb of `attack.target`.
    let text = "US warplanes struck 18 Houthi targets in Yemen overnight.";
    assert_eq!(
        events(text),
        ["ATTACK United States|Houthis|fighter jets|Yemen|asserted"]
    );
}

#[test]
fn a_participle_set_off_by_commas_is_passive() {
    // "launched from Iraq" is a reduced relative clause, not an attack
    // launched by anyone named; the drones' attack is one row.
    let text = "The drones, launched from Iraq, targeted US bases in Syria, the Pentagon said.";
    assert_eq!(
        events(text),
        ["ATTACK |United States|drones|Syria|asserted"]
    );
}

#[test]
fn a_definite_mention_too_far_back_stays_its_own_row() {
    let text = "Kenya has agreed to deploy troops to the new stabilisation mission. \
                The mission replaces an older force in January. \
                Its budget has not been settled. \
                Donors met in Nairobi. \
                The talks were short. \
                A report is due in May. \
                Its authors are engineers. \
                The deployment will take place in Haiti, officials said.";
    assert_eq!(
        events(text),
        [
            "DEPLOYMENT Kenya||||asserted",
            "DEPLOYMENT |||Haiti|asserted"
        ]
    );
}

#[test]
fn a_later_mention_may_name_a_place_inside_the_first_location() {
    let text = "Pakistani airstrikes hit militant hideouts inside Afghanistan on Monday. \
                The Pakistani strikes were carried out in Khost province, officials said.";
    assert_eq!(
        events(text),
        ["ATTACK Pakistan|Afghanistan||Khost|asserted"]
    );
}

#[test]
fn a_later_mention_in_another_country_stays_its_own_row() {
    let text = "Pakistani airstrikes hit militant hideouts inside Afghanistan on Monday. \
                The Pakistani strikes were carried out in Balochistan, officials said.";
    assert_eq!(events(text).len(), 2, "{:?}", events(text));
}

#[test]
fn a_separate_or_further_event_is_not_merged_into_the_first() {
    let again =
        "The EU imposed sanctions on Russia in May. It announced sanctions on Russia in June.";
    assert_eq!(events(again), ["SANCTION European Union|Russia|||asserted"]);
    let further = "The EU imposed sanctions on Russia in May. It announced further sanctions on Russia in June.";
    assert_eq!(
        events(further),
        [
            "SANCTION European Union|Russia|||asserted",
            "SANCTION |Russia|||asserted"
        ]
    );
}

#[test]
fn a_noun_trigger_in_an_adjunct_of_a_verb_is_part_of_its_event() {
    // "in a drone strike" is how the commander was eliminated: one attack,
    // and the commander does not become the actor of "strike".
    let text = "The Israeli army said its forces eliminated Hezbollah commander \
                Ali Karaki in a drone strike on his car.";
    assert_eq!(events(text), ["ATTACK Israel|Ali Karaki|drones||asserted"]);
    // "after" is no adjunct: the drone attack on Belgorod is an event of
    // its own.
    let text = "Russia struck Kharkiv with missiles hours after a Ukrainian drone \
                attack on Belgorod.";
    assert_eq!(events(text).len(), 2, "{:?}", events(text));
}

#[test]
fn a_noun_in_an_adjunct_aimed_at_another_state_is_an_event_of_its_own() {
    // The drones strayed into Romania while attacking Ukraine: two attacks.
    let text = "Romania said Russian drones entered its airspace during attacks on \
                Ukraine's Izmail port.";
    let got = events(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got.contains(&"ATTACK Russia|Romania|drones|Romania|asserted".to_string()),
        "{got:?}"
    );
}

#[test]
fn a_demonym_before_a_place_word_is_no_party() {
    // "Syrian airspace" is where the attack came from, not who made it.
    let text = "The attack on Quneitra was carried out from occupied “Syrian” \
                airspace, the army said.";
    assert!(events(text).is_empty(), "{:?}", events(text));
    let text = "The attack on Quneitra was carried out from Israeli positions, the \
                army said.";
    assert_eq!(events(text), ["ATTACK Israel|Syria||Quneitra|asserted"]);
}

#[test]
fn a_state_before_ally_is_another_party() {
    // The ally refuses; the United States is the one refused.
    let text = "A major US ally has refused to allow Washington to use its airspace.";
    assert_eq!(events(text), ["AUTHORIZATION |United States|||negated"]);
    let text = "Russia's neighbours have refused to let Moscow use their ports.";
    assert_eq!(events(text), ["AUTHORIZATION |Russia|||negated"]);
    // An alliance before "allies" stands for its members.
    let text = "NATO allies have deployed fighter jets to Poland.";
    assert_eq!(
        events(text),
        ["DEPLOYMENT NATO||fighter jets|Poland|asserted"]
    );
}

#[test]
fn a_definite_mention_with_its_actor_completes_that_actors_event() {
    // "The Pakistani strikes" five sentences on are the strikes told first.
    let text = "Pakistani airstrikes hit militant hideouts inside Afghanistan on Monday. \
                The escalation worried diplomats. \
                Markets in Karachi fell. \
                The Taliban government summoned an envoy. \
                Officials gave no casualty figures. \
                The Pakistani strikes were carried out in Khost province, officials said.";
    assert_eq!(
        events(text),
        ["ATTACK Pakistan|Afghanistan||Khost|asserted"]
    );
    // Reacting to the strikes is not striking.
    let text = "Pakistani airstrikes hit militant hideouts inside Afghanistan on Monday. \
                The Taliban denounced the strikes as an act of aggression.";
    assert_eq!(
        events(text),
        ["ATTACK Pakistan|Afghanistan||Afghanistan|asserted"]
    );
}

#[test]
fn a_verb_form_after_a_count_and_a_modifier_is_a_noun() {
    // "bombs" here is what was shipped, not an attack.
    let text = "Washington halted a shipment of 1,800 heavy bombs to Israel.";
    assert_eq!(
        events(text),
        ["ARMS_TRANSFER United States|Israel|||negated"]
    );
}

#[test]
fn a_claim_names_the_actor_of_an_attack_told_without_one() {
    // `claimable`: the car bomb has a place but nobody behind it; the
    // claim in the next sentence gives it its actor.
    let text = "A car bomb exploded near a checkpoint in Kirkuk, killing three soldiers. \
                Islamic State claimed the bombing.";
    assert_eq!(events(text), ["ATTACK Islamic State|||Kirkuk|asserted"]);
    let text = "Gunmen attacked a police station in Balochistan overnight. \
                The Balochistan Liberation Army said it carried out the assault.";
    assert_eq!(
        events(text),
        ["ATTACK Balochistan Liberation Army|||Balochistan|asserted"]
    );
}

#[test]
fn an_attack_told_without_its_actor_is_no_event_unless_claimed_or_told_at_a_local_place() {
    // A noun of `attack.nominal` (`claimable local`) at a named place
    // below a country stands with nobody behind it.
    let text = "A car bomb exploded near a checkpoint in Kirkuk, killing three soldiers. \
                Police sealed off the area.";
    assert_eq!(events(text), ["ATTACK |||Kirkuk|asserted"]);
    // At a country alone it does not.
    let text = "A car bomb exploded near a checkpoint in Iraq, killing three soldiers. \
                Police sealed off the area.";
    assert_eq!(events(text), Vec::<String>::new());
    // A claim three sentences on is too far to be sure it is the same act:
    // the bombing in Kirkuk stands on its own.
    let text = "A car bomb exploded near a checkpoint in Kirkuk. \
                Police sealed off the area. Schools were closed. Shops stayed shut. \
                Islamic State claimed the bombing.";
    assert_eq!(
        events(text),
        [
            "ATTACK |||Kirkuk|asserted",
            "ATTACK Islamic State||||asserted"
        ]
    );
}

#[test]
fn the_side_that_repels_an_attack_does_not_act_and_a_claim_names_the_attacker() {
    let text = "Somali troops repelled an assault on a military base near Baidoa on Tuesday. \
                Al-Shabaab said it carried out the attack.";
    assert_eq!(events(text), ["ATTACK Al-Shabaab|||Baidoa|asserted"]);
}

#[test]
fn a_denial_of_an_event_the_text_asserts_is_no_event_of_its_own() {
    let text = "Myanmar's military junta carried out air strikes on villages in Sagaing \
                on Monday, killing at least 20 people. The junta denied targeting civilians.";
    assert_eq!(events(text), ["ATTACK Myanmar|||Sagaing|asserted"]);
}

#[test]
fn a_claim_of_responsibility_after_an_apposition_names_the_attacker() {
    let text = "At least 30 soldiers were killed when a military base in Boulkessi was \
                attacked by jihadists, Mali's army said. JNIM, an al-Qaeda affiliate, \
                claimed responsibility for the assault on Friday.";
    assert_eq!(events(text), ["ATTACK JNIM|||Boulkessi|asserted"]);
}

#[test]
fn an_event_short_of_its_require_stands_when_a_later_definite_mention_completes_it() {
    // "carried out airstrikes" names no target or place; the definite
    // "The strikes" in the next sentence gives them.
    let text = "Israel carried out airstrikes overnight, the military said. \
                The strikes targeted Hezbollah sites in southern Lebanon.";
    assert_eq!(events(text), ["ATTACK Israel|Hezbollah||Lebanon|asserted"]);
    // Nothing completes it: no event.
    let text = "Israel carried out airstrikes overnight, the military said. \
                Officials gave no details.";
    assert_eq!(events(text), Vec::<String>::new());
}

#[test]
fn a_class_after_counter_or_anti_is_no_weapon() {
    // "counter-drone units" are no drones; "anti-tank mines" no tanks.
    let out = events("Sweden sent counter-drone units to Denmark.");
    assert!(out.iter().all(|e| !e.contains("drone")), "{out:?}");
    let out = events("Russia sent anti-tank mines to its forces in Kursk.");
    assert!(out.iter().all(|e| !e.contains("tank")), "{out:?}");
}

#[test]
fn a_noun_in_an_adjunct_aimed_at_another_country_stays_its_own_row() {
    assert_eq!(
        events(
            "Polish jets shot down Russian drones that crossed into Poland's airspace overnight \
             during a massive Russian attack on western Ukraine, the prime minister said."
        ),
        [
            "ATTACK Russia|Poland|drones|Poland|asserted",
            "ATTACK Russia|Ukraine||Ukraine|asserted",
        ]
    );
}

#[test]
fn a_noun_in_apposition_is_the_event_before_it() {
    // "Lukoil", named before the noun, is no actor of "measures".
    assert_eq!(
        events(
            "The United States imposed sanctions on Russia's two biggest oil companies, Rosneft \
             and Lukoil, on Wednesday, the first major punitive measures against Moscow since \
             January."
        ),
        ["SANCTION United States|Rosneft|||asserted"]
    );
    assert_eq!(
        events(
            "Russia launched 500 drones at Ukraine overnight, the largest attack on Kyiv since \
             the war began."
        ),
        ["ATTACK Russia|Ukraine|drones|Kyiv|asserted"]
    );
}

#[test]
fn who_calls_an_act_an_attack_did_not_do_it() {
    assert_eq!(
        events(
            "Prime Minister Mette Frederiksen on Tuesday called it the most serious attack so \
             far on Danish critical infrastructure."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        events("Israel called its strike on Doha a warning to Hamas."),
        ["ATTACK Israel|Hamas||Doha|asserted"]
    );
}

#[test]
fn who_was_killed_in_an_attack_did_not_do_it() {
    assert_eq!(
        events(
            "Iranian state media said Revolutionary Guards commander Hossein Salami was killed \
             in the strikes, which also hit residential buildings in Tehran."
        ),
        ["ATTACK |||Tehran|asserted"]
    );
}

#[test]
fn explain_tells_which_mentions_are_folded_into_another() {
    let mut trace = Vec::new();
    PIPELINE.process_traced(
        &Document::new(
            "t",
            "The Houthis said they had sunk the bulk carrier in the Red Sea, their second \
             attack on shipping this week."
                .to_string(),
        ),
        Some(&mut trace),
    );
    let folded: Vec<&String> = trace.iter().filter(|l| l.contains("folded")).collect();
    assert_eq!(
        folded,
        [
            "sentence 0, trigger \"attack\": the ATTACK of rule `attack.nominal` is folded into \
             another mention of its event (one row per event)"
        ]
    );
}

#[test]
fn an_act_told_days_apart_in_one_sentence_is_its_own_row() {
    assert_eq!(
        events(
            "The Israeli military said its jets had hit a gathering of senior Houthi officials \
             in Sanaa, days after it struck a presidential compound."
        ),
        [
            "ATTACK Israel|Houthis||Sanaa|asserted",
            "ATTACK Israel||||asserted"
        ]
    );
}

#[test]
fn the_group_is_not_the_one_named_in_a_compound_before_it() {
    // "al-Qaeda-linked" modifies the group: "the group" is al-Shabaab.
    let text = "Al-Shabaab fighters attacked army posts in Hiiraan on Sunday. \
                The al-Qaeda-linked group said the raids were a success. \
                The group claimed it overran the town of Bulobarde.";
    let got = events(text);
    assert!(got.iter().all(|e| !e.contains("Al-Qaeda")), "{got:?}");
    assert!(
        got.iter().any(|e| e.starts_with("ATTACK Al-Shabaab|")),
        "{got:?}"
    );
}

#[test]
fn talks_told_from_either_side_are_one_row() {
    // NEGOTIATION is `symmetric` in rules/event_types.tsv: the second
    // sentence names Ghana first, and still tells the same talks.
    let text = "Togo and Ghana held talks in Lome on Monday. \
                Ghana and Togo agreed a truce after the talks.";
    assert_eq!(events(text), ["NEGOTIATION Togo|Ghana||Lomé|asserted"]);
}
