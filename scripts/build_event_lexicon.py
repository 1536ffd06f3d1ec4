"""Build vigie's event-coding data from its sources.

    .venv/bin/python scripts/build_event_lexicon.py [../shared/data]

- ``src/vigie/resources/plover/cameo2plover.tsv``: the CAMEO → PLOVER crosswalk (PLOVER manual
  draft 0.8, 2021; Open Event Data Alliance, CC BY-SA 4.0), one line per CAMEO code: code,
  PLOVER type, mode, context, description. Codes PLOVER drops (01 statements, 02 appeals) are
  absent.
- ``src/vigie/lang/en/events.tsv``: English triggers from PETRARCH2's CAMEO.2.0 verb dictionary
  (Open Event Data Alliance, MIT): for each verb form (phrasal verbs too: "blow up"), its default
  CAMEO code (the verb's own code where the dictionary gives one, else its synset's) and, for each
  pattern, the first plain word of the pattern's object with the pattern's code — only codes the
  crosswalk maps to a PLOVER type are kept.

Both outputs say where they come from in a header; attribution: resources/plover/ATTRIBUTION.md.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_CROSSWALK = REPO / "src/vigie/resources/plover/cameo2plover.tsv"
OUT_EN = REPO / "src/vigie/lang/en/events.tsv"


def read_crosswalk(path: Path) -> dict[str, tuple[str, str, str, str]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$", line)
        if not m:
            continue
        code, event, mode, context, description = m.groups()
        out[code] = (event, (mode or "").strip(), (context or "").strip().replace(";", ","), (description or "").strip())
    return out


def read_cameo_verbs(path: Path) -> dict[str, dict[str, str]]:
    """verb form (lowercase) → {object keyword or "*": CAMEO code}."""
    lexicon: dict[str, dict[str, str]] = defaultdict(dict)
    in_verbs = False
    forms: list[str] = []
    default = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not in_verbs or not line.strip():
            continue
        head = re.match(r"---\s+(\S+)\s+\[([\d-]+)\]\s+---", line)
        if head:
            forms, default = [], (head.group(2) if head.group(2) != "---" else None)
            continue
        if line.startswith("-"):
            code = re.search(r"\[(\d{2,4})(?::\d+)?\]", line)
            if not code:
                continue
            words = [w for w in re.findall(r"[A-Z][A-Z_'-]+", line.split("[", 1)[0]) if not w.startswith("&")]
            keyword = words[0].lower().replace("_", " ") if words else "*"
            for form in forms:
                lexicon[form].setdefault(keyword, code.group(1))
            continue
        if line[:1].isalpha() or line[:1] == "+":
            # a verb of the synset ("BREAK {BREAKS BROKE …}"), or a phrasal one ("+BLOW_UP {+BLEW_UP …}"),
            # with its own code when it differs from the synset's ("DEMOLISH [1712]", "RESIGN [083]")
            word = line.split()[0].lstrip("+").lower().replace("_", " ")
            extra = re.findall(r"\{([^}]*)\}", line)
            own = [w for w in [word] + [w.lstrip("+").lower().replace("_", " ") for group in extra for w in group.split()]
                   if re.fullmatch(r"[a-z][a-z'-]*(?: [a-z'-]+)*", w) and " and" not in f" {w} "]
            forms = forms + own
            code = re.search(r"\[(\d{2,4})\]", line.split("{", 1)[0] + line.rsplit("}", 1)[-1])
            if code:
                for form in own:
                    lexicon[form].setdefault("*", code.group(1))
            if default:
                for form in forms:
                    lexicon[form].setdefault("*", default)
    return lexicon


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "data"
    crosswalk = read_crosswalk(data / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    OUT_CROSSWALK.parent.mkdir(parents=True, exist_ok=True)
    with OUT_CROSSWALK.open("w", encoding="utf-8") as f:
        f.write("# CAMEO code → PLOVER event, mode, context, description. From CAMEO2PLOVER-2021.txt (PLOVER manual\n"
                "# draft 0.8, 17 Sep 2021, Open Event Data Alliance, CC BY-SA 4.0); see ATTRIBUTION.md.\n"
                "# Rebuilt by scripts/build_event_lexicon.py.\n")
        for code in sorted(crosswalk, key=lambda c: (c.ljust(4, "0"), len(c))):
            f.write("\t".join((code, *crosswalk[code])) + "\n")
    verbs = read_cameo_verbs(data / "petrarch2-dictionaries" / "CAMEO.2.0.txt")
    rows = 0
    with OUT_EN.open("w", encoding="utf-8") as f:
        f.write("# English event triggers: verb form, object keyword (* = any), CAMEO code. Derived from PETRARCH2's\n"
                "# CAMEO.2.0 verb dictionary (Open Event Data Alliance, MIT); only codes the CAMEO→PLOVER\n"
                "# crosswalk maps are kept. Rebuilt by scripts/build_event_lexicon.py; see\n"
                "# src/vigie/resources/plover/ATTRIBUTION.md.\n")
        for form in sorted(verbs):
            for keyword, code in sorted(verbs[form].items()):
                if code in crosswalk or code[:3] in crosswalk:
                    f.write(f"{form}\t{keyword}\t{code}\n")
                    rows += 1
    print(f"wrote {OUT_CROSSWALK.relative_to(REPO)} ({len(crosswalk)} codes), {OUT_EN.relative_to(REPO)} ({rows} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
