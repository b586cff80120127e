//! References and acronyms: "the country", "his country", "the system",
//! "their attacks" and a document's own acronyms ("… Philippines (AFP)")
//! become mentions of what they name, and fill event roles like names.
//! Texts written for evex.

use evex::{AliasKind, Config, Document, Pipeline};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// The document's events as `TYPE actor|target|weapon|location`.
fn events(text: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.events
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.event_type,
                roles(e, &["actor", "target", "weapon", "location"])
            )
        })
        .collect()
}

/// The event's fillers of `slots`, `|`-joined (empty for an empty slot).
fn roles(e: &evex::Event, slots: &[&str]) -> String {
    slots
        .iter()
        .map(|r| e.role(r).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("|")
}

/// The document's mentions as `text → canonical (form)`, references and
/// the mentions of `only` alone (references to an entity the text never
/// names included, which fill roles but are not written to entities.csv).
fn mentions(text: &str, only: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.mentions
        .iter()
        .filter(|m| {
            m.kind == AliasKind::Reference || &text[m.start as usize..m.end as usize] == only
        })
        .map(|m| (m, PIPELINE.entity(&out, m)))
        .map(|(m, e)| {
            format!(
                "{} → {} ({})",
                &text[m.start as usize..m.end as usize],
                e.canonical,
                e.form
            )
        })
        .collect()
}

#[test]
fn the_country_is_the_state_the_text_is_about_not_the_nearest() {
    let text = "Ukraine announced power cuts on Monday. This followed a massive \
                Russian attack that damaged the country's energy grid.";
    assert_eq!(mentions(text, ""), ["the country → Ukraine (reference)"]);
}

#[test]
fn his_country_is_the_state_of_the_person_named_before() {
    let text = "Russian President Vladimir Putin said his country would deploy \
                tactical nuclear weapons in Belarus.";
    assert_eq!(mentions(text, ""), ["his country → Russia (reference)"]);
    assert_eq!(events(text), ["DEPLOYMENT Russia||nuclear weapons|Belarus"]);
}

#[test]
fn the_system_is_the_weapon_named_last() {
    let text = "Russia first tested the Oreshnik missile in 2024. Ukrainian \
                intelligence said the system was later used by Russia against Dnipro.";
    assert_eq!(mentions(text, ""), ["the system → Oreshnik (reference)"]);
    // A city alone is where the attack hit; the state that holds it is
    // whom (`struck_state`).
    assert_eq!(events(text), ["ATTACK Russia|Ukraine|Oreshnik|Dnipro"]);
}

#[test]
fn a_demonym_before_a_group_head_is_the_armed_group_of_that_state() {
    let text = "Hezbollah denied any role. Israel said the Lebanese militant group \
                fired 20 rockets at Kiryat Shmona.";
    assert_eq!(
        mentions(text, "Lebanese"),
        [
            "Lebanese → Lebanon (demonym)",
            "group → Hezbollah (reference)"
        ]
    );
    assert_eq!(
        events(text),
        ["ATTACK Hezbollah|Israel|rockets|Kiryat Shmona"]
    );
    // No group of that state named before, or a group that is no armed
    // group: the demonym stands alone.
    let text = "Israel said the Lebanese group fired 20 rockets at Kiryat Shmona.";
    assert!(mentions(text, "").is_empty());
    let text = "HTS fighters entered Hama. The Syrian monitoring group said 20 people died.";
    assert!(mentions(text, "").is_empty());
}

#[test]
fn the_system_with_no_weapon_before_it_is_no_reference() {
    let text = "The electoral commission said the system had failed in Lagos.";
    assert!(mentions(text, "").is_empty());
}

#[test]
fn a_pronoun_before_a_trigger_names_the_party_before_it() {
    let text = "The Houthis rely on smuggling networks to sustain their reckless \
                attacks against commercial ships.";
    assert_eq!(mentions(text, ""), ["their → Houthis (reference)"]);
    assert_eq!(events(text), ["ATTACK Houthis|||"]);
    // Not before a trigger: no reference.
    let text = "Niger said it would close its airspace to French aircraft.";
    assert!(mentions(text, "").is_empty());
}

#[test]
fn a_defined_acronym_wins_over_the_gazetteer() {
    let text = "The Armed Forces of the Philippines (AFP) welcomed the plan. AFP \
                spokesperson Maria Santos said more training was needed.";
    assert_eq!(
        mentions(text, "AFP"),
        [
            "AFP → Armed Forces of the Philippines (name)",
            "AFP → Armed Forces of the Philippines (name)"
        ]
    );
    // Without the definition, AFP is the news agency.
    assert_eq!(
        mentions("AFP reported the plan on Monday.", "AFP"),
        ["AFP → Agence France-Presse (name)"]
    );
}

#[test]
fn an_acronym_defined_after_an_unknown_name_loses_its_gazetteer_meaning() {
    // MSS is China's Ministry of State Security in the gazetteer; this
    // text defines it as a mission no gazetteer or pattern knows.
    let text = "Kenyan police joined the Multinational Security Support (MSS) mission \
                in Haiti. Chad also plans to send personnel to the MSS contingent.";
    assert!(
        mentions(text, "MSS").is_empty(),
        "{:?}",
        mentions(text, "MSS")
    );
    let text = "The Multinational Security Support (MSS) mission began in June. \
                Chad will send personnel to the MSS contingent.";
    assert!(mentions(text, "MSS").is_empty());
    assert_eq!(
        mentions("China's MSS arrested two officials.", "MSS"),
        ["MSS → Ministry of State Security (name)"]
    );
}

#[test]
fn an_acronym_keeps_its_gazetteer_meaning_when_the_text_spells_that_name() {
    // The gazetteer lists the Rwanda Defence Force (RDF); the text spells
    // it with the demonym, which is the same name.
    let text = "With support from the Rwandan Defence Force (RDF), the M23 seized Goma. \
                The RDF denied it.";
    assert_eq!(
        mentions(text, "RDF"),
        [
            "RDF → Rwanda Defence Force (name)",
            "RDF → Rwanda Defence Force (name)"
        ]
    );
}

#[test]
fn a_defined_acronym_of_an_unlisted_name_fills_roles() {
    let text = "Fighters of the Kivu Liberation Front (KLF) crossed the border. \
                The army said KLF fighters attacked a police post in Goma.";
    assert_eq!(events(text), ["ATTACK Kivu Liberation Front|||Goma"]);
}

#[test]
fn an_undefined_acronym_spells_a_name_mentioned_before() {
    let text = "Fighters of the Allied Democratic Forces raided a village. The ADF \
                has killed hundreds this year.";
    assert_eq!(
        mentions(text, "ADF"),
        ["ADF → Allied Democratic Forces (name)"]
    );
    let text = "The People's Defence Force said local PDFs had taken the town.";
    assert_eq!(
        mentions(text, "PDFs"),
        ["PDFs → People's Defence Force (name)"]
    );
    // A name spelled out before the letters wins over the gazetteer's
    // other meaning of them (MSS: China's Ministry of State Security).
    let text = "Gangs attacked Multinational Security Support mission personnel. \
                The UN authorized the MSS mission in 2023.";
    assert_eq!(
        mentions(text, "MSS"),
        ["MSS → Multinational Security Support Mission (name)"]
    );
    // Two letters spell no person.
    assert!(mentions("Anwar Ibrahim spoke about AI on Monday.", "AI").is_empty());
    // Letters that spell no name named before stay what they were: nothing.
    assert!(mentions("The ADF has killed hundreds this year.", "ADF").is_empty());
}

#[test]
fn a_credit_or_a_dateline_is_no_definition() {
    for text in [
        "The talks in the United Arab Emirates (AP) ended. AP reported more talks.",
        "ABU DHABI (AP) — The talks ended. AP reported more talks.",
    ] {
        assert_eq!(
            mentions(text, "AP"),
            [
                "AP → Associated Press (name)",
                "AP → Associated Press (name)"
            ],
            "{text}"
        );
    }
}

#[test]
fn an_indefinite_mention_in_a_later_sentence_is_a_new_event() {
    let text = "Russia launched drones at Poland on Tuesday. On Friday, Romania \
                reported a Russian drone incursion.";
    assert_eq!(
        events(text),
        [
            "ATTACK Russia|Poland|drones|Poland",
            "ATTACK Russia|Romania|drones|Romania"
        ]
    );
    // In its own sentence, it is the same event.
    let text = "The US killed a top Iranian general in a drone strike at Baghdad airport.";
    assert_eq!(
        events(text),
        ["ATTACK United States|Iran|drones|Baghdad airport"]
    );
}

#[test]
fn a_state_as_location_gives_way_to_a_place_inside_it() {
    let text = "Russia's Defence Ministry said 49 Ukrainian drones had been downed \
                over the country overnight, including 25 in the southern Rostov region.";
    assert_eq!(events(text), ["ATTACK Ukraine|Russia||Rostov"]);
    // A capital standing for its state is no place to narrow to.
    let text = "Washington feared that letting Ukraine strike into Russian territory \
                would embroil the US in a war with Moscow.";
    assert!(
        events(text).iter().all(|e| !e.ends_with("|Moscow")),
        "{:?}",
        events(text)
    );
}

#[test]
fn the_military_is_the_armed_forces_named_last() {
    let text = "Israeli forces raided the Jenin refugee camp overnight. The military \
                then struck the gunmen with a drone.";
    assert_eq!(
        mentions(text, ""),
        ["The military → Israel Defense Forces (reference)"]
    );
    assert_eq!(
        events(text),
        // A camp is a place, not a party: no target (guidelines §3).
        ["ATTACK Israel||drones|Jenin refugee camp"]
    );
    // With no armed forces named, the state the text is about.
    assert_eq!(
        mentions(
            "Kenya said on Monday that the talks had failed. The military said nothing.",
            ""
        ),
        ["The military → Kenya (reference)"]
    );
}

#[test]
fn the_parliament_is_the_legislature_named_in_words() {
    let text = "The bill was debated in the Ukrainian parliament on Monday. The \
                parliament adopted the law on Friday.";
    assert_eq!(
        mentions(text, ""),
        ["The parliament → Verkhovna Rada (reference)"]
    );
    // Enacting a law, the legislature acts as itself, as the dev set has
    // it (`LEGISLATURE_ACTS`).
    assert_eq!(events(text), ["POLICY_CHANGE Verkhovna Rada|||"]);
}

#[test]
fn the_government_is_left_alone() {
    let text = "Kenya said on Monday that the talks had failed. The government then \
                imposed sanctions on two Somali airlines.";
    assert!(mentions(text, "").is_empty());
}

#[test]
fn a_pronoun_after_several_parties_names_none_of_them() {
    // "their" is Russia and Ukraine together: no single antecedent.
    let text = "Delegations of Russia and Ukraine concluded their meeting in Istanbul \
                on Friday.";
    assert!(mentions(text, "").is_empty(), "{:?}", mentions(text, ""));
}

#[test]
fn a_header_split_by_pipes_is_not_part_of_the_sentence() {
    // The dateline and the agency are not the subject of "concluded".
    let text = "ISTANBUL, TURKEY | Xinhua | Delegations of Russia and Ukraine \
                concluded their meeting in Istanbul on Friday, agreeing to hold a \
                new round of negotiations.";
    assert_eq!(events(text), ["NEGOTIATION Russia|Ukraine||Istanbul"]);
}

#[test]
fn a_reference_to_an_entity_the_text_never_names_is_not_reported() {
    let text = "Israeli forces struck a school in Gaza. The military said it targeted militants.";
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    let reported: Vec<&str> = PIPELINE
        .entities(&out)
        .map(|(m, _)| &text[m.start as usize..m.end as usize])
        .collect();
    assert!(!reported.contains(&"The military"), "{reported:?}");
    assert!(
        out.mentions
            .iter()
            .any(|m| &text[m.start as usize..m.end as usize] == "The military")
    );
}

#[test]
fn the_army_named_by_reference_is_never_a_location() {
    assert_eq!(
        events(
            "BEIRUT, June 5 - Israeli jets struck the southern suburbs of Beirut late on Thursday \
             after the army issued evacuation warnings for several buildings."
        ),
        ["ATTACK Israel|Lebanon||Beirut"]
    );
}

#[test]
fn a_legislature_and_its_state_report_one_act() {
    assert_eq!(
        events(
            "Russia's Duma voted to revoke the country's ratification of the \
             Comprehensive Nuclear-Test-Ban Treaty."
        ),
        ["POLICY_CHANGE State Duma|||"]
    );
}

#[test]
fn the_junta_is_the_state_whose_junta_was_named() {
    // The French troops are named last, but the regime is Niger's.
    let text = "Niger's ruling junta ordered French troops out of the country \
                last year. The regime then signed a security pact with Russia.";
    assert_eq!(
        mentions(text, ""),
        [
            "the country → Niger (reference)",
            "The regime → Niger (reference)"
        ]
    );
    assert_eq!(events(text), ["NEGOTIATION Niger|Russia||"]);
}

#[test]
fn the_junta_with_no_junta_named_is_the_salient_state() {
    let text = "Myanmar's army has stepped up air strikes on rebel-held towns. \
                The junta bombed a monastery in Sagaing on Friday.";
    assert_eq!(mentions(text, ""), ["The junta → Myanmar (reference)"]);
}

#[test]
fn them_after_a_trigger_is_the_armed_group_of_the_sentence_before() {
    let text = "Al-Shabaab fighters overran a military base in Middle Shabelle. \
                Somali forces struck them with drones the next day.";
    assert_eq!(mentions(text, ""), ["them → Al-Shabaab (reference)"]);
    assert_eq!(
        events(text),
        [
            "ATTACK Al-Shabaab|||Middle Shabelle",
            "ATTACK Somalia|Al-Shabaab|drones|"
        ]
    );
}

#[test]
fn them_with_no_other_party_in_its_sentence_is_left_alone() {
    // "them" is the ships, and the sentence names nobody who acts but
    // "They", the subject of the sentence before.
    let text = "The Houthis fired missiles at two cargo ships in the Red Sea. \
                They vowed to keep targeting them.";
    assert_eq!(mentions(text, ""), ["They → Houthis (reference)"]);
}

#[test]
fn the_rebel_group_is_the_armed_group_named_before() {
    let text = "M23 fighters entered Uvira on Monday. The rebel group, which denies \
                foreign backing, had seized Goma in January.";
    assert_eq!(mentions(text, ""), ["The rebel group → M23 (reference)"]);
}

#[test]
fn a_group_that_claims_an_attack_names_its_actor() {
    let text = "Gunmen attacked an army post in Kaya on Sunday, killing 12 soldiers. \
                JNIM said it carried out the attack.";
    assert_eq!(events(text), ["ATTACK JNIM|Burkina Faso||Kaya"]);
}

#[test]
fn a_definite_mention_adds_no_second_row_once_it_narrowed_the_first() {
    let text = "Israel carried out air strikes across southern Lebanon on Tuesday. \
                The strikes hit the town of Nabatieh, killing three people.";
    assert_eq!(events(text), ["ATTACK Israel|Lebanon||Nabatieh"]);
}

#[test]
fn a_plan_reported_with_a_time_between_is_asserted() {
    let out = PIPELINE.process(&Document::new(
        "t",
        "Egypt said on Monday it would allow aid trucks into Gaza through Rafah.".to_string(),
    ));
    let modality: Vec<&str> = out.events.iter().map(|e| &*e.modality).collect();
    assert_eq!(modality, ["asserted"]);
}

#[test]
fn a_title_after_a_possessive_introduces_the_person_in_apposition() {
    let text = "The RSF shelled El Fasher on Sunday. The European Union then sanctioned \
                the group's leader, Mohamed Hamdan Dagalo.";
    let evs = events(text);
    assert!(
        evs.iter()
            .any(|e| e.starts_with("SANCTION European Union|Mohamed Hamdan Dagalo|")),
        "{evs:?}"
    );
}

#[test]
fn an_attribution_after_a_comma_reports_with_its_own_name_only() {
    // "diplomats" is no name: the EU, before the comma, does not report
    // the clause, so it may still impose the sanctions.
    let text = "The EU has not agreed on new sanctions against Israel, diplomats said.";
    assert_eq!(events(text), ["SANCTION European Union|Israel||"]);
}

#[test]
fn the_two_sides_are_the_last_two_parties_joined_by_and() {
    let text = "Congo and Rwanda have traded accusations over the offensive. \
                Qatar said it would host talks between the two sides next month.";
    assert_eq!(
        mentions(text, ""),
        [
            "the two → Democratic Republic of the Congo (reference)",
            "sides → Rwanda (reference)"
        ]
    );
    assert_eq!(
        events(text),
        ["NEGOTIATION Democratic Republic of the Congo|Rwanda||"]
    );
}

#[test]
fn the_two_sides_are_not_the_mediators_named_last() {
    let text = "Pakistan and Afghanistan held talks in Doha mediated by Qatar and Turkey. \
                The two sides will meet again in Istanbul next week.";
    assert_eq!(
        mentions(text, ""),
        [
            "The two → Pakistan (reference)",
            "sides → Afghanistan (reference)"
        ]
    );
}

#[test]
fn the_two_leaders_are_people_and_a_demonym_before_a_title_is_not_a_party() {
    let text = "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President \
                Ilham Aliyev met in Abu Dhabi. The two leaders agreed to keep talking.";
    assert_eq!(
        mentions(text, ""),
        [
            "The two → Nikol Pashinyan (reference)",
            "leaders → Ilham Aliyev (reference)"
        ]
    );
    let text = "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President \
                Ilham Aliyev met in Abu Dhabi. Both sides praised the talks.";
    assert_eq!(
        mentions(text, ""),
        [
            "Both → Nikol Pashinyan (reference)",
            "sides → Ilham Aliyev (reference)"
        ]
    );
}

#[test]
fn both_countries_as_a_subject_act_as_the_pair() {
    let text = "Iran and the United States held indirect talks in Oman on Saturday. \
                Araghchi said both countries had agreed to meet again next week.";
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    let rows: Vec<String> = out
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {}|{} {}",
                e.event_type,
                e.role("actor").unwrap_or(""),
                e.role("target").unwrap_or(""),
                e.modality
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "NEGOTIATION Iran|United States asserted",
            "NEGOTIATION Iran|United States hedged"
        ]
    );
}

