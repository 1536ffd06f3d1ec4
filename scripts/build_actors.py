#!/usr/bin/env python3
"""Rebuild vigie's actor gazetteer and the English agents list from their sources.

Writes ``src/vigie/resources/actors/actors.jsonl.gz`` (one JSON object per actor, sorted by
id; the format is in ``src/vigie/resources/actors/README.md``), the counts in that README,
and ``src/vigie/lang/en/agents.tsv``. Sources:

- the PETRARCH2 Phoenix dictionaries (Open Event Data Alliance, MIT), read from a folder
  (default ``../shared/data/petrarch2-dictionaries`` beside the repository): countries,
  persons with dated roles, international organisations, armed groups, generic agents;
- pycountry (ISO 3166-1 codes, English names, and names in every language of its gettext
  catalogues, French included);
- ``src/vigie/resources/actors/sources/rigour-territories.tsv``: Wikidata ids and main
  places of each territory, extracted once from the ``rigour`` package (OpenSanctions,
  MIT) with ``--refresh-rigour`` (see ``extract_rigour``);
- vigie's own data in ``src/vigie/resources/actors/curated/`` (names, adjectives and seats
  in French and English, organisations, persons of 2014-2025 and their roles).

Usage (from the repository root)::

    .venv/bin/python scripts/build_actors.py [PETRARCH_DIR]
    .venv/bin/python scripts/build_actors.py --refresh-rigour /tmp/rigour-unpacked

Needs pycountry (``.venv/bin/pip install pycountry``) at build time only: the shipped file
is all that vigie reads at run time.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vigie.nlp.tabari import (  # noqa: E402  (after the path is set)
    Agent,
    Entry,
    merge_synonym_blocks,
    parse_actors,
    parse_agents,
)

ACTORS = REPO / "src" / "vigie" / "resources" / "actors"
CURATED = ACTORS / "curated"
RIGOUR_TSV = ACTORS / "sources" / "rigour-territories.tsv"
OUT = ACTORS / "actors.jsonl.gz"
README = ACTORS / "README.md"
EN_AGENTS = REPO / "src" / "vigie" / "lang" / "en" / "agents.tsv"
DEFAULT_PETRARCH = REPO.parent / "shared" / "data" / "petrarch2-dictionaries"

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
GROUPS_FILE = "Phoenix.MilNonState.actors.txt"
AGENTS_FILE = "Phoenix.agents.txt"

# Dates typed wrongly in PETRARCH2, read as the context shows (None: left out).
REPAIRS: dict[str, str | None] = {
    "GBRGOV >201005011": "GBRGOV >20100511",  # David Cameron, Prime Minister from 2010-05-11
    "ARMUNR 9008223-911221": "ARMUNR 900823-911221",  # Armenia's declaration of 1990-08-23
    "KORGOVBUS 2004017-20061201": None,  # 2004-01-07 or 2004-10-17? unknown: left out
}

# CAMEO country codes that differ from ISO 3166-1 alpha-3, and the non-ISO ones kept as ids.
CAMEO_TO_ISO = {"TMP": "TLS", "IMY": "IMN", "ROM": "ROU", "ZAR": "COD"}
NON_ISO_STATES = {
    "KSV": ("Kosovo", "xkx"),
    "SUN": ("Soviet Union", "sun"),
    "DDR": ("East Germany", "ddr"),
    "CSK": ("Czechoslovakia", "csk"),
    "YUG": ("Yugoslavia", "yug"),
    "SCG": ("Serbia and Montenegro", "scg"),
}
# CAMEO regional codes: never a country.
REGIONS = {
    "AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST", "WEU",
}
NON_STATE_HEADS = {"NGO", "MNC", "IMG", "UAF", "ELI", "REB", "MED", "BUS", "CVL", "OPP", "PTY", "REL"}
KNOWN_FICTIONAL = {"KNT"}  # "Kinakuta", the made-up country of the TABARI examples

ORG_WORDS = {
    "ACADEMY", "ADMINISTRATION", "AGENCY", "AIRLINES", "AIRWAYS", "ALLIANCE", "ARMY",
    "ASSEMBLY", "ASSOCIATION", "AUTHORITY", "BANK", "BATTALION", "BOARD", "BRIGADE", "BRIGADES",
    "BUREAU", "CABINET", "CELL", "CELLS", "CENTER", "CENTRE", "CHAMBER", "CHURCH", "CITY",
    "CLUB", "COALITION", "COLLEGE", "COMMAND", "COMMISSION", "COMMITTEE", "COMMUNITY",
    "COMPANY", "CONFEDERATION", "CONFERENCE", "CONGRESS", "CORP", "CORP.", "CORPORATION",
    "COUNCIL", "COURT", "DEPARTMENT", "DIRECTORATE", "DIVISION", "EMBASSY", "FEDERATION",
    "FOUNDATION", "FORCE", "FORCES", "FORUM", "FRONT", "FUND", "GOVERNMENT", "GROUP", "GROUPS",
    "GUARD", "GUARDS", "HOSPITAL", "INC", "INC.", "INSTITUTE", "INSTITUTION", "INTERNATIONAL",
    "LEAGUE", "LIMITED", "LTD", "LTD.", "MILITIA", "MINISTRY", "MISSION", "MOVEMENT", "NATIONS",
    "NETWORK", "NEWS", "OFFICE", "ORGANISATION", "ORGANIZATION", "PARLIAMENT", "PARTY",
    "POLICE", "PRESS", "PROGRAM", "PROGRAMME", "PROJECT", "REPUBLIC", "SCHOOL", "SECRETARIAT",
    "SERVICE", "SERVICES", "SOCIETY", "SQUAD", "STATES", "SYNDICATE", "TRIBUNAL", "TRUST",
    "UNION", "UNIT", "UNITS", "UNIVERSITY", "WORLD",
}
# Words that make an alias a role description ("RUSSIAN_FOREIGN_MINISTER_LAVROV"), not a name.
ROLE_WORDS = {
    "ADMINISTRATION", "AIDE", "AMBASSADOR", "AMB", "AMB.", "ASSEMBLYMAN", "ATTORNEY",
    "BUNDESKANZLER", "CANDIDATE", "CAPTAIN", "CHAIR", "CHAIRMAN", "CHAIRWOMAN", "CHANCELLOR",
    "CHIEF", "COLONEL", "COMMANDER", "COMMISSIONER", "CONGRESSMAN", "CONGRESSWOMAN",
    "COUNSELLOR", "DEFENCE", "DEFENSE", "DELEGATE", "DEPUTY", "DIPLOMAT", "DIRECTOR", "ENVOY",
    "EX-PRESIDENT", "FOREIGN", "FORMER", "GENERAL", "GOV", "GOV.", "GOVERNMENT", "GOVERNOR",
    "HEAD", "JUDGE", "JUSTICE", "KANZLER", "LAWMAKER", "LEADER", "LIEUTENANT", "MAJOR", "MAYOR",
    "MINISTER", "MINISTRY", "MP", "NEGOTIATOR", "OFFICIAL", "PM", "PREMIER", "PRESIDENT",
    "PRESIDENT-ELECT", "PRIME", "PROSECUTOR", "REP", "REP.", "REPRESENTATIVE", "SECRETARY",
    "SECRETARY-GENERAL", "SEN", "SEN.", "SENATOR", "SPEAKER", "SPOKESMAN", "SPOKESPERSON",
    "SPOKESWOMAN", "VICE", "VICE-PRESIDENT", "REGIME", "GENERAL-SECRETARY",
}
HONORIFICS_DROPPED = {"MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SIR", "MISTER", "COMRADE"}
TITLE_SKIP = {"THE", "FORMER", "EX", "THEN", "ACTING", "INTERIM", "NEW", "OUTGOING", "INCOMING"}
FUNCTION_WORDS = {"OF", "THE", "AND", "FOR", "IN", "ON", "AT", "TO", "A", "AN", "BY", "WITH", "FROM", "ET"}
FRENCH_FUNCTION_WORDS = {"DE", "DU", "DES", "LA", "LE", "LES", "L'", "D'"}
PERSON_PARTICLES = {
    "DE", "DA", "DOS", "DAS", "DO", "DEL", "VAN", "VON", "DER", "DEN", "TER", "BIN", "IBN",
    "BINT", "Y", "DU",
}
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"}
HYPHEN_LOWER = {"KOR", "PRK"}
COMPANY_WORDS = {"LTD": "Ltd", "LTD.": "Ltd.", "INC": "Inc", "INC.": "Inc.", "CORP": "Corp", "CORP.": "Corp.",
                 "CO": "Co", "CO.": "Co.", "GMBH": "GmbH", "AG": "AG", "SA": "SA", "NV": "NV", "PLC": "PLC",
                 "LLC": "LLC", "BV": "BV", "SPA": "SpA", "AB": "AB", "ASA": "ASA", "LP": "LP"}
ACRONYMS = {"US", "UK", "UN", "EU", "DR", "RD", "DC", "UAE", "USA", "PRC", "DRC", "NATO", "OPEC"}
ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XII|XIII|XIV|XV|XVI)$")
DEMONYM_END = re.compile(r"(?:(?:IAN|EAN)S?|ESE|ISH|(?:ISH|CH|TS)(?:MAN|MEN|WOMAN|WOMEN))$")
TITLE_LIKE = re.compile(
    r"\b(?:minister|pm|president|secretary|sec|amb|ambassador|chancellor|leader|senator|chief|"
    r"advisor|adviser|dci|governor|council|assembly|min|cmdr|dep|head|director|speaker)\b",
    re.IGNORECASE,
)
TITLE_NOISE = re.compile(
    r"\?|need|figure|made that up|date|then |obvious|happy|candidate|code|\.txt|ngo_actors|"
    r"^[a-z]{1,5} \d{1,2} [a-z]{3} \d{2,4}",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------
# Text helpers


def fold(text: str) -> str:
    """Lowercase, accents and punctuation dropped, spaces collapsed: the matching key."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare).split())


