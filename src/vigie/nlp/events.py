"""Events: who did what to whom, when — PLOVER types with a CAMEO crosswalk.

``find_events(text, pieces, mentions, timexes, language, dct)`` returns ``Event`` records
(``model.py``). It runs after the actors and time stages, on the spaCy Docs of the blocks:

1. **Triggers**: a verb or noun whose lemma is in the language's trigger table
   (``lang/fr/events.tsv`` written for vigie; ``lang/en/events.tsv`` derived from PETRARCH2's
   CAMEO verb dictionary, plus ``events_manual.tsv``, whose rows win and which alone gives English
   nouns), with the CAMEO code of the most specific row — one whose keyword is the head of the
   trigger's object or complement ("retirer *l'accréditation*" → 161 expel diplomats; "retirer
   *les troupes*" → 0872); a row with code ``-`` says the verb alone codes nothing. English
   phrasal verbs are looked up with their particle first ("blow up", "hand over"). The
   crosswalk (``resources/plover/cameo2plover.tsv``) turns the code into a PLOVER type and mode.
2. **Light verbs** ("mener une attaque", "procéder à l'arrestation", "held talks", "launched an
   investigation", "imposed a curfew") code nothing by themselves: their object noun is the
   event, with the verb's subject; a verb row whose keyword is that object still wins ("lift the
   blockade" → RETREAT).
3. **One event per clause chain**: a trigger in the complement of a framing trigger ("threatened
   *to shell*", "demanded that Hamas *renounce*", "refused *to meet*", "menace de *fermer*") is
   part of that event — the frame gives the type, the complement a target when the frame has
   none; a purpose of the same type too ("telephoned X *to discuss*"). A noun trigger that is the
   object of a trigger verb is an event of its own ("a critiqué *l'essai*", "cessera ses
   *frappes*") unless it is of the verb's type ("signer un accord") or what the verb asks,
   threatens or promises ("exige que … cessent ses *essais*"); what is denied is no event
   ("dément la *libération*"); an order of an attack, an arrest or a deployment is that act by
   the one who orders ("a ordonné une frappe"). Noun modifiers are no events ("border patrol
   agents", "avions de combat").
4. **Intent** (English): a cooperative act announced in the future or as a willingness ("will
   visit", "is willing to send", "said it will release") is AGREE; a hostile one ("would
   blockade", "will boycott") THREATEN, an announced sanction staying a sanction; a cooperative
   one refused in the future ("would not meet") REJECT — PLOVER's reading of CAMEO 03 and 13.
   "X said Y must …" is X's REQUEST to Y. French announced acts keep their type, flagged
   hypothetical (the French gold's rule).
5. **Arguments** on the dependency parse: the source is the subject (or a passive's agent, or a
   noun trigger's "par X"/"by X"/possessive/demonym, or its "de X" unless the noun acts on it:
   "les critiques *de l'Algérie*" but "l'annexion *de la Crimée*"; or the first of "entre X et
   Y"), found up the chain of control verbs ("a décidé de suspendre", "is willing to send"), a
   headline's label ("Canada : fin des frappes"), or the actor named just before a French main
   verb the parser left without a subject; the target the object (a passive's subject, a past
   participle's noun), an indirect object, a prepositional complement ("auprès de", "contre",
   "avec", "à", "with", "against", "to"), the complement of the object ("la mission *auprès de
   l'Otan*"), the absorbed complement's participant, "unless X" of a threat, a purpose's
   target, "against X" anywhere in the clause, the country of a diplomat's post, or — for
   protests, coercion and assaults with no other target — the place the act happens in ("a
   curfew in Cizre"). Joint or listed subjects and objects ("X et Y ont mené", "l'Arabie
   Saoudite, l'Égypte … et la Libye", "with Congo and Costa Rica") give one event each. English
   joint subjects of a meeting, an agreement or a refusal with no target are each other's
   targets, and a call or talks are coded both ways (the PLOVER GSR's SRC/TAR); French
   reciprocal meetings are one event, the first named acting (the French gold's rule). Each
   argument is tied to the actors stage's mentions (a person with no known role takes the
   country of a demonym in its title: "German Foreign Minister Oskar Fischer"); a participant
   with no actor is kept as its words when it is a name, a pronoun or a noun for a person or a
   group, and gives way to a participant a later rule finds. An event noun with neither refers
   back to the article's last event of its type ("cette frappe", "L'attaque n'a pas été
   revendiquée") and becomes its mention when merged. An event with no participant is dropped
   unless its sentence names an actor (precision first). "Moscou" acting is Russia's government.
   Choosing among candidates: in a participant phrase the mention at its head comes first, then one
   not in a place complement ("un avion américain *au-dessus de la mer de Chine*"), then the head's
   demonym; a named person in the object is kept over a place ("l'arrestation de Carles Puigdemont
   à la frontière"); a city used as a place after "à"/"in" is where a meeting is, not whom it is
   with; a seat of power is its country's government when it owns a participant ("les provocations
   de Pyongyang"). Sources: "Selon X" reports and a passive's patient never act; in two-sided
   fighting the side named acts ("les heurts avec la police"); "C'est le plus grand déploiement de
   X": X; a participle's noun controls its complement ("une force chargée de former"); an agentless
   participle on an object is the governing verb's subject's act ("ont expulsé 35 diplomates
   accusés de …"); a title's label acts in violence placed abroad ("Canada : … frappes en Irak").
   Targets: the body left ("se retirer de la CPI"), who an act hit ("les frappes ont tué …"),
   hostages of their own noun; not one's own things ("rapatrier ses avions") nor, for a show of
   force, mere words. "Ethnic Albanians in Serbia" are coded with Serbia; "riots against Israeli
   policies" aim at Israel.
   French parses are repaired where they break most: a sentence the parser ends at a hyphen
   ("le Royaume" | "-" | "Uni") or a headline's colon runs on for the left actor and the title
   label; subjects hung on the verb one by one are joint sources; a verb joined to a noun or a
   participle hung on an incise takes its clause's subject. An argument's ``igo`` is the
   organisation, not its body (Security Council → UN). A headline's country ("Turquie : …") gives
   an agentless state act on its own people its source and an uncoded domestic agent its country.
6. **Date** from a time expression of the sentence, else the article's date; **flags**: negated
   ("ne … pas", "not"), hypothetical (conditional, future, "menacer de", "pourrait"),
   historical (dated more than 45 days before the article).
7. Mentions of the same event in one article (same type, actors and date) are **merged**.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from vigie.lang import lines as data_lines
from vigie.model import Event, EventArg, Mention, Timex
from vigie.nlp.gazetteer import load_agents, load_gazetteer

HISTORICAL_DAYS = 45
_NEG = {"pas", "jamais", "plus", "aucun", "aucune", "not", "never", "n't", "no"}
_MODAL_LEMMAS = {"pouvoir", "devoir", "menacer", "envisager", "vouloir", "projeter", "prévoir", "could", "may", "might",
                 "would", "should", "threaten", "plan", "want"}
_TARGET_CASES = {"auprès", "contre", "avec", "à", "au", "aux", "envers", "vers", "sur", "against", "with", "to", "on",
                 "toward", "towards", "into", "from", "at", "over", "for"}
# a preposition's rank as a target's marker: "against X" before "with X" before "to X"…
_CASE_RANK = {c: i for i, c in enumerate(("against", "contre", "with", "avec", "auprès", "to", "toward", "towards",
                                          "envers", "vers", "à", "au", "aux", "on", "sur", "into", "at", "from", "over",
                                          "for"))}
_PLACE_CASES = {"in", "at", "into", "inside", "near", "around", "across", "outside", "throughout", "à", "au", "aux",
                "dans", "en"}

# Verbs whose object is the event: they code nothing alone ("held talks", "mener une attaque").
_LIGHT = {
    "en": {"hold", "launch", "stage", "mount", "conduct", "carry", "begin", "start", "organize", "organise",
           "announce", "declare", "impose", "reimpose", "issue", "give", "make", "undertake", "renew", "complete",
           "continue", "resume", "reach", "pay", "take", "open", "seek", "wage", "unleash", "intensify", "escalate",
           "step", "lead", "initiate", "commence", "perform", "deliver", "express", "voice", "lodge", "file",
           "hand", "have", "set", "call", "order", "approve", "adopt", "use", "engage", "speed", "accelerate",
           "finish", "expand", "institute", "enforce", "carry out", "step up", "set up", "speed up", "show"},
    "fr": {"mener", "procéder", "lancer", "tenir", "organiser", "effectuer", "déclencher", "annoncer", "décréter",
           "imposer", "conduire", "engager", "ouvrir", "faire", "porter", "prononcer", "entamer", "poursuivre",
           "reprendre", "commettre", "perpétrer", "multiplier", "intensifier", "infliger", "adopter", "ordonner",
           "observer", "donner", "opérer", "orchestrer", "revendiquer", "mettre", "exercer", "réaliser", "subir",
           "exprimer", "adresser", "apporter", "accorder", "émettre", "formuler", "renouveler", "réitérer"},
}
# Verbs whose complement is part of their event ("threatened to shell", "demanded that …").
_FRAMES = {
    "en": {"threaten", "agree", "refuse", "decline", "demand", "urge", "call", "ask", "promise", "pledge", "vow",
           "offer", "propose", "reject", "fail", "warn", "insist", "appeal", "press", "order", "allow", "permit",
           "request", "accuse", "blame", "condemn", "criticize", "criticise", "deny", "oppose", "authorize",
           "authorise", "approve", "forbid", "prohibit", "ban"},
    "fr": {"menacer", "accepter", "refuser", "exiger", "demander", "appeler", "réclamer", "promettre", "engager",
           "proposer", "rejeter", "ordonner", "autoriser", "permettre", "accuser", "condamner", "reprocher",
           "interdire", "exhorter", "inviter", "sommer", "convenir", "décider"},
}
# Verbs of saying: not events; their complement is, with the speaker as its source
_SAY = {
    "en": {"say", "announce", "state", "report", "tell", "add", "claim", "declare", "confirm", "explain", "note",
           "stress", "insist", "indicate", "write", "quote", "believe", "think", "affirm", "assert", "reply"},
    "fr": {"dire", "annoncer", "déclarer", "affirmer", "indiquer", "expliquer", "préciser", "ajouter", "assurer",
           "estimer", "souligner", "confirmer", "rapporter", "écrire"},
}
_FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}
_MUST_AUX = {"must", "should"}
_INTENT = {"willing", "ready", "prepared", "plan", "intend", "going", "determined", "poised", "eager", "committed",
           "promise", "pledge", "vow", "expect", "hope", "aim", "set"}
_CONTENT = {"REQUEST", "THREATEN", "AGREE"}
# Verbs that deny what they govern: "Boko Haram dément la libération des otages"
_DENY = {"démentir", "nier", "deny", "démenti", "contester", "refute", "réfuter",
         "dément", "démentent", "nie", "nient", "denies", "denied"}  # forms a small model does not lemmatise  # what these ask, threaten or promise has not happened
_ORDER = {"ordonner", "order"}
# Event nouns that say a state after these verbs ("perdre le contact", "rester en contact"; "être
# en contact avec" is left to the rows: officials in contact with another government do consult)
_STATE_NOUNS = {"contact"}
_STATE_HEADS = {"rester", "demeurer", "perdre", "garder", "maintenir"}
# Voters, whose vote is no event (elections are not PLOVER events)
_CITIZENS = {"population", "électeur", "citoyen", "peuple", "habitant", "votant", "électorat"}
# Verbs of judging: a trial, unless they say an opinion ("a jugé que …", "jugé crucial"), not a verdict
_OPINION = {"juger"}
_VERDICT = {"coupable", "responsable", "innocent"}
# Verbs that are events only with an actor doing them ("le Japon est frappé par des chaleurs",
# "une compétition appelée Coupe de Russie", "hit by a storm")
_NEEDS_SOURCE = {"frapper", "toucher", "appeler", "strike", "hit", "call", "affecter", "secouer"}
_COOP = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
_INTENT_CODE = {"CONSULT": "036", "AID": "033", "COOPERATE": "031", "SUPPORT": "032", "CONCEDE": "035",
                "RETREAT": "035", "AGREE": None}
_THREAT_CODE = {"ASSAULT": "138", "COERCE": "137", "PROTEST": "133", "MOBILIZE": "138"}
_REFUSE_CODE = {"CONSULT": "125", "AID": "122", "COOPERATE": "121", "SUPPORT": "120", "CONCEDE": "124",
                "RETREAT": "124", "AGREE": "120"}
_RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "REJECT"}
_PLACE_TARGET = {"PROTEST", "COERCE", "ASSAULT"}
# acts coded even when the sentence names no one (GUIDELINES §1: null actors): attacks, force used or
# shown, accusations and investigations ("une enquête a été ouverte"); other types need an actor
_UNNAMED_OK = {"ASSAULT", "COERCE", "MOBILIZE", "ACCUSE"}
# CAMEO roots of acts aimed "contre" someone: accuse, protest, threaten, coerce, assault, fight, mass violence
_UNDERGO = {"subir", "essuyer", "endurer", "encaisser"}  # "le convoi a essuyé des tirs": who undergoes the act
_RECEIVE = {"obtenir", "recevoir", "bénéficier"}  # "X a obtenu le soutien de Y": Y gives, X is given
_AGAINST_CODES = {"11", "13", "14", "17", "18", "19", "20"}
# Nouns that count or frame events rather than classify things ("une série de promesses", "tentative de coup")
_SERIES = {"série", "vague", "tentative", "processus", "campagne", "cycle", "suite", "nombre", "ensemble", "mouvement",
           "succession", "multiplication", "escalade", "reprise", "voie", "menace", "risque", "début", "poursuite"}
# Two-sided fighting: one record, the side named acts (the French gold's rule)
_FIGHTING = {"heurt", "heurts", "affrontement", "combat", "accrochage", "échange", "clash", "skirmish", "fighting"}
_POSSESSIVE = {"son", "sa", "ses", "leur", "leurs", "notre", "nos", "its", "their", "his", "her", "our"}
_QUANTITY = {"moitié", "partie", "majorité", "totalité", "ensemble", "plupart", "tiers", "quart", "dizaine",
             "centaine", "millier", "nombre", "half", "part", "majority", "most", "dozen", "hundred", "thousand", "number"}
_STATIVE = {"commit", "engage", "determine", "prepare", "resolve", "dedicate", "devote"}  # "is committed to"
# French verbs conjugated with "être" in the active ("sont intervenus contre"): not passives
_UNACCUSATIVE = {"intervenir", "venir", "arriver", "partir", "entrer", "sortir", "rester", "retourner", "revenir",
                 "parvenir", "mourir", "décéder", "devenir", "tomber", "rentrer", "descendre", "monter"}
_SEND = {"envoyer", "dépêcher", "déployer", "mandater", "send", "dispatch", "deploy"}
_VICTIM_NOUNS = {"otage", "hostage"}  # event nouns that name who undergoes the act
_DEMONSTRATIVE = {"c'", "ce", "cela", "ça", "ceci", "it", "this", "that"}
_HARM = {"tuer", "blesser", "abattre", "viser", "frapper", "toucher", "cibler", "kill", "wound", "injure", "hit", "target",
         "strike"}
_RELATIVE = {"who", "that", "which", "whom", "qui", "que", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
_CLAUSES = {"relcl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis"}


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


Row = tuple[str, str, str | None, bool]  # keyword or "*", CAMEO code (or "-": no event), mode, hand-written


@cache
def _table(lang: str, name: str) -> tuple[list[str], ...]:
    """The lines of the language's tab-separated data file ``name`` as stripped columns, without
    comments and blank lines (none when the file is missing): the lexicon and its subject classes."""
    path = resources.files("vigie.lang").joinpath(lang, name)
    if not path.is_file():
        return ()
    return tuple([c.strip() for c in line.split("\t")] for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def _lexicon(lang: str) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
    """(verb rows, noun rows): lemma → [(object keyword or "*", CAMEO code, mode or None)], hand-written
    rows first. French rows serve verbs and nouns alike (their lemmas differ); English nouns come from
    the hand-written table only (rows marked N), English verbs from both tables (rows not marked N)."""
    names = ("events_manual.tsv", "events.tsv") if lang == "en" else ("events.tsv",)
    manual = {"events_manual.tsv": True, "events.tsv": lang != "en"}
    verbs: dict[str, list[Row]] = {}
    nouns: dict[str, list[Row]] = {} if lang == "en" else verbs
    for name in names:
        for cols in _table(lang, name):
            if len(cols) < 3:
                continue
            mode = cols[3] if len(cols) > 3 and cols[3] else None
            pos = cols[4].upper() if len(cols) > 4 else ""
            row = (cols[1].lower(), cols[2], mode, manual[name])
            lemma = cols[0].lower()
            if lang == "en" and pos == "N":
                nouns.setdefault(lemma, []).append(row)
            else:
                verbs.setdefault(lemma, []).append(row)
    return verbs, nouns


def _plover(code: str) -> tuple[str, str] | None:
    table = crosswalk()
    for key in (code, code[:3], code[:2]):
        if key in table and table[key][0]:
            return table[key]
    return None


def _type_of(code: str) -> str:
    """The PLOVER type a CAMEO code maps to; "" when the crosswalk gives none."""
    plover = _plover(code)
    return plover[0] if plover else ""


# --- one article --------------------------------------------------------------------------------


@dataclass
class _Cand:
    """A trigger of a sentence: ``token`` (its span), ``clause`` (the verb whose subject acts: a
    light verb for its object noun), ``code``/``mode`` chosen from its rows, ``inner`` the
    complement triggers it absorbed."""

    token: Any
    clause: Any
    code: str
    mode: str | None
    keyword: str = "*"  # the keyword of the row chosen ("suspendre *la coopération*")
    inner: list[_Cand] = field(default_factory=list)
    purposes: list[_Cand] = field(default_factory=list)
    absorbed: bool = False


def find_events(text: str, pieces: list[tuple[int, Any]], mentions: list[Mention], timexes: list[Timex],
                language: str | None, dct: datetime | date | None) -> list[Event]:
    lang = language if language in ("fr", "en") else "fr"
    day = dct.date() if isinstance(dct, datetime) else dct
    events: list[Event] = []
    last: dict[str, Event] = {}  # the article's last event of each type with a participant
    if lang == "fr" and pieces:  # the headline's label ("Turquie : deux journalistes libérés"): where the story is
        offset, doc = pieces[0]
        label = _label(doc[len(doc) - 1], offset, mentions) if len(doc) else None
        last["label"] = label if label is not None and label.country and not label.igo else None
    chooser = _chooser(lang)
    story = chooser.story(text, pieces, mentions) if chooser is not None else None
    for offset, doc in pieces:
        for sent in doc.sents:
            if len(sent) > 120:  # a table or a list run together: no sentence to code
                continue
            cands = _candidates(sent, lang)
            if _MODEL and _MODEL[-1] is not None:
                cands = _MODEL[-1].revise(sent, cands, offset, mentions, lang)
            coded_here: list[Event] = []
            for cand in cands:
                coded = _code(cand, offset, sent, text, mentions, timexes, day, lang, last)
                for e in coded:
                    if e.source is not None or e.target is not None:
                        last[e.type] = e
                    if not _weak(e.source):
                        last["source:" + e.type] = e
                if chooser is not None:  # the rules' arguments re-ranked (the rules' memory is left as it was)
                    coded_here += coded
                    coded = [chooser.choose(e, cand, sent, offset, mentions, text, story) for e in coded]
                events.extend(coded)
            if story is not None:
                chooser.after_sentence(story, sent, offset, mentions, text, coded_here)
    return _merged(events)


_CHOOSER: list[Any] = []  # set by ``argument_model``; outside it, French events use the shipped chooser


@contextmanager
def _in_use(stack: list[Any], model: Any):
    """``model`` on top of ``stack`` for the block (the experiment hooks below)."""
    stack.append(model)
    try:
        yield
    finally:
        stack.pop()


def argument_model(model: Any):
    """Inside the block, ``model`` (a ``vigie.nlp.event_args.ArgumentChooser``, or None for the rules
    alone) picks the source and target of each French event the rules code, instead of the chooser
    shipped in lang/fr/event-args.json (scripts/event_args_cv.py, docs/eval.md)."""
    return _in_use(_CHOOSER, model)


@cache
def _shipped_chooser() -> Any:
    from vigie.nlp.event_args import load

    return load()


def _chooser(lang: str) -> Any:
    """The argument chooser of French events (English events keep the rules' arguments)."""
    if lang != "fr":
        return None
    if _CHOOSER:
        return _CHOOSER[-1]
    return _shipped_chooser()


_MODEL: list[Any] = []  # set by ``trigger_model`` only: the pipeline codes with the rules alone


def trigger_model(model: Any):
    """Inside the block, ``model.revise(sent, candidates, offset, mentions, lang)`` may add, re-type or
    drop each sentence's trigger candidates before they are coded (None: the rules alone). For
    experiments (scripts/event_model_cv.py: a learned trigger model did not beat the rules, docs/eval.md)."""
    return _in_use(_MODEL, model)


def _rows(token, lang: str) -> list[Row] | None:
    verbs, nouns = _lexicon(lang)
    if token.pos_ == "VERB":
        if lang == "en":
            if token.dep_ == "amod":  # "its long-threatened invasion", "a planned visit": a modifier
                return None
            for child in token.children:
                if child.dep_ in ("prt", "prep"):  # "blew up", "handed over", "called for", "hacked into"
                    rows = verbs.get(f"{token.lemma_.lower()} {child.lower_}")
                    if rows:
                        return rows
        return verbs.get(token.lemma_.lower()) or verbs.get(token.lower_) or _infinitive_rows(token, verbs, lang)
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and lang == "fr"):
        if token.is_stop or lang == "fr" and len(token.text) > 2 and token.text.isupper():
            return None  # "le RAID", "la MONUSCO": an acronym is a name, not an event word
        return nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
    return None


