//! Scanning a folded text for every whole-word alias match.

use super::{CaseRule, Gazetteer};
use crate::normalize::word_equals_stripped;
use crate::segment::Token;

/// One alias found in the text: tokens `tok_start..tok_end` (word tokens
/// only at both ends) match alias `alias`, and its case rule holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub tok_start: u32,
    pub tok_end: u32,
    pub alias: u32,
}

impl Gazetteer {
    /// Appends to `out` every alias occurrence in `folded` (built by
    /// [`crate::normalize::fold_tokens`] from `text` and `tokens`) whose case
    /// rule holds. `words` lists the indices of the word tokens in order.
    pub fn find(
        &self,
        text: &str,
        folded: &str,
        tokens: &[Token],
        words: &[u32],
        out: &mut Vec<Candidate>,
    ) {
        for m in self.automaton.find_overlapping_iter(folded) {
            let fstart = (m.start() + 1) as u32;
            let Ok(first) = words.binary_search_by_key(&fstart, |&w| tokens[w as usize].fstart)
            else {
                continue;
            };
            let p = m.pattern().as_usize();
            let n = self.pattern_words[p] as usize;
            let Some(&last) = words.get(first + n - 1) else {
                continue;
            };
            let (from, to) = self.pattern_ranges[p];
            for &a in &self.pattern_aliases[from as usize..to as usize] {
                let alias = &self.aliases[a as usize];
                let span = &words[first..first + n];
                if case_holds(alias.case, &alias.stripped, text, tokens, span) {
                    let mut tok_end = last + 1;
                    if alias.dot
                        && let Some(t) = tokens.get(tok_end as usize)
                        && !t.space_before
                        && &text[t.start as usize..t.end as usize] == "."
                    {
                        tok_end += 1;
                    }
                    out.push(Candidate {
                        tok_start: words[first],
                        tok_end,
                        alias: a,
                    });
                }
            }
        }
    }
}

fn case_holds(case: CaseRule, stripped: &str, text: &str, tokens: &[Token], span: &[u32]) -> bool {
    let word = |w: u32| {
        let t = &tokens[w as usize];
        &text[t.start as usize..t.end as usize]
    };
    match case {
        CaseRule::Any => true,
        // The first word and every word of four or more letters must not
        // start in lower case ("Sea of Azov"; digits pass: "MIM-104").
        CaseRule::Title => span.iter().enumerate().all(|(i, &w)| {
            let w = word(w);
            (i > 0 && w.chars().count() < 4) || w.chars().next().is_some_and(|c| !c.is_lowercase())
        }),
        CaseRule::Exact => {
            let mut expected = stripped.split(' ');
            span.iter().all(|&w| {
                expected
                    .next()
                    .is_some_and(|e| word_equals_stripped(word(w), e))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::{Gazetteer, Source};
    use crate::normalize::fold_tokens;
    use crate::segment::Segmenter;

    fn found(gaz: &str, text: &str) -> Vec<String> {
        let g = Gazetteer::build(&[Source {
            name: "t.tsv".into(),
            text: gaz.into(),
            user: false,
        }])
        .unwrap();
        let (mut t, mut s, mut f) = (Vec::new(), Vec::new(), String::new());
        Segmenter::default().segment(text, &mut t, &mut s);
        fold_tokens(text, &mut t, &s, &mut f);
        let words: Vec<u32> = (0..t.len() as u32)
            .filter(|&i| t[i as usize].is_word())
            .collect();
        let mut out = Vec::new();
        g.find(text, &f, &t, &words, &mut out);
        out.iter()
            .map(|c| {
                let a = t[c.tok_start as usize].start as usize;
                let b = t[c.tok_end as usize - 1].end as usize;
                format!(
                    "{}={}",
                    &text[a..b],
                    g.entry(g.alias(c.alias).entry).canonical
                )
            })
            .collect()
    }

    #[test]
    fn whole_words_case_and_accents() {
        let g = "canonical\ttype\taliases\tcase\nUnited States\tPLACE\tUS|U.S.\t\nKyiv\tPLACE\tKiev\t\nChad\tPLACE\t\ttitle\n";
        assert_eq!(
            found(
                g,
                "The U.S. and us; KYÏV’s mayor, Kiev. Chad, chad, Chadwick, USA"
            ),
            vec!["U.S.=United States", "KYÏV=Kyiv", "Kiev=Kyiv", "Chad=Chad"]
        );
    }

    #[test]
    fn overlapping_matches_are_all_reported() {
        let g = "canonical\ttype\taliases\nJoe Biden\tPERSON\tBiden\nBiden administration\tORG\t\n";
        assert_eq!(
            found(g, "the Joe Biden administration"),
            vec![
                "Joe Biden=Joe Biden",
                "Biden=Joe Biden",
                "Biden administration=Biden administration"
            ]
        );
    }

    #[test]
    fn no_match_across_sentences() {
        let g = "canonical\ttype\nWashington Post\tORG\n";
        assert!(found(g, "He flew to Washington. Post offices closed.").is_empty());
    }
}
