//! WARC (ISO 28500, versions 1.0 and 1.1): web archives as crawlers write
//! them (Common Crawl's CC-NEWS publishes news this way, `wget --warc-file`
//! and Heritrix write them too), plain or gzipped record by record.
//!
//! Records are parsed by the `warc` crate, streamed: a body that is not
//! wanted is skipped without being kept. Each `response` record whose HTTP
//! payload is an HTML page with a 2xx status becomes a [`Page`], whose
//! article is extracted later on the worker threads. Every other record
//! (`warcinfo`, `request`, `metadata`, a response with an image, a
//! redirect) is skipped and counted by kind in `summary.json`; a record
//! that breaks the format ends the file with an `invalid_warc` reject,
//! since the records after it cannot be found reliably.

use super::html::Page;
use super::{InputFile, Item, Options, ReadProgress, Reject, RejectReason};
use flate2::read::{MultiGzDecoder, ZlibDecoder};
use std::io::{BufRead, Read};
use warc::{RecordType, WarcHeader, WarcReader};

/// Reads a WARC stream (already decompressed), passing one [`Page`] per
/// HTML response to `sink`.
pub fn read_warc(
    file: &InputFile,
    reader: Box<dyn BufRead>,
    opts: &Options,
    progress: &ReadProgress,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let reject = |n: u64, reason, detail: String| {
        Item::Reject(Reject {
            source: file.display.clone(),
            line: Some(n),
            reason,
            detail,
            doc_id: None,
        })
    };
    let mut warc = WarcReader::new(reader);
    let mut records = warc.stream_records();
    let limit = opts.max_doc_bytes.saturating_mul(4) as u64;
    let mut n = 0u64;
    while let Some(record) = records.next_item() {
        n += 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                sink(reject(
                    n,
                    RejectReason::InvalidWarc,
                    format!(
                        "record {n} is not a valid WARC record ({e}); the rest of the file is skipped"
                    ),
                ));
                return;
            }
        };
        if *record.warc_type() != RecordType::Response {
            progress.skip(&record.warc_type().to_string());
            continue;
        }
        if record.content_length() > limit {
            if !sink(reject(
                n,
                RejectReason::TooLarge,
                format!(
                    "the response has {} bytes, over four times --max-doc-bytes",
                    record.content_length()
                ),
            )) {
                return;
            }
            continue;
        }
        let date = record.date().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        // The headers are read as bytes from the record's raw parts: the
        // crate's `Record::header` panics on a value that is not UTF-8.
        let (headers, block) = match record.into_buffered() {
            Ok(r) => r.into_raw_parts(),
            Err(e) => {
                sink(reject(
                    n,
                    RejectReason::InvalidWarc,
                    format!("cannot read record {n}: {e}; the rest of the file is skipped"),
                ));
                return;
            }
        };
        let header = |h| headers.as_ref().get(&h).map(|v| String::from_utf8_lossy(v));
        let is_http = header(WarcHeader::ContentType)
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !is_http {
            progress.skip("response (not HTTP)");
            continue;
        }
        let url = header(WarcHeader::TargetURI)
            .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let page = match http_payload(&block, limit) {
            Ok(p) => p,
            Err(skip) => {
                progress.skip(skip);
                continue;
            }
        };
        if page.body.len() as u64 > limit {
            if !sink(reject(
                n,
                RejectReason::TooLarge,
                format!(
                    "the response's page has over {limit} bytes once decompressed, over four times --max-doc-bytes"
                ),
            )) {
                return;
            }
            continue;
        }
        let item = Item::Page(Page {
            id: url
                .clone()
                .unwrap_or_else(|| format!("{}#{n}", file.display)),
            source: file.display.clone(),
            line: Some(n),
            url,
            fallback_date: Some(date),
            charset: page.charset,
            html: page.body,
            max_doc_bytes: opts.max_doc_bytes,
        });
        if !sink(item) {
            return;
        }
    }
}

/// The HTML carried by an HTTP response.
#[derive(Debug, PartialEq, Eq)]
struct HttpPage {
    charset: Option<String>,
    body: Vec<u8>,
}

/// Parses an HTTP response message: an HTML page with a 2xx status, its
/// body unchunked and decompressed, or what to count it as when skipped.
/// Decompression stops after `limit` bytes and one more (a small gzip body
/// can hold gigabytes), so that the caller can reject a page over `limit`.
fn http_payload(block: &[u8], limit: u64) -> Result<HttpPage, &'static str> {
    let (head, body) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (&block[..i], &block[i + 4..]),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (&block[..i], &block[i + 2..]),
            None => return Err("response (no HTTP header)"),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok());
    match status {
        Some(200..=299) => {}
        Some(300..=399) => return Err("response (HTTP redirect)"),
        Some(_) => return Err("response (HTTP error)"),
        None => return Err("response (no HTTP status)"),
    }
    let (mut mime, mut charset, mut chunked, mut encoding) = (String::new(), None, false, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                let mut parts = value.split(';');
                mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                charset = parts.find_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    (k.trim().eq_ignore_ascii_case("charset"))
                        .then(|| v.trim().trim_matches('"').to_string())
                });
            }
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    if !(mime == "text/html" || mime == "application/xhtml+xml" || mime.is_empty()) {
        return Err("response (not HTML)");
    }
    let body = if chunked {
        unchunk(body).ok_or("response (bad chunked encoding)")?
    } else {
        body.to_vec()
    };
    let body = match encoding.as_deref() {
        None | Some("identity") | Some("") => body,
        Some("gzip") | Some("x-gzip") => {
            inflate(MultiGzDecoder::new(&body[..]), limit).ok_or("response (bad gzip)")?
        }
        Some("deflate") => {
            inflate(ZlibDecoder::new(&body[..]), limit).ok_or("response (bad deflate)")?
        }
        Some(_) => return Err("response (unsupported content encoding)"),
    };
    Ok(HttpPage { charset, body })
}

