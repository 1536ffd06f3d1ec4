"""Events: who did what to whom, when — PLOVER types with a CAMEO crosswalk.

``find_events(text, pieces, mentions, timexes, language, dct)`` returns ``Event`` records
(``model.py``). It runs after the actors and time stages, on the spaCy Docs of the blocks:

1. **Triggers**: a verb or noun whose lemma is in the language's trigger table
   (``lang/fr/events.tsv`` written for vigie; ``lang/en/events.tsv`` derived from PETRARCH2's
   CAMEO verb dictionary, plus ``events_manual.tsv``), with the CAMEO code of the most specific row
   — one whose keyword is the head of the trigger's object or complement ("retirer
   *l'accréditation*" → 161 expel diplomats; "retirer *les troupes*" → 0872). The crosswalk
   (``resources/plover/cameo2plover.tsv``) turns the code into a PLOVER type and mode.
2. **Arguments** on the dependency parse: the source is the subject (or a passive's agent, or a
   noun trigger's "de X" / possessive, or the first of "entre X et Y"); the target the object, or
   a prepositional complement ("auprès de", "contre", "avec", "à", "with", "against"), or the
   complement of the object ("la mission *auprès de l'Otan*", "l'accréditation de huit membres
   *de la mission russe*"). Each argument is tied to the actors stage's mentions; an event with no
   actor on either side is dropped (precision first). "Moscou" acting is Russia's government.
3. **Date** from a time expression of the sentence, else the article's date; **flags**: negated
   ("ne … pas", "not"), hypothetical (conditional, future, "menacer de", "pourrait"),
   historical (dated more than 45 days before the article).
4. Mentions of the same event in one article (same type, actors and date) are **merged**.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from vigie.model import Event, EventArg, Mention, Timex

HISTORICAL_DAYS = 45
_NEG = {"pas", "jamais", "plus", "aucun", "aucune", "not", "never", "n't", "no"}
_MODAL_LEMMAS = {"pouvoir", "devoir", "menacer", "envisager", "vouloir", "projeter", "prévoir", "could", "may", "might",
                 "would", "should", "threaten", "plan", "want"}
_TARGET_CASES = {"auprès", "contre", "avec", "à", "au", "aux", "envers", "vers", "sur", "against", "with", "to", "on",
                 "toward", "towards", "into", "from"}


# --- data ---------------------------------------------------------------------------------------


@cache
def crosswalk() -> dict[str, tuple[str, str]]:
    """CAMEO code → (PLOVER type, mode)."""
    text = resources.files("vigie").joinpath("resources", "plover", "cameo2plover.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t") + ["", "", ""]
        out[cols[0]] = (cols[1], cols[2].strip())
    return out


@cache
def _goldstein() -> dict[str, float]:
    text = resources.files("vigie").joinpath("resources", "plover", "goldstein_roots.tsv").read_text(encoding="utf-8")
    return {c[0]: float(c[1]) for c in (line.split("\t") for line in text.splitlines())
            if len(c) == 2 and not c[0].startswith("#")}


@cache
def _lexicon(lang: str) -> dict[str, list[tuple[str, str, str | None]]]:
    """lemma → [(object keyword or "*", CAMEO code, mode or None)], hand-written rows first."""
    names = ("events_manual.tsv", "events.tsv") if lang == "en" else ("events.tsv",)
    out: dict[str, list[tuple[str, str, str | None]]] = {}
    for name in names:
        path = resources.files("vigie.lang").joinpath(lang, name)
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                continue
            out.setdefault(cols[0].strip().lower(), []).append(
                (cols[1].strip().lower(), cols[2].strip(), cols[3].strip() if len(cols) > 3 and cols[3].strip() else None))
    return out


def _plover(code: str) -> tuple[str, str] | None:
    table = crosswalk()
    for key in (code, code[:3], code[:2]):
        if key in table and table[key][0]:
            return table[key]
    return None


# --- one article --------------------------------------------------------------------------------


def find_events(text: str, pieces: list[tuple[int, Any]], mentions: list[Mention], timexes: list[Timex],
                language: str | None, dct: datetime | date | None) -> list[Event]:
    lang = language if language in ("fr", "en") else "fr"
    lexicon = _lexicon(lang)
    day = dct.date() if isinstance(dct, datetime) else dct
    events: list[Event] = []
    for offset, doc in pieces:
        for sent in doc.sents:
            if len(sent) > 120:  # a table or a list run together: no sentence to code
                continue
            for token in sent:
                if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.is_stop and token.pos_ != "VERB":
                    continue
                rows = lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_)
                if not rows:
                    continue
                head = token.head
                if token.pos_ != "VERB" and head is not token and (lexicon.get(head.lemma_.lower()) or lexicon.get(head.lower_)):
                    continue  # "suspendre la coopération": one event, the verb's
                events.extend(_code(token, rows, offset, sent, text, mentions, timexes, day, lang))
    return _merged(events)


def _code(token, rows, offset: int, sent, text: str, mentions: list[Mention], timexes: list[Timex],
          day: date | None, lang: str) -> list[Event]:
    """The events a trigger codes: one, or one per joint source ("X et Y ont mené …")."""
    obj = _object(token)
    keywords = {t.lemma_.lower() for t in ([obj] if obj is not None else [])} | {
        t.lemma_.lower() for t in token.children if t.dep_ in ("obj", "obl", "nmod", "xcomp", "obl:arg")}
    row = next((r for r in rows if r[0] != "*" and r[0] in keywords), None) or next((r for r in rows if r[0] == "*"), None)
    if row is None:
        return []
    _, code, mode_override = row
    plover = _plover(code)
    if plover is None:
        return []
    ptype, mode = plover
    co_sources: list[EventArg] = []
    source, target = _arguments(token, obj, offset, mentions, text, co_sources)
    if source is not None and target is not None and not source.igo and not target.igo \
            and source.country and source.country == target.country \
            and not (source.sector and target.sector and source.sector != target.sector):
        # "la venue de la numéro trois de la diplomatie américaine": one country on both sides is one
        # participant read twice, not a country acting on itself (unless two sectors: police vs protesters)
        if ptype == "CONSULT":
            target = None
        else:
            source = None
    if target is None and ptype == "CONSULT":  # "la venue de Victoria Nuland à Moscou": the host
        target = _place_host(offset + sent.start_char, offset + sent.end_char, mentions, source)
    if source is None and target is None:
        return []  # no actor: nothing an analyst can count
    s_start, s_end = offset + sent.start_char, offset + sent.end_char
    t_start = offset + token.idx
    t_end = t_start + len(token.text)
    # dates are looked for between full stops, not in the parser's sentence, which a comma can cut
    d_start = max(text.rfind(". ", 0, t_start) + 1, text.rfind("\n", 0, t_start) + 1, 0)
    d_end = min([i for i in (text.find(". ", t_end), text.find("\n", t_end)) if i >= 0] or [len(text)])
    when = _date(t_start, min(s_start, d_start), max(s_end, d_end), timexes, day, _past_narrative(token))
    negated = any(c.lower_ in _NEG or "Neg" in c.morph.get("Polarity") for c in token.children)
    hypothetical = _hypothetical(token)
    historical = _historical(when, day)
    root = code[:2]
    event = Event(
        type=ptype, sentence_start=s_start, sentence_end=s_end, trigger_start=t_start, trigger_end=t_end,
        trigger=text[t_start:t_end], source=source, target=target, mode=mode_override or mode or None, date=when,
        location=_location(s_start, s_end, mentions, source, target), negated=negated, hypothetical=hypothetical,
        historical=historical, cameo=code, quad=_quad(ptype), goldstein=_goldstein().get(root),
        mentions=((t_start, t_end),),
    )
    return [event] + [replace(event, source=other) for other in co_sources]


def _object(token):
    for child in token.children:
        if child.dep_ in ("obj", "dobj", "nsubj:pass", "nsubjpass") and child.i > token.i - 3:
            return child
    for child in token.children:  # a noun trigger's complement: "retrait de l'accréditation"
        if token.pos_ == "NOUN" and child.dep_ == "nmod" and child.i > token.i:
            return child
    return None


# --- arguments ----------------------------------------------------------------------------------


def _arguments(token, obj, offset: int, mentions: list[Mention], text: str,
               co_sources: list[EventArg]) -> tuple[EventArg | None, EventArg | None]:
    """Source and target of a trigger; other subjects joined to the source go to ``co_sources``."""
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass", "nsubjpass", "auxpass") for c in token.children)
    source_tok = None
    for child in token.children:
        if passive and (child.dep_ in ("obl:agent", "agent") or (child.dep_ == "obl" and _case(child) in ("par", "by"))):
            source_tok = child
        elif not passive and child.dep_ in ("nsubj", "csubj"):
            source_tok = child
    if source_tok is None and token.dep_ in ("xcomp", "conj", "advcl") and token.head is not token:
        for child in token.head.children:  # "a décidé de suspendre …", "… et a accusé …"
            if child.dep_ == "nsubj":
                source_tok = child
    if source_tok is None and token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        source_tok = token.head  # "l'Otan, qui a suspendu …" is parsed with the relative as acl
    between = None
    by = None
    if token.pos_ == "NOUN":  # "la rencontre entre Poutine et Biden", "le retrait … par l'Otan"
        by = next((c for c in token.subtree if c.dep_ in ("nmod", "obl:agent", "obl") and _case(c) in ("par", "by")
                   and c.head.i >= token.i), None)
        if by is not None:
            source_tok = by
        for child in token.children:
            if child.dep_ == "nmod" and _case(child) in ("entre", "between"):
                between = child
            elif child.dep_ == "nmod" and _case(child) in ("de", "du", "des", "d'", "of") and source_tok is None and child is not obj:
                source_tok = child
            elif child.dep_ in ("nmod:poss", "det:poss", "poss") and source_tok is None:
                source_tok = child
    if source_tok is None and token.pos_ == "NOUN" and token.dep_ == "obj" and token.head.pos_ == "VERB":
        for child in token.head.children:  # "la Russie a mené un exercice", "ont tenu une rencontre"
            if child.dep_ == "nsubj":
                source_tok = child
    if source_tok is not None and source_tok.pos_ == "PRON":
        source_tok = _antecedent(source_tok, token)
    target_tok = None
    if not passive and obj is not None:
        target_tok = obj
    if token.dep_.startswith("acl") and any(c.dep_ == "obj" and c.pos_ == "PRON" for c in token.children):
        target_tok = token.head  # "huit membres … qu'elle accuse": the relative's antecedent
    for child in token.children:
        candidates = [child]
        if child.dep_ == "advmod" and child.lower_ in ("auprès", "près"):  # "auprès de l'Otan"
            candidates = [c for c in child.children if c.dep_.startswith("obl") or c.dep_ == "nmod"]
        for c in candidates:
            if c is source_tok:
                continue
            if c in candidates[:1] and child.dep_ == "advmod" or (
                    c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "iobj") and _case(c) in _TARGET_CASES):
                if target_tok is None or not _actor_in(target_tok, offset, mentions):
                    target_tok = c
    if between is not None:
        conj = [c for c in between.children if c.dep_ == "conj"]
        source_tok = between
        target_tok = conj[0] if conj else target_tok
    source = _arg(source_tok, offset, mentions, text, exclude=None)
    target = _arg(target_tok, offset, mentions, text, exclude=source)
    if source_tok is not None and between is None:  # "la Russie et la Biélorussie ont mené …": both act
        for conj in (c for c in source_tok.children if c.dep_ == "conj"):
            other = _arg(conj, offset, mentions, text, exclude=source)
            if other is not None:
                co_sources.append(other)
    if target is None:  # a demonym the parser hung on the verb: "retiré les accréditations … russe"
        for child in token.children:
            if child.dep_ == "amod" and child.i > token.i:
                target = _by_demonym(child, offset, offset + child.idx, offset + child.idx + len(child.text))
                if target is not None:
                    break
    if target is None and obj is not None:
        for child in obj.children:  # "sa mission auprès de l'Otan", "membres de la mission russe"
            if child.dep_ in ("nmod", "obl", "amod"):
                target = _arg(child, offset, mentions, text, exclude=source)
                if target is not None:
                    break
    return source, target


def _antecedent(pronoun, trigger):
    """A subject pronoun: the subject of the verb whose clause holds the trigger ("Moscou a
    annoncé qu'elle suspendait …"), or the noun a relative clause hangs on ("l'Otan … qu'elle
    accuse")."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    for _ in range(3):
        if verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
            for child in verb.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    return child
        elif verb.dep_ in ("acl:relcl", "acl") and verb.head is not verb:
            break
        else:
            break
    # the nearest noun or name before the pronoun in its sentence that is a subject
    for t in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        if t.dep_ == "nsubj" and t.pos_ in ("PROPN", "NOUN"):
            return t
    return pronoun


def _case(token) -> str:
    for child in token.children:
        if child.dep_ in ("case", "mark", "prep"):
            return child.lower_
    return ""


def _actor_in(token, offset: int, mentions: list[Mention]) -> bool:
    if token is None:
        return False
    start, end = offset + token.left_edge.idx, offset + token.right_edge.idx + len(token.right_edge.text)
    return any(start <= m.start and m.end <= end and (m.actor or m.country) for m in mentions)


def _arg(token, offset: int, mentions: list[Mention], text: str, exclude: EventArg | None) -> EventArg | None:
    """The participant a token stands for: the actor mention it is (or heads), else None."""
    if token is None:
        return None
    head_start = offset + token.idx
    start, end = offset + token.left_edge.idx, offset + token.right_edge.idx + len(token.right_edge.text)
    if end - start > 150:
        start, end = head_start, head_start + len(token.text)
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.reading != "place"
              and (m.actor or m.country or m.label == "PER")]
    if exclude is not None:  # one participant cannot be both source and target
        inside = [m for m in inside if not (m.start < exclude.end and exclude.start < m.end)
                  and not (exclude.actor and m.actor == exclude.actor)]
    if not inside:
        return _by_demonym(token, offset, start, end)  # "sept membres de la mission russe" → RUS
    # the mention at the head of the phrase first, then the first one
    m = next((x for x in inside if x.start <= head_start < x.end), None) or inside[0]
    country = m.country
    igo = m.actor if m.actor_type == "igo" else None
    sector = m.sector if m.sector else None
    return EventArg(m.start, m.end, m.text, m.actor, m.actor_name or m.text, country, igo, sector)


