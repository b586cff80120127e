//! Default gazetteer facts and entity patterns seen from outside: islands,
//! straits, provinces under their English names, places that are also
//! names, and the patterns that find unlisted villages and units. Texts
//! written for evex.

use evex::{Config, Document, Pipeline};
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}")));

/// The document's reported entities as `TYPE canonical`, in text order.
fn entities(text: &str) -> Vec<String> {
    let out = PIPELINE.process(&Document::new("t", text.to_string()));
    out.mentions
        .iter()
        .filter(|m| PIPELINE.is_reported(&out, m))
        .map(|m| PIPELINE.entity(&out, m))
        .map(|e| format!("{} {}", e.entity_type, e.canonical))
        .collect()
}

fn has(text: &str, wanted: &str) -> bool {
    entities(text).iter().any(|e| e == wanted)
}

#[test]
fn islands_straits_and_reefs_are_places() {
    let text = "Japan will base missiles on Kyushu and Yonaguni, near the Tsushima Strait.";
    for want in ["PLACE Kyushu", "PLACE Yonaguni", "PLACE Tsushima Strait"] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Chinese ships gathered at Sabina Shoal and Mischief Reef.";
    assert!(has(text, "PLACE Sabina Shoal"), "{:?}", entities(text));
    assert!(has(text, "PLACE Mischief Reef"), "{:?}", entities(text));
}

