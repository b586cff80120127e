//! Deterministic generator of news-like text and synthetic gazetteers for the
//! evex benchmarks.
//!
//! Shared by the criterion benches (`benches/stages.rs`, through `#[path]`)
//! and the `bench_gen` example (`scripts/bench/gen.rs`) that `scripts/bench.sh`
//! runs. Every sentence template below was written for these benchmarks; the
//! entity names are either names from evex's default gazetteers
//! ([`default_names`]) or invented by a syllable generator
//! ([`synth_gazetteer`]). No external randomness: the same seed always gives
//! the same bytes, on every machine.

#![allow(dead_code)]
// `*rng.pick(LIST)` copies a `&str` out of a `&[&str]`; without the `*`
// type inference fails, so the lint is wrong here.
#![allow(clippy::explicit_auto_deref)]

use std::collections::HashSet;
use std::fmt::Write as _;

/// SplitMix64: tiny, fast and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Entity types used by the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Place,
    Org,
    Weapon,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "PERSON",
            Kind::Place => "PLACE",
            Kind::Org => "ORG",
            Kind::Weapon => "WEAPON",
        }
    }
}

/// Surface forms to draw from, per type. Each inner `Vec` holds the forms of
/// one entity (canonical first, then aliases).
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub person: Vec<Vec<String>>,
    pub place: Vec<Vec<String>>,
    pub org: Vec<Vec<String>>,
    pub weapon: Vec<Vec<String>>,
}

impl Names {
    fn list(&self, k: Kind) -> &[Vec<String>] {
        match k {
            Kind::Person => &self.person,
            Kind::Place => &self.place,
            Kind::Org => &self.org,
            Kind::Weapon => &self.weapon,
        }
    }

    /// One mention: popular entities are mentioned far more often than the
    /// long tail (half of all picks come from the first 2% of each list).
    fn pick<'a>(&'a self, k: Kind, rng: &mut Rng) -> &'a str {
        let list = self.list(k);
        let head = (list.len() / 50).max(1);
        let forms = if rng.chance(0.5) {
            &list[rng.below(head)]
        } else {
            &list[rng.below(list.len())]
        };
        if forms.len() > 1 && rng.chance(0.3) {
            &forms[1 + rng.below(forms.len() - 1)]
        } else {
            &forms[0]
        }
    }
}

fn one(xs: &[&str]) -> Vec<Vec<String>> {
    xs.iter().map(|x| vec![x.to_string()]).collect()
}

/// Names that evex's default gazetteers know (for the criterion benches,
/// which run the default configuration).
pub fn default_names() -> Names {
    Names {
        person: one(&[
            "Vladimir Putin",
            "Volodymyr Zelensky",
            "Emmanuel Macron",
            "Olaf Scholz",
            "Xi Jinping",
            "Recep Tayyip Erdoğan",
            "Benjamin Netanyahu",
            "Sergei Lavrov",
            "Kim Jong Un",
            "Antony Blinken",
            "Keir Starmer",
            "Friedrich Merz",
            "Ursula von der Leyen",
            "Mark Rutte",
            "António Guterres",
            "Rafael Grossi",
            "Luiz Inácio Lula da Silva",
            "Narendra Modi",
            "Donald Trump",
            "Joe Biden",
        ]),
        place: one(&[
            "Russia",
            "Ukraine",
            "Kyiv",
            "Kharkiv",
            "Kursk",
            "Belarus",
            "Poland",
            "Germany",
            "France",
            "Türkiye",
            "Israel",
            "Gaza",
            "Iran",
            "Syria",
            "Damascus",
            "Beijing",
            "Taiwan",
            "North Korea",
            "Seoul",
            "Lithuania",
            "Odesa",
            "Dnipro",
            "Crimea",
            "Yemen",
            "Lebanon",
            "Baghdad",
            "Caracas",
            "Bogotá",
            "Kraków",
            "Malmö",
            "Düsseldorf",
            "São Paulo",
            "Zürich",
            "Brussels",
            "Washington",
            "Moscow",
            "Tehran",
            "Ankara",
            "Warsaw",
            "Berlin",
        ]),
        org: one(&[
            "NATO",
            "European Union",
            "United Nations",
            "Kremlin",
            "Pentagon",
            "Hamas",
            "Hezbollah",
            "Houthis",
            "Wagner Group",
            "Reuters",
            "Al Jazeera",
            "World Bank",
            "International Monetary Fund",
            "International Atomic Energy Agency",
            "UN Security Council",
            "European Commission",
        ]),
        weapon: one(&[
            "HIMARS",
            "Patriot",
            "F-16",
            "Storm Shadow",
            "Leopard 2",
            "Kalibr",
            "Iskander",
            "ATACMS",
            "Bayraktar TB2",
        ]),
    }
}

