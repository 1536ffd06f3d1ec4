"""The plain-text extractor (a JSONL record's ``text``): layout only, plus whole lines of furniture."""

from __future__ import annotations

from vigie.extract.plain import extract_plain
from vigie.model import RawDocument


def _extract(text: str, title: str = "Un titre"):
    return extract_plain(RawDocument(item="rec-1", content=text, content_type="plain-text",
                                     hints={"title": title, "language": "fr"}))


def test_furniture_lines_are_dropped_and_text_kept():
    text = ("Un titre\n\nLe Parlement a voté la loi mardi.\n\nPartager\n\nLire aussi : un autre sujet\n\n"
            "Vous pouvez également consulter les articles suivants sur les autres projets Wikimedia :\n\n"
            "Article sur Wikipédia .\n\nRessources multimédia sur Commons .\n\n"
            "Le Sénat doit l'examiner en janvier.")
    article = _extract(text)
    paragraphs = [article.text[b.start:b.end] for b in article.blocks if b.kind == "paragraph"]
    assert paragraphs == ["Le Parlement a voté la loi mardi.", "Le Sénat doit l'examiner en janvier."]


def test_a_sentence_that_mentions_wikipedia_is_text():
    article = _extract("Un article sur Wikipédia a été supprimé par ses éditeurs.\nIl traitait d'un élu.")
    assert "Un article sur Wikipédia a été supprimé" in article.text
    assert "Il traitait d'un élu." in article.text
