"""Errors that name the item they happened to, so a run can report them and go on."""

from __future__ import annotations

from dataclasses import dataclass


class ItemError(Exception):
    """A problem with one input item; the run continues with the others."""

    def __init__(self, item: str, reason: str):
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Failure:
    """A failed item as it appears in a run's report."""

    item: str
    reason: str
    stage: str  # read, extract, annotate, store

    def to_json(self) -> dict[str, str]:
        return {"item": self.item, "reason": self.reason, "stage": self.stage}
