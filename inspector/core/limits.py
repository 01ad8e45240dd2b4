"""What the program accepts from any file it reads, so no input can hang it, crash it or reach the terminal.

One set of bounds for TOML, JSON and spreadsheet cells: numbers a commune could ever write (and no
exponent that would take hours to make exact), a nesting depth no checklist needs, and text without
control characters. `data_problems` walks parsed data without recursion and names each offending path.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_FILE_BYTES = 16 * 1024 * 1024  # the largest bundled checklist is 60 kB
MAX_DEPTH = 24  # a checklist needs 6 levels (section › criterion › options › option)
MAX_WHOLE_DIGITS = 15  # below one thousand trillion: more than any count, score or budget line
MAX_FRACTION_DIGITS = 15
MAX_DIGITS = 30  # written digits of one decimal: 1.000000000000000000000 is still a plain 1
MAX_NUMBER_CHARS = 64  # shown in messages beyond this, cut with an ellipsis
MAX_EVIDENCE_BYTES = 200 * 1024 * 1024  # a scanned register is tens of MB; a film of the one-stop shop is not evidence
MAX_PROBLEMS = 200  # a file with more is reported with its first ones and a count of the rest
ALLOWED_CONTROLS = frozenset("\t\n")
# Marks that reorder how text is shown (right-to-left override, isolates): a name could read otherwise than
# it is written. No Vietnamese text needs them; they are refused in files and dropped where typed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MAX_NAME_CHARS = 300  # a unit's, a person's, a body's or a campaign's name
MAX_TEXT_CHARS = 200_000  # any one text (a note, a conclusion): a whole report is a few thousand

DataPath = tuple[str | int, ...]  # keys and list indexes from the top of parsed data


class Unbounded:
    """A number from a file that is outside the bounds; reported with its line, never converted."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Unbounded({self.text!r})"


def shown_number(text: str) -> str:
    return text if len(text) <= MAX_NUMBER_CHARS else text[:MAX_NUMBER_CHARS] + "…"


def decimal_within(number: Decimal) -> bool:
    """Finite, below 10^15, not smaller than 10^-15 unless zero, at most 30 written digits.

    Only the exponent and digit count are looked at, so 1e999999999 is refused at once.
    """
    if not number.is_finite():
        return False
    sign, digits, exponent = number.as_tuple()
    if len(digits) > MAX_DIGITS:
        return False
    if number.is_zero():
        return -MAX_DIGITS <= int(exponent) <= MAX_DIGITS
    return -MAX_FRACTION_DIGITS <= number.adjusted() < MAX_WHOLE_DIGITS


def whole_within(number: int) -> bool:
    bound: int = 10**MAX_WHOLE_DIGITS
    return -bound < number < bound


