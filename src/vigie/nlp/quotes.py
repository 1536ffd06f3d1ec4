"""Quotes: who said what, in French and English.

``find_quotes(text, pieces, mentions, timexes, language)`` returns ``Quote`` records
(``model.py``). It runs after the actors and time stages, on the spaCy Docs of the blocks:

1. **Quoted segments** are found in the text itself: « … » (nesting and French
   multi-paragraph quotes, where each new paragraph reopens with «), “ … ”, "…" and
   paragraphs opened by a dialogue dash.
2. Each segment is **classified**: a quoted sentence is ``direct``; quoted words inside the
   writer's sentence are ``partial``; a name in quotation marks (after "le livre", "opération",
   "le journal"…) or words with no speaker anywhere (scare quotes, slogans) are not quotes.
3. **Speaker**: the subject of a reporting verb (language data: ``lang/<lang>/quotes.json``)
   before the quote ("X a déclaré : « … »"), after it, inverted ("« … », a justifié ce lundi
   Sergueï Lavrov"), the agent of a passive ("jugée « utile » par le Kremlin"), or the name
   after "selon"; a pronoun ("a-t-il ajouté", "qu'elle accuse") is the nearest named speaker
   before it; a paragraph that only continues a quote keeps its speaker. Speakers are tied to
   the actors stage's mentions, so "le ministre russe des Affaires étrangères Sergueï Lavrov"
   is Lavrov and "le Kremlin" is Russia's government.
4. **Indirect speech**: a reporting verb with a "que" clause ("X a annoncé qu'elle
   suspendait …"), "selon X, …" and "…, selon X".
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from vigie.model import Mention, Quote, Timex

MAX_QUOTE_CHARS = 5000  # a runaway pair of marks is not a quote
SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl:subj")  # "a-t-il ajouté": "-il"
AGENTS = ("obl:agent", "agent")

_OPEN_CLOSE = {"«": "»", "“": "”", "„": "“"}
_SPACES = " \u00a0\u202f\t"


@cache
def _settings(lang: str) -> dict[str, Any]:
    text = resources.files("vigie.lang").joinpath(lang, "quotes.json").read_text(encoding="utf-8")
    data = json.loads(text)
    out: dict[str, Any] = {}
    for k, v in data.items():
        out[k] = frozenset(x.lower() for x in v) if isinstance(v, list) else v
    return out


# --- 1. quoted segments ------------------------------------------------------------------------


@dataclass
class _Segment:
    open: int  # position of the opening mark
    close: int  # position of the closing mark (or the paragraph end for a reopened quote)
    start: int  # content, without the marks and the spaces inside them
    end: int
    continues: bool = False  # the paragraph reopens a quote begun in the previous one
    dash: bool = False  # a dialogue line


def quoted_segments(text: str) -> list[_Segment]:
    """Outermost quoted segments of the text, paragraph by paragraph."""
    segments: list[_Segment] = []
    open_across = False  # a « left open at the end of the previous paragraph
    for p_start, p_end in _paragraphs(text):
        i = p_start
        reopened = open_across
        open_across = False
        depth, opened_at, closer = 0, -1, ""
        while i < p_end:
            ch = text[i]
            if depth == 0 and ch in _OPEN_CLOSE:
                depth, opened_at, closer = 1, i, _OPEN_CLOSE[ch]
            elif depth > 0 and ch == text[opened_at] and ch != closer:
                depth += 1  # « … « … » … »: nested
            elif depth > 0 and ch == closer:
                depth -= 1
                if depth == 0:
                    _add(segments, text, opened_at, i, reopened and opened_at == _first_char(text, p_start, p_end))
            elif ch == '"':
                j = text.find('"', i + 1, p_end)
                if depth == 0 and j > i + 1:
                    _add(segments, text, i, j, False)
                    i = j
            i += 1
        if depth > 0 and text[opened_at] == "«":
            # French: a quote running on to the next paragraph is left open here and reopened there
            nxt = _next_paragraph_start(text, p_end)
            if nxt is not None and text[nxt] == "«":
                _add(segments, text, opened_at, p_end, reopened and opened_at == _first_char(text, p_start, p_end))
                open_across = True
        first = _first_char(text, p_start, p_end)
        if first is not None and text[first] in "—–" and not any(p_start <= s.open < p_end for s in segments):
            segments.append(_Segment(first, p_end, *_strip(text, first + 1, p_end), dash=True))
    return [s for s in segments if 0 < s.end - s.start <= MAX_QUOTE_CHARS]


def _add(segments: list[_Segment], text: str, opened: int, closed: int, continues: bool) -> None:
    start, end = _strip(text, opened + 1, closed)
    while end > start and text[end - 1] in ",;" or (end - start > 1 and text[end - 1] in _SPACES):
        end -= 1  # "there," said Lavrov: the comma is the writer's
    if end > start:
        segments.append(_Segment(opened, closed, start, end, continues))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _first_char(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _next_paragraph_start(text: str, end: int) -> int | None:
    for i in range(end, len(text)):
        if not text[i].isspace():
            return i
    return None


# --- the article as the stages see it -----------------------------------------------------------


@dataclass
class _Article:
    text: str
    pieces: list[tuple[int, Any]]
    mentions: list[Mention]
    timexes: list[Timex]
    settings: dict[str, Any]
    sent_starts: list[int] = field(default_factory=list)
    sents: list[tuple[int, int, Any, int]] = field(default_factory=list)  # (start, end, span, offset)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # every quoted segment (open, close)

    def in_quote(self, pos: int) -> bool:
        return any(o <= pos <= c for o, c in self.quoted)

    tokens: list[tuple[int, int, Any]] = field(default_factory=list)  # (absolute start, offset, token)
    token_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for offset, doc in self.pieces:
            for sent in doc.sents:
                self.sents.append((offset + sent.start_char, offset + sent.end_char, sent, offset))
            self.tokens.extend((offset + t.idx, offset, t) for t in doc)
        self.sents.sort(key=lambda s: s[0])
        self.sent_starts = [s[0] for s in self.sents]
        self.tokens.sort(key=lambda x: x[0])
        self.token_starts = [x[0] for x in self.tokens]

    def sentence_at(self, pos: int) -> tuple[int, int, Any, int] | None:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos < max(self.sents[i][1], self.sents[i][0] + 1):
            return self.sents[i]
        return self.sents[i] if i >= 0 and pos <= self.sents[i][1] else None

    def tokens_between(self, start: int, end: int):
        """(offset, token) of the tokens starting in [start, end), in order (binary search)."""
        i = bisect_left(self.token_starts, start)
        while i < len(self.tokens) and self.tokens[i][0] < end:
            yield self.tokens[i][1], self.tokens[i][2]
            i += 1

    def mention_at(self, start: int, end: int) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.start < end and start < m.end and (best is None or (m.end - m.start) > (best.end - best.start)):
                best = m
        return best


_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "era", "eront", "erait", "eraient",
               "a", "èrent", "ez", "ons", "er")


@cache
def _reporting_forms(lang: str) -> frozenset[str]:
    """Inflected forms of the reporting verbs in -er, for when the lemmatiser misses them
    ("indique" lemmatised as "indique", "estime" tagged as a noun)."""
    forms = set()
    if lang == "fr":
        for verb in _settings(lang)["reporting_verbs"]:
            if verb.endswith("er") and " " not in verb and "'" not in verb:
                forms.update(verb[:-2] + e for e in _ER_ENDINGS)
    return frozenset(forms)


def _is_reporting(token, settings: dict[str, Any], anywhere: bool = False) -> bool:
    """A reporting verb. With ``anywhere`` (right after a quote, where the tagger errs most),
    an inflected form is enough whatever its part of speech."""
    verbs = settings["reporting_verbs"]
    if token.pos_ in ("VERB", "AUX") and (token.lemma_.lower() in verbs or token.lower_ in verbs):
        return True
    forms = _reporting_forms("fr" if "déclarer" in verbs else "en")
    return (anywhere or token.pos_ in ("VERB", "AUX")) and token.lower_ in forms


# --- speakers -----------------------------------------------------------------------------------


@dataclass
class _Speaker:
    start: int
    end: int
    text: str
    mention: Mention | None


def _speaker_of_verb(verb, offset: int, art: _Article, inside: tuple[int, int] = (-1, -1)) -> _Speaker | None:
    """Who a reporting verb reports: the agent of a passive ("jugée « utile » par le
    Kremlin"), else its subject, else the subject of the verb it depends on ("…, précisant
    que"), else a name right after it (an inverted subject the parser took for an object:
    "a déclaré le ministre … Sergueï Lavrov"). Nothing inside the quote itself (``inside``)
    can be its speaker."""

    def outside(token) -> bool:
        return not inside[0] <= offset + token.idx < inside[1]

    glued = re.search(r"-t?-?(il|elle|ils|elles|on)\b", art.text[offset + max(0, verb.idx - 9) : offset + verb.idx])
    if glued:  # "a-t-il confié": the pronoun is the subject, whatever the parse says
        g_start = offset + max(0, verb.idx - 9) + glued.start(1)
        return _Speaker(g_start, g_start + len(glued.group(1)), glued.group(1), None)
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass", "nsubjpass", "auxpass") for c in verb.children)
    if passive:
        for child in verb.children:
            if (child.dep_ in AGENTS or (child.dep_ == "obl" and any(c.lower_ in ("par", "by") for c in child.children))) \
                    and outside(child):
                return _speaker_from_token(child, offset, art)
    head = verb
    for _ in range(3):
        for child in head.children:
            if child.dep_ in SUBJECTS and not (passive and child.dep_ in ("nsubj:pass", "nsubjpass")) \
                    and child.text.lower() not in ("-t", "-t-") and outside(child):
                return _speaker_from_token(child, offset, art)
        if head.dep_ in ("advcl", "xcomp", "conj", "acl") and head.head is not head:
            head = head.head
        else:
            break
    for child in verb.children:
        if child.dep_ in AGENTS and outside(child):
            return _speaker_from_token(child, offset, art)
    for child in verb.children:  # an inverted subject parsed as an object: "explique l'administrateur …"
        if child.dep_ in ("obj", "nmod") and child.i > verb.i and outside(child) and child.i - verb.i <= 3:
            sp = _speaker_from_token(child, offset, art)
            if sp.mention is not None and sp.mention.label in ("PER", "ORG", "AGENT", "MISC"):
                return sp
    sent_end = offset + verb.sent.end_char
    for v in (verb, head) if head is not verb else (verb,):
        after = offset + v.idx + len(v.text)
        found = _name_after(after, art, limit=min(sent_end, after + 60))
        if found is not None:
            return found
    return None


def _speaker_from_token(token, offset: int, art: _Article) -> _Speaker:
    """A subject token → the speaker it names: a person's name in it or in apposition to it
    ("le sénateur républicain Tom Cotton", "le directeur de Sprint, Marcelo Claure"), else the
    mention it belongs to (a name, a seat of power, an agent phrase), else its noun phrase."""
    start = offset + token.idx
    end = start + len(token.text)
    mention = art.mention_at(start, end)
    if mention is not None and mention.label == "PER":
        return _as_speaker(mention, art)
    left = token.left_edge
    while left.i < token.i and left.pos_ in ("DET", "ADP"):
        left = left.doc[left.i + 1]
    right = token.right_edge
    np_start, np_end = offset + left.idx, offset + right.idx + len(right.text)
    if np_end - np_start <= 120 and token.pos_ in ("NOUN", "PROPN"):
        persons = [m for m in art.mentions if np_start <= m.start and m.end <= np_end and m.label == "PER"]
        if persons:
            return _as_speaker(persons[0], art)
        # "l'administrateur de la NASA, Robert Lightfoot": the name in apposition after the phrase
        gap = re.match(r"\s*,\s*", art.text[np_end : np_end + 4])
        if gap:
            named = [m for m in art.mentions if m.start == np_end + gap.end() and m.label == "PER"]
            if named:
                return _as_speaker(named[0], art)
    if mention is None:
        if np_end - np_start > 80:
            np_start, np_end = start, end
        start, end = np_start, np_end
        mention = art.mention_at(start, end)
    if mention is not None:
        return _as_speaker(mention, art)
    return _Speaker(start, end, art.text[start:end], None)


def _pronoun(sp: _Speaker, art: _Article) -> bool:
    word = sp.text.lower().removeprefix("-t").lstrip("-")  # "-il", "-t-elle"
    return word in art.settings["pronouns"]


def _resolve_pronoun(sp: _Speaker, art: _Article, last: _Speaker | None) -> _Speaker:
    """"il", "elle": the nearest named speaker before it — the last quote's speaker when it is in
    the same or the previous paragraph, else the nearest person or organisation named."""
    candidates = [m for m in art.mentions if m.end <= sp.start and m.label in ("PER", "ORG", "LOC")
                  and m.reading != "place" and (m.actor or m.label == "PER") and not art.in_quote(m.start)]
    if last is not None and last.mention is not None and sp.start - last.end < 600:
        newer = [m for m in candidates if m.start > last.end and m.label == "PER" and m.actor != last.mention.actor]
        if not newer:
            return _Speaker(sp.start, sp.end, sp.text, last.mention)
        return _Speaker(sp.start, sp.end, sp.text, newer[-1])  # someone new was introduced since
    if candidates:
        return _Speaker(sp.start, sp.end, sp.text, candidates[-1])
    return sp


def _inverted_after(seg_end: int, art: _Article) -> tuple[Any, int] | None:
    """A reporting verb right after the closing mark: "», a justifié ce lundi Sergueï Lavrov"."""
    sent = art.sentence_at(seg_end)
    limit = min(len(art.text), seg_end + 160)
    if sent is not None:
        limit = max(min(limit, sent[1]), seg_end + 1)
        nxt = art.sentence_at(seg_end + 3)
        if nxt is not None and nxt is not sent:
            limit = min(len(art.text), max(limit, nxt[1] if nxt[0] - seg_end < 5 else limit))
    after = art.text[seg_end:limit]
    comma = re.match(r"[\s»”\"]*[,–—-]", after) is not None
    if re.match(r"[\s»”\"]*[.!?]", after):
        return None  # the sentence ended with the quote
    for n, (offset, t) in enumerate(art.tokens_between(seg_end, limit)):
        if _is_reporting(t, art.settings, anywhere=n <= 4):
            return t, offset
        if t.text in ".!?" and offset + t.idx > seg_end + 2:
            break
        # without a comma ("» a-t-il déclaré", "» assure Thierry Anti") the verb must come first
        if not comma and n >= 4 and not (t.is_punct or t.pos_ in ("AUX", "PRON", "ADV")):
            break
    return None


def _verb_before(seg_start: int, art: _Article) -> tuple[Any, int] | None:
    """A reporting verb before the opening mark in the same sentence (or in the previous one
    when it ends with a colon)."""
    sent = art.sentence_at(seg_start)
    if sent is None:
        return None
    start = sent[0]
    before = art.text[start:seg_start]
    if not before.strip(" «“\"\u00a0") and start > 0:
        prev = art.sentence_at(start - 2)
        if prev is not None and art.text[prev[0] : prev[1]].rstrip().endswith(":"):
            start = prev[0]
    found = None
    for offset, t in art.tokens_between(start, seg_start):
        if _is_reporting(t, art.settings):
            found = (t, offset)
    return found


def _according_to(seg: tuple[int, int], art: _Article, before_only: int | None = None,
                  last: _Speaker | None = None) -> tuple[_Speaker, int, int] | None:
    """"selon X" / "d'après X" in the sentence (with ``before_only``: before that offset, in the
    same paragraph), or "Pour X," opening it: X, and the cue's offsets."""
    sent = art.sentence_at(seg[0])
    if sent is None:
        return None
    text = art.text
    start = sent[0]
    if before_only is not None:
        # the quote's own sentence, or the one before when it leads into the quote ("Selon X ; « … »")
        if not text[start:before_only].strip(" \u00a0«“\"") and start > 0:
            prev = art.sentence_at(start - 2)
            if prev is not None and text[prev[0] : prev[1]].rstrip().endswith((";", ":", ",")):
                start = prev[0]
    end = before_only if before_only is not None else sent[1]
    cues = sorted(art.settings["according_to"], key=len, reverse=True)
    for m in re.finditer(r"(?<![\w'’])(" + "|".join(re.escape(c) for c in cues) + r")\s+", text[start:end], re.IGNORECASE):
        at = start + m.end()
        if seg[0] <= at < seg[1]:
            continue
        cue = m.group(1).lower()
        if cue in ("pour", "for") and not (m.start() == 0 or text[start + m.start() - 2 : start + m.start()].strip() in ("", ".", "\n")):
            continue  # "pour" names a source only when it opens the sentence: "Pour Erdogan, …"
        word = re.match(r"(lui|elle|eux|elles|him|her|them)\b", text[at : at + 6], re.IGNORECASE)
        if word:
            sp = _Speaker(at, at + len(word.group(1)), word.group(1), None)
            return _resolve_pronoun(sp, art, last), start + m.start(), start + m.start() + len(m.group(1))
        mention = next((x for x in art.mentions if x.start >= at and x.start - at <= 12
                        and x.label in ("PER", "ORG", "LOC", "AGENT", "MISC") and x.reading != "place"), None)
        if mention is not None and (cue not in ("pour", "for") or re.match(r"[^,]{0,60},", text[mention.end : end] + ",")):
            return _as_speaker(mention, art), start + m.start(), start + m.start() + len(m.group(1))
        np = re.match(r"[^,.;:«»]{1,60}?(?=\s*[,;:])", text[at:end])
        if mention is None and np and cue not in ("pour", "for") and len(np.group().split()) <= 8:
            np_text = np.group().strip()  # "Selon les auteurs de l'article, « … »"
            if not any(w.lower() in _DOCUMENTS for w in np_text.split()[:3]):
                return _Speaker(at, at + len(np_text), np_text, None), start + m.start(), start + m.start() + len(m.group(1))
    return None


