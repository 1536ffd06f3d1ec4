"""Anchoring script for the hand-annotated parts of the events gold (not part of vigie).

    python gold/events/anchor.py PART      # PART: dev2, dev3, heldout3 (a folder beside this file)
    python gold/events/anchor.py --check   # the splitter against the dev and first held-out parts

Records are written in PART/annotations.py as quoted strings: a trigger context with the trigger
in [brackets] (unique in the document), actors as a context with the mention in [brackets]
(unique inside the trigger's sentence). This script turns them into offsets with the §4
sentence splitter of GUIDELINES.md, and stops on any missing or ambiguous anchor. It writes
PART/winer-fr-PART.jsonl and PART/docs.txt. The WiNER-fr texts are read from $WINER_FR, else
../shared/data/winer-fr beside the repository.
"""

import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.environ.get("WINER_FR") or os.path.join(HERE, "..", "..", "..", "shared", "data", "winer-fr")
_END = re.compile(r'[.!?…][»"]?(?=\s+[A-ZÀ-ÖØ-Þ0-9«"—(])')
_NO_END = ("M.", "N.", "U.S.", "[...]", "(...)", "[…]")
_DATELINE = re.compile(r"^\d{1,2}(?:er| er)? \w+ \d{4} \. –")


# The helpers PART/annotations.py writes its records with (it imports them from here):
# an actor A(anchor or None for an implicit actor, name, country, igo, sector), a record R(...).
F = False
T = True


def A(anchor, name, country=None, igo=None, sector=None):
    return (anchor, name, country, igo, sector)


def R(trig, typ, mode, src, tgt, date, neg=F, hyp=F, hist=F):
    return (trig, typ, mode, src, tgt, date, neg, hyp, hist)


def doc_path(doc):
    hits = glob.glob(os.path.join(DOCS, "*", "*", doc + ".txt"))
    assert len(hits) == 1, doc
    return hits[0]


def sentences(text):
    spans = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        cur = start
        m = _DATELINE.match(line)
        if m:
            spans.append((start, start + m.end()))
            cur = start + m.end()
        for m in _END.finditer(text, cur, end):
            stop = m.end()
            head = text[cur:stop]
            if any(head.endswith(a) for a in _NO_END):
                continue
            spans.append((cur, stop))
            cur = stop
        spans.append((cur, end))
    out = []
    for s, e in spans:
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg) - len(seg.rstrip())
        if e - rs > s + ls:
            out.append((s + ls, e - rs))
    return out


def _find(text, anchor, lo, hi, what):
    m = re.fullmatch(r"(.*)\[(.+?)\](.*)", anchor, re.S)
    assert m, f"no [brackets] in {what} anchor {anchor!r}"
    parts = [re.escape(x).replace(r"\ ", " ").replace(" ", "[ \u00a0\u202f]") for x in m.groups()]
    pat = re.compile("(%s)(%s)(%s)" % tuple(parts))  # spaces also match the (narrow) no-break space
    hits = [h for h in (pat.match(text, i, hi) for i in range(lo, hi)) if h]
    if len(hits) != 1:
        sys.exit(f"{what} anchor {anchor!r}: {len(hits)} matches")
    return hits[0].start(2), hits[0].end(2)


def actor(text, spec, sent):
    if spec is None:
        return None
    anchor, name, country, igo, sector = spec
    if anchor is None:
        span, mention = None, None
    else:
        s, e = _find(text, anchor, sent[0], sent[1], "actor")
        span, mention = [s, e], text[s:e]
    return {"text": mention, "span": span, "name": name, "country": country, "igo": igo, "sector": sector}


def build(ann):
    out = []
    for doc, recs in ann.items():
        text = open(doc_path(doc), encoding="utf-8").read()
        sents = sentences(text)
        for r in recs:
            trig, typ, mode, src, tgt, date, neg, hyp, hist = r
            ts, te = _find(text, trig, 0, len(text), "trigger")
            sent = [s for s in sents if s[0] <= ts and te <= s[1]]
            assert len(sent) == 1, (doc, trig)
            sent = sent[0]
            out.append({
                "doc": doc, "sentence": list(sent), "trigger": [ts, te], "type": typ, "mode": mode,
                "source": actor(text, src, sent), "target": actor(text, tgt, sent),
                "date": date, "negated": neg, "hypothetical": hyp, "historical": hist,
            })
    out.sort(key=lambda r: (r["doc"], r["trigger"][0], r["trigger"][1]))
    return out


def check_splitter(paths):
    n = bad = 0
    for p in paths:
        for line in open(p, encoding="utf-8"):
            r = json.loads(line)
            text = open(doc_path(r["doc"]), encoding="utf-8").read()
            n += 1
            if tuple(r["sentence"]) not in sentences(text):
                bad += 1
                print("mismatch", r["doc"], r["sentence"], repr(text[r["sentence"][0]:r["sentence"][1]][:60]))
    print(f"splitter: {n - bad}/{n} gold sentence spans reproduced")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check_splitter([os.path.join(HERE, "winer-fr-dev.jsonl"), os.path.join(HERE, "heldout", "winer-fr-heldout.jsonl")])
        sys.exit()
    if len(sys.argv) != 2 or not os.path.isfile(os.path.join(HERE, sys.argv[1], "annotations.py")):
        sys.exit(__doc__)
    part = sys.argv[1]
    sys.path.insert(0, os.path.join(HERE, part))
    from annotations import ANN

    recs = build(ANN)
    dest = os.path.join(HERE, part, f"winer-fr-{part}.jsonl")
    with open(dest, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, part, "docs.txt"), "w") as f:
        f.write("".join(d + "\n" for d in sorted(ANN)))
    print(len(recs), "records in", len(ANN), "documents")
