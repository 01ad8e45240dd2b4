"""Choosing and writing an export: bytes for a format, a safe default name, no silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, Sequence

from inspector.core.files import write_atomically
from inspector.core.limits import clean_text
from inspector.core.progress import Progress, throttled
from inspector.exports import MULTI_FORMATS, SUFFIXES
from inspector.exports.common import Exported, default_name, safe_filename
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


def write_retrying(path: Path, data: bytes) -> None:
    """Write atomically; a target held by another program is tried again a few times before giving up."""
    import time

    for attempt in range(LOCK_RETRIES):
        try:
            write_atomically(path, data)
            return
        except PermissionError:
            if path.parent.exists() and not os.access(path.parent, os.W_OK):
                raise  # a folder we may not write to: no retry makes that work
            if attempt == LOCK_RETRIES - 1:
                raise ExportLocked(path) from None
            time.sleep(LOCK_PAUSE)


def render(fmt: str, items: list[Exported], lang: str | None = None, progress: Progress | None = None,
           csv_dialect: str = "excel") -> bytes:
    if len(items) > 1 and fmt not in MULTI_FORMATS:
        raise ValueError(fmt)
    if fmt == "csv":
        from inspector.exports.tables import csv_bytes

        return csv_bytes(items, lang, progress, csv_dialect)
    if fmt == "xlsx":
        from inspector.exports.xlsx import multi_bytes, single_bytes

        if len(items) > 1:
            return multi_bytes([item.card_row() for item in items], lang, progress)
        return single_bytes(items[0], lang)
    (exported,) = items
    if fmt == "json":
        from inspector.exports.jsonrecord import to_bytes

        return to_bytes(exported)
    if fmt == "md":
        from inspector.exports.tables import markdown

        return clean_text(markdown(exported, lang)).encode("utf-8")  # read in a terminal or chat: no escapes
    if fmt == "docx":
        from inspector.exports.docx import docx_bytes

        return docx_bytes(exported)
    if fmt == "conclusion":
        from inspector.exports.docx import conclusion_bytes

        return conclusion_bytes(exported)
    if fmt == "self_assessment":
        from inspector.exports.self_assessment import workbook_bytes

        return workbook_bytes(exported.record, exported.record.uid)
    if fmt == "answers":
        from inspector.core.answers import answers_to_toml

        record = exported.record
        return answers_to_toml(record.info, record.answers, record.checklist, record.findings,
                               record.facts).encode("utf-8")
    raise ValueError(fmt)


def target_path(output: Path | str, fmt: str, count: int, only: Exported | None = None) -> Path:
    """`output` itself, or inside it (a folder, or a path ending in a separator) a name made safe from
    the unit and date of the `only` inspection, or from the number of inspections."""
    wants_folder = str(output).endswith(("/", "\\"))
    output = Path(output)
    if wants_folder or output.is_dir():
        name = default_name(only) if only is not None else safe_filename(f"tong-hop-{count}-cuoc-kiem-tra")
        return output / f"{name}{SUFFIXES[fmt]}"
    return output


def export(items: list[Exported], fmt: str, output: Path | str, force: bool = False, lang: str | None = None,
           progress: Progress | None = None, csv_dialect: str = "excel") -> Path:
    path = target_path(output, fmt, len(items), items[0] if len(items) == 1 else None)
    if path.exists() and not force:
        raise ExportRefused(path)
    write_retrying(path, render(fmt, items, lang, progress, csv_dialect))
    return path


def load_all(store: Store, ids: list[int]) -> list[Exported]:
    return [Exported.of(store.load(number)) for number in ids]


class StoredExports(Sequence[Exported]):
    """Inspections of a store loaded and scored one at a time as an export walks them: a province's CSV
    never holds 3,321 records at once, and its progress counts the loading too."""

    def __init__(self, store: Store, ids: list[int]):
        self.store, self.ids = store, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [Exported.of(self.store.load(number)) for number in self.ids[index]]
        return Exported.of(self.store.load(self.ids[index]))

    def __iter__(self) -> Iterator[Exported]:
        for number in self.ids:
            yield Exported.of(self.store.load(number))


def export_many(store: Store, ids: list[int], fmt: str, output: Path | str, force: bool = False,
                lang: str | None = None, progress: Progress | None = None, csv_dialect: str = "excel") -> Path:
    """Several inspections into one file. Refused before any work when the target exists; a spreadsheet
    reads the store's scorecards, a CSV loads each inspection as it writes its rows."""
    if fmt not in MULTI_FORMATS or len(ids) < 2:
        raise ValueError(fmt)
    path = target_path(output, fmt, len(ids))
    if path.exists() and not force:
        raise ExportRefused(path)
    progress = throttled(progress)
    if fmt == "xlsx":
        from inspector.exports.xlsx import multi_bytes

        data = multi_bytes(store.card_rows(ids, progress), lang, progress)
    else:
        from inspector.exports.tables import csv_bytes

        data = csv_bytes(StoredExports(store, ids), lang, progress, csv_dialect)
    write_retrying(path, data)
    return path
