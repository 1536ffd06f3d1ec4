"""An HTML string → the lxml tree that metadata.py, trafilatura and htmldate all read.

Same parser settings and the same checks as ``trafilatura.utils.load_html`` (comments and
processing instructions dropped, no ids collected, a repair of a self-closed <html>, a retry
from bytes, a refusal of text that is not HTML), with one difference: the element classes.

lxml.html picks a Python class for every element it hands to Python through a Python
callback (``HtmlElementClassLookup.lookup``, so that <form> and <input> get their own
classes). The extraction touches elements some millions of times per thousand pages, and
that callback was about 6 % of vigie's extraction time. Here every element is a plain
``HtmlElement`` chosen in C. Nothing in the extraction uses the form classes; trafilatura's
output and htmldate's dates are the same on every evaluation page (see docs/benchmarks.md).
"""

from __future__ import annotations

from functools import cache


@cache
def _parser():
    from lxml import etree
    from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction

    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                        remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


def parse_html(html: str):
    """The page's tree, or None when the text is not HTML (or lxml cannot read it)."""
    from lxml.html import fromstring
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree, from_bytes = None, False
    try:
        tree = fromstring(html, parser=_parser())
    except ValueError:  # a str that declares its encoding: lxml wants bytes then
        tree, from_bytes = _from_bytes(html), True
    except Exception:  # lxml gives up on some broken markup
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(html)
    if tree is not None and dubious and len(tree) < 2:  # text that only looks like HTML
        return None
    return tree


def _from_bytes(html: str):
    from lxml.html import fromstring

    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_parser())
    except Exception:
        return None
