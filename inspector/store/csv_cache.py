"""Each inspection's CSV rows as it was last exported, kept so that exporting an unchanged inspection
again is a copy of its bytes (the rows of a province's 3,321 inspections cost five times its XLSX to
make: explanations, answer texts, the CSV writer).

Kept per inspection in one variant (program version, engine, language, dialect, one or several
inspections in the file: what decides every byte), compressed. Never stale: triggers in the schema
(store/schema.py, version 11) drop an inspection's rows on any write to its row, answers, figures or
reported figures, whatever code made the write.
"""

from __future__ import annotations

import zlib

from inspector.store.database import Store
from inspector.store.errors import StoreError


def kept_rows(store: Store, inspection_id: int, variant: str) -> bytes | None:
    """The inspection's CSV rows in this variant as last exported (UTF-8), or None."""
    found = store.query("SELECT rows FROM csv_rows WHERE inspection_id = ? AND variant = ?", (inspection_id, variant))
    if not found:
        return None
    try:
        return zlib.decompress(found[0][0])
    except (zlib.error, TypeError):
        return None  # made again, and kept again


def read_mark(store: Store) -> int:
    """Taken before the rows' inspections are read: `keep_rows` keeps nothing if another connection (a second
    window, the phone upload page) committed since, as the rows may have been read from before its write."""
    return store.data_version()


def keep_rows(store: Store, made: list[tuple[int, str, bytes]], mark: int) -> None:
    """Keep rows just made (inspection id, variant, UTF-8 rows), read after `read_mark` gave `mark`; silently
    not on a store that takes no writes, nor when anything else wrote to the store meanwhile."""
    if not made or store.read_only is not None:
        return
    try:
        with store.transaction():
            if store.data_version() != mark:  # inside the write lock: no commit can come between
                return
            store.db.executemany("INSERT OR REPLACE INTO csv_rows (inspection_id, variant, rows) VALUES (?, ?, ?)",
                                 [(number, variant, zlib.compress(rows, 1)) for number, variant, rows in made])
    except StoreError:
        return
