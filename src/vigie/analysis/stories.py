"""Online story clustering: each item joins the best live story, or starts one.

Items come one at a time in publication order and are never revisited (no look at the future):

1. **Near-duplicates first.** An item whose MinHash (word 3-shingles of its folded title and summary)
   is close to a live item's (estimated Jaccard ≥ ``dup_threshold``) joins that item's story at once;
   in the store, the ingest's own ``duplicate_of`` link does the same.
2. **Content.** Otherwise its TF-IDF vector — the folded content words of ``lang/<lang>/stopwords.txt``'s
   languages, a final -s/-x dropped, weighted by an online document frequency (the items seen so far,
   this one included), plus the item's entities/actors when the store has annotations — is compared
   (cosine) with the centroid of each live story that shares a term with it (found through an
   inverted index), times a time decay ``0.5 ** (days since the story's last item / half_life)``. The
   best story at or above ``threshold`` takes the item; else the item starts a new story.
3. **Merges.** When the item also reaches the threshold with a second (or third) live story, and the
   two stories' centroids are close (cosine ≥ ``merge_threshold``), the item bridges them: the
   smaller story joins the larger for good. Parallel stories born on the same day of one event (the
   7 October attack seen as « Israël », « Gaza », « otages ») so become one.
4. **Dormant stories** (off unless ``revive_threshold`` is set): a story that expired with at least
   ``dormant_min_size`` items stays, for ``dormant_days``, in a second small index; an item that joins
   no live story but is close to a dormant one (cosine, no decay, ≥ ``revive_threshold``) wakes it.

French and English items about one story meet through what their texts share once folded: names
(« Navalny », « Hamas », « Gaza ») and the words both languages write alike.

Cost per item does not grow with the history: only *live* stories (an item in the last ``ttl`` days)
are in the inverted index, each indexed by at most ``centroid_terms`` terms; a term's posting list is
capped (``max_postings``: a term carried by that many live stories is no evidence of a story), the
near-duplicate index forgets items older than ``ttl`` days and the dormant index stories older than
``dormant_days``. What does grow is the table of document frequencies (one integer per term ever
seen) and the list of merged ids. A story id is its first item's id with an ``s`` in front: given
once, never changed, the same when the same stream is clustered again; a story merged into another
keeps its id as an alias (:meth:`StoryClusterer.resolve`, ``stories.merged_into`` in the store).
"""

from __future__ import annotations

import hashlib
import heapq
import math
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from vigie.analysis.settings import parse_spec
from vigie.analysis.terms import stopwords, words

STORY_PREFIX = "s"

# MinHash of shingle sets: 64 affine permutations of a 32-bit hash (blake2b, stable across runs),
# banded 16 × 4 for the candidate lookup (a pair at Jaccard 0.6 shares a band with p ≈ 0.88).
_PERMS, _BANDS = 64, 16
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(1)
_A = _RNG.integers(1, _PRIME, _PERMS, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, _PERMS, dtype=np.uint64)


def minhash(shingles: Iterable[str]) -> np.ndarray:
    """The MinHash signature (``_PERMS`` values) of a set of strings."""
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(x.encode(), digest_size=4).digest(), "little")
                          for x in shingles), dtype=np.uint64)
    if not len(hashes):
        return np.zeros(_PERMS, dtype=np.uint64)
    # (a·h + b) mod p, with h < 2**32 and a, b < 2**61: the product wraps in uint64, which only
    # changes which permutation we draw, not its being one hash per (a, b) pair
    return ((np.outer(hashes, _A) + _B) % np.uint64(_PRIME)).min(axis=0)


def _bands(sig: np.ndarray) -> Iterator[tuple[int, bytes]]:
    rows = _PERMS // _BANDS
    for b in range(_BANDS):
        yield b, sig[b * rows:(b + 1) * rows].tobytes()


def story_id_for(item_id: str) -> str:
    """The id of the story an item starts."""
    return STORY_PREFIX + item_id