def slug(text: str) -> str:
    return fold(text).replace(" ", "-") or "x"


def uniq(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def raw_tokens(raw: str) -> list[str]:
    return [t for t in re.split(r"[_\s]+", raw.strip().strip("_")) if t]


def _cap(part: str) -> str:
    if not part:
        return part
    if "'" in part:
        head, _, tail = part.partition("'")
        if len(tail) == 1 and tail.upper() == "S":
            return _cap(head) + "'s"
        return _cap(head) + "'" + _cap(tail) if head else "'" + _cap(tail)
    return part[0].upper() + part[1:].lower()


def pretty(tokens: list[str], kind: str, country: str | None = None) -> str:
    """Upper-case dictionary words as a name is written: "Sergey V. Lavrov", "Bashar al-Assad",
    "Animal Liberation Front", "PKK". Best effort: case is a hint, not a key."""
    out = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        if re.fullmatch(r"[A-Z'.-]+'s", token):
            token = token.upper()
        if any(c.islower() for c in token):
            out.append(token)
            continue
        if kind != "person" and token in COMPANY_WORDS:
            out.append(COMPANY_WORDS[token])
            continue
        letters = re.sub(r"[^A-Z]", "", token)
        if kind == "person":
            if i and i < last and token in PERSON_PARTICLES:
                out.append(token.lower())
                continue
            if i == last and i and ROMAN.match(token):
                out.append(token)
                continue
            if token in {"JR", "JR.", "SR", "SR."}:
                out.append(token.capitalize())
                continue
        elif i and (token in FUNCTION_WORDS or token in FRENCH_FUNCTION_WORDS):
            out.append(token.lower())
            continue
        if "." in token:
            pieces = [p for p in token.split(".") if p]
            out.append(token if all(len(p) == 1 for p in pieces) else _cap(token))
            continue
        if kind != "person" and (
            "/" in token
            or (len(letters) >= 2 and not re.search(r"[AEIOUY]", letters))
            or (len(tokens) == 1 and len(letters) <= (3 if kind == "country" else 4))
            or token in ACRONYMS
        ):
            out.append(token)
            continue
        parts = token.split("-")
        shaped = []
        for j, part in enumerate(parts):
            if part in {"AL", "EL"} and j == 0 and len(parts) > 1 and i or j and country in HYPHEN_LOWER and kind == "person":
                shaped.append(part.lower())
            elif kind == "person" and part.startswith("MC") and len(part) > 3:
                shaped.append("Mc" + _cap(part[2:]))
            else:
                shaped.append(_cap(part))
        out.append("-".join(shaped))
    return " ".join(out)


def clean_phrase(raw: str, kind: str, country: str | None = None) -> tuple[str | None, list[str]]:
    """A dictionary phrase as a surface form, and the acronyms it held in parentheses
    ("ANIMAL_LIBERATION_FRONT_(ALF)_" -> "Animal Liberation Front", ["ALF"])."""
    if "\ufffd" in raw or ":" in raw or not re.search(r"[A-Za-z]", raw):
        return None, []
    extra = []
    for inside in re.findall(r"\(([^)]*)\)", raw):
        words = raw_tokens(inside)
        if len(words) == 1 and re.fullmatch(r"[A-Z][A-Z.&/-]{1,7}", words[0]) and (
            len(words[0]) <= 5 or not re.search(r"[AEIOU]", words[0])
        ):
            extra.append(words[0])
    text = re.sub(r"\([^)]*\)", " ", raw)
    tokens = [t.strip(",;\"") for t in raw_tokens(text)]
    tokens = [t for t in tokens if t and t not in {"-", "&"}]
    if kind != "person":
        while tokens and tokens[0] in {"THE", "LA", "LE", "LES"}:
            tokens = tokens[1:]
        if tokens and tokens[0].startswith("L'") and len(tokens[0]) > 2:
            tokens[0] = tokens[0][2:]
    elif tokens and tokens[0] == "THE":
        tokens = tokens[1:]
    if not tokens:
        return None, extra
    return pretty(tokens, kind, country), extra


# ---------------------------------------------------------------------------------------
# Records


@dataclass
class Role:
    code: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    title: str | None
    igo: str | None
    curated: bool = False

    def key(self) -> tuple:
        return (self.code, self.start, self.end)

    def to_json(self) -> dict:
        out = {
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "title": self.title,
        }
        if self.igo:
            out["igo"] = self.igo
        return out


@dataclass
class Rec:
    id: str
    type: str
    name: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    seats: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ambiguous_seats: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    qid: str | None = None
    igo: str | None = None
    iso: bool | None = None
    parent: str | None = None
    surname: str | None = None
    roles: list[Role] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    nationality: str | None = None  # matching only, not written

    def add_alias(self, lang: str, form: str | None) -> None:
        if form and form not in self.aliases[lang]:
            self.aliases[lang].append(form)

    def to_json(self) -> dict:
        def lists(d: dict[str, list[str]]) -> dict[str, list[str]]:
            return {lang: uniq(v) for lang, v in sorted(d.items()) if v}

        out: dict = {"id": self.id, "type": self.type, "name": dict(sorted(self.name.items()))}
        out["aliases"] = lists(self.aliases)
        for key in ("adjectives", "seats", "ambiguous_seats"):
            value = lists(getattr(self, key))
            if value:
                out[key] = value
        out.update(country=self.country, sector=self.sector, code=self.code, qid=self.qid)
        if self.igo:
            out["igo"] = self.igo
        if self.parent:
            out["parent"] = self.parent
        if self.iso is not None:
            out["iso"] = self.iso
        if self.type == "person":
            out["surname"] = self.surname
        out["roles"] = [r.to_json() for r in sort_roles(self.roles)]
        out["sources"] = sorted(self.sources)
        return out


def sort_roles(roles: list[Role]) -> list[Role]:
    return sorted(roles, key=lambda r: (r.start or r.end or date.min, r.end or date.max, r.code))


# ---------------------------------------------------------------------------------------
# Reading the sources


def read_tsv(path: Path, columns: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) > columns:
            raise SystemExit(f"{path.name}:{number}: {len(cols)} columns, expected {columns}")
        rows.append(cols + [""] * (columns - len(cols)))
    return rows


def split_list(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def parse_day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def read_petrarch(folder: Path, name: str, warnings: list[str]) -> list[Entry]:
    text = (folder / name).read_bytes().decode("utf-8", errors="replace")
    local: list[str] = []
    entries = parse_actors(text, local, REPAIRS)
    warnings.extend(f"{name} {w}" for w in local)
    return merge_synonym_blocks(entries)


def extract_rigour(folder: Path) -> None:
    """Write ``sources/rigour-territories.tsv`` from an unpacked ``rigour`` wheel (its data
    live in its compiled core): ISO alpha-3, Wikidata id, and the places it lists."""
    sys.path.insert(0, str(folder))
    from rigour._core import territories_jsonl  # type: ignore[import-not-found]

    version = "?"
    for meta in folder.glob("rigour-*.dist-info/METADATA"):
        version = meta.parent.name.removesuffix(".dist-info").split("-")[1]
    lines = [
        f"# Extracted from rigour {version} (OpenSanctions Datenbanken GmbH, MIT licence), the",
        "# territories data of rigour.territories, by scripts/build_actors.py --refresh-rigour.",
        "# Columns: ISO alpha-3, Wikidata QID, main places (| between; used to tell a city from a name)",
    ]
    rows = []
    for line in territories_jsonl().splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        alpha3 = (item.get("alpha3") or "").upper()
        if alpha3 and item.get("qid"):
            places = "|".join(p for p in item.get("places", []) if "|" not in p and "\t" not in p)
            rows.append(f"{alpha3}\t{item['qid']}\t{places}")
    RIGOUR_TSV.parent.mkdir(parents=True, exist_ok=True)
    RIGOUR_TSV.write_text("\n".join(lines + sorted(rows)) + "\n", encoding="utf-8")
    print(f"wrote {RIGOUR_TSV.relative_to(REPO)} ({len(rows)} territories)")


def read_rigour() -> dict[str, tuple[str, list[str]]]:
    out = {}
    for alpha3, qid, places in read_tsv(RIGOUR_TSV, 3):
        out[alpha3] = (qid, split_list(places))
    return out


# ---------------------------------------------------------------------------------------
# pycountry


def _uninvert(name: str) -> str:
    """ "Russie, Fédération de" -> "Fédération de Russie"; "Korea, Republic of" -> "Republic of Korea"."""
    if ", " not in name:
        return name
    head, _, tail = name.partition(", ")
    if re.search(r"\b(?:de|du|des|of|of the)$", tail) or tail.endswith("d'"):
        joiner = "" if tail.endswith("'") else " "
        result = tail + joiner + head
        return result[0].upper() + result[1:]
    if tail.startswith("République arabe"):
        return f"{tail} {head.lower()}"
    return head


def _strip_parens(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def pycountry_names() -> tuple[dict[str, dict[str, list[str]]], dict[str, set[str]]]:
    """Per alpha-3: {"en": [...], "fr": [...]} names, and per alpha-3 the folded names in every
    language pycountry translates (to recognise "FRANKREICH" as a name of France)."""
    import pycountry

    catalogues = {}
    locales = Path(pycountry.LOCALES_DIR)
    for lang_dir in sorted(locales.iterdir()):
        if (lang_dir / "LC_MESSAGES" / "iso3166-1.mo").exists():
            catalogues[lang_dir.name] = gettext.translation(
                "iso3166-1", str(locales), languages=[lang_dir.name]
            )
    names: dict[str, dict[str, list[str]]] = {}
    known: dict[str, set[str]] = defaultdict(set)
    for country in pycountry.countries:
        english = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
        english = [e for e in english if e]
        en = uniq(_strip_parens(_uninvert(e)) for e in english)
        fr_cat = catalogues.get("fr")
        fr = uniq(_strip_parens(_uninvert(fr_cat.gettext(e))) for e in english) if fr_cat else []
        names[country.alpha_3] = {"en": en, "fr": fr}
        for catalogue in catalogues.values():
            for e in english:
                translated = catalogue.gettext(e)
                for form in {translated, _uninvert(translated), _strip_parens(_uninvert(translated))}:
                    key = fold(form)
                    if key and key.isascii():
                        known[country.alpha_3].add(key)
        for form in en:
            known[country.alpha_3].add(fold(form))
    return names, known


# ---------------------------------------------------------------------------------------
# The build


class Builder:
    def __init__(self, petrarch: Path) -> None:
        self.petrarch = petrarch
        self.warnings: list[str] = []
        self.notes: Counter[str] = Counter()
        self.records: dict[str, Rec] = {}
        self.curated_names = self._read_names()
        self.rigour = read_rigour()
        self.py_names, self.py_known = pycountry_names()
        self.iso = set(self.py_names)
        self.country_codes = self.iso | set(NON_ISO_STATES) | set(CAMEO_TO_ISO)
        self.igo_codes: dict[str, str] = {}
        self.agents: list[Agent] = []

    # -- curated files -------------------------------------------------------------------

    def _read_names(self) -> dict[str, dict[str, dict]]:
        out: dict[str, dict[str, dict]] = defaultdict(dict)
        for ident, lang, name, aliases, adjectives, seats in read_tsv(CURATED / "names.tsv", 6):
            seat_list = split_list(seats)
            out[ident][lang] = {
                "name": name,
                "aliases": split_list(aliases),
                "adjectives": split_list(adjectives),
                "seats": [s.rstrip("?").strip() for s in seat_list],
                "ambiguous": [s.rstrip("?").strip() for s in seat_list if s.endswith("?")],
            }
        return out

    def _apply_curated_names(self, rec: Rec) -> None:
        for lang, data in self.curated_names.get(rec.id, {}).items():
            rec.name[lang] = data["name"]
            rec.aliases[lang][:0] = [f for f in [data["name"], *data["aliases"]] if f not in rec.aliases[lang]]
            adjectives = list(data["adjectives"])
            if lang == "fr":
                adjectives += ["-".join(p[:1].upper() + p[1:] for p in a.split("-")) for a in data["adjectives"]]
            rec.adjectives[lang].extend(adjectives)
            rec.seats[lang].extend(data["seats"])
            rec.ambiguous_seats[lang].extend(data["ambiguous"])
            rec.sources.add("vigie")

    # -- codes ---------------------------------------------------------------------------

    def country_of(self, code: str) -> str | None:
        head = code[:3]
        if head in KNOWN_FICTIONAL:
            return None
        if head in self.country_codes:
            return CAMEO_TO_ISO.get(head, head)
        if head in NON_STATE_HEADS:
            for i in range(3, len(code) - 2, 3):
                block = code[i : i + 3]
                if block in self.country_codes:
                    return CAMEO_TO_ISO.get(block, block)
        return None

    def sector_of(self, code: str) -> str | None:
        if code.startswith("IGO"):
            return None
        head = code[:3]
        if head in self.country_codes or head in REGIONS or head in KNOWN_FICTIONAL:
            rest = code[3:]
            if rest[:3] in self.iso:  # a dependency: USAASM...
                rest = rest[3:]
            return rest[:3] or None
        return head or None

    def igo_of(self, code: str) -> str | None:
        if not code.startswith("IGO") or code == "IGO":
            return None
        if code in self.igo_codes:
            return self.igo_codes[code]
        best = None
        for known, ident in self.igo_codes.items():
            if known != "IGO" and code.startswith(known) and (best is None or len(known) > len(best[0])):
                best = (known, ident)
        return best[1] if best else None

    def make_role(self, code: str, start: date | None, end: date | None, title: str | None) -> Role:
        return Role(code, self.country_of(code), self.sector_of(code), start, end, title, self.igo_of(code))

    # -- countries -----------------------------------------------------------------------

    def build_countries(self, entries: list[Entry]) -> list[Entry]:
        """Country records from pycountry, the non-ISO states and PETRARCH2's country entries;
        returns the entries that are not countries."""
        for alpha3, langs in self.py_names.items():
            rec = Rec(alpha3, "country", country=alpha3, iso=True, code=alpha3)
            rec.name = {"en": langs["en"][0]}
            if langs["fr"]:
                rec.name["fr"] = langs["fr"][0]
            for lang, forms in langs.items():
                for form in forms:
                    rec.add_alias(lang, form)
            rec.sources.add("pycountry")
            self.records[alpha3] = rec
        for code, (english, _) in NON_ISO_STATES.items():
            rec = Rec(code, "country", country=code, iso=False, code=code, name={"en": english})
            rec.add_alias("en", english)
            self.records[code] = rec
        for ident, rec in self.records.items():
            known = self.rigour.get(ident) or self.rigour.get(NON_ISO_STATES.get(ident, ("", ""))[1].upper())
            if known:
                rec.qid = known[0]
        for ident in list(self.records):
            self._apply_curated_names(self.records[ident])

        name_index: dict[str, str] = {}
        for ident, rec in self.records.items():
            for form in [*rec.aliases.get("en", []), *rec.aliases.get("fr", [])]:
                name_index.setdefault(fold(form), ident)
        rest: list[Entry] = []
        used: set[str] = set()
        for entry in entries:
            current = self._current_code(entry)
            if current is None or not self._country_like(current):
                rest.append(entry)
                continue
            name, _ = clean_phrase(entry.name, "country")
            target = name_index.get(fold(name or ""))
            if target is None:
                head = current[3:] if len(current) == 6 and current[3:] in self.iso else current[:3]
                if head in KNOWN_FICTIONAL:
                    self.notes["fictional country left out"] += 1
                    continue
                target = CAMEO_TO_ISO.get(head, head)
                undated = any(c.code == current and c.start is None and c.end is None for c in entry.codes)
                if target in used or target not in self.records or not undated:
                    self.notes["place coded as a country, left out"] += 1
                    self.warnings.append(f"country entry {entry.name} ({current}) left out: a place, not a name")
                    continue
            used.add(target)
            self._merge_country_entry(self.records[target], entry, current)
        return rest

    @staticmethod
    def _current_code(entry: Entry) -> str | None:
        if not entry.codes:
            return None
        open_or_undated = [c for c in entry.codes if c.end is None]
        pool = open_or_undated or entry.codes
        return max(pool, key=lambda c: c.start or date.min).code

    def _country_like(self, code: str) -> bool:
        if len(code) == 3:
            return code in self.country_codes or code in KNOWN_FICTIONAL
        return len(code) == 6 and code[:3] in self.country_codes and code[3:] in self.iso

    def _merge_country_entry(self, rec: Rec, entry: Entry, code: str) -> None:
        rec.sources.add("petrarch2")
        if rec.code == rec.id and code != rec.id:
            rec.code = code
        known = self.py_known.get(rec.id, set()) | {
            fold(f) for lang in ("en", "fr") for f in rec.aliases.get(lang, [])
        }
        adjectives = {fold(a) for a in rec.adjectives.get("en", [])}
        seats = {fold(s) for lang in ("en", "fr") for s in rec.seats.get(lang, [])}
        places = {fold(p) for p in self.rigour.get(rec.id, ("", []))[1]}
        forms = [entry.name, *entry.aliases]
        cleaned = [clean_phrase(f, "country") for f in forms]
        kinds = []
        for (form, _), raw in zip(cleaned, forms):
            key = fold(form or "")
            single = len(raw_tokens(raw)) == 1
            if not key:
                kinds.append("junk")
            elif key in seats or key in places:
                kinds.append("place")
            elif key in adjectives or (
                single
                and key not in known
                and DEMONYM_END.search(raw.strip("_ ").upper())
                and any(k[:4] == key[:4] for k in known)
            ):
                kinds.append("adjective")
            elif key in known or any(key == k + suffix for k in known for suffix in ("n", "an", "i", "ian")):
                kinds.append("name" if key in known else "adjective")
            else:
                kinds.append("other")
        anchored = [i for i, k in enumerate(kinds) if k in {"name", "adjective"}]
        last = max(anchored) if anchored else 0
        for i, ((form, extra), kind) in enumerate(zip(cleaned, kinds)):
            if kind == "adjective":
                rec.adjectives["en"].append(form)
            elif kind == "name" or (kind == "other" and i <= last):
                rec.add_alias("en", form)
                for acronym in extra:
                    rec.add_alias("en", acronym)
            elif kind in {"place", "other"}:
                self.notes["country alias dropped (a city, region or place)"] += 1

    # -- international organisations ------------------------------------------------------

    def build_igos(self) -> None:
        for ident, kind, codes, inherited, parent, qid in read_tsv(CURATED / "igos.tsv", 6):
            code_list = split_list(codes)
            rec = Rec(ident, kind, code=code_list[0] if code_list else None, qid=qid or None)
            rec.parent = parent or None
            rec.sources.add("vigie")
            if code_list and not inherited:
                rec.sources.add("petrarch2")
            for code in code_list:
                if code != "IGO" and not inherited:
                    self.igo_codes.setdefault(code, ident)
            self._apply_curated_names(rec)
            if "en" not in rec.name:
                raise SystemExit(f"igos.tsv: {ident} has no English name in names.tsv")
            self.records[ident] = rec

    # -- everything else from PETRARCH2 --------------------------------------------------

    def classify(self, entry: Entry, source: str, given_names: set[str]) -> str | None:
        tokens = [t.strip(",") for t in raw_tokens(re.sub(r"\([^)]*\)", " ", entry.name))]
        upper = [t.upper() for t in tokens]
        ruler = entry.comment and ("CountryInfo" in entry.comment or "IGOrulers" in entry.comment)
        if ruler and not set(upper) & ORG_WORDS:
            return "person"
        has_org_word = bool(set(upper) & ORG_WORDS) or any(
            any(w in ORG_WORDS for w in t.split("-")) for t in upper
        )
        dated = any(c.start or c.end for c in entry.codes)
        plausible = 2 <= len(tokens) <= 5 and not any(re.search(r"\d|/|&", t) for t in tokens)
        if not has_org_word and plausible and (dated or upper[0].rstrip(".") in given_names):
            return "person"
        if source == GROUPS_FILE:
            return "group"
        codes = [c.code for c in entry.codes]
        if codes and all(c.startswith("IGO") for c in codes):
            return "igo"
        return "org"

    def build_entities(self, by_file: dict[str, list[Entry]]) -> None:
        firsts: Counter[str] = Counter()
        for entry in by_file[COUNTRIES_FILE]:
            if entry.comment and "CountryInfo" in entry.comment:
                words = raw_tokens(entry.name)
                first = words[0].upper().rstrip(".") if len(words) >= 2 else ""
                if len(first) >= 2 and first not in FUNCTION_WORDS and first not in ORG_WORDS:
                    firsts[first] += 1
        given_names = {name for name, count in firsts.items() if count >= 2}
        self.national = self._national_phrases()
        persons: list[tuple[Entry, str]] = []
        others: list[tuple[Entry, str, str]] = []
        for source, entries in by_file.items():
            for entry in entries:
                if not entry.codes:
                    if not entry.discarded:
                        self.notes["entry without a code, left out"] += 1
                    continue
                if self._generic(entry):
                    self.notes["generic role entry left out (\"US Secretary of State\")"] += 1
                    continue
                kind = self.classify(entry, source, given_names)
                if kind == "person":
                    persons.append((entry, source))
                elif kind is not None:
                    others.append((entry, source, kind))
        self.given_names = given_names
        persons.extend(self._group_leaders(others))
        self._build_persons(persons)
        self._build_others(others)

    def _group_leaders(self, others: list[tuple[Entry, str, str]]) -> list[tuple[Entry, str]]:
        """PETRARCH2 lists some leaders as aliases of their group (Hezbollah: "+HASSAN_NASRALLAH").
        Those aliases become persons with the group's code (one per surname), not group names."""
        leaders: list[tuple[Entry, str]] = []
        honorifics = {"SHEIK", "SHEIKH", "SAYYID", "SAYYED", "SEYYED", "SAYED", "MULLAH", "EMIR"}
        for entry, source, kind in others:
            if kind != "group":
                continue
            own = {w for w in raw_tokens(entry.name.upper()) if w not in FUNCTION_WORDS}
            keep, people = [], defaultdict(list)
            for alias in entry.aliases:
                words = raw_tokens(re.sub(r"\([^)]*\)", " ", alias.upper()))
                if not words or set(words) & ORG_WORDS or set(words) & own:
                    keep.append(alias)
                    continue
                bare = [w for w in words if w not in honorifics]
                if bare and (bare[0] in self.given_names or words[0] in honorifics) and len(bare) <= 4:
                    people[bare[-1]].append(alias)
                else:
                    keep.append(alias)
            if not people:
                continue
            for alias in list(keep):
                words = raw_tokens(alias.upper())
                if len(words) == 1 and words[0] in people:
                    keep.remove(alias)
                    people[words[0]].append(alias)
            entry.aliases = keep
            for forms in people.values():
                full = [f for f in forms if len(raw_tokens(f)) >= 2 and raw_tokens(f.upper())[0] not in honorifics]
                if not full:
                    continue
                person = Entry(name=full[0], line=entry.line, comment=entry.comment)
                person.aliases = [f for f in forms if f != full[0]]
                person.codes = [c for c in entry.codes if not (c.start or c.end)][:1] or entry.codes[:1]
                leaders.append((person, source))
                self.notes["group leader listed as a group alias, made a person"] += 1
        return leaders

    def _national_phrases(self) -> set[str]:
        out = set()
        for rec in self.records.values():
            if rec.type in {"country", "igo"}:
                for lang in ("en",):
                    for form in [*rec.aliases.get(lang, []), *rec.adjectives.get(lang, [])]:
                        out.add(fold(form))
        return out

    def _strip_national(self, words: list[str]) -> list[str]:
        """Drop leading country names, adjectives and organisation names ("RUSSIAN", "U.S.", "UN")."""
        changed = True
        while words and changed:
            changed = False
            for size in (4, 3, 2, 1):
                if len(words) >= size and fold(" ".join(words[:size])) in self.national:
                    words = words[size:]
                    changed = True
                    break
        return words

    def _generic(self, entry: Entry) -> bool:
        words = [w for w in raw_tokens(entry.name.upper()) if w not in {"THE"}]
        rest = self._strip_national(words)
        if len(rest) == len(words) or not rest:
            return False
        phrase = "_".join(rest).rstrip("S").rstrip("_")
        return phrase in {a.rstrip("S") for a in self.agents_raw}

    # persons

    def _build_persons(self, items: list[tuple[Entry, str]]) -> None:
        by_name: dict[str, list[Rec]] = defaultdict(list)
        for entry, source in items:
            rec = self._person_from_entry(entry)
            if rec is None:
                continue
            key = fold(rec.name["en"])
            for other in by_name[key]:
                if self._same_person(other, rec):
                    self._merge_person(other, rec)
                    break
            else:
                by_name[key].append(rec)
        self._curated_persons(by_name)
        taken: set[str] = set()
        for key in sorted(by_name):
            for rec in by_name[key]:
                self._finish_person(rec)
                rec.id = unique_id("person/" + slug(rec.name["en"]), taken)
                self.records[rec.id] = rec

    def _person_from_entry(self, entry: Entry) -> Rec | None:
        roles = [self.make_role(c.code, c.start, c.end, self._title(c.comment)) for c in entry.codes]
        countries = [r.country for r in roles if r.country]
        country_hint = countries[-1] if countries else None
        name, _ = clean_phrase(entry.name, "person", country_hint)
        if not name:
            return None
        rec = Rec("", "person", name={"en": name}, roles=roles)
        rec.sources.add("petrarch2")
        main_words = set(raw_tokens(entry.name.upper()))
        titles: list[str] = []
        for alias in entry.aliases:
            words = [w for w in raw_tokens(alias.upper()) if w]
            if not words or "\ufffd" in alias:
                continue
            if len(words) == 1 and words[0] in main_words and len(main_words) > 1:
                rec.surname = rec.surname or pretty(words, "person", country_hint)
                continue
            body = [w for w in words if w != "THE"]
            if (set(body) - main_words) & ROLE_WORDS or body[0] in HONORIFICS_DROPPED or any(w.endswith("ADMINISTRATION") for w in body):
                title = self._title_from_alias(body, main_words)
                if title:
                    titles.append(title)
                self.notes["role-prefixed person alias dropped"] += 1
                continue
            rest = self._strip_national(body)
            if len(rest) != len(body):
                self.notes["role-prefixed person alias dropped"] += 1
                continue
            form, _ = clean_phrase(alias, "person", country_hint)
            rec.add_alias("en", form)
        rec.aliases["en"].insert(0, name)
        distinct = list({fold(t): t for t in reversed(titles)}.values())
        if len(distinct) == 1:
            untitled = [r for r in roles if not r.title and r.sector != "ELI" and (r.start or r.end)]
            if untitled:
                max(untitled, key=lambda r: r.start or date.min).title = distinct[0]
        rec.nationality = country_hint
        return rec

    def _title(self, comment: str | None) -> str | None:
        if not comment:
            return None
        text = comment.split(" # ")[0].strip()
        if not text or TITLE_NOISE.search(text) or not TITLE_LIKE.search(text):
            return None
        return text

    def _title_from_alias(self, words: list[str], main_words: set[str]) -> str | None:
        cut = len(words)
        for i, word in enumerate(words):
            if word in main_words:
                cut = i
                break
        prefix = [w for w in words[:cut] if w not in TITLE_SKIP]
        prefix = self._strip_national(prefix)
        prefix = [w for w in prefix if w not in HONORIFICS_DROPPED]
        if not prefix or not set(prefix) & ROLE_WORDS or prefix[-1] in {"OF", "AND"}:
            return None
        if any(w.endswith("ADMINISTRATION") for w in prefix):
            return None
        return pretty(prefix, "org")

    def _same_person(self, a: Rec, b: Rec) -> bool:
        ca = {r.country for r in a.roles if r.country} | {a.nationality} - {None}
        cb = {r.country for r in b.roles if r.country} | {b.nationality} - {None}
        ia = {r.igo for r in a.roles if r.igo}
        ib = {r.igo for r in b.roles if r.igo}
        return bool(ca & cb) or bool(ia & ib) or not (ca or ia) or not (cb or ib)

    def _merge_person(self, into: Rec, other: Rec) -> None:
        for lang, forms in other.aliases.items():
            for form in forms:
                into.add_alias(lang, form)
        for lang, name in other.name.items():
            into.name.setdefault(lang, name)
        into.surname = into.surname or other.surname
        into.roles.extend(other.roles)
        into.sources |= other.sources
        into.nationality = into.nationality or other.nationality

    def _curated_persons(self, by_name: dict[str, list[Rec]]) -> None:
        roles_by_person: dict[str, list[Role]] = defaultdict(list)
        for person, code, igo, start, end, title in read_tsv(CURATED / "roles.tsv", 6):
            role = self.make_role(code, parse_day(start), parse_day(end), title or None)
            role.curated = True
            if igo:
                if igo not in self.records:
                    raise SystemExit(f"roles.tsv: unknown organisation {igo!r} for {person}")
                role.igo = igo
            roles_by_person[person].append(role)
        names = set()
        for name, surname, fr, en, nationality in read_tsv(CURATED / "persons.tsv", 5):
            names.add(name)
            rec = Rec("", "person", name={"en": name}, roles=roles_by_person.get(name, []))
            rec.surname = surname or None
            rec.nationality = nationality or None
            fr_forms = split_list(fr)
            rec.name["fr"] = fr_forms[0] if fr_forms else name
            rec.aliases["fr"] = uniq([rec.name["fr"], *fr_forms, name])
            rec.aliases["en"] = uniq([name, *split_list(en)])
            rec.sources.add("vigie")
            target = self._find_person(by_name, rec)
            if target is None:
                by_name[fold(name)].append(rec)
                continue
            # vigie's names and roles first; a curated role replaces a PETRARCH2 one with the same
            # code starting within a week (PETRARCH2 leaves many roles open).
            kept = []
            for old in target.roles:
                if old.curated:
                    kept.append(old)
                    continue
                if any(
                    new.code == old.code and old.start and new.start and abs(new.start - old.start) <= timedelta(days=7)
                    for new in rec.roles
                ):
                    self.notes["PETRARCH2 role replaced by a dated vigie role"] += 1
                    continue
                kept.append(old)
            target.roles = kept + rec.roles
            target.name = {**target.name, **rec.name}
            for lang in ("en", "fr"):
                target.aliases[lang] = uniq([*rec.aliases.get(lang, []), *target.aliases.get(lang, [])])
            target.surname = rec.surname or target.surname
            target.sources |= rec.sources
        missing = set(roles_by_person) - names
        if missing:
            raise SystemExit(f"roles.tsv: persons missing from persons.tsv: {sorted(missing)}")

    def _find_person(self, by_name: dict[str, list[Rec]], rec: Rec) -> Rec | None:
        keys = [fold(f) for f in rec.aliases["en"]]
        for key in keys:
            for other in by_name.get(key, []):
                if self._same_person(other, rec):
                    by_name[key].remove(other)
                    if not by_name[key]:
                        del by_name[key]
                    by_name[fold(rec.name["en"])].append(other)
                    return other
        return None

    def _finish_person(self, rec: Rec) -> None:
        dedup: dict[tuple, Role] = {}
        for role in rec.roles:
            key = role.key()
            if key in dedup:
                dedup[key].title = dedup[key].title or role.title
                dedup[key].curated = dedup[key].curated or role.curated
            else:
                dedup[key] = role
        rec.roles = sort_roles(list(dedup.values()))
        latest = latest_role(rec.roles)
        if latest is not None:
            rec.country = latest.country if not latest.igo else None
            rec.igo = latest.igo
            rec.sector = latest.sector
            rec.code = latest.code
        if rec.surname is None:
            words = rec.name["en"].split()
            words = [w for w in words if w.rstrip(".").upper() not in {"JR", "SR"} and not ROMAN.match(w)]
            if len(words) >= 2:
                country = rec.country or (latest.country if latest else None)
                if country in FAMILY_NAME_FIRST and len(words) <= 3:
                    rec.surname = words[0]
                else:
                    rec.surname = words[-1]
        rec.aliases["en"] = [a for a in uniq(rec.aliases["en"]) if fold(a) != fold(rec.surname or "") or len(a.split()) > 1]
        if "fr" in rec.aliases:
            rec.aliases["fr"] = [a for a in rec.aliases["fr"] if fold(a) != fold(rec.surname or "") or len(a.split()) > 1]

    # organisations and groups

    def _build_others(self, items: list[tuple[Entry, str, str]]) -> None:
        curated_forms: dict[str, str] = {}
        for rec in self.records.values():
            if rec.type in {"igo", "org"} and rec.id in self.curated_names:
                for lang in ("en", "fr"):
                    for form in rec.aliases.get(lang, []):
                        curated_forms.setdefault(fold(form), rec.id)
        merged: dict[tuple[str, str], Rec] = {}
        taken: set[str] = set()
        for entry, source, kind in items:
            codes = [c.code for c in entry.codes]
            code = codes[-1]
            country_hint = self.country_of(code)
            name, extra = clean_phrase(entry.name, kind, country_hint)
            if not name:
                continue
            forms = [(name, extra)] + [clean_phrase(a, kind, country_hint) for a in entry.aliases]
            target_id = None
            for form, _ in forms:
                ident = curated_forms.get(fold(form or ""))
                if ident and (self.records[ident].code in codes or self.igo_of(code) == ident):
                    target_id = ident
                    break
            if target_id is not None:
                rec = self.records[target_id]
                rec.sources.add("petrarch2")
                for form, acronyms in forms:
                    rec.add_alias("en", form)
                    for acronym in acronyms:
                        rec.add_alias("en", acronym)
                self.notes["PETRARCH2 entry merged into a vigie organisation"] += 1
                continue
            key = (kind, fold(name))
            rec = merged.get(key)
            if rec is not None and rec.code == code:
                for form, acronyms in forms:
                    rec.add_alias("en", form)
                    for acronym in acronyms:
                        rec.add_alias("en", acronym)
                continue
            prefix = {"igo": "igo/", "org": "org/", "group": "group/"}[kind]
            rec = Rec(unique_id(prefix + slug(name), taken), kind, name={"en": name}, code=code)
            rec.country = country_of_entity(self, code)
            rec.sector = self.sector_of(code)
            rec.igo = self.igo_of(code)
            rec.sources.add("petrarch2")
            for form, acronyms in forms:
                rec.add_alias("en", form)
                for acronym in acronyms:
                    rec.add_alias("en", acronym)
            dated = [c for c in entry.codes if c.start or c.end]
            if dated:
                rec.roles = [self.make_role(c.code, c.start, c.end, self._title(c.comment)) for c in entry.codes]
            merged.setdefault(key, rec)
            self.records[rec.id] = rec

    def apply_curated_groups(self) -> None:
        """curated/groups.tsv: French names for groups PETRARCH2 knows, and groups it lacks."""
        for ident, kind, code, country, sector, fr, en in read_tsv(CURATED / "groups.tsv", 7):
            rec = self.records.get(ident)
            if rec is None:
                rec = Rec(ident, kind, code=code or None, country=country or None, sector=sector or None)
                self.records[ident] = rec
                self.notes["group or organisation added from groups.tsv"] += 1
            rec.type = kind
            for lang, cell in (("fr", fr), ("en", en)):
                forms = split_list(cell)
                if forms:
                    rec.name[lang] = forms[0]
                    rec.aliases[lang][:0] = [f for f in forms if f not in rec.aliases[lang]]
            rec.country = country or rec.country
            rec.sector = sector or rec.sector
            rec.sources.add("vigie")

    # -- agents --------------------------------------------------------------------------

    def read_agents(self) -> None:
        text = (self.petrarch / AGENTS_FILE).read_bytes().decode("utf-8", errors="replace")
        local: list[str] = []
        self.agents = parse_agents(text, local)
        self.agents_raw = {a.phrase for a in self.agents} | {p for a in self.agents for p in a.plurals}
        self.warnings.extend(f"{AGENTS_FILE} {w}" for w in local)

    def write_en_agents(self) -> int:
        rows: dict[str, tuple[str, str]] = {}
        conflicts = 0
        for agent in self.agents:
            code = agent.code.replace("~", "").strip()
            if not re.fullmatch(r"[A-Z]{3,}", code):
                continue
            sector = code[:3]
            for phrase in [agent.phrase, *agent.plurals]:
                noun = " ".join(phrase.replace("_", " ").lower().split())
                if not noun or "!" in noun:
                    continue
                if noun in rows and rows[noun] != (sector, code):
                    conflicts += 1
                    continue
                rows.setdefault(noun, (sector, code))
        lines = [
            "# English generic agents: a common noun (lowercase, may be several words) that names an",
            "# actor by its role, and its CAMEO sector code; irregular plurals are listed too.",
            "# Generated by scripts/build_actors.py from Phoenix.agents.txt of the PETRARCH2",
            "# dictionaries (Open Event Data Alliance, MIT licence; see",
            "# src/vigie/resources/actors/ATTRIBUTION.md): do not edit by hand.",
            "# !PERSON! and !MINIST! are expanded (businessman, businesswoman, businessperson...),",
            "# the first code wins when PETRARCH2 gives a phrase two.",
            "# Columns, separated by one TAB: noun, sector (the code's first three letters), and the",
            "# full code when it is longer (GOVMED).",
        ]
        for noun in sorted(rows):
            sector, code = rows[noun]
            lines.append(f"{noun}\t{sector}" + (f"\t{code}" if code != sector else ""))
        EN_AGENTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.notes["English agent phrase with two codes (first kept)"] += conflicts
        return len(rows)

    # -- output --------------------------------------------------------------------------

    def write(self) -> dict[str, int]:
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as gz:
            for ident in sorted(self.records):
                line = json.dumps(self.records[ident].to_json(), ensure_ascii=False, separators=(",", ":"))
                gz.write(line.encode("utf-8") + b"\n")
        OUT.write_bytes(buffer.getvalue())
        return dict(Counter(rec.type for rec in self.records.values()))


def latest_role(roles: list[Role]) -> Role | None:
    """The most recent role: the latest start among dated roles, else the last undated one."""
    dated = [r for r in roles if r.start or r.end]
    if dated:
        return max(dated, key=lambda r: (r.start or r.end or date.min, r.curated))
    return roles[-1] if roles else None


def country_of_entity(builder: Builder, code: str) -> str | None:
    country = builder.country_of(code)
    return country if country in builder.records else None


def unique_id(base: str, taken: set[str]) -> str:
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def update_readme(counts: dict[str, int], agents_en: int, size: int) -> None:
    if not README.exists():
        return
    text = README.read_text(encoding="utf-8")
    table = ["| type | records |", "| --- | ---: |"]
    for kind in ("country", "igo", "person", "group", "org"):
        table.append(f"| {kind} | {counts.get(kind, 0):,} |")
    table.append(f"| **all** | **{sum(counts.values()):,}** |")
    block = (
        "<!-- counts:start -->\n"
        + "\n".join(table)
        + f"\n\n`actors.jsonl.gz`: {size / 1e6:.2f} MB; English agents: {agents_en:,} nouns.\n"
        + "<!-- counts:end -->"
    )
    text = re.sub(r"<!-- counts:start -->.*?<!-- counts:end -->", block, text, flags=re.DOTALL)
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("petrarch", nargs="?", type=Path, default=DEFAULT_PETRARCH, help="PETRARCH2 dictionaries folder")
    parser.add_argument("--refresh-rigour", type=Path, metavar="DIR", help="unpacked rigour wheel to re-extract QIDs from")
    parser.add_argument("--verbose", action="store_true", help="print every warning")
    args = parser.parse_args(argv)
    if args.refresh_rigour:
        extract_rigour(args.refresh_rigour)
        return 0
    if not (args.petrarch / COUNTRIES_FILE).exists():
        parser.error(f"no {COUNTRIES_FILE} in {args.petrarch}")
    builder = Builder(args.petrarch)
    builder.read_agents()
    by_file = {name: read_petrarch(args.petrarch, name, builder.warnings) for name in (COUNTRIES_FILE, INTERNATIONAL_FILE, GROUPS_FILE)}
    builder.build_igos()
    by_file[COUNTRIES_FILE] = builder.build_countries(by_file[COUNTRIES_FILE])
    builder.build_entities(by_file)
    builder.apply_curated_groups()
    agents_en = builder.write_en_agents()
    counts = builder.write()
    size = OUT.stat().st_size
    update_readme(counts, agents_en, size)
    print(f"wrote {OUT.relative_to(REPO)}: {sum(counts.values()):,} actors {counts}, {size / 1e6:.2f} MB")
    print(f"wrote {EN_AGENTS.relative_to(REPO)}: {agents_en:,} nouns")
    for note, count in sorted(builder.notes.items()):
        print(f"  {count:6,}  {note}")
    print(f"  {len(builder.warnings):6,}  warnings" + ("" if args.verbose else " (--verbose lists them)"))
    if args.verbose:
        for warning in builder.warnings:
            print("    " + warning)
    return 0


if __name__ == "__main__":
    sys.exit(main())