// ---------------------------------------------------------------------------
// Synthetic gazetteer

const ONSETS: &[&str] = &[
    "b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "z", "g", "h", "p", "f", "ch", "sh", "br",
    "dr", "kr", "st", "tr", "gr", "zh", "kh", "y", "j", "w", "ç",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ia", "ei", "é", "ï", "ü", "ö", "á",
];
const CODAS: &[&str] = &[
    "", "", "", "", "n", "r", "l", "s", "k", "v", "m", "nd", "rt", "sk",
];

fn capitalize(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Strips the few accents the syllable generator uses.
fn plain(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'é' => 'e',
            'É' => 'E',
            'ï' => 'i',
            'Ï' => 'I',
            'ü' => 'u',
            'Ü' => 'U',
            'ö' => 'o',
            'Ö' => 'O',
            'á' => 'a',
            'Á' => 'A',
            'ç' => 'c',
            'Ç' => 'C',
            c => c,
        })
        .collect()
}

/// A pronounceable invented word, capitalised, of 2 or 3 syllables; never
/// an ordinary English word of the templates (checked by the caller).
fn word(rng: &mut Rng) -> String {
    let mut w = String::new();
    let n = if rng.chance(0.7) { 2 } else { 3 };
    for i in 0..n {
        if i > 0 || rng.chance(0.8) {
            w.push_str(*rng.pick(ONSETS));
        }
        let v = rng.pick(VOWELS);
        // The accented vowels are rarer than their share of the table.
        if v.is_ascii() || rng.chance(0.25) {
            w.push_str(v);
        } else {
            w.push_str(&plain(v));
        }
        if i == n - 1 || rng.chance(0.3) {
            w.push_str(*rng.pick(CODAS));
        }
    }
    capitalize(&w)
}

fn acronym(words: &[&str]) -> Option<String> {
    let a: String = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| plain(&w.chars().next().unwrap().to_string()).chars().next())
        .collect();
    (3..=5).contains(&a.chars().count()).then_some(a)
}

/// One row of a synthetic gazetteer.
#[derive(Debug, Clone)]
pub struct SynthEntry {
    pub kind: Kind,
    pub canonical: String,
    pub aliases: Vec<String>,
    pub country: String,
    pub rank: u32,
}

const ORG_PATTERNS: &[&str] = &[
    "{W} Defence Corporation",
    "National Union of {W} Workers",
    "{W} Institute for Strategic Studies",
    "{W} Liberation Front",
    "{W} Holdings Group",
    "Bank of {W}",
    "{W} Daily",
    "{W} Broadcasting Company",
    "{W} People's Party",
    "Ministry of Defence of {W}",
    "{W} Energy Company",
    "{W} Red Crescent Society",
    "{W} Border Guard",
    "Movement for a Free {W}",
    "{W} Shipbuilding Works",
    "{W} Agency for Nuclear Research",
    "{W} and {W} Associates",
    "{W} Regional Council",
    "{W} Revolutionary Guard",
    "{W} Aerospace",
];
const PLACE_PATTERNS: &[&str] = &[
    "{W}",
    "{W}",
    "{W}",
    "Port {W}",
    "San {W}",
    "New {W}",
    "{W} Valley",
    "{W} Province",
    "{W}-sur-{W}",
    "Val d\u{2019}{W}",
    "{W} Heights",
    "Lake {W}",
    "{W} Islands",
    "North {W}",
    "{W}grad",
];
const WEAPON_CLASSES: &[&str] = &[
    "missile",
    "drone",
    "howitzer",
    "tank",
    "frigate",
    "fighter jet",
    "air defence system",
    "rocket launcher",
];