# --- 2. classification and attribution ----------------------------------------------------------


def find_quotes(text: str, pieces: list[tuple[int, Any]], mentions: list[Mention], timexes: list[Timex],
                language: str | None) -> list[Quote]:
    lang = language if language in ("fr", "en") else "fr"
    art = _Article(text, pieces, mentions, timexes, _settings(lang))
    out: list[Quote] = []
    last: _Speaker | None = None
    last_quote_end = -1
    segments = quoted_segments(text)
    art.quoted = [(sg.open, sg.close) for sg in segments]
    for seg in segments:
        kind = _kind(seg, art)
        if kind is None:
            continue
        if seg.dash and any(m.start == seg.start and m.label == "PER" for m in mentions):
            continue  # "— Usain Bolt": a signature line, not a line of dialogue
        cue_tok = _inverted_after(seg.close + 1, art) if not seg.dash else None
        speaker = None
        cue_span = None
        if cue_tok is None:  # "Selon X ; « … »", "Pour X, « … »"
            found = _according_to((seg.start, seg.end), art, before_only=seg.open, last=last)
            if found is not None:
                speaker, cs, ce = found
                cue_span = (cs, ce)
        if cue_tok is None and speaker is None:
            cue_tok = _verb_before(seg.open, art)
        if cue_tok is not None:
            verb, offset = cue_tok
            speaker = _speaker_of_verb(verb, offset, art, inside=(seg.open, seg.close + 1))
            if speaker is None:  # inverted subject the parser did not attach: the next name
                speaker = _name_after(offset + verb.idx + len(verb.text), art)
            cue_span = _cue_span(verb, offset)
        if speaker is None:
            found = _according_to((seg.start, seg.end), art)
            if found is not None:
                speaker, cs, ce = found
                cue_span = (cs, ce)
        if speaker is None and kind == "direct":
            speaker = _name_before_colon(seg.open, art)  # "Nicolas Hulot : « Je prends la décision … »"
        if speaker is None and kind == "partial":
            speaker = _sentence_subject(seg, art)  # "Manuel Valls a porté plainte pour « … »"
        if speaker is not None and seg.open <= speaker.start < seg.close + 1:
            speaker = None  # nobody inside the quote speaks it
        if speaker is not None and _pronoun(speaker, art):
            speaker = _resolve_pronoun(speaker, art, last)
        if speaker is None and (seg.continues or seg.dash or (kind == "direct" and seg.open - last_quote_end < 4)
                                or (cue_tok is not None and last is not None and seg.open - last.end < 600)):
            speaker = last  # the same speaker goes on ("Avant d'ajouter : « … »")
        if speaker is None and kind == "direct" and cue_tok is None:
            speaker = _context_speaker(seg.open, art, last)
        if speaker is None and kind == "partial":
            continue  # scare quotes, a slogan: no one is quoted
        if speaker is None and kind == "direct" and _looks_like_a_name(text[seg.start : seg.end]):
            continue
        quote = _quote(seg.start, seg.end, kind, speaker, cue_span, art)
        if seg.continues and out and out[-1].speaker is None and quote.speaker is not None:
            # a quote over several paragraphs is attributed once, at its end: the earlier parts too
            out[-1] = _with_speaker(out[-1], quote)
        out.append(quote)
        if speaker is not None:
            last = speaker
        last_quote_end = seg.close
    out.extend(_indirect(art, out))
    return sorted(out, key=lambda q: q.start)


