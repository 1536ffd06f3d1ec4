"""Entry point of the ``vigie`` command. Exit codes: 0 ok, 1 some item failed, 2 usage error."""

from __future__ import annotations

import argparse
import sys

from vigie import __version__
from vigie.cli import actors, events, ingest, query, serve, signals, sources, stories, watch
from vigie.cli import eval as eval_cli
from vigie.cli.common import EXIT_FAILURE, EXIT_USAGE, common_options, error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vigie", description="News intelligence: read the news at scale.")
    parser.add_argument("--version", action="version", version=f"vigie {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parent = common_options()
    ingest.add_parsers(sub, parent)
    query.add_parsers(sub, parent)
    actors.add_parsers(sub, parent)
    events.add_parsers(sub, parent)
    signals.add_parsers(sub, parent)
    stories.add_parsers(sub, parent)
    eval_cli.add_parsers(sub, parent)
    sources.add_parsers(sub, parent)
    watch.add_parsers(sub, parent)
    serve.add_parsers(sub, parent)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits with 2 on a usage error
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # last resort: say what went wrong, no traceback for users
        error(args.command, f"{type(e).__name__}: {e}")
        return EXIT_FAILURE if not isinstance(e, (ValueError,)) else EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
