"""Reading a TOML file the way users write them: UTF-8 (with or without BOM), NFC, exact decimals."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

import attrs

from inspector.core.i18n import os_error_key
from inspector.core.problems import FileProblems, Problem

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


@attrs.frozen
class Source:
    name: str  # as shown in messages: the path the user gave
    text: str  # NFC-normalised
    data: dict


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text, NFC-normalised; invalid bytes are reported with their line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):  # Notepad's BOM
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FileProblems([Problem(name, line, (), "err.utf8", {"byte": f"{raw[error.start]:02x}", "col": column})]) from None
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n")


def parse(text: str, name: str) -> Source:
    """Parse TOML text; a syntax error becomes one problem with its line and column."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        detail = str(error)
        line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
        match = _TOML_POSITION.search(detail)
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            detail = detail[: match.start()]
        elif _TOML_END.search(detail):
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
            detail = _TOML_END.sub("", detail)
        detail = getattr(error, "msg", None) or detail
        raise FileProblems([Problem(name, line, (), "err.toml", {"col": column or 1, "detail": detail})]) from None
    return Source(name, text, data)


def _os_reason(error: OSError) -> object:
    """Translated when the problem is rendered, in whatever language it is rendered in."""
    from inspector.core.problems import msg

    key = os_error_key(error)
    return msg(key) if key else error.strerror or str(error)


def read(path: str | Path) -> Source:
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise FileProblems([Problem(name, None, (), "err.read", {"reason": _os_reason(error)})]) from None
    return parse(decode(raw, name), name)


def from_text(text: str, name: str = "<text>") -> Source:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return parse(text.replace("\r\n", "\n"), name)
