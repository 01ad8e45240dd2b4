"""What the store says when it cannot do something: one exception a user can act on, with its words."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class AnswerChanged(Exception):
    """Another window changed this answer since it was read: read it again and reapply the change."""


class StoreError(Exception):
    """A store problem a user can act on; `key` is a catalog entry, `detail` the system's words."""

    def __init__(self, key: str, detail: str = "", path: str = ""):
        self.key, self.detail, self.path = key, detail, path
        super().__init__(f"{key}: {detail}")

    def message(self, lang: str | None = None) -> str:
        from inspector.core.i18n import t

        return t(self.key, lang, path=self.path, detail=self.detail)


def translate(error: sqlite3.Error, path: Path) -> StoreError:
    """SQLite's error as the store problem it means for the user."""
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or "permission" in text or "unable to open" in text:
        return StoreError("store.readonly", str(error), str(path))
    if "full" in text or "disk i/o" in text:
        return StoreError("store.full", str(error), str(path))
    if "locked" in text or "busy" in text:
        return StoreError("store.busy", str(error), str(path))
    if "not a database" in text or "malformed" in text:
        return StoreError("store.corrupt", str(error), str(path))
    return StoreError("store.failed", str(error), str(path))
