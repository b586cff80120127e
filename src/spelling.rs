//! Spelling distance between short strings: "did you mean" suggestions in
//! error messages, and spelling variants of gazetteer names (`evex suggest`).

/// The number of single-character insertions, deletions, substitutions and
/// swaps of two neighbours that turn `a` into `b` (optimal string
/// alignment), or `None` once it exceeds `max`: callers only care about
/// near misses, and giving up early keeps a scan over many names cheap.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // Three rows of the dynamic-programming table: two back (for swaps),
    // the previous one and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

/// The candidate that `word` most likely misspells: within two edits (one
/// for words of up to three letters), or a prefix of it ("verb" for
/// "verbs"); ties go to the earlier candidate.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let max = if word.chars().count() <= 3 { 1 } else { 2 };
    candidates
        .iter()
        .filter_map(|c| {
            let d = if *c == word {
                None
            } else if c.starts_with(word) && word.len() >= 3 {
                Some(1)
            } else {
                distance(word, c, max)
            };
            d.filter(|&d| d > 0).map(|d| (d, *c))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// The consonant outline of a folded name, which spelling variants from
/// different transliterations share: doubled letters single, `c`/`q` as
/// `k` and `w` as `v`, an `h` after a consonant or at the end of a word
/// dropped, and vowels (with `y`) dropped after a word's first letter
/// ("nanjin" keeps both n's: `nnjn`, not `njn` like "najin").
pub fn skeleton(folded: &str) -> String {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut words: Vec<String> = Vec::new();
    for word in folded.split(' ') {
        let mut chars: Vec<char> = word.chars().collect();
        chars.dedup();
        let chars: Vec<char> = chars
            .into_iter()
            .map(|c| match c {
                'c' | 'q' => 'k',
                'w' => 'v',
                c => c,
            })
            .collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let h_silent = c == 'h' && i > 0 && (i + 1 == chars.len() || !vowel(chars[i - 1]));
            if !(h_silent || (i > 0 && vowel(c))) {
                out.push(c);
            }
        }
        words.push(out);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_edits_and_swaps() {
        assert_eq!(distance("", "", 2), Some(0));
        assert_eq!(distance("abc", "abc", 0), Some(0));
        assert_eq!(distance("kyiv", "kiev", 2), Some(2));
        assert_eq!(distance("zelenski", "zelenskyy", 2), Some(2));
        assert_eq!(distance("zelenski", "zelenskyy", 1), None);
        assert_eq!(distance("form", "from", 1), Some(1));
        assert_eq!(distance("requrie", "require", 2), Some(1));
        assert_eq!(distance("a", "abcd", 2), None);
    }

    #[test]
    fn skeletons_match_transliterations_only() {
        for (a, b) in [
            ("kyiv", "kiev"),
            ("mykolaiv", "mykolayiv"),
            ("rafah crossing", "rafa crossing"),
            ("bourevestnik", "burevestnik"),
        ] {
            assert_eq!(skeleton(a), skeleton(b), "{a} {b}");
        }
        for (a, b) in [("kerem", "kekem"), ("najin", "nanjin"), ("jamal", "jamai")] {
            assert_ne!(skeleton(a), skeleton(b), "{a} {b}");
        }
    }

    #[test]
    fn suggestions_are_near_keywords_only() {
        let keys = ["event", "verbs", "nouns", "require", "expect", "example"];
        assert_eq!(did_you_mean("requrie", &keys), Some("require"));
        assert_eq!(did_you_mean("noun", &keys), Some("nouns"));
        assert_eq!(did_you_mean("exmaple", &keys), Some("example"));
        assert_eq!(did_you_mean("target", &keys), None);
        assert_eq!(did_you_mean("event", &keys), None);
    }
}

/// The examples of the doc comments above (a private module's doc
/// examples do not run as doc tests).
#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn distance_example() {
        assert_eq!(distance("zelenskyy", "zelenskiy", 2), Some(1));
        assert_eq!(distance("evnt", "event", 2), Some(1));
        assert_eq!(distance("kyiv", "moscow", 2), None);
    }

    #[test]
    fn did_you_mean_example() {
        assert_eq!(did_you_mean("evnt", &["event", "verbs"]), Some("event"));
        assert_eq!(did_you_mean("verb", &["event", "verbs"]), Some("verbs"));
        assert_eq!(did_you_mean("actor", &["event", "verbs"]), None);
    }

    #[test]
    fn skeleton_example() {
        assert_eq!(skeleton("zelenskyy"), skeleton("zelenskiy"));
        assert_eq!(skeleton("kharkiv"), skeleton("kharkov"));
        assert_eq!(skeleton("odessa"), skeleton("odesa"));
        assert_ne!(skeleton("korean"), skeleton("korgan"));
    }
}
