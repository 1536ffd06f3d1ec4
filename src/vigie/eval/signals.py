"""``vigie eval signals``: trend and weak-signal detectors replayed on a French news stream.

The data (``shared/data/fr-news-rss-2023-2024``, third-party headlines and summaries: evaluation only)
are read as they are: ``articles.jsonl.gz`` (one item per line, in ``first_seen`` order), ``days.json``
(``missing_days``) and ``silver_stories.json`` (the project's silver stories: kind, seed terms,
mainstream date, matching ids). Nothing from them is written anywhere but the report (terms and ids).

The replay protocol of the data's SOURCE.md, for the anchor and vigie in the same pass:

- the stream is fed day by day in ``first_seen`` order, each item as ``Item(id, publisher(source),
  title, summary)``; each detector sees a day only after every earlier one and returns at most
  ``budget`` flags for it (10);
- the missing days are masked (never fed: windows count observed days); the first 7 observed days are
  warm-up (learned, no flags), and so is the first day after 3 or more missing days (its items are the
  gap's backlog);
- a flag maps to a story when its term (or a term merged into it, listed as ``related``) contains one
  of the story's seed terms, both folded the same way, a final -s/-x ignored (``punaise lit`` maps to ``punaises``; ``nouvelle caledonie`` to
  ``nouvelle-caledonie``). This is lenient: a seed can be flagged for an unrelated reason. The
  ``ids`` mapping, more lenient still, also maps a flag to a story when most of its sample items are
  among the story's matching ids;
- a story is **caught** by a flag that maps to it within the 30 days up to its mainstream date, **early**
  when that flag comes before the mainstream date; the **lead** is mainstream date − first such flag, in
  days. Per kind: stories caught by the mainstream day, caught early, median lead of the early ones;
- **growth precision**: a flag on day d is *confirmed* when its term's items over the 7 observed days
  after d reach at least 20 and at least twice its items over the 7 observed days before d (d itself
  in neither). Flags without 7 observed days after them (the stream's end) are left out. Measured in
  the same pass from the same counts, online (each flag waits for its 7 days).
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from vigie.analysis.signals import (
    GROWTH_FEATURES,
    AnchorDetector,
    Detector,
    Flag,
    SignalDetector,
    days_of,
    growth_features,
    replay,
)
from vigie.analysis.terms import DayCounts, Item, count_day, publisher, words
from vigie.eval import datasets as ds

DATASET = "fr-news-rss-2023-2024"
KINDS = ("breaking", "scheduled", "slow_build")
CONFIRM_DAYS = 7
CONFIRM_MIN_ITEMS = 20
CONFIRM_FACTOR = 2.0
CATCH_WINDOW_DAYS = 30

# Issue 8's anchor figures (a plain term-burst z-score, 10 flags a day), on all 20 silver stories
# (11 breaking, 9 slow-building); this folder holds 10 of them.
ANCHOR_ISSUE = {
    "breaking_caught_by_mainstream": "9/11",
    "slow_build_early": "4/9",
    "slow_build_median_lead_days": 2,
    "growth_precision": 0.145,
}
TARGETS = {
    "breaking": "every breaking story flagged by its first (mainstream) day",
    "slow_build": ">= 70 % early, median lead >= 5 days",
    "growth_precision": ">= 0.30",
}


@dataclass
class Story:
    id: str
    kind: str
    seeds: list[list[str]]
    mainstream: date
    onset: date | None
    ids: frozenset[str]


def read_stories(path: Path) -> list[Story]:
    return read_stories_from(json.loads(path.read_text(encoding="utf-8")))


def read_stories_from(data: dict[str, Any] | list[dict[str, Any]]) -> list[Story]:
    """Stories of ``silver_stories.json`` (its ``stories`` list); seed terms folded like terms."""
    out = []
    for s in data["stories"] if isinstance(data, dict) else data:
        seeds = [_stems([w for clause in words(seed, frozenset()) for w in clause]) for seed in s["seed_terms"]]
        out.append(Story(s["story_id"], s["kind"], seeds, date.fromisoformat(s["mainstream_date"]),
                         date.fromisoformat(s["onset_date_30d"]) if s.get("onset_date_30d") else None,
                         frozenset(s.get("matching_ids", ()))))
    return out


def read_missing(path: Path) -> list[date]:
    return [date.fromisoformat(d) for d in json.loads(path.read_text(encoding="utf-8")).get("missing_days", [])]


def read_stream(path: Path) -> Iterator[tuple[date, Item]]:
    """(first_seen, item) records of ``articles.jsonl.gz``, in file order, sources as publishers."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            yield (date.fromisoformat(r["first_seen"]),
                   Item(r["id"], publisher(r["source"]), r.get("title") or "", r.get("summary") or ""))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _stems(tokens: list[str]) -> list[str]:
    return [_stem(t) for t in tokens]


