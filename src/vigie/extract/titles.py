"""Titles without the publisher: "Sommet de l'Otan - Le Monde" → "Sommet de l'Otan"."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from vigie.textfold import fold

# Separators publishers put between headline and site name, longest first.
_SEPARATORS = re.compile(r"\s+(?:[-|–—·•:]{1,2}|::)\s+")
MAX_SUFFIX_WORDS = 6


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


def publisher_names(sitename: str | None, url: str | None) -> set[str]:
    """Folded, space-less forms the publisher is known by: its site name and its domain label."""
    names = set()
    if sitename:
        names.add(_squash(re.sub(r"\.(fr|com|net|org|co\.uk|be|ch|ca)$", "", sitename.strip(), flags=re.I)))
    host = urlsplit(url).hostname if url else None
    if host:
        labels = host.lower().split(".")
        # The registered name: "lesechos" in www.lesechos.fr, "bbc" in www.bbc.co.uk.
        core = labels[:-2] if len(labels) > 2 and labels[-2] in {"co", "com", "org", "gouv", "ac"} else labels[:-1]
        if core:
            names.add(_squash(core[-1]))
    names.discard("")
    return names


def strip_publisher(title: str, sitename: str | None = None, url: str | None = None,
                    h1: str | None = None) -> str:
    """Remove a leading or trailing publisher name from a page title.

    Only a part that *is* the publisher (its site name or domain) is removed, so a headline
    like "Russie - Otan : la rupture" keeps both sides. When the page's <h1> is the title
    without its decorations, the <h1> wins.
    """
    title = title.strip()
    if h1 and len(h1) >= 10 and h1 != title and fold(h1):
        # "Headline - Site" or "Section : Headline" around the page's own <h1>: the <h1> is the headline.
        t, h = fold(title), fold(h1)
        if t.startswith(h) or (t.endswith(h) and len(h) >= 0.5 * len(t)):
            return h1.strip()
    names = publisher_names(sitename, url)
    if not names:
        return title
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    seps = _SEPARATORS.findall(title)
    # Trailing: "Headline | Les Echos", also "Headline - International - Le Monde".
    while len(parts) > 1 and _is_publisher(parts[-1], names):
        parts.pop()
        seps.pop()
    # Leading: "Le Monde - Headline".
    while len(parts) > 1 and _is_publisher(parts[0], names):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:]):
        out += sep + part
    return out.strip()


def _is_publisher(part: str, names: set[str]) -> bool:
    if len(part.split()) > MAX_SUFFIX_WORDS:
        return False
    squashed = _squash(part)
    return bool(squashed) and any(squashed == n or (len(n) >= 3 and squashed.startswith(n)) for n in names)