_FIRST_GROUP = re.compile(r"(?:e|es|ent|é|ée|és|ées|ait|aient|a|ant)$")


def _infinitive_rows(token, verbs: dict[str, list[Row]], lang: str) -> list[Row] | None:
    """A French verb the lemmatiser left as it is ("réclame", "revendiqu"): the first-group
    infinitive its ending gives ("réclamer")."""
    lemma = token.lemma_.lower()
    if lang != "fr" or lemma.endswith(("er", "ir", "re")) and lemma != token.lower_:
        return None
    stem = _FIRST_GROUP.sub("", token.lower_)
    return verbs.get(stem + "er") if len(stem) > 2 else None


def _phrasal(token) -> str:
    prt = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    return f"{token.lemma_.lower()} {prt}" if prt else token.lemma_.lower()


def _light(token, lang: str) -> bool:
    return token.pos_ in ("VERB", "AUX") and (token.lemma_.lower() in _LIGHT[lang] or _phrasal(token) in _LIGHT[lang])


def _keywords(token, obj, verb=None) -> tuple[set[str], set[str]]:
    """(primary, secondary) keywords of a trigger: its object's head and modifiers first, then its
    other complements (prepositional objects, infinitive complements), and those of its light
    ``verb`` ("mettre fin *à la mission*")."""
    primary: set[str] = set()
    secondary: set[str] = set()
    if verb is not None and verb != token:
        secondary |= _keywords(verb, None)[1] - {token.lemma_.lower(), token.lower_}
    heads = [obj] if obj is not None else []
    if token.pos_ in ("NOUN", "PROPN"):
        heads += [c for c in token.children if c.dep_ in ("compound", "amod")]
    for h in heads:
        primary |= {h.lemma_.lower(), h.lower_}
        primary |= {c.lemma_.lower() for c in h.children if c.dep_ in ("compound", "amod")}
        # "tenir les autorités pour responsables", the attribute hung on the object
        secondary |= {c.lemma_.lower() for c in h.children if c.dep_ == "nmod" and _case(c) == "pour"}
        if h.pos_ == "NUM" or h.lemma_.lower() in _QUANTITY:
            # "retirer les 2370 soldats", parsed with the number as the object; "rappelé plus de la
            # moitié du personnel": what is counted
            primary |= {c.lemma_.lower() for c in h.children if c.dep_ in ("nmod", "prep")}
            primary |= {g.lemma_.lower() for c in h.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    taken = [c for c in token.children if c.i > token.i and (
        token.pos_ == "NOUN" and c.dep_ == "nmod" and _case(c) in ("de", "du", "des", "d'")
        or token.pos_ == "VERB" and c.dep_ in ("obj", "dobj", "advmod", "obl", "obl:mod", "xcomp")
        and not _case(c))]  # the small parser reads "a repris Kismayo" in several ways, all without a preposition
    if any(c.ent_type_ in ("LOC", "GPE") for c in taken):
        primary.add("@lieu")  # "a repris Ramadi", "la reprise de Mossoul": a named place is taken
    if token.pos_ == "VERB" and any(c.dep_.startswith("obl") and _case(c) in ("sur", "contre") and _participant(c)
                                    for c in token.children):
        primary.add("@cible")  # "a tiré sur les policiers", "a foncé sur la foule": aimed at people
    if token.pos_ == "VERB" and token.lang_ == "fr" and _passive(token):
        patient = next((c for c in token.children if c.dep_ in ("nsubj:pass", "nsubj")), None)
        if patient is None and token.dep_ in ("acl", "appos", "conj") and token.head.pos_ in ("NOUN", "PROPN"):
            patient = token.head  # "Jérôme Cahuzac, condamné à trois ans", "une élue condamnée pour"
        if patient is not None and (_participant(patient) or patient.ent_type_ == "PER"):
            primary.add("@personne")  # "a été condamné(e)": a person sentenced, not an act condemned
        # "condamné à trois ans de prison": the penalty one step below the "à" complement
        primary |= {g.lemma_.lower() for c in token.children if c.dep_.startswith("obl") and _case(c) in ("à", "a")
                    for g in c.children if g.dep_ == "nmod"}
    doer = _doer(token)
    if doer is not None:  # "l'armée avance", "l'avancée des troupes": rows keyed by the class of who acts
        primary |= {k for k, words in _subject_classes(token.lang_).items() if doer.lemma_.lower() in words}
    for child in token.children:
        if child.dep_ in ("obj", "obl", "nmod", "xcomp", "obl:arg", "dobj", "attr", "oprd"):
            secondary |= {child.lemma_.lower(), child.lower_}
            if token.pos_ == "NOUN" and child.dep_ == "nmod" and token.lang_ == "fr":
                # "le retrait du pays du statut de Rome": who leaves, then what is left, one step down
                secondary |= {g.lemma_.lower() for g in child.children if g.dep_ == "nmod" and _case(g) in ("de", "du", "des", "d'")}
            # a complement named by two nouns ("mis en garde à vue" is not "mis en garde"): keyed
            # as "garde vue"; such rows come before the one-word row in the table
            primary |= {f"{child.lemma_.lower()} {g.lemma_.lower()}" for g in child.children
                        if g.dep_ in ("nmod", "obl") and g.i == child.i + 2}
        elif child.dep_ in ("prep", "agent", "dative"):
            secondary |= {g.lemma_.lower() for g in child.children if g.dep_ in ("pobj", "pcomp")}
    return primary, secondary


def _doer(token):
    """Who acts, by the words: a verb's subject (or, for an infinitive, participle or gerund with
    none, its governing verb's: "tente d'avancer", "avançant vers"), a noun's "de X" ("l'avancée des troupes")."""
    for _ in range(2):
        if token.pos_ in ("NOUN", "PROPN"):
            return next((c for c in token.children if c.dep_ == "nmod" and c.i > token.i
                         and _case(c) in ("de", "du", "des", "d'")), None)
        agent = next((c for c in token.children if c.dep_ in ("obl:agent", "agent")), None)
        subject = agent if agent is not None and token.lang_ == "fr" else \
            next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)  # "bloqué par des grévistes"
        if subject is not None and subject.lemma_.lower() in _QUANTITY | {"groupe", "foule"}:
            subject = next((c for c in subject.children if c.dep_ == "nmod"), subject)  # "un groupe de manifestants"
        if subject is not None or token.dep_ not in ("xcomp", "advcl", "conj") or token.head == token:
            return subject
        token = token.head
    return None


@cache
def _subject_classes(lang: str) -> dict[str, frozenset[str]]:
    """Classes of who acts that lexicon rows may name as their keyword ("@force"): lines of the
    lexicon with two columns, the class and a noun lemma."""
    classes: dict[str, set[str]] = {}
    if lang != "fr":
        return {}
    for cols in _table(lang, "events.tsv"):
        if len(cols) == 2 and cols[0].startswith("@"):
            classes.setdefault(cols[0].lower(), set()).add(cols[1].lower())
    return {k: frozenset(v) for k, v in classes.items()}


def _choose(token, rows: list[Row] | None, obj, keyed: bool = True, default: bool = True,
            manual: bool | None = None, verb=None) -> tuple[str, str | None] | None:
    """The row a trigger codes: one whose keyword is its object, else one whose keyword is another
    complement (``keyed``), else its default ("*", when ``default``); ``manual`` restricts the
    keyword rows to hand-written (True) or derived (False) ones. None when none, or when the row
    says "-"."""
    if not rows:
        return None
    row = None
    if keyed:
        primary, secondary = _keywords(token, obj, verb)
        keyed_rows = [r for r in rows if r[0] != "*" and (manual is None or r[3] == manual)]
        row = next((r for r in keyed_rows if r[0] in primary), None) \
            or next((r for r in keyed_rows if r[0] in secondary), None)
    if row is None and default:
        row = next((r for r in rows if r[0] == "*"), None)
    if row is None or row[1] == "-":
        return None
    return row[1], row[2], row[0]


