"""Threads: long-running topics over stories (issue 8), built online on top of the story clusterer.

A story (:mod:`vigie.analysis.stories`) is an event: it lives while it is reported and leaves the
live set after ``ttl`` quiet days. A *thread* is what an analyst follows for months — « la guerre
Israël–Hamas », « les émeutes en Nouvelle-Calédonie » — and groups the event-level stories that share
its defining terms. It is a second online layer, fed the same items in the same order:

1. **A new story picks its thread** when its first item arrives: the live thread whose centroid
   (the sum of its items' TF-IDF vectors, ``terms`` heaviest terms kept) has the highest score with
   the item's vector, at or above ``join``; else the story starts a thread of its own. The score is
   the cosine plus an **activity bonus**, ``prior × log(1 + the thread's recent items)`` (items
   counted ``0.5 ** (age in days / half_life)``), for a cosine of at least ``floor``: a topic in full
   swing (the war thread in October: hundreds of items a week) takes a headline that names it in
   passing, a quiet one does not — the prior of an online mixture, where a new item more likely
   belongs to a busy cluster. A big topic's centroid spreads over its many sub-events, so a
   headline's cosine with it is lower than with a small thread that shares two words with it.
   The TF-IDF weighting is the stories' (online document frequencies), so what a story shares with
   a thread counts by how rare it is: « Hamas », « Gaza », « Nouméa » pull; « France », « mardi » do not.
2. **Every later item of the story** adds its vector to the story's thread: the thread's centroid
   follows the topic as it moves (hostages, Rafah, the ceasefire talks).
3. **Threads merge.** When a story reaches 2, 4, 8, … items its centroid (now more than a headline)
   is compared with the live threads again: when another thread reaches ``join`` and the two
   threads' centroids are close (cosine ≥ ``merge``), the smaller thread joins the larger for good
   (its id stays an alias, like a merged story's). A thread that holds only this story (its
   headline matched no thread) joins the best thread the story's centroid reaches at ``lone``,
   activity bonus included, with no check of the two centroids (its centroid is the story's: the
   check would only ask the cosine again without the bonus). The story so gets a second pick on
   more than a headline, which lets ``join`` be strict for the first one.
3b. **Stories move.** At the same sizes, a story that is less than half of its thread and whose
   centroid now scores better (by ``move`` or more) with another live thread than with its own goes
   there, its items with it: a story picked its thread on its first headline, and its later items
   may show it belongs to another topic (an op-ed that turns out to be about the hostages). The old
   thread's centroid loses the story's centroid, the new one gains it; thread ids do not change.
4. **Threads expire slowly**: a thread with no item for ``item_days`` days per item it holds, at most
   ``ttl`` (default 10 and 365: a one-item thread lives as long as a story, a thread of 37 items or
   more a year), leaves the live set and the index.

No decay in time inside the ``ttl``: a topic that comes back after two quiet months is the same
topic. Cost per item does not grow with the history beyond ``ttl`` (the longest a thread stays
live, a year by default): the index holds live threads only, each by at
most ``terms`` terms, posting lists capped at ``max_postings``; the story → thread map forgets
stories that left the clusterer. A thread id is the id of the item that started it with a ``t`` in
front: given once, never changed, the same when the same stream is replayed.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vigie.analysis.settings import parse_spec
from vigie.analysis.stories import add_into, norm, reindex

THREAD_PREFIX = "t"


def thread_id_for(item_id: str) -> str:
    """The id of the thread an item starts."""
    return THREAD_PREFIX + item_id


@dataclass(frozen=True, slots=True)
class ThreadSettings:
    join: float = 0.3  # cosine of an item (or a story's centroid) with a thread's centroid to join it
    merge: float = 0.4  # cosine of two threads' centroids for a story close to both to merge them (0: never)
    terms: int = 60  # terms kept in a thread's centroid (and indexed)
    ttl: int = 365  # days without an item after which a thread of at least ttl / item_days items leaves
    item_days: int = 10  # ... and a smaller one after item_days per item (a one-item thread: as a story)
    max_postings: int = 400  # live threads a term may point at; more is no evidence
    prior: float = 0.035  # bonus per log(1 + recent items) of a thread: an active topic takes more
    floor: float = 0.12  # cosine below which no bonus joins
    half_life: float = 14.0  # days: the recent items of a thread (for ``prior``)
    move: float = 0.05  # margin by which another thread must beat a story's own for the story to move (0: never)
    lone: float = 0.3  # score at which a thread of one story joins another, at 2, 4, 8… items (0: as any thread)

    @classmethod
    def parse(cls, spec: str) -> ThreadSettings:
        """``key=value,...`` → ThreadSettings (keys as in the dataclass); a clear error otherwise."""
        return cls(**parse_spec(cls(), spec, "thread"))


@dataclass(slots=True)
class LiveThread:
    id: str
    first_day: date
    last_day: date
    size: int = 0  # items
    stories: int = 0  # stories that picked it (merged threads' included)
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    indexed: frozenset[str] = frozenset()
    recent: float = 0.0  # items, decayed with half_life, as of recent_day
    recent_day: date | None = None


def _cosine(a: dict[str, float], b: dict[str, float], na: float, nb: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items()) / (na * nb) if na and nb else 0.0


class ThreadTracker:
    """Feed each item after the story clusterer placed it: :meth:`add` returns its thread id.

    ``story_thread`` maps the stories still known to the tracker to their thread; :meth:`resolve`
    follows thread merges. :meth:`state` / :meth:`restore` keep the tracker between store runs.
    """

    def __init__(self, settings: ThreadSettings | None = None, story_ttl: int = 10):
        self.settings = settings or ThreadSettings()
        self.story_ttl = story_ttl  # days a story stays known without an item (the clusterer's ttl)
        self.threads: dict[str, LiveThread] = {}
        self.postings: dict[str, set[str]] = {}
        self.story_thread: dict[str, str] = {}
        self._story_size: dict[str, int] = {}
        self._story_seen: list[tuple[date, str]] = []  # heap: (last day, story), lazily checked
        self._story_last: dict[str, date] = {}
        self._expiry: list[tuple[date, str]] = []
        self.today: date | None = None
        self.alias: dict[str, str] = {}
        self.merged: list[tuple[str, str]] = []  # (gone, kept) not yet reported (the store records them)
        self.left: list[str] = []  # threads a story moved out of, not yet reported (the store recounts them)

    def add(self, item_id: str, day: date, story_id: str, vec: dict[str, float],
            story_centroid: dict[str, float] | None = None) -> str:
        """Place one item, already in story ``story_id`` with TF-IDF vector ``vec`` (unit length).
        ``story_centroid`` is the story's centroid after the item joined (used at sizes 2, 4, 8, …)."""
        s = self.settings
        if self.today is None or day > self.today:
            self.today = day
            self._expire(day)
        day = max(day, self.today)
        tid = self._thread_of(story_id)
        if tid is None:
            tid = self._pick(vec, exclude=None)
            if tid is None:
                tid = thread_id_for(item_id)
                if tid not in self.threads:
                    self.threads[tid] = LiveThread(tid, day, day)
            self.threads[tid].stories += 1
            self.story_thread[story_id] = tid
        th = self.threads[tid]
        self._join(th, vec, day)
        n = self._story_size.get(story_id, 0) + 1
        self._story_size[story_id] = n
        self._story_last[story_id] = day
        heapq.heappush(self._story_seen, (day, story_id))
        if s.merge and n >= 2 and n & (n - 1) == 0 and story_centroid:
            tid = self._maybe_merge(tid, story_centroid)
            self.story_thread[story_id] = tid
        if s.move and n >= 2 and n & (n - 1) == 0 and story_centroid:
            tid = self._maybe_move(tid, story_centroid, n, day)
            self.story_thread[story_id] = tid
        return tid

    def _maybe_move(self, tid: str, centroid: dict[str, float], n: int, day: date) -> str:
        th = self.threads[tid]
        if 2 * n > th.size:
            return tid  # the story is most of its thread: only a merge moves it
        other = self._pick(centroid, exclude=tid)
        if other is None:
            return tid
        ot = self.threads[other]
        length = norm(centroid)
        here = _cosine(centroid, th.centroid, length, th.norm) + self._bonus(th)
        there = _cosine(centroid, ot.centroid, length, ot.norm) + self._bonus(ot)
        if there < here + self.settings.move:
            return tid
        for t, w in centroid.items():
            if t in th.centroid:
                v = th.centroid[t] - w
                if v > 1e-9:
                    th.centroid[t] = v
                else:
                    del th.centroid[t]
        th.size -= n
        th.stories -= 1
        self.left.append(th.id)
        self._changed(th)
        add_into(ot.centroid, centroid)
        ot.size += n
        ot.stories += 1
        ot.last_day = max(ot.last_day, day)
        self._changed(ot)
        return other

    def resolve(self, thread_id: str) -> str:
        """A thread id after the merges so far."""
        while thread_id in self.alias:
            thread_id = self.alias[thread_id]
        return thread_id

    # -- internals -------------------------------------------------------------------------

    def _thread_of(self, story_id: str) -> str | None:
        tid = self.story_thread.get(story_id)
        if tid is None:
            return None
        tid = self.resolve(tid)
        if tid not in self.threads:  # its thread expired while the story lived on: a fresh pick
            del self.story_thread[story_id]
            return None
        return tid

    def _scores(self, vec: dict[str, float]) -> dict[str, float]:
        dots: dict[str, float] = {}
        for t, w in vec.items():
            for tid in self.postings.get(t, ()):
                dots[tid] = dots.get(tid, 0.0) + w * self.threads[tid].centroid[t]
        return dots

    def _recent(self, th: LiveThread, day: date) -> float:
        """The thread's items as of ``day``, each counted 0.5 ** (its age in days / half_life)."""
        if th.recent_day is None:
            return 0.0
        return th.recent * 0.5 ** ((day - th.recent_day).days / self.settings.half_life)

    def _bonus(self, th: LiveThread) -> float:
        s = self.settings
        if not s.prior or self.today is None:
            return 0.0
        return s.prior * math.log1p(self._recent(th, self.today))

    def _pick(self, vec: dict[str, float], exclude: str | None, at: float | None = None) -> str | None:
        best, best_score = None, self.settings.join if at is None else at
        length = norm(vec)
        floor = self.settings.floor
        for tid, dot in self._scores(vec).items():
            if tid == exclude:
                continue
            th = self.threads[tid]
            score = dot / (th.norm * length)
            if score < floor:
                continue
            score += self._bonus(th)
            if score > best_score or (score == best_score and best is not None and tid < best):
                best, best_score = tid, score
        return best

    def _maybe_merge(self, tid: str, centroid: dict[str, float]) -> str:
        a = self.threads[tid]
        lone = a.stories == 1 and self.settings.lone
        other = self._pick(centroid, exclude=tid, at=self.settings.lone if lone else None)
        if other is None:
            return tid
        b = self.threads[other]
        if not lone and _cosine(a.centroid, b.centroid, a.norm, b.norm) < self.settings.merge:
            return tid
        keep, gone = (a, b) if (a.size, b.first_day, b.id) >= (b.size, a.first_day, a.id) else (b, a)
        self._merge(keep, gone)
        return keep.id

    def _merge(self, keep: LiveThread, gone: LiveThread) -> None:
        add_into(keep.centroid, gone.centroid)
        keep.size += gone.size
        keep.stories += gone.stories
        keep.first_day = min(keep.first_day, gone.first_day)
        keep.last_day = max(keep.last_day, gone.last_day)
        if gone.recent_day is not None:
            day = max(gone.recent_day, keep.recent_day or gone.recent_day)
            keep.recent = self._recent(keep, day) + self._recent(gone, day)
            keep.recent_day = day
        self._changed(keep)
        self._reindex(gone, frozenset())
        del self.threads[gone.id]
        self.alias[gone.id] = keep.id
        self.merged.append((gone.id, keep.id))

    def _join(self, th: LiveThread, vec: dict[str, float], day: date) -> None:
        add_into(th.centroid, vec)
        th.size += 1
        if self.settings.prior:
            th.recent = self._recent(th, day) + 1.0
            th.recent_day = day
        th.last_day = max(day, th.last_day)
        self._changed(th)

    def _changed(self, th: LiveThread) -> None:
        """After a thread grew, shrank or merged: its expiry is scheduled again and its centroid
        trimmed to ``terms`` and re-indexed."""
        heapq.heappush(self._expiry, (self._expires(th), th.id))
        self._trim(th)

    def _expires(self, th: LiveThread) -> date:
        s = self.settings
        return th.last_day + timedelta(days=min(s.ttl, s.item_days * th.size))

    def _trim(self, th: LiveThread) -> None:
        if len(th.centroid) > self.settings.terms:
            th.centroid = dict(heapq.nlargest(self.settings.terms, th.centroid.items(), key=lambda kv: (kv[1], kv[0])))
        th.norm = norm(th.centroid)
        self._reindex(th, frozenset(th.centroid))

    def _reindex(self, th: LiveThread, terms: frozenset[str]) -> None:
        th.indexed = reindex(self.postings, self.settings.max_postings, th.id, th.indexed, terms)

    def _expire(self, today: date) -> None:
        while self._expiry and self._expiry[0][0] < today:
            day, tid = heapq.heappop(self._expiry)
            th = self.threads.get(tid)
            if th is None or self._expires(th) != day:
                continue  # merged away, or renewed (its newer entry is further in the heap)
            self._reindex(th, frozenset())
            del self.threads[tid]
        while self._story_seen and (today - self._story_seen[0][0]).days > self.story_ttl:
            day, sid = heapq.heappop(self._story_seen)
            if self._story_last.get(sid) == day:
                del self._story_last[sid]
                self._story_size.pop(sid, None)
                self.story_thread.pop(sid, None)

    # -- persistence (for the store) -------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """What a later run needs to go on where this one stopped."""
        return {
            "today": self.today.isoformat() if self.today else None,
            "threads": [{"id": th.id, "first_day": th.first_day.isoformat(), "last_day": th.last_day.isoformat(),
                         "size": th.size, "stories": th.stories, "centroid": th.centroid, "recent": th.recent,
                         "recent_day": th.recent_day.isoformat() if th.recent_day else None}
                        for th in self.threads.values()],
            "stories": {sid: [tid, self._story_size.get(sid, 0), self._story_last[sid].isoformat()]
                        for sid, tid in self.story_thread.items() if sid in self._story_last},
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.today = date.fromisoformat(state["today"]) if state.get("today") else None
        for r in state.get("threads", []):
            th = LiveThread(r["id"], date.fromisoformat(r["first_day"]), date.fromisoformat(r["last_day"]),
                            r["size"], r["stories"], dict(r["centroid"]), recent=r.get("recent", 0.0),
                            recent_day=date.fromisoformat(r["recent_day"]) if r.get("recent_day") else None)
            self.threads[th.id] = th
            self._changed(th)
        for sid, (tid, size, last) in state.get("stories", {}).items():
            day = date.fromisoformat(last)
            self.story_thread[sid] = tid
            self._story_size[sid] = size
            self._story_last[sid] = day
            heapq.heappush(self._story_seen, (day, sid))

