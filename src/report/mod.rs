//! A self-contained HTML view of extracted documents (`evex report`): each
//! document's text with its entity mentions highlighted by type, each event
//! drawn over its evidence sentence with its trigger and roles, details
//! (entry id, canonical name, gazetteer `file:line`, rule id) on hover and
//! click, a filter by event type, a search box, and the run's summary.
//!
//! The page is one file with its style and script inline; a
//! Content-Security-Policy forbids every request, so it opens offline and
//! leaks nothing. Every text and attribute value is escaped ([`escape`]).

mod html;
mod page;

pub use html::escape;

use crate::document::Document;
use crate::pipeline::{Extraction, Pipeline};
use crate::rules::engine::Event;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// One document, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedDoc {
    pub html: String,
    /// Highlighted entity mentions.
    pub entities: usize,
    /// (event type, rule id) of each event.
    pub events: Vec<(String, String)>,
}

/// Renders one document as an `<article>`.
pub fn render_document(p: &Pipeline, doc: &Document, ex: &Extraction) -> RenderedDoc {
    let gaz = p.gazetteer();
    let text = doc.text.as_str();
    let mut html = String::with_capacity(text.len() * 2);
    let mut types: Vec<&str> = ex.events.iter().map(|e| &*e.event_type).collect();
    types.sort_unstable();
    types.dedup();
    let _ = write!(
        html,
        "<article class=\"doc\" data-types=\"{}\">\n<h2>{}</h2>\n<div class=\"text\">",
        escape(&types.join(" ")),
        escape(&doc.id)
    );
    // Mentions and unlisted titled people, merged by position (they never
    // overlap: unlisted names are the words no mention covers).
    struct Mark {
        start: usize,
        end: usize,
        class: String,
        attrs: Vec<(&'static str, String)>,
    }
    let mut marks: Vec<Mark> = Vec::new();
    for m in ex.mentions.iter().filter(|m| p.is_reported(ex, m)) {
        let e = gaz.entry(m.entry);
        let unlisted = ex.unlisted.get(m.unlisted as usize);
        let form = match (unlisted, m.kind) {
            (Some(u), _) => u.form,
            (None, kind) => kind.form(),
        };
        let (canonical, id, origin) = match unlisted {
            Some(u) => (
                u.name.to_string(),
                u.id.to_string(),
                format!(
                    "in no gazetteer; pattern {} at {}",
                    p.patterns().pattern(u.pattern).id,
                    p.patterns().pattern(u.pattern).origin
                ),
            ),
            None => (e.canonical.to_string(), e.id.to_string(), e.origin.clone()),
        };
        let mut attrs = vec![
            ("type", gaz.type_name(e.etype).to_string()),
            ("canonical", canonical),
            ("id", id),
            ("origin", origin),
            ("form", form.to_string()),
        ];
        if let Some(t) = e.stands_for {
            attrs.push(("stands-for", gaz.entry(t).canonical.to_string()));
        }
        marks.push(Mark {
            start: m.start as usize,
            end: m.end as usize,
            class: format!(
                "ent t{}{}",
                e.etype,
                if unlisted.is_some() {
                    " title-form"
                } else {
                    ""
                }
            ),
            attrs,
        });
    }
    marks.sort_by_key(|m| (m.start, m.end));
    let mut at = 0;
    for m in &marks {
        if m.start < at {
            continue;
        }
        html.push_str(&escape(&text[at..m.start]));
        let title: Vec<&str> = m.attrs.iter().map(|(_, v)| v.as_str()).collect();
        let _ = write!(html, "<mark class=\"{}\"", m.class);
        for (k, v) in &m.attrs {
            let _ = write!(html, " data-{k}=\"{}\"", escape(v));
        }
        let _ = write!(
            html,
            " title=\"{}\">{}</mark>",
            escape(&title.join(" · ")),
            escape(&text[m.start..m.end])
        );
        at = m.end;
    }
    html.push_str(&escape(&text[at..]));
    html.push_str("</div>\n");
    let mut events = Vec::new();
    if !ex.events.is_empty() {
        html.push_str("<ol class=\"events\">\n");
        for ev in &ex.events {
            let rule = &p.rules().rules[ev.rule as usize];
            events.push((ev.event_type.to_string(), rule.id.clone()));
            render_event(&mut html, text, ex, ev, &rule.id, &rule.origin);
        }
        html.push_str("</ol>\n");
    }
    html.push_str("</article>\n");
    RenderedDoc {
        html,
        entities: marks.len(),
        events,
    }
}

/// One event: a head line (type, rule, modality, roles) and the evidence
/// sentence with the trigger and the role fillers marked.
fn render_event(
    html: &mut String,
    text: &str,
    ex: &Extraction,
    ev: &Event,
    rule: &str,
    origin: &str,
) {
    let roles = ev.describe();
    let _ = write!(
        html,
        "<li class=\"event\" data-type=\"{t}\" data-rule=\"{r}\" data-origin=\"{o}\" data-modality=\"{m}\" data-roles=\"{roles_e}\" title=\"{t} · rule {r} ({o})\">\
<div class=\"ev-head\"><span class=\"etype\">{t}</span> <code class=\"rule\">{r}</code> <span class=\"mod\">{m}</span> <span class=\"roles\">{roles_e}</span></div>",
        t = escape(&ev.event_type),
        r = escape(rule),
        o = escape(origin),
        m = escape(&ev.modality),
        roles_e = escape(&roles),
    );
    let (s0, s1) = ex.sentences[ev.sentence as usize];
    let (s0, s1) = (s0 as usize, s1 as usize);
    // Spans to mark inside the sentence: the trigger, then each role (a
    // span filling two roles is marked once with both names).
    let mut spans: Vec<(usize, usize, String, bool)> = vec![(
        ev.trigger_start as usize,
        ev.trigger_end as usize,
        String::new(),
        true,
    )];
    for r in &ev.roles {
        let (a, b) = (r.start as usize, r.end as usize);
        if a < s0 || b > s1 || a >= b {
            continue;
        }
        match spans.iter_mut().find(|s| (s.0, s.1) == (a, b) && !s.3) {
            Some(s) => {
                s.2.push('+');
                s.2.push_str(&r.slot);
            }
            None => spans.push((a, b, r.slot.to_string(), false)),
        }
    }
    spans.sort_by_key(|s| (s.0, s.1));
    html.push_str("<p class=\"ev-sent\">");
    let mut at = s0;
    for (a, b, label, trigger) in spans {
        if a < at || b > s1 {
            continue;
        }
        html.push_str(&escape(&text[at..a]));
        if trigger {
            let _ = write!(
                html,
                "<b class=\"trig\" title=\"trigger\">{}</b>",
                escape(&text[a..b])
            );
        } else {
            let _ = write!(
                html,
                "<span class=\"role\" title=\"{l}\">{}<sub>{l}</sub></span>",
                escape(&text[a..b]),
                l = escape(&label)
            );
        }
        at = b;
    }
    html.push_str(&escape(&text[at..s1]));
    html.push_str("</p></li>\n");
}

/// What the report shows at the top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub documents: u64,
    pub rejected: u64,
    /// More documents were in the input than the report shows.
    pub truncated: bool,
    pub entities: u64,
    pub events_by_type: BTreeMap<String, u64>,
    pub events_by_rule: BTreeMap<String, u64>,
}

