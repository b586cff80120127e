//! Elaboration: an attack told without its side right after one that names
//! it ("Iran fired missiles at Israel. One missile slammed into a block in
//! Tel Aviv") takes that side and target; an agreement told without its
//! parties takes them from the context, and forces sent to a town by no
//! named side are its state's. Specification: a weapon told by its class
//! ("drones") is the one named weapon of that class told nearby. Texts
//! written for evex.

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

/// The document's last event, as [`events`] writes it.
fn last_event(text: &str) -> String {
    events(text).pop().unwrap_or_default()
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
            // A capital struck is where ("on Friday and Iran" puts
            // nothing "on" Iran); its state is whom (`struck_state`).
            "ATTACK Israel|Iran||Tehran",
            "ATTACK Iran|Israel||Tel Aviv",
            "ATTACK ||drones|Haifa",
        ]
    );
    // One side: its strike on a city of that state names the state hit.
    assert_eq!(
        events("Iran struck Tel Aviv on Friday. A drone hit a school in Haifa."),
        [
            "ATTACK Iran|Israel||Tel Aviv",
            "ATTACK Iran|Israel|drones|Haifa"
        ]
    );
}

/// A deal told without its parties takes those of the talks told before,
/// else the two parties named last before it in its sentence; a lone party
/// makes no agreement.
#[test]
fn an_agreement_without_parties_takes_them_from_the_context() {
    assert_eq!(
        events(
            "Thailand and Cambodia held talks in Kuala Lumpur on Monday. Fighting has \
             tested the truce agreed in Putrajaya in July."
        ),
        [
            "NEGOTIATION Thailand|Cambodia||Kuala Lumpur",
            "NEGOTIATION Thailand|Cambodia||Putrajaya",
        ]
    );
    assert_eq!(
        events(
            "Myanmar's army retook Lashio after the MNDAA withdrew under a ceasefire agreed \
             in Kunming in January."
        ),
        [
            "ATTACK Myanmar|||Lashio",
            "NEGOTIATION Myanmar National Democratic Alliance Army|Myanmar||Kunming",
        ]
    );
    assert_eq!(
        events("The rebels have broken a ceasefire agreed in Kunming in January."),
        Vec::<String>::new()
    );
}

/// A gerund told in a later sentence is an act of its own, not more of the
/// strikes told before: the strikes keep their own place.
#[test]
fn a_gerund_in_a_later_sentence_is_its_own_attack() {
    assert_eq!(
        events(
            "Thailand launched air strikes with F-16 jets on Cambodian positions on Thursday. \
             Cambodia accused Thai forces of shelling villages in Oddar Meanchey province."
        ),
        [
            "ATTACK Thailand|Cambodia|F-16|Cambodia",
            "ATTACK Thailand|Cambodia||Oddar Meanchey",
        ]
    );
}

/// An attack told on another weekday than the one before is another
/// attack, not more of the first.
#[test]
fn an_attack_on_another_day_is_its_own() {
    assert_eq!(
        events(
            "The Houthis attacked the Eternity C with drone boats on Wednesday. On Sunday the \
             group struck the Magic Seas off the port of Hodeidah."
        ),
        ["ATTACK Houthis||drones|", "ATTACK Houthis|||Hodeidah",]
    );
}

/// Forces sent to a town by no named side are its state's own; to a state
/// they may be anyone's.
#[test]
fn forces_sent_to_a_town_by_no_named_side_are_its_states() {
    assert_eq!(
        events("Some 5,000 soldiers had been sent to Cucuta, officials said."),
        ["DEPLOYMENT Colombia|||Cúcuta"]
    );
    assert_eq!(
        events("Some 2,000 soldiers had been sent to Haiti, officials said."),
        ["DEPLOYMENT |||Haiti"]
    );
}

/// A named warship sent by no named side is its own navy's, and sent to a
/// sea it is no arms transfer.
#[test]
fn a_named_warship_sent_by_no_named_side_is_its_navys() {
    assert_eq!(
        events("The aircraft carrier USS Gerald R. Ford would be sent to the Caribbean."),
        ["DEPLOYMENT United States||USS Gerald R. Ford|Caribbean"]
    );
}