fn fill(pattern: &str, rng: &mut Rng) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut words = Vec::new();
    let mut rest = pattern;
    while let Some(i) = rest.find("{W}") {
        out.push_str(&rest[..i]);
        let w = word(rng);
        out.push_str(&w);
        words.push(w);
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    (out, words)
}

/// `n` synthetic entries: about 40% PERSON, 30% PLACE, 24% ORG, 6% WEAPON,
/// realistic multi-word names, about a third with one or two aliases
/// (spelling variants without accents, initials, acronyms, short designations).
/// Entry `i` does not depend on `n`, so the 20k gazetteer is the first 20k
/// rows of the 200k one.
pub fn synth_gazetteer(n: usize, seed: u64) -> Vec<SynthEntry> {
    let mut rng = Rng::new(seed);
    let banned: HashSet<String> = template_vocabulary();
    let mut seen: HashSet<String> = HashSet::with_capacity(n * 2);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let roll = rng.below(100);
        let country = {
            let a = (b'A' + rng.below(26) as u8) as char;
            let b = (b'A' + rng.below(26) as u8) as char;
            format!("{a}{b}")
        };
        let (kind, canonical, mut aliases, words) = if roll < 40 {
            let given = word(&mut rng);
            let family = word(&mut rng);
            let (canonical, words) = match rng.below(10) {
                0..=5 => (
                    format!("{given} {family}"),
                    vec![given.clone(), family.clone()],
                ),
                6 | 7 => {
                    let second = word(&mut rng);
                    (
                        format!("{given} {family}-{second}"),
                        vec![given.clone(), family.clone(), second],
                    )
                }
                8 => {
                    let middle = word(&mut rng);
                    let initial: String = middle.chars().take(1).collect();
                    (
                        format!("{given} {initial}. {family}"),
                        vec![given.clone(), middle, family.clone()],
                    )
                }
                _ => {
                    let part = *rng.pick(&["al-", "van ", "de ", "bin ", "O\u{2019}"]);
                    (
                        format!("{given} {part}{family}"),
                        vec![given.clone(), family.clone()],
                    )
                }
            };
            let mut aliases = Vec::new();
            if rng.chance(0.2) {
                let initial: String = given.chars().take(1).collect();
                aliases.push(format!("{initial}. {}", &canonical[given.len() + 1..]));
            }
            (Kind::Person, canonical, aliases, words)
        } else if roll < 70 {
            let (canonical, words) = fill(*rng.pick(PLACE_PATTERNS), &mut rng);
            let mut aliases = Vec::new();
            if rng.chance(0.15) {
                // A second transliteration.
                let alt = canonical
                    .replace("k", "q")
                    .replace("ou", "u")
                    .replace("ch", "tch");
                if alt != canonical {
                    aliases.push(alt);
                }
            }
            (Kind::Place, canonical, aliases, words)
        } else if roll < 94 {
            let (canonical, words) = fill(*rng.pick(ORG_PATTERNS), &mut rng);
            let mut aliases = Vec::new();
            let ws: Vec<&str> = canonical.split([' ', '-']).collect();
            if rng.chance(0.4)
                && let Some(a) = acronym(&ws)
            {
                aliases.push(a);
            }
            (Kind::Org, canonical, aliases, words)
        } else {
            let w = word(&mut rng);
            let letters: String = plain(&w).chars().take(2).collect::<String>().to_uppercase();
            let number = rng.range(2, 99);
            let designation = format!("{letters}-{number}");
            let canonical = format!("{designation} {w}");
            let mut aliases = vec![designation];
            if rng.chance(0.3) {
                aliases.push(format!("{w} {}", rng.pick(WEAPON_CLASSES)));
            }
            (Kind::Weapon, canonical, aliases, vec![w])
        };
        // Accentless spelling of names with accents, as news sources vary.
        let p = plain(&canonical);
        if p != canonical && rng.chance(0.5) {
            aliases.push(p);
        }
        if words.iter().any(|w| banned.contains(&w.to_lowercase())) {
            continue;
        }
        let key = plain(&canonical).to_lowercase();
        if !seen.insert(key) {
            continue;
        }
        aliases.retain(|a| a != &canonical);
        aliases.dedup();
        let rank = if rng.chance(0.1) {
            rng.range(1, 10) as u32
        } else {
            0
        };
        out.push(SynthEntry {
            kind,
            canonical,
            aliases,
            country,
            rank,
        });
    }
    out
}

