"""extract.htmltree.parse_html: the same trees and refusals as trafilatura's load_html, with
element classes chosen in C."""

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from vigie.extract.htmltree import parse_html

PAGES = [
    "<html><head><title>T</title></head><body><p>Un paragraphe.</p><!-- c --><form><input name=q></form></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Déclaration d\'encodage.</p></body></html>',
    "<html/><body><p>html fermé trop tôt</p></body>",
    "<div><p>Un fragment</p><p>de deux blocs</p></div>",
]


def test_same_tree_as_trafilatura():
    for page in PAGES:
        ours, theirs = parse_html(page), load_html(page)
        assert (ours is None) == (theirs is None), page
        if ours is not None:
            assert etree.tostring(ours) == etree.tostring(theirs), page


def test_every_element_is_a_plain_html_element():
    tree = parse_html(PAGES[0])
    forms = tree.xpath("//form | //input")
    assert len(forms) == 2
    assert all(type(el) is HtmlElement for el in forms)  # lxml.html would give FormElement, InputElement
    assert tree.xpath("string(//p)") == "Un paragraphe."
    assert not tree.xpath("//comment()")  # comments dropped, as trafilatura's parser does


def test_text_that_is_not_html_is_refused():
    for text in ("juste du texte, sans balise", '{"json": true}'):
        assert parse_html(text) is None
        assert load_html(text) is None
