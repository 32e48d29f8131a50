"""A CSV re-load's preview, before anything is written: which rows are new, changed
or unchanged against what is stored, and each changed value old → new.

One home for campaign figures (``campaigns.services.metrics``) and content figures
(``marketing.services.content``). A row is anything with a hashable ``key`` and a
``value``; ``existing`` maps keys to the stored values. Pure: no database access.
The page part is ``templates/includes/reload_preview.html``.

Confirming applies exactly what was previewed: the preview's form carries the diff's
``fingerprint()`` and ``check_previewed`` refuses a confirmation when the stored
values moved in between (someone else loaded figures), so nobody confirms an
old → new they did not see.
"""

import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

PREVIEW_ROWS = 50  # rows listed on the page; the counts cover the whole file


@dataclass
class Diff:
    new: list
    changed: list
    unchanged: int
    # the stored value of each changed row's key: what a re-load replaces
    previous: dict[Hashable, Any] = field(default_factory=dict)

    @property
    def to_write(self) -> list:
        return self.new + self.changed

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
        }

    def fingerprint(self) -> str:
        """Names this outcome: the same rows against the same stored values."""
        digest = hashlib.sha256()
        for row in self.new:
            digest.update(repr(("new", row.key, row.value)).encode())
        for row in self.changed:
            digest.update(
                repr(("changed", row.key, self.previous[row.key], row.value)).encode()
            )
        digest.update(repr(("unchanged", self.unchanged)).encode())
        return digest.hexdigest()[:32]


def check_previewed(diff: Diff, previewed: str | None) -> None:
    """Refuse a confirmation whose preview no longer holds (``None``: no preview
    was shown, e.g. the API, which loads in one step)."""
    if previewed is not None and previewed != diff.fingerprint():
        raise ApplicationError(
            _(
                "The stored figures changed since this preview; nothing was "
                "loaded. Check the new preview and confirm again."
            )
        )


def diff_rows(rows: Iterable, existing: dict) -> Diff:
    """Split a clean batch against the stored values of the same keys."""
    new, changed, unchanged, previous = [], [], 0, {}
    for row in rows:
        stored = existing.get(row.key)
        if stored is None:
            new.append(row)
        elif stored != row.value:
            changed.append(row)
            previous[row.key] = stored
        else:
            unchanged += 1
    return Diff(new=new, changed=changed, unchanged=unchanged, previous=previous)


def preview_sample(
    diff: Diff,
    *,
    describe: Callable[[Any], list[str]],
    show: Callable[[Any], str],
    limit: int = PREVIEW_ROWS,
) -> list[dict]:
    """The first rows confirming writes, changed values first (a re-load replaces
    figures people have already seen): ``cells`` (``describe(row)``), ``old`` (None
    for a new row) and ``new`` as ``show`` writes a value, and ``state``."""
    sample = []
    for state, rows in (("changed", diff.changed), ("new", diff.new)):
        for row in rows[: limit - len(sample)]:
            sample.append(
                {
                    "cells": describe(row),
                    "old": show(diff.previous[row.key])
                    if row.key in diff.previous
                    else None,
                    "new": show(row.value),
                    "state": state,
                    "state_label": _("changed") if state == "changed" else _("new"),
                }
            )
    return sample