def seed_match(term: str, story: Story) -> bool:
    """The term contains one of the story's seed terms (folded, final -s/-x ignored)."""
    toks = _stems(term.split())
    for seed in story.seeds:
        n = len(seed)
        if n and any(toks[i:i + n] == seed for i in range(len(toks) - n + 1)):
            return True
    return False


def flag_matches(flag: Flag, story: Story) -> bool:
    """The flag's term, or one of the terms merged into it (its ``related``), contains a seed term."""
    return seed_match(flag.term, story) or any(seed_match(t, story) for t in flag.related)


def ids_match(flag: Flag, story: Story) -> bool:
    return bool(flag.samples) and sum(1 for i in flag.samples if i in story.ids) * 2 > len(flag.samples)


@dataclass
class _Pending:
    flag: Flag
    before: int
    after: int = 0
    days_left: int = CONFIRM_DAYS


@dataclass
class GrowthTracker:
    """Online growth confirmation: each flag's term counted over the 7 observed days before and after it."""

    recent: deque = field(default_factory=lambda: deque(maxlen=CONFIRM_DAYS))  # dicts term -> items
    pending: list[_Pending] = field(default_factory=list)
    done: list[tuple[Flag, bool, int, int]] = field(default_factory=list)

    def day(self, counts: DayCounts, flags: Iterable[Flag]) -> None:
        # today's items go to the flags still waiting (their "after" window), not to today's flags
        still = []
        for p in self.pending:
            td = counts.terms.get(p.flag.term)
            p.after += td.items if td else 0
            p.days_left -= 1
            if p.days_left == 0:
                ok = p.after >= CONFIRM_MIN_ITEMS and p.after >= CONFIRM_FACTOR * p.before
                self.done.append((p.flag, ok, p.before, p.after))
            else:
                still.append(p)
        self.pending = still
        for f in flags:
            before = sum(d.get(f.term, 0) for d in self.recent)
            self.pending.append(_Pending(f, before))
        self.recent.append({t: td.items for t, td in counts.terms.items()})


def _catch(flags: list[Flag], stories: list[Story], mapping: str) -> list[dict[str, Any]]:
    out = []
    for s in stories:
        lo = s.mainstream - timedelta(days=CATCH_WINDOW_DAYS)
        hits = [f for f in flags if lo <= f.day <= s.mainstream
                and (flag_matches(f, s) or (mapping == "ids" and ids_match(f, s)))]
        first = min(hits, key=lambda f: (f.day, -f.score)) if hits else None
        out.append({
            "story": s.id, "kind": s.kind, "mainstream": s.mainstream.isoformat(),
            "first_flag": first.day.isoformat() if first else None,
            "lead_days": (s.mainstream - first.day).days if first else None,
            "term": first.term if first else None, "detector": first.detector if first else None,
            "flags_in_window": len(hits),
        })
    return out