#[test]
fn a_pair_word_with_no_pair_named_before_is_no_reference() {
    let text = "Qatar said both sides must respect the truce.";
    assert!(mentions(text, "").is_empty());
}

#[test]
fn the_area_is_the_place_named_last_not_a_state() {
    let text = "Rebels attacked Bunia in eastern Congo on Monday. Uganda sent \
                500 soldiers to the area on Tuesday.";
    assert_eq!(mentions(text, ""), ["the area → Bunia (reference)"]);
    assert!(events(text).contains(&"DEPLOYMENT Uganda|||Bunia".to_string()));
}

#[test]
fn the_area_names_a_place_an_entity_pattern_found() {
    let text = "Gunmen attacked the village of Sabon Gari in northern Nigeria. \
                Nigeria's army sent 200 soldiers to the area.";
    assert!(events(text).contains(&"DEPLOYMENT Nigeria|||Sabon Gari".to_string()));
}

#[test]
fn there_after_a_trigger_is_the_place_named_last() {
    let text = "Britain opened a new base in Estonia in March, and 900 British \
                soldiers will be stationed there.";
    assert_eq!(mentions(text, ""), ["there → Estonia (reference)"]);
    // "there were": existential, no place.
    let text = "A drone struck a market in Kherson, and after the attack there \
                were no reports of casualties.";
    assert_eq!(mentions(text, ""), Vec::<String>::new());
}

