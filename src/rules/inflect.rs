//! Inflecting trigger words, so a rule can say `verbs deploy` and match
//! "deploys", "deployed" and "deploying" too.
//!
//! English spelling rules are applied generously: where a rule is uncertain
//! (doubling the last consonant: "ban" → "banned", but "target" →
//! "targeted") both spellings are generated. A form that is not a word never
//! occurs in text, so over-generation costs nothing, while a missing form
//! would silently lose events. Irregular forms are written by the rule
//! author in parentheses: `send (sent)`.

/// The grammatical form a trigger word was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Base or present form of a verb ("deploy", "deploys").
    Present,
    /// Past tense or past participle ("deployed", "sent").
    Past,
    /// "-ing" form ("deploying").
    Gerund,
    /// Noun ("deployment", "deployments").
    Noun,
}

/// All forms of a verb (the first word of a phrase is inflected: "hold
/// talks" → "held talks").
pub fn verb_forms(base: &str, irregular: &[String]) -> Vec<(String, Form)> {
    let (head, tail) = match base.split_once(' ') {
        Some((h, t)) => (h, format!(" {t}")),
        None => (base, String::new()),
    };
    let mut out: Vec<(String, Form)> = Vec::new();
    // A form may recur with another function ("hit" is present and past).
    let mut add = |w: String, f: Form| {
        let phrase = format!("{w}{tail}");
        if !out.iter().any(|(p, g)| *p == phrase && *g == f) {
            out.push((phrase, f));
        }
    };
    add(head.to_string(), Form::Present);
    add(third_person(head), Form::Present);
    for p in past(head) {
        add(p, Form::Past);
    }
    for g in gerund(head) {
        add(g, Form::Gerund);
    }
    for irr in irregular {
        // Written whole ("hold talks (held talks)") or as the first word
        // only ("shoot down (shot)").
        let irr = irr.strip_suffix(tail.as_str()).unwrap_or(irr);
        let form = if irr.ends_with("ing") {
            Form::Gerund
        } else {
            Form::Past
        };
        add(irr.to_string(), form);
    }
    out
}

/// A noun and its plural ("sanction" → "sanctions"; "embargo" →
/// "embargoes"); irregular plurals come from the rule.
pub fn noun_forms(noun: &str, irregular: &[String]) -> Vec<(String, Form)> {
    let (head, last) = match noun.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), noun),
    };
    let mut out = vec![(noun.to_string(), Form::Noun)];
    let plural = format!("{head}{}", third_person(last));
    if plural != noun {
        out.push((plural, Form::Noun));
    }
    out.extend(irregular.iter().map(|i| (i.clone(), Form::Noun)));
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Ends in consonant-vowel-consonant, where doubling may apply ("ban",
/// "ship", "permit"), but not after w, x or y. "qu" counts as a consonant:
/// "quit" → "quitting", "equip" → "equipped".
fn cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && is_vowel(w[n - 2])
        && (!is_vowel(w[n - 3]) || (n >= 4 && w[n - 3] == b'u' && w[n - 4] == b'q'))
}

fn third_person(w: &str) -> String {
    let b = w.as_bytes();
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('o')
    {
        format!("{w}es")
    } else if w.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

fn past(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    if w.ends_with('e') {
        vec![format!("{w}d")]
    } else if w.ends_with('y') && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        vec![format!("{}ied", &w[..w.len() - 1])]
    } else if cvc(b) {
        vec![format!("{w}ed"), format!("{w}{}ed", &w[w.len() - 1..])]
    } else {
        vec![format!("{w}ed")]
    }
}

fn gerund(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    if let Some(stem) = w.strip_suffix("ie") {
        vec![format!("{stem}ying")]
    } else if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") {
        vec![format!("{}ing", &w[..w.len() - 1])]
    } else if cvc(b) {
        vec![format!("{w}ing"), format!("{w}{}ing", &w[w.len() - 1..])]
    } else {
        vec![format!("{w}ing")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(v: Vec<(String, Form)>) -> Vec<String> {
        v.into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(
            words(verb_forms("deploy", &[])),
            ["deploy", "deploys", "deployed", "deploying"]
        );
        assert_eq!(
            words(verb_forms("authorize", &[])),
            ["authorize", "authorizes", "authorized", "authorizing"]
        );
        assert_eq!(
            words(verb_forms("ban", &[])),
            ["ban", "bans", "baned", "banned", "baning", "banning"]
        );
        assert_eq!(
            words(verb_forms("supply", &[])),
            ["supply", "supplies", "supplied", "supplying"]
        );
        // "qu" is a consonant: the t doubles.
        assert_eq!(
            words(verb_forms("quit", &[])),
            ["quit", "quits", "quited", "quitted", "quiting", "quitting"]
        );
    }

    #[test]
    fn irregulars_and_phrases() {
        let f = verb_forms("hold talks", &["held".to_string()]);
        assert_eq!(
            words(f.clone()),
            [
                "hold talks",
                "holds talks",
                "holded talks",
                "holding talks",
                "held talks"
            ]
        );
        assert_eq!(f[4].1, Form::Past);
        assert_eq!(words(noun_forms("embargo", &[])), ["embargo", "embargoes"]);
        assert_eq!(
            words(noun_forms("air strike", &[])),
            ["air strike", "air strikes"]
        );
    }
}