def _kind(seg: _Segment, art: _Article) -> str | None:
    """direct: the quote is an utterance of its own — it opens its sentence (or follows a colon,
    "Selon X," / "Depuis 2014,"), or follows the reporting verb itself ("il a crié « … »") and
    opens like a sentence; partial: the writer's sentence governs it ("a déclaré qu'« … »",
    "a annoncé « prendre … »", "un « assassinat politique »") or goes on after it
    ("« … » qu'il a dû prendre"). None: a name (a title of a work, an operation)."""
    text = art.text
    content = text[seg.start : seg.end]
    words = content.split()
    if seg.dash or seg.continues:
        return "direct"
    before = text[max(0, seg.open - 40) : seg.open]
    prev_words = re.findall(r"[\w'’-]+", before.lower())
    prev_word = re.split(r"['’]", prev_words[-1])[-1] if prev_words else ""  # "l'opération" → "opération"
    if prev_words and prev_words[-1].rstrip("'’") in ("qu", "que", "that"):
        prev_word = "que"
    if prev_word in art.settings["title_cues"]:
        return None  # the book « … », l'opération « … »
    if prev_word in ("que", "that"):
        return "partial"
    sent = art.sentence_at(seg.start)
    sent_start = sent[0] if sent else 0
    raw_before = text[sent_start : seg.open].rstrip(" \u00a0")
    writer_before = raw_before.strip(" \u00a0")
    sourced = re.search(r"(?:^|[\s,])(?:selon|d['’]après|pour|according to)\s[^«»“”]{1,100},$", writer_before,
                        re.IGNORECASE) is not None  # "…, d'après un policier, « … »"
    opens = not writer_before or writer_before.endswith((":", "—", "–")) or sourced or re.fullmatch(
        r"[\w\s\u00a0'’-]{0,40},", writer_before) is not None
    after = text[seg.close + 1 : seg.close + 30]
    goes_on = re.match(r"[\s\u00a0]*[a-zà-ÿ]", after) is not None and _inverted_after(seg.close + 1, art) is None
    if opens and len(words) >= 3 and (not goes_on or sourced):
        return "direct"
    if re.search(r"[»”]\s*$", raw_before):  # « … » « … »: a second quote right after the first
        return "direct"
    if _verb_right_before(seg.open, art) and len(words) >= 4 and not goes_on and not _infinitive_first(seg, art):
        return "direct"  # "il a crié « Allahu akbar, je vous tuerai tous »", "a déclaré « sur Libreville, il y a … »"
    return "partial"