@dataclass(frozen=True, slots=True)
class StoryItem:
    """One item as the clusterer sees it. ``features`` are extra tokens (entities, actors: already
    normalised, e.g. ``actor:RUS``); ``duplicate_of`` is a known earlier copy (the store's link)."""

    id: str
    day: date
    source: str
    text: str
    features: tuple[str, ...] = ()
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    threshold: float = 0.2  # decayed cosine needed to join a story
    half_life: float = 3.0  # days after a story's last item at which its pull is halved
    ttl: int = 10  # days without an item after which a story is no longer live
    centroid_terms: int = 40  # terms kept in a story's centroid (and indexed)
    max_postings: int = 400  # live stories a term may point at; more is no evidence
    feature_weight: float = 1.5  # weight of an entity/actor feature against a word
    dup_threshold: float = 0.6  # estimated Jaccard of shingle sets for a near-duplicate (0: off)
    merge_threshold: float = 0.15  # cosine of two centroids an item bridges to merge them (0: never)
    revive_threshold: float = 0.0  # cosine (no decay) with which an item wakes a dormant story (0: never)
    dormant_days: int = 90  # how long an expired story of at least dormant_min_size items can be woken
    dormant_min_size: int = 3

    @classmethod
    def parse(cls, spec: str) -> Settings:
        """``key=value,key=value`` → Settings; a clear error for an unknown key or a bad value."""
        return cls(**parse_spec(cls(), spec, "story"))


def add_into(centroid: dict[str, float], vec: dict[str, float]) -> None:
    """Add the sparse vector ``vec`` to ``centroid`` in place."""
    for t, w in vec.items():
        centroid[t] = centroid.get(t, 0.0) + w


def norm(vec: dict[str, float]) -> float:
    """The Euclidean length of a sparse vector (1.0 for an empty one, so it can divide)."""
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def reindex(postings: dict[str, set[str]], cap: int, key: str, indexed: frozenset[str],
            terms: frozenset[str]) -> frozenset[str]:
    """Move ``key`` in the inverted index ``postings`` from the terms ``indexed`` to ``terms``; a term
    that already points at ``cap`` keys does not take one more (it is no evidence). Returns the terms
    that now point at ``key``."""
    for t in indexed - terms:
        ids = postings.get(t)
        if ids is not None:
            ids.discard(key)
            if not ids:
                del postings[t]
    for t in terms - indexed:
        ids = postings.setdefault(t, set())
        if len(ids) < cap:
            ids.add(key)
    return frozenset(t for t in terms if key in postings.get(t, ()))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def tokens(text: str, stop: frozenset[str] | None = None) -> list[str]:
    """The folded, lightly stemmed content words of ``text`` (every occurrence)."""
    return [sys.intern(_stem(w)) for clause in words(text, stop) for w in clause]


@dataclass(slots=True)
class LiveStory:
    id: str
    first_day: date
    last_day: date
    size: int = 0
    centroid: dict[str, float] = field(default_factory=dict)  # summed item vectors, top terms kept
    norm: float = 0.0
    indexed: frozenset[str] = frozenset()
    sources: set[str] = field(default_factory=set)


