"""Actors: who each name in an article is, as of the article's date.

Runs on the spaCy Docs of an article's blocks, after NER, and returns ``Mention`` records
(``model.py``) with offsets into the article's text:

1. **Names of places and organisations** found by a longest-match scan of the tokens against
   the gazetteer's names, aliases, seats of power and demonyms (French and English forms,
   folded by ``names.form_key``): "la Russie", "l'Otan", "l'Alliance atlantique",
   "le Kremlin", "Moscou", "les Russes".
2. **Metonymy**: a capital or seat of power that acts — the subject of a verb, after
   "selon", a building named with its article ("le Kremlin") — stands for its government
   (reading ``government``, code RUSGOV); after a place preposition ("à Moscou") it is a
   place. A country that acts is its government too.
3. **Persons** (PER entities) matched through a transliteration-aware key
   (``names.sound_key``: "Sergueï Lavrov" = "Sergey Lavrov"), then their role on the
   article's date (Lavrov: RUSGOV, Foreign Minister). A surname alone ("Lavrov") is the
   person named in full elsewhere in the article, else the only known person of that
   surname in office that day.
4. **Generic agents** ("le ministre russe des Affaires étrangères", "l'armée syrienne",
   "les manifestants"): sector from ``lang/<lang>/agents.tsv``, country from an adjacent
   demonym; an agent in apposition to a person ("le ministre … Sergueï Lavrov") is that person.

Everything language-specific is data: ``lang/<lang>/actors.json``, ``agents.tsv``,
``lang/names.tsv``; the names themselves are in the gazetteer.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from vigie.model import Mention
from vigie.nlp.gazetteer import Actor, Gazetteer, load_agents, load_gazetteer
from vigie.nlp.names import form_key, sound_key

MAX_NAME_TOKENS = 7  # "Organisation du traité de l'Atlantique nord"
MAX_PERSON_NAME = 80  # longer PER spans are noise (a whole line tagged PER)


@cache
def _settings(lang: str) -> dict[str, Any]:
    text = resources.files("vigie.lang").joinpath(lang, "actors.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items()}


# --- the gazetteer, indexed for matching (once per process) -----------------------------------


_APOSTROPHE_GAP = re.compile(r"(?<=\w) ' ")

@dataclass(frozen=True, slots=True)
class _Form:
    actor: str
    kind: str  # name, seat, city (a seat that is a capital city), demonym
    ambiguous: bool = False
    acronym: bool = False  # "UN", "EU": matched only when the text writes it in capitals too


@dataclass
class ActorIndex:
    gazetteer: Gazetteer
    forms: dict[str, list[_Form]] = field(default_factory=dict)  # form_key → what it names
    first_words: set[str] = field(default_factory=set)  # first word of every multi-word form
    lowercase_starts: set[str] = field(default_factory=set)  # first words of forms written in lowercase
    surnames: dict[str, list[str]] = field(default_factory=dict)  # sound_key(surname) → person ids
    adjectives: dict[str, str] = field(default_factory=dict)  # "russe" → RUS (lowercase forms)

    def lookup(self, key: str) -> list[_Form]:
        # spaCy splits "People's" into "People" + "'s", whose keys join as "people ' s"; the
        # gazetteer's whole-name key is "people' s"
        return self.forms.get(key, []) or (self.forms.get(_APOSTROPHE_GAP.sub("' ", key), []) if " ' " in key else [])


@cache
def actor_index() -> ActorIndex:
    gazetteer = load_gazetteer()
    index = ActorIndex(gazetteer)
    forms: dict[str, list[_Form]] = defaultdict(list)
    surnames: dict[str, list[str]] = defaultdict(list)
    for actor in gazetteer:
        if actor.type == "person":
            for key in _surname_keys(actor):
                surnames[key].append(actor.id)
            continue
        ambiguous = {s for forms_ in (actor.ambiguous_seats or {}).values() for s in forms_}
        for lang_forms, kind in ((actor.name, "name"),):
            for name in lang_forms.values():
                _add(forms, name, _Form(actor.id, kind))
        demonyms = {form_key(v) for values in actor.adjectives.values() for v in values}
        for kind, table in (("name", actor.aliases), ("seat", actor.seats), ("adjective", actor.adjectives)):
            for values in table.values():
                for n, value in enumerate(values):
                    if kind == "name" and form_key(value) in demonyms:
                        continue  # "Australien" among PETRARCH2's English aliases is the French demonym
                    is_ambiguous = value in ambiguous or value.endswith("?")
                    value = value.rstrip("?")
                    if kind == "adjective":
                        if value[:1].isupper():
                            _add(forms, value, _Form(actor.id, "demonym"))
                        else:
                            index.adjectives.setdefault(form_key(value), actor.id)
                        continue
                    # The curated data lists a country's capital first among its seats ("Moscou|Kremlin").
                    form_kind = "city" if kind == "seat" and n == 0 and actor.type == "country" else kind
                    acronym = value.isupper() and len(value.replace(".", "")) <= 6
                    _add(forms, value, _Form(actor.id, form_kind, is_ambiguous, acronym))
                    if value[:1].islower():  # "gilets jaunes", "talibans": found in lowercase too
                        index.lowercase_starts.add(form_key(value).split(" ", 1)[0])
    index.forms = dict(forms)
    index.first_words = {k.split(" ", 1)[0] for k in forms if " " in k}
    index.surnames = dict(surnames)
    return index


def _add(forms: dict[str, list[_Form]], value: str, form: _Form) -> None:
    key = form_key(value)
    if key and form not in forms[key]:
        forms[key].append(form)


def _surname_keys(actor: Actor) -> set[str]:
    keys = set()
    for value in (actor.surname, actor.label("en")):
        if value:
            key = sound_key(value)
            if key:
                keys.add(key.rsplit(" ", 1)[-1])
    return keys


# --- one article --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    label: str
    actor: Actor | None
    via: str
    reading: str = "literal"
    country: str | None = None
    sector: str | None = None
    tokens: tuple[int, int] = (0, 0)  # token range in its Doc
    doc: Any = None
    priority: int = 0


def resolve(pieces: list[tuple[int, Any]], language: str | None, dct: datetime | None) -> list[Mention]:
    """The actor mentions of one article: ``pieces`` are (offset in the article's text, Doc)."""
    lang = language if language in ("fr", "en") else "fr"
    settings = _settings(lang)
    index = actor_index()
    day = dct.date() if isinstance(dct, datetime) else dct
    found: list[_Candidate] = []
    for offset, doc in pieces:
        found.extend(_scan_names(doc, offset, index, settings))
        found.extend(_persons(doc, offset))
    found = _without_overlaps(found)
    known = _resolve_persons(found, index, day)
    found.extend(_surname_echoes(pieces, found, known))
    found.extend(_agents(pieces, index, lang, settings, found))
    _national_bodies(found, index, settings)
    return [_mention(c, day, lang) for c in sorted(found, key=lambda c: c.start)]


def _scan_names(doc, offset: int, index: ActorIndex, settings: dict[str, Any]) -> list[_Candidate]:
    """Longest-match scan of the Doc's tokens against the gazetteer's forms."""
    texts = [t.text for t in doc]  # one pass over the Doc: its iterator and indexing are costly
    keys = [form_key(t) for t in texts]
    out: list[_Candidate] = []
    ents: list[tuple[int, int, str]] | None = None
    i, n = 0, len(doc)
    while i < n:
        if not texts[i].strip() or not (texts[i][:1].isupper() or keys[i] in index.lowercase_starts):
            i += 1
            continue
        match = None
        if keys[i] in index.first_words or keys[i].split(" ", 1)[0] in index.first_words:
            for j in range(min(n, i + MAX_NAME_TOKENS), i + 1, -1):
                if not keys[j - 1]:
                    continue  # a name does not end with a dash or a quote mark
                # a hyphen spaCy made a token of ("Al", "-", "Qaïda") folds to nothing
                forms = index.lookup(" ".join(k for k in keys[i:j] if k))
                if forms:
                    match = (j, forms)
                    break
        if match is None:
            forms = index.lookup(keys[i])
            if forms:
                match = (i + 1, forms)
        if match is None:
            i += 1
            continue
        j, forms = match
        if not doc[i:j].text.isupper():
            forms = [f for f in forms if not f.acronym]  # "Un" is not the UN, "Esp" not Spain
        chosen = _choose_form(forms, index.gazetteer)
        if chosen is not None:
            span = doc[i:j]
            actor = index.gazetteer.get(chosen.actor)
            if ents is None:
                ents = [(ent.start, ent.end, ent.label_) for ent in doc.ents]  # built once per Doc
            label = _label_of(span, ents) or ("PER" if chosen.kind == "demonym" else "LOC" if actor.type == "country" else "ORG")
            cand = _Candidate(offset + span.start_char, offset + span.end_char, span.text, label, actor, chosen.kind,
                              tokens=(i, j), doc=doc, priority=1)
            if chosen.kind == "demonym":
                cand.label = "MISC"
            _read_use(cand, settings)
            out.append(cand)
        i = j
    return out


def _choose_form(forms: list[_Form], gazetteer: Gazetteer) -> _Form | None:
    """One actor for a form: names before seats before demonyms; an ambiguous seat names nobody.
    A government body that is also its country's seat of power ("Kremlin") is read as the seat,
    so that its use decides between the government and the place."""
    clear = [f for f in forms if not f.ambiguous]
    if not clear:
        return None
    seats = {f.actor: f for f in clear if f.kind in ("seat", "city")}
    for f in clear:
        actor = gazetteer.get(f.actor)
        if f.kind == "name" and actor is not None and actor.type == "org" and actor.country in seats:
            return seats[actor.country]
    rank = {"name": 0, "seat": 1, "city": 1, "demonym": 2}
    best = min(clear, key=lambda f: rank.get(f.kind, 3))
    rivals = {f.actor for f in clear if rank.get(f.kind, 3) == rank.get(best.kind, 3)}
    return best if len(rivals) == 1 else None


def _label_of(span, ents: list[tuple[int, int, str]]) -> str | None:
    """The NER label of the entity that covers this span, if any (``ents``: the Doc's entities as
    token ranges and labels)."""
    for start, end, label in ents:
        if start <= span.start and span.end <= end:
            return {"PERSON": "PER", "GPE": "LOC", "FAC": "LOC", "NORP": "MISC"}.get(label, label)
    return None


def _read_use(cand: _Candidate, settings: dict[str, Any]) -> None:
    """Metonymy: a seat of power or a country that acts stands for its government."""
    doc = cand.doc
    i, j = cand.tokens
    before = [t for t in doc[max(0, i - 3) : i] if not t.is_punct]
    preposition = None
    for t in reversed(before):
        if t.lower_ in settings["articles"]:
            continue
        preposition = t.lower_
        break
    head = doc[i:j].root
    acts = head.dep_ in settings["government_dependencies"]
    speaks_for = preposition in settings["government_prepositions"]
    at_place = preposition in settings["place_prepositions"] or (preposition or "").endswith(("à", "au"))
    if cand.via == "city":  # "Moscou a annoncé", "selon Washington"; else the city itself
        cand.reading = "government" if (acts or speaks_for) and not at_place else "place"
        cand.via = "seat"
    elif cand.via == "seat":  # a building or an institution: "le Kremlin", "Matignon", "Downing Street"
        cand.reading = "place" if at_place and not acts else "government"
    elif cand.via == "name" and cand.actor is not None and cand.actor.type == "country":
        if acts or speaks_for:
            cand.reading = "government"


def _persons(doc, offset: int) -> list[_Candidate]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PER", "PERSON") or "\n" in ent.text or len(ent.text) > MAX_PERSON_NAME:
            continue
        end = ent.end
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].is_alpha and doc[end + 1].text.islower():
            end += 2  # "Kim Jong" | "-" | "un": NER stops at the hyphen the tokenizer split off a given name
        span = doc[ent.start:end]
        out.append(_Candidate(offset + span.start_char, offset + span.end_char, span.text, "PER", None, "name",
                              tokens=(ent.start, end), doc=doc, priority=2))
    return out


