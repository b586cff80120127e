#!/usr/bin/env python3
"""Write rules/common_words.txt: English words that are common in lower case.

`evex lint` warns about a gazetteer alias that is one of these words and has
no case rule: matched in any case, "Nice" (the city) would also match "nice".

A word is listed when
  * its wordfreq Zipf frequency in English is at least MIN_ZIPF (about ten
    occurrences per million words or more), and
  * an English spelling dictionary (Debian's SCOWL word lists, packages
    `wamerican` and `wbritish`) spells it in lower case. Names that are only
    ever capitalised ("russia", "obama") are frequent too, but matching them
    in lower case is harmless, so they are left out.

Sources and licences (see gazetteers/SOURCES.md):
  * wordfreq 3.1.1 (PyPI, pinned in scripts/gazetteers/requirements.txt):
    code Apache-2.0, data CC BY-SA 4.0 — so rules/common_words.txt, which is
    derived from it, is CC BY-SA 4.0.
  * SCOWL word lists (Kevin Atkinson et al.), permissive licence (Debian
    /usr/share/doc/wamerican/copyright).

Usage: python3 scripts/words/common_words.py   (with wordfreq==3.1.1 installed
and the Debian packages wamerican and wbritish; the output is deterministic).
"""
import sys
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

MIN_ZIPF = 4.0
DICTIONARIES = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"]
ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "rules" / "common_words.txt"


def main() -> int:
    lower = set()
    for path in DICTIONARIES:
        try:
            with open(path, encoding="utf-8") as f:
                lower.update(w.strip() for w in f if w.strip() and w.strip().islower())
        except FileNotFoundError:
            print(f"{path} is missing: apt-get install wamerican wbritish", file=sys.stderr)
            return 1
    words = sorted(
        w for w in top_n_list("en", 50000)
        if w.isalpha() and w.isascii() and w in lower and zipf_frequency(w, "en") >= MIN_ZIPF
    )
    header = [
        "# English words that are common in lower case: one per line, sorted.",
        "# Written by scripts/words/common_words.py; do not edit by hand.",
        f"# Words with a wordfreq 3.1.1 Zipf frequency of at least {MIN_ZIPF} in English that an",
        "# English spelling dictionary (SCOWL, Debian wamerican/wbritish) spells in lower case.",
        "# Derived from the wordfreq data (Robyn Speer; Exquisite Corpus: Wikipedia, OpenSubtitles,",
        "# SUBTLEX by Marc Brysbaert et al., Google Books Ngrams, news and web text),",
        "# licensed CC BY-SA 4.0; this file is therefore under CC BY-SA 4.0.",
        "# Used by `evex lint` (common-word check).",
    ]
    OUT.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
