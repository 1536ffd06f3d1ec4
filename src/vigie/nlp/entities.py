"""Named entities, cleaned after spaCy and checked against the actors found.

spaCy's French models (trained on WikiNER) make the same few mistakes on news, which this
stage corrects (counts from ``vigie eval ner --details`` on WiNER-fr):

- the article or preposition inside the name: "la France", "de France" → "France";
- demonyms as places: "les Français", "l'Autrichienne" are people, not LOC (→ MISC);
- a title alone as a person ("Président"), a lone capital letter ("catégorie A") → dropped;
- names the gazetteer knows better: a seat of power acting ("Matignon a annoncé",
  "la Maison-Blanche") and an organisation or armed group ("Daech", "l'État islamique")
  are ORG; a name cut short ("État" for "État islamique") takes the gazetteer's span; a
  known name spaCy missed is added.

Words are language data: ``lang/<lang>/entities.json``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from vigie.model import Entity, Mention
from vigie.nlp.gazetteer import load_agents

NAME_LABELS = ("PER", "LOC", "ORG", "MISC")
ORG_ACTORS = ("igo", "group", "org")


@cache
def _settings(lang: str) -> dict[str, Any]:
    text = resources.files("vigie.lang").joinpath(lang, "entities.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in data.items()}


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _settings(lang).get("not_names", ()))


def refine(entities: list[Entity], mentions: list[Mention], text: str, language: str | None) -> list[Entity]:
    lang = language if language in ("fr", "en") else "fr"
    settings = _settings(lang)
    agents = load_agents(lang)
    out: list[Entity] = []
    for e in entities:
        if e.label not in NAME_LABELS:
            out.append(e)
            continue
        e = _strip_function_words(e, text, settings)
        if e is None or _not_a_name(e, agents) or any(p.match(e.text) for p in _patterns(lang)):
            continue
        if e.label == "LOC" and e.text.split(" ", 1)[0].lower() in settings["organisation_heads"] and " " in e.text:
            e = Entity(e.start, e.end, e.text, "ORG", e.model_label)  # "diocèse de Hearst", "hôpital Pasteur"
        out.append(e)
    out = _with_actors(out, mentions, text, settings)
    places = {(m.start, m.end) for m in mentions if m.via in ("name", "seat")}
    out = _demonyms_by_form(out, text, settings, places)
    return _consistent(out)


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


def _not_a_name(e: Entity, agents: dict[str, str]) -> bool:
    """A lone letter or a title ("Président", "Ministre") is not a name."""
    stripped = e.text.strip(" .")
    if len(stripped) <= 1:
        return True
    return e.label == "PER" and stripped.lower() in agents


def _with_actors(entities: list[Entity], mentions: list[Mention], text: str, settings: dict[str, Any]) -> list[Entity]:
    """Labels and spans from the actors stage, where it knows the name."""
    out = list(entities)
    for m in mentions:
        if m.label == "AGENT" or m.via not in ("name", "seat", "demonym"):
            continue
        label = _label_for(m)
        overlapping = [i for i, e in enumerate(out) if e.start < m.end and m.start < e.end]
        if m.via == "demonym":  # "les Français", "Autrichienne": people, not a place
            for i in overlapping:
                if out[i].label == "LOC" and out[i].start == m.start:
                    e = out[i]
                    if e.end == m.end:
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
            if (inside or same or article) and e.label != "PER":  # "La France" at a sentence start → "France"
                out[i] = Entity(m.start, m.end, m.text, label, e.model_label)
    for m in mentions:  # "l'armée syrienne", "le gouvernement ukrainien": institutions of a country
        if m.label == "AGENT" and m.country and m.text.split(" ", 1)[0].lower() in settings["institutions"]:
            if not any(e.start < m.end and m.start < e.end for e in out):
                out.append(Entity(m.start, m.end, m.text, "ORG", "agent"))
    return _dedupe(out)


def _demonyms_by_form(entities: list[Entity], text: str, settings: dict[str, Any],
                      places: set[tuple[int, int]]) -> list[Entity]:
    """"la Suissesse", "l'Australien": a one-word LOC after a determiner, with a demonym's
    ending, is a person's nationality, not a place (the gazetteer lists the common forms;
    this catches the rest)."""
    out = []
    endings = tuple(settings["demonym_endings"])
    determiners = settings["determiners"]
    for e in entities:
        if e.label == "LOC" and " " not in e.text and e.text.lower().endswith(endings) and (e.start, e.end) not in places:
            before = text[max(0, e.start - 4) : e.start].replace("’", "'").lower()
            words = before.replace("'", "' ").split()
            if words and words[-1] in determiners:
                e = Entity(e.start, e.end, e.text, "MISC", e.model_label)
        out.append(e)
    return out


def _consistent(entities: list[Entity]) -> list[Entity]:
    """One name, one label within an article: a name tagged differently in different sentences
    takes its most frequent label, and a surname of a person named in full is that person
    ("Chris Froome" … "Froome", tagged MISC)."""
    from collections import Counter, defaultdict

    labels: dict[str, Counter] = defaultdict(Counter)
    for e in entities:
        if e.label in NAME_LABELS:
            labels[e.text][e.label] += 1
    surnames = {e.text.rsplit(" ", 1)[-1] for e in entities if e.label == "PER" and " " in e.text}
    out = []
    for e in entities:
        if e.label in NAME_LABELS:
            counts = labels[e.text].most_common()
            if e.label != "PER" and " " not in e.text and e.text in surnames:
                e = Entity(e.start, e.end, e.text, "PER", e.model_label)
            elif len(counts) > 1 and counts[0][1] > counts[1][1] and counts[0][0] != e.label:
                e = Entity(e.start, e.end, e.text, counts[0][0], e.model_label)
        out.append(e)
    return out


def _label_for(m: Mention) -> str | None:
    if m.actor_type in ORG_ACTORS:
        return "ORG"
    if m.via == "seat":
        return "ORG" if m.reading == "government" else "LOC"
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
