//! The shallow-parse stage on sentences of our own: clauses, subjects and
//! objects as `evex explain` shows them at each trigger. These pin down the
//! parse that the rules' `subject`, `object` and `clause` slots read.

use evex::{Config, Document, Pipeline};
use std::sync::LazyLock;

/// The default pipeline, loaded once for all the tests of this file
/// (loading is most of a debug test's time).
static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// The parse line that `evex explain` prints for `trigger` in `text` (the
/// pipeline's trace, which `explain` prints as it is).
fn parse_at(text: &str, trigger: &str) -> String {
    let mut trace = Vec::new();
    PIPELINE.process_traced(&Document::new("t", text.to_string()), Some(&mut trace));
    let key = format!("trigger \"{trigger}\": clause");
    trace
        .iter()
        .find(|l| l.contains(&key))
        .map(|l| {
            l.split_once(": clause")
                .map_or(l.as_str(), |(_, r)| r)
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| panic!("no parse line for {trigger:?} in:\n{}", trace.join("\n")))
}

/// A subordinate clause with a verb trigger and a nominal one.
const AFTER_THE_US: &str = "Protesters gathered in Basra after the US killed an Iranian commander in a drone strike in Baghdad.";
const AFTER_THE_US_CLAUSES: &str = "clauses: [0 Main: Protesters gathered in Basra] \
     [1 Subordinate: after the US killed an Iranian commander in a drone strike in Baghdad.]";

#[test]
fn a_subordinator_opens_a_clause_whose_subject_it_does_not_govern() {
    assert_eq!(
        parse_at(AFTER_THE_US, "killed"),
        format!("1, subject US, object Iranian; {AFTER_THE_US_CLAUSES}")
    );
}

#[test]
fn a_nominal_in_an_adjunct_takes_the_subject_of_its_clause() {
    assert_eq!(
        parse_at(AFTER_THE_US, "strike"),
        format!("1, subject US, object none; {AFTER_THE_US_CLAUSES}")
    );
}

#[test]
fn after_a_determiner_a_trigger_is_a_noun_not_a_clause() {
    assert_eq!(
        parse_at(
            "An oil depot in Russia's Bryansk region burned after a Ukrainian drone attack overnight.",
            "attack"
        ),
        "0, subject none, object none; clauses: [0 Main: An oil depot in Russia's Bryansk region \
         burned after a Ukrainian drone attack overnight.]"
    );
}

#[test]
fn a_past_form_after_a_noun_phrase_and_before_an_object_opens_a_clause() {
    // "the rebels" is the subject of its own clause: the main clause's
    // subject does not attack.
    assert_eq!(
        parse_at(
            "Bogota suspended talks with the guerrillas on Friday after the rebels attacked a police post in Arauca.",
            "attacked"
        ),
        "1, subject none, object none; clauses: [0 Main: Bogota suspended talks with the guerrillas on Friday] \
         [1 Subordinate: after the rebels attacked a police post in Arauca.]"
    );
}

#[test]
fn a_verb_after_and_shares_the_subject_of_the_verb_before() {
    // Not "Swiss", in the first verb's object.
    assert_eq!(
        parse_at(
            "Mali's military government has expelled the Swiss envoy and suspended a security agreement with Paris.",
            "suspended"
        ),
        "0, subject Mali (coordinated verb), object none; clauses: [0 Main: Mali's military government \
         has expelled the Swiss envoy and suspended a security agreement with Paris.]"
    );
}

#[test]
fn a_preposition_or_a_hyphened_word_is_no_verb_to_coordinate_with() {
    // "to" ends "according to" but is no reporting verb, and "so-called"
    // is an adjective: the subject is that of "added", not Russia.
    assert_eq!(
        parse_at(
            "The EU added vessels of Russia's so-called shadow fleet to the list and banned two Chinese refineries.",
            "banned"
        ),
        "0, subject EU (coordinated verb), object Chinese; clauses: [0 Main: The EU added vessels of \
         Russia's so-called shadow fleet to the list and banned two Chinese refineries.]"
    );
}

#[test]
fn an_irregular_past_after_a_subordinator_and_a_noun_opens_a_clause() {
    // "hit" (IRREGULAR_PAST) as "attacked" would: the drone, not the
    // minister, hit the field.
    assert_eq!(
        parse_at(
            "The minister ordered an inquiry after a drone hit the Lanas gas field.",
            "hit"
        ),
        "1, subject drone, object Lanas gas field; clauses: [0 Main: The minister ordered an inquiry] \
         [1 Subordinate: after a drone hit the Lanas gas field.]"
    );
}

#[test]
fn a_gerund_after_an_unnamed_noun_has_no_named_agent() {
    // The firms, not the US that sanctioned them, supplied the drones.
    assert_eq!(
        parse_at(
            "The US sanctioned two firms accused of supplying drones to Russia.",
            "supplying"
        ),
        "0, subject none, object drones; clauses: [0 Main: The US sanctioned two firms accused of \
         supplying drones to Russia.]"
    );
}

#[test]
fn the_object_is_what_a_free_relative_names_not_who_names_it() {
    // Not "the army", who only calls the tunnels Hamas's.
    assert_eq!(
        parse_at(
            "Israeli jets hit what the army called Hamas tunnels near Rafah.",
            "hit"
        ),
        "0, subject Israeli, object Hamas; clauses: [0 Main: Israeli jets hit what the army called \
         Hamas tunnels near Rafah.]"
    );
}

#[test]
fn a_coordinated_verb_after_an_auxiliary_and_an_attribution_shares_the_subject() {
    assert_eq!(
        parse_at(
            "Pyongyang has sent 8,000 troops to Russia, according to Seoul's spy agency, and has supplied Moscow with shells.",
            "supplied"
        ),
        "2, subject Pyongyang (coordinated verb), object Moscow; clauses: [0 Main: Pyongyang has sent \
         8,000 troops to Russia,] [1 Attribution: according to Seoul's spy agency,] [2 Main: and has \
         supplied Moscow with shells.]"
    );
}

#[test]
fn a_coordinated_verb_after_a_relative_of_place_shares_the_subject_of_the_main_clause() {
    assert_eq!(
        parse_at(
            "Pyongyang has sent troops to Russia, where they fight in Kursk, and has supplied shells to Moscow.",
            "supplied"
        ),
        "2, subject Pyongyang (coordinated verb), object shells; clauses: [0 Main: Pyongyang has sent \
         troops to Russia,] [1 Subordinate: where they fight in Kursk,] [2 Main: and has supplied \
         shells to Moscow.]"
    );
}

#[test]
fn a_light_verb_governs_a_noun_past_a_hyphenated_modifier() {
    assert_eq!(
        parse_at(
            "Zhang Youxia visited Pakistan and had one-on-one talks with Asim Munir.",
            "talks"
        ),
        "0, subject Zhang Youxia (coordinated verb), object none; clauses: [0 Main: Zhang Youxia \
         visited Pakistan and had one-on-one talks with Asim Munir.]"
    );
}

#[test]
fn a_participle_after_while_shares_the_subject_of_the_clause_before() {
    // Through the pronoun of the reported clause to its reporter.
    assert_eq!(
        parse_at(
            "The Kurdish-led SDF said it had freed 40 prisoners in Raqqa, while calling for talks with Damascus.",
            "calling for"
        ),
        "2, subject SDF (participle), object none; clauses: [0 Main: The Kurdish-led SDF said] \
         [1 Reported: it had freed 40 prisoners in Raqqa,] [2 Main: while calling for talks with Damascus.]"
    );
}

#[test]
fn a_relative_clause_is_skipped_on_the_way_to_the_subject() {
    assert_eq!(
        parse_at(
            "The Houthis, who control most of northern Yemen, have attacked ships in the Red Sea.",
            "attacked"
        ),
        "0, subject Houthis, object none; clauses: [0 Main: The Houthis,] \
         [1 Relative: who control most of northern Yemen,] [0 Main: have attacked ships in the Red Sea.]"
    );
}

#[test]
fn the_name_after_said_is_the_subject_of_the_reported_clause() {
    assert_eq!(
        parse_at(
            "Moldova's foreign ministry said Russia shelled villages near Kherson.",
            "shelled"
        ),
        "1, subject Russia, object none; clauses: [0 Main: Moldova's foreign ministry said] \
         [1 Reported: Russia shelled villages near Kherson.]"
    );
}

#[test]
fn coordinated_names_are_one_subject_and_attribution_is_its_own_clause() {
    assert_eq!(
        parse_at(
            "The US and Britain supplied Ukraine with missiles, according to officials.",
            "supplied"
        ),
        "0, subject US + Britain, object Ukraine; clauses: [0 Main: The US and Britain supplied \
         Ukraine with missiles,] [1 Attribution: according to officials.]"
    );
}

#[test]
fn an_infinitive_after_a_control_verb_takes_its_object_as_subject() {
    assert_eq!(
        parse_at(
            "Washington allowed Kyiv to strike targets in Russia with the missiles.",
            "strike"
        ),
        "0, subject Kyiv (infinitive), object none; clauses: [0 Main: Washington allowed Kyiv \
         to strike targets in Russia with the missiles.]"
    );
}

#[test]
fn a_purpose_infinitive_takes_the_subject_of_its_clause() {
    assert_eq!(
        parse_at(
            "The Pentagon used the Ukraine Security Assistance Initiative to provide Kyiv with Patriot interceptors.",
            "provide"
        ),
        "0, subject Pentagon (infinitive), object Kyiv; clauses: [0 Main: The Pentagon used the \
         Ukraine Security Assistance Initiative to provide Kyiv with Patriot interceptors.]"
    );
}

#[test]
fn a_clause_after_comma_and_has_a_subject_of_its_own() {
    // "tanks" and "the US" are not one list: ", and" opens a clause.
    assert_eq!(
        parse_at(
            "Russia sent tanks, and the US deployed jets to Poland.",
            "deployed"
        ),
        "1, subject US, object none; clauses: [0 Main: Russia sent tanks,] \
         [1 Main: and the US deployed jets to Poland.]"
    );
    // After a list, ", and" ends the list.
    assert_eq!(
        parse_at(
            "The US, Britain, and France supplied missiles to Ukraine.",
            "supplied"
        ),
        "0, subject US + Britain + France, object missiles; clauses: [0 Main: The US, \
         Britain, and France supplied missiles to Ukraine.]"
    );
}

#[test]
fn the_and_that_opens_a_clause_is_no_cue_for_a_partner() {
    // "before and" (a partner in "X and Y held talks") does not reach back
    // over the "and" that joins two clauses.
    // Through the command line once: the event as `evex explain` lists it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_evex"))
        .args([
            "explain",
            "Russia sent tanks, and Vladimir Putin will fly to Pyongyang for talks with Kim Jong-un.",
        ])
        .output()
        .expect("run evex explain");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "NEGOTIATION [negotiation.nominal] actor=Vladimir Putin; target=Kim Jong Un; \
             location=Pyongyang; modality=hedged"
        ),
        "{stdout}"
    );
}

