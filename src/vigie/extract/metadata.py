"""Page metadata read straight from the HTML tree: JSON-LD (schema.org), meta tags, <title>,
<h1>, figure captions. One pass over the meta tags and the JSON-LD scripts; nothing here
modifies the tree (trafilatura prunes it afterwards)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from vigie.extract.bylines import parse_iso_or_text
from vigie.extract.normalize import normalize_line

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "liveblogposting", "webpage", "report",
                 "scholarlyarticle", "techarticle", "socialmediaposting"}
# Meta names (lower-cased, matched as suffixes: "og:article:published_time" counts).
PUBLISHED_META = ("published_time", "datepublished", "pubdate", "publishdate", "dc.date.issued",
                  "parsely-pub-date", "sailthru.date", "date")
UPDATED_META = ("modified_time", "datemodified", "updated_time", "last-modified")
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl", "twitter:creator")
_URLISH = re.compile(r"^(?:https?://|www\.|@)|\.(?:com|fr|org|net)\b", re.IGNORECASE)
_AUTHOR_PREFIX = re.compile(r"^(?:par|by|de|von|por|door|auteur\s*:?|author\s*:?|autor\s*:?|written by)\s+",
                            re.IGNORECASE)
_NOT_A_NAME = re.compile(r"[→←»›<>|@#]|^(?:name|author|autor|auteur|admin|administrator|anonymous|redaktion)$",
                         re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+")
_TITLE_BYLINE = re.compile(r"[,:–-]\s+(?:par|by)\s+([A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3})\s*(?:[(|–-]|$)")


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    h1: str | None = None
    headings: list[str] = field(default_factory=list)  # the first h1/h2 texts, as shown
    author: str | None = None
    # The JSON-LD author is a WordPress user (Yoast's "#/schema/person/<hash>" node): the account
    # that posted the article, which on a magazine may be an editor rather than the writer.
    author_is_account: bool = False
    sitename: str | None = None
    description: str | None = None
    published: datetime | None = None  # a timestamp: date and time of day
    published_day: datetime | None = None  # a date given without a time (midnight, local zone)
    # The JSON-LD's earlier datePublished, when the meta tag's publication stamp is the page's
    # last edit (see _edit_stamp): html.py takes it when the page's own dates confirm its day.
    published_first: datetime | None = None
    updated: datetime | None = None
    captions: list[tuple[str, str | None]] = field(default_factory=list)


# The elements read here, gathered in one walk over the page: a query of their own for each kind
# (meta, JSON-LD, headings, <title>, captions) was a walk of the whole tree each, most of this
# reader's time.
_WALKED = ("meta", "time", "script", "h1", "h2", "title", "figcaption")


def read_metadata(tree) -> PageMeta:
    found: dict[str, list] = {"meta": [], "time": [], "script": [], "heading": [], "title": [], "figcaption": []}
    for el in tree.iter(*_WALKED):
        found["heading" if el.tag in ("h1", "h2") else el.tag].append(el)
    meta = _meta_tags(found["meta"], found["time"])
    ld = _json_ld([el.text for el in found["script"] if el.get("type") == "application/ld+json" and el.text])
    out = PageMeta()
    heads = found["heading"]  # h1 and h2 in page order: the headline candidates
    out.headings = [t for t in map(_text, heads[:12]) if t]
    out.h1 = next((t for t in (_text(el) for el in heads if el.tag == "h1") if t), None)
    page_title = next((t for t in (_text(el) for el in found["title"] if _parent_tag(el) == "head") if t), None)
    out.sitename = _clean(ld.get("publisher") or meta.get("og:site_name") or meta.get("application-name"))
    out.title = _clean(meta.get("og:title") or meta.get("twitter:title") or ld.get("headline")
                       or page_title or out.h1)
    out.description = _clean(meta.get("og:description") or meta.get("description") or ld.get("description"))
    meta_published = _meta_datetime(meta, PUBLISHED_META)
    out.published = meta_published or ld.get("datePublished")
    out.published_day = ld.get("dayPublished") or _meta_datetime(meta, PUBLISHED_META, day_only=True)
    meta_updated = _meta_datetime(meta, UPDATED_META)
    out.updated = ld.get("dateModified") or meta_updated
    if meta_published is not None and _edit_stamp(meta_published, ld.get("datePublished"),
                                                 (ld.get("dateModified"), meta_updated)):
        out.published_first = ld["datePublished"]
    authors = ld.get("authors") or [meta[k] for k in AUTHOR_META if meta.get(k)][:1] or _author_elements(tree)
    out.author_is_account = bool(ld.get("authors")) and ld.get("author_is_account", False)
    out.author = clean_author("; ".join(authors), out.sitename) if authors else None
    out.captions = _captions(found["figcaption"])
    if out.author is None:  # "Turpitude et architecture, par Didier Roy (Les blogs du Diplo)"
        m = _TITLE_BYLINE.search(page_title or "")
        out.author = m.group(1) if m else None
    return out


def clean_author(author: str | None, publisher: str | None = None) -> str | None:
    """"Par X" → "X"; no e-mails or profile URLs; the publisher's own name is not an author
    ("Le Monde; Bertrand Bissuel") unless nobody else is named."""
    if not author:
        return None
    names = []
    for part in re.split(r"\s*[;|]\s*", author):
        part = _AUTHOR_PREFIX.sub("", normalize_line(_EMAIL.sub("", part))).strip(" ,")
        if part and not _URLISH.search(part) and not _NOT_A_NAME.search(part) and len(part) <= 80 \
                and part not in names:
            names.append(part)
    site = _site_key(publisher)
    kept = [n for n in names if _site_key(n) != site] if site else names
    return "; ".join(kept or names) or None


def is_publisher(author: str | None, publisher: str | None) -> bool:
    """Whether the "author" is only the publisher's name."""
    return bool(author and publisher) and _site_key(author) == _site_key(publisher)