// Specification (`src/specify.rs`).

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
        last_event(
            "Mali bought Bayraktar Akinci and Bayraktar TB2 aircraft from Turkey. On \
             Sunday, Malian army drones struck a rebel camp near Kidal."
        ),
        "ATTACK Mali||drones|Kidal"
    );
}

#[test]
fn a_named_weapon_of_another_class_is_not_the_one_meant() {
    assert_eq!(
        last_event(
            "Mali bought Bayraktar Akinci aircraft from Turkey. On Sunday, Malian \
             artillery shelled a rebel camp near Kidal."
        ),
        "ATTACK Mali||artillery|Kidal"
    );
}

#[test]
fn any_kind_of_missile_is_one_of_the_missiles() {
    assert_eq!(
        last_event(
            "Russia fired Kalibr cruise missiles from the Black Sea on Monday. Russian \
             missiles struck a power plant in Odesa."
        ),
        "ATTACK Russia|Ukraine|Kalibr|Odesa"
    );
}

#[test]
fn a_named_ship_is_one_vessel_told_after_its_class() {
    // The carrier is not one of the destroyers sent.
    assert_eq!(
        last_event(
            "Washington kept the carrier USS Dwight D. Eisenhower in the Gulf and is \
             sending two more destroyers to the region."
        ),
        "DEPLOYMENT United States||warships|Persian Gulf"
    );
    assert_eq!(
        events(
            "Washington has sent four warships, including the destroyer USS Gravely, \
             to the Caribbean."
        ),
        ["DEPLOYMENT United States||USS Gravely|Caribbean"]
    );
}

#[test]
fn loitering_munitions_are_drones() {
    assert_eq!(
        last_event(
            "Russia launched dozens of Shahed drones overnight. Russian drones struck \
             an energy facility in Odesa."
        ),
        "ATTACK Russia|Ukraine|Shahed|Odesa"
    );
}

#[test]
fn one_warship_is_the_ship_named_in_the_next_sentence() {
    assert_eq!(
        events(
            "Britain sent a warship to the Red Sea on Monday. The destroyer HMS \
             Diamond will escort merchant ships."
        )[0],
        "DEPLOYMENT United Kingdom||HMS Diamond|Red Sea"
    );
}

/// A strike by one state's side on a place in another state is aimed at
/// that state; on the actor's own soil the place names no one hit.
#[test]
fn a_strike_on_a_place_abroad_targets_the_state_that_holds_it() {
    assert_eq!(
        events("Ukrainian drones set fire to an oil refinery in Ryazan overnight."),
        ["ATTACK Ukraine|Russia|drones|Ryazan"]
    );
    assert_eq!(
        events("Hezbollah fired 30 rockets at Kiryat Shmona on Monday."),
        ["ATTACK Hezbollah|Israel|rockets|Kiryat Shmona"]
    );
    // A village no gazetteer lists lies in its region's state.
    assert_eq!(
        events("Russian forces shelled the village of Tavilzhanka in the Kharkiv region."),
        ["ATTACK Russia|Ukraine||Tavilzhanka"]
    );
    // Its own soil: whom the junta's jets hit the place does not say.
    assert_eq!(
        events("Myanmar's military bombed a village in Sagaing on Sunday."),
        ["ATTACK Myanmar|||Sagaing"]
    );
    // A target named stays.
    assert_eq!(
        events("Israel struck Hezbollah positions in southern Lebanon."),
        ["ATTACK Israel|Hezbollah||Lebanon"]
    );
}

