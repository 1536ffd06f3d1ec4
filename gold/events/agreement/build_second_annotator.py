"""Second, independent annotation of the first 5 documents of ``gold/events/heldout2/docs.txt``.

The codings below were written by hand, by reading each article in full, following
``gold/events/GUIDELINES.md``; this script only turns each record's strings into offsets (trigger
found inside a context string that is unique in the document; actor strings found inside the
trigger's sentence) and writes ``second-annotator.jsonl`` and ``docs.txt`` beside it.

    .venv/bin/python gold/events/agreement/build_second_annotator.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from vigie.eval.matching import listed_documents

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DOCS_DIR = ROOT.parent / "shared" / "data" / "winer-fr"
DOCS = [x for x in (ROOT / "gold/events/heldout2/docs.txt").read_text(encoding="utf-8").split()][:5]

# --------------------------------------------------------------------------- sentences (GUIDELINES §4)

DATELINE = re.compile(r"^\d{1,2}(?: er)? \w+ \d{4} \. [–—-]")
END = re.compile(r"[.!?…](?:\s*[»\"])?(?=\s+[A-ZÀ-ÖØ-Þ0-9«\"—(])")
NO_END = ("M.", "N.", "U.S.", "[...]", "(...)", "[…]")


def sentences(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        cuts = []
        m = DATELINE.match(line)
        if m:
            cuts.append(m.end())
        for m in END.finditer(line):
            if any(line[: m.end()].endswith(a) for a in NO_END):
                continue
            if m.end() > (cuts[0] if cuts else 0):
                cuts.append(m.end())
        prev = 0
        for c in [*cuts, len(line)]:
            seg = line[prev:c]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                out.append((start + prev + lead, start + prev + lead + len(seg)))
            prev = c
    return out


# --------------------------------------------------------------------------- the codings


def A(text, name, country=None, igo=None, sector=None, ctx=None):  # noqa: N802
    """An actor: ``text`` is the mention (None for an implicit actor); ``ctx`` a longer string
    around it when the mention occurs more than once in the sentence."""
    return {"text": text, "name": name, "country": country, "igo": igo, "sector": sector, "ctx": ctx}


def E(doc, ctx, trig, type_, mode, source, target, date, neg=False, hyp=False, hist=False):  # noqa: N802
    return dict(doc=doc, ctx=ctx, trig=trig, type=type_, mode=mode, source=source, target=target, date=date,
                negated=neg, hypothetical=hyp, historical=hist)


D1, D2, D3, D4, D5 = DOCS
PUTIN = ("Vladimir Poutine", "RUS", None, "GOV")
PARENTS = "Thierry et Véronique Roy"
GATIGNON = "Stéphane Gatignon"
TRUMP = "Donald Trump"

RECORDS = [
    # ---- 2016_01_21-001: Litvinenko inquiry
    E(D1, "Poutine a « probablement approuvé » l’assassinat", "assassinat", "ASSAULT", "assassinate",
      A("Poutine", "Vladimir Poutine", "RUS", None, "GOV"), A("Litvinenko", "Alexandre Litvinenko", "RUS"),
      None, hist=True),
    E(D1, "renforce la thèse d'un", "renforce la thèse", "ACCUSE", "allege",
      A("Un rapport d'enquête", "enquête publique britannique", "GBR", None, "JUD"),
      A("le FSB", "FSB", "RUS", None, "SPY"), "2016-01-21"),
    E(D1, "thèse d'un assasinnat organisé", "assasinnat", "ASSAULT", "assassinate",
      A("le FSB", "FSB", "RUS", None, "SPY"),
      A("l'ancien espion russe Alexandre Litvinenko", "Alexandre Litvinenko", "RUS"), None, hist=True),
    E(D1, "n'est « pas intéressé »", "pas intéressé", "REJECT", None,
      A("Moscou", "Russie", "RUS", None, "GOV"), A("l'enquête britannique", "enquête publique britannique", "GBR",
                                                      None, "JUD"), "2016-01-21"),
    # ---- 2016_03_08-002: parents of a jihadist threaten the mayor of Sevran
    E(D2, "jihadiste menacent de porter", "menacent", "THREATEN", None,
      A("les parents d'un jihadiste", PARENTS, "FRA", None, "CVL"),
      A("le maire de Sevran", GATIGNON, "FRA", None, "GOV"), "2016-03-07"),
    E(D2, "parents d’un jihadiste tué en Syrie", "tué", "ASSAULT", None,
      None, A("un jihadiste", "Quentin Roy", "FRA", None, "REB"), None),
    E(D2, "où ils pointent du doigt", "pointent du doigt", "ACCUSE", "disapprove",
      A("Thierry et Véronique Roy", PARENTS, "FRA", None, "CVL"),
      A("son", GATIGNON, "FRA", None, "GOV", ctx="son « immobilisme »"), "2016-03-07"),
    E(D2, "jeune homme de 23 ans tué en Syrie", "tué", "ASSAULT", None,
      None, A("Quentin Roy, jeune homme de 23 ans", "Quentin Roy", "FRA", None, "REB"), None),
    E(D2, "Le couple y déplore", "déplore", "ACCUSE", "disapprove",
      A("Le couple", PARENTS, "FRA", None, "CVL"),
      A("premier magistrat de la ville", GATIGNON, "FRA", None, "GOV"), "2016-03-07"),
    E(D2, "a déjà été placé en détention", "été placé en détention", "COERCE", "arrest",
      A(None, "justice française", "FRA", None, "JUD"),
      A("le recruteur présumé de leur fils", "recruteur présumé de Quentin Roy", None, None, "REB"), None),
    E(D2, "aurait dû vous imposer", "aurait dû", "ACCUSE", "disapprove",
      A("Eux", PARENTS, "FRA", None, "CVL"), A("Stéphane Gatignon", GATIGNON, "FRA", None, "GOV"), "2016-03-07"),
    E(D2, "Aussi menacent-ils", "menacent", "THREATEN", None,
      A("ils", PARENTS, "FRA", None, "CVL", ctx="menacent-ils"),
      A("le maire UDE", GATIGNON, "FRA", None, "GOV"), "2016-03-07"),
    # ---- 2016_10_30-002: Canada-EU free-trade agreement (CETA)
    E(D3, "Signature de l'accord", "Signature", "SUPPORT", None,
      A("Canada", "Canada", "CAN"), A("UE", "Union européenne", None, "EU"), "2016-10-30"),
    E(D3, "Après 7 ans de négociations", "négociations", "CONSULT", None,
      A("le Canada", "Canada", "CAN"), A("l' Union européenne", "Union européenne", None, "EU"), "2009",
      hist=True),
    E(D3, "ont signé dimanche", "ont signé", "SUPPORT", None,
      A("le Canada", "Canada", "CAN"), A("l' Union européenne", "Union européenne", None, "EU"), "2016-10-30"),
    E(D3, "des centaines de manifestants étaient", "manifestants", "PROTEST", "demo",
      A("des centaines de manifestants", "manifestants anti-AECG", None, None, "OPP"), None, "2016-10-30"),
    E(D3, "avaient badigeonné de rouge", "avaient badigeonné", "PROTEST", None,
      A("certains", "manifestants anti-AECG", None, None, "OPP"), None, "2016-10-30"),
    E(D3, "Je ne critique pas", "critique", "ACCUSE", "disapprove",
      A("Je", "Jean-Claude Juncker", None, "EU", "GOV"),
      A("ceux qui ne cessent de nous critiquer", "opposants à l'AECG", None, None, "OPP"), "2016-10-30", neg=True),
    E(D3, "ne cessent de nous critiquer", "critiquer", "ACCUSE", "disapprove",
      A("ceux qui", "opposants à l'AECG", None, None, "OPP"),
      A("nous", "dirigeants de l'UE", None, "EU", "GOV", ctx="nous critiquer"), "2016-10-30"),
    E(D3, "doivent entendre", "doivent entendre", "REQUEST", None,
      A(None, "Jean-Claude Juncker", None, "EU", "GOV"),
      A("ceux qui sont dans la rue", "manifestants anti-AECG", None, None, "OPP"), "2016-10-30"),
    E(D3, "avons rien cédé", "cédé", "CONCEDE", None,
      A("Nous", "Union européenne", None, "EU", "GOV"), None, None, neg=True),
    E(D3, "être approuvé par le Parlement", "être approuvé", "SUPPORT", None,
      A("le Parlement européen", "Parlement européen", None, "EU", "LEG"), None, None, hyp=True),
    E(D3, "être approuvé par le Parlement", "être approuvé", "SUPPORT", None,
      A("38 assemblées nationales ou régionales", "parlements nationaux et régionaux de l'UE", None, None, "LEG"),
      None, None, hyp=True),
    # ---- 2016_11_07-001: Burundi, EU aid suspended
    E(D4, "la suspension des aides européennes", "suspension", "SANCTION", "discontinue",
      A("européennes", "Union européenne", None, "EU"), None, None),
    E(D4, "l'arrêt des aides internationales", "arrêt", "SANCTION", "discontinue",
      A("internationales", "bailleurs internationaux"), A("L'économie exsangue", "Burundi", "BDI"), None),
    E(D4, "l'arrêt des aides internationales", "arrêt", "SANCTION", "discontinue",
      A("l' Union européenne", "Union européenne", None, "EU"), A("L'économie exsangue", "Burundi", "BDI"), None),
    E(D4, "a décidé de suspendre", "suspendre", "SANCTION", "discontinue",
      A("Cette dernière", "Union européenne", None, "EU"), A("le pouvoir", "Burundi", "BDI", None, "GOV"), None),
    E(D4, "a toutefois proposé", "proposé", "AGREE", None,
      A("elle", "Union européenne", None, "EU", ctx="elle a toutefois"),
      A("le pouvoir de Pierre Nkurunziza", "Burundi", "BDI", None, "GOV"), None),
    E(D4, "a été refusé par", "été refusé", "REJECT", None,
      A("le pouvoir de Pierre Nkurunziza", "Burundi", "BDI", None, "GOV"),
      A("elle", "Union européenne", None, "EU", ctx="elle a toutefois"), None),
    # ---- 2016_12_23-001: Trump wants a stronger nuclear capacity
    E(D5, "Donald Trump veut renforcer", "renforcer", "MOBILIZE", "weapons",
      A("Donald Trump", TRUMP, "USA", None, "GOV"), None, None, hyp=True),
    E(D5, "sa volonté de renforcer", "renforcer", "MOBILIZE", "weapons",
      A("Donald Trump", TRUMP, "USA", None, "GOV"), None, None, hyp=True),
    E(D5, "nécessité de développer", "développer", "MOBILIZE", "weapons",
      A("Vladimir Poutine", *PUTIN), None, None, hyp=True),
    E(D5, "appelant à un monde", "appelant", "REQUEST", None,
      A("Obama", "Barack Obama", "USA", None, "GOV"), None, "2009", hist=True),
    E(D5, "a reçu mercredi", "a reçu", "CONSULT", "visit",
      A("un groupe de responsables militaires", "responsables militaires américains", "USA", None, "MIL"),
      A("Le futur président", TRUMP, "USA", None, "GOV"), "2016-12-21"),
    E(D5, "qui s'est entretenu", "s'est entretenu", "CONSULT", None,
      A("James Syring", "James Syring", "USA", None, "MIL"),
      A("Trump", TRUMP, "USA", None, "GOV", ctx="avec Trump"), "2016-12-21"),
]


# --------------------------------------------------------------------------- offsets


def unique(hay: str, needle: str, what: str) -> int:
    i = hay.find(needle)
    if i < 0 or hay.find(needle, i + 1) >= 0:
        raise ValueError(f"{what}: {needle!r} found {hay.count(needle)} times")
    return i


def actor(a, text: str, sentence: tuple[int, int], where: str):
    if a is None:
        return None
    if a["text"] is None:
        span = None
    else:
        sent = text[sentence[0]:sentence[1]]
        ctx = a["ctx"] or a["text"]
        i = sentence[0] + unique(sent, ctx, where) + ctx.index(a["text"])
        span = [i, i + len(a["text"])]
        assert text[i:i + len(a["text"])] == a["text"]
    return {"text": a["text"], "span": span, "name": a["name"], "country": a["country"], "igo": a["igo"],
            "sector": a["sector"]}


def build() -> list[dict]:
    _, texts, missing = listed_documents(DOCS_DIR, DOCS)
    assert not missing, missing
    out = []
    for r in RECORDS:
        text = texts[r["doc"]]
        where = f"{r['doc']} {r['trig']!r}"
        t0 = unique(text, r["ctx"], where) + r["ctx"].index(r["trig"])
        trigger = (t0, t0 + len(r["trig"]))
        sentence = next(s for s in sentences(text) if s[0] <= t0 and trigger[1] <= s[1])
        out.append({"doc": r["doc"], "sentence": list(sentence), "trigger": list(trigger), "type": r["type"],
                    "mode": r["mode"], "source": actor(r["source"], text, sentence, where),
                    "target": actor(r["target"], text, sentence, where), "date": r["date"],
                    "negated": r["negated"], "hypothetical": r["hypothetical"], "historical": r["historical"]})
    out.sort(key=lambda x: (x["doc"], x["trigger"][0]))
    return out


if __name__ == "__main__":
    recs = build()
    (HERE / "second-annotator.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    (HERE / "docs.txt").write_text("".join(d + "\n" for d in DOCS), encoding="utf-8")
    print(f"{len(recs)} records in {len(DOCS)} documents")