class StoryClusterer:
    """Feed items in publication order with :meth:`add`; each call returns the item's story id.

    ``stories`` holds the live stories only; :meth:`state` / :meth:`restore` let a store keep the
    clusterer between runs (document frequencies and live centroids).
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.stop = stopwords()
        self.df: dict[str, int] = {}
        self.n_items = 0
        self.stories: dict[str, LiveStory] = {}
        self.postings: dict[str, set[str]] = {}
        self.item_story: dict[str, str] = {}  # live items → story (near-duplicates and duplicate_of)
        self._item_days: list[tuple[date, str]] = []  # heap: when a live item expires
        self._expiry: list[tuple[date, str]] = []  # heap of (last day, story id), lazily checked
        self._sigs: dict[str, np.ndarray] = {}
        self._buckets: dict[tuple[int, bytes], list[str]] = {}
        self.today: date | None = None
        self.alias: dict[str, str] = {}  # merged story → the story that took it in
        self.merged: list[tuple[str, str]] = []  # (gone, kept) merges not yet reported (the store records them)
        self.dirty: set[str] = set()  # terms whose frequency changed since the last save
        # expired stories that may come back (a trial months later): their own small index
        self.dormant: dict[str, LiveStory] = {}
        self.dormant_postings: dict[str, set[str]] = {}
        self._dormant_expiry: list[tuple[date, str]] = []
        self.last_vector: dict[str, float] = {}

    # -- the one online step ---------------------------------------------------------------

    def add(self, item: StoryItem) -> str:
        s = self.settings
        if self.today is None or item.day > self.today:
            self.today = item.day
            self._expire(item.day)
        day = max(item.day, self.today)
        toks = tokens(item.text, self.stop)
        counts: dict[str, float] = {}
        for t in toks:
            counts[t] = counts.get(t, 0.0) + 1.0
        for f in item.features:
            counts[f] = counts.get(f, 0.0) + s.feature_weight
        self.n_items += 1
        for t in counts:
            self.df[t] = self.df.get(t, 0) + 1
        self.dirty.update(counts)
        vec = self._vector(counts)
        self.last_vector = vec  # for a layer above (threads) that reads the item as the stories saw it

        story_id = None
        if item.duplicate_of and item.duplicate_of in self.item_story:
            story_id = self.resolve(self.item_story[item.duplicate_of])
        sig = None
        if story_id is None and s.dup_threshold > 0 and toks:
            sig = self._signature(toks)
            story_id = self._near_duplicate(sig)
        if story_id is not None and story_id not in self.stories:
            story_id = None  # the copy's story has expired: the content decides
        if story_id is None and s.threshold <= 1.0:  # above 1 no cosine can join: skip the scoring
            ranked = self._best(vec, day)
            if ranked:
                story_id = ranked[0][1]
                if s.merge_threshold and len(ranked) > 1:
                    story_id = self._bridge(story_id, [sid for _, sid in ranked[1:3]])
            elif s.revive_threshold and self.dormant:
                story_id = self._revive(vec)
        if story_id is None:
            story_id = story_id_for(item.id)
            if story_id in self.stories:  # the same item fed twice: it stays in its story
                pass
            else:
                self.stories[story_id] = LiveStory(story_id, day, day)
        self._join(self.stories[story_id], vec, day, item.source)
        self.item_story[item.id] = story_id
        heapq.heappush(self._item_days, (day, item.id))
        if sig is not None:
            self._remember(item.id, sig)
        return story_id

    def run(self, items: Iterable[StoryItem]) -> Iterator[tuple[StoryItem, str]]:
        for item in items:
            yield item, self.add(item)

    # -- scoring ---------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        return math.log((self.n_items + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def _vector(self, counts: dict[str, float]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(c)) * self._idf(t) if c >= 1 else c * self._idf(t) for t, c in counts.items()}
        n = norm(vec)
        return {t: v / n for t, v in vec.items()}

    def _best(self, vec: dict[str, float], day: date) -> list[tuple[float, str]]:
        """The live stories whose decayed cosine with ``vec`` reaches the threshold, best first.
        Dot products are summed along the posting lists of the item's terms: a story that shares no
        term with the item is never looked at."""
        s = self.settings
        dots: dict[str, float] = {}
        for t, w in vec.items():
            ids = self.postings.get(t)
            if not ids:
                continue
            for sid in ids:
                dots[sid] = dots.get(sid, 0.0) + w * self.stories[sid].centroid[t]
        out = []
        for sid, dot in dots.items():
            st = self.stories[sid]
            score = dot / st.norm * 0.5 ** ((day - st.last_day).days / s.half_life)
            if score >= s.threshold:
                out.append((score, sid))
        out.sort(key=lambda x: (-x[0], x[1]))
        return out

    def _bridge(self, best: str, others: list[str]) -> str:
        """An item close to two live stories whose centroids are close too merges them: the larger
        (older on a tie) keeps its id."""
        a = self.stories[best]
        for sid in others:
            b = self.stories[sid]
            cos = sum(w * b.centroid.get(t, 0.0) for t, w in a.centroid.items()) / (a.norm * b.norm)
            if cos >= self.settings.merge_threshold:
                keep, gone = (a, b) if (a.size, b.first_day, b.id) >= (b.size, a.first_day, a.id) else (b, a)
                self._merge(keep, gone)
                a = keep
        return a.id

    def _merge(self, keep: LiveStory, other: LiveStory) -> None:
        """``other`` joins ``keep`` for good: its id becomes an alias of ``keep``'s."""
        add_into(keep.centroid, other.centroid)
        keep.size += other.size
        keep.sources |= other.sources
        keep.first_day = min(keep.first_day, other.first_day)
        if other.last_day > keep.last_day:
            keep.last_day = other.last_day
            heapq.heappush(self._expiry, (keep.last_day, keep.id))
        self._reindex(other, frozenset())
        del self.stories[other.id]
        self.alias[other.id] = keep.id
        self.merged.append((other.id, keep.id))

    def resolve(self, story_id: str) -> str:
        """A story id after the merges so far (itself when it was never merged)."""
        while story_id in self.alias:
            story_id = self.alias[story_id]
        return story_id

    def _join(self, st: LiveStory, vec: dict[str, float], day: date, source: str) -> None:
        s = self.settings
        c = st.centroid
        add_into(c, vec)
        if len(c) > s.centroid_terms:
            keep = heapq.nlargest(s.centroid_terms, c.items(), key=lambda kv: (kv[1], kv[0]))
            st.centroid = c = dict(keep)
        st.norm = norm(c)
        st.size += 1
        st.sources.add(source)
        if day > st.last_day:
            st.last_day = day
            heapq.heappush(self._expiry, (day, st.id))
        elif st.size == 1:
            heapq.heappush(self._expiry, (day, st.id))
        self._reindex(st, frozenset(c))

    def _reindex(self, st: LiveStory, terms: frozenset[str]) -> None:
        st.indexed = reindex(self.postings, self.settings.max_postings, st.id, st.indexed, terms)

    def _expire(self, today: date) -> None:
        ttl = self.settings.ttl
        while self._expiry and (today - self._expiry[0][0]).days > ttl:
            day, sid = heapq.heappop(self._expiry)
            st = self.stories.get(sid)
            if st is None or st.last_day != day:
                continue  # a later item renewed it (its newer entry is further in the heap)
            self._reindex(st, frozenset())
            del self.stories[sid]
            if self.settings.revive_threshold and st.size >= self.settings.dormant_min_size:
                self._sleep(st)
        while self._dormant_expiry and (today - self._dormant_expiry[0][0]).days > self.settings.dormant_days:
            day, sid = heapq.heappop(self._dormant_expiry)
            st = self.dormant.get(sid)
            if st is not None and st.last_day == day:
                self._wake(st)  # out of the dormant index for good
        while self._item_days and (today - self._item_days[0][0]).days > ttl:
            _, iid = heapq.heappop(self._item_days)
            self.item_story.pop(iid, None)
            self._forget(iid)

    # -- dormant stories -------------------------------------------------------------------

    def _sleep(self, st: LiveStory) -> None:
        self.dormant[st.id] = st
        heapq.heappush(self._dormant_expiry, (st.last_day, st.id))
        cap = self.settings.max_postings
        for t in st.centroid:
            ids = self.dormant_postings.setdefault(t, set())
            if len(ids) < cap:
                ids.add(st.id)

    def _wake(self, st: LiveStory) -> None:
        del self.dormant[st.id]
        for t in st.centroid:
            ids = self.dormant_postings.get(t)
            if ids is not None:
                ids.discard(st.id)
                if not ids:
                    del self.dormant_postings[t]

    def _revive(self, vec: dict[str, float]) -> str | None:
        """The dormant story most like ``vec`` (cosine, no decay) at or above ``revive_threshold``,
        made live again; None when there is none."""
        dots: dict[str, float] = {}
        for t, w in vec.items():
            for sid in self.dormant_postings.get(t, ()):
                dots[sid] = dots.get(sid, 0.0) + w * self.dormant[sid].centroid[t]
        best, best_score = None, self.settings.revive_threshold
        for sid, dot in sorted(dots.items()):
            score = dot / self.dormant[sid].norm
            if score >= best_score:
                best, best_score = sid, score
        if best is None:
            return None
        st = self.dormant[best]
        self._wake(st)
        st.indexed = frozenset()
        self.stories[best] = st
        return best

    # -- near-duplicates -------------------------------------------------------------------

    def _signature(self, toks: list[str]) -> np.ndarray:
        shingles = {" ".join(toks[i:i + 3]) for i in range(max(1, len(toks) - 2))}
        return minhash(shingles)

    def _near_duplicate(self, sig: np.ndarray) -> str | None:
        best, best_j = None, self.settings.dup_threshold
        seen: set[str] = set()
        for key in _bands(sig):
            for other in self._buckets.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                j = float(np.count_nonzero(sig == self._sigs[other])) / _PERMS
                if j >= best_j and other in self.item_story:
                    best, best_j = self.resolve(self.item_story[other]), j
        return best

    def _remember(self, item_id: str, sig: np.ndarray) -> None:
        if item_id in self._sigs:
            return
        self._sigs[item_id] = sig
        for key in _bands(sig):
            self._buckets.setdefault(key, []).append(item_id)

    def _forget(self, item_id: str) -> None:
        sig = self._sigs.pop(item_id, None)
        if sig is None:
            return
        for key in _bands(sig):
            bucket = self._buckets.get(key)
            if bucket is not None:
                bucket.remove(item_id)
                if not bucket:
                    del self._buckets[key]

    # -- persistence (for the store) -------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """What a later run needs to go on where this one stopped (live stories, frequencies)."""
        return {
            "n_items": self.n_items,
            "today": self.today.isoformat() if self.today else None,
            "items": {i: sid for i, sid in self.item_story.items()},
            "stories": [{"id": st.id, "first_day": st.first_day.isoformat(), "last_day": st.last_day.isoformat(),
                         "size": st.size, "centroid": st.centroid, "sources": sorted(st.sources)}
                        for st in self.stories.values()],
            "dormant": [{"id": st.id, "first_day": st.first_day.isoformat(), "last_day": st.last_day.isoformat(),
                         "size": st.size, "centroid": st.centroid, "sources": sorted(st.sources)}
                        for st in self.dormant.values()],
        }

    def restore(self, state: dict[str, Any], df: dict[str, int]) -> None:
        self.n_items = int(state.get("n_items", 0))
        self.df = dict(df)
        self.today = date.fromisoformat(state["today"]) if state.get("today") else None
        for r in state.get("stories", []):
            st = LiveStory(r["id"], date.fromisoformat(r["first_day"]), date.fromisoformat(r["last_day"]), r["size"],
                           dict(r["centroid"]), 0.0, frozenset(), set(r.get("sources", ())))
            st.norm = norm(st.centroid)
            self.stories[st.id] = st
            heapq.heappush(self._expiry, (st.last_day, st.id))
            self._reindex(st, frozenset(st.centroid))
        for r in state.get("dormant", []):
            st = LiveStory(r["id"], date.fromisoformat(r["first_day"]), date.fromisoformat(r["last_day"]), r["size"],
                           dict(r["centroid"]), 0.0, frozenset(), set(r.get("sources", ())))
            st.norm = norm(st.centroid)
            self._sleep(st)
        for iid, sid in state.get("items", {}).items():
            if sid in self.stories:
                self.item_story[iid] = sid
                heapq.heappush(self._item_days, (self.stories[sid].last_day, iid))


