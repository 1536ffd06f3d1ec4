"""What every command shares: output helpers, exit codes, the store option."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, timedelta
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
    try:
        return (args.since and date.fromisoformat(args.since).isoformat(),
                args.until and date.fromisoformat(args.until).isoformat())
    except ValueError as e:
        error(args.since or args.until, str(e))
        return None


_RELATIVE = re.compile(r"(\d+)\s*d")


def period(since: str, until: str | None, newest: date) -> tuple[date, date]:
    """(first day, last day) of ``--since``/``--until``: ``--since Nd`` is the N days ending on the
    last day (``--until``, else ``newest``), or a day; ValueError naming the bad value."""
    try:
        last = date.fromisoformat(until) if until else newest
    except ValueError:
        raise ValueError(f"--until {until!r}: not a day (YYYY-MM-DD)") from None
    m = _RELATIVE.fullmatch(since.strip())
    if m:
        n = int(m.group(1))
        if n < 1:
            raise ValueError(f"--since {since!r}: at least 1d")
        return last - timedelta(days=n - 1), last
    try:
        first = date.fromisoformat(since)
    except ValueError:
        raise ValueError(f"--since {since!r}: neither Nd nor a day (YYYY-MM-DD)") from None
    if first > last:
        raise ValueError(f"--since {since} is after the period's last day {last}")
    return first, last