def _infinitive_first(seg: _Segment, art: _Article) -> bool:
    """"a annoncé « prendre toutes les mesures … »": the quote is the verb's infinitive complement."""
    for _, t in art.tokens_between(seg.start, seg.start + 1):
        return "Inf" in t.morph.get("VerbForm") or t.lower_ in ("de", "d'", "d’", "à", "pour", "to")
    return False


def _verb_right_before(pos: int, art: _Article) -> bool:
    """A reporting verb is the last word before the quote ("a crié", "en criant")."""
    last = None
    for _, t in art.tokens_between(max(0, pos - 40), pos):
        if not t.is_punct and not t.is_space:
            last = t
    return last is not None and _is_reporting(last, art.settings)


def _name_before_colon(pos: int, art: _Article) -> _Speaker | None:
    before = art.text[max(0, pos - 60) : pos]
    m = re.search(r"\s*:\s*$", before)
    if not m:
        return None
    colon = pos - len(before) + m.start()
    for mention in art.mentions:
        if mention.end <= colon and colon - mention.end <= 1 and mention.label in ("PER", "ORG") :
            return _as_speaker(mention, art)
    return None


def _sentence_subject(seg: _Segment, art: _Article) -> _Speaker | None:
    """The subject of the sentence's main verb, when it names someone (a person, an
    organisation, a government) and is outside the quote."""
    for offset, t in art.tokens_between(seg.open, seg.open + 1):
        root = t.sent.root
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and not seg.open <= offset + child.idx <= seg.close:
                sp = _speaker_from_token(child, offset, art)
                if sp.mention is not None and sp.mention.label in ("PER", "ORG", "LOC") and sp.mention.reading != "place":
                    return sp
                if _pronoun(sp, art):
                    return sp
        return None
    return None