def _without_overlaps(found: list[_Candidate]) -> list[_Candidate]:
    """Where two readings overlap, the longer span wins, then the person (NER) reading."""
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    kept: list[_Candidate] = []
    for c in found:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return kept


# --- persons ------------------------------------------------------------------------------------


def _resolve_persons(found: list[_Candidate], index: ActorIndex, day: date | None) -> dict[str, Actor]:
    """Full names first, then surnames alone through the article's full names. Returns the
    surnames of the persons named in full and resolved."""
    persons = [c for c in found if c.label == "PER" and c.actor is None and c.via == "name"]
    by_surname: dict[str, Actor | None] = {}
    for c in persons:
        words = _name_words(c.text)
        if len(words) < 2:
            continue
        actor = _match_person(words, index, day)
        c.actor = actor
        by_surname.setdefault(words[-1], actor)  # an unknown "Jean Dupont" still claims "Dupont"
    for c in persons:
        words = _name_words(c.text)
        if len(words) != 1:
            continue
        if words[0] in by_surname:
            c.actor, c.via = by_surname[words[0]], "coref"
        else:
            c.actor = _match_person(words, index, day)
            if c.actor is not None:
                c.via = "surname"
    return {k: v for k, v in by_surname.items() if v is not None}


def _surname_echoes(pieces, found: list[_Candidate], known: dict[str, Actor]) -> list[_Candidate]:
    """A surname of a person named in full, which NER did not tag this time ("Macron a
    quitté…" at the start of a sentence): the same person."""
    if not known:
        return []
    taken = [(c.start, c.end) for c in found]
    out = []
    for offset, doc in pieces:
        for token in doc:
            if not token.text[:1].isupper() or len(token.text) < 3:
                continue
            key = sound_key(token.text)
            actor = known.get(key)
            if actor is None:
                continue
            start, end = offset + token.idx, offset + token.idx + len(token.text)
            if any(s < end and start < e for s, e in taken):
                continue
            out.append(_Candidate(start, end, token.text, "PER", actor, "coref", tokens=(token.i, token.i + 1), doc=doc))
            taken.append((start, end))
    return out