def _candidates(sent, lang: str) -> list[_Cand]:
    """The sentence's triggers, light verbs resolved to their nouns and complements absorbed by
    their frames."""
    cands: dict[int, _Cand] = {}
    nouns_of_light: dict[int, Any] = {}  # noun trigger index → its light verb
    coded_verbs: set[int] = set()
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if lang == "fr" and any(c.dep_ == "det" for c in token.children):
            continue  # "son opposant": a participle with a determiner is a noun for a person
        rows = _rows(token, lang) if token.pos_ == "VERB" else None
        obj = _object(token)
        if token.dep_ == "prep" or (token.lemma_.lower() in _SAY[lang] and not _light(token, lang)):
            continue  # "according to"; "said", "a déclaré": the said is the event, not the saying
        if lang == "en" and token.dep_ == "acl" and token.tag_ in ("VBN", "VBG") \
                and not any(c.dep_.startswith("nsubj") for c in token.children):
            continue  # "a body linked to …", "weapons seized last year": a description, not the news
        if _light(token, lang):
            # "lift the blockade", "open fire": the verb's own hand-written row; else its object noun
            # ("held talks"); else the verb's other rows
            choice = _choose(token, rows, obj, default=False, manual=True)
            noun = _light_noun(token, obj, lang) if choice is None else None
            if noun is not None:
                nouns_of_light[noun.i] = token
                continue
            choice = choice or _choose(token, rows, obj)
            if choice is not None:
                cands[token.i] = _Cand(token, token, *choice)
                coded_verbs.add(token.i)
            continue
        choice = _choose(token, rows, obj)
        if choice is not None and lang == "fr" and token.lemma_.lower() == "voter" and (
                any(c.dep_.startswith("nsubj") and c.lemma_.lower() in _CITIZENS for c in token.children)
                or any(c.pos_ == "VERB" and _rows(c, lang) and any(m.dep_ == "mark" and m.lower_ == "pour" for m in c.children)
                       for c in token.children)):
            # citizens voting is no act of a political actor; "ont voté pour retirer les soldats": the
            # act voted for is the event (GUIDELINES §1)
            continue
        if choice is not None and lang == "fr" and token.lemma_.lower() in _OPINION and any(
                c.dep_ == "ccomp" or c.dep_ == "xcomp" and c.lemma_.lower() not in _VERDICT for c in token.children):
            continue  # "Theresa May a jugé que ce n'était pas le moment", "est jugé très probable": an opinion
        if choice is not None:
            cands[token.i] = _Cand(token, token, *choice)
            coded_verbs.add(token.i)
    for token in sent:
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        rows = _rows(token, lang)
        if not rows:
            continue
        verb = nouns_of_light.get(token.i)
        if verb is None and lang == "en" and token.dep_ in ("compound", "amod"):
            continue  # "border patrol agents", "riot police": a modifier, not an event
        if verb is None and lang == "fr" and token.dep_ == "nmod" and token.head.pos_ == "NOUN" \
                and not _rows(token.head, lang) and token.head.lemma_.lower() not in _SERIES \
                and not any(c.dep_ == "det" for c in token.children) \
                and any(c.dep_ == "case" and c.lower_ in ("de", "d'") for c in token.children):
            continue  # "avions de combat", "pays d'accueil": a kind of thing, not an event
        if verb is None:
            if _alleged(token, cands):
                continue  # "accusant les Russes d'ingérence, d'espionnage, de cyberattaques": what is alleged (§7)
            head = token.head
            governor = cands.get(head.i) if head != token else None
            if governor is not None and (_plover(governor.code)[0] in _CONTENT
                                         or token.dep_ != "conj" and _same_type(governor, token, lang)):
                # "demanded the removal", "menace de sanctions": what is asked or threatened has not
                # happened; "signer un accord": one event; but "a critiqué l'essai", "cessera ses
                # frappes": the essai and the frappes happened; "un couvre-feu et la loi martiale": two acts
                continue
        if lang == "fr" and token.lemma_.lower() in _STATE_NOUNS and token.head.lemma_.lower() in _STATE_HEADS:
            continue  # "nous avons perdu le contact": a state, not a meeting
        choice = _choose(token, rows, _object(token), verb=verb)
        if choice is not None and verb is None and lang == "fr" and token.dep_.startswith("obl") \
                and token.head.pos_ == "VERB":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
            told = _own_type(subject, lang) if subject is not None else None
            if told is not None and told == _type_of(choice[0]):
                continue  # "une manifestation a dégénéré en émeute": what the protest became, one event
        if choice is not None:
            cands[token.i] = _Cand(token, verb if verb is not None else token, *choice)
    harms = _word_list(lang, "event_harms.txt")
    if harms and any(c.token.lemma_.lower() not in harms and _type_of(c.code) == "ASSAULT" for c in cands.values()):
        for i in [i for i, c in cands.items() if c.token.lemma_.lower() in harms and _type_of(c.code) == "ASSAULT"]:
            del cands[i]  # "une explosion a blessé dix personnes": the harm is the attack's (event_harms.txt)
    # frames: a complement trigger is part of its frame's event
    for i in sorted(cands):
        cand = cands[i]
        frame = _frame_of(cand, cands, lang)
        if frame is not None:
            frame.inner.append(cand)
            cand.absorbed = True
    for cand in cands.values():  # "threatened to institute a curfew": what the complement does is threatened too
        head = cand.token.head
        if cand.clause == cand.token and head.i in cands and cands[head.i].absorbed and not cand.absorbed \
                and cand.token.dep_ in ("obj", "dobj"):
            cand.absorbed = True
    for cand in cands.values():  # "dément la libération des otages", "denied attacking": no event said
        t = cand.clause
        for _ in range(3):
            if t.head == t:
                break
            t = t.head if t.dep_ in ("obj", "dobj", "xcomp", "ccomp", "pcomp", "prep", "nsubj:pass") or t.head.dep_ == "prep" \
                else t
            if t.lemma_.lower() in _DENY or t.lower_ in _DENY:
                cand.absorbed = True
                break
            if t.dep_ not in ("xcomp", "ccomp", "obj", "dobj", "pcomp", "prep"):
                break
    by_clause = {c.clause.i: c for c in cands.values() if not c.absorbed}
    for cand in cands.values():  # "started a hunger strike to protest …": the purpose names the target
        clause = cand.clause
        if not cand.absorbed and clause.dep_ in ("advcl", "xcomp") and clause.head.i in by_clause \
                and not any(c.dep_.startswith("nsubj") for c in clause.children) \
                and by_clause[clause.head.i] is not cand:
            head = by_clause[clause.head.i]
            head.purposes.append(cand)
            if _type_of(cand.code) and _type_of(cand.code) == _type_of(head.code):
                cand.absorbed = True  # "telephoned X to discuss …", "met to hold talks": one meeting
    return [c for _, c in sorted(cands.items()) if not c.absorbed]


def _alleged(noun, cands: dict[int, _Cand]) -> bool:
    """Whether ``noun`` is what an accusation alleges: a "de" complement of an accusing trigger
    (``event_allegations.txt``), or of its object ("accuse la Russie d'ingérence"), through lists and "de" chains ("d'ingérence, d'espionnage,
    de cyberattaques"). The guidelines code the accusation, not its content (GUIDELINES §7)."""
    t = noun
    for _ in range(4):
        head = t.head
        if head == t:
            return False
        if t.dep_ == "conj" and head.dep_ == "obj" and head.head.i in cands and _case(t) in _DE:
            return _alleges(cands[head.head.i])  # "accusant les seconds d'ingérence, … de cyberattaques", parsed as a list with "les seconds"
        if t.dep_ != "conj":
            if t.dep_ not in ("obl", "obl:arg", "obl:mod", "nmod") or _case(t) not in _DE:
                return False
            if head.i in cands:
                return _alleges(cands[head.i])
            if head.dep_ == "obj" and head.head.i in cands:
                return _alleges(cands[head.head.i])
        t = head
    return False


def _alleges(cand: _Cand) -> bool:
    return _type_of(cand.code) == "ACCUSE" and cand.token.lemma_.lower() in _word_list(cand.token.lang_, "event_allegations.txt")


def _same_type(governor: _Cand, noun, lang: str) -> bool:
    """The noun's own event is of the governing trigger's type ("signer un accord")."""
    own = _own_type(noun, lang)
    return own is not None and own == _plover(governor.code)[0]


def _own_type(token, lang: str) -> str | None:
    """The PLOVER type of the event ``token`` would trigger on its own, if any."""
    choice = _choose(token, _rows(token, lang), _object(token))
    return (_type_of(choice[0]) or None) if choice is not None else None


def _light_noun(verb, obj, lang: str):
    """The noun a light verb's event is: its object ("held talks"), or its prepositional complement
    ("procéder à l'arrestation", "engaged in ethnic cleansing"). An order is its act when the act is
    the orderer's forces' ("a ordonné une frappe", "ordered the arrest"), a demand otherwise."""
    if verb.lemma_.lower() in _ORDER:
        own = _own_type(obj, lang) if obj is not None and obj.pos_ == "NOUN" else None
        if own not in ("ASSAULT", "COERCE", "MOBILIZE"):
            return None
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        if _rows(obj, lang):
            return obj
        for child in obj.children:  # "undertook a mediation mission"
            if child.dep_ == "compound" and child.pos_ == "NOUN" and _rows(child, lang):
                return child
    for case, noun in _preps(verb):
        if case in ("à", "au", "aux", "in", "into") and noun.pos_ in ("NOUN", "PROPN") and _rows(noun, lang):
            return noun
    return None


def _frame_of(cand: _Cand, cands: dict[int, _Cand], lang: str) -> _Cand | None:
    """The framing trigger whose complement ``cand`` is, through up to three control verbs."""
    t = cand.clause
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("obj", "dobj") and t.head.pos_ == "VERB" and t.head.i not in cands:
        t = t.head  # "threatened to institute a curfew": the curfew is threatened
    for _ in range(3):
        if t.dep_ not in ("xcomp", "ccomp", "pcomp", "acl", "advcl") or t.head == t:
            return None
        if t.dep_ in ("acl", "advcl") and t.pos_ != "VERB":
            return None
        head = t.head
        if head.dep_ == "prep" and head.head != head:  # "accused X of violating"
            head = head.head
        if t.dep_ == "advcl" and not (lang == "fr" and any(c.dep_ == "mark" and c.lower_ in ("de", "d'") for c in t.children)):
            return None  # "summoned the ambassador to complain": a purpose, its own event
        if t.dep_ == "acl" and not (lang == "fr" and any(c.dep_ == "mark" and c.lower_ in ("de", "d'") for c in t.children)):
            return None
        frame = cands.get(head.i)
        if frame is not None and not frame.absorbed:
            lemma = frame.token.lemma_.lower()
            if lemma in _FRAMES[lang] or frame.clause.lemma_.lower() in _FRAMES[lang]:
                return frame
            return None
        if frame is not None:
            return None
        if head.lemma_.lower() in _SAY[lang]:
            return None
        t = head
    return None