/// A sanction told by who imposed it takes its target from the sentence
/// after it that lists whom it hits; a sanction told there with no actor
/// and that target is the same one.
#[test]
fn a_sanction_takes_its_target_from_the_list_that_follows() {
    assert_eq!(
        events(
            "The U.S. Treasury sanctioned two companies on Tuesday. The sanctioned \
             entities are Rosoboronexport and a firm in Dubai."
        ),
        ["SANCTION United States|Rosoboronexport||"]
    );
    assert_eq!(
        events(
            "Washington announced new sanctions on Thursday. The action targets money \
             networks. The measures include sanctions against Rosoboronexport."
        ),
        ["SANCTION United States|Rosoboronexport||"]
    );
    // A sentence that lists nothing gives no target.
    assert_eq!(
        events(
            "The U.S. Treasury sanctioned two companies on Tuesday. Rosoboronexport \
             said it would appeal."
        ),
        ["SANCTION United States|||"]
    );
}

/// A sanction on a state's firms hits the company named right after it,
/// not the state; a company of another state is not one of its firms.
#[test]
fn a_sanction_on_a_states_firms_hits_the_company_named_next() {
    assert_eq!(
        events(
            "China sanctioned 10 US defense firms on Thursday over their work for Taipei. \
             Subsidiaries of Lockheed Martin were added to the list."
        ),
        ["SANCTION China|Lockheed Martin||"]
    );
    assert_eq!(
        events(
            "China sanctioned nine U.S. defense firms. Affected firms include Tarsel \
             Avionics Corporation."
        ),
        ["SANCTION China|Tarsel Avionics Corporation||"]
    );
    // A state's sanction told on the state itself keeps it.
    assert_eq!(
        events(
            "China imposed sanctions on the United States. Lockheed Martin said it would comply."
        ),
        ["SANCTION China|United States||"]
    );
    // Firms of one state, a company of another: the state stays.
    assert_eq!(
        events(
            "China sanctioned 10 US defense firms on Thursday. Rosoboronexport was not \
             among them."
        ),
        ["SANCTION China|United States||"]
    );
}

/// Arms told without their recipient go to the one other state their
/// sentence names; not when it names two.
#[test]
fn arms_without_a_recipient_go_to_the_one_other_state_named() {
    assert_eq!(
        events(
            "While the US decided not to provide Tomahawk missiles, Ukrainian President \
             Zelensky called the meeting positive."
        ),
        ["ARMS_TRANSFER United States|Ukraine|Tomahawk|"]
    );
    assert_eq!(
        events(
            "While the US decided not to provide Tomahawk missiles, Ukrainian and Polish \
             officials called the meeting positive."
        ),
        ["ARMS_TRANSFER United States||Tomahawk|"]
    );
    // Sanctions too.
    assert_eq!(
        events(
            "The US Treasury imposed new sanctions on Thursday, targeting networks that ship \
             Iranian oil."
        ),
        ["SANCTION United States|Iran||"]
    );
    assert_eq!(
        events(
            "The US Treasury imposed new sanctions on Thursday, targeting networks that ship \
             Iranian and Russian oil."
        ),
        ["SANCTION United States|||"]
    );
}

/// An event told with no weapon takes the one weapon the sentence after it
/// names; not an air defence for a strike, nor one of two weapons.
#[test]
fn the_sentence_after_names_the_weapon() {
    assert_eq!(
        events(
            "Israel launched airstrikes targeting Houthi-held ports at Hodeidah. The \
             military released footage of F-16s conducting the operation."
        ),
        ["ATTACK Israel|Houthis|F-16|Hodeidah"]
    );
    assert_eq!(
        events("Russia struck Kyiv overnight. A Patriot battery protected the city centre."),
        ["ATTACK Russia|Ukraine||Kyiv"]
    );
    // A new paragraph is a new topic.
    assert_eq!(
        events(
            "Israel launched airstrikes targeting Houthi-held ports at Hodeidah.\n\nThe \
             military released footage of F-16s over the sea."
        ),
        ["ATTACK Israel|Houthis||Hodeidah"]
    );
    assert_eq!(
        events(
            "Israel launched airstrikes targeting Houthi-held ports at Hodeidah. The \
             military released footage of F-16s and F-35s over the sea."
        ),
        ["ATTACK Israel|Houthis||Hodeidah"]
    );
}