def _site_key(name: str | None) -> str:
    return re.sub(r"\.(?:fr|com|net|org)$", "", (name or "").casefold().strip())


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = normalize_line(" ".join(value.split()))
    return value or None


def _parent_tag(el) -> str | None:
    parent = el.getparent()
    return parent.tag if parent is not None else None


def _meta_tags(metas: list, times: list) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in metas:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    for el in times:  # <time itemprop="datePublished" datetime="…">
        if el.get("itemprop") and el.get("datetime"):
            found.setdefault(el.get("itemprop").strip().lower(), el.get("datetime"))
    return found


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _meta_datetime(meta: dict[str, str], names: tuple[str, ...], day_only: bool = False) -> datetime | None:
    """A full timestamp (a time of day, not only a date) from meta tags; with ``day_only``,
    an ISO date without a time instead."""
    for name in names:
        for key, value in meta.items():
            if (not _ISO_DAY.match(value)) if day_only else (":" not in value):
                continue
            if key == name or key.endswith(":" + name) or (name != "date" and key.endswith("_" + name)):
                parsed = parse_iso_or_text(value)
                if parsed is not None and _plausible(parsed):
                    return parsed
    return None


def _edit_stamp(published: datetime, first: datetime | None, updated: tuple[datetime | None, ...]) -> bool:
    """The meta tag's publication stamp is the page's last edit: it is the instant, to the second,
    that the page gives as its modification, while its JSON-LD gives an earlier publication (some
    platforms refresh article:published_time on each edit and keep the first one in JSON-LD)."""
    if first is None or (first.tzinfo is None) != (published.tzinfo is None) or first >= published:
        return False
    return any(u is not None and (u.tzinfo is None) == (published.tzinfo is None)
               and abs(u - published) < timedelta(seconds=1) for u in updated)


def _plausible(when: datetime) -> bool:
    """A web page's date falls in the web's lifetime: a year like 1399 is another calendar
    (Iranian sites write the Solar Hijri date in their meta tags), not a Gregorian date."""
    return 1990 <= when.year <= datetime.now().year + 1


def _json_ld(scripts: list[str]) -> dict[str, Any]:
    """headline, authors, publisher, description, datePublished, dateModified of the page's article,
    from the texts of its JSON-LD scripts."""
    nodes: list[dict] = []
    for script in scripts:
        if "datePublished" not in script and "headline" not in script and '"author"' not in script:
            continue  # breadcrumbs, organisation cards, site search: nothing for us, skip the parse
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                nodes.append(node)
                stack.extend(v for k, v in node.items() if k in ("@graph", "mainEntity", "itemListElement")
                             and isinstance(v, (dict, list)))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if _types(n) & ARTICLE_TYPES]
    articles.sort(key=lambda n: "webpage" in _types(n))  # a real article before a WebPage
    out: dict[str, Any] = {}
    for node in articles:
        for key in ("headline", "description"):
            if key not in out and isinstance(node.get(key), str):
                out[key] = node[key]
        for key in ("datePublished", "dateModified"):
            if key not in out and isinstance(node.get(key), str) and ":" in node[key]:
                parsed = parse_iso_or_text(node[key])
                if parsed is not None:
                    out[key] = parsed
        if "dayPublished" not in out and isinstance(node.get("datePublished"), str) and _ISO_DAY.match(
                node["datePublished"].strip()):
            out["dayPublished"] = parse_iso_or_text(node["datePublished"])
        if "authors" not in out and node.get("author"):
            people = node["author"] if isinstance(node["author"], list) else [node["author"]]
            # {"@id": "#/schema/person/…"}: the person is described elsewhere in the graph.
            refs = [a["@id"] for a in people if isinstance(a, dict) and isinstance(a.get("@id"), str)]
            people = [by_id.get(a["@id"], a) if isinstance(a, dict) and "@id" in a and "name" not in a else a
                      for a in people]
            # An organisation as "author" is the publisher, not a byline.
            people = [a for a in people if not (isinstance(a, dict) and "organization" in _types(a))]
            names = [_name(a) for a in people]
            names = [n for n in names if n]
            if names:
                out["authors"] = names
                out["author_is_account"] = bool(refs) and all(_WORDPRESS_USER in r for r in refs)
        if "publisher" not in out and node.get("publisher"):
            pub = node["publisher"][0] if isinstance(node["publisher"], list) and node["publisher"] else node["publisher"]
            if _name(pub):
                out["publisher"] = _name(pub)
    return out