impl RunSummary {
    pub fn add(&mut self, d: &RenderedDoc) {
        self.documents += 1;
        self.entities += d.entities as u64;
        for (t, r) in &d.events {
            *self.events_by_type.entry(t.clone()).or_default() += 1;
            *self.events_by_rule.entry(r.clone()).or_default() += 1;
        }
    }
}

/// Writes the whole page: summary, controls, legend, the documents.
pub fn write_page(
    out: &mut dyn Write,
    p: &Pipeline,
    docs: &[RenderedDoc],
    s: &RunSummary,
) -> io::Result<()> {
    let gaz = p.gazetteer();
    let events: u64 = s.events_by_type.values().sum();
    let mut head = String::new();
    head.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    head.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>evex report</title>\n<style>");
    head.push_str(page::STYLE);
    for (i, _) in gaz.types().iter().enumerate() {
        let _ = writeln!(
            head,
            "mark.t{i}, .legend .t{i} {{ background: {}; }}",
            page::COLOURS[i % page::COLOURS.len()]
        );
    }
    head.push_str(
        "</style>\n</head>\n<body>\n<header>\n<h1>evex report</h1>\n<section id=\"summary\">\n",
    );
    let _ = writeln!(
        head,
        "<p>{} documents{}{}; {} entity mentions; {events} events. Gazetteer: {} entries, {} aliases; {} rules.</p>",
        s.documents,
        if s.truncated {
            " (the first ones of the input; raise --limit to see more)"
        } else {
            ""
        },
        if s.rejected > 0 {
            format!(", {} inputs rejected", s.rejected)
        } else {
            String::new()
        },
        s.entities,
        gaz.stats().entries,
        gaz.stats().aliases,
        p.rules().rules.len()
    );
    let table = |head: &mut String, title: &str, rows: &BTreeMap<String, u64>| {
        let _ = write!(
            head,
            "<table><tr><th>{}</th><th>events</th></tr>",
            escape(title)
        );
        for (k, v) in rows {
            let _ = write!(head, "<tr><td>{}</td><td>{v}</td></tr>", escape(k));
        }
        head.push_str("</table>\n");
    };
    if !s.events_by_type.is_empty() {
        let _ = writeln!(
            head,
            "<details><summary>Events per type and per rule ({} rules fired)</summary>",
            s.events_by_rule.len()
        );
        table(&mut head, "event type", &s.events_by_type);
        table(&mut head, "rule", &s.events_by_rule);
        head.push_str("</details>\n");
    }
    head.push_str("</section>\n</header>\n<nav id=\"controls\"><label>Event type <select id=\"type-filter\"><option value=\"\">all documents</option>");
    for t in s.events_by_type.keys() {
        let _ = write!(head, "<option value=\"{t}\">{t}</option>", t = escape(t));
    }
    head.push_str("</select></label> <input id=\"search\" type=\"search\" placeholder=\"Search the documents\" aria-label=\"Search\"> <span id=\"shown\"></span>\n<div class=\"legend\">Entity types: ");
    for (i, t) in gaz.types().iter().enumerate() {
        let _ = write!(head, "<span class=\"t{i}\">{}</span>", escape(t));
    }
    head.push_str("<span>dashed: a person named after a title, in no gazetteer</span> · <span><b class=\"trig\">trigger</b></span> <span class=\"role\">role<sub>slot</sub></span> · hover or click for details</div>\n</nav>\n<main>\n");
    out.write_all(head.as_bytes())?;
    for d in docs {
        out.write_all(d.html.as_bytes())?;
    }
    let mut tail = String::new();
    tail.push_str("</main>\n<aside id=\"details\" hidden><dl></dl></aside>\n<script>");
    tail.push_str(page::SCRIPT);
    tail.push_str("</script>\n</body>\n</html>\n");
    out.write_all(tail.as_bytes())
}