#[test]
fn letters_glued_to_a_hyphen_are_a_designation_not_an_acronym() {
    // "HQ-29" is a Chinese interceptor, not the initials of "Haj Qassem".
    let text = "Iran showed the Haj Qassem missile. China showed the HQ-29 interceptor.";
    assert!(mentions(text, "HQ").is_empty());
}

#[test]
fn the_town_is_the_town_named_last_not_its_region() {
    let text = "Jihadists attacked an army post in the town of Aguelhok in the \
                Kidal region on Friday. Malian jets later bombed positions near \
                the town.";
    assert_eq!(mentions(text, ""), ["the town → Aguelhok (reference)"]);
    // "the area" may still be the region.
    let text = "Fighting was reported in the Kidal region on Friday. The junta sent \
                troops to the area.";
    assert_eq!(
        mentions(text, ""),
        [
            "The junta → Mali (reference)",
            "the area → Kidal (reference)"
        ]
    );
}

#[test]
fn a_persons_government_is_the_persons_state() {
    assert_eq!(
        events(
            "President William Ruto's government approved the deployment of 400 police officers to Haiti."
        ),
        ["DEPLOYMENT Kenya|||Haiti"]
    );
}

#[test]
fn bare_government_forces_are_the_state_named_in_the_sentence_or_the_salient_one() {
    assert_eq!(
        mentions(
            "In Sudan, government negotiators and the RSF met in Jeddah.",
            ""
        ),
        ["government → Sudan (reference)"]
    );
    assert_eq!(
        events(
            "JUBA, March 3 (Reuters) - South Sudan's army chief was replaced on Sunday. \
             Government forces shelled the town of Mayom on Friday, the SPLM-IO said."
        ),
        ["ATTACK South Sudan|||Mayom"]
    );
}