_WORDPRESS_USER = "/#/schema/person/"  # Yoast SEO's id for the WordPress user who posted


def _types(node: dict) -> set[str]:
    t = node.get("@type")
    return {x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)}


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    return None


_AUTHOR_XPATH = '//*[@itemprop="author"] | //a[@rel="author"]'


@cache
def xpath(expression: str):
    """``expression`` compiled once (lxml's ``tree.xpath(string)`` compiles it again on every
    call, which cost as much as the search itself on a news page)."""
    from lxml import etree

    return etree.XPath(expression)



def _author_elements(tree) -> list[str]:
    """The first name marked up as the author in the page (later ones are often comment or
    related-article authors)."""
    for el in xpath(_AUTHOR_XPATH)(tree)[:3]:
        named = xpath('.//*[@itemprop="name"]')(el) if el.get("itemprop") == "author" else []
        text = normalize_line(" ".join((named[0] if named else el).text_content().split()))
        if 2 < len(text) <= 60:
            return [text]
    return []


def fallback_author(tree, sitename: str | None = None, html: str | None = None) -> str | None:
    """The author from bylines marked up by class or id, when nothing else named one. With the
    page's ``html``, a page whose source has none of the words these searches need is not walked."""
    if html is not None and not any(word in html for word in _BYLINE_MARKS):
        return None
    return clean_author(_trafilatura_author(tree), sitename)


# trafilatura's three byline searches (trafilatura.xpaths.AUTHOR_XPATHS, by tag, class, id,
# itemprop…), best first. Written as one walk over the page in Python: the XPaths test classes
# with EXSLT regular expressions, one Python callback per element and expression, which made them
# the costliest step of vigie's extraction (3× slower on 300 benchmark pages, same results).
_T1_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_T2_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_T1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_T2_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_T2_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_T3_ID = re.compile(r"[Aa]uthor")
_T3_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")


# Every test of _byline_tiers needs one of these in an attribute value (or an <author> tag):
# a page whose source has none of them has no such byline, found by a search in C.
_BYLINE_MARKS = ("uthor", "UTHOR", "yline", "byl", "BBL", "username", "screenname", "writer", "zuozhe", "bianji",
                 "xiaobian", "channel-name", "submitted-by", "posted-by", "journalist-name")


def _byline_tiers(el) -> list[int]:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return []
    get = el.get
    cls, ident, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
    tiers = []
    if tag == "author" or (tag in _T1_TAGS and (
            get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
            or get("data-testid") in ("AuthorCard", "AuthorURL") or (cls and _T1_CLASS.search(cls)))):
        tiers.append(0)
    if tag in _T2_TAGS and (cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
                            or (ident and _T2_ID.search(ident)) or (cls and _T2_CLASS.search(cls))):
        tiers.append(1)
    if "Byline" in (get("data-component") or "") or "author" in itemprop or (ident and _T3_ID.search(ident)) \
            or (cls and _T3_CLASS.search(cls)):
        tiers.append(2)
    return tiers


def _trafilatura_author(tree) -> str | None:
    """trafilatura's byline search by class and id ("author", "byline"…), as a last resort when
    the metadata named nobody: the first element of the best search whose text is 3 to 119
    characters long. Run on the page as it is (trafilatura's own function first copies and prunes
    the whole tree)."""
    from trafilatura.metadata import normalize_authors
    from trafilatura.utils import trim

    best: list[str | None] = [None, None, None]
    try:
        for el in tree.iter():
            for tier in _byline_tiers(el):
                if best[tier] is None:
                    content = trim(" ".join(el.itertext()))
                    if content and 2 < len(content) < 120:
                        best[tier] = content
            if best[0] is not None:
                break
        found = next((b for b in best if b), None)
        return normalize_authors(None, found) if found else None
    except Exception:  # best effort on odd markup
        return None


def _text(el) -> str:
    return normalize_line(" ".join(el.text_content().split()))


def _captions(figcaptions: list) -> list[tuple[str, str | None]]:
    out = []
    for cap in figcaptions:
        credit_nodes = xpath(".//*[contains(@class,'credit') or contains(@class,'copyright')]")(cap)
        credit = normalize_line(" ".join(" ".join(n.text_content() for n in credit_nodes).split())) or None
        text = normalize_line(" ".join(cap.text_content().split()))
        if credit:  # the credit is kept apart from the caption (the tree is not modified)
            text = text[: -len(credit)].strip() if text.endswith(credit) else text.replace(credit, " ").strip()
        if text:
            out.append((text, credit))
    return out