def _kinds(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out = {}
    for kind in KINDS:
        rs = [r for r in rows if r["kind"] == kind]
        if not rs:
            continue
        caught = [r for r in rs if r["lead_days"] is not None]
        early = [r for r in caught if r["lead_days"] > 0]
        out[kind] = {
            "stories": len(rs),
            "caught_by_mainstream": len(caught),
            "caught_early": len(early),
            "early_share": round(len(early) / len(rs), 3),
            "median_lead_days": statistics.median(r["lead_days"] for r in early) if early else None,
        }
    return out


def score(flags: list[Flag], confirmations: list[tuple[Flag, bool, int, int]], stories: list[Story],
          split: date | None = None) -> dict[str, Any]:
    """Story catches per kind (seed and ids mappings) and growth precision, overall and per flag kind."""
    rows = {m: _catch(flags, stories, m) for m in ("seeds", "ids")}
    by_kind: dict[str, list[bool]] = {}
    for f, ok, _, _ in confirmations:
        by_kind.setdefault(f.detector, []).append(ok)
    confirmed = sum(ok for _, ok, _, _ in confirmations)
    days = len({f.day for f in flags})
    out: dict[str, Any] = {
        "flags": len(flags),
        "days_with_flags": days,
        "flags_by_detector": dict(Counter(f.detector for f in flags).most_common()),
        "growth_precision": round(confirmed / len(confirmations), 4) if confirmations else None,
        "confirmed": confirmed,
        "scored_flags": len(confirmations),
        "growth_precision_by_detector": {k: {"precision": round(sum(v) / len(v), 4), "flags": len(v)}
                                         for k, v in sorted(by_kind.items())},
        "stories": _kinds(rows["seeds"]),
        "stories_ids_mapping": _kinds(rows["ids"]),
        "per_story": rows["seeds"],
        "per_story_ids_mapping": rows["ids"],
    }
    if split is not None:
        halves = {}
        for name, keep in ((f"before {split}", lambda d: d < split), (f"from {split}", lambda d: d >= split)):
            c = [ok for f, ok, _, _ in confirmations if keep(f.day)]
            halves[name] = {"growth_precision": round(sum(c) / len(c), 4) if c else None, "scored_flags": len(c)}
        out["growth_precision_by_period"] = halves
    return out


def run(data_dir: Path | None = None, *, budget: int = 10, flags_out: Path | None = None,
        progress: bool = False, detectors: list[Detector] | None = None,
        days: Iterable[tuple[date, list[Item] | DayCounts]] | None = None, stories: list[Story] | None = None,
        missing: Iterable[date] = (), split: date | None = date(2024, 1, 1)) -> dict[str, Any]:
    """Replay the stream through the anchor and vigie's detector and score both.

    ``days``/``stories``/``missing`` replace the shared data (tests, synthetic replays)."""
    started = time.perf_counter()
    folder = None
    if days is None:
        root = data_dir or ds.default_data_dir()
        folder = root / DATASET
        if not folder.is_dir():
            return {"dataset": DATASET, "skipped": f"{folder} not found", "data_dir": str(root)}
        stories = read_stories(folder / "silver_stories.json")
        missing = read_missing(folder / "days.json")
        days = days_of(read_stream(folder / "articles.jsonl.gz"))
    stories = stories or []
    missing = set(missing)
    detectors = detectors or [AnchorDetector(budget=budget), SignalDetector(budget=budget)]
    trackers = {d.name: GrowthTracker() for d in detectors}
    flags: dict[str, list[Flag]] = {d.name: [] for d in detectors}
    counted = _counted(days)
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(unit="day", desc="replay", leave=False)
    n_days = n_items = 0
    for day, by_detector in replay(counted, detectors, masked=missing):
        counts = counted.last
        n_days += 1
        n_items += counts.items
        for name, fl in by_detector.items():
            flags[name].extend(fl)
            trackers[name].day(counts, fl)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    if flags_out is not None:
        with flags_out.open("w", encoding="utf-8") as f:
            for name, fl in flags.items():
                for flag in fl:
                    f.write(json.dumps({"system": name, **flag.to_json()}, ensure_ascii=False) + "\n")
    report: dict[str, Any] = {
        "dataset": DATASET,
        "data_dir": str(folder.parent) if folder else None,
        "observed_days": n_days,
        "items": n_items,
        "masked_days": len(missing),
        "budget": budget,
        "protocol": {
            "warmup_days": 7, "backlog_after_gap_days": 3, "catch_window_days": CATCH_WINDOW_DAYS,
            "confirmed": f"items over the {CONFIRM_DAYS} observed days after the flag >= {CONFIRM_MIN_ITEMS} "
                         f"and >= {CONFIRM_FACTOR:g} x items over the {CONFIRM_DAYS} observed days before it",
        },
        "stories": dict(Counter(s.kind for s in stories)),
        "systems": {d.name: {**score(flags[d.name], trackers[d.name].done, stories, split),
                             "settings": _settings(d)} for d in detectors},
        "anchor_from_issue": ANCHOR_ISSUE,
        "targets": TARGETS,
        "seconds": round(time.perf_counter() - started, 1),
    }
    return report


def _settings(detector: Detector) -> dict[str, Any]:
    if isinstance(detector, SignalDetector):
        return asdict(detector.config)
    if isinstance(detector, AnchorDetector):
        return {"budget": detector.budget, "window": detector.history.window, "min_z": detector.min_z}
    return {"budget": detector.budget}


class _counted:
    """Days as DayCounts (counted once for every detector and the growth tracker), the last one kept."""

    def __init__(self, days: Iterable[tuple[date, list[Item] | DayCounts]]):
        self.days = days
        self.last: DayCounts | None = None

    def __iter__(self) -> Iterator[tuple[date, DayCounts]]:
        for day, data in self.days:
            counts = data if isinstance(data, DayCounts) else count_day(day, data)
            self.last = counts
            yield day, counts


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def format_report(report: dict[str, Any]) -> str:
    if "skipped" in report:
        return f"skipped {report['dataset']}: {report['skipped']}"
    out = [f"== {report['dataset']}: {report['items']} items over {report['observed_days']} observed days "
           f"({report['masked_days']} masked), at most {report['budget']} flags a day, {report['seconds']} s",
           "   stories: " + ", ".join(f"{k} {v}" for k, v in report["stories"].items()),
           f"   confirmed flag: {report['protocol']['confirmed']}"]
    systems = report["systems"]
    w = max(8, *(len(n) for n in systems))
    for mapping, key in (("seed terms", "stories"), ("seed terms or matching ids", "stories_ids_mapping")):
        out.append(f"\n-- stories caught (flag within {report['protocol']['catch_window_days']} days up to the "
                   f"mainstream date; mapping: {mapping})")
        header = f"   {'system':<{w}} {'kind':<11} {'by mainstream':>13} {'early':>7} {'median lead':>12}"
        out.append(header)
        for name, sysrep in systems.items():
            for kind, k in sysrep[key].items():
                lead = "–" if k["median_lead_days"] is None else f"{k['median_lead_days']:g} d"
                out.append(f"   {name:<{w}} {kind:<11} {k['caught_by_mainstream']:>6}/{k['stories']:<6} "
                           f"{k['caught_early']:>3}/{k['stories']:<3} {lead:>12}")
    out.append("\n-- growth precision (share of flags confirmed by growth)")
    for name, sysrep in systems.items():
        per = ", ".join(f"{k} {_pct(v['precision'])} of {v['flags']}"
                        for k, v in sysrep["growth_precision_by_detector"].items())
        periods = ", ".join(f"{k} {_pct(v['growth_precision'])}"
                            for k, v in sysrep.get("growth_precision_by_period", {}).items())
        out.append(f"   {name:<{w}} {_pct(sysrep['growth_precision'])} ({sysrep['confirmed']}/{sysrep['scored_flags']}; "
                   f"{sysrep['flags']} flags on {sysrep['days_with_flags']} days)" + (f"; {per}" if len(
                       sysrep["growth_precision_by_detector"]) > 1 else "") + (f"; {periods}" if periods else ""))
    out.append("\n-- per story (seed terms): first flag, lead, term, detector")
    for name, sysrep in systems.items():
        for r in sysrep["per_story"]:
            if r["first_flag"]:
                out.append(f"   {name:<{w}} {r['story']:<20} {r['kind']:<10} mainstream {r['mainstream']}  first flag "
                           f"{r['first_flag']} (lead {r['lead_days']} d) «{r['term']}» {r['detector']}")
            else:
                out.append(f"   {name:<{w}} {r['story']:<20} {r['kind']:<10} mainstream {r['mainstream']}  not flagged")
    a = report["anchor_from_issue"]
    out.append(f"\n   issue 8's anchor on all 20 stories: breaking {a['breaking_caught_by_mainstream']} by mainstream, "
               f"slow {a['slow_build_early']} early (median lead {a['slow_build_median_lead_days']} d), "
               f"growth precision {_pct(a['growth_precision'])}")
    out.append("   targets: " + "; ".join(f"{k}: {v}" for k, v in report["targets"].items()))
    return "\n".join(out)


def fit_growth(data_dir: Path | None = None, until: date = date(2024, 1, 1), *, l2: float = 0.02,
               steps: int = 5000, **settings: Any) -> dict[str, Any]:
    """Fit the growth model of vigie's detector on the stream's days before ``until`` only.

    Every candidate flag of every kind (before selection and budget; the event pairs apart, a rule of
    their own) is labelled with the eval's growth confirmation; one logistic regression per kind, on
    standardised features with an L2 penalty, by plain gradient descent (deterministic). Returns, per
    kind, the intercept and weights on the raw features (paste them into ``GROWTH_MODEL``), with the
    candidates' count and confirmed share on each side of ``until``. ``settings`` change the detector's
    other settings (:class:`~vigie.analysis.signals.SignalConfig`)."""
    import numpy as np

    folder = (data_dir or ds.default_data_dir()) / DATASET
    missing = read_missing(folder / "days.json")
    detector = SignalDetector(**{**settings, "min_growth": 0.0, "weak_min_growth": 0.0})
    tracker = GrowthTracker()
    today: list[Flag] = []
    detector.on_candidates = lambda counts, flags: today.extend(flags)
    counted = _counted(days_of(read_stream(folder / "articles.jsonl.gz")))
    for _ in replay(counted, [detector], masked=missing):
        tracker.day(counted.last, today)
        today.clear()
    out: dict[str, Any] = {"until": until.isoformat(), "features": list(GROWTH_FEATURES), "kinds": {}}
    for kind in ("breaking", "rising", "burst", "weak"):
        rows = [(f, ok, b) for f, ok, b, _ in tracker.done if f.detector == kind and "event" not in f.details]
        X = np.array([growth_features(f, b) for f, _, b in rows])
        y = np.array([ok for _, ok, _ in rows], dtype=float)
        train = np.array([f.day < until for f, _, _ in rows], dtype=bool)
        if train.sum() < 2:
            out["kinds"][kind] = {"intercept": None, "weights": None, "train": {"candidates": int(train.sum())}}
            continue
        mu, sd = X[train].mean(0), X[train].std(0) + 1e-9
        Z = np.hstack([(X[train] - mu) / sd, np.ones((int(train.sum()), 1))])
        w = np.zeros(Z.shape[1])
        for _ in range(steps):
            p = 1 / (1 + np.exp(-Z @ w))
            w -= 0.5 * (Z.T @ (p - y[train]) / len(Z) + l2 * np.r_[w[:-1], 0])
        weights = w[:-1] / sd
        out["kinds"][kind] = {
            "intercept": round(float(w[-1] - (w[:-1] * mu / sd).sum()), 3),
            "weights": [round(float(v), 3) for v in weights],
            "train": {"candidates": int(train.sum()), "confirmed": round(float(y[train].mean()), 4)},
            "held_out": {"candidates": int((~train).sum()),
                         "confirmed": round(float(y[~train].mean()), 4) if (~train).any() else None},
        }
    return out


if __name__ == "__main__":  # python -m vigie.eval.signals --fit-growth 2024-01-01 [DATA_DIR]
    import sys

    if len(sys.argv) >= 3 and sys.argv[1] == "--fit-growth":
        print(json.dumps(fit_growth(Path(sys.argv[3]) if len(sys.argv) > 3 else None,
                                    date.fromisoformat(sys.argv[2])), indent=2))
