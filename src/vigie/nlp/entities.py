"""Named entities, cleaned after spaCy and checked against the actors found.

spaCy's French models (trained on WikiNER, i.e. Wikipedia) make the same mistakes on news,
which this stage corrects. Boundaries and labels follow the convention of WiNER-fr, the
hand-annotated French Wikinews corpus vigie is measured on (``vigie eval ner --details``),
itself close to the Quaero / ESTER guidelines for French news. Counts below are the strict
mentions fixed / broken on its 959 development documents.

Boundaries:

- the article or preposition before a name: "la France", "de France" → "France"; a
  capitalised article stays ("La France insoumise");
- a courtesy title or a function is not part of a person's name: "M. [Dupont]", "le général
  [de Gaulle]"; "Président des États-Unis" is a title, not a person (47 / 0);
- the common noun saying what kind of place a name is stays outside it: "région
  [Normandie]", "lac du [Bourget]", "autoroute [A7]"; streets and squares keep theirs
  ("place de la Concorde") (65 / 7);
- an adjective of origin or direction belongs to the place: "[Kurdistan irakien]",
  "[Amérique latine]", "[Pacifique occidental]" (19 / 1);
- a spaced dash or slash separates two names ("Espagne - Turquie"), a hyphen joins (37 / 0);
  a name does not end with a preposition: "cour d'appel de" + "Paris" is one name (8 / 4);
  punctuation after a space is not part of a name ("Rio !");
- a minister's portfolio names the ministry: "ministre de l'[Intérieur]" ORG (39 / 2);
- a nationality noun after an article introduces a person: "la Hongroise [Emese Szász]"
  (17 / 0 on all documents; this rule and the ones marked * below were written looking at
  half of them, see docs/eval.md); a capitalised particle is part of a surname: "[De Gendt]" *.

Labels:

- an institution, a venue or an armed group, by its head word, is ORG: "diocèse de Hearst",
  "hôpital Pasteur", "comité Nobel", "Hôtel de Ville", "Manchester Arena", "Jaysh al-Islam"
  (87 / 2); so is a name introduced as a newspaper or a company ("le quotidien allemand
  Bild", 17 / 0) and a source quoted with "selon" that is not a known place (6 / 1);
- a capital city is a place even when it stands for its government ("Moscou a annoncé"):
  metonymy is the actors stage's reading, not a label (27 / 0); a seat building acting
  ("la Maison-Blanche a annoncé", "Matignon") and an organisation the gazetteer knows are ORG;
- a country's name is LOC even tagged PER or ORG, and is found where spaCy left it (15 / 0);
- a name a cue noun introduces ("le journal [La Provence]", "la société [Gucci]") is ORG
  whatever spaCy's label *; so is an institution's head word alone ("la [Mairie] a demandé") *
  and an unknown acronym defined in parentheses ("(ANENA)") *; a landform named with a country's
  adjective is a place: "le [désert syrien]" *;
- demonyms are people, not places: "les Français", "la Suissesse" (→ MISC), but not after a
  place preposition ("dans les Yvelines");
- a place inside the name of an event or a work is annotated, nested: "Jeux olympiques de
  [Rio]", "attentat de [Nice]" when the gazetteer or the article knows the place, or the
  event is one held somewhere (160 / 0); a race named after the territory it covers ("Tour
  de France") is a fixed name with no place in it (WiNER leaves it in 77 cases of 82);
- an abbreviation defined in the article ("les Gjs (Gilets jaunes)", "parquet national
  financier (PNF)") takes its long form's label wherever it is used (50 / 4);
- one name, one label in an article: a surname of a person named in full is PER, other
  names take their most frequent label (90 / 14), and a name tagged ORG is found where
  spaCy left it untagged (16 / 0).

Not names (dropped): a lone letter; a title alone ("Président"); a common noun capitalised by
typographic custom ("l'État", "la Constitution"); a compass point before "de" ("le Nord de
l'Inde"); a word without a capital ("rhinocéros"); a counted acronym ("4 100 CRS", "des
CRS", "un AVC"); a time zone ("UTC+01:00"); a one-word person in the plural ("les
Brownlee") or alone between quotes ("« Obamacare »"); a capitalised word at a sentence start
that the article writes in lowercase elsewhere ("Tard dans la soirée"); an acronym French uses
as a common noun ("les CRS", "le TGV") *; a direction alone ("vers l'Ouest") *; a rank ("ministre
d'État") *; a code after a currency ("dollars US") *.

Words and patterns are language data: ``lang/<lang>/entities.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from typing import Any

from vigie.model import Entity, Mention
from vigie.nlp.gazetteer import load_agents, load_gazetteer
from vigie.nlp.names import form_key

NAME_LABELS = ("PER", "LOC", "ORG", "MISC")
ORG_ACTORS = ("igo", "group", "org")
_ACRONYM = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ0-9&.-]+[a-z]?[A-ZÀ-Þ0-9]*")


@cache
def _settings(lang: str) -> dict[str, Any]:
    text = resources.files("vigie.lang").joinpath(lang, "entities.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items()}


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _settings(lang).get("not_names", ()))


@cache
def _regex(lang: str, key: str) -> re.Pattern[str] | None:
    pattern = _settings(lang).get(key)
    return re.compile(pattern) if pattern else None


@cache
def _countries(lang: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The names of countries in the gazetteer (``form_key``), and the capitalised forms as
    written, by first word (longest first) to find them in a text."""
    gazetteer = load_gazetteer()
    forms = set()
    for actor_id in gazetteer.actors:
        actor = gazetteer.get(actor_id)
        if actor is not None and actor.type == "country":
            forms.update(actor.aliases.get(lang) or ())
            if actor.name.get(lang):
                forms.add(actor.name[lang])
    by_first: dict[str, list[str]] = defaultdict(list)
    for f in sorted((f for f in forms if len(f) > 2 and f[0].isupper()), key=len, reverse=True):
        by_first[_FIRST_WORD.match(f).group(0)].append(f)  # type: ignore[union-attr]
    return frozenset(form_key(f) for f in forms), {k: tuple(v) for k, v in by_first.items()}