def _name_words(text: str) -> list[str]:
    return sound_key(text).split()


def _match_person(words: list[str], index: ActorIndex, day: date | None) -> Actor | None:
    candidates = index.surnames.get(words[-1], [])
    if not candidates:
        return None
    gazetteer = index.gazetteer
    scored: list[tuple[int, int, Actor]] = []
    for actor_id in candidates:
        actor = gazetteer.get(actor_id)
        if actor is None:
            continue
        score = _name_score(words, actor)
        if score:
            role = actor.role_on(day) if day else None
            in_office = 2 if role is not None and role.dated else (1 if role is not None else 0)
            scored.append((score, in_office, actor))
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    best = scored[0]
    if len(words) == 1 and best[1] < 2:
        return None  # a bare surname names a person only while in office
    tied = [s for s in scored if (s[0], s[1]) == (best[0], best[1])]
    return best[2] if len(tied) == 1 else None


def _name_score(words: list[str], actor: Actor) -> int:
    """3: same full name; 2: same surname and a compatible first name; 1: surname only."""
    if len(words) == 1:
        return 1
    first = words[0]
    best = 0
    for forms in actor.aliases.values():
        for alias in forms:
            key = sound_key(alias).split()
            if not key or key[-1] != words[-1]:
                continue
            if key == words:
                return 3
            if key[0] == first or (len(first) == 1 and key[0].startswith(first)) or (
                len(key[0]) == 1 and first.startswith(key[0])
            ):
                best = 2
    return best