#[test]
fn a_gerund_after_for_or_of_acts_for_the_name_before_it() {
    // The firm sells, not the state that sanctions it.
    let text = "Beijing sanctioned Lockheed Martin, a US defence contractor, for selling weapons to Taiwan.";
    assert!(
        parse_at(text, "selling").starts_with("0, subject Lockheed Martin (gerund)"),
        "{}",
        parse_at(text, "selling")
    );
    let text = "The EU sanctioned three Iranian firms accused of supplying drones to Russia.";
    assert!(
        parse_at(text, "supplying").starts_with("0, subject Iranian (gerund)"),
        "{}",
        parse_at(text, "supplying")
    );
}

#[test]
fn a_control_verb_with_a_particle_governs_the_infinitive_too() {
    assert_eq!(
        parse_at(
            "Trump called on Putin and Zelensky to meet for direct talks.",
            "meet"
        ),
        "0, subject Putin + Zelensky (infinitive), object none; clauses: [0 Main: Trump called on \
         Putin and Zelensky to meet for direct talks.]"
    );
}

#[test]
fn a_short_adjunct_may_stand_between_the_reporting_verb_and_its_report() {
    assert_eq!(
        parse_at(
            "The ministry said in a statement that Russia had fired missiles at Odesa.",
            "fired"
        ),
        "1, subject Russia, object missiles; clauses: [0 Main: The ministry said in a statement \
         that] [1 Reported: Russia had fired missiles at Odesa.]"
    );
    assert_eq!(
        parse_at(
            "Israel's military said on Tuesday it had killed a senior Hamas commander in an airstrike in central Gaza.",
            "airstrike"
        ),
        "1, subject Israel (reporter), object none; clauses: [0 Main: Israel's military said on \
         Tuesday] [1 Reported: it had killed a senior Hamas commander in an airstrike in central \
         Gaza.]"
    );
}

