"""Evaluation commands: ``vigie eval extraction``, ``vigie eval ner``, ``vigie eval actors``, ``vigie eval timex``,
``vigie eval quotes``, ``vigie eval events``, ``vigie eval signals``, ``vigie eval stories``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.cli.common import EXIT_OK, EXIT_USAGE, error, print_json


def add_parsers(sub, parent) -> None:
    from vigie.eval import EXTRACTION_BENCHMARKS as ALL

    p = sub.add_parser("eval", help="evaluate vigie against published benchmarks")
    evals = p.add_subparsers(dest="eval_command", metavar="EVALUATION", required=True)
    e = evals.add_parser(
        "extraction", parents=[parent],
        help="HTML extraction, metadata, dates and scraped-text cleaning: vigie vs plain trafilatura/htmldate",
    )
    e.add_argument("--dataset", action="append", choices=ALL, metavar="NAME",
                   help=f"run only this benchmark (repeatable): {', '.join(ALL)}")
    e.add_argument("--limit", type=int, help="at most N pages per benchmark")
    e.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding the benchmarks (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    e.add_argument("--dump-dir", type=Path, metavar="DIR",
                   help="keep the generated text dumps here (third-party text: use a gitignored folder; "
                        "default: a temporary folder, deleted)")
    e.add_argument("--details", action="store_true", help="with --json: per-page scores too")
    e.set_defaults(run=run_extraction)

    n = evals.add_parser("ner", parents=[parent],
                         help="named entities on WiNER-fr (PER/LOC/ORG): vigie vs bare spaCy, strict and partial")
    _common_nlp_options(n, "documents")
    n.add_argument("--details", action="store_true",
                   help="per-document errors (missed gold and wrong predictions, with their text and kind)")
    n.set_defaults(run=run_ner)

    a = evals.add_parser("actors", parents=[parent],
                         help="actor linking (Wikidata QIDs) and metonymy on HIPE-2020 French")
    _common_nlp_options(a, "documents per split")
    a.add_argument("--split", choices=("dev", "test", "both"), default="both", help="HIPE split(s) to score (default: both)")
    a.add_argument("--details", action="store_true", help="per-document linking and metonymy errors")
    a.set_defaults(run=run_actors)

    t = evals.add_parser("timex", parents=[parent],
                         help="time expressions (TIMEX3) on French TimeBank and hand-checked Recognizers-Text cases: "
                              "vigie vs Duckling and dateparser")
    t.add_argument("--dataset", choices=("fr-timebank", "recognizers", "all"), default="all",
                   help="fr-timebank (needs the shared data), recognizers (shipped with vigie) or all (default)")
    t.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding the datasets (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    t.add_argument("--model", default="fr_core_news_md", metavar="NAME",
                   help="spaCy pipeline whose Doc vigie's time stage gets (default: fr_core_news_md; 'none': no Doc)")
    t.add_argument("--details", action="store_true",
                   help="every error: per document (missed, spurious, boundary, type, value, with context) and "
                        "every failed Recognizers case")
    t.set_defaults(run=run_timex)

    q = evals.add_parser("quotes", parents=[parent],
                         help="quotes and speakers against a hand-made gold set (span P/R/F1 exact and overlap, "
                              "speaker accuracy, per kind)")
    q.add_argument("--gold", type=Path, required=True, metavar="FILE",
                   help="gold quotes, one JSON object per line (e.g. gold/quotes/winer-fr-dev.jsonl); a docs.txt "
                        "beside it lists every annotated document")
    q.add_argument("--docs", type=Path, required=True, metavar="DIR",
                   help="folder with the documents' .txt files (searched recursively), e.g. ../shared/data/winer-fr")
    q.add_argument("--limit", type=int, help="at most N documents")
    q.add_argument("--model", default="fr_core_news_md", metavar="NAME", help="spaCy pipeline for French")
    q.add_argument("--details", action="store_true", help="per document: missed, spurious, boundary, kind, speaker")
    q.set_defaults(run=run_quotes)

    v = evals.add_parser("events", parents=[parent],
                         help="coded events (PLOVER): English PLOVER gold sentences and PETRARCH2 unit tests, "
                              "and a hand-made French gold set (--gold/--docs)")
    v.add_argument("--dataset", choices=("plover-gsr", "petrarch2", "all"),
                   help="English set(s) to score (default: all, unless --gold is given alone)")
    v.add_argument("--gold", type=Path, metavar="FILE",
                   help="French gold events, one JSON object per line (e.g. gold/events/winer-fr-dev.jsonl); a "
                        "docs.txt beside it lists every annotated document")
    v.add_argument("--docs", type=Path, metavar="DIR",
                   help="with --gold: folder with the documents' .txt files (searched recursively), e.g. "
                        "../shared/data/winer-fr")
    v.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding the English sets (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    v.add_argument("--limit", type=int, help="at most N sentences / cases / documents per set")
    v.add_argument("--model", default="fr_core_news_md", metavar="NAME",
                   help="spaCy pipeline for French (default: fr_core_news_md, whatever $VIGIE_FR_MODEL says)")
    v.add_argument("--details", action="store_true",
                   help="one row per error: sentence, gold vs vigie type, trigger, source and target")
    v.set_defaults(run=run_events)

    g = evals.add_parser("signals", parents=[parent],
                         help="trend and weak-signal detectors replayed day by day on fr-news-rss-2023-2024: "
                              "vigie vs the term-burst anchor, stories caught early and growth precision")
    g.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding fr-news-rss-2023-2024 (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    g.add_argument("--budget", type=int, default=10, help="at most N flags a day, for every system (default: 10)")
    g.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE[,KEY=VALUE]",
                   help="a setting of vigie's detector (repeatable), e.g. weak_budget=0")
    g.add_argument("--variant", action="append", default=[], metavar="KEY=VALUE[,KEY=VALUE]",
                   help="also replay vigie's detector with these settings, in the same pass (repeatable)")
    g.add_argument("--flags", type=Path, metavar="FILE",
                   help="write every flag (system, day, term, counts, explanation) as JSON Lines to FILE")
    g.set_defaults(run=run_signals)

    w = evals.add_parser("alerts", parents=[parent],
                         help="watchlists replayed day by day on fr-news-rss-2023-2024: first spike alert against "
                              "each silver story's mainstream day, alerts per day against the budget")
    w.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding fr-news-rss-2023-2024 (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    w.add_argument("--budget", type=int, default=10, help="alerts sent per watchlist and day (default: 10)")
    w.add_argument("--until", help="stop the stream after this day, YYYY-MM-DD (default: all of it)")
    w.add_argument("--store", type=Path, metavar="FILE",
                   help="keep the replay's SQLite store there (reused when it exists; default: a temporary file)")
    w.set_defaults(run=run_alerts)

    c = evals.add_parser("stories", parents=[parent],
                         help="online story clustering replayed on fr-news-rss-2023-2024: B-cubed precision and "
                              "recall of the silver stories' matching ids, vigie vs near-duplicates only and "
                              "TF-IDF without decay")
    c.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding fr-news-rss-2023-2024 (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    c.add_argument("--set", dest="settings", default="", metavar="KEY=VALUE[,KEY=VALUE]",
                   help="clustering settings (e.g. threshold=0.25,half_life=3)")
    c.add_argument("--thread-set", dest="thread_settings", default="", metavar="KEY=VALUE[,KEY=VALUE]",
                   help="settings of the thread layer over the stories (e.g. join=0.3,merge=0.35)")
    c.add_argument("--days", type=int, help="only the first N days of the stream")
    c.add_argument("--no-baselines", action="store_true", help="vigie's clustering only")
    c.set_defaults(run=run_stories)


def _common_nlp_options(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--limit", type=int, help=f"at most N {what}")
    p.add_argument("--data", type=Path, metavar="DIR",
                   help="folder holding the datasets (default: $VIGIE_EVAL_DATA, else ../shared/data)")
    p.add_argument("--model", default="fr_core_news_md", metavar="NAME",
                   help="spaCy pipeline for French, for every system (default: fr_core_news_md, whatever "
                        "$VIGIE_FR_MODEL says)")


def run_extraction(args: argparse.Namespace) -> int:
    from vigie.eval.extraction import format_report, run

    if args.limit is not None and args.limit < 1:
        error("--limit", "must be at least 1")
        return EXIT_USAGE
    report = run(args.dataset, data_dir=args.data, limit=args.limit, details=args.details, dump_dir=args.dump_dir)
    if args.json:
        print_json(report, pretty=True)
    else:
        print(format_report(report))
    if not report["datasets"]:
        sys.stderr.write("vigie: no benchmark found under " + report["data_dir"] + "\n")
    return EXIT_OK


def _limit_ok(args: argparse.Namespace) -> bool:
    if args.limit is not None and args.limit < 1:
        error("--limit", "must be at least 1")
        return False
    return True


def run_ner(args: argparse.Namespace) -> int:
    from vigie.eval.ner import format_report, run

    if not _limit_ok(args):
        return EXIT_USAGE
    report = run(data_dir=args.data, limit=args.limit, model=args.model, details=args.details)
    print_json(report, pretty=True) if args.json else print(format_report(report))
    return EXIT_OK


def run_actors(args: argparse.Namespace) -> int:
    from vigie.eval.actors import format_report, run

    if not _limit_ok(args):
        return EXIT_USAGE
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    report = run(splits, data_dir=args.data, limit=args.limit, model=args.model, details=args.details)
    print_json(report, pretty=True) if args.json else print(format_report(report))
    return EXIT_OK


def run_timex(args: argparse.Namespace) -> int:
    from vigie.eval.timex import DATASETS, format_report, run

    datasets = DATASETS if args.dataset == "all" else (args.dataset,)
    model = None if args.model.lower() == "none" else args.model
    report = run(datasets, data_dir=args.data, details=args.details, model=model)
    print_json(report, pretty=True) if args.json else print(format_report(report))
    return EXIT_OK


def run_quotes(args: argparse.Namespace) -> int:
    from vigie.eval.ner import forced_model
    from vigie.eval.quotes import format_report, run

    if not _limit_ok(args):
        return EXIT_USAGE
    for path in (args.gold, args.docs):
        if not path.exists():
            error(str(path), "not found")
            return EXIT_USAGE
    with forced_model(args.model):
        try:
            report = run(args.gold, args.docs, details=args.details, limit=args.limit)
        except ValueError as e:
            error(str(args.gold), str(e))
            return EXIT_USAGE
    print_json(report, pretty=True) if args.json else print(format_report(report))
    return EXIT_OK


def run_events(args: argparse.Namespace) -> int:
    from vigie.eval.events import ENGLISH, format_report, run
    from vigie.eval.ner import forced_model

    if not _limit_ok(args):
        return EXIT_USAGE
    if (args.gold is None) != (args.docs is None):
        error("--gold" if args.gold is None else "--docs", "--gold and --docs go together")
        return EXIT_USAGE
    for path in (args.gold, args.docs):
        if path is not None and not path.exists():
            error(str(path), "not found")
            return EXIT_USAGE
    if args.dataset is None:
        datasets = () if args.gold else ENGLISH
    else:
        datasets = ENGLISH if args.dataset == "all" else (args.dataset,)
    with forced_model(args.model):
        try:
            report = run(datasets, gold=args.gold, docs=args.docs, data_dir=args.data, limit=args.limit,
                         details=args.details)
        except ValueError as e:
            error(str(args.gold), str(e))
            return EXIT_USAGE
    print_json(report, pretty=True) if args.json else print(format_report(report))
    if not report["datasets"]:
        sys.stderr.write("vigie: no event set found under " + report["data_dir"] + "\n")
    return EXIT_OK


def run_signals(args: argparse.Namespace) -> int:
    from vigie.analysis.signals import AnchorDetector, SignalDetector, parse_settings
    from vigie.eval.signals import format_report, run

    if args.budget < 1:
        error("--budget", "must be at least 1")
        return EXIT_USAGE
    try:
        settings = parse_settings(",".join(args.settings))
        variants = [(spec, parse_settings(spec)) for spec in args.variant]
    except ValueError as e:
        error("--set/--variant", str(e))
        return EXIT_USAGE
    detectors = [AnchorDetector(budget=args.budget), SignalDetector(**{"budget": args.budget, **settings})]
    detectors += [SignalDetector(name=f"vigie[{spec}]", **{"budget": args.budget, **settings, **v})
                  for spec, v in variants]
    report = run(args.data, budget=args.budget, detectors=detectors, flags_out=args.flags,
                 progress=not args.json and sys.stderr.isatty())
    print_json(report, pretty=True) if args.json else print(format_report(report))
    if "skipped" in report:
        sys.stderr.write("vigie: " + report["skipped"] + "\n")
    return EXIT_OK


def run_alerts(args: argparse.Namespace) -> int:
    import tempfile
    from datetime import date

    from vigie.eval.alerts import format_report, run
    from vigie.store import open_store

    try:
        until = date.fromisoformat(args.until) if args.until else None
    except ValueError as e:
        error(args.until, str(e))
        return EXIT_USAGE
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.store or Path(tmp) / "replay.db")
        try:
            report = run(store, args.data, until=until, budget=args.budget,
                         progress=not args.json and sys.stderr.isatty())
        finally:
            store.close()
    print_json(report, pretty=True) if args.json else print(format_report(report))
    return EXIT_OK


def run_stories(args: argparse.Namespace) -> int:
    from vigie.analysis.stories import Settings
    from vigie.analysis.threads import ThreadSettings
    from vigie.eval.stories import format_report, run

    if args.days is not None and args.days < 1:
        error("--days", "must be at least 1")
        return EXIT_USAGE
    try:
        settings = Settings.parse(args.settings)
    except ValueError as e:
        error("--set", str(e))
        return EXIT_USAGE
    try:
        thread_settings = ThreadSettings.parse(args.thread_settings)
    except ValueError as e:
        error("--thread-set", str(e))
        return EXIT_USAGE
    report = run(args.data, settings=settings, with_baselines=not args.no_baselines, days=args.days,
                 progress=not args.json and sys.stderr.isatty(), thread_settings=thread_settings)
    print_json(report, pretty=True) if args.json else print(format_report(report))
    if "skipped" in report:
        sys.stderr.write("vigie: " + report["skipped"] + "\n")
    return EXIT_OK