def _by_demonym(token, offset: int, start: int, end: int) -> EventArg | None:
    from vigie.nlp.actors import actor_index
    from vigie.nlp.names import form_key

    adjectives = actor_index().adjectives
    for t in token.subtree:
        if t.text[:1].islower() and form_key(t.text) in adjectives:
            country = adjectives[form_key(t.text)]
            actor = actor_index().gazetteer.get(country)
            return EventArg(start, end, token.doc.text[start - offset : end - offset], None,
                            actor.label("fr") if actor else country, country, None, None)
    return None


def _place_host(s_start: int, s_end: int, mentions: list[Mention], source: EventArg | None) -> EventArg | None:
    for m in mentions:
        if s_start <= m.start < s_end and m.reading == "place" and m.country and (source is None or source.country != m.country):
            return EventArg(m.start, m.end, m.text, None, m.text, m.country, None, None)
    return None


# --- date, flags, location ----------------------------------------------------------------------


def _date(trigger: int, s_start: int, s_end: int, timexes: list[Timex], day: date | None, past_narrative: bool) -> str | None:
    """The sentence's time expression nearest the trigger; for a story told in the past perfect
    ("avait alors suspendu") the last date of the text before the sentence; else the article's day."""
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and t.value and re.match(r"\d{4}", t.value)]
    candidates = [t for t in dated if s_start <= t.start < s_end]
    if candidates:
        nearest = min(candidates, key=lambda t: abs(t.start - trigger))
        return nearest.value.split("T")[0]
    if past_narrative:
        before = [t for t in dated if s_start - 400 <= t.start < s_start and t.anchor != "dct"]
        if before:
            return before[-1].value.split("T")[0]
    return day.isoformat() if day else None