def _code(cand: _Cand, offset: int, sent, text: str, mentions: list[Mention], timexes: list[Timex],
          day: date | None, lang: str, last: dict[str, Event] | None = None) -> list[Event]:
    """The events a trigger codes: one, or one per joint source or target ("X et Y ont mené …").
    ``last``: the article's last event of each type with a participant, which an event noun
    with no actor of its own refers back to ("Ce test aurait échoué", "cette frappe")."""
    token = cand.token
    code, mode_override = cand.code, cand.mode
    plover = _plover(code)
    if plover is None:
        return []
    ptype = plover[0]
    verb = cand.clause
    negated = _negated(verb) or (verb != token and _negated(token))
    requester = None
    if lang == "en":
        ptype, code, requester = _intent(cand, ptype, code, negated)
        if ptype == "REJECT" and negated:
            negated = False  # "would not meet": the refusal is the event
        plover = _plover(code) or plover
    if ptype == "REQUEST" and lang == "fr" and any(
            (c.dep_ in ("obl", "obl:arg", "nmod", "xcomp") and _case(c) in ("à", "au", "aux")
             or c in (i.token for i in cand.inner)) and _own_type(c, lang) == "PROTEST" for c in token.children):
        # "les syndicats appellent à la grève": a call to strike or march is the protest of those who call
        code, mode_override, plover = "140", None, _plover("140")
        ptype = plover[0]
    if ptype == "REQUEST" and lang == "fr" and _by_protest(verb, lang):
        return []  # "Des émeutes ont éclaté, demandant que …": a protest's demand is the protest (PLOVER)
    if ptype == "CONSULT" and lang == "fr" and verb.pos_ == "VERB" and any(
            t.pos_ == "VERB" and any(m.dep_ == "mark" and m.lower_ == "pour" for m in t.children)
            and _own_type(t, lang) == "PROTEST" for t in verb.subtree if t is not verb):
        return []  # "des milliers de personnes se réunissent pour protester": the gathering is the protest
    if code == "043" and token.pos_ == "VERB" and lang == "fr":
        guest = _object(token)
        if guest is None and not _passive(token) or guest is not None and guest.pos_ == "NOUN" \
                and not _participant(guest) and not _actor_in(guest, offset, mentions, person=True):
            return []  # "a reçu des décharges", "reçu un tir": a thing received, no one hosted
    if code[:3] == "150" and token.pos_ == "NOUN" and lang == "fr" and "Plur" in token.morph.get("Number") \
            and token.lemma_.lower() == "tir":
        code, mode_override, plover = "190", None, _plover("190")  # "des tirs de missiles": a barrage, not a test
        ptype = plover[0]
    co_sources: list[EventArg] = []
    co_targets: list[EventArg] = []
    source, target = _arguments(cand, offset, mentions, text, co_sources, co_targets, lang)
    if requester is not None:  # "Russia said Sudan must return …": Russia asks Sudan
        asked = source
        source = _arg(requester, offset, mentions, text, exclude=None)
        target = asked if asked is not None else target
        co_sources, co_targets = [], []
    s_start, s_end = offset + sent.start_char, offset + sent.end_char
    source = _ethnic_home(source, s_start, s_end, text, mentions)
    target = _ethnic_home(target, s_start, s_end, text, mentions)
    if source is not None and target is not None and (_same(source, target) or source.igo and source.igo == target.igo):
        target = None  # one participant read twice
    if _weak(target) and code in ("042", "043"):  # "la venue de Victoria Nuland à Moscou": the host
        target = _better(target, _place_host(offset + sent.start_char, offset + sent.end_char, mentions, source))
    if source is None and code[:3] in ("173", "174") and (_passive(cand.clause) or lang == "fr" and cand.clause.dep_ == "acl"
                                                           and ("Part" in cand.clause.morph.get("VerbForm")
                                                                or _PAST_PARTICIPLE.search(cand.clause.lower_))):
        # "a missionary was arrested in Lebanon": the state where one is arrested or deported arrests
        found = _place_target(cand, offset, mentions, text, target)
        if found is not None and found.country and not (target is not None and target.country == found.country):
            source = found
    if target is None and (ptype in _PLACE_TARGET or code[:2] == "09" or code in ("1033", "075")):
        # "imposed a curfew in Cizre", "rioted … in Israel", "une enquête … au Burundi", "sought refuge in Germany"
        target = _place_target(cand, offset, mentions, text, source)
    home = last.get("label") if last else None
    if home is not None and source is None and ptype in _STATE_ACTS and (
            _passive(verb) or verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm")) and token.pos_ == "VERB" \
            and target is not None and target.country in (None, home.country):
        # "Turquie : … Le rédacteur en chef … ont été libérés": an act of the state with no one named
        # is the state's whose country the headline names, when done to its own people
        source = replace(home, actor=None, sector=None)
    if home is not None and source is None and ptype in ("COERCE", "ACCUSE") and lang == "fr" and token.pos_ == "NOUN" \
            and token.lemma_.lower() in _JUSTICE_NOUNS and (target is None or target.country in (None, home.country)) \
            and (token.lemma_.lower() != "mise" or any(c.lower_ == "examen" for c in token.subtree)):  # not "mise en garde"
        # "Belgique : … le procès a été suspendu": a trial or an inquiry with no one named is the
        # justice of the country the headline names
        source = replace(home, actor=None, sector="JUD")
    if home is not None and source is None and ptype == "PROTEST" and lang == "fr":
        # "Corée du Sud : manifestation massive contre la présidente": with no one named, who
        # demonstrates is the people of the country the headline names
        source = replace(home, actor=None, sector="OPP")
    if home is not None and target is None and source is not None and (source.igo or source.country) \
            and source.country != home.country and ptype in _COOP and lang == "fr" and token.pos_ == "VERB":
        # "Burundi : la Chine promet de fournir 300 000 décodeurs", "Burundi : l'ONU envoie un émissaire": a
        # foreign actor's offer, aid or envoy in a story the headline puts in a country is towards that
        # country (verbs only: "un sommet de l'Otan" in such a story is no meeting with the country)
        target = replace(home, actor=None, sector=None)
    if home is not None:
        source = _homed(source, home)
        target = _homed(target, home)
    if source is None and token.pos_ == "VERB" and token.lemma_.lower() in _NEEDS_SOURCE:
        return []
    # a mention of the event coded before ("l'attaque n'a pas été revendiquée"): it joins it when merged
    before = last.get("source:" + ptype) if last and token.pos_ == "NOUN" else None
    if source is None and before is not None and offset + token.idx - before.trigger_start < 1500:
        source = before.source
    before = last.get(ptype) if last and token.pos_ == "NOUN" else None
    told = before is not None and offset + token.idx - before.trigger_start < 1500  # the article told this act before
    if source is None and target is None and told and before.source is not None:
        # but not the victims of an act with no known author ("un casque bleu est mort"): "l'attaque a
        # fait une vingtaine de blessés" is the act again, with no one named
        source, target = before.source, before.target
    if source is None and target is None and not told and ptype not in _UNNAMED_OK and not any(
            s_start <= m.start < s_end and (m.actor or m.country) and m.reading != "place" for m in mentions):
        return []  # a sentence with no actor: nothing an analyst can count
    t_start = offset + token.idx
    t_end = t_start + len(token.text)
    # dates are looked for between full stops, not in the parser's sentence, which a comma can cut
    d_start = max(text.rfind(". ", 0, t_start) + 1, text.rfind("\n", 0, t_start) + 1, 0)
    d_end = min([i for i in (text.find(". ", t_end), text.find("\n", t_end)) if i >= 0] or [len(text)])
    when = _date(t_start, min(s_start, d_start), max(s_end, d_end), timexes, day, _past_narrative(verb))
    # an act dated after the article has not happened yet (GUIDELINES.md: "this covers the future")
    hypothetical = _hypothetical(verb) or (verb != token and _hypothetical(token)) or _after(when, day)
    historical = _historical(when, day)
    root = code[:2]
    event = Event(
        type=ptype, sentence_start=s_start, sentence_end=s_end, trigger_start=t_start, trigger_end=t_end,
        trigger=text[t_start:t_end], source=source, target=target, mode=mode_override or plover[1] or None,
        date=when, location=_location(s_start, s_end, mentions, source, target), negated=negated,
        hypothetical=hypothetical, historical=historical, cameo=code, quad=_quad(ptype),
        goldstein=_goldstein().get(root), mentions=((t_start, t_end),),
    )
    sources = [source] + [s for s in co_sources if source is None or not _same(s, source)]
    targets = [target] + [t for t in co_targets if target is None or not _same(t, target)]
    if _weak(target) and len(sources) > 1 and ptype in _RECIPROCAL:
        if lang == "fr":
            if ptype == "CONSULT":  # "X et Y se sont rencontrés": one record, the first named acts
                return [replace(event, target=sources[1])]
        else:
            # "Israel and Lebanon renewed negotiations": each side meets the other (the PLOVER GSR's SRC/TAR)
            return [replace(event, source=s, target=sources[(n + 1) % len(sources)]) for n, s in enumerate(sources)]
    out = [event] + [replace(event, source=s) for s in sources[1:] if target is None or not _same(s, target)]
    if lang == "en" and ptype == "CONSULT" and code in ("041", "046") and source is not None and target is not None:
        out.append(replace(event, source=target, target=source))  # a call, talks: both sides (the GSR's SRC/TAR)
    if lang == "fr" and target is not None:  # GUIDELINES §5.4: members that share their codes stay one record
        targets = targets[:1] + [t for t in targets[1:] if t is None or (t.country, t.igo) != (target.country, target.igo)]
    out += [replace(event, target=t) for t in targets[1:] if t is not None and not (source and _same(t, source))]
    return out


def _by_protest(verb, lang: str) -> bool:
    """The verb is said of a protest: its subject, or the subject of the clause it hangs on, is a
    protest noun ("des émeutes … demandant", "des manifestations qui réclament")."""
    holders = [verb]
    while holders[-1].dep_ in ("advcl", "acl", "acl:relcl", "conj", "xcomp", "obl:arg", "obl", "obl:mod") \
            and len(holders) < 4:  # up the clauses it hangs on (the parser may hang it on a time phrase)
        holders.append(holders[-1].head)
    for holder in holders:
        nouns = [c for c in holder.children if c.dep_ in ("nsubj", "csubj")]
        if holder is not verb and holder.pos_ == "NOUN":
            nouns.append(holder)
        if holder is not verb and holder.pos_ == "VERB" and _own_type(holder, lang) == "PROTEST":
            return True  # "sont descendus dans les rues pour réclamer"
        if any(noun.pos_ == "NOUN" and _own_type(noun, lang) == "PROTEST" for noun in nouns):
            return True
    return False


def _negated(token) -> bool:
    return any(c.lower_ in _NEG or "Neg" in c.morph.get("Polarity") for c in token.children
               if c.dep_ not in ("nsubj", "obj", "dobj", "nsubjpass", "nsubj:pass"))


def _intent(cand: _Cand, ptype: str, code: str, negated: bool) -> tuple[str, str, Any]:
    """English intent: (type, code, requester) after reading a future, a willingness or "must"."""
    verb = cand.clause
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    head = verb.head
    willing = verb.dep_ == "xcomp" and head != verb and head.lemma_.lower() in _INTENT
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_.lower() in _INTENT:
        willing = True
    if aux & _FUTURE_AUX or willing:
        if negated and ptype in _COOP:
            return "REJECT", _REFUSE_CODE.get(ptype) or "120", None
        if not negated and ptype in _COOP and ptype != "AGREE":
            return "AGREE", _INTENT_CODE.get(ptype) or "030", None
        if not negated and ptype in _THREAT_CODE:  # an announced sanction is the sanction
            return "THREATEN", _THREAT_CODE[ptype], None
    if aux & _MUST_AUX and verb.dep_ == "ccomp" and head.lemma_.lower() in _SAY["en"]:
        speaker = next((c for c in head.children if c.dep_ == "nsubj"), None)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if speaker is not None and subject is not None and subject.pos_ != "PRON":
            return "REQUEST", "100", speaker
    return ptype, code, None


def _object(token):
    if token.pos_ in ("NOUN", "PROPN") and token.lang_ == "fr":  # "l'annexion de la Crimée"
        agent = any(c.dep_ in ("nmod", "obl:agent") and _case(c) == "par" for c in token.children)
        for child in token.children:
            if child.dep_ == "nmod" and child.i > token.i and _case(child) in ("de", "du", "des", "d'"):
                return child if token.lemma_.lower() in _word_list("fr", "event_patient_nouns.txt") or agent else None
        return None
    passive = token.pos_ in ("VERB", "AUX") and _passive(token)
    for child in token.children:
        if child.dep_ in ("obj", "dobj") or (passive and child.dep_ in ("nsubj:pass", "nsubjpass")) \
                or passive and child.dep_ == "nsubj" and _headline_participle(token):
            if child.i > token.i - 3 or child.dep_ in ("nsubj:pass", "nsubjpass"):
                return child
    for child in token.children:  # a noun trigger's complement: "retrait de l'accréditation"
        if token.pos_ == "NOUN" and child.dep_ == "nmod" and child.i > token.i:
            return child
    if token.pos_ in ("NOUN", "PROPN"):  # "the invasion of South Lebanon", "the removal of X"
        for case, noun in _preps(token):
            if case == "of" and noun.i > token.i:
                return noun
    return None


# --- arguments ----------------------------------------------------------------------------------


def _preps(token):
    """(preposition, noun) for each prepositional complement of a token, in UD (obl/nmod with a
    case child) and in the English scheme (prep → pobj; a passive's agent)."""
    for child in token.children:
        if child.dep_ in ("obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj"):
            yield _case(child), child
        elif child.dep_ in ("prep", "agent"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if not objs:  # "along with", "out of": a preposition on a preposition
                for g in child.children:
                    if g.dep_ == "prep":
                        objs += [(gg) for gg in g.children if gg.dep_ == "pobj"]
            for g in objs:
                yield ("by" if child.dep_ == "agent" else child.lower_), g
        elif child.dep_ == "dative":  # "give Tanzania a grant", "gave it to X"
            objs = [g for g in child.children if g.dep_ == "pobj"]
            yield ("to", objs[0]) if objs else ("", child)


def _arguments(cand: _Cand, offset: int, mentions: list[Mention], text: str, co_sources: list[EventArg],
               co_targets: list[EventArg], lang: str) -> tuple[EventArg | None, EventArg | None]:
    """Source and target of a trigger; other subjects joined to the source go to ``co_sources``,
    other objects joined to the target to ``co_targets``."""
    token, verb = cand.token, cand.clause
    obj = _object(token)
    giver = None
    if lang == "fr" and obj is not None and token.pos_ == "NOUN" and cand.code[:2] in ("05", "06", "07") \
            and _case(obj) in _DE and token.head.pos_ == "VERB" and (
                token.dep_.startswith("obl") and _case(token) in ("grâce", "avec")
                or token.dep_ in ("obj", "obl:arg") and token.head.lemma_.lower() in _RECEIVE):
        giver, obj = obj, None  # "avec le soutien de X", "a reçu l'aide de X": X gives, not is given
    means = None
    if lang == "fr" and obj is not None and token.pos_ == "NOUN" and obj.lemma_.lower() in _WEAPONS \
            and _type_of(cand.code) == "ASSAULT":
        means, obj = obj, None  # "les bombardements de drones américains": the weapon, whose owner acts
    passive = _passive(verb)
    source_tok = None
    for child in verb.children:
        if passive and (child.dep_ in ("obl:agent", "agent") or (child.dep_.startswith("obl") and _case(child) in ("par", "by"))):
            source_tok = child
            if child.dep_ == "agent":
                source_tok = next((g for g in child.children if g.dep_ == "pobj"), child)
        elif not passive and child.dep_ in ("nsubj", "csubj", "nsubj:pass", "nsubjpass"):
            source_tok = child
    # "Le président de la Commission …, le premier ministre … ainsi que le président français ont
    # condamné": a list of subjects the parser hung on the verb one by one; the first acts, the
    # others join it
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")] if not passive else []
    if len(subjects) > 1 and lang == "fr":
        source_tok = subjects[0]
    if source_tok is not None and verb.pos_ in ("NOUN", "PROPN") and source_tok.lower_ in _DEMONSTRATIVE:
        source_tok = None  # "C'est le plus grand déploiement de troupes américaines": no one; the noun's "de X"
    if lang == "fr" and verb != token and verb.lemma_.lower() in _UNDERGO and source_tok is not None \
            and source_tok.head == verb:
        source_tok = None  # "le convoi a subi des tirs": the subject undergoes the act (its target)
    controlled = None
    if source_tok is None and passive and verb == token and verb.pos_ in ("VERB", "AUX") and not any(
            c.dep_.startswith("expl") or c.lower_ in ("se", "s'", "s’") for c in verb.children):  # not "s'est indigné"
        # "le ministre vient d'être mis en examen", "ayant été arrêté, X …": the controller of a
        # passive undergoes the act (its target), it does not do it
        controlled = _controller(verb, lang)
    elif source_tok is None and verb.pos_ in ("VERB", "AUX", "ADJ"):
        source_tok = _controller(verb, lang)
    participle = lang == "fr" and verb.dep_ == "acl" and ("Part" in verb.morph.get("VerbForm")
                                                         and "Past" in verb.morph.get("Tense")
                                                         or _PAST_PARTICIPLE.search(verb.lower_) is not None)
    # "des soldats appréhendés" (which the tagger may call an infinitive), "émissaire envoyé par le Conseil"
    if participle:
        source_tok = next((c for c in verb.children if c.dep_.startswith("obl") and _case(c) == "par"), None)
        noun = verb.head
        root = verb.sent.root
        if source_tok is None and root.pos_ == "AUX" and root.lemma_ == "avoir" and root.i < verb.i:
            # "Obama a, juste avant de quitter la Maison Blanche, signé un chèque": the parser hung the
            # participle on the incise; the auxiliary it belongs to kept the subject
            source_tok = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if source_tok is None and noun.dep_ in ("obj", "nsubj:pass") and noun.head.pos_ == "VERB" \
                and noun.head.lemma_.lower() not in _SAY[lang] \
                and (_participant(noun) or _actor_in(noun, offset, mentions)):  # not "a rejeté le budget proposé"
            # "les États-Unis ont expulsé 35 diplomates russes accusés d'espionnage": who acts on them
            source_tok = next((c for c in noun.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    elif lang == "fr" and source_tok is None and verb.dep_ in ("amod", "acl", "nmod", "appos") \
            and "Fin" in verb.morph.get("VerbForm") and verb.head.i < verb.i and verb.head.pos_ in ("PROPN", "NOUN"):
        source_tok = verb.head  # "La Chine intercepte un avion": a finite verb the parser hung on its subject
    elif source_tok is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and lang == "fr":
        source_tok = verb.head  # "l'Otan, qui a suspendu …" is parsed with the relative as acl
    if source_tok is not None and source_tok.lower_ in _RELATIVE and verb.dep_ in ("relcl", "acl:relcl", "acl"):
        source_tok = verb.head  # "the group, which attacked …"
    between = patient = None
    hit_thing = False
    claimer = _claimer(token) if lang == "fr" and token.pos_ == "NOUN" else None
    if claimer is not None:
        source_tok = claimer
    if claimer is None and source_tok is None and token.pos_ == "NOUN" and verb == token:
        source_tok = _author(token, lang)
    if token.pos_ in ("NOUN", "PROPN") and claimer is None:  # "la rencontre entre Poutine et Biden", "le retrait … par l'Otan"
        by = next((c for c in token.subtree if c.dep_ in ("nmod", "obl:agent", "obl") and _case(c) in ("par", "by")
                   and c.head.i >= token.i), None)
        if by is None:
            by = next((n for case, n in _preps(token) if case == "by"), None)
        if by is not None and (verb == token or source_tok is None):
            source_tok = by
        for child in token.children:
            if child.dep_ == "nmod" and _case(child) in ("entre", "between"):
                between = child
            elif child.dep_ == "nmod" and _case(child) in ("de", "du", "des", "d'", "of") and source_tok is None and child != obj \
                    and not (lang == "fr" and child.pos_ == "NOUN" and _case(child) in ("de", "d'")
                             and "Sing" in child.morph.get("Number")
                             and not any(g.dep_ in ("det", "nummod", "amod") for g in child.children)):
                source_tok = child  # but "coup d'État": a kind of act, not who acts
            elif (child.dep_ in ("nmod:poss", "det:poss", "poss") or "Yes" in child.morph.get("Poss")) \
                    and lang == "fr" and token.lemma_.lower() in _person_patients("fr") and obj is None:
                patient = child  # "son arrestation": the one arrested, not who arrests
            elif (child.dep_ in ("nmod:poss", "det:poss", "poss") or "Yes" in child.morph.get("Poss")) \
                    and source_tok is None:
                source_tok = child  # "ses frappes", "its investigation"
        if between is None and lang == "fr" and token.dep_ == "nmod" and token.head.pos_ == "NOUN":
            # "l'annulation du sommet entre les États-Unis et la Corée du Nord": the parser hung the
            # "entre" on the noun before
            between = next((c for c in token.head.children if c.dep_ == "nmod" and c.i > token.i
                            and _case(c) == "entre"), None)
        if source_tok is None and lang == "fr":  # "l'intervention russe", "cette agression américaine"
            source_tok = next((c for c in token.children if c.dep_ == "amod"
                               and (_actor_in(c, offset, mentions) or _by_demonym(c, offset, 0, 0))), None)
        phrase_heads = [token] + ([token.head] if token.dep_ == "compound" else [])  # "a mediation mission between"
        for case, n in (p for h in phrase_heads for p in _preps(h)):
            if case == "between" and lang == "en":
                between = n
        if source_tok is None and lang == "en":  # "Palestinian riots", "US Predator attacks"
            source_tok = next((c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i
                               and _actor_in(c, offset, mentions)), None)
    if source_tok is None and token.pos_ == "NOUN" and token.dep_.startswith("obl") and _case(token) in ("en", "in") \
            and token.head.pos_ == "VERB":  # "L'armée turque, en coopération avec la coalition, a lancé …"
        source_tok = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if source_tok is None and token.pos_ == "NOUN" and lang == "fr" and _case(token) == "par" and verb == token:
        # "les forces de police ont répondu par le jet de gaz … et par des tirs": the means of an act
        # is the act of its subject
        governor = token.head
        while governor.pos_ not in ("VERB", "AUX") and governor.head != governor:
            governor = governor.head
        if governor.pos_ == "VERB" and not _passive(governor):
            source_tok = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    if source_tok is None and lang == "fr" and token.pos_ == "NOUN" and verb == token and cand.code[:2] == "04":
        # "X a annoncé … lors d'une rencontre avec Y", "… pendant les négociations avec Y": who meets
        # is who acts in the clause the meeting frames (its subject, or a passive's agent)
        governor = token.head.head if token.head.lower_ == "lors" and token.head.dep_ == "advmod" else \
            token.head if token.dep_.startswith("obl") and _case(token) in ("lors", "pendant", "durant") else None
        if governor is not None and governor.pos_ == "NOUN" and governor.dep_ in ("obj", "nsubj:pass") \
                and governor.head.pos_ in ("VERB", "AUX"):
            governor = governor.head  # "a fait cette annonce lors d'une rencontre": hung on the object
        if governor is not None and governor.pos_ in ("VERB", "AUX"):
            if _passive(governor):
                source_tok = next((c for c in governor.children if c.dep_ in ("obl:agent", "agent")
                                   or c.dep_.startswith("obl") and _case(c) == "par"), None)
            else:
                source_tok = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    if source_tok is None and token.lemma_.lower() in _FIGHTING:  # "les heurts avec la police": the side named
        source_tok = next((n for case, n in _preps(token) if case in ("avec", "with")), None)
    if source_tok is None and token.pos_ == "NOUN" and token.dep_ == "obj" and token.head.pos_ == "VERB" \
            and _light(token.head, lang) and token.head.lemma_.lower() not in _UNDERGO:  # "a subi": who undergoes it
        for child in token.head.children:  # "la Russie a mené un exercice", "ont tenu une rencontre"
            if child.dep_ == "nsubj":
                source_tok = child
    if source_tok is not None and source_tok.pos_ == "DET":
        # "a exprimé son soutien", "cessera ses frappes", "a mis fin à ses frappes": the possessor is the
        # subject of the clause
        governor = token.head
        for _ in range(3):
            if governor.pos_ in ("VERB", "AUX") or governor.head == governor:
                break
            governor = governor.head
        source_tok = None
        if governor.pos_ in ("VERB", "AUX") and governor != token:
            source_tok = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubj:pass")), None) \
                or _controller(governor, lang)
    if giver is not None:
        source_tok = giver
    if means is not None and source_tok in (None, means) and (_actor_in(means, offset, mentions)
                                                           or _by_demonym(means, offset, *_phrase(means, offset))):
        source_tok = means
    toward = None
    if lang == "fr":  # "faire l'objet d'une attaque … à l'encontre des ministères": on the noun's verb too
        toward = _toward([verb] if verb == token else [verb, token])
        if toward is None and token.pos_ == "NOUN" and token.dep_ in ("obj", "obl:arg") and token.head.pos_ == "VERB":
            toward = _toward([token.head])
    if toward is not None and source_tok == toward:
        source_tok = None  # "des sanctions vis-à-vis de la Russie": whom they aim at, not who takes them
    if source_tok is not None and source_tok.pos_ == "PRON":
        source_tok = _antecedent(source_tok, verb)
    target_tok = None
    if participle:
        target_tok = verb.head
    if obj is not None and (not passive or verb != token) and not (
            lang == "fr" and verb == token and cand.keyword not in ("*", "") and obj.lemma_.lower() == cand.keyword
            and obj.pos_ == "NOUN" and any(_case(c) in ("à", "au", "aux", "auprès", "contre") for c in verb.children)):
        target_tok = obj  # but "rendre visite à X", "porter plainte contre X": the noun is the act, X its target
    if passive and verb == token and obj is None and lang == "fr" and verb.dep_ == "conj" and _passive(verb.head):
        # "ils ont été enlevés et tués": joined passive participles share their subject
        obj = next((c for c in verb.head.children if c.dep_ == "nsubj:pass"), None)
    if passive and verb == token and obj is not None and (_actor_in(obj, offset, mentions) or _participant(obj)
                                                          or _type_of(cand.code) == "ASSAULT"
                                                          and (obj.pos_ in ("NOUN", "PROPN") or obj.pos_ == "PRON"
                                                               and obj.lower_ not in _RELATIVE)):
        target_tok = obj  # "a missionary was arrested": the arrested; "un restaurant a été incendié": what is hit
        hit_thing = not _participant(obj) and not _actor_in(obj, offset, mentions)
    if target_tok is None and controlled is not None and obj is None:
        target_tok = controlled
    if verb.dep_.startswith("acl") and any(c.dep_ in ("obj", "dobj") and c.pos_ == "PRON" for c in verb.children):
        target_tok = verb.head  # "huit membres … qu'elle accuse": the relative's antecedent
        for _ in range(3):  # "… membres de la mission russe à Bruxelles qu'elle accuse": not the place
            if _participant(target_tok) or _actor_in(target_tok, offset, mentions) and target_tok.ent_type_ not in (
                    "LOC", "GPE") or target_tok.head == target_tok:
                break
            target_tok = target_tok.head
    if passive and verb == token and obj is not None and obj.lower_ in _RELATIVE and lang == "fr" \
            and verb.dep_ in ("acl:relcl", "relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN") \
            and (_participant(verb.head) or _actor_in(verb.head, offset, mentions)):
        target_tok = verb.head  # "le journaliste, qui avait été arrêté": the relative's antecedent undergoes it
    if target_tok is None and token.pos_ == "NOUN" and token.dep_ in ("nsubj", "csubj") \
            and token.head.lemma_.lower() in _HARM:  # "les frappes ont tué des civils": who the act hit
        target_tok = next((c for c in token.head.children if c.dep_ in ("obj", "dobj")), None)
    if target_tok is None and verb.pos_ == "VERB":  # "ont riposté, abattant les 8 assaillants": who the reply hit
        harm = next((c for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() in _HARM
                     and "Part" in c.morph.get("VerbForm") and "Pres" in c.morph.get("Tense")), None)
        if harm is not None:
            target_tok = next((c for c in harm.children if c.dep_ in ("obj", "dobj")), None)
    if target_tok is None and token.pos_ == "NOUN":  # "des tirs ayant blessé certains manifestants"
        harm = next((c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in _HARM), None)
        if harm is not None:
            target_tok = next((c for c in harm.children if c.dep_ in ("obj", "dobj")), None)
    if target_tok is None and lang == "fr" and token.pos_ == "NOUN" and cand.code[:2] in _AGAINST_CODES:
        target_tok = _sufferer(token, offset, mentions)
    if target_tok is None and lang == "fr" and token.pos_ == "NOUN" and cand.code[:2] in ("05", "06", "07") \
            and token.head.pos_ == "VERB" and (token.dep_.startswith("obl") and _case(token) in ("grâce", "avec")
                                               or giver is not None and token.head.lemma_.lower() in _RECEIVE):
        # "l'armée avance grâce à l'aide de l'aviation russe": who is helped is who acts with the help
        # (or who undergoes it: "X a été élu avec le soutien de Y")
        target_tok = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ != "PRON"),
                          None)
    if target_tok is None and patient is not None:
        target_tok = patient
    if target_tok is None and token.lemma_.lower() in _VICTIM_NOUNS:
        target_tok = token  # "les 5 000 otages détenus par le groupe": the hostages are the ones taken
    if target_tok is not None and target_tok.pos_ == "PRON" and target_tok.lower_ not in _RELATIVE:
        target_tok = _antecedent(target_tok, verb) if lang == "en" else target_tok
    holders = [verb] if verb == token else [verb, token]
    if verb == token and token.pos_ == "NOUN" and token.dep_ in ("obj", "dobj") and token.head.pos_ == "VERB":
        holders.append(token.head)  # "cessera ses frappes contre l'État islamique": the verb holds the noun's "contre"
    if token.pos_ == "NOUN":  # "une frappe militaire ciblée sur une base": the participle that says what it aims at
        holders += [c for c in list(token.children) + list(verb.children) if c.dep_ in ("acl", "xcomp") and c.i > token.i
                    and "Part" in c.morph.get("VerbForm") and "Past" in c.morph.get("Tense")
                    and not any(g.dep_ in ("obl:agent", "nsubj", "nsubj:pass") for g in c.children)]
    best = None
    for holder in holders:
        for child in holder.children:
            candidates = [child]
            if child.dep_ == "advmod" and child.lower_ in ("auprès", "près"):  # "auprès de l'Otan"
                candidates = [c for c in child.children if c.dep_.startswith("obl") or c.dep_ == "nmod"]
            for c in candidates:
                if c == source_tok:
                    continue
                if c in candidates[:1] and child.dep_ == "advmod" and child.lower_ in ("auprès", "près"):
                    if target_tok is None or not _actor_in(target_tok, offset, mentions):
                        target_tok = c
        for case, noun in _preps(holder):
            if noun == source_tok:
                continue
            if case in ("de", "du", "des", "d'") and holder == verb and verb.pos_ == "VERB" \
                    and cand.code[:2] in ("16", "08") and _actor_in(noun, offset, mentions) \
                    and not (target_tok is not None and _actor_in(target_tok, offset, mentions)):
                best = best or (60, noun)  # "se retirer de la CPI", "sortir de l'Union": the body left
                continue
            if case not in _TARGET_CASES | {"", "of"} or case == "" and not (noun.dep_ in ("iobj", "dative")
                                                                          or noun.dep_ == "nmod" and holder.pos_ == "VERB"):
                continue  # a complement with no preposition is an indirect object or a parse gone wrong
            if case == "of" and holder == verb:
                continue
            if case == "from" and cand.code[:2] not in ("08", "16", "17", "18", "19"):
                continue  # "arrived from X": a place, not a participant
            if holder not in (verb, token) and case not in ("contre", "against", "sur", "on"):
                continue
            if not _actor_in(noun, offset, mentions) and not (lang == "fr" and target_tok is None) \
                    and not (lang == "fr" and case in ("contre", "sur", "envers") and _participant(noun)
                             and not _actor_in(target_tok, offset, mentions)):
                continue  # but "a tiré une balle sur un policier": the person aimed at, not the bullet
            if noun.ent_type_ in ("LOC", "GPE", "FAC") and not _actor_in(noun, offset, mentions) \
                    and not any(m.country and offset + noun.idx <= m.start < offset + noun.idx + len(noun.text)
                                for m in mentions):
                continue  # "à Tombouctou", a place the actors stage does not know: not whom the act is aimed at
            if case in ("à", "au", "aux", "in", "at") and cand.code[:3] not in ("042", "043", "161") \
                    and _only_places(noun, offset, mentions):
                continue  # "un sommet de l'Otan à Varsovie": where, not with whom (a visit's place is its host)
            rank = _CASE_RANK.get(case, 50)
            if best is None or rank < best[0]:
                best = (rank, noun)
    if best is not None and (target_tok is None or not _actor_in(target_tok, offset, mentions, person=True)):
        target_tok = best[1]
    if target_tok is None and lang == "fr" and token.pos_ == "NOUN" and token.lemma_.lower() in ("retrait", "sortie"):
        # "le retrait du pays du statut de Rome": the treaty left, by its words (one "de" step down too)
        steps = [c for c in token.children if c.dep_ == "nmod" and _case(c) in _DE]
        steps += [g for c in steps for g in c.children if g.dep_ == "nmod" and _case(g) in _DE]
        left = next((c for c in steps if c.lemma_.lower() in _DOCUMENTS), None)
        if left is not None:
            target_tok, hit_thing = left, True
    if toward is not None and (_actor_in(toward, offset, mentions) or _participant(toward)):
        target_tok = toward  # said in so many words, it wins over a guessed sufferer
    if between is not None:
        conj = [c for c in between.children if c.dep_ == "conj"]
        if lang == "en" and source_tok is not None and verb != token:
            target_tok = between  # "undertook mediation between Syria and Arafat": both are targets
        else:
            source_tok = between
            target_tok = conj[0] if conj else target_tok
    source = _arg(source_tok, offset, mentions, text, exclude=None)
    if source is None:
        label = _label(token, offset, mentions)  # "Canada : fin des frappes": the title's label acts,
        if _type_of(cand.code) in ("ASSAULT", "PROTEST") and label is not None:
            # but where the violence was is no actor ("Mali : attaque à Tombouctou"), unless the
            # sentence puts the violence in another country ("Canada : … frappes en Irak")
            s0, s1 = offset + token.sent.start_char, offset + token.sent.end_char
            if not any(s0 <= m.start < s1 and m.start > label.end and m.country and m.country != label.country
                       and m.label == "LOC" and _PLACE_BEFORE.search(text, max(0, m.start - 8), m.start)
                       for m in mentions):
                label = None
        source = label
    if not passive and (source is None and source_tok is None and lang == "fr" and verb.pos_ == "VERB"
                        and "Fin" in verb.morph.get("VerbForm") or source is None and source_tok is None
                        and lang == "fr" and verb.pos_ == "VERB" and verb.dep_ == "ROOT"):
        source = _left_actor(verb, offset, mentions)
    target = _arg(target_tok, offset, mentions, text, exclude=source)
    if target is not None and target_tok is not None and target_tok.lemma_.lower() in _DOCUMENTS and any(
            c.dep_ == "nmod" and _case(c) in ("de", "d'") and offset + c.idx <= target.start < offset + c.right_edge.idx + 1
            for c in target_tok.children):
        target = None  # "le protocole de Kyoto": the place names the document, it is not a party
    if target is None and hit_thing and target_tok is not None:  # a thing attacked is known by its words
        a, b = _phrase(target_tok, offset)
        target = EventArg(a, b, text[a:b], None, None, None, None, None)
    if source_tok is not None and (between is None or lang == "en"):  # "la Russie et la Biélorussie ont mené …"
        modifiers = [t for t in source_tok.children if t.dep_ in ("amod", "compound")]
        for conj in _conjuncts(source_tok) + [c for m in modifiers for c in _conjuncts(m)]:
            other = _arg(conj, offset, mentions, text, exclude=source)
            if other is not None:
                co_sources.append(other)
        co_sources += _listed(source_tok, source, co_sources, offset, mentions, text)
        for other_tok in (subjects[1:] if len(subjects) > 1 and lang == "fr" and source_tok == subjects[0] else []):
            for t in [other_tok] + _conjuncts(other_tok):
                other = _arg(t, offset, mentions, text, exclude=source)
                if other is not None and not any(_same(other, o) for o in co_sources):
                    co_sources.append(other)
    if target is not None and target_tok is not None:  # "with Congo and Costa Rica"
        for conj in _conjuncts(target_tok):
            other = _arg(conj, offset, mentions, text, exclude=source)
            if other is not None:
                co_targets.append(other)
        co_targets += _listed(target_tok, target, co_targets, offset, mentions, text)
    if _weak(target):  # a demonym the parser hung on the verb: "retiré les accréditations … russe"
        for child in verb.children:
            if child.dep_ == "amod" and child.i > verb.i:
                target = _better(target, _by_demonym(child, offset, offset + child.idx,
                                                     offset + child.idx + len(child.text)))
    if _weak(target) and obj is not None and obj.lemma_.lower() not in _DOCUMENTS:  # not "l'accord de Paris"
        for child in obj.children:  # "sa mission auprès de l'Otan", "membres de la mission russe"
            if child.dep_ in ("nmod", "obl", "amod", "prep", "poss", "compound"):
                arg_tok = child
                if child.dep_ == "prep":
                    arg_tok = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if arg_tok is None or child.lower_ not in ("of", "with", "to", "against", "from"):
                        continue
                found = _arg(arg_tok, offset, mentions, text, exclude=source)
                # words alone only for a person's or a thing's complement ("le rédacteur en chef"), not
                # an act's ("soutenons la fin de cette mission")
                target = _better(target, found if not _weak(found) or not _rows(obj, lang) else None)
    if _weak(target) and obj is not None and _type_of(cand.code) in ("ACCUSE", "REJECT", "PROTEST"):
        # "dénonce « la colère » et « l'hostilité » affichée par le régime de Kim Jong-un": who is
        # blamed is who the thing denounced is said to be by
        for noun in [obj] + _conjuncts(obj) + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN"]:
            for acl in (c for c in noun.children if c.dep_ == "acl" and "Part" in c.morph.get("VerbForm")):
                by = next((c for c in acl.children if c.dep_ == "obl:agent" or c.dep_.startswith("obl")
                           and _case(c) == "par"), None)
                target = _better(target, _arg(by, offset, mentions, text, exclude=source))
    if _weak(target) and target_tok is not None and target_tok == obj and cand.keyword != "*" \
            and obj.lemma_.lower() == cand.keyword:
        target = None  # "la fin de cette mission", "retirer l'accréditation": what the row says, not who
    if lang == "fr" and passive and verb == token and source is None and target is not None and target_tok is obj \
            and _type_of(cand.code) == "MOBILIZE":
        source, target = target, None  # "300 soldats ont été déployés": the forces sent are who shows force
    if _weak(target) and target_tok is not None and (
            any(c.lower_ in _POSSESSIVE for c in target_tok.children if c.dep_ in ("det", "poss", "nmod:poss", "det:poss"))
            or _type_of(cand.code) == "MOBILIZE"):
        target = None  # "rapatrier ses avions": its own; a test, a deployment: no target by words alone
    for inner in cand.inner:  # "threatened to shell Iraqi towns", "demanded that Hamas renounce"
        if _weak(target):
            target = _better(target, _inner_target(inner, offset, mentions, text, source, lang))
    for child in verb.children:  # "allowed Alassane Ouattara to participate": the subject of the complement
        if _weak(target) and child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)
            target = _better(target, _arg(subject, offset, mentions, text, exclude=source))
    if _weak(target) and cand.code[:2] == "13":  # "threatened … unless Israel rescinded"
        for t in [verb] + [i.clause for i in cand.inner]:
            for child in t.children:
                if child.dep_ == "advcl" and any(m.lower_ in ("unless", "if", "sauf", "si") for m in child.children
                                                 if m.dep_ == "mark"):
                    subject = next((c for c in child.children if c.dep_.startswith("nsubj") and c.pos_ != "PRON"), None)
                    target = _better(target, _arg(subject, offset, mentions, text, exclude=source))
    if _weak(target) and lang == "fr" and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        # "avait adressé un avertissement au gouvernement italien et demandé des économies": joined
        # verbs share whom they address
        for case, noun in _preps(verb.head):
            if case in ("à", "au", "aux", "auprès", "contre") and noun.i < verb.i and noun != source_tok:
                target = _better(target, _arg(noun, offset, mentions, text, exclude=source))
    for purpose in cand.purposes:  # "started a hunger strike to protest X"
        if _weak(target):
            _, found = _arguments(purpose, offset, mentions, text, [], [], lang)
            if found is not None and not (source is not None and _same(found, source)):
                target = _better(target, found)
    if cand.code == "161" and target_tok is not None and (_weak(target) or not (target.country or target.igo)):
        # "rappeler … Markus Ederer, leur ambassadeur à Moscou": a diplomatic measure aims at the country
        # where the mission is
        a, b = offset + target_tok.left_edge.idx, offset + target_tok.right_edge.idx + len(target_tok.right_edge.text)
        s_end = offset + target_tok.sent.end_char
        for m in mentions:
            # in the diplomat's phrase, or in an apposition just after it naming the post ("à Moscou")
            inside = a <= m.start and m.end <= b and b - a < 200
            after = b <= m.start < min(b + 60, s_end) and _PLACE_BEFORE.search(text, max(0, m.start - 8), m.start)
            if (inside or after) and m.country and m.reading == "place" and not _names_document(target_tok, m, offset) \
                    and not (source is not None and source.country == m.country):  # not "l'accord de Paris"
                post = EventArg(m.start, m.end, m.text, None, m.text, m.country, None, None)
                target = post if target is None or not (target.country or target.igo) else target
                break
    if _weak(target) and lang == "en":  # "mobilized reservists for a possible war against Iraq"
        clauses = _clausal_ranges(verb, offset)
        for t in verb.subtree:
            if t.dep_ == "prep" and t.lower_ == "against" and not any(a <= offset + t.idx < b for a, b in clauses) \
                    and not (t.head != verb and t.head.dep_ == "acl" and t.head.tag_ in ("VBN", "VBG")):
                # not "techniques used against X": what the participle does, not the event
                noun = next((g for g in t.children if g.dep_ == "pobj"), None)
                found = _arg(noun, offset, mentions, text, exclude=source)
                if found is None and noun is not None:  # "riots against Israeli military policies": whose policies
                    found = next((d for c in noun.children if c.dep_ in ("amod", "compound", "poss") and (
                        d := _by_demonym(c, offset, *_phrase(noun, offset))) is not None), None)
                target = _better(target, found)
    if _weak(target) and lang == "fr" and token.pos_ == "NOUN" and (cand.code[:3] == "161" or cand.code[:2] == "08") \
            and source_tok is not None and source_tok.head == token:
        # "la sortie du Royaume-Uni de l'Union européenne": who leaves, then the body left
        left = [c for c in token.children if c.dep_ == "nmod" and c.i > source_tok.i and _case(c) in ("de", "du", "des", "d'")
                and _actor_in(c, offset, mentions)]
        if left:
            target = _better(target, _arg(left[0], offset, mentions, text, exclude=source))
    if _weak(target) and lang == "fr" and token.pos_ in ("NOUN", "PROPN") \
            and _type_of(cand.code) in ("PROTEST", "ACCUSE", "REJECT"):
        target = _better(target, _anti(token, offset, mentions, text))
    if target is None and lang == "fr" and token.pos_ == "NOUN" and cand.code[:2] in _AGAINST_CODES:
        # "un attentat à la bombe contre des policiers", "attentat à la voiture piégée contre un bus":
        # the "contre" the parser hung on the means, deeper in the noun's phrase
        clauses = _clausal_ranges(token, offset)
        against = next((t for t in token.subtree if t.i > token.i and t.dep_ in ("nmod", "obl", "obl:mod", "obl:arg")
                        and _case(t) == "contre" and t != source_tok
                        and not any(a <= offset + t.idx < b for a, b in clauses)), None)
        target = _arg(against, offset, mentions, text, exclude=source)
    if source is None and lang == "fr" and token.pos_ == "NOUN":
        # "un double attentat … revendiqué par les Faucons": a claimed act's claimant is its source
        claim = next((c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() == "revendiquer"), None)
        by = claim is not None and next((c for c in claim.children if c.dep_ == "obl:agent"
                                         or c.dep_.startswith("obl") and _case(c) == "par"), None)
        if by:  # whoever claims an act is a participant, known by name or not
            a, b = _phrase(by, offset)
            source = _arg(by, offset, mentions, text, exclude=target) or EventArg(a, b, text[a:b], None, None, None,
                                                                                  None, None)
    return source, target


def _bearer(noun, offset: int, mentions: list[Mention]):
    """The participant a participle is said of: "le ministre de l'environnement assassiné", which
    the parser hangs on the last noun, is said of the minister."""
    t = noun
    for _ in range(3):
        if _participant(t) or _actor_in(t, offset, mentions) or t.dep_ != "nmod" or t.head.pos_ not in ("NOUN", "PROPN"):
            break
        t = t.head
    return t if _participant(t) or _actor_in(t, offset, mentions) else noun


def _sufferer(noun, offset: int, mentions: list[Mention]):
    """Who undergoes an act named by a noun: the subject of "subir", "essuyer", "être victime de",
    or of a passive whose agent the act is ("la ville a été frappée par un attentat", "le cortège
    visé par des tirs")."""
    head = noun.head
    if head == noun:
        return None
    lemma = head.lemma_.lower()
    if noun.dep_ == "obj" and lemma in _UNDERGO or head.lower_.startswith(("victime", "cible")) and _case(noun) in (
            "de", "des", "du", "d'"):
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is None and head.dep_ in ("obl", "obl:arg", "xcomp") and head.head.pos_ in ("VERB", "AUX"):
            subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)  # "est victime de"
        return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN", "PRON") \
            and subject.lower_ not in _RELATIVE | _DEMONSTRATIVE else None
    if _case(noun) == "par" and noun.dep_.startswith("obl") and head.pos_ == "VERB":
        subject = next((c for c in head.children if c.dep_ == "nsubj:pass"), None)
        if subject is None and head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN") \
                and "Part" in head.morph.get("VerbForm"):
            subject = _bearer(head.head, offset, mentions)
        if subject is not None and (_participant(subject) or _actor_in(subject, offset, mentions)):
            return subject
    return None


