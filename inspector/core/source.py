"""Reading a TOML file the way users write them: UTF-8 (with or without BOM), NFC, exact decimals.

Every TOML file the program reads comes through `parse`, which also enforces `limits`: a number past
the bounds, a nesting too deep or a control character in text is a problem with its line, never a hang,
a RecursionError or a broken export later.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
import unicodedata
from pathlib import Path
from typing import Any


from inspector.core import limits
from inspector.core.i18n import os_error_key
from inspector.core.problems import FileProblems, Problem, describe
from inspector.core.record import record
from inspector.core.tomlmap import deep_line, line_of, value_lines

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")
_LONG_DIGITS = re.compile(r"[0-9][0-9_]{%d,}" % limits.MAX_WHOLE_DIGITS)


@record
class Source:
    name: str  # as shown in messages: the path the user gave
    text: str  # NFC-normalised
    data: dict[str, Any]


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


# Brackets nested deeper than this are a problem of the whole file, as when tomllib itself gives up (a
# RecursionError, a few hundred levels down at Python's default limit, further when a tool raised it).
PARSER_GIVES_UP = 200


def parse(text: str, name: str) -> Source:
    """Parse TOML text; a syntax error or a value past the limits becomes a problem with its line."""
    if len(text) > limits.MAX_FILE_BYTES:
        raise FileProblems([_too_large(name, len(text.encode("utf-8")))])
    try:
        data = tomllib.loads(text, parse_float=limits.bounded_decimal)
    except tomllib.TOMLDecodeError as error:
        raise FileProblems([_syntax_problem(error, text, name)]) from None
    except RecursionError:
        line = deep_line(text, limits.MAX_DEPTH)
        raise FileProblems([Problem(name, line, (), "err.too_deep", {"limit": limits.MAX_DEPTH})]) from None
    except ValueError:  # an integer past Python's 4300-digit guard; tomllib reports nothing else this way
        found = _LONG_DIGITS.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        shown = limits.shown_number(found.group()) if found else "…"
        raise FileProblems([Problem(name, line, (), "err.number_bounds",
                                    {"value": shown, "digits": limits.MAX_WHOLE_DIGITS})]) from None
    bad = list(limits.data_problems(data))
    if bad:
        raise FileProblems(_located(bad, text, data, name))
    return Source(name, text, data)


def _located(bad: list[tuple[limits.DataPath, str, dict[str, object]]], text: str, data: dict[str, Any],
             name: str) -> list[Problem]:
    lines = value_lines(text)
    problems = []
    for path, code, params in bad[: limits.MAX_PROBLEMS]:
        line = line_of(lines, path)
        if code == "err.too_deep":
            line = deep_line(text, limits.MAX_DEPTH) or line
            if deep_line(text, PARSER_GIVES_UP) is not None:
                # Said the same way whatever recursion limit this process runs with.
                problems.append(Problem(name, line, (), code, params))
                continue
        problems.append(Problem(name, line, describe(path, data), code, params, path))
    return problems


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, name: str) -> Problem:
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
    return Problem(name, line, (), "err.toml", {"col": column or 1, "detail": detail})


def _too_large(name: str, size: int) -> Problem:
    return Problem(name, None, (), "err.too_large", {"size": _megabytes(size), "limit": _megabytes(limits.MAX_FILE_BYTES)})


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _os_reason(error: OSError) -> object:
    """Translated when the problem is rendered, in whatever language it is rendered in."""
    from inspector.core.problems import msg

    key = os_error_key(error)
    return msg(key) if key else error.strerror or str(error)


def read(path: str | Path) -> Source:
    """A TOML file, parsed and checked against the limits; FileProblems when refused."""
    return parse(read_text(path), str(path))


def read_text(path: str | Path) -> str:
    """Any text file the program reads (TOML, JSON): bounded in size, a regular file, UTF-8, NFC."""
    name = str(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device would block or never end
            raise FileProblems([Problem(name, None, (), "err.not_regular", {})])
        with open(path, "rb") as handle:  # never more than the limit, whatever the file's size
            raw = handle.read(limits.MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileProblems([Problem(name, None, (), "err.read", {"reason": _os_reason(error)})]) from None
    if len(raw) > limits.MAX_FILE_BYTES:
        raise FileProblems([_too_large(name, _size_of(path))])
    return decode(raw, name)


def _size_of(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return limits.MAX_FILE_BYTES + 1


def from_text(text: str, name: str = "<text>") -> Source:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return parse(text.replace("\r\n", "\n"), name)
