//! HTML: a saved page (or a WARC response) → the article it carries.
//!
//! The main text is found by `dom_smoothie`, a port of Mozilla's
//! Readability (the algorithm behind Firefox's reader view): it scores the
//! page's blocks by their text and link density and keeps the article,
//! dropping navigation, scripts, styles, cookie banners, comment sections
//! and footers. It also reads the title and the publication date from the
//! usual meta tags (`article:published_time`, `og:title`, Dublin Core…)
//! and from JSON-LD (`datePublished`, `headline`). A page that Readability
//! does not judge to hold an article (a front page, a 404, a cookie wall)
//! is rejected as `no_article`.
//!
//! The extracted text is the document's text: every offset evex writes
//! refers to it, and `--tables documents` writes it out so the offsets can
//! be checked.

use super::{InputFile, Item, Options, Reject, RejectReason, check_string};
use crate::document::Document;
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::{Encoding, UTF_8};
use regex::Regex;
use std::io::{BufRead, Read};
use std::sync::LazyLock;

/// A web page read from the input, its article not yet extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The document id the article will get.
    pub id: String,
    /// The file (for rejects).
    pub source: String,
    /// The WARC record number (for rejects).
    pub line: Option<u64>,
    /// Where the page was fetched from (WARC-Target-URI), if known.
    pub url: Option<String>,
    /// Used when the page states no publication date (the WARC-Date).
    pub fallback_date: Option<String>,
    /// The charset named by the HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    /// The page as fetched, not yet decoded.
    pub html: Vec<u8>,
    /// The size limit for the extracted article.
    pub max_doc_bytes: usize,
}

/// What Readability found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`).
    pub url: Option<String>,
}

/// Reads one `.html` file as a page.
pub fn read_html(
    file: &InputFile,
    reader: Box<dyn BufRead>,
    opts: &Options,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut html = Vec::new();
    // Pages carry markup besides the text: allow for it in the size limit.
    let limit = opts.max_doc_bytes.saturating_mul(4);
    if let Err(e) = reader
        .take((limit as u64).saturating_add(1))
        .read_to_end(&mut html)
    {
        sink(Item::Reject(Reject {
            source: file.display.clone(),
            line: None,
            reason: RejectReason::Unreadable,
            detail: format!("cannot read: {e}"),
            doc_id: None,
        }));
        return;
    }
    sink(Item::Page(Page {
        id: file.doc_id.clone(),
        source: file.display.clone(),
        line: None,
        url: None,
        fallback_date: None,
        charset: None,
        html,
        max_doc_bytes: opts.max_doc_bytes,
    }));
}

/// Extracts a page's article: a document, or a reject that says why not.
pub fn extract_item(page: &mut Page) -> Item {
    // The page's id names the document in a `--per-document` stream.
    let reject = |reason, detail: String| {
        Item::Reject(Reject {
            source: page.source.clone(),
            line: page.line,
            reason,
            detail,
            doc_id: Some(page.id.clone()),
        })
    };
    if page.html.len() > page.max_doc_bytes.saturating_mul(4) {
        return reject(
            RejectReason::TooLarge,
            format!(
                "the page has {} bytes, over four times --max-doc-bytes",
                page.html.len()
            ),
        );
    }
    let html = decode_html(&page.html, page.charset.as_deref());
    let article = match extract(&html, page.url.as_deref()) {
        Some(a) => a,
        None => {
            return reject(
                RejectReason::NoArticle,
                "no article text found in the page (a front page, an index, an error or cookie page?)"
                    .into(),
            );
        }
    };
    let text = match check_string(article.text, page.max_doc_bytes) {
        Ok(t) => t,
        Err((reason, detail)) => return reject(reason, detail),
    };
    Item::Doc(Document {
        id: std::mem::take(&mut page.id),
        text,
        title: article.title,
        date: article.date.or_else(|| page.fallback_date.take()),
        url: page.url.take().or(article.url),
        source: Some(page.source.clone()),
        kept: Vec::new(),
    })
}

/// The article of an HTML page, or `None` when the page holds none.
pub fn extract(html: &str, url: Option<&str>) -> Option<Article> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut r = Readability::new(html, url.filter(|u| u.starts_with("http")), Some(cfg)).ok()?;
    if !r.is_probably_readable() {
        return None;
    }
    let a = r.parse().ok()?;
    let text = tidy(&a.text_content);
    if text.chars().filter(|c| c.is_alphanumeric()).count() < MIN_ARTICLE_CHARS {
        return None;
    }
    let title = Some(a.title.trim().to_string()).filter(|t| !t.is_empty());
    Some(Article {
        text,
        title,
        date: a.published_time.filter(|d| !d.trim().is_empty()),
        url: a
            .url
            .or_else(|| canonical_link(html))
            .filter(|u| u.starts_with("http")),
    })
}