def _claimer(token):
    """Who claims an act ("X revendique les attaques", "les attaques sont revendiquées par X"): the
    guidelines code the claimed act with its claimant as source."""
    head = token.head
    if head == token or not head.lower_.startswith("revendiqu"):
        return None
    if token.dep_ in ("nsubj:pass", "nsubj") and _passive(head) or token.dep_ == "nsubj:pass":
        return next((c for c in head.children if c.dep_ == "obl:agent" or c.dep_.startswith("obl") and _case(c) == "par"),
                    None)
    if token.dep_ == "obj":
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is None and head.dep_ in ("acl", "amod") and head.head.pos_ in ("NOUN", "PROPN"):
            subject = head.head  # a headline the parser read as "l'organisation … [qui] revendique"
        return subject
    return None


_ANTI = re.compile(r"anti-?([A-ZÀ-Ý][\w'’-]+)$")


def _anti(token, offset: int, mentions: list[Mention], text: str) -> EventArg | None:
    """"une manifestation anti-Trump": whom the word after "anti-" names (its mention elsewhere
    in the article gives who it is)."""
    for child in token.doc[token.i + 1 : token.i + 2]:  # the word after, whatever the parser hung it on
        found = _ANTI.search(child.text)
        if found is None:
            continue
        start = offset + child.idx + found.start(1)
        end = start + len(found[1])
        name = found[1].lower()
        known = next((m for m in mentions if (m.actor or m.country) and m.reading != "place"
                      and name in re.findall(r"[\w'’-]+", m.text.lower())), None)
        if known is not None:
            return EventArg(start, end, text[start:end], known.actor, known.actor_name or known.text, known.country,
                            _igo(known), known.sector)
        return EventArg(start, end, text[start:end], None, None, None, None, None)
    return None