#[test]
fn an_unlisted_organ_after_a_states_possessive_acts_for_the_state() {
    assert_eq!(
        events(
            "Ghana's Strategic Procurement Council cleared the purchase of 12 Super Tucano aircraft from Brazil."
        ),
        ["ARMS_TRANSFER Brazil|Ghana|A-29 Super Tucano|"]
    );
}

#[test]
fn a_federal_or_interim_government_is_the_state_whose_government_was_named() {
    assert_eq!(
        mentions(
            "Gunmen killed 20 people in Plateau state in Nigeria. \
             The federal government deployed 500 soldiers to the area.",
            ""
        ),
        [
            "The federal government → Nigeria (reference)",
            "the area → Plateau State (reference)"
        ]
    );
    // "the government" alone still depends on who speaks.
    assert_eq!(
        mentions("Opposition leaders in Kenya criticised the government.", ""),
        [] as [&str; 0]
    );
}

#[test]
fn the_government_in_a_place_is_that_places_state() {
    assert_eq!(
        mentions(
            "The military-backed government in Port Sudan rejected the plan.",
            ""
        ),
        ["The military-backed government → Sudan (reference)"]
    );
    assert_eq!(
        events("The government in Kabul said it would not negotiate with the group."),
        ["NEGOTIATION Afghanistan|||"]
    );
}

#[test]
fn the_north_is_the_state_named_before_whose_name_it_begins() {
    assert_eq!(
        mentions(
            "North Korea tested a missile on Monday. Seoul said the North had also \
             moved troops. The South Atlantic was calm; the South said nothing.",
            ""
        ),
        ["the North → North Korea (reference)"]
    );
}