_FIRST_WORD = re.compile(r"[^\s'’-]+")
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-Þ][^\s'’-]*")


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` is written in ``text`` as a whole word (not inside a longer word)."""
    out, start = [], text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_")) and \
                (end == len(text) or not (text[end].isalnum() or text[end] in "-_")):
            out.append((start, end))
        start = text.find(name, start + 1)
    return out


@cache
def _cities(lang: str) -> frozenset[str]:
    """Seats of power that are cities: a country's capital (listed first among its seats) and
    the seats of international organisations ("Bruxelles", "Genève")."""
    gazetteer = load_gazetteer()
    out = set()
    for actor_id in gazetteer.actors:
        actor = gazetteer.get(actor_id)
        if actor is None or not actor.seats:
            continue
        forms = actor.seats.get(lang) or ()
        if actor.type == "country" and forms:
            out.add(form_key(forms[0]))
        elif actor.type == "igo":
            out.update(form_key(f) for f in forms)
    return frozenset(out)


def refine(entities: list[Entity], mentions: list[Mention], text: str, language: str | None) -> list[Entity]:
    lang = language if language in ("fr", "en") else "fr"
    settings = _settings(lang)
    agents = load_agents(lang)
    out: list[Entity] = []
    for entity in _dangling(entities, text, lang):
        if entity.label not in NAME_LABELS:
            out.append(entity)
            continue
        for e in map(_trimmed, _split_at_dashes(_trimmed(entity), text, lang)):
            e = _strip_function_words(e, text, settings)
            if e is not None:
                e = _strip_titles(e, text, lang)
            if e is not None:
                e = _strip_place_class(_with_particle(e, text, lang), lang)
            if e is None or _not_a_name(e, agents, text, settings, lang) or any(p.match(e.text) for p in _patterns(lang)):
                continue
            if e.start > 0 and text[e.start - 1] in "$€£¥" or _after_currency(e, text, lang):
                continue  # "68,65 $US", "1,68 milliard de dollars US": a currency's code, not a country
            if e.label != "PER" and " " not in e.text and re.search(r"(?:^|\s)(?:un|une)\s+$", text[max(0, e.start - 6) : e.start]):
                continue  # "une République numérique": a proper name takes no indefinite article
            if _common_noun_acronym(e, text):
                continue  # "contrats à durée déterminée (CDD)": the abbreviation of common nouns
            e = _portfolio(e, text, lang)
            e = _organisation_by_cue(e, text, lang)
            e = _with_place_adjective(e, text, lang)
            out.append(_organisation_by_head(e, settings))
    out = _with_actors(out, mentions, text, settings, lang)
    out = _people_after_demonyms(out, mentions, text, lang)
    out = _countries_are_places(out, text, lang)
    out = _landforms_of_a_country(out, text, lang)
    out = _sources_are_organisations(out, mentions, text, lang)
    out = _places_in_names(out, mentions, text, lang)
    out = _acronyms_in_parentheses(out, text)
    out = _abbreviations(out, text, lang)
    places = {(m.start, m.end) for m in mentions if m.via in ("name", "seat")}
    out = _acronyms_defined_are_organisations(out, text, places)
    out = _demonyms_by_form(out, text, settings, places)
    out = _consistent(out, lang)
    out = _common_words_at_sentence_start(out, text, lang)
    return _not_in_link_lists(_organisations_everywhere(out, text), text)


_LIST_LINE = re.compile(r"[^\S\n]*[^\s,]{1,30}(?: [^\s,]{1,30})?[^\S\n]*[,']?[^\S\n]*$")


def _not_in_link_lists(entities: list[Entity], text: str) -> list[Entity]:
    """A run of three or more lines that each hold one or two words and a comma ("Google ,",
    "Reddit ,", "Digg ,") is a list of links or share buttons the page left in the text, not
    prose: its words are not named in the article."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), bool(line.strip()) and _LIST_LINE.fullmatch(line) is not None
                      and line.rstrip().endswith((",", "'"))))
        pos += len(line) + 1
    spans, run = [], []
    for start, end, listed in lines + [(pos, pos, False)]:
        if listed:
            run.append((start, end))
            continue
        if len(run) >= 3:
            spans.append((run[0][0], end))  # the line after the last comma ends the list too
        run = []
    if not spans:
        return entities
    return [e for e in entities if not any(s <= e.start < t for s, t in spans)]


_LINKS = {"à", "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "pour", "of", "the", "and", "for"}


def _common_noun_acronym(e: Entity, text: str) -> bool:
    """An acronym in parentheses whose expansion, just before it, is written in lowercase: the
    initials of "contrats à durée déterminée" spell "CDD". "Organisation mondiale de la santé
    (OMS)" starts with a capital: a name."""
    acronym = e.text
    if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6):
        return False
    if not (text[max(0, e.start - 2) : e.start].strip() == "(" and text[e.end : e.end + 2].strip().startswith(")")):
        return False
    words = [w for w in re.findall(r"[\w'’-]+", text[max(0, e.start - 120) : e.start]) if w.lower().strip("'’") not in _LINKS]
    expansion = words[-len(acronym):]
    if len(expansion) < len(acronym) or "".join(w[0] for w in expansion).upper() != acronym:
        return False
    return expansion[0][0].islower()


_TRAILING = re.compile(r"(?:\s+[!?»«:;,.–—-]+)+$")


def _trimmed(e: Entity) -> Entity:
    """"Rio !", "République tchèque -", "Tarn-et-Garonne)": punctuation or a dash after a space
    and an unbalanced closing bracket at the end are not part of a name ("Yahoo!" keeps its
    mark)."""
    text = _TRAILING.sub("", e.text)
    while text.endswith((")", "]")) and text.count("(") + text.count("[") < text.count(")") + text.count("]"):
        text = _TRAILING.sub("", text[:-1])
    if text == e.text or not text:
        return e
    return Entity(e.start, e.start + len(text), text, e.label, e.model_label)


def _split_at_dashes(e: Entity, text: str, lang: str) -> list[Entity]:
    """"Espagne - Turquie" (a match), "Mézenc / Meygal": a dash or a slash between spaces
    separates two names; a hyphen without spaces joins one ("Saint-Denis")."""
    separator = _regex(lang, "name_separator")
    if separator is None or not separator.search(e.text):
        return [e]
    parts, start = [], e.start
    for piece in separator.split(e.text):
        lead = len(piece) - len(piece.lstrip())
        s = start + lead
        t = piece.strip()
        if t:
            parts.append(Entity(s, s + len(t), t, e.label, e.model_label))
        start += len(piece)
        m = separator.match(text, start)
        if m:
            start = m.end()
    return parts


def _strip_function_words(e: Entity, text: str, settings: dict[str, Any]) -> Entity | None:
    """'la France' → 'France', "l'Otan" → 'Otan', 'de France' → 'France'; a capitalised
    article stays ("La France insoumise" at a sentence start is a party's name)."""
    start = e.start
    words = settings["leading_words"]
    while True:
        rest = text[start : e.end]
        head = rest.split(" ", 1)[0]
        for elided in settings["elisions"]:
            if rest.startswith(elided) and len(rest) > len(elided):
                head = elided
                break
        if head in words and len(head) < len(rest):
            start += len(head) + (0 if head.endswith(("'", "’")) else 1)
            while start < e.end and text[start] == " ":
                start += 1
            continue
        break
    if start >= e.end:
        return None
    if start == e.start:
        return e
    return Entity(start, e.end, text[start : e.end], e.label, e.model_label)


def _with_particle(e: Entity, text: str, lang: str) -> Entity:
    """"De Gendt remporte…", "Van Aert": a capitalised particle right before a person's name
    is part of it; at the start of a sentence spaCy takes "De" for the preposition."""
    particle = _regex(lang, "capitalised_particle_before")
    if e.label != "PER" or particle is None:
        return e
    m = particle.search(text, max(0, e.start - 6), e.start)
    if m is None:
        return e
    return Entity(m.start(1), e.end, text[m.start(1) : e.end], e.label, e.model_label)


def _strip_titles(e: Entity, text: str, lang: str) -> Entity | None:
    """"M. Dupont", "Mme Plante", "le président Macron": a courtesy title or a function is not
    part of the name (WiNER: M. [Dupont], le général [de Gaulle]). What is left must be a name:
    capitalised, or a particle and a surname ("de Gaulle"); "Président des États-Unis" is a
    title, not a person."""
    if e.label != "PER":
        return e
    titles = _settings(lang)["person_titles"]
    start = e.start
    while True:
        rest = text[start : e.end]
        head, _, tail = rest.partition(" ")
        if not tail or head not in titles:
            break
        start = e.end - len(tail.lstrip())
    if start == e.start:
        return e
    rest = text[start : e.end]
    if not rest[:1].isupper() and not _regex(lang, "surname_particle").match(rest):  # type: ignore[union-attr]
        return None  # "Président des États-Unis": a title; the gazetteer will find the country
    return Entity(start, e.end, rest, e.label, e.model_label)


def _strip_place_class(e: Entity, lang: str) -> Entity:
    """"la région Nouvelle-Aquitaine", "le lac du Bourget", "l'autoroute A7": the common noun
    that says what kind of place it is stays outside the name (WiNER: région [Normandie],
    lac du [Bourget]); streets and squares keep theirs ("place de la Concorde" is the name)."""
    if e.label != "LOC":
        return e
    head, _, rest = e.text.partition(" ")
    if not rest or head not in _settings(lang)["place_classes"]:  # "Pont de l'Étoile" is a town
        return e
    m = _regex(lang, "complement_prefix").match(rest)  # type: ignore[union-attr]
    if m is None:
        return e
    name = rest[m.end() :]
    return Entity(e.end - len(name), e.end, name, e.label, e.model_label)


def _organisation_by_head(e: Entity, settings: dict[str, Any]) -> Entity:
    """"diocèse de Hearst", "hôpital Pasteur", "comité Nobel", "Jaysh al-Islam", "Manchester
    Arena": a name whose head says it is an institution, a venue or an armed group is an
    organisation (WiNER labels venues and facilities ORG), not a place or a work. The head
    alone, capitalised and tagged as a place ("la Mairie a demandé", "le Parquet", "l'Opéra"),
    is the institution too."""
    if e.label not in ("LOC", "MISC") or (" " not in e.text and e.label != "LOC"):
        return e
    if e.text.split(" ", 1)[0].lower() in settings["organisation_heads"] or \
            e.text.rsplit(" ", 1)[-1] in settings["organisation_tails"]:
        return Entity(e.start, e.end, e.text, "ORG", e.model_label)
    return e


def _organisation_by_cue(e: Entity, text: str, lang: str) -> Entity:
    """"le quotidien allemand Bild", "l'entreprise OneWeb", "le magazine Marianne": a name that a
    common noun introduces as a newspaper, a company or a party is an organisation (WiNER
    labels titles of the press ORG); spaCy, trained on Wikipedia, reads many as works (MISC),
    places ("le journal La Provence") or persons ("la société Gucci"). A country or a capital
    the gazetteer knows gets its place label back from the actors stage."""
    cue = _regex(lang, "organisation_cue")
    if e.label == "ORG" or cue is None or not cue.search(text, max(0, e.start - 60), e.start):
        return e
    return Entity(e.start, e.end, e.text, "ORG", e.model_label)


def _with_place_adjective(e: Entity, text: str, lang: str) -> Entity:
    """"Kurdistan irakien", "Amérique latine", "Pacifique occidental", "Irlande du Nord": an
    adjective of origin or of direction right after a place name is part of the name
    (WiNER: [Alpes valdôtaines]LOC)."""
    adjective = _regex(lang, "place_adjective")
    if e.label != "LOC" or adjective is None:
        return e
    m = adjective.match(text, e.end)
    if m is None:
        return e
    end = m.end()
    return Entity(e.start, end, text[e.start : end], e.label, e.model_label)


def _portfolio(e: Entity, text: str, lang: str) -> Entity:
    """"ministre de l'Intérieur": the portfolio names the ministry, an organisation, and the
    minister's title is not part of it (WiNER: ministre de l'[Intérieur]ORG)."""
    prefix = _regex(lang, "portfolio_prefix")
    if prefix is None:
        return e
    m = prefix.match(e.text)
    if m and e.label != "PER":
        rest = e.text[m.end() :]
        if rest[:1].isupper():
            return Entity(e.start + m.end(), e.end, rest, "ORG", e.model_label)
        return e
    if e.label in ("LOC", "MISC"):
        before = text[max(0, e.start - 40) : e.start]
        if _regex(lang, "portfolio_before").search(before):  # type: ignore[union-attr]
            return Entity(e.start, e.end, e.text, "ORG", e.model_label)
    return e


def _after_currency(e: Entity, text: str, lang: str) -> bool:
    """"1,68 milliard de dollars US": a short code after the name of a currency says which
    currency, it names no country."""
    currency = _regex(lang, "currency_before")
    return (currency is not None and e.text.isupper() and len(e.text) <= 3
            and currency.search(text, max(0, e.start - 12), e.start) is not None)


def _not_a_name(e: Entity, agents: dict[str, str], text: str, settings: dict[str, Any], lang: str) -> bool:
    """A lone letter or a title ("Président", "Ministre") is not a name, nor a one-word person
    in the plural ("les Brownlee") or alone between quotes ("« Obamacare »"); nor is a common noun
    written with a capital by French typographic custom ("l'État", "la Constitution"), nor a
    compass point that situates something else ("le Nord de l'Inde", "l'Ouest du pays")."""
    stripped = e.text.strip(" .")
    if len(stripped) <= 1:
        return True
    if not any(c.isupper() for c in stripped) and (e.label == "PER" or " " not in stripped):
        return True  # "rhinocéros", "autopompes", "girondine": a proper name has a capital
    if stripped in settings["common_nouns"]:
        return True
    if stripped in settings.get("common_noun_acronyms", ()) and not re.match(r"\s*\d", text[e.end :]):
        return True  # "les CRS", "un SDF", "le TGV": common nouns; "la CRS 8" is one unit
    if _ACRONYM.fullmatch(e.text.rstrip("s")) and _regex(lang, "countable_before").search(text, max(0, e.start - 20), e.start):  # type: ignore[union-attr]
        return True  # "4 100 CRS", "un AVC", "un CDD": a count noun, not an organisation's name
    if stripped in settings["compass_points"] and _regex(lang, "compass_complement").match(text, e.end):  # type: ignore[union-attr]
        return True
    if stripped in settings.get("directions", ()):
        return True  # "vers l'Ouest", "dans le Sud-Est": a direction, not a place's name
    if (e.label == "PER" and " " not in stripped and _regex(lang, "quote_open").search(text, max(0, e.start - 3), e.start)  # type: ignore[union-attr]
            and _regex(lang, "quote_close").match(text, e.end)):  # type: ignore[union-attr]
        return True  # "« Obamacare »", "« Menteur »": a quoted word
    plural = _regex(lang, "plural_determiner")
    if e.label == "PER" and " " not in stripped and plural is not None and plural.search(text, max(0, e.start - 6), e.start):
        return True  # "les Brownlee", "des Tutsis": a family or a group, not a person
    return e.label == "PER" and stripped.lower() in agents


def _dangling(entities: list[Entity], text: str, lang: str) -> list[Entity]:
    """"cour d'appel de" + "Paris", "TGI de" + "Paris": a name does not end with a preposition
    or an article; spaCy cut it in two, and the two pieces are one name with the label of its
    head. With nothing after it, the dangling words go ("procureur de la" → "procureur")."""
    dangling = _regex(lang, "dangling_end")
    if dangling is None:
        return entities
    out: list[Entity] = []
    skip = -1
    ordered = sorted(entities, key=lambda e: (e.start, -e.end))
    for i, e in enumerate(ordered):
        if i == skip:
            continue
        m = dangling.search(e.text) if e.label in NAME_LABELS else None
        if m is None:
            out.append(e)
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if (e.label in ("ORG", "LOC") and nxt is not None and nxt.label in NAME_LABELS
                and text[e.end : nxt.start].strip() == ""):
            out.append(Entity(e.start, nxt.end, text[e.start : nxt.end], e.label, e.model_label))
            skip = i + 1
            continue
        rest = e.text
        while m is not None:
            rest = rest[: m.start()]
            m = dangling.search(rest)
        if rest and (any(c.isupper() for c in rest) or " " in rest):
            out.append(Entity(e.start, e.start + len(rest), rest, e.label, e.model_label))
    return out


def _with_actors(entities: list[Entity], mentions: list[Mention], text: str, settings: dict[str, Any],
                 lang: str) -> list[Entity]:
    """Labels and spans from the actors stage, where it knows the name."""
    out = list(entities)
    for m in mentions:
        if m.label == "AGENT" or m.via not in ("name", "seat", "demonym"):
            continue
        label = _label_for(m, lang)
        overlapping = [i for i, e in enumerate(out) if e.start < m.end and m.start < e.end]
        if m.via == "demonym":  # "les Français", "Autrichienne": people, not a place
            for i in overlapping:
                if out[i].label == "LOC" and out[i].start == m.start:
                    e = out[i]
                    if e.end <= m.end:
                        out[i] = Entity(e.start, e.end, e.text, "MISC", e.model_label)
                    else:  # "Autrichienne Nadine Fest": the person after the demonym
                        rest = text[m.end : e.end].lstrip()
                        s = e.end - len(rest)
                        out[i] = Entity(s, e.end, rest, "PER", e.model_label)
            continue
        if label is None:
            continue
        if not overlapping:  # a known name spaCy did not see
            out.append(Entity(m.start, m.end, m.text, label, "gazetteer"))
            continue
        for i in overlapping:
            e = out[i]
            inside = m.start <= e.start and e.end <= m.end  # "État" inside "État islamique"
            same = (e.start, e.end) == (m.start, m.end)
            article = e.start < m.start and e.end == m.end and text[e.start : m.start].strip(" ’'") in settings["articles"]
            if (inside or same or article) and (e.label != "PER" or (inside and not same)):
                # "La France" at a sentence start → "France"; "Gilets" (PER) inside "Gilets jaunes"
                out[i] = Entity(m.start, m.end, m.text, label, e.model_label)
    for m in mentions:  # a person the article names in full, met again by surname ("Pour Erdogan, …")
        if m.label != "PER" or m.actor_type != "person" or m.via not in ("coref", "surname", "name"):
            continue
        same = [i for i, e in enumerate(out) if (e.start, e.end) == (m.start, m.end)]
        for i in same:
            if out[i].label != "PER":
                out[i] = Entity(out[i].start, out[i].end, out[i].text, "PER", out[i].model_label)
        if not same and m.via == "coref" and not any(e.start < m.end and m.start < e.end for e in out):
            out.append(Entity(m.start, m.end, m.text, "PER", "coref"))
    for m in mentions:  # "l'armée syrienne", "le gouvernement ukrainien": institutions of a country
        if m.label == "AGENT" and m.country and m.text.split(" ", 1)[0].lower() in settings["institutions"]:
            if not any(e.start < m.end and m.start < e.end for e in out):
                out.append(Entity(m.start, m.end, m.text, "ORG", "agent"))
    return _dedupe(out)


def _people_after_demonyms(entities: list[Entity], mentions: list[Mention], text: str, lang: str) -> list[Entity]:
    """"la Hongroise Emese Szász", "l'Américaine Virginia Thrasher", "le Britannique Ben Canute":
    a nationality noun after an article, then capitalised words, introduces a person (WiNER:
    la Hongroise [Emese Szász]PER). spaCy reads many of these pairs as one place or one work,
    cuts an unusual name short ("Emese") or misses it; the demonym itself is not a name."""
    before = _regex(lang, "demonym_article")
    name = _regex(lang, "person_after_demonym")
    if before is None or name is None:
        return entities
    gazetteer = load_gazetteer()
    out = list(entities)
    for m in mentions:
        if m.via != "demonym" or m.actor is None or not before.search(text, max(0, m.start - 6), m.start):
            continue
        actor = gazetteer.get(m.actor)
        if actor is None or m.text not in (actor.adjectives.get(lang) or ()):
            continue  # "la British Academy": an English adjective in a name
        n = name.match(text, m.end)
        if n is None:
            continue
        start, end = n.start(1), n.end(1)
        overlapping = [i for i, e in enumerate(out) if e.start < end and start < e.end]
        if any(out[i].end > end or out[i].start < m.start for i in overlapping):
            continue  # a longer name runs on: leave it to spaCy
        if any(out[i].label in ("LOC", "ORG") and out[i].start == start for i in overlapping):
            continue  # "l'Américain Boeing": spaCy saw an organisation there
        model_label = out[overlapping[0]].model_label if overlapping else "demonym"
        out = [e for i, e in enumerate(out) if i not in overlapping]
        out.append(Entity(start, end, text[start:end], "PER", model_label))
    return sorted(out, key=lambda e: (e.start, -e.end))


def _countries_are_places(entities: list[Entity], text: str, lang: str) -> list[Entity]:
    """A country's name tagged as a person or an organisation ("France" PER in a list of
    towns, "eSwatini" ORG) is the country: the gazetteer knows it, even where the actors stage
    left it to spaCy's person reading; so is one spaCy left untagged ("Royaume-Uni : …")."""
    countries, by_first = _countries(lang)
    out = []
    for e in entities:
        if e.label in ("PER", "ORG") and form_key(e.text) in countries:
            e = Entity(e.start, e.end, e.text, "LOC", e.model_label)
        out.append(e)
    for m in _CAPITALISED.finditer(text):
        for name in by_first.get(m.group(0), ()):
            end = m.start() + len(name)
            if text.startswith(name, m.start()) and (end == len(text) or not (text[end].isalnum() or text[end] in "-_")):
                if not any(e.start < end and m.start() < e.end for e in out):
                    out.append(Entity(m.start(), end, name, "LOC", "gazetteer"))
                break
    return sorted(out, key=lambda e: (e.start, -e.end))


def _landforms_of_a_country(entities: list[Entity], text: str, lang: str) -> list[Entity]:
    """"le désert syrien", "l'île cubaine": a natural region named by a common noun and the
    adjective of its country is a place (WiNER annotates it); spaCy, which looks for capitals,
    misses it. Administrative words ("territoire", "frontière", "capitale") are not names."""
    landform = _regex(lang, "landform_with_adjective")
    if landform is None:
        return entities
    from vigie.nlp.actors import actor_index  # the actors stage's index of country adjectives

    adjectives = actor_index().adjectives
    added = []
    for m in landform.finditer(text):
        if form_key(m.group(2)) in adjectives and not any(e.start < m.end() and m.start() < e.end for e in entities):
            added.append(Entity(m.start(), m.end(), m.group(0), "LOC", "landform"))
    if not added:
        return entities
    return sorted(entities + added, key=lambda e: (e.start, -e.end))


def _sources_are_organisations(entities: list[Entity], mentions: list[Mention], text: str,
                               lang: str) -> list[Entity]:
    """"selon le Pentagone", "d'après Franceinfo": who is quoted as a source speaks, so a name
    tagged as a place there is an organisation, unless the gazetteer knows it as a place (a
    country or a capital quoted for its government stays LOC, as in WiNER)."""
    source = _regex(lang, "source_before")
    if source is None:
        return entities
    places = {(m.start, m.end) for m in mentions if m.via in ("name", "seat")}
    countries = _countries(lang)[0]
    out = []
    for e in entities:
        if (e.label == "LOC" and (e.start, e.end) not in places and form_key(e.text) not in countries
                and source.search(text, max(0, e.start - 15), e.start)):
            e = Entity(e.start, e.end, e.text, "ORG", e.model_label)
        out.append(e)
    return out


def _places_in_names(entities: list[Entity], mentions: list[Mention], text: str, lang: str) -> list[Entity]:
    """"Jeux olympiques de Rio", "attentat de Strasbourg", "Mission de l'Union africaine en
    Somalie": a known place or organisation inside the name of an event or a work (MISC) is
    annotated on its own, nested (WiNER: [Jeux olympiques de [Rio]LOC]Event). Known = named
    by the gazetteer, or tagged as a place elsewhere in the same article. A race or a cup named
    after the territory it covers ("Tour de France", "Coupe de France") is a fixed name, not
    an event held somewhere: its place is not a location mention (WiNER leaves it, 77 of 82)."""
    preposition = _regex(lang, "name_preposition")
    if preposition is None:
        return entities
    heads = _settings(lang)["territory_name_heads"]
    names = [e for e in entities if e.label == "MISC" and " " in e.text and e.text.split(" ", 1)[0] not in heads]
    if not names:
        return entities
    known: dict[tuple[int, int], str] = {}
    for m in mentions:
        if m.via in ("name", "seat") and m.label != "AGENT":
            label = "ORG" if m.actor_type in ORG_ACTORS else ("LOC" if m.actor_type == "country" or m.via == "seat"
                                                             else None)
            if label:
                known[(m.start, m.end)] = label
    places = {e.text for e in entities if e.label == "LOC"}
    hosted = _settings(lang)["hosted_event_heads"]
    place_name = _regex(lang, "place_name")
    added = []
    for e in names:
        hosted_place = None
        for p in preposition.finditer(e.text):
            start = e.start + p.end()
            for (s, end), label in known.items():
                if s == start and end <= e.end:
                    added.append(Entity(s, end, text[s:end], label, "gazetteer"))
                    break
            else:
                tail = text[start : e.end]
                if tail in places:
                    added.append(Entity(start, e.end, tail, "LOC", e.model_label))
                elif e.text.split(" ", 1)[0] in hosted and place_name is not None:
                    m = place_name.match(text, start, e.end)  # "Jeux olympiques de Rio 2016"
                    if m:
                        name = m.group(0)
                        while name.endswith((" de", " du", " des", " la", " le")):
                            name = name.rsplit(" ", 1)[0]
                        hosted_place = Entity(start, start + len(name), name, "LOC", e.model_label)
        if hosted_place is not None:  # the last one: "Jeux olympiques d'Hiver de Sotchi"
            added.append(hosted_place)
    if not added:
        return entities
    taken = {(e.start, e.end) for e in entities if e.label != "MISC"}
    return sorted(entities + [a for a in added if (a.start, a.end) not in taken], key=lambda e: (e.start, -e.end))


_PARENTHESIS = re.compile(r"\s*\(\s*")


def _acronyms_in_parentheses(entities: list[Entity], text: str) -> list[Entity]:
    """"Open Society Foundations (OSF)", "JDD (Journal du Dimanche)": a name and its acronym
    in parentheses name the same thing; when one of them is an organisation, so is the other."""
    by_start = {e.start: i for i, e in enumerate(entities) if e.label in NAME_LABELS}
    out = list(entities)
    for i, a in enumerate(entities):
        if a.label not in NAME_LABELS:
            continue
        m = _PARENTHESIS.match(text, a.end)
        j = by_start.get(m.end()) if m else None
        if j is None or not text[out[j].end :].lstrip().startswith(")"):
            continue
        b = out[j]
        short, full = (a, b) if _ACRONYM.fullmatch(a.text) else (b, a)
        if not _ACRONYM.fullmatch(short.text) or short is full or short.text[0] not in full.text:
            continue
        labels = {a.label, b.label}
        if "ORG" in labels and "PER" not in labels:
            out[i] = Entity(a.start, a.end, a.text, "ORG", a.model_label)
            out[j] = Entity(b.start, b.end, b.text, "ORG", b.model_label)
    return out


_WORDS = re.compile(r"\w+")
_OPENING = re.compile(r"\(")
_WORD_BEFORE = re.compile(r"([\w.&-]{2,12})\s*$")
_DEFINITION = re.compile(r"\s*\(\s*([\w.&-]{2,12})\s*\)")


def _abbreviations(entities: list[Entity], text: str, lang: str) -> list[Entity]:
    """An abbreviation defined in the article ("les Gjs (Gilets jaunes)", "Forces démocratiques
    syriennes (FDS)": its letters are the initials of the words of the long form) names what the
    long form names wherever it is used in the article, and takes its label."""
    skip = _settings(lang)["abbreviation_skip_words"]

    def initials(name: str) -> str:
        return "".join(w[0] for w in _WORDS.findall(name.lower().replace("’", "'")) if w not in skip)

    def abbreviates(short: str, name: str) -> bool:
        letters = re.sub(r"\W", "", short).lower()
        first = initials(name)
        return len(first) >= 2 and (letters == first or letters == first + "s")

    if "(" not in text:
        return entities
    by_start = {e.start: e for e in entities if e.label in ("PER", "LOC", "ORG")}
    by_end = {e.end: e for e in entities if e.label in ("PER", "LOC", "ORG")}
    labels: dict[str, str] = {}
    for e in by_end.values():  # "Forces démocratiques syriennes (FDS)"
        m = _DEFINITION.match(text, e.end)
        if m and abbreviates(m.group(1), e.text):
            labels[m.group(1)] = e.label
    parentheses = [m.start() for m in _OPENING.finditer(text)]
    for i in parentheses:  # "Gjs (Gilets jaunes)"
        m = _WORD_BEFORE.search(text, max(0, i - 16), i)
        after = _PARENTHESIS.match(text, i)
        long = by_start.get(after.end()) if m and after else None
        if long is not None and abbreviates(m.group(1), long.text) and text[long.end :].lstrip().startswith(")"):
            labels[m.group(1)] = long.label
    added = []
    heads = _settings(lang)["organisation_heads"]
    for i in parentheses:  # "le parquet national financier (PNF)": untagged long forms
        while i > 0 and text[i - 1].isspace():
            i -= 1
        m = _DEFINITION.match(text, i)
        if m is None:
            continue
        short = m.group(1)
        if short in labels or not _ACRONYM.fullmatch(short):
            continue
        before = text[max(0, m.start() - 150) : m.start()]
        words = list(re.finditer(r"[\w’'-]+", before))
        for k in range(2, min(16, len(words)) + 1):
            long = before[words[-k].start() :]
            if abbreviates(short, long):
                head = re.split(r"['’]", long.split(" ", 1)[0].lower())[-1]
                if head in heads:
                    start = m.start() - len(before) + words[-k].start()
                    labels[short] = "ORG"
                    added.append(Entity(start, start + len(long), long, "ORG", "abbreviation"))
                break
    if not labels:
        return entities
    out = [Entity(e.start, e.end, e.text, labels[e.text], e.model_label)
           if e.label in NAME_LABELS and e.text in labels and e.label != labels[e.text] else e for e in entities]
    for a in added:  # the long form replaces the pieces spaCy saw inside it
        if all(a.start <= e.start and e.end <= a.end for e in out if e.start < a.end and a.start < e.end):
            out = [e for e in out if not (e.start < a.end and a.start < e.end)] + [a]
    for short, label in labels.items():  # the uses spaCy did not tag
        for start, end in _occurrences(text, short):
            if not any(e.start < end and start < e.end for e in out):
                out.append(Entity(start, end, short, label, "abbreviation"))
    return sorted(out, key=lambda e: (e.start, -e.end))


def _acronyms_defined_are_organisations(entities: list[Entity], text: str, known: set[tuple[int, int]]) -> list[Entity]:
    """"l'Association nationale pour l'étude de la neige (ANENA)", "la Mission … en Somalie
    (AMISOM)": an acronym given in parentheses after what it stands for is the short name of an
    organisation; spaCy reads many unknown acronyms as places. Places the gazetteer knows
    ("(RDC)", "(USA)") stay places, and so do codes with digits ("(A7)", a motorway)."""
    out = []
    for e in entities:
        if (e.label == "LOC" and e.text.isupper() and e.text.isalpha() and len(e.text) >= 3 and (e.start, e.end) not in known
                and text[max(0, e.start - 2) : e.start].strip() == "(" and text[e.end : e.end + 2].strip().startswith(")")
                and re.search(r"[^\W\d]\s*$", text[max(0, e.start - 4) : e.start].rstrip("( "))):
            e = Entity(e.start, e.end, e.text, "ORG", e.model_label)
        out.append(e)
    return out


def _demonyms_by_form(entities: list[Entity], text: str, settings: dict[str, Any],
                      places: set[tuple[int, int]]) -> list[Entity]:
    """"la Suissesse", "l'Australien": a one-word LOC after a determiner, with a demonym's
    ending, is a person's nationality, not a place (the gazetteer lists the common forms;
    this catches the rest)."""
    out = []
    endings = tuple(settings["demonym_endings"])
    determiners = settings["determiners"]
    prepositions = settings["place_prepositions"]  # "dans les Yvelines", "vers la Madeleine": places
    for e in entities:
        if (e.label == "LOC" and " " not in e.text and "-" not in e.text and len(e.text) > 5
                and e.text.lower().endswith(endings) and (e.start, e.end) not in places):
            before = text[max(0, e.start - 30) : e.start].replace("’", "'").lower()
            words = before.replace("'", "' ").split()
            if words and words[-1] in determiners and (len(words) < 2 or words[-2] not in prepositions):
                e = Entity(e.start, e.end, e.text, "MISC", e.model_label)
        out.append(e)
    return out


def _consistent(entities: list[Entity], lang: str) -> list[Entity]:
    """One name, one label within an article: a surname of a person named in full is that
    person ("Chris Froome" … "Froome", tagged MISC) unless it is a country's name ("Anatole
    France"); any other name tagged differently in different sentences takes its most frequent
    label."""
    countries = _countries(lang)[0]
    surnames = {e.text.rsplit(" ", 1)[-1] for e in entities if e.label == "PER" and " " in e.text}
    labels: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        if e.label in NAME_LABELS:
            labels[e.text][e.label] += 1
    out = []
    for e in entities:
        if e.label in NAME_LABELS:
            if " " not in e.text and e.text in surnames and form_key(e.text) not in countries:
                label = "PER"
            else:
                counts = labels[e.text].most_common()
                label = counts[0][0] if len(counts) == 1 or counts[0][1] > counts[1][1] else e.label
            if label != e.label:
                e = Entity(e.start, e.end, e.text, label, e.model_label)
        out.append(e)
    return out


_SENTENCE_START = re.compile(r"(?:^|[.!?:;«»\"—–]\s*|\n\s*)$")


def _common_words_at_sentence_start(entities: list[Entity], text: str, lang: str) -> list[Entity]:
    """"Tard dans la soirée", "Aujourd'hui en France", "Tensions à l'approche…": a capitalised
    word at the start of a sentence that the same article writes in lowercase elsewhere is a
    common word, not a name (a country's name stays: "Suisse" and "suisse")."""
    countries = _countries(lang)[0]
    words = None
    out = []
    for e in entities:
        if (e.label in NAME_LABELS and " " not in e.text and e.text[:1].isupper() and not e.text.isupper()
                and _SENTENCE_START.search(text, max(0, e.start - 3), e.start)):
            if words is None:
                words = set(re.findall(r"\w[\w'’-]*", text))
            if e.text[0].lower() + e.text[1:] in words and form_key(e.text) not in countries:
                continue
        out.append(e)
    return out


def _organisations_everywhere(entities: list[Entity], text: str) -> list[Entity]:
    """An organisation named in the article ("I-Télé", "Renault") is that organisation where
    spaCy left the same name untagged (a title, a list); acronyms are left alone ("CRS" is
    also a common noun)."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        if e.label in NAME_LABELS:
            labels[e.text][e.label] += 1
    names = [t for t, c in labels.items() if c.most_common(1)[0][0] == "ORG" and len(t) > 2 and t[0].isupper()
             and not _ACRONYM.fullmatch(t)]
    if not names:
        return entities
    out = list(entities)
    for name in names:
        for start, end in _occurrences(text, name):
            if not any(e.start < end and start < e.end for e in out):
                out.append(Entity(start, end, name, "ORG", "article"))
    return sorted(out, key=lambda e: (e.start, -e.end))


def _label_for(m: Mention, lang: str) -> str | None:
    if m.actor_type in ORG_ACTORS:
        return "ORG"
    if m.via == "seat":
        if m.reading == "government" and form_key(m.text) not in _cities(lang):
            return "ORG"  # "la Maison-Blanche a annoncé"; "Moscou a annoncé" stays a place
        return "LOC"
    if m.actor_type == "country":
        return "LOC"
    return None


def _dedupe(entities: list[Entity]) -> list[Entity]:
    """No span twice, and no entity inside another of the same label."""
    reach: dict[str, int] = {}
    out = []
    for e in sorted(entities, key=lambda e: (e.start, -e.end)):
        if reach.get(e.label, -1) >= e.end:
            continue
        reach[e.label] = e.end
        out.append(e)
    return out