fn inflate(r: impl Read, limit: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Undoes HTTP/1.1 chunked transfer coding.
fn unchunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = memchr::memchr(b'\n', body)?;
        let size_line = std::str::from_utf8(&body[..eol]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(version: &str, kind: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/{version}\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2024-11-20T10:00:00Z\r\nWARC-Target-URI: https://a.example/x\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    /// A WARC input file named `t.warc`.
    fn test_file() -> InputFile {
        InputFile {
            path: None,
            display: "t.warc".into(),
            doc_id: "t.warc".into(),
            format: Some(super::super::Format::Warc),
            gzip: false,
            size: 0,
            reject: None,
        }
    }

    #[test]
    fn records_become_pages_skips_or_one_final_reject() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>";
        let mut bytes = record("1.1", "request", b"GET /x HTTP/1.1\r\n\r\n");
        bytes.extend(record("1.0", "response", page));
        bytes.extend(b"WARC/1.1\r\nthis is not a header\r\n\r\n");
        bytes.extend(record("1.1", "response", page));
        let file = test_file();
        let progress = ReadProgress::default();
        let mut items = Vec::new();
        read_warc(
            &file,
            Box::new(std::io::Cursor::new(bytes)),
            &Options::default(),
            &progress,
            &mut |i| {
                items.push(i);
                true
            },
        );
        assert_eq!(items.len(), 2, "{items:?}");
        let Item::Page(p) = &items[0] else {
            panic!("{:?}", items[0])
        };
        assert_eq!(
            (
                p.id.as_str(),
                p.line,
                p.fallback_date.as_deref(),
                p.html.as_slice()
            ),
            (
                "https://a.example/x",
                Some(2),
                Some("2024-11-20T10:00:00Z"),
                &b"<p>x</p>"[..]
            )
        );
        let Item::Reject(r) = &items[1] else {
            panic!("{:?}", items[1])
        };
        assert_eq!((r.line, r.reason), (Some(3), RejectReason::InvalidWarc));
        assert_eq!(progress.skipped().get("request"), Some(&1));
    }

    #[test]
    fn header_values_that_are_not_utf8_do_not_stop_reading() {
        // A Latin-1 'é' in the target URI (this once panicked in the crate).
        let page = b"HTTP/1.1 200 OK\r\n\r\n<p>x</p>";
        let bytes = record("1.1", "response", page);
        let at = memchr::memmem::find(&bytes, b"example/x").unwrap() + 8;
        let mut bytes = bytes;
        bytes[at] = 0xE9;
        let file = test_file();
        let mut ids = Vec::new();
        read_warc(
            &file,
            Box::new(std::io::Cursor::new(bytes)),
            &Options::default(),
            &ReadProgress::default(),
            &mut |i| {
                if let Item::Page(p) = i {
                    ids.push(p.id);
                }
                true
            },
        );
        assert_eq!(ids, ["https://a.example/\u{FFFD}"]);
    }

    #[test]
    fn http_responses_give_html_or_a_reason_to_skip() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"windows-1252\"\r\n\r\n<p>hi</p>";
        assert_eq!(
            http_payload(ok, 1000),
            Ok(HttpPage {
                charset: Some("windows-1252".into()),
                body: b"<p>hi</p>".to_vec()
            })
        );
        let img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_payload(img, 1000), Err("response (not HTML)"));
        let moved = b"HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\n\r\n";
        assert_eq!(http_payload(moved, 1000), Err("response (HTTP redirect)"));
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n4\r\n<p>h\r\n5;x=y\r\ni</p>\r\n0\r\n\r\n";
        assert_eq!(
            http_payload(chunked, 1000).map(|p| p.body),
            Ok(b"<p>hi</p>".to_vec())
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut msg = b"HTTP/1.0 200 OK\nContent-Encoding: gzip\n\n".to_vec();
        msg.extend(gz.finish().unwrap());
        assert_eq!(
            http_payload(&msg, 1000).map(|p| p.body),
            Ok(b"<p>zipped</p>".to_vec())
        );
        // A compressed body stops one byte past the limit.
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut bomb, &[b' '; 1 << 20]).unwrap();
        let mut msg = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        msg.extend(bomb.finish().unwrap());
        assert!(msg.len() < 2000, "{}", msg.len());
        assert_eq!(http_payload(&msg, 1000).map(|p| p.body.len()), Ok(1001));
    }
}
