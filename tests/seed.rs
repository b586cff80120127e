//! The article the project started from (../shared/eval/seed-article.txt)
//! must give its six events and its entities. The file is other people's
//! text, so it is read from ../shared, not copied here; the test says so and
//! passes when it is absent.

use evex::{Config, Document, Pipeline};
use std::path::Path;

fn seed() -> Option<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/seed-article.txt");
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} not found; the seed-article test needs ../shared",
                p.display()
            );
            None
        }
    }
}

#[test]
fn seed_article_events() {
    let Some(text) = seed() else { return };
    let pipeline = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let out = pipeline.process(&Document::new("seed-ceasefire", text));
    let row = |t: &str| -> Vec<String> {
        out.events
            .iter()
            .filter(|e| &*e.event_type == t)
            .map(|e| {
                ["actor", "target", "weapon", "location", "quantity"]
                    .iter()
                    .map(|r| e.role(r).unwrap_or(""))
                    .chain(std::iter::once(&*e.modality))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    assert!(
        row("AUTHORIZATION").contains(&"United States|Ukraine|ATACMS|Russia||asserted".to_string()),
        "{:?}",
        row("AUTHORIZATION")
    );
    assert!(
        row("DEPLOYMENT").contains(&"North Korea|||Kursk|over 10,000|asserted".to_string()),
        "{:?}",
        row("DEPLOYMENT")
    );
    assert!(
        row("POLICY_CHANGE")
            .iter()
            .any(|r| r.starts_with("Vladimir Putin|")),
        "{:?}",
        row("POLICY_CHANGE")
    );
    assert!(
        row("NEGOTIATION")
            .iter()
            .any(|r| r.starts_with("Russia|United States|")),
        "{:?}",
        row("NEGOTIATION")
    );
    assert!(
        row("NEGOTIATION")
            .iter()
            .any(|r| r.starts_with("Vladimir Putin|") && r.ends_with("|hedged")),
        "{:?}",
        row("NEGOTIATION")
    );
    assert!(
        row("ATTACK")
            .iter()
            .any(|r| r.starts_with("Ukraine|Russia|ATACMS|Russia")),
        "{:?}",
        row("ATTACK")
    );
}

#[test]
fn seed_article_entities() {
    let Some(text) = seed() else { return };
    let pipeline = Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let out = pipeline.process(&Document::new("seed-ceasefire", text.clone()));
    let gaz = pipeline.gazetteer();
    let found: Vec<(String, String)> = out
        .mentions
        .iter()
        .filter(|m| pipeline.is_reported(m))
        .map(|m| {
            let e = gaz.entry(m.entry);
            (gaz.type_name(e.etype).to_string(), e.canonical.to_string())
        })
        .collect();
    for (t, name) in [
        ("PERSON", "Vladimir Putin"),
        ("PERSON", "Dmitry Peskov"),
        ("PERSON", "Donald Trump"),
        ("PLACE", "Russia"),
        ("PLACE", "Ukraine"),
        ("PLACE", "United States"),
        ("PLACE", "North Korea"),
        ("PLACE", "Kursk"),
        ("PLACE", "Kyiv"),
        ("PLACE", "Moscow"),
        ("PLACE", "Donetsk"),
        ("PLACE", "Luhansk"),
        ("PLACE", "Zaporizhzhia"),
        ("PLACE", "Kherson"),
        ("ORG", "Kremlin"),
        ("ORG", "NATO"),
        ("ORG", "European Union"),
        ("ORG", "Reuters"),
        ("ORG", "Bloomberg"),
        ("WEAPON", "ATACMS"),
    ] {
        assert!(
            found.contains(&(t.to_string(), name.to_string())),
            "missing {t} {name}"
        );
    }
    // Offsets point into the original text.
    for m in &out.mentions {
        assert!(text.is_char_boundary(m.start as usize) && text.is_char_boundary(m.end as usize));
    }
}
