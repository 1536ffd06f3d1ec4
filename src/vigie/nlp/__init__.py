"""Articles → annotated articles. One Annotator loads each spaCy model once per process."""

from vigie.nlp.pipeline import Annotator

__all__ = ["Annotator"]
