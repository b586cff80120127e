#!/usr/bin/env python3
"""Check the default gazetteers for data problems that evex itself accepts silently.

    python3 scripts/gazetteers/check.py            # report; exit 1 when a tie or an
                                                   # unmatchable alias is found
    python3 scripts/gazetteers/check.py --words    # also list ordinary-word aliases
                                                   # (needs wordfreq: run it with
                                                   # scripts/gazetteers/.venv/bin/python)

What it reports (a curator's checklist, run after every edit of gazetteers/*.tsv):

* ties: one folded alias on two entries of the same type. evex then picks one by
  rank and file order, so one of the two entries can never be found by that name.
  Generic classes ("drones") are ignored, and so are PERSON surnames, which resolve
  by the full name seen earlier in the document.
* shadows: an ORG/WEAPON/PERSON alias that is also the name of a PLACE. Types beat
  PLACE at equal length, so every mention of the place would become the other
  entity ("Linyi" the destroyer hiding Linyi the city). Listed, not an error: some
  are deliberate (a city used as a party's name is not one).
* unmatchable: a case=title alias whose words are not capitalised as case=title
  requires (first word and every word of four or more letters), so it never matches.
* ordinary words (--words): a one-word alias under case=any that is a frequent English
  word (wordfreq Zipf >= 3.0) and would match in running text ("Patriot", "Arrow").

Folding follows evex: Unicode accents stripped, case folded, every run of
punctuation a word boundary (see src/normalize.rs).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GAZ = ROOT / "gazetteers"
TYPE_OF_FILE = {"person": "PERSON", "place": "PLACE", "org": "ORG", "weapon": "WEAPON"}
ORDINARY_ZIPF = 3.0


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("đ", "d")
    s = s.replace("ł", "l").replace("Ł", "l").replace("ı", "i").replace("æ", "ae")
    return " ".join(re.findall(r"[^\W_]+", s.casefold()))


def title_ok(alias: str) -> bool:
    ws = re.findall(r"[^\W_]+", alias)
    if not ws:
        return False
    first = ws[0]
    if not (first[0].isupper() or first[0].isdigit()):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in ws if len(w) >= 4)


def rows(path: Path):
    header = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield n, dict(zip(header, cells + [""] * (len(header) - len(cells))))


def load():
    entries = []
    for path in sorted(GAZ.glob("*.tsv")):
        default_type = TYPE_OF_FILE.get(path.stem.split("_")[0], "")
        for n, r in rows(path):
            etype = (r.get("type") or default_type).upper()
            canonical = r["canonical"]
            aliases = [a.removeprefix("=") for a in (r.get("aliases") or "").split("|") if a and not a.startswith("!")]
            demonyms = [a for a in (r.get("demonyms") or "").split("|") if a]
            entries.append({
                "where": f"{path.name}:{n}",
                "id": r.get("id") or f"{etype.lower()}/{fold(canonical).replace(' ', '-')}",
                "type": etype,
                "canonical": canonical,
                "names": [canonical] + aliases,
                "demonyms": demonyms,
                "case": r.get("case") or "any",
                "generic": (r.get("generic") or "").lower() == "yes",
            })
    return entries


def main() -> int:
    entries = load()
    owners = defaultdict(list)  # (type, folded) -> entries
    place_names = set()
    for e in entries:
        for a in e["names"]:
            k = fold(a)
            if e["type"] == "PLACE":
                place_names.add(k)
            if e["generic"]:
                continue
            if e["type"] == "PERSON" and len(k.split()) == 1 and len(fold(e["canonical"]).split()) > 1:
                continue  # a surname: resolved by the full name earlier in the document
            if e not in owners[(e["type"], k)]:
                owners[(e["type"], k)].append(e)
    problems = 0
    ties = [(t, k, es) for (t, k), es in owners.items() if len(es) > 1 and t != "PLACE"]
    for t, k, es in sorted(ties, key=lambda x: (x[0], x[1])):
        problems += 1
        print(f"tie\t{t}\t{k!r}\t" + "  ".join(f"{e['where']} {e['canonical']}" for e in es))
    for e in entries:
        if e["case"] == "title":
            for a in e["names"] + e["demonyms"]:
                if not title_ok(a):
                    problems += 1
                    print(f"unmatchable\t{e['where']}\t{a!r} cannot match under case=title")
    shadows = 0
    for (t, k), es in sorted(owners.items()):
        if t in ("ORG", "WEAPON", "PERSON") and k in place_names:
            shadows += 1
            print(f"shadow\t{t}\t{k!r}\t{es[0]['where']} {es[0]['canonical']} hides a PLACE name")
    if "--words" in sys.argv:
        from wordfreq import zipf_frequency
        for e in entries:
            if e["case"] != "any" or e["generic"] or e["type"] == "PLACE":
                continue
            for a in e["names"]:
                k = fold(a)
                if " " not in k and not (a.isupper() and len(a) <= 3):
                    z = zipf_frequency(k, "en")
                    if z >= ORDINARY_ZIPF:
                        print(f"word\t{e['where']}\t{a!r} (Zipf {z:.1f}) matches ordinary text;"
                              " use case=title or exact")
    print(f"# {len(entries)} entries; {problems} problems (ties, unmatchable); "
          f"{shadows} PLACE names shadowed", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
