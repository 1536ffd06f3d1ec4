"""A learned chooser of the source and target of the French events the rules code (issue 7).

The rule coder (``vigie.nlp.events``) finds a trigger and picks its arguments by hand-written
rules. The chooser re-ranks, for each event the rules code, a small set of candidates per role:
none; the rules' own choice (and the other role's); the actor mentions of the sentence; the
participants the trigger's and its clause's dependents stand for; and the context's actors (the
subjects and sources of the sentences before, the headline's actors, the article's most frequent
actors). Each candidate is a bag of feature names (its syntactic path to the trigger, the case
preposition, side and distance, voice, event type, actor kind, where it came from …); the score
of a candidate is the sum of its features' weights for that role (a conditional logit, one weight
vector per role, fitted by scripts/event_args_cv.py). The rules' own pick gets a head start
(``margin``); the pair of a source and a target with the highest summed score wins, never one
participant in both roles.

Candidates are built as the rules build their ``EventArg`` (``events._arg`` for a token, the
mention's own codes for a mention), so the scoring of the events is unchanged.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vigie.model import Event, EventArg, Mention
from vigie.nlp import events as ev
from vigie.nlp.events import arg_of_mention

ROLES = ("source", "target")
RECENT = 4  # actors of the sentences before kept as candidates
_ARG_DEPS = {"nsubj", "nsubj:pass", "csubj", "obj", "iobj", "obl", "obl:arg", "obl:agent", "obl:mod", "nmod", "appos"}


@dataclass
class Story:
    """What the chooser knows of the article: the headline's actors, how often each actor is
    named, and the subjects and sources of the sentences coded so far (most recent first)."""

    title: list[EventArg]
    counts: Counter
    frequent: list[EventArg]
    by_start: dict[int, Mention] = field(default_factory=dict)  # the article's mentions by where they start
    args: dict[tuple[int, int], EventArg | None] = field(default_factory=dict)  # events._arg by (offset, token)
    mention_args: dict[int, EventArg] = field(default_factory=dict)  # arg_of_mention by the mention's id
    sentences: list[tuple] = field(default_factory=list)  # (sentence, offset, mentions, text, its events' sources)
    found: dict[int, list[EventArg]] = field(default_factory=dict)  # the participants each sentence leaves

    def as_arg(self, m: Mention) -> EventArg:
        a = self.mention_args.get(id(m))
        if a is None:
            a = self.mention_args[id(m)] = arg_of_mention(m)
        return a


@dataclass
class _Cand:
    arg: EventArg | None
    kinds: set[str]
    rank: int = 0  # the rank among the context's candidates of its kind


def who(a: EventArg | None) -> str | None:
    """The identity of a participant: its actor, organisation or country, else its words."""
    if a is None:
        return None
    return a.actor or a.igo or a.country or (a.name or a.text or "").lower()


def _actorish(m: Mention) -> bool:
    return bool(m.actor or m.country or m.label == "PER")


def _names_someone(token, offset: int, mentions: list[Mention]) -> bool:
    """An actor mention lies in the token's phrase."""
    start = offset + token.left_edge.idx
    end = offset + token.right_edge.idx + len(token.right_edge.text)
    return any(start <= m.start < end and _actorish(m) for m in mentions)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