#[test]
fn a_number_prefix_is_part_of_the_object_not_a_preposition() {
    assert_eq!(
        parse_at(
            "Israeli jets struck more than 100 Hamas targets overnight.",
            "struck"
        ),
        "0, subject Israeli, object Hamas; clauses: [0 Main: Israeli jets struck more than 100 Hamas targets overnight.]"
    );
}

#[test]
fn a_gerund_after_a_passive_agent_acts_for_the_passive_subject() {
    assert_eq!(
        parse_at(
            "Five Chinese companies were sanctioned by the US Treasury for supplying Iran with drones.",
            "supplying"
        ),
        "0, subject Chinese (gerund), object Iran; clauses: [0 Main: Five Chinese companies were sanctioned by the US Treasury for supplying Iran with drones.]"
    );
}

#[test]
fn a_name_after_an_event_noun_is_no_antecedent() {
    assert_eq!(
        parse_at(
            "The Israeli strike on Doha, which targeted Hamas leaders, drew condemnation.",
            "targeted"
        ),
        "1, subject none, object Hamas; clauses: [0 Main: The Israeli strike on Doha,] [1 Relative: which targeted Hamas leaders,] [0 Main: drew condemnation.]"
    );
}

#[test]
fn a_past_tense_after_a_long_noun_phrase_reports_a_clause() {
    assert_eq!(
        parse_at(
            "Estonia said a Russian military aircraft violated its airspace on Friday.",
            "violated"
        ),
        "1, subject Russian, object none; clauses: [0 Main: Estonia said] [1 Reported: a Russian military aircraft violated its airspace on Friday.]"
    );
}

