"""Checklists already validated, kept in the data folder so a command reads a known checklist without
parsing and validating its TOML again (two thirds of a cold `inspector score`'s own work).

A form is kept with the text it was made from (compared whole before the form is used), the program's
version and the model's fields, a fingerprint of the loader's own files (their sizes and times, so a
changed loader never reads a form it did not write) and a CRC-32 of the form (so a damaged form is
never read). No hash of the text is computed on the way: OpenSSL's start-up alone was 3 ms of a
cold `inspector score`.
Anything unexpected in a form (missing, unreadable, another program, not valid JSON, a different
checksum) means the text is parsed again: the form only ever saves time. It is trusted as the store
next to it is: whoever can write the data folder can change the inspections themselves.
It is written only where the data folder already exists: reading a checklist creates no folder.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

from inspector.core.model import Checklist
from inspector.core.paths import data_dir

KEPT = 64  # forms kept; the oldest go first
# The modules whose code decides what a checklist file becomes.
LOADER_MODULES = ("inspector.core.checklist", "inspector.core.model", "inspector.core.criteria",
                  "inspector.core.criterion_keys", "inspector.core.checks", "inspector.core.source",
                  "inspector.core.limits", "inspector.core.record", "inspector.core.checklist_form")


def folder() -> Path:
    return data_dir() / "cache" / "checklists"


def _loader_fingerprint() -> str:
    from inspector import __version__
    from inspector.core.paths import frozen_dir

    if frozen_dir() is not None:  # the one-file build: its modules are inside the program, which is the loader
        try:
            program = os.stat(sys.executable)
        except OSError:
            return ""
        return f"{__version__}:frozen:{program.st_size}:{program.st_mtime_ns}"
    parts = [__version__]
    names = [*LOADER_MODULES, *sorted(n for n in sys.modules if n.startswith("inspector.core.criteria."))]
    for name in names:
        module = sys.modules.get(name)
        location = getattr(module, "__file__", None)
        if not location:
            return ""
        try:
            found = os.stat(location)
        except OSError:
            return ""
        parts.append(f"{found.st_size}:{found.st_mtime_ns}")
    return ";".join(parts)


def _name(text: str) -> str:
    # CRC-32 and length only name the file: the text kept in it is compared whole before the form is used.
    return f"{zlib.crc32(text.encode('utf-8')):08x}-{len(text)}.json"


def recall(text: str) -> Checklist | None:
    """The checklist this text (as read, NFC) makes, when a form of it is kept; else None."""
    if not data_dir().is_dir():
        return None
    from inspector.core.checklist_form import checklist_from_json

    try:
        with open(folder() / _name(text), encoding="utf-8", newline="") as handle:
            stored = handle.read(6 * len(text) + 65536)  # the text, then a form about its size
        fingerprint, _, rest = stored.partition("\n")
        form_crc, _, rest = rest.partition("\n")
        if not fingerprint or fingerprint != _loader_fingerprint() or not rest.startswith(text):
            return None
        form = rest[len(text):]
        if form_crc != f"{zlib.crc32(form.encode('utf-8')):08x}":
            return None
        checklist = checklist_from_json(form, text)
    except Exception:  # noqa: BLE001 - a kept form only ever saves time: anything wrong with it, the text is read
        return None
    return checklist


def keep(checklist: Checklist) -> None:
    """Keep the form of a checklist just validated (silently not, when the folder cannot take it)."""
    if not data_dir().is_dir():
        return
    from inspector.core.checklist_form import checklist_to_json

    fingerprint = _loader_fingerprint()
    if not fingerprint:
        return
    text = checklist.source
    target = folder() / _name(text)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        form = checklist_to_json(checklist)
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            handle.write(f"{fingerprint}\n{zlib.crc32(form.encode('utf-8')):08x}\n{text}{form}")
        os.replace(partial, target)
        _prune(target.parent)
    except OSError:
        try:
            partial.unlink(missing_ok=True)  # a full disk, a file in use: nothing half-written stays behind
        except OSError:
            pass


def _prune(where: Path) -> None:
    forms = sorted(where.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in forms[KEPT:]:
        old.unlink(missing_ok=True)