#[test]
fn a_group_head_after_a_patrons_compound_is_the_group_named_before() {
    assert_eq!(
        mentions(
            "Israel struck the Houthi-held port of Hodeidah. \
             Days earlier the Iran-backed rebels had sunk two ships in the Red Sea.",
            ""
        ),
        ["rebels → Houthis (reference)"]
    );
}

#[test]
fn its_skips_a_party_named_after_a_preposition() {
    // "in the Russian-led CSTO" is acted on; the second "its" is
    // Armenia's, and the two verbs of clauses joined by ", and" are two
    // acts, not one told twice.
    let text = "Armenia has frozen its participation in the Russian-led CSTO, \
                and its parliament passed a law launching the process of joining \
                the European Union.";
    assert_eq!(mentions(text, ""), ["its → Armenia (reference)"]);
    assert_eq!(
        events(text),
        ["POLICY_CHANGE Armenia|||", "POLICY_CHANGE Armenia|||"]
    );
}

#[test]
fn a_patron_backed_government_is_the_state_the_text_is_about() {
    let text = "Drones struck a fuel depot in Port Sudan, Sudan, on Tuesday. The \
                army-backed government agreed to keep the Adré border crossing open \
                to UN aid convoys.";
    assert_eq!(
        mentions(text, ""),
        ["The army-backed government → Sudan (reference)"]
    );
}

#[test]
fn its_may_refer_to_a_reference_named_before_it() {
    // "The paramilitary group" (a reference to the RSF) is the subject;
    // "Sudan's army" after "with" is acted on.
    let text = "Drones launched by the Rapid Support Forces struck a depot in El Obeid. \
                The paramilitary group, which has been at war with Sudan's army since \
                2023, has stepped up its attacks on the city.";
    assert_eq!(
        mentions(text, "its"),
        [
            "The paramilitary group → Rapid Support Forces (reference)",
            "its → Rapid Support Forces (reference)",
            "the city → El Obeid (reference)"
        ]
    );
}

#[test]
fn armed_groups_count_for_the_state_whose_war_they_fight() {
    // China is named more often, but the TNLA's war is Myanmar's: "the
    // junta" is Myanmar's.
    let text = "China's leverage over Myanmar's armed groups is clear. After talks in \
                Kunming, the Ta'ang National Liberation Army agreed to a ceasefire with \
                the junta.";
    assert_eq!(mentions(text, ""), ["the junta → Myanmar (reference)"]);
}

#[test]
fn he_or_she_before_a_trigger_is_the_person_named_first_in_the_sentence_before() {
    let text = "Claudia Sheinbaum has resisted the pressure so far. In February she sent \
                10,000 troops to the northern border.";
    assert_eq!(mentions(text, ""), ["she → Claudia Sheinbaum (reference)"]);
    assert_eq!(events(text), ["DEPLOYMENT Claudia Sheinbaum|||"]);
    // A person in the pronoun's own sentence leaves it to the parse: the
    // reporter is who "he" is.
    let text = "Donald Trump spoke on Monday. Vladimir Putin said he would send troops to Belarus.";
    assert_eq!(mentions(text, ""), Vec::<String>::new());
    assert_eq!(events(text), ["DEPLOYMENT Vladimir Putin|||Belarus"]);
}

#[test]
fn an_actorless_mention_folds_into_the_next_sentence_mention_with_its_actor() {
    // One transfer (GUIDELINES §3): the passive names the recipient, the
    // next sentence the supplier; both name the F-16.
    let text = "The first F-16 jets should be delivered to Ukraine by summer, officials said. \
                Norway would deliver the F-16s within months.";
    assert_eq!(events(text), ["ARMS_TRANSFER Norway|Ukraine|F-16|"]);
}

#[test]
fn the_city_after_to_is_not_the_place_named_after_from() {
    let text = "Drones struck a market in El Obeid on Sunday. The army said it had sent \
                reinforcements from Kosti to the city on Monday.";
    assert_eq!(
        mentions(text, ""),
        [
            "The army → Sudan (reference)",
            "the city → El Obeid (reference)"
        ]
    );
}

#[test]
fn the_government_joined_to_an_armed_group_is_the_group_home_state() {
    let text = "Colombia's talks with the ELN have stalled. Officials cited a ceasefire \
                declaration that the government and the rebels signed in Doha.";
    assert_eq!(
        mentions(text, ""),
        [
            "the government → Colombia (reference)",
            "the rebels → ELN (reference)"
        ]
    );
    assert_eq!(events(text), ["NEGOTIATION Colombia|ELN||Doha"]);
}

#[test]
fn the_government_after_a_framing_state_is_that_state() {
    let text = "Somali government troops pulled out of Adan Yabaal. In neighbouring \
                Ethiopia, the federal government has pressed on with a drone campaign \
                against Fano militias in the Amhara region.";
    // Troops that pull out are moved (rule `deployment.withdraw-self`).
    assert_eq!(
        events(text),
        [
            "DEPLOYMENT Somalia|||",
            "ATTACK Ethiopia|Fano|drones|Amhara"
        ]
    );
}

#[test]
fn overlapping_triggers_of_one_type_are_one_event() {
    // "arms sales" and "sales" are one mention, whatever quantity each
    // rule reads.
    let text = "The State Department approved eight arms sales to Taiwan worth about \
                $11.1 billion, including HIMARS launchers.";
    assert_eq!(events(text), ["ARMS_TRANSFER United States|Taiwan|HIMARS|"]);
}

#[test]
fn a_sea_off_a_state_coast_makes_no_target_of_the_state() {
    let text = "Ukraine's SBU said its Sea Baby naval drones had struck two tankers off \
                Turkey's Black Sea coast.";
    assert_eq!(events(text), ["ATTACK Ukraine||Sea Baby|Black Sea"]);
}