def _context_speaker(pos: int, art: _Article, last: _Speaker | None) -> _Speaker | None:
    """A quote standing alone: the person the text was just talking about — the last speaker
    if quoted shortly before, else the last person named in the two sentences before it."""
    if last is not None and pos - last.end < 400:
        return last
    sent = art.sentence_at(pos)
    start = sent[0] if sent else pos
    prev = art.sentence_at(start - 2) if start > 1 else None
    window_start = prev[0] if prev is not None and start - prev[0] < 400 else start
    persons = [m for m in art.mentions if window_start <= m.start < pos and m.label == "PER"]
    return _as_speaker(persons[-1], art) if persons else None


def _with_speaker(q: Quote, source: Quote) -> Quote:
    from dataclasses import replace

    return replace(q, speaker=source.speaker, speaker_type=source.speaker_type, speaker_start=source.speaker_start,
                   speaker_end=source.speaker_end, speaker_actor=source.speaker_actor)


def _looks_like_a_name(content: str) -> bool:
    words = content.split()
    return len(words) <= 6 and sum(w[:1].isupper() for w in words) >= max(1, len(words) // 2)


def _name_after(pos: int, art: _Article, limit: int | None = None) -> _Speaker | None:
    """The first name (or agent phrase) after ``pos`` in its sentence."""
    sent = art.sentence_at(pos)
    end = limit if limit is not None else (sent[1] if sent else pos + 120)
    for m in art.mentions:
        if not (pos <= m.start < end) or m.reading == "place" or art.in_quote(m.start):
            continue
        if m.label == "MISC" and m.via != "demonym":
            continue
        if m.label == "AGENT" and _after_preposition(m.start, art):
            continue  # "en conférence de presse", "dans un communiqué de presse"
        if m.label in ("PER", "ORG", "LOC", "AGENT", "MISC"):
            return _as_speaker(m, art)
    return None


_PREPOSITIONS = {"de", "d'", "d’", "du", "des", "en", "dans", "à", "au", "aux", "pour", "sur", "avec", "sans", "of",
                 "in", "at", "on", "to", "for", "with"}


def _after_preposition(pos: int, art: _Article) -> bool:
    words = re.findall(r"[\w'’]+", art.text[max(0, pos - 25) : pos].lower())
    words = [w for w in words if w not in ("le", "la", "les", "l'", "l’", "un", "une", "son", "sa", "ses", "the", "a")]
    return bool(words) and (words[-1] in _PREPOSITIONS or words[-1].endswith(("d'", "d’")))


def _as_speaker(mention: Mention, art: _Article) -> _Speaker:
    """A mention as a speaker; an agent phrase in apposition to a name is that name."""
    if mention.label == "AGENT":  # "le ministre … Sergueï Lavrov", "son avocat Jean Veil": the name
        named = [m for m in art.mentions if m.label == "PER" and 0 <= m.start - mention.end <= 3
                 and art.text[mention.end : m.start].strip(" ,") == ""]
        if named:
            mention = named[0]
    return _Speaker(mention.start, mention.end, mention.text, mention)


def _cue_span(verb, offset: int) -> tuple[int, int]:
    """The verb with its auxiliary: "a déclaré", "a-t-il ajouté" → "a … ajouté"."""
    start = offset + verb.idx
    end = start + len(verb.text)
    for child in verb.children:
        if child.dep_ in ("aux", "aux:tense", "aux:pass") and child.i < verb.i and verb.i - child.i <= 3:
            start = min(start, offset + child.idx)
    return start, end


def _quote(start: int, end: int, kind: str, speaker: _Speaker | None, cue: tuple[int, int] | None,
           art: _Article) -> Quote:
    name = stype = actor = None
    s_start = s_end = None
    if speaker is not None:
        s_start, s_end = speaker.start, speaker.end
        m = speaker.mention
        name = speaker.text
        if m is not None:
            actor = m.actor
            name = _fullest_name(m, art) or m.text
            stype = _speaker_type(m, art)
    date = None
    if cue is not None:
        date = _date_near(cue, (start, end), art)
    return Quote(start, end, art.text[start:end], kind, name, stype, s_start, s_end, actor,
                 cue[0] if cue else None, cue[1] if cue else None, art.text[cue[0] : cue[1]] if cue else None, date)


def _fullest_name(m: Mention, art: _Article) -> str | None:
    """A person as the article names them in full ("Lavrov" → "Sergueï Lavrov"); others as written."""
    if m.actor is None or m.label != "PER":
        return m.text
    same = [x.text for x in art.mentions if x.actor == m.actor and x.label == m.label]
    return max(same, key=len) if same else m.text


def _speaker_type(m: Mention, art: _Article) -> str | None:
    """PER, ORG or GPE. A seat of power named as a building or an institution ("le Kremlin",
    "l'Élysée") speaks as an organisation; a country or a capital ("Moscou") as a state."""
    if m.label == "PER" or m.actor_type == "person":
        return "PER"
    if m.via == "seat":
        before = art.text[max(0, m.start - 4) : m.start].lower().replace("’", "'")
        return "ORG" if re.search(r"(?:\b(?:le|la|les|du|des|au|the)\s+|\bl')$", before) else "GPE"
    if m.actor_type == "country" or (m.label == "LOC" and m.reading == "government"):
        return "GPE"
    if m.label in ("ORG", "AGENT") or m.actor_type in ("igo", "org", "group"):
        return "ORG"
    return None


def _date_near(cue: tuple[int, int], content: tuple[int, int], art: _Article) -> str | None:
    """The time expression of the attribution: in the cue's sentence, outside the quote, the
    nearest to the cue ("a justifié ce lundi", "said … on Monday")."""
    sent = art.sentence_at(cue[0])
    lo, hi = (sent[0], sent[1]) if sent else (cue[0] - 60, cue[1] + 60)
    best = None
    for t in art.timexes:
        if content[0] <= t.start < content[1] or t.type not in ("DATE", "TIME") or not t.value:
            continue
        if not (lo <= t.start < hi) or art.in_quote(t.start):
            continue
        gap = t.start - cue[1] if t.start >= cue[1] else cue[0] - t.end
        if 0 <= gap <= 60 and (best is None or gap < best[0]):
            best = (gap, t.value)
    return best[1] if best else None


# --- 4. indirect speech -------------------------------------------------------------------------


def _indirect(art: _Article, direct: list[Quote]) -> list[Quote]:
    """Reported speech: "X a déclaré que …" (one record per coordinated "que"), "X a annoncé
    avoir …", "…, a précisé X.", and "selon X, …" / "…, selon X" / "…, selon X, …"."""
    out: list[Quote] = []
    # A reported clause may hold a partial quote (both are recorded), but not sit inside a quoted sentence.
    taken = [(q.start, q.end) for q in direct if q.kind == "direct"]
    last: _Speaker | None = None
    for offset, doc in art.pieces:
        for token in doc:
            if not _is_reporting(token, art.settings) or art.in_quote(offset + token.idx):
                continue
            spans = _reported_clauses(token, offset, art)
            if not spans:
                continue
            speaker = _speaker_of_verb(token, offset, art)
            if speaker is not None and _pronoun(speaker, art):
                speaker = _resolve_pronoun(speaker, art, last)
            if speaker is None:
                continue
            for start, end in spans:
                start, end = _closing_quotes(art, start, end)
                if end - start < 8 or any(s < end and start < e for s, e in taken):
                    continue
                out.append(_quote(start, end, "indirect", speaker, _cue_span(token, offset), art))
                taken.append((start, end))
            last = speaker
    out.extend(_according_to_clauses(art, taken))
    return out


_CLAUSE_END = re.compile(
    r"\s*(?:;|,?\s+(?:et|mais|ou|and|but)\s+(?:qu['’]|que\b|that\b)|\.\s|\.$|\?|!"
    r"|,\s+(?:tandis\s+que|alors\s+que|puisque|bien\s+que|même\s+si|while|whereas)\b"  # another clause
    r"|,\s+[a-zà-ÿ]+ant\b"  # ", déplorant …": the writer's participle, not the reported clause
    # "… mais a malgré tout confié", "et compte demander", "et va proposer": the speaker's next act
    r"|,?\s+(?:mais|et)\s+(?:a|ont|avait|avaient|va|vont|compte|comptent|entend|entendent|doit|doivent)\b)"
)


def _text_sentence_end(art: _Article, pos: int) -> int:
    """The end of the sentence at ``pos`` by its full stop — not inside a quote, which the parser
    often takes for a sentence boundary."""
    text = art.text
    i = pos
    while True:
        m = re.compile(r"[.!?](?=\s|$)|\n").search(text, i)
        if m is None:
            return len(text)
        if not art.in_quote(m.start()):
            return m.start() + (1 if text[m.start()] != "\n" else 0)
        i = m.end()


def _reported_clauses(verb, offset: int, art: _Article) -> list[tuple[int, int]]:
    """The clauses a reporting verb reports: its "que" clauses (split where "et que" starts
    another), an infinitive right after it ("a annoncé avoir tiré …"), or the clause before an
    inverted cue ending the sentence."""
    text = art.text
    after = offset + verb.idx + len(verb.text)
    sent_end = max(offset + verb.sent.end_char, _text_sentence_end(art, after))
    for conj in verb.children:  # "estime que … et compte demander …": the verb's own next act
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and conj.i > verb.i:
            bound = offset + conj.left_edge.idx
            if bound > after:
                sent_end = min(sent_end, bound)
    # "a déclaré (dans un communiqué) que …": a que within a few words, no punctuation between
    # (commas allowed in between: "a annoncé sur France Inter ce matin, qu'il quittait …")
    m = re.match(r"(?:[^\W\d][\w'’-]*,?\s+){0,8}?(?:qu['’]\s*|que\s+|that\s+)", text[after:sent_end].lstrip()) \
        if not re.match(r"\s*[,:;«“\"]", text[after:sent_end]) else None
    if m:
        pos = after + (len(text[after:sent_end]) - len(text[after:sent_end].lstrip())) + m.end()
        spans = []
        while pos < sent_end:
            end_m = _CLAUSE_END.search(text, pos, sent_end)
            while end_m is not None and art.in_quote(end_m.start()):  # a full stop inside the quoted words
                end_m = _CLAUSE_END.search(text, end_m.end(), sent_end)
            end = end_m.start() if end_m else sent_end
            spans.append(_trimmed(text, pos, end))
            if not end_m or not re.search(r"(?:qu['’]|que\b|that\b)\s*$", text[end_m.start() : end_m.end()]):
                break
            pos = end_m.end()
        return [s for s in spans if s[1] > s[0]]
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.pos_ in ("VERB", "AUX") and "Inf" in nxt.morph.get("VerbForm"):
        # "a annoncé avoir tiré un missile" ("avoir" the auxiliary of "tiré"), "dit vouloir engager …"
        head = nxt.head if nxt.dep_.startswith("aux") and nxt.head.i > nxt.i else nxt
        right = min(offset + head.right_edge.idx + len(head.right_edge.text), sent_end)
        return [_trimmed(text, offset + nxt.idx, right)]
    inverted = _clause_before_inverted_cue(verb, offset, art)
    return [inverted] if inverted else []


def _closing_quotes(art: _Article, start: int, end: int) -> tuple[int, int]:
    """A reported clause that opens quotation marks closes them: "traité « comme un justiciable »"."""
    for o, c in art.quoted:
        if start <= o < end <= c:
            end = c + 1
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _strip(text, start, end)
    while end > start and text[end - 1] in ".,;:!? \u00a0":
        end -= 1
    return start, end


def _clause_before_inverted_cue(verb, offset: int, art: _Article) -> tuple[int, int] | None:
    """"…, l'Otan devra échanger avec l'ambassade, a précisé Sergueï Lavrov.": the clause
    before ", (aux) VERB SUBJECT" that ends the sentence is the reported statement."""
    first = verb
    for child in verb.children:
        if child.dep_.startswith("aux") and child.i < first.i:
            first = child
    if first.i == 0 or verb.doc[first.i - 1].text != ",":
        return None
    rest = [t for t in verb.doc[verb.i + 1 : verb.sent.end] if not t.is_punct]
    if not rest or rest[0].pos_ not in ("PROPN", "DET", "NOUN", "PRON", "ADV") or len(rest) > 14:
        return None  # the verb phrase must end the sentence with its subject
    if any(t.lower_ in ("que", "qu'", "qu’", ":", "«") for t in verb.doc[verb.i + 1 : verb.sent.end]):
        return None
    sent = verb.sent
    if sent.start >= first.i - 1:
        return None
    start = offset + sent[0].idx
    if art.in_quote(start):
        return None
    return _trimmed(art.text, start, offset + verb.doc[first.i - 2].idx + len(verb.doc[first.i - 2].text))


_DOCUMENTS = {"étude", "rapport", "sondage", "estimation", "estimations", "chiffres", "projet", "communiqué", "bilan",
              "enquête", "document", "texte", "données", "study", "report", "poll", "estimates", "figures", "statement"}


def _according_to_clauses(art: _Article, taken: list[tuple[int, int]]) -> list[Quote]:
    """"Selon X, …", "…, selon X." and "…, selon X, …": the clause is X's (reported) statement.
    X may be a name, an agent phrase, a pronoun, or a description ("une source proche de
    l'enquête"); a document ("selon une étude") is nobody's speech: the speaker stays empty."""
    out = []
    cues = [c for c in art.settings["according_to"] if c not in ("pour", "for")]
    pattern = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\s+",
                         re.IGNORECASE)
    last: _Speaker | None = None
    for s_start, s_end, _, _ in art.sents:
        sentence = art.text[s_start:s_end]
        for m in pattern.finditer(sentence):
            at = s_start + m.end()
            if art.in_quote(at):
                continue
            np = re.match(r"[^,.;:«»]{1,80}?(?=\s*[,.;:]|\s*$)", art.text[at:s_end])
            if not np:
                continue
            np_end = at + np.end()
            mention = next((x for x in art.mentions if at <= x.start < np_end and x.reading != "place"
                            and x.label in ("PER", "ORG", "LOC", "AGENT", "MISC")), None)
            words = np.group().split()
            if mention is not None:
                speaker = _as_speaker(mention, art)
                np_end = max(np_end, speaker.end)
            elif words and words[0].lower() in ("lui", "elle", "eux", "elles"):
                speaker = _resolve_pronoun(_Speaker(at, at + len(words[0]), words[0], None), art, last)
            elif any(w.lower() in _DOCUMENTS for w in words[:3]):
                speaker = None
            elif 1 <= len(words) <= 8:
                speaker = _Speaker(at, np_end, art.text[at:np_end].strip(), None)
            else:
                continue
            cue_start = s_start + m.start()
            before = art.text[s_start:cue_start].rstrip()
            after = art.text[np_end:s_end]
            if not before:  # "Selon X, …" (and "Selon le secrétaire général, Ban Ki-moon, …")
                comma = re.match(r"\s*,", after)
                if not comma:
                    continue
                start, end = np_end + comma.end(), _text_sentence_end(art, np_end)
                titled = re.match(r"(?:le|la|l['’]|les|the)\b", np.group().strip(), re.IGNORECASE) is not None
                apposed = next((x for x in art.mentions if x.label == "PER" and 0 <= x.start - start <= 2), None)
                if titled and apposed is not None and re.match(r"\s*,", art.text[apposed.end : apposed.end + 3]):
                    # "Selon le secrétaire général, Ban Ki-moon, …": the name belongs to the source
                    start = apposed.end + re.match(r"\s*,", art.text[apposed.end : apposed.end + 3]).end()
                elif not titled:  # "Selon Jean Dupont, le secrétaire du syndicat, …": so does the title
                    described = re.match(r"\s*(?:le|la|l['’]|les|un|une)\b[^,.;«»]{1,90}?,", art.text[start:end])
                    if described and not any(t.pos_ in ("VERB", "AUX") for _, t in
                                             art.tokens_between(start, start + described.end())):
                        start += described.end()
            elif before.endswith(","):  # "…, selon X." or "…, selon X, …"
                start, end = s_start, s_end
                if re.match(r"\s*[.!?]?\s*$", after):
                    end = cue_start
            else:
                continue
            start, end = _trimmed(art.text, start, end)
            if end - start < 8 or any(s < end and start < e for s, e in taken):
                continue
            cue = (cue_start, cue_start + len(m.group().rstrip()))
            out.append(_quote(start, end, "indirect", speaker, cue, art))
            taken.append((start, end))
            if speaker is not None:
                last = speaker
    return out