# --- generic agents -----------------------------------------------------------------------------


def _agents(pieces, index: ActorIndex, lang: str, settings: dict[str, Any], found: list[_Candidate]) -> list[_Candidate]:
    agents = load_agents(lang)
    taken = [(c.start, c.end) for c in found]
    persons = sorted((c for c in found if c.label == "PER"), key=lambda c: c.start)
    window = settings.get("apposition_window", 8)
    out = []
    demonyms = {(c.start, c.end): c for c in found if c.via == "demonym"}
    for offset, doc in pieces:
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or not token.text[:1].islower():
                continue
            sector = agents.get(token.lemma_.lower()) or agents.get(token.lower_)
            if sector is None:
                continue
            start_tok, end_tok = token.i, token.i + 1
            country = None
            for child in token.children:  # "armée syrienne", "Syrian army", "ministre russe"
                if child.dep_ != "amod":
                    continue
                key = form_key(child.text)
                as_demonym = demonyms.pop((offset + child.idx, offset + child.idx + len(child.text)), None)
                if key in index.adjectives or as_demonym is not None:
                    country = index.adjectives.get(key) or as_demonym.actor.id
                    start_tok, end_tok = min(start_tok, child.i), max(end_tok, child.i + 1)
                    if as_demonym is not None:  # "Russian diplomats": the adjective belongs to the agent
                        found.remove(as_demonym)
                        taken.remove((as_demonym.start, as_demonym.end))
            for child in token.children:  # "ministre russe des Affaires étrangères", "chef de l'armée"
                if child.dep_.startswith("nmod") and child.i > token.i and child.text[:1].isupper():
                    right = child.right_edge.i + 1
                    if right - token.i <= 6 and not _crosses(offset, doc, end_tok, right, taken):
                        end_tok = max(end_tok, right)
            start, end = offset + doc[start_tok].idx, offset + doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
            if any(s < end and start < e for s, e in taken):
                continue
            cand = _Candidate(start, end, doc.text[start - offset : end - offset], "AGENT", None, "agent",
                              country=country, sector=sector.split(":")[0][:3], tokens=(start_tok, end_tok), doc=doc)
            person = _apposition(cand, persons, offset, doc, window)
            if person is not None:
                cand.actor, cand.via = person.actor, "apposition"
            out.append(cand)
            taken.append((start, end))
    return out


def _crosses(offset: int, doc, i: int, j: int, taken: list[tuple[int, int]]) -> bool:
    start, end = offset + doc[i].idx, offset + doc[j - 1].idx + len(doc[j - 1].text)
    return any(s < end and start < e for s, e in taken)