#[test]
fn it_before_a_trigger_is_the_subject_of_the_sentence_before() {
    let text = "Al-Shabaab fighters seized the town of Belvar on Wednesday. Last month \
                it tried to kill the governor with a roadside bomb in Mogadishu.";
    assert_eq!(mentions(text, "it"), ["it → Al-Shabaab (reference)"]);
    // Not the possessor of the subject, and not "it is".
    let text = "The European Union's new sanctions package bans imports of Russian gas. \
                It also targets two refineries in China.";
    assert!(mentions(text, "It").is_empty());
    let text = "Hamas fighters attacked an Israeli post. It is unclear who fired first.";
    assert!(mentions(text, "It").is_empty());
}

#[test]
fn its_after_a_time_and_that_is_the_reporter_s() {
    let text = "Ukraine's SBU said on Saturday that its Sea Baby drones had struck two \
                tankers off Turkey's coast.";
    assert_eq!(events(text), ["ATTACK Ukraine||Sea Baby|Turkey"]);
}

#[test]
fn a_participle_after_a_subordinator_takes_the_verb_before_its_object() {
    // "after bombing" shares the subject of "hit", past the object and a
    // day; and a demonym before a verb does not introduce the state after
    // the verb.
    let text = "Israeli jets hit Syria's ministry in Damascus on Wednesday after bombing \
                tanks near Sweida city.";
    let out = events(text);
    assert!(
        out.iter().all(|e| e.starts_with("ATTACK Israel|")),
        "{out:?}"
    );
    assert_eq!(out.len(), 2, "{out:?}");
}

#[test]
fn the_site_is_the_place_named_before() {
    let text = "U.N. inspectors have not been back to Fordow since U.S. B-2 bombers \
                struck the site in June.";
    assert_eq!(events(text), ["ATTACK United States|Iran|B-2|Fordow"]);
}

#[test]
fn the_agency_is_the_organisation_whose_name_ends_in_agency() {
    let text = "Iran suspended cooperation with the International Atomic Energy Agency in \
                July. Tehran must resume talks with the agency by the end of August.";
    assert_eq!(
        mentions(text, "the agency"),
        ["the agency → International Atomic Energy Agency (reference)"]
    );
}

#[test]
fn it_is_left_alone_after_a_reference_and_they_never_names_a_state() {
    // "The military" names the party; "it" is the parse's.
    let text = "U.N. aid chief Tom Fletcher called it a drop in the ocean. The military \
                said it had launched ground operations in Khan Younis.";
    assert!(
        mentions(text, "it").is_empty(),
        "{:?}",
        mentions(text, "it")
    );
    let text = "Seoul spotted 13,000 containers at the port of Najin. They could have \
                carried arms for Russia.";
    assert!(
        mentions(text, "They").is_empty(),
        "{:?}",
        mentions(text, "They")
    );
}

#[test]
fn the_area_names_a_place_two_sentences_back() {
    assert_eq!(
        events(
            "ELN rebels launched an offensive in the Catatumbo region last week. About 80 \
             people have been killed. Gustavo Petro has ordered thousands of troops to the area."
        ),
        [
            "ATTACK ELN|||Catatumbo",
            "DEPLOYMENT Gustavo Petro|||Catatumbo"
        ]
    );
}

#[test]
fn the_region_never_names_a_city() {
    // Hodeidah, a city, is not "the region": the carrier has no place.
    assert_eq!(
        events(
            "US and British warplanes struck Houthi targets, including a radar near the port of \
             Hodeidah, the Pentagon said. \"These strikes are meant to degrade the Houthis,\" a \
             spokeswoman said. Washington has kept the aircraft carrier USS Dwight D. \
             Eisenhower in the region since November."
        ),
        ["ATTACK United States|Houthis|fighter jets|Hodeidah"]
    );
}

#[test]
fn its_after_a_participle_is_the_subject_s() {
    // Not Damascus, the object before it, standing for Syria.
    assert_eq!(
        events("Israel bombed Damascus on Wednesday, widening its strikes on Syrian forces."),
        [
            "ATTACK Israel|Syria||Damascus",
            "ATTACK Israel|Syria||Syria"
        ]
    );
}

#[test]
fn the_group_is_not_the_owner_named_in_an_apposition() {
    assert_eq!(
        events(
            "JNIM, al-Qaeda's affiliate in the Sahel, said its fighters overran a base in \
             Djibo. The group has also stepped up attacks in western Mali."
        ),
        ["ATTACK JNIM|Burkina Faso||Djibo", "ATTACK JNIM|Mali||Mali"]
    );
}

#[test]
fn who_reports_both_governments_is_no_side_of_the_pair() {
    assert_eq!(
        events(
            "Thailand launched air strikes on Cambodian positions on Thursday. Malaysia's prime \
             minister, Anwar Ibrahim, said both governments had agreed in principle to meet in \
             Kuala Lumpur."
        ),
        [
            "ATTACK Thailand|Cambodia||Cambodia",
            "NEGOTIATION Thailand|Cambodia||Kuala Lumpur"
        ]
    );
}

#[test]
fn the_capital_after_a_demonym_or_possessive_is_that_states_capital() {
    assert_eq!(
        events("Pakistani air strikes on the Afghan capital killed three people."),
        ["ATTACK Pakistan|Afghanistan||Kabul"]
    );
    assert_eq!(
        events("Russian drones struck Ukraine's capital on Sunday."),
        ["ATTACK Russia|Ukraine|drones|Kyiv"]
    );
    assert_eq!(
        mentions("Russian drones struck Ukraine's capital on Sunday.", ""),
        ["capital → Kyiv (reference)"]
    );
    // The name after it is its own mention; "the capital of" names none.
    assert_eq!(
        mentions(
            "Drones hit the Ukrainian capital Kyiv and the capital of Mali.",
            ""
        ),
        Vec::<String>::new()
    );
}

#[test]
fn its_opening_a_sentence_is_the_party_the_sentence_before_was_about() {
    assert_eq!(
        events(
            "JNIM has laid siege to the town of Kayes since May. Its fighters have \
             repeatedly ambushed convoys escorted by Malian soldiers."
        )
        .last()
        .map(String::as_str),
        Some("ATTACK JNIM|Mali||")
    );
}