/// The gazetteer as TSV (README.md, "Gazetteers").
pub fn gazetteer_tsv(entries: &[SynthEntry]) -> String {
    let mut s = String::with_capacity(entries.len() * 80);
    s.push_str("# Synthetic gazetteer for the evex benchmarks (scripts/bench/textgen.rs); invented names.\n");
    s.push_str("canonical\tid\ttype\taliases\trank\tcountry\n");
    for (i, e) in entries.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}\tsynth/{:06}\t{}\t{}\t{}\t{}",
            e.canonical,
            i + 1,
            e.kind.as_str(),
            e.aliases.join("|"),
            e.rank,
            e.country
        );
    }
    s
}

/// The mention lists for a corpus drawn from a synthetic gazetteer.
pub fn synth_names(entries: &[SynthEntry]) -> Names {
    let mut n = Names::default();
    for e in entries {
        let forms: Vec<String> = std::iter::once(e.canonical.clone())
            .chain(e.aliases.iter().cloned())
            .collect();
        match e.kind {
            Kind::Person => n.person.push(forms),
            Kind::Place => n.place.push(forms),
            Kind::Org => n.org.push(forms),
            Kind::Weapon => n.weapon.push(forms),
        }
    }
    n
}

// ---------------------------------------------------------------------------
// Text

/// Sentences with entity slots: {P} person, {L} place, {O} organisation,
/// {W} weapon; {N} a count, {M} an amount of money, {PCT} a percentage,
/// {D} a day, {Y} a year.
const SENTENCES: &[&str] = &[
    "{L} has deployed {N} troops to {L}, according to officials in {L}.",
    "\u{201c}We will not accept any further escalation,\u{201d} {P} told reporters in {L} on {D}.",
    "{O} said on {D} that {N} people had been evacuated from {L} after the flooding.",
    "Forces loyal to {P} attacked positions near {L} overnight, the {O} reported.",
    "{L} announced sanctions on {N} companies linked to {O}, freezing assets worth {M}.",
    "The talks between {P} and {P} in {L} ended without a joint statement.",
    "{L} agreed to supply {W} systems to {L} under a deal worth {M}.",
    "Drones struck a fuel depot in {L} early on {D}, the regional governor said.",
    "According to {O}, about {PCT} of the city\u{2019}s power grid was damaged in the strikes.",
    "{P}, a spokesperson for {O}, said the ministry \u{201c}would review every option.\u{201d}",
    "Officials in {L} said {N} {W} missiles were fired at {L} before dawn.",
    "{P} met {P} in {L} to discuss the ceasefire proposal drafted by {O}.",
    "Shares in {O} rose {PCT} after the company won a contract from {L}.",
    "{L} expelled {N} diplomats from {L} on {D}, accusing them of espionage.",
    "The {O} warned that talks on the grain corridor could collapse within weeks.",
    "{P} signed a decree authorising the transfer of {W} launchers to {L}.",
    "\u{201c}There is no military solution,\u{201d} said {P}, who chairs a committee at {O}.",
    "Hundreds of protesters gathered outside the embassy of {L} in {L} on {D}.",
    "{L} and {L} held joint naval exercises in the waters off {L}.",
    "A convoy carrying aid from {O} reached {L} after a delay of {N} days.",
    "{O} estimated that reconstruction in {L} would cost at least {M}.",
    "Troops from {L} were stationed near the border with {L} in {Y}.",
    "{P} accused {L} of violating the agreement reached in {L} last year.",
    "The {W} was first shown in public at a parade in {L} in {Y}.",
    "Negotiators from {L} and {O} resumed talks in {L} on {D}.",
    "{P} told {O} that {N} soldiers had been killed since the offensive began.",
    "Artillery shelled villages around {L}, killing {N} civilians, {O} said.",
    "{L} imposed a ban on exports of {W} components to {L}.",
    "In an interview with {O}, {P} said the government\u{2019}s priority was \u{201c}stability, not revenge.\u{201d}",
    "{L}\u{2019}s foreign ministry summoned the ambassador of {L} over the incident.",
    "Lawmakers in {L} voted {N} to {N} to extend the mandate of {O}.",
    "{P} and {P} will meet in {L} next week, aides to both leaders confirmed.",
    "Satellite images published by {O} showed {N} aircraft at an airbase near {L}.",
    "{L} launched a {W} from a site north of {L}, the defence ministry said.",
    "A spokesman for {P} declined to comment on reports that {L} had moved {W} units closer to {L}.",
    "{O} pledged {M} in humanitarian assistance for families displaced from {L}.",
    "Inflation in {L} reached {PCT} in {Y}, the highest level in two decades, {O} said.",
    "Residents of {L} described hearing several explosions shortly after midnight.",
    "\u{201c}We have asked {O} to send inspectors,\u{201d} {P} said in {L}.",
    "{L} will host the summit, with {P} expected to attend alongside {P}.",
    "{O} said its fighters had captured {N} vehicles near {L} on {D}.",
    "{P}, who was elected in {Y}, has promised to buy more {W} systems from {L}.",
    "Ministers from {L} and {L} signed a memorandum on energy security in {L}.",
    "The \"{W}\" programme has cost {L} about {M} so far, auditors at {O} found.",
];