/// What `evex explain` says of `rule` at `trigger` in `text`.
fn rule_at(text: &str, trigger: &str, rule: &str) -> String {
    let mut trace = Vec::new();
    PIPELINE.process_traced(&Document::new("t", text.to_string()), Some(&mut trace));
    let key = format!("trigger \"{trigger}\": rule `{rule}`");
    trace
        .iter()
        .find(|l| l.contains(&key))
        .map(|l| {
            l.split_once(") ")
                .map_or(l.as_str(), |(_, r)| r)
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| {
            panic!(
                "no line for {rule} at {trigger:?} in:\n{}",
                trace.join("\n")
            )
        })
}

#[test]
fn a_verb_in_s_after_a_possessive_name_is_the_names_verb() {
    assert_eq!(
        rule_at(
            "Sudan's RSF Seizes Key Town in Kordofan",
            "Seizes",
            "attack.capture"
        ),
        "fires: actor=Rapid Support Forces; location=Kordofan; modality=asserted"
    );
    // With no object after it, the -s form stays a noun.
    assert_eq!(
        rule_at(
            "Israel's IDF strikes on Gaza killed 12 people.",
            "strikes",
            "attack.verb"
        ),
        "does not fire: the rule wants form active, the trigger is a noun"
    );
}

#[test]
fn a_states_organ_does_not_end_a_coordinated_subject() {
    // "'s federal government" between the two names: one group, whose
    // first member is the subject.
    assert_eq!(
        parse_at(
            "Ethiopia's federal government and the Tigray People's Liberation Front agreed in Pretoria to end the fighting.",
            "agreed"
        ),
        "0, subject Ethiopia + Tigray People's Liberation Front, object none; clauses: [0 Main: Ethiopia's federal government and the Tigray People's Liberation Front agreed in Pretoria to end the fighting.]"
    );
    assert_eq!(
        parse_at(
            "The Sudanese army and the Rapid Support Forces agreed to stop fighting in El Fasher.",
            "agreed to"
        ),
        "0, subject Sudanese + Rapid Support Forces, object none; clauses: [0 Main: The Sudanese army and the Rapid Support Forces agreed to stop fighting in El Fasher.]"
    );
}

#[test]
fn a_hyphenated_modifier_does_not_govern_the_name_after_it() {
    // "linked" is glued to "al Qaeda": the group JNIM is the reporter.
    let text = "The al Qaeda-linked group JNIM said it carried out the assault.";
    assert!(
        parse_at(text, "carried out").starts_with("1, subject JNIM (reporter)"),
        "{}",
        parse_at(text, "carried out")
    );
}

#[test]
fn a_past_trigger_before_a_bare_noun_opens_the_subordinate_clause() {
    let text = "Bogota suspended the talks after the rebels attacked civilians in Arauca.";
    let p = parse_at(text, "attacked");
    assert!(
        p.contains("[1 Subordinate: after the rebels attacked"),
        "{p}"
    );
    assert!(!p.contains("subject Bogota"), "{p}");
}

#[test]
fn a_subject_opened_by_its_stands_for_the_reporter() {
    assert_eq!(
        parse_at(
            "The Sudanese army said its aircraft later struck RSF positions near Nyala.",
            "struck"
        ),
        "1, subject Sudanese (reporter), object RSF; clauses: [0 Main: The Sudanese army said] \
         [1 Reported: its aircraft later struck RSF positions near Nyala.]"
    );
}

#[test]
fn a_name_in_an_apposition_is_not_the_subject_and_a_claim_names_the_agent() {
    assert_eq!(
        parse_at(
            "JNIM, al-Qaeda's affiliate in the Sahel, claimed responsibility for the assault.",
            "assault"
        ),
        "0, subject JNIM, object none; clauses: [0 Main: JNIM, al-Qaeda's affiliate in the Sahel, \
         claimed responsibility for the assault.]"
    );
}

#[test]
fn a_comma_between_names_of_a_list_ends_no_clause() {
    let text = "Russia fired drones at Ukraine, targeting substations in the Kyiv, \
                Chernihiv and Sumy regions.";
    assert_eq!(
        parse_at(text, "targeting"),
        "1, subject Russia (antecedent), object none; clauses: [0 Main: Russia fired drones at \
         Ukraine,] [1 Subordinate: targeting substations in the Kyiv, Chernihiv and Sumy regions.]"
    );
}

#[test]
fn an_infinitive_with_no_name_before_to_takes_the_subject_of_its_verb() {
    let text = "The Pentagon has completed its review of the AUKUS pact and endorsed \
                plans to sell Australia three submarines.";
    assert!(
        parse_at(text, "sell").starts_with("0, subject Pentagon (infinitive), object Australia;"),
        "{}",
        parse_at(text, "sell")
    );
}

#[test]
fn a_phrase_opened_by_its_determiner_is_governed_only_by_the_word_before_it() {
    // "on" governs "Monday", not "his government": the report's subject.
    assert_eq!(
        parse_at(
            "Belgium's prime minister said on Monday his government would deploy 200 soldiers to Estonia.",
            "deploy"
        ),
        "1, subject his government, object none; clauses: [0 Main: Belgium's prime minister said \
         on Monday] [1 Reported: his government would deploy 200 soldiers to Estonia.]"
    );
}

#[test]
fn a_subordinator_stops_the_search_for_a_governing_preposition() {
    assert_eq!(
        parse_at(
            "Oslo said it would not talk with Minsk while Russia keeps 3,000 soldiers in the enclave.",
            "keeps"
        ),
        "2, subject Russia, object none; clauses: [0 Main: Oslo said] [1 Reported: it would not \
         talk with Minsk] [2 Subordinate: while Russia keeps 3,000 soldiers in the enclave.]"
    );
}

#[test]
fn before_an_auxiliary_a_comma_closes_the_clauses_that_end_at_it() {
    assert_eq!(
        parse_at(
            "Tanzania, which closed the border after rebels killed 14 people in Kigoma in March, \
             has ruled out talks with the group.",
            "talks"
        ),
        "0, subject Tanzania, object none; clauses: [0 Main: Tanzania,] [1 Relative: which \
         closed the border] [2 Subordinate: after rebels killed 14 people in Kigoma in March,] \
         [0 Main: has ruled out talks with the group.]"
    );
}

#[test]
fn a_reporting_word_after_a_determiner_and_an_ordinal_modifies_a_noun() {
    // "their first claimed attack" reports nothing: the rebels, who said
    // it, remain the reporter of the clause before.
    assert_eq!(
        parse_at(
            "The rebels said they had shot down an army helicopter near Goma, their first claimed \
             attack on an aircraft this year.",
            "shot"
        ),
        "1, subject none, object helicopter; clauses: [0 Main: The rebels said] [1 Reported: \
         they had shot down an army helicopter near Goma, their first claimed attack on an \
         aircraft this year.]"
    );
}

#[test]
fn a_name_that_opens_a_subordinate_clause_is_no_object() {
    // Trump is the subject of "told", not what Israel hit.
    assert_eq!(
        parse_at(
            "Israel hit only a radar site after Trump told it to stop.",
            "hit"
        ),
        "0, subject Israel, object none; clauses: [0 Main: Israel hit only a radar site] \
         [1 Subordinate: after Trump told it to stop.]"
    );
}

#[test]
fn a_report_inside_a_clause_that_ends_at_a_comma_ends_there_too() {
    // The main clause resumes at "had": its subject is JNIM.
    assert_eq!(
        parse_at(
            "JNIM fighters, whom officials say are backed by smugglers, had entered Kayes.",
            "entered"
        ),
        "0, subject JNIM, object Kayes; clauses: [0 Main: JNIM fighters,] [1 Relative: whom \
         officials say] [2 Reported: are backed by smugglers,] [0 Main: had entered Kayes.]"
    );
}

#[test]
fn a_possessive_after_and_joins_a_titled_name_to_the_list() {
    // One group of subjects: Xi acts, Putin is his partner.
    assert_eq!(
        parse_at(
            "Xi Jinping and his Russian counterpart Vladimir Putin held talks in Moscow.",
            "held"
        ),
        "0, subject Xi Jinping + Vladimir Putin, object none; clauses: [0 Main: Xi Jinping and his \
         Russian counterpart Vladimir Putin held talks in Moscow.]"
    );
}

#[test]
fn a_pronoun_opening_a_coordinated_main_clause_is_the_subject_before() {
    // "it" after ", and": the subject of the main clause before, which a
    // light verb's noun ("declared a blockade") takes as its agent.
    let text = "JNIM has stepped up raids on fuel convoys, and in May it declared a \
                blockade of the town of Bafoulabé.";
    assert_eq!(
        parse_at(text, "declared").split(';').next(),
        Some("1, subject JNIM (coordinated clause), object none")
    );
}

#[test]
fn an_intransitive_past_form_ending_the_clause_opens_a_subordinate_clause() {
    // "while the shelling continued": the subordinator's clause, so the
    // refusal's subject and modality stay out of it.
    let text = "The rebels said they would not negotiate while the shelling continued.";
    assert_eq!(
        parse_at(text, "shelling"),
        "2, subject none, object none; clauses: [0 Main: The rebels said] \
         [1 Reported: they would not negotiate] [2 Subordinate: while the shelling continued.]"
    );
}

#[test]
fn delegates_of_parties_make_those_parties_the_subject() {
    let text = "Representatives of the Sudanese government and the SPLM-N signed a \
                declaration of principles in Juba on Saturday.";
    assert_eq!(
        parse_at(text, "signed").split(';').next(),
        Some("0, subject Sudanese + SPLM-N (delegates), object none")
    );
}

#[test]
fn a_pronoun_in_a_subordinate_clause_is_the_main_clause_subject() {
    let text = "The Sahel Liberation Front has stepped up raids on Kayes since it \
                seized the town of Diboli in July.";
    assert_eq!(
        parse_at(text, "seized").split(';').next(),
        Some("1, subject Sahel Liberation Front (main clause), object Diboli")
    );
}

#[test]
fn it_after_a_person_reporter_is_the_party_whose_title_he_holds() {
    // "it" names no person: the group whose leader reports.
    let text = "Hamas's political chief, Khalil al-Hayya, said it would attack \
                Israeli forces in Rafah.";
    assert_eq!(
        parse_at(text, "attack").split(';').next(),
        Some("1, subject Hamas (reporter's party), object Israeli")
    );
}

#[test]
fn a_hyphenated_participle_is_no_verb_after_a_coordinator() {
    // "a nuclear-powered submarine" opens no clause: the list goes on to
    // the destination.
    let text = "Washington has moved eight warships, and a nuclear-powered submarine \
                to waters off Venezuela.";
    assert_eq!(
        parse_at(text, "moved"),
        "0, subject Washington, object warships; clauses: [0 Main: Washington has moved \
         eight warships, and a nuclear-powered submarine to waters off Venezuela.]"
    );
}

#[test]
fn a_participle_after_a_noun_past_the_clause_verb_has_no_clause_subject() {
    // Manila did not station the launcher: the rules' other actor slots
    // then find the US Army named in the noun phrase.
    assert_eq!(
        parse_at(
            "Manila rejected demands to withdraw a US Army launcher stationed on Luzon.",
            "stationed"
        ),
        "0, subject none, object none; clauses: [0 Main: Manila rejected demands to withdraw \
         a US Army launcher stationed on Luzon.]"
    );
    // A participle with "by" before the verb is no clause verb of its own.
    assert_eq!(
        parse_at(
            "Somali forces backed by AUSSOM troops pushed al-Shabaab out of Balcad.",
            "pushed"
        ),
        "0, subject Somali, object al-Shabaab; clauses: [0 Main: Somali forces backed by AUSSOM \
         troops pushed al-Shabaab out of Balcad.]"
    );
}

#[test]
fn a_pronoun_after_a_noun_opens_an_object_relative_of_the_clause_subject() {
    assert_eq!(
        parse_at(
            "Al-Shabaab vowed to hold the three towns they seized in March.",
            "seized"
        ),
        "0, subject Al-Shabaab (object relative), object none; clauses: [0 Main: Al-Shabaab \
         vowed to hold the three towns they seized in March.]"
    );
}

#[test]
fn a_title_and_a_comma_before_a_person_join_the_person_to_a_list() {
    assert_eq!(
        parse_at(
            "Serbia's foreign minister, Marko Djuric, and his Kosovar counterpart, Donika \
             Gervalla, led the talks and will meet again in Brussels.",
            "meet"
        ),
        "0, subject Marko Djuric + Donika Gervalla, object none; clauses: [0 Main: Serbia's \
         foreign minister, Marko Djuric, and his Kosovar counterpart, Donika Gervalla, led the \
         talks and will meet again in Brussels.]"
    );
}

#[test]
fn a_time_adjunct_after_which_leaves_the_relative_without_a_subject() {
    assert_eq!(
        parse_at(
            "Its main rival is Viv Ansanm, which this year seized Mirebalais.",
            "seized"
        ),
        "1, subject Viv Ansanm (antecedent), object Mirebalais; clauses: [0 Main: Its main \
         rival is Viv Ansanm,] [1 Relative: which this year seized Mirebalais.]"
    );
}

#[test]
fn a_comma_and_after_a_pair_joined_by_and_opens_a_clause() {
    assert_eq!(
        parse_at(
            "Pakistan's army said missiles hit mosques in Muzaffarabad and Kotli, and its \
             troops shelled Indian positions.",
            "shelled"
        ),
        "2, subject its, object Indian; clauses: [0 Main: Pakistan's army said] [1 Reported: \
         missiles hit mosques in Muzaffarabad and Kotli,] [2 Main: and its troops shelled Indian \
         positions.]"
    );
}

#[test]
fn a_group_after_its_is_owned_and_the_pronoun_says_who_acts() {
    assert_eq!(
        parse_at(
            "Ukraine's SBU said its Sea Baby naval drones had struck two tankers.",
            "struck"
        ),
        "1, subject SBU (reporter), object none; clauses: [0 Main: Ukraine's SBU said] \
         [1 Reported: its Sea Baby naval drones had struck two tankers.]"
    );
}

#[test]
fn a_participle_between_commas_after_the_subject_is_a_reduced_relative() {
    let text = "The European Union's 19th sanctions package, adopted on Thursday after \
                Slovakia dropped its veto, bans imports of Russian gas.";
    assert_eq!(
        parse_at(text, "bans"),
        "0, subject European Union, object Russian; clauses: [0 Main: The European Union's 19th \
         sanctions package,] [1 Relative: adopted on Thursday] [2 Subordinate: after Slovakia \
         dropped its veto,] [0 Main: bans imports of Russian gas.]"
    );
    // The names inside it do not act.
    let text = "The package, held up for weeks by a Slovak veto, also blacklists Nayara Energy.";
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    assert!(out.events.is_empty(), "{:?}", out.events);
}

#[test]
fn a_mediator_compound_is_no_agent_and_at_takes_the_verb_subject() {
    assert_eq!(
        parse_at(
            "The TNLA agreed at China-brokered talks in Kunming to withdraw from Mogok.",
            "talks"
        ),
        "0, subject TNLA, object none; clauses: [0 Main: The TNLA agreed at China-brokered \
         talks in Kunming to withdraw from Mogok.]"
    );
}

#[test]
fn a_participle_after_an_event_noun_names_its_agent_after_by() {
    assert_eq!(
        parse_at(
            "Convoys stalled as a blockade imposed on the country by the al-Qaeda-linked JNIM \
             since September kept petrol stations dry.",
            "blockade"
        )
        .split(';')
        .next()
        .unwrap_or_default(),
        "0, subject JNIM (passive agent), object none"
    );
}

#[test]
fn the_object_of_an_object_relative_clause_is_its_antecedent() {
    assert_eq!(
        parse_at(
            "Gangs of the Viv Ansanm coalition, which Washington designated a terrorist \
             organisation in May, control the capital.",
            "designated"
        )
        .split(';')
        .next()
        .unwrap_or_default(),
        "1, subject Washington, object Viv Ansanm"
    );
}

#[test]
fn a_pronoun_reported_by_no_name_after_and_is_the_clause_before_s_subject() {
    assert_eq!(
        parse_at(
            "This month the Houthis sank two bulk carriers in the Red Sea, and analysts warn \
             that they could again target Saudi oil facilities.",
            "target"
        )
        .split(';')
        .next()
        .unwrap_or_default(),
        "2, subject Houthis (coordinated clause), object Saudi"
    );
}

#[test]
fn a_reporting_verb_before_a_determiner_takes_an_object() {
    // "announced a new ceasefire" after an opening adjunct and its comma
    // reports nothing: the ceasefire is its object. The organ after a
    // possessive ("'s interior ministry") and a title with a lower-case
    // word ("Druze spiritual leader") keep the list of subjects whole.
    assert_eq!(
        parse_at(
            "Late on Wednesday, Syria's interior ministry and Druze spiritual leader Yousef \
             al-Jarbou announced a new ceasefire in the province.",
            "ceasefire"
        ),
        "0, subject Syria + Yousef al-Jarbou, object none; clauses: [0 Main: Late on Wednesday, \
         Syria's interior ministry and Druze spiritual leader Yousef al-Jarbou announced a new \
         ceasefire in the province.]"
    );
}

#[test]
fn since_after_an_auxiliary_opens_no_clause() {
    assert_eq!(
        parse_at(
            "JNIM fighters have since set fire to dozens of tanker trucks near Kayes.",
            "set fire to"
        ),
        "0, subject JNIM, object none; clauses: [0 Main: JNIM fighters have since set fire to \
         dozens of tanker trucks near Kayes.]"
    );
}

#[test]
fn a_comma_before_a_verb_closes_a_report_and_the_relative_clause_around_it() {
    assert_eq!(
        parse_at(
            "M23, which Kinshasa says is backed by Rwanda, seized Bukavu in February.",
            "seized"
        ),
        "0, subject M23, object Bukavu; clauses: [0 Main: M23,] [1 Relative: which Kinshasa \
         says] [2 Reported: is backed by Rwanda,] [0 Main: seized Bukavu in February.]"
    );
}

#[test]
fn a_relative_pronoun_after_an_apposition_stands_for_the_name() {
    assert_eq!(
        parse_at(
            "Officials blamed the White Army, a militia that overran an army garrison in Nasir.",
            "overran"
        ),
        "1, subject White Army (antecedent), object none; clauses: [0 Main: Officials blamed \
         the White Army, a militia] [1 Relative: that overran an army garrison in Nasir.]"
    );
}

#[test]
fn an_event_noun_closing_an_apposition_is_the_antecedent_itself() {
    // "Kyiv, the third attack that…": the attack, not Kyiv.
    assert_eq!(
        parse_at(
            "Drones hit Kyiv, the third attack which killed civilians this week.",
            "killed"
        ),
        "1, subject none, object none; clauses: [0 Main: Drones hit Kyiv, the third attack] \
         [1 Relative: which killed civilians this week.]"
    );
}

#[test]
fn who_uses_a_weapon_to_strike_is_the_subject_of_the_strike() {
    // "used 117 drones to hit": the drones are the means; "it", told by
    // Ukraine, used them.
    assert_eq!(
        parse_at(
            "Ukraine said on Sunday it had used 117 drones to hit Russian bombers at four air bases.",
            "hit"
        ),
        "1, subject Ukraine (infinitive), object Russian; clauses: [0 Main: Ukraine said on \
         Sunday] [1 Reported: it had used 117 drones to hit Russian bombers at four air bases.]"
    );
}

#[test]
fn a_participle_after_a_comma_shares_no_subject_told_after_it() {
    // The reporter at the end is split off only later; the participle has
    // no named subject of its own.
    let parse = parse_at(
        "Insurgents have shifted south, attacking villages in Cabo Delgado, the monitoring \
         group Cabo Ligado said.",
        "attacking",
    );
    assert!(parse.starts_with("1, subject none"), "{parse}");
}

#[test]
fn a_verb_after_and_with_none_before_it_is_no_subordinate_clause() {
    // "before dawn" is a preposition's phrase: "killed" goes on the main
    // clause and shares its subject.
    assert_eq!(
        parse_at(
            "Israel struck a site at Natanz before dawn on Friday and killed a commander in Tehran.",
            "killed"
        ),
        "0, subject Israel (coordinated verb), object none; clauses: [0 Main: Israel struck a \
         site at Natanz before dawn on Friday and killed a commander in Tehran.]"
    );
}

#[test]
fn a_noun_owned_by_their_after_a_verb_is_the_subjects() {
    assert_eq!(
        parse_at(
            "Donald Trump and Vladimir Putin ended their summit in Alaska on Friday.",
            "summit"
        ),
        "0, subject Donald Trump + Vladimir Putin, object none; clauses: [0 Main: Donald Trump \
         and Vladimir Putin ended their summit in Alaska on Friday.]"
    );
}

#[test]
fn after_help_the_name_before_a_bare_infinitive_acts() {
    assert_eq!(
        parse_at(
            "North Korea sent troops to help Russia drive Ukrainian forces out of the Kursk region.",
            "drive"
        ),
        "0, subject Russia (infinitive), object Ukrainian; clauses: [0 Main: North Korea sent \
         troops to help Russia drive Ukrainian forces out of the Kursk region.]"
    );
}

#[test]
fn according_to_does_not_replace_the_reporter_of_a_reported_clause() {
    let parse = parse_at(
        "JNIM said on Thursday it had killed 200 soldiers in an assault on a base in Djibo, \
         according to the SITE Intelligence Group.",
        "assault",
    );
    assert!(parse.starts_with("1, subject JNIM (reporter)"), "{parse}");
}

#[test]
fn that_after_a_noun_and_before_a_subject_opens_an_object_relative_clause() {
    assert_eq!(
        parse_at(
            "They belonged to Tren de Aragua, a Venezuelan gang that Washington designated a \
             terrorist organisation in February.",
            "designated"
        ),
        "1, subject Washington, object Tren de Aragua; clauses: [0 Main: They belonged to Tren \
         de Aragua, a Venezuelan gang] [1 Relative: that Washington designated a terrorist \
         organisation in February.]"
    );
    // After a noun that takes a complement, "that" reports.
    let parse = parse_at(
        "Officials dismissed the claim that Russia attacked the port.",
        "attacked",
    );
    assert!(parse.contains("Reported: that Russia attacked"), "{parse}");
}

#[test]
fn he_after_but_is_the_person_subject_of_the_clause_before() {
    assert_eq!(
        parse_at(
            "Army chief Abdel Fattah al-Burhan acknowledged the loss of the city on Monday, but \
             he has repeatedly ruled out talks with the RSF.",
            "talks"
        ),
        "1, subject Abdel Fattah al-Burhan (coordinated clause), object none; clauses: [0 Main: \
         Army chief Abdel Fattah al-Burhan acknowledged the loss of the city on Monday,] [1 Main: \
         but he has repeatedly ruled out talks with the RSF.]"
    );
}

#[test]
fn a_participle_between_commas_after_a_determined_name_and_noun_is_a_reduced_relative() {
    // "base" after "The Al-Udeid" is a noun, not a verb whose subject is
    // the name: "located southwest of Doha" hangs on it.
    assert_eq!(
        parse_at(
            "The Al-Udeid base, located southwest of Doha, is the largest American base in the \
             region and hosts more than 10,000 U.S. troops.",
            "hosts"
        ),
        "0, subject Al-Udeid (coordinated verb), object U.S.; clauses: [0 Main: The Al-Udeid \
         base,] [1 Relative: located southwest of Doha,] [0 Main: is the largest American base in \
         the region and hosts more than 10,000 U.S. troops.]"
    );
}

#[test]
fn a_possessive_before_a_title_joins_the_person_to_a_coordinated_subject() {
    assert_eq!(
        parse_at(
            "Russian President Vladimir Putin and North Korea's leader Kim Jong Un met on \
             Wednesday.",
            "met"
        ),
        "0, subject Vladimir Putin + Kim Jong Un, object none; clauses: [0 Main: Russian \
         President Vladimir Putin and North Korea's leader Kim Jong Un met on Wednesday.]"
    );
}

#[test]
fn the_owner_of_the_noun_before_an_infinitive_is_its_subject() {
    let parse = parse_at(
        "Pakistan rejected India's decision to suspend the Indus Waters Treaty.",
        "suspend",
    );
    assert!(
        parse.starts_with("0, subject India (infinitive),"),
        "{parse}"
    );
}

#[test]
fn the_subject_of_a_giving_verb_is_the_agent_of_what_it_gives() {
    // Not the receiver, with or without a determiner and a compound
    // modifier between ("a one-year exemption"), titles before the name.
    assert_eq!(
        parse_at(
            "The president handed Prime Minister Aldo Quarnby a one-year exemption from the tariffs.",
            "exemption"
        ),
        "0, subject none, object none; clauses: [0 Main: The president handed Prime Minister \
         Aldo Quarnby a one-year exemption from the tariffs.]"
    );
    assert_eq!(
        parse_at(
            "Washington granted Kyiv permission to strike inside Russia.",
            "permission"
        ),
        "0, subject Washington, object none; clauses: [0 Main: Washington granted Kyiv \
         permission to strike inside Russia.]"
    );
    // A possessive before the noun is still its agent.
    assert_eq!(
        parse_at("Israel's strikes on Gaza killed two.", "strikes"),
        "0, subject Israel, object none; clauses: [0 Main: Israel's strikes on Gaza killed two.]"
    );
}

#[test]
fn an_adverb_after_and_keeps_the_coordinated_verb_subject() {
    assert_eq!(
        parse_at(
            "Washington cancelled a summit with Putin in Budapest and instead imposed sanctions on Russia.",
            "imposed"
        ),
        "0, subject Washington (coordinated verb), object none; clauses: [0 Main: Washington \
         cancelled a summit with Putin in Budapest and instead imposed sanctions on Russia.]"
    );
}

#[test]
fn a_telling_verb_reports_from_that_past_its_addressee() {
    assert_eq!(
        parse_at(
            "Trump told his Ukrainian counterpart Volodymyr Zelensky that he would not send Tomahawk missiles.",
            "send"
        ),
        "1, subject Trump (reporter), object Tomahawk; clauses: [0 Main: Trump told his Ukrainian \
         counterpart Volodymyr Zelensky that] [1 Reported: he would not send Tomahawk missiles.]"
    );
}

#[test]
fn a_list_of_nouns_before_comma_and_opens_no_clause() {
    // "supplies" reads like a verb, but it ends the list "fuel, spare
    // parts, and medical supplies".
    assert_eq!(
        parse_at(
            "Egypt allowed on Sunday two lorries carrying fuel, spare parts, and medical supplies into Gaza.",
            "allowed"
        ),
        "0, subject Egypt, object none; clauses: [0 Main: Egypt allowed on Sunday two lorries \
         carrying fuel, spare parts, and medical supplies into Gaza.]"
    );
    // A clause before the comma still lets ", and" open one.
    assert_eq!(
        parse_at(
            "Russia sent tanks to Belarus, and the US deployed jets to Poland.",
            "deployed"
        ),
        "1, subject US, object none; clauses: [0 Main: Russia sent tanks to Belarus,] \
         [1 Main: and the US deployed jets to Poland.]"
    );
}

#[test]
fn for_governs_an_infinitive_only_right_before_it() {
    assert_eq!(
        parse_at(
            "A Ukrainian delegation departed for Riyadh on Sunday to resume talks with Russia.",
            "talks"
        ),
        "0, subject Ukrainian, object none; clauses: [0 Main: A Ukrainian delegation departed \
         for Riyadh on Sunday to resume talks with Russia.]"
    );
}

#[test]
fn a_past_that_takes_no_object_is_no_reduced_relative() {
    // "responded" after two commas is the subject's verb, so the name in
    // the apposition before it is no subject.
    assert_eq!(
        parse_at(
            "India, attributing the attack to The Resistance Front, an offshoot of the \
             Pakistan-based Lashkar-e-Taiba, responded swiftly by deploying its aircraft \
             carrier, INS Vikrant, into the Arabian Sea.",
            "deploying"
        ),
        "0, subject India (by gerund), object aircraft carrier; clauses: [0 Main: India,] \
         [1 Subordinate: attributing the attack to The Resistance Front,] [0 Main: an offshoot \
         of the Pakistan-based Lashkar-e-Taiba, responded swiftly by deploying its aircraft \
         carrier, INS Vikrant, into the Arabian Sea.]"
    );
}

#[test]
fn the_owner_of_a_plan_governed_by_a_preposition_acts_in_its_infinitive() {
    // "reacting to [Israel's plan] to take control": "to" governs the
    // whole phrase, and the possessor still does what the plan says.
    let out = parse_at(
        "Berlin froze the licences, reacting to Israel's plan to take control of Rafah.",
        "take control of",
    );
    assert!(out.starts_with("1, subject Israel (infinitive)"), "{out}");
}

#[test]
fn an_adverb_may_stand_between_to_and_its_verb() {
    let out = parse_at(
        "Cairo condemned Israel's decision to fully occupy Rafah.",
        "occupy",
    );
    assert!(out.starts_with("0, subject Israel (infinitive)"), "{out}");
}

#[test]
fn with_a_name_and_a_participle_make_a_clause_of_their_own() {
    let out = parse_at(
        "Tensions rose after Eritrea called up reservists, with Ethiopia reportedly moving troops to the border.",
        "moving",
    );
    assert!(out.contains("subject Ethiopia (with clause)"), "{out}");
}

#[test]
fn a_capitalised_organ_before_of_stands_for_its_state() {
    let out = parse_at(
        "The Transitional Government of Sudan and the SPLM-N signed a ceasefire in Juba.",
        "signed",
    );
    assert!(out.starts_with("0, subject Sudan"), "{out}");
}

#[test]
fn lawmakers_in_a_place_are_the_subject_they_stand_for() {
    let out = parse_at(
        "Lawmakers in Croatia's parliament voted to restore conscription.",
        "restore",
    );
    assert!(out.contains("subject Croatia"), "{out}");
}

#[test]
fn a_name_governed_by_a_preposition_right_before_a_gerund_is_its_subject() {
    let out = parse_at(
        "Moscow closed the border in retaliation for Finland joining NATO.",
        "joining",
    );
    assert!(out.contains("subject Finland (gerund)"), "{out}");
}

#[test]
fn an_infinitive_coordinated_with_one_before_shares_its_subject() {
    let out = parse_at(
        "Egypt and Qatar urged Israel to keep the Rafah crossing open and to allow aid trucks into Gaza.",
        "allow",
    );
    assert!(
        out.contains("subject Israel (coordinated infinitive)"),
        "{out}"
    );
}

#[test]
fn a_present_tense_after_a_noun_phrase_makes_the_report() {
    let out = parse_at(
        "Japan's defence ministry said the planned deal includes twelve missiles for Manila.",
        "deal",
    );
    assert!(
        out.ends_with(
            "clauses: [0 Main: Japan's defence ministry said] \
             [1 Reported: the planned deal includes twelve missiles for Manila.]"
        ),
        "{out}"
    );
}

#[test]
fn an_event_claimed_is_the_object_of_the_claim_not_a_report() {
    let out = parse_at(
        "Across northern Mali, JNIM claimed attacks on army posts and the town of Boni last week.",
        "attacks",
    );
    assert_eq!(
        out,
        "0, subject JNIM, object none; clauses: [0 Main: Across northern Mali, JNIM claimed \
         attacks on army posts and the town of Boni last week.]"
    );
}

#[test]
fn the_comma_of_an_opening_phrase_ends_no_list() {
    let out = parse_at(
        "Despite protests in Moscow, Ilham Aliyev and Nikol Pashinyan have signed a peace deal.",
        "signed",
    );
    assert!(
        out.starts_with("0, subject Ilham Aliyev + Nikol Pashinyan"),
        "{out}"
    );
}
