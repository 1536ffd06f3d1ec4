"""Near-duplicates at ingest: MinHash signatures of word shingles, LSH to find candidates.

A syndicated or re-published copy is linked to the first copy stored (``duplicate_of``);
it is kept and annotated like any document, never dropped. The index is rebuilt from the
store's signatures the first time it is needed in a run.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from vigie.keys import article_id
from vigie.model import AnnotatedArticle
from vigie.textfold import fold

NUM_PERM = 128
SHINGLE = 5  # words
THRESHOLD = 0.7  # estimated Jaccard similarity of shingle sets
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = fold(text).split()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(annotated: AnnotatedArticle):
    from datasketch import LeanMinHash, MinHash

    a = annotated.article
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles(f"{a.title or ''}\n{a.body}")))
    return LeanMinHash(m)


def to_bytes(m) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=np.frombuffer(data, dtype="<u8"), scheme=SCHEME)


class NearDuplicates:
    """Assigns ``duplicate_of`` before a document is stored; call ``added`` after it is."""

    def __init__(self, stored: Iterable[tuple[str, bytes, str | None]], threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, object] = {}
        self.roots: dict[str, str] = {}  # document → the first copy of its group
        self.order: dict[str, int] = {}
        for doc_id, data, duplicate_of in stored:
            self._insert(doc_id, from_bytes(data), duplicate_of)

    def assign(self, annotated: AnnotatedArticle) -> None:
        """Compute the signature and point ``duplicate_of`` at the earliest similar document."""
        doc_id = article_id(annotated.article)
        m = signature(annotated)
        annotated.signature = to_bytes(m)
        best = None
        for other in self.lsh.query(m):
            if other == doc_id or self.roots.get(other) == doc_id:
                continue
            if m.jaccard(self.signatures[other]) >= self.threshold:
                root = self.roots.get(other, other)
                if best is None or self.order.get(root, 1 << 60) < self.order.get(best, 1 << 60):
                    best = root
        annotated.duplicate_of = best

    def added(self, doc_id: str, annotated: AnnotatedArticle) -> None:
        """Record a document the store has just added or updated."""
        if annotated.signature is None:
            return
        if doc_id in self.signatures:
            self.lsh.remove(doc_id)
        self._insert(doc_id, from_bytes(annotated.signature), annotated.duplicate_of)

    def _insert(self, doc_id: str, m, duplicate_of: str | None) -> None:
        self.lsh.insert(doc_id, m)
        self.signatures[doc_id] = m
        self.order.setdefault(doc_id, len(self.order))
        if duplicate_of:
            self.roots[doc_id] = duplicate_of