#[test]
fn the_country_after_states_joined_by_and_is_neither_of_them() {
    // Both attackers are named in the sentence; the country attacked is the
    // other state the text is about.
    let text = "Iranian officials condemned U.S. and Israeli attacks on the \
                country's nuclear sites.";
    assert_eq!(mentions(text, ""), ["the country → Iran (reference)"]);
    let text = "Iranian officials condemned Israeli attacks on the country's \
                nuclear sites.";
    assert_eq!(mentions(text, ""), ["the country → Iran (reference)"]);
}

#[test]
fn the_group_is_the_armed_group_named_most_not_the_last_named() {
    let text = "Bogota declared an emergency after an offensive by ELN rebels in \
                the Catatumbo region. The ELN fighters targeted former FARC \
                members in Tibu. Petro suspended peace talks with the group.";
    assert!(
        events(text).contains(&"NEGOTIATION Gustavo Petro|ELN||".to_string()),
        "{:?}",
        events(text)
    );
}

#[test]
fn both_sides_are_the_pair_named_most_not_the_outsiders_named_last() {
    let text = "Thailand and Cambodia agreed to a ceasefire in Putrajaya after days of pressure \
                from Washington and Beijing. Cambodian Prime Minister Hun Manet thanked \
                Malaysia, and Thailand's foreign ministry welcomed the deal. Military \
                commanders from both sides are due to meet on Tuesday.";
    let out = events(text);
    assert_eq!(
        out.last().map(String::as_str),
        Some("NEGOTIATION Thailand|Cambodia||")
    );
}

#[test]
fn the_group_may_take_two_lower_case_words_before_its_head() {
    let text = "The Arakan Army said the junta bombed Kyauktaw. The ethnic armed group, which \
                controls most of Rakhine, is pressing an offensive on Kyaukphyu.";
    assert_eq!(
        events(text),
        [
            "ATTACK Myanmar|||Kyauktaw",
            "ATTACK Arakan Army|||Kyaukphyu"
        ]
    );
}

#[test]
fn its_after_an_attack_noun_and_on_is_the_subject_state_not_the_attackers() {
    assert_eq!(
        events(
            "Iran suspended cooperation with the IAEA in the wake of Israeli and U.S. strikes \
             on its nuclear sites."
        )
        .last()
        .map(String::as_str),
        Some("ATTACK Israel|Iran||")
    );
    assert_eq!(
        events(
            "Iran fired missiles at Al Udeid Air Base in Qatar in retaliation for Washington's \
             strikes on its nuclear sites."
        )
        .last()
        .map(|e| e.split('|').take(2).collect::<Vec<_>>().join("|")),
        Some("ATTACK United States|Iran".to_string())
    );
}

#[test]
fn the_paramilitary_is_the_armed_group_named_before() {
    let text = "The Rapid Support Forces took El Fasher on Sunday. \
                Burhan has repeatedly ruled out talks with the paramilitary.";
    assert_eq!(
        mentions(text, ""),
        ["the paramilitary → Rapid Support Forces (reference)"]
    );
    // Before a name it describes that name and refers to nothing.
    let text = "The army blamed the strikes on the paramilitary Rapid Support Forces.";
    assert_eq!(mentions(text, ""), Vec::<String>::new());
}

#[test]
fn the_country_of_a_sentence_about_a_leader_is_the_leaders() {
    // The text is mostly about the United States; Maduro's sentence, with
    // no state of its own, means his country.
    let text = "The United States sent warships to the Caribbean, the U.S. Navy said. \
                Washington says the buildup targets drug boats. \
                Maduro has ordered a massive deployment of troops across the country.";
    assert_eq!(mentions(text, ""), ["the country → Venezuela (reference)"]);
}

#[test]
fn the_two_sides_of_a_sentence_naming_two_states_are_those() {
    // The pair joined by "and" two sentences back is Pakistan and
    // Afghanistan; the truce is India's and Pakistan's.
    let text = "Pakistan and Afghanistan agreed to a ceasefire in Doha on Sunday. \
                Markets fell on the news. \
                In May, India struck nine sites in Pakistan before the two sides agreed a truce on May 10.";
    assert_eq!(
        mentions(text, ""),
        [
            "the two → India (reference)",
            "sides → Pakistan (reference)"
        ]
    );
}

#[test]
fn the_generals_are_the_junta() {
    let text = "Myanmar's military bombed villages in Shan state. \
                Aid groups said the generals had refused to let relief convoys through.";
    assert_eq!(mentions(text, ""), ["the generals → Myanmar (reference)"]);
}

#[test]
fn they_after_states_named_together_as_a_subject_is_the_first_of_them() {
    let text = "The leaders of Mali, Burkina Faso and Niger met in Niamey on Saturday. \
                They agreed to deploy a joint force of 5,000 soldiers.";
    assert_eq!(mentions(text, "They"), ["They → Mali (reference)"]);
    assert_eq!(
        events(text),
        ["NEGOTIATION Mali|Niger||Niamey", "DEPLOYMENT Mali|||"]
    );
    // A state named alone is "it", not "they".
    let text = "Mali closed its border in May. They agreed to deploy troops.";
    assert!(mentions(text, "They").is_empty());
}

#[test]
fn a_capitalised_head_that_goes_on_in_capitals_begins_a_name() {
    let text = "Pakistan tested a missile on Monday. The launch was overseen by the Army \
                Strategic Forces Command.";
    assert!(mentions(text, "the Army").is_empty());
    let text = "Pakistan tested a missile on Monday. The Army said the test succeeded.";
    assert_eq!(
        mentions(text, "The Army"),
        ["The Army → Pakistan (reference)"]
    );
}