def label(st: LiveStory | Any, n: int = 5) -> str:
    """A story's (or a thread's) heaviest word terms, for display (features such as ``actor:RUS`` left out)."""
    words_ = [t for t, _ in sorted(st.centroid.items(), key=lambda kv: (-kv[1], kv[0])) if ":" not in t]
    return " · ".join(words_[:n])


@dataclass(frozen=True, slots=True)
class UpdateResult:
    articles: int  # articles clustered by this run
    new_stories: int
    merges: int
    live_stories: int


def update_store(store, settings: Settings | None = None, *, batch: int = 5000, progress=None,
                 thread_settings=None) -> UpdateResult:
    """Cluster the store's articles that are in no story yet, in publication order, going on from the
    saved state: incremental (only new articles) and idempotent (a second run finds nothing to do).
    Each story also gets its thread (:mod:`vigie.analysis.threads`), kept in the same state.
    ``progress``, when given, is called with the number of articles done after each batch."""
    from vigie.analysis.threads import ThreadTracker
    from vigie.model import Story, Thread

    c = StoryClusterer(settings)
    tracker = ThreadTracker(thread_settings, story_ttl=c.settings.ttl)
    state, df = store.story_state()
    if state:
        c.restore(state, df)
        tracker.restore(state.get("threads", {}))
    done = created = merges = 0
    while True:
        pending = store.story_pending(limit=batch)
        if not pending:
            break
        assigned: list[tuple[str, str, str]] = []
        touched: dict[str, Story] = {}
        threads: dict[str, Thread] = {}

        def record_thread(tid: str) -> None:
            if tid in tracker.threads:  # a thread that expired meanwhile keeps its stored row
                th = tracker.threads[tid]
                threads[tid] = Thread(tid, th.first_day.isoformat(), th.last_day.isoformat(), label(th))

        def record(sid: str) -> None:
            st = c.stories[sid]
            tid = tracker.resolve(tracker.story_thread[sid]) if sid in tracker.story_thread else None
            touched[sid] = Story(sid, st.first_day.isoformat(), st.last_day.isoformat(), st.size,
                                 len(st.sources), label(st), thread=tid)
            if tid is not None:
                record_thread(tid)

        for r in pending:
            try:
                day = date.fromisoformat(r["day"])
            except (TypeError, ValueError):
                raise ValueError(f"{r['id']}: no usable publication or ingestion day ({r['day']!r})") from None
            text = f"{r['title']}\n{r['lede']}" if r["lede"] and r["lede"] != r["title"] else r["title"]
            item = StoryItem(r["id"], day, r["source"], text, tuple(r["features"]), r["duplicate_of"])
            sid = c.add(item)
            tracker.add(item.id, c.today or day, sid, c.last_vector, c.stories[sid].centroid)
            created += sid == story_id_for(r["id"])
            assigned.append((r["id"], sid, day.isoformat()))
            record(sid)
        for _, kept in c.merged:
            if kept in c.stories:
                record(kept)
        for tid in tracker.left:  # a story moved out of it: its size is recounted
            record_thread(tid)
        store.save_stories(assigned, list(touched.values()), list(c.merged), c.state() | {"threads": tracker.state()},
                           {t: c.df[t] for t in c.dirty}, list(threads.values()), list(tracker.merged))
        merges += len(c.merged)
        c.merged.clear()
        c.dirty.clear()
        tracker.merged.clear()
        tracker.left.clear()
        done += len(pending)
        if progress is not None:
            progress(done)
    return UpdateResult(done, created, merges, len(c.stories))