_ETHNIC = re.compile(r"\b(?:ethnic|ethniques?)\b", re.I)


def _ethnic_home(arg: EventArg | None, s_start: int, s_end: int, text: str, mentions: list[Mention]) -> EventArg | None:
    """"Ethnic Albanians in south Serbia", "des Albanais ethniques": a minority is coded with the
    country it lives in when the sentence names one, not the country its name comes from."""
    if arg is None or not arg.country or not _ETHNIC.search(text[max(s_start, arg.start - 12):arg.end]):
        return arg
    home = next((m for m in mentions if s_start <= m.start < s_end and m.label == "LOC" and m.country
                 and m.country != arg.country and m.via != "demonym"), None)
    return replace(arg, country=home.country) if home is not None else arg


_WEAPONS = {"drone", "missile", "roquette", "obus", "mortier", "bombe", "artillerie", "munition", "balle"}  # means, not targets
_JUSTICE_NOUNS = {"procès", "inculpation", "mise", "instruction", "poursuite", "perquisition"}
_STATE_ACTS = {"COERCE", "SANCTION", "RETREAT", "CONCEDE"}  # acts only a state's organs do to their own people
_DOMESTIC = {"COP", "JUD", "GOV", "LEG", "OPP"}


def _homed(arg: EventArg | None, home: EventArg) -> EventArg | None:
    """"la police", "le gouvernement" with no country in an article whose headline names a
    country ("Gabon : violences …"): that country's police and government."""
    if arg is None or arg.country or arg.igo or arg.actor:
        return arg
    if re.match(r"(?:le |ce |du |au )?pays\b", arg.text.lower()):
        return replace(arg, country=home.country)  # "le pays" in a story the headline puts in a country
    sector = arg.sector
    if sector is None and not arg.name:  # words only ("La police"): the agent noun in them
        agents = load_agents("fr")
        words = [w for w in re.findall(r"[\w-]+", arg.text.lower()) if w in agents]
        sector = agents[words[0]] if len(words) == 1 else None
    if sector not in _DOMESTIC:
        return arg
    return replace(arg, country=home.country, sector=sector)


