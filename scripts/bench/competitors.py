"""Times Python gazetteer matchers on the evex benchmark data.

    python competitors.py GAZETTEER.tsv CORPUS.jsonl [--slice-mb 5] [--only NAME]

Reads the surface forms of the gazetteer as scripts/bench/floor.rs does
(canonical, aliases and demonyms; `!Form` removals skipped; duplicates in
lower case dropped) and the `text` of the first SLICE-MB megabytes (UTF-8
bytes) of the JSONL corpus, then for each library that imports:

* flashtext: KeywordProcessor (case-insensitive), extract_keywords;
* pyahocorasick: Automaton over lower-cased forms, iter_long (leftmost-longest)
  over the lower-cased text, whole-word matches counted;
* spacy: PhraseMatcher(attr="LOWER") on spacy.blank("en") (tokenizer only,
  no model), patterns made with nlp.tokenizer.pipe, texts with nlp.pipe.

Prints one line per library:
    NAME build_seconds=.. scan_seconds=.. text_bytes=.. matches=.. mb_per_s=..
or `NAME skipped: reason`. Text bytes are UTF-8 bytes of the texts; the scan
time covers matching only (the texts are read beforehand).
"""

import argparse
import json
import sys
import time


def read_patterns(path):
    header = None
    seen = set()
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            for name, cell in zip(header, cells):
                if name == "canonical":
                    forms = [cell.strip()]
                elif name in ("aliases", "demonyms"):
                    forms = [x.strip() for x in cell.split("|")]
                else:
                    continue
                for form in forms:
                    if not form or form.startswith("!"):
                        continue
                    key = form.lower()
                    if key not in seen:
                        seen.add(key)
                        out.append(form)
    return out


def read_texts(path, limit_bytes):
    texts = []
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            texts.append(text)
            total += len(text.encode("utf-8"))
            if total >= limit_bytes:
                break
    return texts, total


def run_flashtext(patterns, texts):
    from flashtext import KeywordProcessor

    t = time.perf_counter()
    kp = KeywordProcessor(case_sensitive=False)
    for p in patterns:
        kp.add_keyword(p)
    build = time.perf_counter() - t
    t = time.perf_counter()
    n = 0
    for text in texts:
        n += len(kp.extract_keywords(text))
    return build, time.perf_counter() - t, n


def run_pyahocorasick(patterns, texts):
    import ahocorasick

    t = time.perf_counter()
    a = ahocorasick.Automaton()
    for i, p in enumerate(patterns):
        a.add_word(p.lower(), (i, len(p)))
    a.make_automaton()
    build = time.perf_counter() - t
    t = time.perf_counter()
    n = 0
    for text in texts:
        low = text.lower()
        size = len(low)
        for end, (_, length) in a.iter_long(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == size or not low[end + 1].isalnum()):
                n += 1
    return build, time.perf_counter() - t, n


def run_spacy(patterns, texts):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    t = time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    docs = list(nlp.tokenizer.pipe(patterns, batch_size=1000))
    for i in range(0, len(docs), 10000):
        matcher.add("ENTITY", docs[i : i + 10000])
    build = time.perf_counter() - t
    t = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n += len(matcher(doc))
    return build, time.perf_counter() - t, n


RUNNERS = {"flashtext": run_flashtext, "pyahocorasick": run_pyahocorasick, "spacy": run_spacy}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gazetteer")
    ap.add_argument("corpus")
    ap.add_argument("--slice-mb", type=float, default=5.0)
    ap.add_argument("--only", action="append", choices=sorted(RUNNERS))
    args = ap.parse_args()
    patterns = read_patterns(args.gazetteer)
    texts, total = read_texts(args.corpus, int(args.slice_mb * 1e6))
    print(f"patterns={len(patterns)} docs={len(texts)} text_bytes={total}", file=sys.stderr)
    for name in args.only or list(RUNNERS):
        try:
            build, scan, n = RUNNERS[name](patterns, texts)
        except ImportError as e:
            print(f"{name} skipped: {e}")
            continue
        print(
            f"{name} build_seconds={build:.3f} scan_seconds={scan:.3f} text_bytes={total} "
            f"matches={n} mb_per_s={total / 1e6 / max(scan, 1e-9):.2f}"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