/// `<link rel="canonical" href="…">`, which Readability does not read.
fn canonical_link(html: &str) -> Option<String> {
    static CANONICAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)<link\s[^>]*rel\s*=\s*["']?canonical["']?[^>]*>"#)
            .expect("the canonical-link pattern is valid")
    });
    static HREF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\bhref\s*=\s*["']([^"']+)["']"#).expect("the href pattern is valid")
    });
    let head = &html[..html.floor_char_boundary(1 << 16)];
    let tag = CANONICAL.find(head)?;
    Some(HREF.captures(tag.as_str())?[1].to_string())
}

/// Fewer letters and digits than this is not an article (a caption, a
/// paywall teaser).
const MIN_ARTICLE_CHARS: usize = 80;

/// One paragraph a line, separated by a blank line, no trailing spaces:
/// the formatted text keeps the page's block structure, which the sentence
/// splitter uses.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for para in text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
    {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out
}

/// Decodes a page: a byte-order mark wins, then the HTTP charset, then a
/// `<meta charset>` in the first kilobytes, else UTF-8. Undecodable bytes
/// become U+FFFD (pages are often slightly broken; a reject would lose the
/// article).
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> String {
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(4096)]))
        .map(|e| {
            if e.name().starts_with("UTF-16") {
                UTF_8
            } else {
                e
            }
        })
        .unwrap_or(UTF_8);
    let (text, _, _) = declared.decode(bytes);
    text.into_owned()
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv
/// content="…; charset=…">` in `head`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Drones strike port city | The Example Ledger</title>
<meta property="article:published_time" content="2024-03-14T06:30:00Z">
<script>var tracking = "Russia attacked everything";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Drones strike port city</h1>
<p>Russian forces launched a wave of drones at the Ukrainian port city of Odesa early on Thursday, regional officials said, damaging a grain terminal and several warehouses.</p>
<p>Air defences shot down most of the drones, the officials added, but debris started fires near the harbour that burned for several hours before crews contained them.</p>
<p>The city has been struck repeatedly since the summer, when shipping through the Black Sea corridor resumed after months of disruption.</p>
<p>Port workers said loading would resume within days once the damaged conveyors had been inspected, and that the terminal's insurers had already sent assessors to the site.</p>
</article>
<section id="comments"><h3>Comments</h3><p>first!</p></section>
<footer>© The Example Ledger. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn the_article_is_extracted_without_boilerplate() {
        let a = extract(PAGE, Some("https://ledger.example/world/odesa")).expect("article");
        assert!(
            a.text
                .starts_with("Russian forces launched a wave of drones"),
            "{}",
            a.text
        );
        assert!(a.text.contains("\n\nAir defences shot down"), "{}", a.text);
        for junk in ["tracking", "cookies", "Home", "first!", "rights reserved"] {
            assert!(!a.text.contains(junk), "{junk} in {}", a.text);
        }
        assert_eq!(a.date.as_deref(), Some("2024-03-14T06:30:00Z"));
        assert!(
            a.title
                .as_deref()
                .is_some_and(|t| t.contains("Drones strike port city"))
        );
    }

    #[test]
    fn pages_without_an_article_give_none() {
        let front = r#"<html><head><title>Home</title></head><body>
<nav><a href="/a">World</a> <a href="/b">Business</a> <a href="/c">Sport</a></nav>
<div class="cookie-consent">We use cookies. <a href="/privacy">Privacy policy</a> <button>Accept</button></div>
</body></html>"#;
        assert_eq!(extract(front, None), None);
    }

    #[test]
    fn charsets_are_honoured() {
        // "Київ" in windows-1251, declared in a meta tag.
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>".to_vec();
        bytes.extend_from_slice(&[0xCA, 0xE8, 0xBF, 0xE2]);
        assert!(decode_html(&bytes, None).ends_with("Київ"));
        // The HTTP header wins over the default.
        assert!(decode_html(&[0xE9], Some("iso-8859-1")).ends_with('é'));
        assert_eq!(decode_html("Kyïv".as_bytes(), None), "Kyïv");
    }
}