def _weak(arg: EventArg | None) -> bool:
    """No participant, or one known only by its words (no actor, country, organisation or name)."""
    return arg is None or not (arg.actor or arg.country or arg.igo or arg.name)


def _better(current: EventArg | None, found: EventArg | None) -> EventArg | None:
    """A participant found by a later rule replaces none, or one known only by its words."""
    if found is None:
        return current
    if current is None or (_weak(current) and not _weak(found)):
        return found
    return current


def _headline_participle(verb) -> bool:
    """A French past participle with a subject and no auxiliary ("Burundi : X libéré !", "Deux
    journalistes arrêtés"): a headline's passive, whose subject undergoes the act."""
    return verb.lang_ == "fr" and verb.pos_ == "VERB" and "Part" in verb.morph.get("VerbForm") \
        and "Past" in verb.morph.get("Tense") and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_.startswith(("aux", "cop")) or c.lower_ in ("se", "s'") for c in verb.children)


def _passive(verb) -> bool:
    """A passive clause; French reflexives ("ils se sont retirés"), which the parser gives a
    passive subject, are active."""
    if verb.lemma_.lower() in _STATIVE and not any(c.dep_ in ("agent", "obl:agent") for c in verb.children):
        return False  # "Vietnam is committed to opening", "Serb forces were engaged in": a state of the subject
    if verb.lemma_.lower() in _UNACCUSATIVE and not any(c.dep_ in ("agent", "obl:agent") for c in verb.children):
        return False
    if any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children):
        return True
    if "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense") and verb.lang_ == "fr" \
            and any(c.dep_ == "obl:agent" for c in verb.children) and not any(c.dep_.startswith("aux") for c in verb.children):
        return True  # "des décodeurs promis par la Chine", "Puigdemont arrêté par la police": a bare participle
    if _headline_participle(verb):
        return True
    return any(c.dep_ in ("nsubj:pass", "nsubjpass") for c in verb.children) \
        and not any(c.dep_.startswith("expl") or c.lower_ in ("se", "s'") for c in verb.children)


_PLACE_BEFORE = re.compile(r"\b(?:en|au|aux|dans|à|in|into)\s+(?:la\s+|le\s+|les\s+|l'\s*)?$", re.I)  # "frappes en Irak"
_PAST_PARTICIPLE = re.compile(r"[^e]ée?s?$")  # "appréhendés", "envoyée": not "créer"
_FINAL = {".", "!", "?", "…", "»", '"', ";"}


def _run_start(sent, hops: int = 4) -> int:
    """The first token of the sentence as written: a parser may end a sentence with no final
    punctuation, e.g. at a hyphen ("le Royaume" | "-" | "Uni" | "a expulsé") or a headline's colon
    ("Turquie :" | "tentative de coup d'État"); such a piece runs on. For French the pipeline's
    sentence guard (nlp.pipeline.guard_sentences) prevents most of these cuts; this covers English
    and the cuts it misses."""
    start = sent.start
    for _ in range(hops):
        if start == 0 or sent.doc[start - 1].text in _FINAL:
            break
        start = sent.doc[start - 1].sent.start
    return start


def arg_of_mention(m: Mention) -> EventArg:
    """The participant an actor mention names, with the actor's codes as the actors stage gives them."""
    return EventArg(m.start, m.end, m.text, m.actor, m.actor_name or m.text, m.country, _igo(m), m.sector)


def _igo(m: Mention) -> str | None:
    """The international organisation a mention acts for, as the events gold format codes it: the
    organisation itself, not its body ("le Conseil de sécurité" → UN, "la Commission européenne"
    → EU); a person holding a post in one on the article's date (code IGO…) acts for it too."""
    if m.actor_type == "igo" and m.actor:
        actor_id = m.actor
    elif m.actor and not m.country and (m.code or "").startswith("IGO"):
        found = load_gazetteer().get(m.actor)
        actor_id = found.igo if found is not None else None
    else:
        return None
    gazetteer = load_gazetteer()
    for _ in range(4):  # up the chain of parents: a body of a body
        found = gazetteer.get(actor_id) if actor_id else None
        if found is None or not found.parent:
            break
        actor_id = found.parent
    return actor_id


def _label(token, offset: int, mentions: list[Mention]) -> EventArg | None:
    """The actor a headline names before a colon ("Burundi : convocation d'ambassadeurs")."""
    sent = token.sent
    first = _run_start(sent)
    colon = next((t for t in token.doc[first:token.i] if t.text == ":"), None)
    if colon is None or colon.i - first > 4:
        return None
    start, end = offset + token.doc[first].idx, offset + colon.idx
    m = next((m for m in mentions if start <= m.start and m.end <= end and (m.actor or m.country)), None)
    if m is None:
        return None
    return arg_of_mention(m)


_LIST_GAP = re.compile(r"\s*(?:,|;|\bet\b|\band\b|\bou\b|\bor\b|\bainsi que\b|\bas well as\b)+\s*(?:,\s*)?"
                       r"(?:(?:de|des|du|d'|of|sur|contre|avec|à|au|aux|against|on|with|to)\s*)?"
                       r"(?:(?:la|le|les|l'|the)\s*)?$", re.I)


# a gap holding one listed name the actors stage did not find ("…, de la France, des Pays-Bas et de l'UE")
_LIST_GAP_NAME = re.compile(f"(?i:{_LIST_GAP.pattern[:-1]})" + r"[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?"
                            + f"(?i:{_LIST_GAP.pattern[:-1]})$")


def _listed(token, first: EventArg | None, found: list[EventArg], offset: int, mentions: list[Mention],
            text: str) -> list[EventArg]:
    """Other actors listed after a participant ("l'Arabie Saoudite , l'Égypte , le Bahreïn … et la
    Libye", "les ambassadeurs de l'Allemagne, de la Belgique … et de l'UE"), which the parser's
    coordination misses: each separated from the one before by a comma or a conjunction only, with
    a code of its own."""
    if first is None or not (first.country or first.igo):
        return []
    codes = {first.igo or first.country} | {a.igo or a.country for a in found}
    out = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for walk in (ordered, ordered[::-1]):  # to the right, then to the left
        edge = first.end if walk is ordered else first.start
        for m in walk:
            if (walk is ordered and m.start < edge) or (walk is not ordered and m.end > edge):
                continue
            gap = text[edge:m.start] if walk is ordered else text[m.end:edge]
            if not (_LIST_GAP.fullmatch(gap) and len(gap) <= 25 or _LIST_GAP_NAME.fullmatch(gap) and len(gap) <= 50):
                break
            edge = m.end if walk is ordered else m.start
            code = (_igo(m)) or m.country
            if not code or code in codes:
                continue
            codes.add(code)
            out.append(arg_of_mention(m))
    return out


def _conjuncts(token):
    out = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack += [g for g in c.children if g.dep_ == "conj"]
    return out


def _left_actor(verb, offset: int, mentions: list[Mention]) -> EventArg | None:
    """The subject of a main verb the parser gave none ("le Royaume-Uni a déjà expulsé", "L'armée
    turque annonce … avoir pris le pouvoir"): the actor named last before the verb in its sentence,
    not after a preposition, with no other verb between."""
    first = _run_start(verb.sent)
    for t in reversed(list(verb.doc[first:verb.i])):
        if t.pos_ == "VERB" and t != verb and t.dep_ not in ("amod", "acl") and not t.dep_.startswith("aux"):
            return None
        m = next((m for m in mentions if m.start <= offset + t.idx < m.end and (m.actor or m.country)
                  and m.reading != "place"), None)
        if m is not None:
            before = t.doc[t.left_edge.i - 1] if t.left_edge.i > first else None
            if before is not None and before.pos_ == "ADP":
                return None
            head = t
            while offset + head.head.idx >= m.start and offset + head.head.idx < m.end and head.head != head:
                head = head.head
            if _case(head) or head.head.dep_ == "prep":  # "Selon Reporters sans frontières, …": a source of news
                return None
            return arg_of_mention(m)
    return None


def _controller(verb, lang: str):
    """The subject of a verb with none of its own: up the chain of control, coordination and
    adverbial clauses ("a décidé de suspendre", "is willing to send", "… et a accusé …")."""
    t = verb
    if t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN"):
        # "dénonce une tentative … par un groupe de militaires et averti que …": a verb the parser
        # joined to a noun is joined to the verb that governs that noun
        noun = t.head
        while noun.head != noun and noun.pos_ not in ("VERB", "AUX"):
            noun = noun.head
        if noun.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in noun.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        t = noun
    for _ in range(4):
        if t.dep_ not in ("xcomp", "conj", "advcl", "acomp", "pcomp", "prep") or t.head == t:
            return None
        if t.dep_ in ("advcl", "xcomp") and t.head.lemma_.lower() in _SEND:
            # "a envoyé la police afin de fermer les bureaux": those sent do what they were sent for
            sent = next((c for c in t.head.children if c.dep_ in ("obj", "dobj")), None)
            if sent is not None and _participant(sent):  # not "send material to help …"
                return sent
        t = t.head
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and child.i != verb.i:
                if child.dep_ != "nsubj" and t.dep_ != "xcomp":
                    continue
                return child
        if lang == "fr" and t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") \
                and "Part" in t.morph.get("VerbForm"):
            return t.head  # "une force de police … chargée de former": the force the participle is said of
    return None


def _inner_target(inner: _Cand, offset: int, mentions: list[Mention], text: str, source: EventArg | None,
                  lang: str) -> EventArg | None:
    """The participant an absorbed complement gives its frame: its own subject when it is not the
    frame's ("demanded that Hamas renounce"), else its target."""
    verb = inner.clause
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")), None)
    if subject is not None and subject.pos_ != "PRON":
        arg = _arg(subject, offset, mentions, text, exclude=source)
        if arg is not None and (source is None or not _same(arg, source)):
            return arg
    co: list[EventArg] = []
    _, target = _arguments(inner, offset, mentions, text, [], co, lang)
    if target is None and _type_of(inner.code) in _PLACE_TARGET:
        target = _place_target(inner, offset, mentions, text, source)  # "threatened a curfew in Algiers"
    if target is not None and (source is None or not _same(target, source)):
        return target
    return None


def _same(a: EventArg, b: EventArg) -> bool:
    """One participant read twice: the same words, one inside the other, or the same known actor."""
    if a.start < b.end and b.start < a.end:
        return True
    return bool(a.actor and a.actor == b.actor)


