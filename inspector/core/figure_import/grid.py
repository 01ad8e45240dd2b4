"""A sheet as the importer sees it: rows of plain values, merged cells filled, addresses as Excel writes them."""

from __future__ import annotations

import re
import unicodedata


from inspector.core.problems import Refusal
from inspector.core.record import record

Value = str | int | float | None

MAX_ROWS = 5000  # a province's 07a has a few hundred rows; the importer never looks further
MAX_COLUMNS = 200  # OpenCPS prints 21 columns


class Formula(str):
    """A formula cell the file keeps no computed value for (written by a program, never opened in Excel)."""


class ImportRefused(Refusal):
    """The file cannot be imported: one message naming the file (and the sheet and cell when there is one)."""


@record
class Grid:
    sheet: str  # the sheet's name (an HTML file's table: "Bảng 1")
    rows: tuple[tuple[Value, ...], ...]

    def value(self, row: int, column: int) -> Value:
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return None

    def text(self, row: int, column: int) -> str:
        value = self.value(row, column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return " ".join(str(value).split())

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def column_letter(column: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, column: int) -> str:
    return f"{column_letter(column)}{row + 1}"


def fill_merged(rows: list[list[Value]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's top-left value into every cell it covers (first row, last row, first column,
    last column; all inclusive, 0-based), within the rows and columns kept."""
    for top, bottom, left, right in ranges:
        if top >= len(rows) or left >= MAX_COLUMNS:
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, MAX_COLUMNS - 1) + 1):
                if c >= len(row):
                    row.extend([None] * (c + 1 - len(row)))
                if r != top or c != left:
                    row[c] = value


_MARKS = re.compile(r"[\u0300-\u036f]")
_WORDS = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Text compared without case, accents or punctuation: "Đã giải quyết" → "da giai quyet"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join(_WORDS.findall(_MARKS.sub("", text).casefold()))


def contains(words: str, part: str) -> bool:
    """Whether the folded `part` is a run of whole words of the folded `words`."""
    return bool(part) and f" {part} " in f" {words} "
