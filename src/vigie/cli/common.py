"""What every command shares: output helpers, exit codes, the store option."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts, so ``vigie search otan --json`` works."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parent.add_argument("--db", metavar="PATH", help="SQLite file (default: $VIGIE_DB or the user data dir)")
    return parent


def print_json(obj: Any, *, pretty: bool = False) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None) + "\n")


def error(item: str, reason: str) -> None:
    """Errors go to stderr and name the item and the reason."""
    sys.stderr.write(f"vigie: error: {item}: {reason}\n")


def day_range(args) -> tuple[str | None, str | None] | None:
    """``--since``/``--until`` as ISO days (YYYY-MM-DD), or None after reporting a bad one."""
    from datetime import date

    try:
        return (args.since and date.fromisoformat(args.since).isoformat(),
                args.until and date.fromisoformat(args.until).isoformat())
    except ValueError as e:
        error(args.since or args.until, str(e))
        return None