/// Sentences without any entity, used to keep the entity density on target.
const FILLERS: &[&str] = &[
    "The situation remained tense throughout the afternoon, with sirens heard in several districts.",
    "Analysts said the decision reflected growing pressure from within the governing coalition.",
    "Further details were not immediately available, and the ministry did not respond to requests for comment.",
    "Prices for bread and fuel have climbed sharply since the start of the year.",
    "Witnesses said the blast shattered windows along a busy street near the central market.",
    "The statement gave no timetable for the withdrawal, nor did it say how many units would remain.",
    "Emergency crews worked through the night to restore water supplies to about {N} homes.",
    "Some lawmakers have questioned whether the plan can be financed without new taxes.",
    "It was not clear who was responsible for the attack.",
    "Officials described the meeting as \u{201c}frank and constructive,\u{201d} but offered few specifics.",
    "Schools in the area will stay closed until at least {D}, local authorities said.",
    "The ceasefire, agreed in {Y}, has been violated repeatedly by both sides.",
    "Observers expect a final decision before the end of the quarter.",
    "Turnout was estimated at {PCT}, slightly higher than in the previous vote.",
    "The report, which runs to {N} pages, cites interviews with more than {N} witnesses.",
    "Neither side has published casualty figures, and independent verification has not been possible.",
    "The government\u{2019}s critics say the measures go too far; its supporters say they do not go far enough.",
];

const HEADLINES: &[&str] = &[
    "{L} Sends Troops Toward {L}",
    "{P} Warns of \u{2018}Serious Consequences\u{2019} After Strike on {L}",
    "{O} Reports {N} Displaced as Fighting Spreads",
    "Talks in {L} Stall Over Prisoner Exchange",
    "{L} Buys {W} Systems in {M} Deal",
    "Explosions Heard Across {L} Overnight",
    "{P} and {P} Meet Amid Border Tensions",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "March",
    "April",
    "June",
    "July",
    "September",
    "October",
    "December",
];

/// "12,345"-style thousands separators.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Counts of what a generator wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub docs: u64,
    pub bytes: u64,
    pub words: u64,
    pub entities: u64,
}

/// Writes news-like articles. The entity density is steered towards one
/// mention per `words_per_entity` words: a sentence with entity slots is
/// written while the running density is below target, an entity-free
/// sentence otherwise.
pub struct TextGen<'n> {
    names: &'n Names,
    rng: Rng,
    words_per_entity: u64,
    pub stats: Stats,
}