def bounded_decimal(text: str) -> Decimal | Unbounded:
    """`parse_float` for tomllib and json: a Decimal, or a marker the caller reports with its line."""
    if len(text) > 2 * MAX_NUMBER_CHARS:
        return Unbounded(text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return Unbounded(text)
    return number if decimal_within(number) else Unbounded(text)


def bounded_whole(text: str) -> int | Unbounded:
    """`parse_int` for json: digits beyond the bound are never turned into an int."""
    digits = text.lstrip("+-")
    if len(digits.lstrip("0")) > MAX_WHOLE_DIGITS:
        return Unbounded(text)
    return int(text)


_WITHOUT_ALLOWED = {ord(ch): None for ch in ALLOWED_CONTROLS}


def bad_character(text: str) -> str | None:
    """The first character no text field may hold, as U+XXXX: control characters but tab and newline,
    and the non-characters U+FFFE/U+FFFF that XML (DOCX, XLSX) cannot carry."""
    if text.isprintable() or text.translate(_WITHOUT_ALLOWED).isprintable():  # most multi-line text ends here
        return None
    for ch in text:
        if ch in ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or ch in "\ufffe\uffff" or ch in BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


_PLAIN_VALUES = frozenset({float, dt.date, dt.datetime, dt.time, type(None)})


def within_limits(data: Any) -> bool:
    """Whether every value is within the bounds: `data_problems` without the paths, its quick answer for the
    common case (a checklist of 2,000 criteria is 100,000 values; making each one's path cost a third
    of parsing it)."""
    bound = 10**MAX_WHOLE_DIGITS
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        container, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return False
        if type(container) is dict:
            for key in container:
                if type(key) is str and not key.isprintable() and bad_character(key):
                    return False
            children: Any = container.values()
        else:
            children = container
        for child in children:
            kind = type(child)
            if kind is str:
                if len(child) > MAX_TEXT_CHARS or (not child.isprintable() and bad_character(child)):
                    return False
            elif kind is dict or kind is list:
                stack.append((child, depth + 1))
            elif kind is int:
                if not -bound < child < bound:
                    return False
            elif kind is Decimal:
                if not decimal_within(child):
                    return False
            elif kind is not bool and kind not in _PLAIN_VALUES:
                return False  # an Unbounded marker, or anything unexpected: the full walk says what
    return True


def data_problems(data: Any) -> Iterator[tuple[DataPath, str, dict[str, object]]]:
    """(path, catalog key, params) for every value past the bounds; no recursion, so any depth is safe."""
    if type(data) in (dict, list) and within_limits(data):
        return
    yield from walk_problems(data)


def walk_problems(data: Any) -> Iterator[tuple[DataPath, str, dict[str, object]]]:
    """`data_problems` the long way: every value visited with its path."""
    stack: list[tuple[DataPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, Unbounded):
            yield path, "err.number_bounds", {"value": shown_number(value.text), "digits": MAX_WHOLE_DIGITS}
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if not whole_within(value):
                yield path, "err.number_bounds", {"value": shown_number(_int_text(value)), "digits": MAX_WHOLE_DIGITS}
        elif isinstance(value, Decimal):
            if not decimal_within(value):
                yield path, "err.number_bounds", {"value": shown_number(str(value)), "digits": MAX_WHOLE_DIGITS}
        elif isinstance(value, str):
            bad = bad_character(value)
            if bad:
                yield path, "err.control_char", {"char": bad}
            elif len(value) > MAX_TEXT_CHARS:
                yield path, "err.text_too_long", {"n": len(value), "limit": MAX_TEXT_CHARS}
        elif isinstance(value, (dict, list)):
            if len(path) >= MAX_DEPTH:
                yield path, "err.too_deep", {"limit": MAX_DEPTH}
                continue
            children = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in reversed(list(children)):
                if isinstance(key, str) and bad_character(key):
                    yield path + (key,), "err.control_char_key", {"char": bad_character(key)}
                    continue
                stack.append((path + (key,), child))


def _int_text(value: int) -> str:
    """Digits for a message without tripping Python's 4300-digit conversion guard."""
    if abs(value).bit_length() > 13000:  # about 3900 digits: say its size instead
        return f"{'-' if value < 0 else ''}10^{int(abs(value).bit_length() * 0.30103)}"
    return str(value)


_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def clean_text(text: str) -> str:
    """Text typed, pasted or stored, made safe for every file and screen: Word's line break (U+000B) and
    the other line separators become newlines, other control characters are dropped."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    if bad_character(text) is None:
        return text
    return "".join(ch for ch in text if ch in ALLOWED_CONTROLS or not (
        unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff" or ch in BIDI_CONTROLS))


def name_problem(text: str) -> tuple[str, dict[str, object]] | None:
    """Why a name (a unit's, a person's, a campaign's) cannot be kept, as (catalog key, params), or None."""
    bad = bad_character(text)
    if bad:
        return "err.control_char", {"char": bad}
    if len(text) > MAX_NAME_CHARS:
        return "err.name_too_long", {"n": len(text), "limit": MAX_NAME_CHARS}
    return None


def cleaned(value: Any) -> Any:
    """`value` with `clean_text` applied to every string in it (records, tuples, lists, dicts)."""
    from inspector.core.record import evolve, fields, is_record

    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, tuple):
        return tuple(cleaned(v) for v in value)
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}
    if is_record(type(value)):
        changes = {}
        for field in (f for f in fields(type(value)) if f.init):
            before = getattr(value, field.name)
            after = cleaned(before)
            if after != before:
                changes[field.name] = after
        return evolve(value, **changes) if changes else value
    return value


def visible(text: str, keep: str = "\n\t") -> str:
    """Text safe to show on a terminal: control and format characters (ESC, NUL, right-to-left
    overrides, zero-width marks) are written out as escapes such as \\x1b, so data can never move the
    cursor, set the window title or reorder what is shown. Characters in `keep` stay as they are."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else ch.encode("unicode_escape").decode("ascii") for ch in text)