def _apposition(agent: _Candidate, persons: list[_Candidate], offset: int, doc, window: int) -> _Candidate | None:
    """The person an agent phrase names: right after it ("le ministre … Sergueï Lavrov") or
    right before it, after a comma ("Sergueï Lavrov, ministre …")."""
    for p in persons:
        if p.doc is not doc or p.actor is None:
            continue
        gap = doc.text[agent.end - offset : p.start - offset] if p.start >= agent.end else None
        if gap is not None and len(gap.split()) <= 1 and gap.strip() in ("", ","):
            return p
        gap = doc.text[p.end - offset : agent.start - offset] if agent.start >= p.end else None
        if gap is not None and gap.strip() in (",", ", le", ", la", ", l'", ", the") and len(gap) <= window:
            return p
    return None


# --- national bodies ------------------------------------------------------------------------------


def _national_bodies(found: list[_Candidate], index: ActorIndex, settings: dict[str, Any]) -> None:
    """Names every state gives a body ("l'Assemblée nationale", "le Sénat") are in the gazetteer as
    one country's (France's): another country's body when a demonym or "du Gabon" follows the name,
    or when the article never names that country but names another one most; then it is that
    country's body, with no gazetteer actor (code: country and the body's sector)."""
    bodies = settings.get("national_bodies") or frozenset()
    hits = [c for c in found if c.actor is not None and c.actor.id in bodies and c.actor.country]
    if not hits:
        return
    named: dict[str, int] = defaultdict(int)  # countries the article names, by mentions
    for c in found:
        country = _country_named(c)
        if country:
            named[country] += 1
    ranked = sorted(named.items(), key=lambda kv: -kv[1])
    main = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    for c in hits:
        country = _country_after(c, found, index, settings)
        if country is None and main is not None and main != c.actor.country and not named.get(c.actor.country):
            country = main
        if country is None or country == c.actor.country:
            continue
        c.country, c.sector, c.actor = country, c.actor.sector, None  # still a named organisation for NER


def _country_named(c: _Candidate) -> str | None:
    if c.actor is None:
        return None
    if c.actor.type == "country":
        return c.actor.id
    return c.actor.country if c.via in ("seat", "city", "demonym") else None


def _country_after(c: _Candidate, found: list[_Candidate], index: ActorIndex, settings: dict[str, Any]) -> str | None:
    """The country a demonym or a "du X" right after the body's name says ("l'Assemblée nationale
    gabonaise", "le Sénat du Burundi")."""
    doc, (_, j) = c.doc, c.tokens
    if doc is None or j >= len(doc):
        return None
    key = form_key(doc[j].text)
    if key in index.adjectives:
        return index.adjectives[key]
    if doc[j].lower_ in settings.get("national_body_prepositions", ()):
        after = next((f for f in found if f.doc is doc and f.tokens[0] in (j + 1, j + 2)), None)
        if after is not None and after.actor is not None and after.actor.type == "country":
            return after.actor.id
    return None


# --- the record -------------------------------------------------------------------------------


def _mention(c: _Candidate, day: date | None, lang: str) -> Mention:
    actor = c.actor
    code = country = sector = title = None
    actor_id = actor_name = actor_type = None
    if actor is not None:
        actor_id, actor_name, actor_type = actor.id, actor.label(lang), actor.type
        if actor.type == "person":
            role = actor.role_on(day)
            if role is not None:
                code, country, sector, title = role.code, role.country, role.sector, role.title
            else:
                code, country, sector = actor.code, actor.country, actor.sector
        elif actor.type == "country":
            country = actor.id
            if c.reading == "government":
                code, sector = actor.id + "GOV", "GOV"
            else:
                code = actor.code or actor.id
        else:
            code, country, sector = actor.code, actor.country, actor.sector
        if c.reading == "place":  # "à Moscou": the city, in that country; not an actor
            actor_id = actor_name = actor_type = None
            code, sector = None, None
    elif c.label == "AGENT":
        country, sector = c.country, c.sector
        actor_type = "agent"
        code = (country or "") + (sector or "") or None
    elif c.country:  # another state's "Assemblée nationale" (_national_bodies)
        country, sector, actor_type = c.country, c.sector, "org"
        code = country + (sector or "")
    if c.label == "AGENT" and actor is not None and actor.type == "person":
        actor_type = "person"
    return Mention(c.start, c.end, c.text, c.label, actor_id, actor_name, actor_type, c.reading, code, country,
                   sector, title, c.via)
