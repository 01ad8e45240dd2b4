"""A spreadsheet is a zip of XML parts: look at it before any XML parser does.

Excel and LibreOffice never write a DOCTYPE, so a part that declares one (entity expansion, "billion
laughs", external entities) is refused here whatever the XML library underneath is built with, and a
zip that unpacks to far more than a checklist needs (a zip bomb) is refused before it is unpacked.
defusedxml, installed with the program, guards openpyxl's own parsing as a second line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from inspector.core.problems import Msg, msg

MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a 5,000-row checklist sheet unpacks to about 5 MB
MAX_PARTS = 2000
_CHUNK = 1 << 16
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")


def workbook_problem(path: str | Path) -> Msg | None:
    """Why this file cannot be read safely as a workbook, or None when openpyxl may open it."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                return msg("sheet.too_many_parts", n=len(parts))
            unpacked = 0
            for part in parts:
                unpacked += part.file_size
                if unpacked > MAX_UNPACKED_BYTES:
                    return msg("sheet.too_big", limit=MAX_UNPACKED_BYTES // (1024 * 1024))
            for part in parts:
                if part.filename.endswith((".xml", ".rels", ".vml")) and _declares_entities(archive, part):
                    return msg("sheet.dtd", part=part.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError, RuntimeError):
        return msg("sheet.not_zip")
    except _Oversized:
        return msg("sheet.too_big", limit=MAX_UNPACKED_BYTES // (1024 * 1024))
    except OSError as error:
        from inspector.core.i18n import os_error_text

        return msg("sheet.os_error", detail=os_error_text(error))
    return None


class _Oversized(Exception):
    """A part unpacks to more than its header says: the header lied, stop reading."""


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    read = 0
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > MAX_UNPACKED_BYTES:
                raise _Oversized
            window = tail + chunk
            if any(marker in window for marker in _DECLARATIONS):
                return True
            tail = window[-16:]
    return False
