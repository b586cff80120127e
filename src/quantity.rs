//! Quantities: the number an event's `quantity` role holds, as written
//! ("over 10,000", "$225 million", "six"), read into a plain value, a unit
//! and a qualifier, so that rows can be summed.
//!
//! The words (currencies, unit nouns, qualifiers, scales) are data in
//! `rules/units.txt`, compiled in. The unit comes from a currency sign or
//! word in the quantity, else from the first unit noun within a few words
//! after it in the original text ("six ATACMS missiles" → missiles). Vague
//! amounts ("dozens", "hundreds of", "several") keep their qualifier and
//! unit but get no value.

use std::sync::LazyLock;

/// A quantity read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The number, scales applied (`$225 million` → 225000000).
    pub value: Option<f64>,
    /// `troops`, `missiles`, `USD`… (the first column of `rules/units.txt`).
    pub unit: Option<&'static str>,
    /// `over`, `about`, `nearly`, `up to`, `at least`…
    pub qualifier: Option<&'static str>,
}

/// Values are parsed from digits and words, never NaN, so equality is an
/// equivalence.
impl Eq for Quantity {}

/// `rules/units.txt`, parsed: each list of (form, value) longest form
/// first, so that "more than" is tried before "more".
struct Words {
    currency: Vec<(String, &'static str)>,
    unit: Vec<(String, &'static str)>,
    qualifier: Vec<(String, &'static str)>,
    scale: Vec<(String, f64)>,
    /// `currency` and `unit` indexed by first byte, for [`find_in`].
    currency_index: ByFirstByte,
    unit_index: ByFirstByte,
}

/// For each first byte, the indices of the forms that begin with it, in
/// list order: a form can only match a word that begins with its first
/// byte, so the search at each word of the text after a quantity tries a
/// handful of forms rather than every unit noun.
struct ByFirstByte(Vec<Vec<u32>>);

impl ByFirstByte {
    fn new(forms: &[(String, &'static str)]) -> ByFirstByte {
        let mut index = vec![Vec::new(); 256];
        for (i, (f, _)) in forms.iter().enumerate() {
            if let Some(&b) = f.as_bytes().first() {
                index[usize::from(b)].push(i as u32);
            }
        }
        ByFirstByte(index)
    }
}

static WORDS: LazyLock<Words> = LazyLock::new(|| parse_words(include_str!("../rules/units.txt")));

fn parse_words(text: &'static str) -> Words {
    let mut w = Words {
        currency: Vec::new(),
        unit: Vec::new(),
        qualifier: Vec::new(),
        scale: Vec::new(),
        currency_index: ByFirstByte(Vec::new()),
        unit_index: ByFirstByte(Vec::new()),
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(value), Some(kind), Some(forms)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("rules/units.txt: `{line}` needs three tab-separated columns");
        };
        for form in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
            let form = form.to_string();
            match kind {
                "currency" => w.currency.push((form, value)),
                "unit" => w.unit.push((form, value)),
                "qualifier" => w.qualifier.push((form, value)),
                "scale" => w
                    .scale
                    .push((form, value.parse().expect("a scale is a number"))),
                _ => panic!("rules/units.txt: unknown kind `{kind}`"),
            }
        }
    }
    w.currency.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    w.unit.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    w.qualifier.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    w.scale.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    w.currency_index = ByFirstByte::new(&w.currency);
    w.unit_index = ByFirstByte::new(&w.unit);
    w
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of one number word ("six", "forty", "dozen").
fn word_value(w: &str) -> Option<f64> {
    if let Some(i) = ONES.iter().position(|&x| x == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|&x| x == w) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    match w {
        "a" | "an" => Some(1.0),
        "dozen" => Some(12.0),
        _ => None,
    }
}

/// Does `s` start with `form` followed by a word boundary?
fn strip_word<'a>(s: &'a str, form: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(form)?;
    let boundary = rest.is_empty()
        || !rest.starts_with(|c: char| c.is_alphanumeric())
        || !form.ends_with(|c: char| c.is_alphanumeric());
    boundary.then(|| rest.trim_start())
}

/// Reads `written` (the quantity as written); `after` is the text that
/// follows it in its sentence, where the unit noun usually is.
pub fn parse(written: &str, after: &str) -> Quantity {
    let w = &*WORDS;
    let lower = written.trim().to_lowercase();
    let mut s = lower.as_str();
    let mut qualifier = None;
    if let Some((rest, q)) = w
        .qualifier
        .iter()
        .find_map(|(f, q)| strip_word(s, f).map(|r| (r, *q)))
    {
        qualifier = Some(q);
        s = rest;
    }
    let mut unit = None;
    if let Some((rest, c)) = w
        .currency
        .iter()
        .filter(|(f, _)| !f.starts_with(|c: char| c.is_alphabetic()) || f.len() == 3)
        .find_map(|(f, c)| strip_word(s, f).map(|r| (r, *c)))
    {
        unit = Some(c);
        s = rest;
    }
    let (mut value, rest) = number(s);
    s = rest;
    // Scales: "225 million", "6.2bn", "1.5 thousand".
    while value.is_some() {
        let Some((rest, k)) = w.scale.iter().find_map(|(f, k)| {
            let r = s.strip_prefix(f.as_str())?;
            (r.is_empty() || !r.starts_with(|c: char| c.is_alphanumeric()))
                .then(|| (r.trim_start(), *k))
        }) else {
            break;
        };
        value = value.map(|v| v * k);
        s = rest;
    }
    // What is left of the quantity, then the words after it: a currency
    // word ("dollars") or a unit noun.
    let tail = format!("{s} {}", first_words(after, 5).to_lowercase());
    if unit.is_none() {
        unit = find_in(&tail, &w.currency, &w.currency_index)
            .or_else(|| find_in(&tail, &w.unit, &w.unit_index));
    }
    Quantity {
        value: value.map(|v| (v * 1e6).round() / 1e6),
        unit,
        qualifier,
    }
}

/// Reads a number at the start of `s`: digits with thousands separators
/// and a decimal point ("10,000", "1.5"), or number words ("six",
/// "twenty-four", "a dozen", "two hundred"). Returns the rest.
fn number(s: &str) -> (Option<f64>, &str) {
    let digits = s
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_ascii_digit()
                || ((c == ',' || c == '.')
                    && i > 0
                    && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .last()
        .map(|(i, c)| i + c.len_utf8());
    if let Some(end) = digits {
        let n = &s[..end];
        // "1,5" is a European decimal only when it cannot be thousands.
        let groups: Vec<&str> = n.split(',').collect();
        let plain =
            if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3 || g.contains('.')) {
                n.replace(',', "")
            } else {
                n.replace(',', ".")
            };
        return (plain.parse().ok(), s[end..].trim_start());
    }
    // Number words, joined by spaces, hyphens or "and".
    let mut value = 0.0;
    let mut any = false;
    let mut rest = s;
    loop {
        let word_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_end];
        let next = rest[word_end..].trim_start_matches(['-', ' ']);
        match word {
            "and" if any => {}
            "hundred" if any => value *= 100.0,
            "dozen" => value = f64::max(value, 1.0) * 12.0,
            _ => match word_value(word) {
                Some(v) => value += v,
                None => break,
            },
        }
        any = true;
        rest = next;
    }
    // "a" or "an" alone is an article, not a number; "a million" is one.
    let article_only = value == 1.0 && (s.starts_with("a ") || s.starts_with("an "));
    if !any || (article_only && !starts_scaled(rest)) {
        return (None, s);
    }
    (Some(value), rest)
}

fn starts_scaled(s: &str) -> bool {
    WORDS
        .scale
        .iter()
        .any(|(f, _)| s.starts_with(f.as_str()) && f.len() > 1)
}

/// The first `n` words of `s`, up to the first punctuation that ends a
/// phrase.
fn first_words(s: &str, n: usize) -> &str {
    let stop = s
        .find([',', '.', ';', ':', '(', ')', '\n'])
        .unwrap_or(s.len());
    let s = &s[..stop];
    match s.split_whitespace().nth(n) {
        Some(w) => {
            let at = w.as_ptr() as usize - s.as_ptr() as usize;
            &s[..at]
        }
        None => s,
    }
}

/// The first form found at a word start in `s` (longest form first at each
/// position); `index` is `forms` by first byte.
fn find_in(s: &str, forms: &[(String, &'static str)], index: &ByFirstByte) -> Option<&'static str> {
    let mut at = 0;
    while at < s.len() {
        let word = &s[at..];
        let first = usize::from(word.as_bytes()[0]);
        if let Some((_, v)) = index.0[first]
            .iter()
            .map(|&i| &forms[i as usize])
            .find(|(f, _)| strip_word(word, f).is_some())
        {
            return Some(*v);
        }
        at = match word.find(' ') {
            Some(i) => at + i + 1,
            None => break,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(written: &str, after: &str) -> (Option<f64>, Option<&'static str>, Option<&'static str>) {
        let q = parse(written, after);
        (q.value, q.unit, q.qualifier)
    }

    #[test]
    fn quantities_as_news_write_them() {
        assert_eq!(
            q("over 10,000", " North Korean troops to Kursk"),
            (Some(10000.0), Some("troops"), Some("over"))
        );
        assert_eq!(
            q("six", " ATACMS missiles at a depot"),
            (Some(6.0), Some("missiles"), None)
        );
        assert_eq!(
            q("$225 million", " in military aid"),
            (Some(225_000_000.0), Some("USD"), None)
        );
        assert_eq!(
            q("nearly 200", " drones overnight"),
            (Some(200.0), Some("drones"), Some("nearly"))
        );
        assert_eq!(
            q("more than 50", " vessels of the fleet"),
            (Some(50.0), Some("vessels"), Some("over"))
        );
        assert_eq!(
            q("up to 24", " F-16 jets"),
            (Some(24.0), Some("aircraft"), Some("up to"))
        );
        assert_eq!(
            q("at least 1.5 million", " artillery shells"),
            (Some(1_500_000.0), Some("shells"), Some("at least"))
        );
        assert_eq!(q("€2bn", ""), (Some(2e9), Some("EUR"), None));
        assert_eq!(
            q("6 billion", " dollars in aid"),
            (Some(6e9), Some("USD"), None)
        );
        assert_eq!(
            q("twenty-four", " fighter jets"),
            (Some(24.0), Some("aircraft"), None)
        );
        assert_eq!(
            q("About 10,000", " North Korean soldiers"),
            (Some(10000.0), Some("troops"), Some("about"))
        );
        assert_eq!(q("a dozen", " drones"), (Some(12.0), Some("drones"), None));
        assert_eq!(
            q("two hundred", " soldiers"),
            (Some(200.0), Some("troops"), None)
        );
        assert_eq!(
            q("3,000", "-strong brigade of troops"),
            (Some(3000.0), Some("troops"), None)
        );
    }

    #[test]
    fn vague_amounts_have_no_value() {
        assert_eq!(q("dozens", " of drones"), (None, Some("drones"), None));
        assert_eq!(q("several", " missiles"), (None, Some("missiles"), None));
        // The unit is looked for only up to the end of the phrase.
        assert_eq!(
            q("40", ", officials said, and tanks"),
            (Some(40.0), None, None)
        );
    }
}