impl<'n> TextGen<'n> {
    pub fn new(names: &'n Names, seed: u64) -> TextGen<'n> {
        TextGen {
            names,
            rng: Rng::new(seed),
            words_per_entity: 12,
            stats: Stats::default(),
        }
    }

    fn expand(&mut self, template: &str, out: &mut String) {
        let start = out.len();
        let mut rest = template;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let j = rest[i..].find('}').expect("closed slot") + i;
            let slot = &rest[i + 1..j];
            rest = &rest[j + 1..];
            let kind = match slot {
                "P" => Some(Kind::Person),
                "L" => Some(Kind::Place),
                "O" => Some(Kind::Org),
                "W" => Some(Kind::Weapon),
                _ => None,
            };
            if let Some(k) = kind {
                out.push_str(self.names.pick(k, &mut self.rng));
                self.stats.entities += 1;
                continue;
            }
            let r = &mut self.rng;
            match slot {
                "N" => {
                    let n = match r.below(4) {
                        0 => r.range(2, 99),
                        1 => r.range(100, 999),
                        2 => r.range(1, 99) * 100,
                        _ => r.range(1_000, 250_000),
                    };
                    out.push_str(&thousands(n));
                }
                "M" => {
                    let cur = *r.pick(&["$", "\u{20ac}", "\u{a3}"]);
                    let _ = if r.chance(0.5) {
                        write!(out, "{cur}{}.{} billion", r.range(1, 60), r.below(10))
                    } else {
                        write!(out, "{cur}{} million", r.range(5, 950))
                    };
                }
                "PCT" => {
                    let _ = write!(out, "{}.{}%", r.range(1, 80), r.below(10));
                }
                "D" => {
                    if r.chance(0.6) {
                        out.push_str(*r.pick(DAYS));
                    } else {
                        let _ = write!(out, "{} {}", r.range(1, 28), r.pick(MONTHS));
                    }
                }
                "Y" => {
                    let _ = write!(out, "{}", r.range(1991, 2025));
                }
                other => panic!("unknown slot {other}"),
            }
        }
        out.push_str(rest);
        self.stats.words += out[start..]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count() as u64;
    }

    fn sentence(&mut self, out: &mut String) {
        let dense = self.stats.entities * self.words_per_entity > self.stats.words;
        let t = if dense {
            *self.rng.pick(FILLERS)
        } else {
            *self.rng.pick(SENTENCES)
        };
        self.expand(t, out);
    }

    /// Appends one article (headline, blank line, 3 to 8 paragraphs of 1 to
    /// 4 sentences) to `out`.
    pub fn article(&mut self, out: &mut String) {
        let start = out.len();
        let h = *self.rng.pick(HEADLINES);
        self.expand(h, out);
        out.push_str("\n\n");
        let paragraphs = self.rng.range(3, 8);
        for p in 0..paragraphs {
            if p > 0 {
                out.push_str("\n\n");
            }
            let n = self.rng.range(1, 4);
            for s in 0..n {
                if s > 0 {
                    out.push(' ');
                }
                self.sentence(out);
            }
        }
        self.stats.docs += 1;
        self.stats.bytes += (out.len() - start) as u64;
    }
}

/// Lower-case words of all templates: generated names must not be one of
/// them (a synthetic "Talks" would match everywhere).
fn template_vocabulary() -> HashSet<String> {
    let mut v = HashSet::new();
    for t in SENTENCES
        .iter()
        .chain(FILLERS)
        .chain(HEADLINES)
        .chain(DAYS)
        .chain(MONTHS)
        .chain(WEAPON_CLASSES)
    {
        for w in t.split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                v.insert(w.to_lowercase());
            }
        }
    }
    v
}

/// About `target_bytes` of articles (whole articles; at least one).
pub fn articles(names: &Names, seed: u64, target_bytes: usize) -> (Vec<String>, Stats) {
    let mut g = TextGen::new(names, seed);
    let mut docs = Vec::new();
    while g.stats.bytes < target_bytes as u64 || docs.is_empty() {
        let mut s = String::new();
        g.article(&mut s);
        docs.push(s);
    }
    (docs, g.stats)
}