#[test]
fn provinces_have_their_english_names() {
    let text = "Troops moved from Oddar Meanchey to Gotland, Dalarna and Sulu.";
    for want in [
        "PLACE Oddar Meanchey",
        "PLACE Gotland",
        "PLACE Dalarna",
        "PLACE Sulu",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Separatists attacked Bamenda in Cameroon's North-West Region.";
    assert!(has(text, "PLACE Northwest Region"), "{:?}", entities(text));
}

#[test]
fn the_e3_is_a_group_of_states() {
    let text = "The E3 triggered the snapback of UN sanctions on Iran.";
    assert!(has(text, "ORG E3"), "{:?}", entities(text));
}

#[test]
fn a_city_that_is_also_a_surname_is_a_place_only_after_a_locative() {
    let text = "Federal forces were sent to Rosario and Mendoza.";
    assert!(has(text, "PLACE Rosario"), "{:?}", entities(text));
    assert!(has(text, "PLACE Mendoza"), "{:?}", entities(text));
    let text = "According to Mendoza, the cartel was weakened.";
    assert!(!has(text, "PLACE Mendoza"), "{:?}", entities(text));
}

#[test]
fn a_listed_place_may_begin_an_unlisted_village() {
    let text = "On 12 May, Russian forces shelled near Mali Burluk, Kharkiv, injuring a man.";
    assert!(has(text, "PLACE Mali Burluk"), "{:?}", entities(text));
    assert!(!has(text, "PLACE Mali"), "{:?}", entities(text));
    let text = "On 30 July, Russian forces shelled near Kupiansk-Vuzlovyi, Kharkiv.";
    assert!(has(text, "PLACE Kupiansk-Vuzlovyi"), "{:?}", entities(text));
}

#[test]
fn another_states_senate_is_not_the_us_senate() {
    let text = "The Paraguayan Senate approved the purchase of aircraft.";
    assert!(has(text, "ORG Senate of Paraguay"), "{:?}", entities(text));
    assert!(!has(text, "ORG U.S. Senate"), "{:?}", entities(text));
}

#[test]
fn units_airlines_and_fronts_are_organisations() {
    let text = "The Third Assault Brigade held Borova as Ethiopian Airlines resumed flights.";
    assert!(
        has(text, "ORG Third Assault Brigade"),
        "{:?}",
        entities(text)
    );
    assert!(has(text, "ORG Ethiopian Airlines"), "{:?}", entities(text));
    let text = "Militants hijacked the Jaffar Express near Quetta.";
    assert!(
        !entities(text).iter().any(|e| e.starts_with("PERSON")),
        "{:?}",
        entities(text)
    );
}

#[test]
fn lakes_and_the_west_philippine_sea_are_their_own_places() {
    let text = "Rebels reached Lake Tanganyika as ships patrolled the West Philippine Sea.";
    assert!(has(text, "PLACE Lake Tanganyika"), "{:?}", entities(text));
    assert!(
        has(text, "PLACE West Philippine Sea"),
        "{:?}",
        entities(text)
    );
    assert!(!has(text, "PLACE Tanganyika"), "{:?}", entities(text));
    assert!(!has(text, "PLACE Philippine Sea"), "{:?}", entities(text));
    let text = "Flights were diverted from Mitiga airport to Misrata.";
    assert!(has(text, "PLACE Misrata"), "{:?}", entities(text));
    assert!(
        !entities(text).iter().any(|e| e.contains("Flights")),
        "{:?}",
        entities(text)
    );
}

#[test]
fn border_guards_and_missions_are_organisations() {
    let text = "The Finnish Border Guard and KFOR said the KRG had not replied.";
    for want in [
        "ORG Finnish Border Guard",
        "ORG KFOR",
        "ORG Kurdistan Regional Government",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    assert!(!has(text, "PLACE Finland"), "{:?}", entities(text));
}

#[test]
fn the_us_before_the_state_department_is_the_country() {
    let text = "The US State Department said it was deeply concerned.";
    assert!(has(text, "PLACE United States"), "{:?}", entities(text));
    assert!(has(text, "ORG State Department"), "{:?}", entities(text));
}

#[test]
fn companies_are_found_by_their_kind_and_their_shares() {
    let text = "Greek shipping company Vrnak Maritime said the crew was safe. Shares of Hensoldt and Tarsvila rose.";
    assert!(has(text, "ORG Vrnak Maritime"), "{:?}", entities(text));
    assert!(has(text, "ORG Tarsvila"), "{:?}", entities(text));
    let text = "The Dayton Peace Agreement ended the war.";
    assert!(
        !entities(text).iter().any(|e| e.starts_with("PERSON")),
        "{:?}",
        entities(text)
    );
}

#[test]
fn conflict_places_of_2025_are_listed() {
    let text = "Strikes hit Naqoura, Khiam and the Nur Shams camp; troops massed at \
                Angoor Adda and in Kurram, Lakki Marwat and Sisaket.";
    for want in [
        "PLACE Naqoura",
        "PLACE Khiam",
        "PLACE Nur Shams",
        "PLACE Angoor Adda",
        "PLACE Kurram",
        "PLACE Lakki Marwat",
        "PLACE Sisaket",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Beijing said Manila had intruded into waters around Zhongye Dao.";
    assert!(has(text, "PLACE Thitu Island"), "{:?}", entities(text));
}

#[test]
fn banks_agencies_and_arms_makers_are_organisations() {
    let text = "Analysts at Goldman Sachs and the Bundesbank disagreed, Saba reported.";
    for want in [
        "ORG Goldman Sachs",
        "ORG Deutsche Bundesbank",
        "ORG Saba News Agency",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Shahed Aviation Industries designed the drone; Bumar-Łabędy builds the K2.";
    assert!(
        has(text, "ORG Shahed Aviation Industries"),
        "{:?}",
        entities(text)
    );
    assert!(has(text, "ORG Bumar-Łabędy"), "{:?}", entities(text));
    let text = "Fighters of the National Liberation Army attacked a base in Tibu.";
    assert!(has(text, "ORG ELN"), "{:?}", entities(text));
}

#[test]
fn an_amount_in_dollars_is_no_aircraft() {
    let text = "Australia will spend A$10 billion on frigates and fly A-10 jets.";
    assert_eq!(
        entities(text),
        ["PLACE Australia", "WEAPON A-10"],
        "{:?}",
        entities(text)
    );
}

#[test]
fn military_bases_are_places() {
    let text = "Rockets hit Ain al-Asad air base; jets flew from Hmeimim, Incirlik and \
                Nevatim, and inspectors asked to visit the Parchin military complex.";
    for want in [
        "PLACE Ain al-Asad",
        "PLACE Hmeimim",
        "PLACE Incirlik",
        "PLACE Nevatim",
        "PLACE Parchin",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    // A base named after a first name is no person ("Ain" is a given name).
    let text = "Drones targeted Ain al-Asad base in Anbar on Monday.";
    assert!(has(text, "PLACE Ain al-Asad"), "{:?}", entities(text));
    assert!(
        !entities(text).iter().any(|e| e.starts_with("PERSON")),
        "{:?}",
        entities(text)
    );
}

#[test]
fn a_region_written_with_a_lower_case_unit_word_is_found() {
    let text = "Boko Haram attacks continued in the Far North region of Cameroon.";
    assert!(has(text, "PLACE Far North Region"), "{:?}", entities(text));
}

#[test]
fn weapons_of_many_makers_and_their_variants_are_weapons() {
    let text = "The Marines fired NMESIS launchers, Sweden flew its ASC 890, also called \
                the Saab 340 AEW, and China sent a Y-9, a Y-8 and a KJ-2000 past the island.";
    for want in [
        "WEAPON NMESIS",
        "WEAPON ASC 890",
        "WEAPON Y-9",
        "WEAPON Y-8",
        "WEAPON KJ-2000",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    // A variant written with a glued suffix is the listed system.
    let text = "Warsaw took more FA-50PL jets and K2PL tanks; Tokyo scrambled F-15J fighters \
                and Islamabad showed the LY-80.";
    for want in ["WEAPON FA-50", "WEAPON K2", "WEAPON F-15", "WEAPON HQ-16"] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
}

#[test]
fn a_warship_named_after_a_place_is_no_place() {
    let text = "The Shandong carrier group sailed south while the frigate Admiral Grigorovich \
                entered the strait.";
    assert!(
        has(text, "WEAPON Shandong aircraft carrier"),
        "{:?}",
        entities(text)
    );
    assert!(
        has(text, "WEAPON Admiral Grigorovich"),
        "{:?}",
        entities(text)
    );
    assert!(!has(text, "PLACE Shandong"), "{:?}", entities(text));
    // The province is still a place.
    assert!(has("Floods hit Shandong on Monday.", "PLACE Shandong"));
}

#[test]
fn commands_agencies_and_shipyards_are_organisations() {
    let text = "US Forces Korea and US Forces Japan held drills; the Federal Government of \
                Somalia, the Defense Acquisition Program Administration, the Agency for Defense \
                Development, China Shipbuilding Industry Corporation, Pakistan Aeronautical \
                Complex, Heavy Industries Taxila, Poongsan, Huta Stalowa Wola, Excalibur Army \
                and Colt CZ were named, as was the Majeed Brigade.";
    for want in [
        "ORG United States Forces Korea",
        "ORG United States Forces Japan",
        "ORG Federal Government of Somalia",
        "ORG Defense Acquisition Program Administration",
        "ORG Agency for Defense Development",
        "ORG China Shipbuilding Industry Corporation",
        "ORG Pakistan Aeronautical Complex",
        "ORG Heavy Industries Taxila",
        "ORG Poongsan",
        "ORG Huta Stalowa Wola",
        "ORG Excalibur Army",
        "ORG Colt CZ Group",
        "ORG Majeed Brigade",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Naval Group builds Belharra frigates in Lorient; Mesko makes the Piorun, the \
                Yantar Shipyard built the frigate, Boeing sold the Harpoon Coastal Defense \
                System, and Hezbollah fired Burkan rockets.";
    for want in [
        "WEAPON FDI frigate",
        "ORG Mesko",
        "ORG Yantar Shipyard",
        "WEAPON Harpoon",
        "WEAPON Burkan",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    assert!(
        !entities(text).iter().any(|e| e.contains("Coastal Defense")),
        "{:?}",
        entities(text)
    );
    let text = "Sweden's FMV ordered guns from BAE Systems Bofors; the Kosovo Security Force \
                patrolled Zubin Potok; Somalia's NISA and Iraq's Federal Supreme Court spoke.";
    for want in [
        "ORG Swedish Defence Materiel Administration",
        "ORG BAE Systems Bofors",
        "ORG Kosovo Security Force",
        "PLACE Zubin Potok",
        "ORG National Intelligence and Security Agency",
        "ORG Federal Supreme Court",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Ships crossed the Timor Sea, the Arafura Sea and the Banda Sea.";
    for want in ["PLACE Timor Sea", "PLACE Arafura Sea", "PLACE Banda Sea"] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
}

#[test]
fn sahel_horn_and_caucasus_names_of_the_ninth_round() {
    let text = "JNIM said on Az-Zallaqa that it hit Nioro du Sahel; al-Shabaab's Andalus radio \
                said fighters crossed the Shabelle river; SAMIDRC troops left Goma; the OSCE \
                Minsk Group was dissolved and the Trump Route for International Peace and \
                Prosperity was announced; fighting spread to Babanusa.";
    for want in [
        "ORG Az-Zallaqa",
        "PLACE Nioro",
        "ORG Radio Andalus",
        "PLACE Shabelle River",
        "ORG SAMIDRC",
        "ORG OSCE Minsk Group",
        "PLACE Trump Route for International Peace and Prosperity",
        "PLACE Babanusa",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    for unwanted in ["PLACE Sahel", "PLACE Minsk", "ORG OSCE"] {
        assert!(!has(text, unwanted), "{unwanted} in {:?}", entities(text));
    }
    let text = "Officials of Turkey's National Intelligence Organisation attended. The \
                security firm run by Erik Prince flew drones. Tshisekedi met Kagame.";
    for want in [
        "ORG Turkish National Intelligence Organization",
        "PERSON Erik Prince",
        "PERSON Félix Tshisekedi",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
}

#[test]
fn places_in_lists_and_appositions_are_found() {
    let text = "Militants attacked Kayes, Tarsvila, Vrnak Dolyna, Niono and Sarvel on Tuesday. \
                Vrnak Tarsel, a frontline town near Kharkiv, came under fire.";
    for want in [
        "PLACE Tarsvila",
        "PLACE Vrnak Dolyna",
        "PLACE Sarvel",
        "PLACE Vrnak Tarsel",
    ] {
        assert!(has(text, want), "{want} missing in {:?}", entities(text));
    }
    let text = "Bara, a town in North Kordofan state, changed hands twice.";
    assert!(has(text, "PLACE Bara"), "{:?}", entities(text));
    let text = "The envoy thanked China and Ahmed Qadri for their help.";
    assert!(!has(text, "PLACE Ahmed Qadri"), "{:?}", entities(text));
}

#[test]
fn a_family_name_written_first_names_the_person_after_the_full_name() {
    let count = |text: &str, wanted: &str| entities(text).iter().filter(|e| *e == wanted).count();
    let text = "Lee Jae-myung met Xi Jinping in Gyeongju. Lee said the talks went well.";
    assert_eq!(
        count(text, "PERSON Lee Jae-myung"),
        2,
        "{:?}",
        entities(text)
    );
    // Only capitalised: "park" is no Park Jin.
    let text = "Park Jin visited a park in Seoul.";
    assert_eq!(count(text, "PERSON Park Jin"), 1, "{:?}", entities(text));
}

#[test]
fn a_nickname_marked_alone_names_its_person_but_a_shared_surname_waits() {
    let text = "The army chief said he may meet Hemedti in Cairo next week.";
    assert!(
        has(text, "PERSON Mohamed Hamdan Dagalo"),
        "{:?}",
        entities(text)
    );
    // "Dagalo" is also his brother's name: alone it names no one.
    let text = "Washington sanctioned a company owned by Dagalo.";
    assert!(
        !has(text, "PERSON Mohamed Hamdan Dagalo"),
        "{:?}",
        entities(text)
    );
    let text = "Lula called for talks on Monday.";
    assert!(
        has(text, "PERSON Luiz Inácio Lula da Silva"),
        "{:?}",
        entities(text)
    );
}