class ArgumentChooser:
    """Weights: ``{feature: (source weight, target weight)}``. ``recording``: a list to which each
    event's candidates and features are appended (training), the events left as the rules coded them."""

    def __init__(self, weights: dict[str, tuple[float, float]] | None = None, recording: list | None = None,
                 margin: tuple[float, float] = (0.0, 0.0)):
        self.weights = weights or {}
        self.recording = recording
        self.margin = margin  # how much a candidate must out-score the rules' own choice, per role
        self._by_role = [{k: v[n] for k, v in self.weights.items()} for n in range(2)]

    # --- the article ----------------------------------------------------------------------------

    def story(self, text: str, pieces: list[tuple[int, Any]], mentions: list[Mention]) -> Story:
        head_end = pieces[0][0] + len(pieces[0][1].text) if pieces else 0
        title, seen = [], set()
        for m in mentions:
            if m.start < head_end and _actorish(m) and m.reading != "place":
                a = arg_of_mention(m)
                if who(a) not in seen:
                    seen.add(who(a))
                    title.append(a)
        counts: Counter = Counter()
        first: dict[str, EventArg] = {}
        for m in mentions:
            if _actorish(m) and m.reading != "place":
                a = arg_of_mention(m)
                k = who(a)
                counts[k] += 1
                first.setdefault(k, a)
        frequent = [first[k] for k, _ in counts.most_common(2)]
        return Story(title[:2], counts, frequent, {m.start: m for m in mentions})

    def after_sentence(self, story: Story, sent, offset: int, mentions: list[Mention], text: str,
                       coded: list[Event]) -> None:
        """The sentence's subject and its events' sources become the most recent context (read
        when an event asks for them: most sentences before are never needed)."""
        story.sentences.append((sent, offset, mentions, text, [e.source for e in coded]))

    @staticmethod
    def _recent(story: Story) -> list[EventArg]:
        """The subjects and sources of the sentences before, most recent first, one per participant."""
        out: list[EventArg] = []
        keys: set[str | None] = set()
        for n in range(len(story.sentences) - 1, -1, -1):
            if n not in story.found:
                sent, offset, mentions, text, sources = story.sentences[n]
                found = [a for a in sources if a is not None and not ev._weak(a)]
                for t in sent.root.children:
                    if t.dep_ in ("nsubj", "nsubj:pass") and _names_someone(t, offset, mentions):
                        a = ev._arg(t, offset, mentions, text, None)
                        if a is not None and not ev._weak(a):
                            found.append(a)
                story.found[n] = found
            for a in story.found[n]:
                if who(a) not in keys:
                    keys.add(who(a))
                    out.append(a)
            if len(out) >= RECENT:
                break
        return out[:RECENT]

    # --- one event --------------------------------------------------------------------------------

    def candidates(self, e: Event, cand: Any, sent, offset: int, mentions: list[Mention], text: str,
                   story: Story) -> list[_Cand]:
        out: list[_Cand] = [_Cand(None, {"none"})]
        by_key: dict[tuple, _Cand] = {}

        def add(a: EventArg | None, kind: str, rank: int = 0) -> None:
            if a is None:
                return
            k = (a.start, a.end, a.country, a.igo, a.actor)
            c = by_key.get(k)
            if c is None:
                c = by_key[k] = _Cand(a, set(), rank)
                out.append(c)
            c.kinds.add(kind)

        add(e.source, "rule:source")
        add(e.target, "rule:target")
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        for m in mentions:  # not a city that names an agreement ("le protocole de Kyoto"), as in the rules
            if s_start <= m.start < s_end and _actorish(m) and not ev._names_document(sent.root, m, offset):
                add(story.as_arg(m), "mention")
        def arg(t) -> EventArg | None:  # the participant a token stands for, once per article
            k = (offset, t.i)
            if k not in story.args:
                story.args[k] = ev._arg(t, offset, mentions, text, None)
            return story.args[k]

        heads = [cand.token] + ([cand.clause] if cand.clause is not cand.token else [])
        for h in heads:
            for c in h.children:
                if c.dep_ in _ARG_DEPS and c.pos_ in ("NOUN", "PROPN", "PRON") and c.lemma_.lower() not in ev._DOCUMENTS:
                    add(arg(c), "dep")
            if h.dep_ in ("acl", "acl:relcl", "amod") and h.head.pos_ in ("NOUN", "PROPN"):
                add(arg(h.head), "dep")
        for n, a in enumerate(self._recent(story)):
            add(a, "recent", n)
        for n, a in enumerate(story.title):
            add(a, "title", n)
        for n, a in enumerate(story.frequent):
            add(a, "frequent", n)
        return out

    def features(self, e: Event, cand: Any, sent, offset: int, mentions: list[Mention], cands: list[_Cand],
                 story: Story, passive: str | None = None) -> list[list[str]]:
        """The feature names of each candidate (role-neutral: which role the rules gave it is a feature)."""
        token, verb = cand.token, cand.clause
        etype, tpos, lemma = e.type, token.pos_, token.lemma_.lower()
        if passive is None:
            passive = "pass" if ev._passive(verb) else "act"
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        in_sent = [m for m in mentions if s_start <= m.start < s_end and _actorish(m)]
        by_start = story.by_start
        first_start = min((m.start for m in in_sent), default=None)
        t_at = e.trigger_start
        rows = []
        for c in cands:
            a = c.arg
            if a is None:
                rows.append(["none", f"none&t={etype}", f"none&tpos={tpos}", f"none&pass={passive}",
                             f"none&nm={min(len(in_sent), 3)}", f"none&lemma={lemma}",
                             f"none&rs={e.source is None}", f"none&rt={e.target is None}"])
                continue
            f = []
            for k in c.kinds:
                f += [f"k={k}", f"k={k}&t={etype}", f"k={k}&tpos={tpos}"]
                if k in ("recent", "title", "frequent"):
                    f.append(f"k={k}&r={c.rank}")
            if len(c.kinds) > 1:
                f.append("kinds=" + "+".join(sorted(c.kinds)))
            m = by_start.get(a.start)
            if m is not None and m.end == a.end:
                f += [f"at={m.actor_type}", f"lab={m.label}", f"read={m.reading}", f"via={m.via}",
                      f"at={m.actor_type}&t={etype}"]
            else:
                f.append("words")
            f += [f"country={bool(a.country)}", f"igo={bool(a.igo)}", f"weak={ev._weak(a)}",
                  f"sector={a.sector}", f"sector={a.sector}&t={etype}", f"n={_bucket(story.counts.get(who(a), 0), (0, 1, 3, 6))}"]
            if story.frequent and who(a) == who(story.frequent[0]):
                f.append("most_frequent")
            if s_start <= a.start < s_end:
                f += self._syntax(a, token, verb, offset, sent, etype, tpos, lemma, passive, t_at)
                if a.start == first_start:
                    f.append("first_in_sentence")
            else:
                f += ["outside", f"outside&t={etype}", f"outside&pass={passive}",
                      f"outside&before={a.start < s_start}"]
            rows.append(f)
        return rows

    @staticmethod
    def _syntax(a: EventArg, token, verb, offset: int, sent, etype: str, tpos: str, lemma: str, passive: str,
                t_at: int) -> list[str]:
        words = sent.doc.char_span(a.start - offset, a.end - offset, alignment_mode="expand")
        span = list(words) if words is not None else []
        side = "left" if a.start < t_at else "right"
        f = [f"side={side}", f"side={side}&pass={passive}", f"side={side}&t={etype}", f"side={side}&tpos={tpos}",
             f"lemma={lemma}&side={side}"]
        if not span:
            return f + ["nospan"]
        ids = {t.i for t in span}
        head = next((t for t in span if t.head.i not in ids or t.head == t), span[0])
        if head.dep_.startswith("nsubj") and head.head == sent.root:
            f += ["root_subject", f"root_subject&t={etype}"]
        if head.pos_ == "PRON":
            f.append("pronoun")
        dist = abs(head.i - token.i)
        f.append(f"dist={_bucket(dist, (1, 3, 6, 10))}")
        f.append(f"hcase={ev._case(head)}")
        path, node, top, via = [], head, None, None
        for _ in range(6):
            if node in (token, verb):
                via = "trig" if node is token else "clause"
                break
            if node.head == node:
                break
            path.append(node.dep_)
            top = node
            node = node.head
        if via is not None and top is not None:
            rel, tcase = top.dep_, ev._case(top)
            p = ">".join(path[-2:])
            f += [f"path={p}", f"path={p}&via={via}", f"top={rel}&pass={passive}", f"top={rel}&case={tcase}",
                  f"case={tcase}", f"case={tcase}&t={etype}", f"top={rel}&t={etype}", f"top={rel}&tpos={tpos}",
                  f"top={rel}&case={tcase}&pass={passive}", f"lemma={lemma}&top={rel}",
                  f"lemma={lemma}&case={tcase}", f"depth={len(path)}"]
        else:
            up, n = [], token
            for _ in range(3):  # the candidate governs the trigger ("l'Otan, qui a suspendu …")
                if n.head == n:
                    break
                up.append(n.dep_)
                n = n.head
                if n.i in ids:
                    f += [f"up={'>'.join(up)}", f"up={'>'.join(up)}&t={etype}"]
                    break
            else:
                f.append("unlinked")
            if not any(x.startswith("up=") for x in f):
                f.append("unlinked")
        return f

    def choose(self, e: Event, cand: Any, sent, offset: int, mentions: list[Mention], text: str,
               story: Story) -> Event:
        cands = self.candidates(e, cand, sent, offset, mentions, text, story)
        passive = "pass" if ev._passive(cand.clause) else "act"
        feats = self.features(e, cand, sent, offset, mentions, cands, story, passive)
        ctx = (e.type, cand.token.pos_, passive)
        if self.recording is not None:
            role_feats = {r: [self._role(f, c, r, ctx) for f, c in zip(feats, cands)] for r in ROLES}
            self.recording.append((e, [c.arg for c in cands], role_feats))
            return e
        base = []
        get = self.weights.get
        for f in feats:  # the weights of the role-neutral features, both roles at once
            s0 = s1 = 0.0
            for x in f:
                v = get(x)
                if v is not None:
                    s0 += v[0]
                    s1 += v[1]
            base.append((s0, s1))
        picks = {}
        for n, r in enumerate(ROLES):
            w = self._by_role[n]
            scores = [b[n] + sum(w.get(x, 0.0) for x in self._extras(f, c, r, ctx))
                      for b, f, c in zip(base, feats, cands)]
            own = next(i for i, c in enumerate(cands) if (c.arg is None and getattr(e, r) is None)
                       or (c.arg is not None and f"rule:{r}" in c.kinds))
            scores[own] += self.margin[n]
            picks[r] = scores
        # the best pair of a source and a target that are not one participant read twice
        best, pair = -math.inf, (0, 0)
        s_top = sorted(range(len(cands)), key=lambda i: -picks["source"][i])[:6]
        t_top = sorted(range(len(cands)), key=lambda i: -picks["target"][i])[:6]
        for i in s_top:
            for j in t_top:
                a, b = cands[i].arg, cands[j].arg
                if a is not None and b is not None and (i == j or ev._same(a, b) or who(a) == who(b)):
                    continue
                if picks["source"][i] + picks["target"][j] > best:
                    best, pair = picks["source"][i] + picks["target"][j], (i, j)
        source = self._as_picked(cands[pair[0]], feats[pair[0]], e.source)
        target = self._as_picked(cands[pair[1]], feats[pair[1]], e.target)
        if source is e.source and target is e.target:
            return e
        return replace(e, source=source, target=target)

    @staticmethod
    def _as_picked(c: _Cand, feats: list[str], own: EventArg | None) -> EventArg | None:
        """The participant a pick stands for. One the parse does not link to the trigger (the
        context's actors, a mention elsewhere in the sentence) is only known to be of its country or
        organisation: "Sur décision préfectorale, des échangeurs ont été fermés non loin des Gilets
        jaunes" is coded as done by France, not by the Gilets jaunes."""
        a = c.arg
        if a is None or a is own or "dep" in c.kinds or any(x.startswith(("path=", "up=")) for x in feats):
            return a
        if a.country or a.igo:
            return replace(a, actor=None, name=None, sector=None)
        return a

    @staticmethod
    def _role(f: list[str], c: _Cand, role: str, ctx: tuple[str, str, str]) -> list[str]:
        """The features of a candidate for one role: its own, and whether the rules gave it this role or the other."""
        return list(f) + ArgumentChooser._extras(f, c, role, ctx)

    @staticmethod
    def _extras(f: list[str], c: _Cand, role: str, ctx: tuple[str, str, str]) -> list[str]:
        other = "target" if role == "source" else "source"
        etype, tpos, passive = ctx
        out = []
        if f"rule:{role}" in c.kinds or (c.arg is None and f"none&r{role[0]}=True" in f):
            out += ["rule_self", f"rule_self&t={etype}", f"rule_self&tpos={tpos}", f"rule_self&pass={passive}",
                    f"rule_self&none={c.arg is None}"]
        if f"rule:{other}" in c.kinds:
            out += ["rule_other", f"rule_other&t={etype}"]
        return out


WEIGHTS = Path(__file__).resolve().parent.parent / "lang" / "fr" / "event-args.json"


def load(path: Path = WEIGHTS) -> ArgumentChooser | None:
    """The chooser whose weights ``path`` holds (None when there is no such file)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ArgumentChooser({k: (float(v[0]), float(v[1])) for k, v in data["weights"].items()},
                           margin=tuple(data.get("margin", (0.0, 0.0))))


def save(weights: dict[str, tuple[float, float]], path: Path, note: str, margin: tuple[float, float]) -> None:
    kept = {k: [round(v[0], 3), round(v[1], 3)] for k, v in sorted(weights.items())
            if abs(v[0]) >= 0.005 or abs(v[1]) >= 0.005}
    lines = [f"{json.dumps(k, ensure_ascii=False)}:[{v[0]},{v[1]}]" for k, v in kept.items()]
    head = f'{{"note":{json.dumps(note, ensure_ascii=False)},"margin":{json.dumps(list(margin))},"weights":{{\n'
    path.write_text(head + ",\n".join(lines) + "\n}}\n", encoding="utf-8")
