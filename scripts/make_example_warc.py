#!/usr/bin/env python3
"""Builds the example web archives examples/warc/ from examples/html/*.html.

    python3 scripts/make_example_warc.py        # examples/warc/news.warc (WARC/1.1) and news.warc.gz (WARC/1.0)
    python3 scripts/make_example_warc.py --pages 1000 --out big.warc.gz   # a larger archive, for benchmarks

The archives hold what a crawl holds: a `warcinfo` record, a `request`
and a `response` record per fetched page, a `metadata` record, and
responses that are not articles (robots.txt, a redirect, a 404, a front
page). One response is sent gzip-encoded and chunked, one page is in
windows-1252 with the charset given only by the HTTP header, and one
article is fetched twice from two sites (a syndicated copy without a
publication date, which takes the WARC-Date). Output is byte-identical on
every run (fixed dates and ids, gzip members without timestamps).
Written for evex; the pages are the example articles in examples/html.
"""
import argparse
import gzip
import io
import pathlib
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
HERE = ROOT / "examples" / "warc"
HTML = ROOT / "examples" / "html"


def page(name):
    return (HTML / name).read_bytes()


def http(status, headers, body):
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("ascii") + body


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += f"{len(part):x}\r\n".encode() + part + b"\r\n"
    return out + b"0\r\n\r\n"


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


class Archive:
    def __init__(self, version):
        self.version = version
        self.records = []
        self.n = 0

    def record(self, wtype, date, block, uri=None, content_type=None, extra=()):
        self.n += 1
        headers = [
            ("WARC-Type", wtype),
            ("WARC-Record-ID", f"<urn:uuid:6576e5e5-0000-4000-8000-{self.n:012d}>"),
            ("WARC-Date", date),
        ]
        if uri:
            headers.append(("WARC-Target-URI", uri))
        if content_type:
            headers.append(("Content-Type", content_type))
        headers.extend(extra)
        headers.append(("Content-Length", str(len(block))))
        head = f"WARC/{self.version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
        self.records.append(head.encode("utf-8") + block + b"\r\n\r\n")

    def fetch(self, uri, date, response_block):
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3] if uri.count("/") > 2 else "/"
        req = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: example-crawler/1.0\r\n\r\n".encode()
        self.record("request", date, req, uri, "application/http; msgtype=request")
        self.record("response", date, response_block, uri, "application/http; msgtype=response")

    def write(self, path, compress):
        with open(path, "wb") as f:
            for r in self.records:
                f.write(gzip_bytes(r) if compress else r)


def example(version):
    a = Archive(version)
    a.record("warcinfo", "2024-11-21T10:00:00Z",
             b"software: evex example builder\r\nformat: WARC File Format " + version.encode() + b"\r\n",
             content_type="application/warc-fields")
    html = "text/html; charset=utf-8"
    a.fetch("https://harbour-herald.example/robots.txt", "2024-11-21T10:00:01Z",
            http("200 OK", [("Content-Type", "text/plain")], b"User-agent: *\nAllow: /\n"))
    a.fetch("https://harbour-herald.example/", "2024-11-21T10:00:02Z",
            http("200 OK", [("Content-Type", html)], page("front-page.html")))
    a.fetch("https://harbour-herald.example/world/2024/03/14/odesa-port-drones", "2024-11-21T10:00:03Z",
            http("200 OK", [("Content-Type", html)], page("odesa-port-drones.html")))
    # The same article on a second site, without its publication date: the
    # WARC-Date stands in.
    copy = page("odesa-port-drones.html").replace(
        b'<meta property="article:published_time" content="2024-03-14T07:10:00+02:00">\n', b"")
    a.fetch("https://black-sea-digest.example/2024/odesa-drones", "2024-03-14T11:00:00Z",
            http("200 OK", [("Content-Type", html)], copy))
    a.fetch("http://frontline-dispatch.example/ukraine-atacms", "2024-11-21T10:00:05Z",
            http("301 Moved Permanently", [("Location", "https://frontline-dispatch.example/news/ukraine-atacms-bryansk")], b""))
    gz = gzip_bytes(page("bryansk-atacms.html"))
    a.fetch("https://frontline-dispatch.example/news/ukraine-atacms-bryansk", "2024-11-21T10:00:06Z",
            http("200 OK", [("Content-Type", html), ("Content-Encoding", "gzip"),
                            ("Transfer-Encoding", "chunked")], chunked(gz)))
    a.fetch("https://bosphorus-wire.example/europe/istanbul-talks", "2025-05-17T08:30:00Z",
            http("200 OK", [("Content-Type", "text/html; charset=windows-1252")], page("istanbul-talks.html")))
    a.fetch("https://bosphorus-wire.example/missing", "2025-05-17T08:30:01Z",
            http("404 Not Found", [("Content-Type", html)], b"<html><body><h1>Not found</h1></body></html>"))
    a.record("metadata", "2025-05-17T08:30:02Z", b"outlinks: https://bosphorus-wire.example/europe\r\n",
             "https://bosphorus-wire.example/europe/istanbul-talks", "application/warc-fields")
    return a


def many(pages):
    """`pages` HTML responses (each with its request), cycling through the
    three example articles under distinct URLs, a day apart."""
    a = Archive("1.1")
    sources = [("odesa-port-drones.html", "harbour-herald.example"),
               ("bryansk-atacms.html", "frontline-dispatch.example"),
               ("istanbul-talks.html", "bosphorus-wire.example")]
    bodies = [(page(n), h) for n, h in sources]
    for i in range(pages):
        body, host = bodies[i % len(bodies)]
        day = 1 + i % 28
        a.fetch(f"https://{host}/story/{i}", f"2024-02-{day:02d}T12:00:00Z",
                http("200 OK", [("Content-Type", "text/html")], body))
    return a


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, help="write an archive of this many pages instead")
    ap.add_argument("--out", help="output file (.warc or .warc.gz) for --pages")
    a = ap.parse_args()
    if a.pages:
        out = pathlib.Path(a.out or f"pages-{a.pages}.warc.gz")
        many(a.pages).write(out, out.suffix == ".gz")
        return
    example("1.1").write(HERE / "news.warc", False)
    example("1.0").write(HERE / "news.warc.gz", True)


if __name__ == "__main__":
    main()
