"""Choosing and writing an export: bytes for a format, a safe default name, no silent overwrite."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Sequence

from inspector.core.files import write_atomically
from inspector.core.progress import Progress, throttled
from inspector.exports.common import (
    Exported,
    StoredExports,
    default_name,
    safe_filename,
)
from inspector.exports.formats import format_named
from inspector.store.database import Store


class ExportRefused(Exception):
    """The target exists and overwriting was not allowed; `path` says which."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(str(path))


class ExportLocked(Exception):
    """The target is held open by another program (Word, Excel, an antivirus or sync tool)."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(str(path))


# Windows refuses to replace a file open in Word or Excel; sync and antivirus tools hold files briefly.
LOCK_RETRIES = 4
LOCK_PAUSE = 0.5


def write_retrying(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write atomically; a target held by another program is tried again a few times before giving up. The
    file is made once (`data`: bytes, or a function writing them): only moving it onto the target is retried."""
    import time

    def replace(temporary: str, target: Path) -> None:
        for attempt in range(LOCK_RETRIES):
            try:
                os.replace(temporary, target)
                return
            except PermissionError:
                if not os.access(target.parent, os.W_OK):
                    raise  # a folder we may not write to: no retry makes that work
                if attempt == LOCK_RETRIES - 1:
                    raise ExportLocked(path) from None
                time.sleep(LOCK_PAUSE)

    write_atomically(path, data, replace=replace)


def render(fmt: str, items: Sequence[Exported], lang: str | None = None, progress: Progress | None = None,
           csv_dialect: str = "excel") -> bytes:
    """Inspections in a format's bytes: one, or several in one file where the format holds several."""
    found = format_named(fmt)
    if len(items) == 1 and found.render_one is not None:
        return found.render_one(items[0], lang, csv_dialect)
    if found.render_many is None:
        raise ValueError(fmt)
    out = io.BytesIO()
    found.render_many(items, lang, progress, csv_dialect, out)
    return out.getvalue()


def target_path(output: Path | str, fmt: str, count: int, only: Exported | None = None) -> Path:
    """`output` itself, or inside it (a folder, or a path ending in a separator) a name made safe from
    the unit and date of the `only` inspection, or from the number of inspections."""
    wants_folder = str(output).endswith(("/", "\\"))
    output = Path(output)
    if wants_folder or output.is_dir():
        name = default_name(only) if only is not None else safe_filename(f"tong-hop-{count}-cuoc-kiem-tra")
        return output / f"{name}{format_named(fmt).suffix}"
    return output


def export(items: list[Exported], fmt: str, output: Path | str, force: bool = False, lang: str | None = None,
           progress: Progress | None = None, csv_dialect: str = "excel") -> Path:
    """Inspections already loaded, written to `output` in `fmt` (a store's many: `export_many`)."""
    path = target_path(output, fmt, len(items), items[0] if len(items) == 1 else None)
    if path.exists() and not force:
        raise ExportRefused(path)
    write_retrying(path, render(fmt, items, lang, progress, csv_dialect))
    return path


def load_all(store: Store, ids: list[int]) -> list[Exported]:
    return [Exported.of(store.load(number)) for number in ids]


def export_many(store: Store, ids: list[int], fmt: str, output: Path | str, force: bool = False,
                lang: str | None = None, progress: Progress | None = None, csv_dialect: str = "excel") -> Path:
    """Several inspections into one file. Refused before any work when the target exists; a spreadsheet
    reads the store's scorecards, a CSV loads each inspection as it writes its rows."""
    renderer = format_named(fmt).render_many
    if renderer is None or len(ids) < 2:
        raise ValueError(fmt)
    path = target_path(output, fmt, len(ids))
    if path.exists() and not force:
        raise ExportRefused(path)
    items = StoredExports(store, ids)
    write_retrying(path, lambda out: renderer(items, lang, throttled(progress), csv_dialect, out))  # as it is made
    return path