/// Talks told with no place take the one place their sentence names after
/// "in" or "at"; not one of two, nor the place of another event.
#[test]
fn talks_take_the_one_place_their_sentence_names() {
    assert_eq!(
        events(
            "Defence Minister Rustem Umerov said a prisoner exchange was discussed during \
             talks with the Russian delegation, which ended in Istanbul on Friday."
        ),
        ["NEGOTIATION Rustem Umerov|Russia||Istanbul"]
    );
    assert_eq!(
        events(
            "Defence Minister Rustem Umerov said a prisoner exchange was discussed during \
             talks with the Russian delegation, which ended in Istanbul, officials in Kyiv said."
        ),
        ["NEGOTIATION Rustem Umerov|Russia||"]
    );
    assert_eq!(
        events(
            "India, which closed its border after a bombing killed 12 people in Amritsar \
             in May, has ruled out talks with Islamabad."
        ),
        ["ATTACK |||Amritsar", "NEGOTIATION India|Pakistan||"]
    );
}

/// A hit told again by a definite subject with no side named tells where
/// the attack before it hit: one row, at the narrower place.
#[test]
fn a_definite_hit_narrows_the_attack_told_before() {
    assert_eq!(
        events(
            "Ukrainian drones targeted one of the largest oil refineries in Russia overnight. \
             Russian officials confirmed the damage on Sunday. The drones struck the Kirishi \
             refinery in Russia's Leningrad region."
        ),
        ["ATTACK Ukraine|Russia|drones|Kirishi"]
    );
}

/// An event told again with its place ("… signed the treaty in Canberra")
/// gives that place to the first telling when the two name one party.
#[test]
fn a_retelling_with_its_place_gives_the_place() {
    assert_eq!(
        events(
            "Australia and Papua New Guinea have signed a defence treaty. Prime \
             Minister Anthony Albanese and the leader of Papua New Guinea signed the \
             treaty in Canberra on Monday."
        ),
        ["NEGOTIATION Australia|Papua New Guinea||Canberra"]
    );
    // Another party's signing elsewhere is not that place.
    assert_eq!(
        events(
            "Australia and Papua New Guinea have signed a defence treaty. The leader \
             of Fiji signed a separate treaty in Suva on Monday."
        ),
        ["NEGOTIATION Australia|Papua New Guinea||"]
    );
}

/// Talks are held where a party travels to hold them.
#[test]
fn talks_take_the_place_a_party_travels_to() {
    assert_eq!(
        events("A Ukrainian delegation departed for Riyadh on Sunday to resume talks with Russia."),
        ["NEGOTIATION Ukraine|Russia||Riyadh"]
    );
}

/// A report of a barrage may list its hits over a paragraph: the side of
/// the barrage reaches three sentences on.
#[test]
fn a_hit_three_sentences_after_the_barrage_is_that_sides() {
    assert_eq!(
        last_event(
            "Iran fired ballistic missiles at Israel overnight. Sirens sounded across the \
             north of the country. Rescue teams worked through the night. In Holon, a \
             missile hit a residential building."
        ),
        "ATTACK Iran|Israel|missiles|Holon"
    );
}

/// A go-between glued to "-brokered" or "-mediated" is no side of the
/// agreement it brought about (the guidelines: mediators are not parties).
#[test]
fn a_mediator_is_no_party_of_an_agreement_without_parties() {
    assert_eq!(
        events(
            "M23 fighters seized a town near Uvira despite a US-brokered ceasefire agreed in Doha."
        ),
        ["ATTACK M23|||Uvira"]
    );
}

/// A place in an opening phrase of concession is not where the talks were.
#[test]
fn a_place_in_an_opening_concession_is_not_the_events() {
    assert_eq!(
        events(
            "Despite protests in Moscow, Ilham Aliyev and Nikol Pashinyan have signed a peace deal."
        ),
        ["NEGOTIATION Ilham Aliyev|Nikol Pashinyan||"]
    );
}