def _antecedent(pronoun, trigger):
    """A subject pronoun: the subject of the verb whose clause holds the trigger ("Moscou a
    annoncé qu'elle suspendait …"), or the noun a relative clause hangs on ("l'Otan … qu'elle
    accuse")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX", "ADJ") else trigger.head
    for _ in range(3):
        if verb.dep_ in ("ccomp", "xcomp", "conj", "advcl", "acomp") and verb.head != verb:
            verb = verb.head
            for child in verb.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    return child
        elif verb.dep_ in ("acl:relcl", "acl") and verb.head != verb:
            break
        else:
            break
    # the nearest noun or name before the pronoun in its sentence that is a subject
    for t in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        if t.dep_ == "nsubj" and t.pos_ in ("PROPN", "NOUN"):
            return t
    return pronoun


def _toward(holders):
    """The complement of a compound preposition naming whom an act is aimed at: "à l'encontre de X",
    "à l'égard de X", "vis-à-vis de X" (parsed as a noun or adjective with X hung on it or beside it)."""
    for holder in holders:
        for child in holder.children:
            word = child.lower_
            if word in ("encontre", "égard") and _case(child) in ("à", "a"):
                noun = next((g for g in child.children if g.dep_ == "nmod" and _case(g) in _DE), None)
                if noun is not None:
                    return noun
            if word in ("vis-à-vis", "vis-a-vis") and child.i + 1 < len(child.doc) \
                    and child.doc[child.i + 1].lower_ in _DE:
                noun = child.doc[child.i + 1].head
                if noun.i > child.i and noun.pos_ in ("NOUN", "PROPN", "PRON"):
                    return noun
    return None


_DE = ("de", "du", "des", "d'", "d’")


def _case(token) -> str:
    for child in token.children:
        if child.dep_ in ("case", "mark", "prep"):
            return child.lower_
    return ""


def _only_places(token, offset: int, mentions: list[Mention]) -> bool:
    """The phrase names places only: cities used as places, no actor."""
    start, end = offset + token.left_edge.idx, offset + token.right_edge.idx + len(token.right_edge.text)
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    return bool(inside) and all(m.reading == "place" for m in inside)


def _actor_in(token, offset: int, mentions: list[Mention], person: bool = False) -> bool:
    """An actor is named in the phrase (with ``person``, a person's name counts, known or not)."""
    if token is None:
        return False
    start, end = offset + token.left_edge.idx, offset + token.right_edge.idx + len(token.right_edge.text)
    head = offset + token.idx
    return any((start <= m.start and m.end <= end or m.start <= head < m.end)
               and (m.actor or m.country or person and m.label == "PER") for m in mentions)


def _clausal_ranges(token, offset: int) -> list[tuple[int, int]]:
    """Character ranges of the clauses inside a phrase ("a helicopter *that was captured by …*", "an
    offer *to host a summit …*"), not its participles ("workers affiliated with the union")."""
    out = []
    for t in token.subtree:
        infinitive = t.dep_ == "acl" and ("Inf" in t.morph.get("VerbForm") or t.tag_ == "VB")
        gerund = t.dep_ == "acl" and "Part" in t.morph.get("VerbForm") and "Pres" in t.morph.get("Tense") \
            and t.lang_ == "fr"  # "un adolescent préparant des attaques à Paris": what he does, not who he is
        agentive = t.dep_ == "acl" and any(c.dep_ in ("obl:agent", "agent") or c.dep_.startswith("obl")
                                           and _case(c) == "par" for c in t.children)  # "proposée par la Russie"
        if t != token and (t.dep_ in _CLAUSES or infinitive or agentive or gerund) and t.pos_ in ("VERB", "AUX"):
            out.append((offset + t.left_edge.idx, offset + t.right_edge.idx + len(t.right_edge.text)))
    return out


def _arg(token, offset: int, mentions: list[Mention], text: str, exclude: EventArg | None) -> EventArg | None:
    """The participant a token stands for: the actor mention it is (or heads), else None."""
    if token is None:
        return None
    head_start = offset + token.idx
    start, end = offset + token.left_edge.idx, offset + token.right_edge.idx + len(token.right_edge.text)
    if end - start > 150:
        start, end = head_start, head_start + len(token.text)
    clauses = _clausal_ranges(token, offset)
    inside = [m for m in mentions if (start <= m.start and m.end <= end or m.start <= head_start < m.end)
              and m.reading != "place"
              and (m.actor or m.country or m.label == "PER")
              and not any(a <= m.start < b and not (a <= head_start < b) for a, b in clauses)
              and (m.via != "demonym" or _demonym_of_participant(token, m, offset))]
    every = inside
    if exclude is not None:  # one participant cannot be both source and target
        inside = [m for m in inside if not (m.start < exclude.end and exclude.start < m.end)
                  and not (exclude.actor and m.actor == exclude.actor)]
    if not inside:
        found = _by_demonym(token, offset, *_phrase(token, offset))  # "sept membres de la mission russe" → RUS
        if found is None:  # "les provocations de Pyongyang": a seat of power named as a participant's
            seat = next((m for m in mentions if start <= m.start and m.end <= end and m.via == "seat" and m.country
                         and not _names_document(token, m, offset)
                         and not _in_place_complement(token, m, offset)
                         and not any(a <= m.start < b for a, b in clauses)
                         and not (exclude is not None and exclude.country == m.country)), None)
            if seat is not None:
                found = EventArg(seat.start, seat.end, seat.text, None, seat.text, seat.country, None, None)
        if found is None and (_participant(token) or token.ent_type_ in ("LOC", "GPE")):
            # "demonstrators in Baghdad", "flew to Moscow": the place's country
            place = next((m for m in mentions if start <= m.start and m.end <= end and m.country
                          and not _names_document(token, m, offset)  # "le retrait du pays du statut de Rome"
                          and not any(a <= m.start < b for a, b in clauses)
                          and not (exclude is not None and exclude.start < m.end and m.start < exclude.end)), None)
            if place is not None:
                found = EventArg(place.start, place.end, place.text, None, place.text, place.country, None, None)
        if found is None and (_participant(token) or token.pos_ == "PROPN" and token.dep_ in ("nsubj", "obl:agent")):
            # "la communauté internationale", "ils", "Jean Ping"; a name acting ("le Royaume avait claqué",
            # "revendiquées par le Jamaat Nosrat al-Islam", which NER may call a place)
            a, b = _phrase(token, offset)
            found = EventArg(a, b, text[a:b], None, None, None, None, None)  # words only: no name
        return found
    # the mention at the head of the phrase first, then the first one not in a place complement ("un
    # avion américain au-dessus de la mer de Chine": not China), then the head's demonym
    m = next((x for x in inside if x.start <= head_start < x.end), None)
    if m is None:
        close = [x for x in inside if not _in_place_complement(token, x, offset)]
        if not close:
            found = next((d for c in token.children if c.dep_ in ("amod", "compound")
                          and (d := _by_demonym(c, offset, *_phrase(token, offset))) is not None), None)
            if found is not None and not (exclude is not None and found.country == exclude.country):
                return found
        m = (close or inside)[0]
    country = m.country
    igo = _igo(m)
    sector = m.sector if m.sector else None
    if not country and not igo:  # "German Foreign Minister Oskar Fischer": the title's demonym
        titled = [x for x in every if x is not m and (x.country or x.actor_type == "igo") and x.end <= m.start]
        if titled:
            x = titled[-1]
            country = x.country
            igo = _igo(x)
    if not country and not igo and m.label == "AGENT" and not m.actor:
        # "le président de la Commission de l'Union africaine": an agent is of the body its
        # complement names
        of = next((x for x in every if x.start >= m.end and (x.country or x.actor_type == "igo")
                   and not _in_place_complement(token, x, offset)), None)
        if of is not None:
            country, igo = of.country, _igo(of)
    return EventArg(m.start, m.end, m.text, m.actor, m.actor_name or m.text, country, igo, sector)


_DOCUMENTS = {"accord", "traité", "convention", "protocole", "pacte", "charte", "statut", "agreement", "treaty", "protocol", "accords"}


def _names_document(token, m: Mention, offset: int) -> bool:
    """The city names an agreement ("l'accord de Paris", "le protocole de Kyoto"), not its government."""
    word = next((t for t in token.subtree if offset + t.idx == m.start), None)
    return word is not None and word.head.lemma_.lower() in _DOCUMENTS


_LOCATIVE = {"à", "au", "aux", "en", "dans", "sur", "vers", "depuis", "près", "chez", "hors", "in", "at", "near",
              "over", "into", "from", "inside", "outside", "across", "around", "throughout", "above"}


def _in_place_complement(token, m: Mention, offset: int) -> bool:
    """The mention lies in a place complement of the phrase ("au-dessus de la mer de Chine", "à
    Bruxelles", "in Serbia"), not in a part that names who the phrase is."""
    word = next((t for t in token.subtree if offset + t.idx == m.start), None)
    if word is None or word == token:
        return False
    t = word
    while t != token and t.head != t:
        if t.pos_ == "ADV" and t.dep_ in ("nmod", "advmod", "obl"):
            return True  # "au-dessus de", "près de"
        if t.dep_ in ("nmod", "obl", "obl:mod", "pobj", "dep") and (_case(t) in _LOCATIVE
                                                                  or t.head.dep_ == "prep" and t.head.lower_ in _LOCATIVE):
            return True
        t = t.head
    return False


_THING_NOUNS = {"language", "langue", "policy", "politique", "fate", "sort", "economy", "économie", "culture",
                "history", "histoire", "law", "loi", "constitution", "budget", "project", "projet", "plan",
                "program", "programme", "offices", "interest", "intérêt", "territory", "question", "issue",
                "frontière", "border", "territoire", "mer", "sea", "espace", "space", "sol", "soil"}


def _demonym_of_participant(token, m: Mention, offset: int) -> bool:
    """A demonym names a participant unless it only qualifies a thing ("the Russian language",
    "the fate of Palestinian offices")."""
    word = next((t for t in token.subtree if offset + t.idx == m.start), None)
    if word is None or word == token:
        return True
    noun = word.head
    return noun.lemma_.lower() not in _THING_NOUNS and noun.lower_ not in _THING_NOUNS


def _participant(token) -> bool:
    """A phrase that names a participant although no actor was found in it: a name (not a place's),
    a personal pronoun, or a noun for a person, a group or an institution."""
    if token.ent_type_ in ("LOC", "GPE", "FAC"):
        return False  # "à Tombouctou", "à Kaliningrad": where, not who
    if token.pos_ == "PROPN" or (token.text.isupper() and len(token.text) > 1 and token.is_alpha):
        return True  # a name, an acronym ("la CE")
    if token.pos_ == "DET" and "Yes" in token.morph.get("Poss") and token.head.lemma_.lower() in _person_patients(token.lang_):
        return True  # "son arrestation": the one it is done to
    if token.pos_ == "PRON":
        if token.dep_ in ("obj", "iobj") and token.i < token.head.i and token.lower_ in ("le", "la", "les", "l'", "lui", "leur"):
            return True  # "il le met en garde": an object clitic stands for whom the act is aimed at
        if token.lemma_.lower() in ("un", "une", "aucun", "plusieurs", "certain", "chacun") and any(
                c.dep_ == "nmod" and _participant(c) for c in token.children):
            return True  # "l'un des policiers", "plusieurs d'entre eux"
        return token.lower_ in ("il", "elle", "ils", "elles", "nous", "vous", "je", "j'", "he", "she", "they", "we")
    if token.pos_ == "NOUN" and any(c.pos_ == "PROPN" and c.i == token.i + 1 and c.dep_ in ("nmod", "appos", "flat", "flat:name")
                                    and c.ent_type_ not in ("LOC", "GPE", "FAC") for c in token.children):
        return True  # a noun named by the name after it: "l'Opération Barkhane", "la formation Podemos"
    if token.pos_ in ("VERB", "ADJ") and any(c.dep_ == "det" for c in token.children):
        # "par l'assaillant", "les manifestants" tagged as participles: the word with a determiner is the noun
        word = token.lower_[:-1] if token.lower_.endswith("s") else token.lower_
        return word in _participant_nouns(token.lang_)
    return token.pos_ == "NOUN" and token.lemma_.lower() in _participant_nouns(token.lang_)


@cache
def _word_list(lang: str, name: str) -> frozenset[str]:
    """The words of the language's data file ``name`` (one a line), lowercased; none when the
    language has no such file."""
    try:
        return frozenset(word.lower() for word in data_lines(lang, name))
    except FileNotFoundError:
        return frozenset()


def _author_nouns(lang: str) -> frozenset[str]:
    """Nouns for who did the act named by their "de X" (``event_authors.txt``: "l'auteur de l'attentat")."""
    return _word_list(lang, "event_authors.txt")


def _author(token, lang: str):
    """The doer of an act noun hung as "de X" on an author noun: "l'auteur de l'attentat", "X, l'auteur
    présumé de l'attaque" (the name the author noun is set beside)."""
    head = token.head
    if token.dep_ == "obl:arg" and head.dep_ == "acl" and head.lower_ in ("présumé", "présumée", "présumés", "présumées"):
        head = head.head  # "l'auteur présumé de l'attaque": the parser hangs the act on the participle
    if token.dep_ not in ("nmod", "obl:arg") or _case(token) not in ("de", "du", "des", "d'", "d’") \
            or head.lemma_.lower() not in _author_nouns(lang):
        return None
    if head.dep_ == "appos" and head.head.pos_ in ("PROPN", "NOUN") and head.head != head:
        return head.head
    return head


def _participant_nouns(lang: str) -> frozenset[str]:
    """Heads of noun phrases that name participants even when the actors stage knows no actor there
    (``lang/<lang>/event_participants.txt``)."""
    return _word_list(lang, "event_participants.txt")


def _person_patients(lang: str) -> frozenset[str]:
    """Event nouns whose possessive is the one the act is done to (``event_person_patients.txt``)."""
    return _word_list(lang, "event_person_patients.txt")


def _phrase(token, offset: int) -> tuple[int, int]:
    """The span of a noun phrase without its clauses and its parts after a comma (at most 80 chars)."""
    toks = [token]
    for t in token.subtree:
        if t.i < token.i and t.dep_ not in ("punct", "case", "mark"):
            toks.append(t)
    right = token
    clauses = _clausal_ranges(token, offset)
    for t in token.subtree:
        if t.i > token.i:
            if t.text in (",", "(", ";", "«", "»") or t.dep_ in _CLAUSES or t.dep_ in ("acl", "appos") \
                    or t.head.head == token and t.head.dep_ == "nmod" and t.head.lemma_.lower() in _DOCUMENTS \
                    or any(a <= offset + t.idx < b for a, b in clauses):
                break
            right = t
    left = min(toks, key=lambda t: t.i)
    start, end = offset + left.idx, offset + right.idx + len(right.text)
    if end - start > 80:
        start, end = offset + token.idx, offset + token.idx + len(token.text)
    return start, end


def _by_demonym(token, offset: int, start: int, end: int) -> EventArg | None:
    from vigie.nlp.actors import actor_index
    from vigie.nlp.names import form_key

    index = actor_index()
    adjectives = index.adjectives
    clauses = _clausal_ranges(token, offset)
    for t in token.subtree:
        if any(a <= offset + t.idx < b for a, b in clauses):
            continue  # "une résolution … qui ordonne un cessez-le-feu en territoire syrien"
        if t != token and (t.head.lemma_.lower() in _THING_NOUNS or t.head.lower_ in _THING_NOUNS):
            continue  # "the Russian language": a thing, not a participant
        country = None
        if t.text[:1].islower() and form_key(t.text) in adjectives:
            country = adjectives[form_key(t.text)]
        elif t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ"):  # "168 Liberians"
            for key in (form_key(t.text), form_key(t.text[:-1]) if t.text.endswith("s") else None):
                forms = [f for f in index.lookup(key) if f.kind == "demonym"] if key else []
                if forms:
                    country = forms[0].actor
                    break
        if country:
            actor = index.gazetteer.get(country)
            return EventArg(start, end, token.doc.text[start - offset : end - offset], None,
                            actor.label("fr") if actor else country, country, None, None)
    return None


def _place_host(s_start: int, s_end: int, mentions: list[Mention], source: EventArg | None) -> EventArg | None:
    for m in mentions:
        if s_start <= m.start < s_end and m.reading == "place" and m.country and (source is None or source.country != m.country):
            return EventArg(m.start, m.end, m.text, None, m.text, m.country, None, None)
    return None


def _place_target(cand: _Cand, offset: int, mentions: list[Mention], text: str,
                  source: EventArg | None) -> EventArg | None:
    """The place a protest, a coercion or an assault happens in, as its target: a place
    complement of the trigger, of its verb or of its object ("a curfew in the town of Cizre")."""
    holders = [cand.clause, cand.token]
    if cand.clause.dep_ == "acl" and cand.clause.lang_ == "fr" and "Part" in cand.clause.morph.get("VerbForm"):
        holders.append(cand.clause.head)  # "Carles Puigdemont arrêté en Allemagne", "en" hung on the name
    obj = _object(cand.token)
    if obj is not None:
        holders.append(obj)
        # "blew up power lines leading into Kabul": where what is hit goes
        holders += [c for c in obj.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")]
    for holder in holders:
        for case, noun in _preps(holder):
            if case in ("at", "on", "sur", "contre", "against") and noun not in holders and len(holders) < 6 \
                    and not _rows(noun, noun.lang_):
                holders.append(noun)  # "fired … at targets in Jericho": where what is aimed at is
            if case not in _PLACE_CASES:
                continue
            start = offset + noun.left_edge.idx
            end = offset + noun.right_edge.idx + len(noun.right_edge.text)
            for m in mentions:
                if start <= m.start and m.end <= end and m.country and (source is None or not _same(
                        EventArg(m.start, m.end, m.text, m.actor, m.text, m.country, None, None), source)):
                    return EventArg(m.start, m.end, m.text, None if m.reading == "place" else m.actor, m.text,
                                    m.country, None, None)
            if noun.lang_ == "fr":  # "dans les eaux territoriales iraniennes": the country of a place's demonym
                found = _by_demonym(noun, offset, offset + noun.idx, offset + noun.idx + len(noun.text))
                if found is not None and (source is None or source.country != found.country):
                    return found
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


def _bound(when: str | None, end: bool) -> date | None:
    """The first (or, with ``end``, about the last) day of the period a TIMEX3 value names."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", when or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or (12 if end else 1)), int(m[3] or (28 if end else 1)))
    except ValueError:
        return None


def _historical(when: str | None, day: date | None) -> bool:
    last = _bound(when, end=True)
    return bool(last and day and last < day - timedelta(days=HISTORICAL_DAYS))


def _after(when: str | None, day: date | None) -> bool:
    """Whether the period ``when`` (a TIMEX3 value) starts after the article's ``day``."""
    first = _bound(when, end=False)
    return bool(first and day and first > day)


def _hypothetical(token) -> bool:
    morph = token.morph
    if "Cnd" in morph.get("Mood") or "Fut" in morph.get("Tense"):
        return True
    for child in token.children:
        if child.dep_.startswith("aux") and ("Cnd" in child.morph.get("Mood") or "Fut" in child.morph.get("Tense")
                                            or child.lower_ in ("will", "would", "could", "might", "may")):
            return True
    head = token.head
    if token.dep_ in ("xcomp", "ccomp") and head != token and head.lemma_.lower() in _MODAL_LEMMAS:
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
    who = lambda a: (a.actor or a.country or (a.name or a.text or "").lower()) if a else None  # noqa: E731
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