#[test]
fn his_before_an_event_noun_is_the_one_person_named_before() {
    let text = "Donald Trump described his call with Russian President Vladimir Putin \
                as productive.";
    assert_eq!(mentions(text, ""), ["his → Donald Trump (reference)"]);
    assert_eq!(events(text), ["NEGOTIATION Donald Trump|Vladimir Putin||"]);
    // Two people before it: whose call is not told.
    let text = "Zelensky met Trump a day after his call with Vladimir Putin.";
    assert!(mentions(text, "").iter().all(|m| !m.starts_with("his")));
}

/// The document's NEGOTIATION rows as `actor|target|location|modality`.
fn talks(text: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.events
        .iter()
        .filter(|e| &*e.event_type == "NEGOTIATION")
        .map(|e| {
            format!(
                "{}|{}",
                roles(e, &["actor", "target", "location"]),
                e.modality
            )
        })
        .collect()
}

#[test]
fn talks_told_again_with_something_new_take_the_parties_told_before() {
    let text = "Donald Trump and Vladimir Putin met in Alaska in August. \
                A second summit in Budapest was called off on Tuesday.";
    assert_eq!(
        talks(text),
        [
            "Donald Trump|Vladimir Putin|Alaska|asserted",
            "Donald Trump|Vladimir Putin|Budapest|negated"
        ]
    );
}

#[test]
fn talks_told_again_with_nothing_new_add_no_row() {
    let text = "Russia and Ukraine held talks in Istanbul on Friday. \
                The meeting lasted less than two hours.";
    assert_eq!(talks(text), ["Russia|Ukraine|Istanbul|asserted"]);
}

#[test]
fn talks_told_again_after_two_pairs_of_parties_are_nobody_s() {
    let text = "Russia and Ukraine met in Istanbul. Israel and Hamas met in Doha. \
                The next meeting was postponed.";
    assert_eq!(
        talks(text),
        [
            "Russia|Ukraine|Istanbul|asserted",
            "Israel|Hamas|Doha|asserted"
        ]
    );
}

#[test]
fn an_act_told_at_an_earlier_time_is_another_event() {
    // "last Friday": sanctions before the ones reported; "This" is a
    // pronoun, not the determiner of a definite mention.
    let text = "China imposed sanctions on 10 US defence firms on Thursday. \
                This follows sanctions announced last Friday on seven US companies.";
    assert_eq!(
        events(text),
        [
            "SANCTION China|United States||",
            "SANCTION |United States||"
        ]
    );
    // A year before the latest year the text names.
    let text = "Lithuania will withdraw from the convention in 2025, its parliament decided. \
                Lithuania joined the convention in 2011.";
    assert_eq!(
        events(text),
        ["POLICY_CHANGE Lithuania|||", "POLICY_CHANGE Lithuania|||"]
    );
}

#[test]
fn a_strike_told_without_its_actor_takes_the_one_just_named() {
    // At a place of its own, in the country attacked: the same side.
    let text = "US B-2 bombers struck Iran's Fordow site on Sunday. \
                Tomahawk missiles were fired against Isfahan.";
    assert_eq!(
        events(text),
        [
            "ATTACK United States|Iran|B-2|Fordow",
            "ATTACK United States|Iran|Tomahawk|Isfahan"
        ]
    );
    // In the attacker's own country: the other side's answer, no actor.
    let text = "Israel struck Iran's Fordow site on Sunday. Missiles later hit Tel Aviv.";
    assert_eq!(
        events(text),
        ["ATTACK Israel|Iran||Fordow", "ATTACK ||missiles|Tel Aviv"]
    );
}

#[test]
fn talks_told_again_at_another_place_are_other_talks_of_the_same_parties() {
    let text = "Pakistan and Afghanistan held talks in Istanbul on Monday. \
                Earlier talks in Doha produced a ceasefire.";
    assert_eq!(
        events(text),
        [
            "NEGOTIATION Pakistan|Afghanistan||Istanbul",
            "NEGOTIATION Pakistan|Afghanistan||Doha"
        ]
    );
}

#[test]
fn another_belongs_to_the_noun_not_to_the_verb_it_is_subject_of() {
    let text = "A drone attack struck a vehicle near Nabatiyeh, killing one person. \
                Another UAV strike hit a separate vehicle in Naqoura, killing another.";
    assert_eq!(
        events(text),
        ["ATTACK ||drones|Nabatieh", "ATTACK ||drones|Naqoura"]
    );
}

#[test]
fn a_capitalised_ministry_of_a_kind_is_that_states_ministry() {
    // Written as a name, the ministry is the gazetteer's row of it (which
    // stands for the state, so roles still take Japan) and is reported.
    let text = "Japan plans to deploy longer-range missiles. The Defense Ministry said \
                on Friday it would send them to Kumamoto.";
    assert_eq!(
        mentions(text, ""),
        ["The Defense Ministry → Japanese Defence Ministry (reference)"]
    );
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    let reported: Vec<&str> = out
        .mentions
        .iter()
        .filter(|m| PIPELINE.is_reported(&out, m))
        .map(|m| &text[m.start as usize..m.end as usize])
        .collect();
    assert!(reported.contains(&"The Defense Ministry"), "{reported:?}");
    // In lower case it is a description: the state, as before, and no
    // name of its own.
    let text = "Iran held a runoff on Friday. Pezeshkian won, the interior ministry said.";
    assert_eq!(
        mentions(text, ""),
        ["the interior ministry → Iran (reference)"]
    );
}

#[test]
fn a_legislature_enacting_a_policy_acts_as_itself_and_for_its_state_elsewhere() {
    // LEGISLATURE_ACTS: a law passed is the legislature's act; an arms sale
    // it approves is its state's.
    assert_eq!(
        events("The Verkhovna Rada passed a law lowering the conscription age on Tuesday."),
        ["POLICY_CHANGE Verkhovna Rada|||"]
    );
    assert_eq!(
        events("The US Congress approved the sale of F-16 jets to Turkey."),
        ["ARMS_TRANSFER United States|Turkey|F-16|"]
    );
}
