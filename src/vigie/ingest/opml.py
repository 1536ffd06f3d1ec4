"""OPML import and export of feed subscriptions."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from vigie.errors import ItemError


def read_opml(item: str, data: bytes) -> list[tuple[str, str | None]]:
    """(feed URL, title) for every outline with an ``xmlUrl``, nested folders included."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as e:
        raise ItemError(item, f"not a valid OPML file ({e})") from None
    if root.tag.lower() != "opml":
        raise ItemError(item, f"not an OPML file (root element <{root.tag}>)")
    out = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            out.append((url.strip(), outline.get("title") or outline.get("text")))
    return out


def write_opml(feeds: list[tuple[str, str | None]], title: str = "vigie sources") -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_text(title)}</title></head>", "  <body>"]
    for url, name in feeds:
        label = quoteattr(name or url)
        lines.append(f'    <outline type="rss" text={label} title={label} xmlUrl={quoteattr(url)}/>')
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