def _past_narrative(token) -> bool:
    """Pluperfect ("avait suspendu") or "alors"/"then": the sentence goes on with an earlier story."""
    verb = token if token.pos_ == "VERB" else token.head
    for child in verb.children:
        if child.dep_.startswith("aux") and "Imp" in child.morph.get("Tense") and child.lemma_ in ("avoir", "être", "have"):
            return True
        if child.lower_ in ("alors", "then"):
            return True
    return False


def _historical(when: str | None, day: date | None) -> bool:
    if not when or not day:
        return False
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", when)
    if not m:
        return False
    year, month, d = int(m[1]), int(m[2] or 12), int(m[3] or 28)
    try:
        return date(year, month, d) < day - timedelta(days=HISTORICAL_DAYS)
    except ValueError:
        return False


def _hypothetical(token) -> bool:
    morph = token.morph
    if "Cnd" in morph.get("Mood") or "Fut" in morph.get("Tense"):
        return True
    for child in token.children:
        if child.dep_.startswith("aux") and ("Cnd" in child.morph.get("Mood") or "Fut" in child.morph.get("Tense")
                                            or child.lower_ in ("will", "would", "could", "might", "may")):
            return True
    head = token.head
    if token.dep_ in ("xcomp", "ccomp") and head is not token and head.lemma_.lower() in _MODAL_LEMMAS:
        return True  # "menace de fermer", "pourrait suspendre", "va rencontrer" (aller + infinitive)
    return token.dep_ == "xcomp" and head.lemma_.lower() in ("aller", "going")


def _location(s_start: int, s_end: int, mentions: list[Mention], *args: EventArg | None) -> str | None:
    for m in mentions:
        if s_start <= m.start < s_end and m.reading == "place":
            return m.text
    return None


def _quad(ptype: str) -> int:
    return {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
            "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4,
            "COERCE": 4, "ASSAULT": 4}.get(ptype, 0)


# --- merging ------------------------------------------------------------------------------------


def _key(e: Event) -> tuple:
    who = lambda a: (a.actor or a.country or (a.name or "").lower()) if a else None  # noqa: E731
    return e.type, e.cameo, who(e.source), who(e.target), e.date, e.negated


def _merged(events: list[Event]) -> list[Event]:
    """One event per (type, source, target, date): later mentions join the first."""
    out: list[Event] = []
    index: dict[tuple, int] = {}
    for e in events:
        k = _key(e)
        if k in index:
            first = out[index[k]]
            out[index[k]] = replace(first, mentions=first.mentions + e.mentions)
        else:
            index[k] = len(out)
            out.append(e)
    return out
