"""Finding a map's header, columns and total row in a grid, and reading the figures' numbers.

The header is found by its numbering row ("(1) (2) … (13)", "(3)=(4)+(5)+(6)") when the report prints
one, else by the words of the header (accents and case optional). A column found by its number must also
read as the map says above it, so a 21-column report never passes for the 13-column form. The total row
is the one the map names: field rows are never added up (a report's total rows would count twice).
"""

from __future__ import annotations

import re


from inspector.core.figure_import.grid import Formula, Grid, ImportRefused, address, contains, fold
from inspector.core.figure_import.maps import FigureMap
from inspector.core.figure_import.readers import Report
from inspector.core.limits import MAX_WHOLE_DIGITS
from inspector.core.numbers import parse_whole
from inspector.core.record import record

SCAN_ROWS = 60  # where a header may start
MAX_HEADER_ROWS = 8
_NUMBERED = re.compile(r"^\(\s*(\d{1,3})\s*\)")
_ROMAN_OR_DIGITS = re.compile(r"^([ivxlc]+|\d+)$")
_EMPTY = {"", "-", "–", "—", "x"}
MAX_FIGURE = 10 ** MAX_WHOLE_DIGITS - 1


class NoMatch(Exception):
    """This map does not fit this sheet; `reason` says why (a catalog key and its parameters)."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)


@record
class Header:
    top: int
    bottom: int  # the last row of the header (the numbering row when there is one)
    numbers: dict[int, int]  # "(n)" → column index
    texts: tuple[tuple[str, ...], ...]  # per column: the header's words, folded, top to bottom


@record
class CellRead:
    address: str
    shown: str  # the cell as the file shows it
    value: int


@record
class FigureRead:
    fact: str
    cells: tuple[CellRead, ...]

    @property
    def value(self) -> int:
        return sum(c.value for c in self.cells)


@record
class Match:
    report: Report
    map: FigureMap
    grid: Grid
    total_row: int
    total_label: str
    reads: tuple[FigureRead, ...]
    chosen: bool  # the map was named (--map), not found by the header


def numbering_row(grid: Grid) -> tuple[int, dict[int, int]] | None:
    """The row numbering the columns, (n) → column, when there is one among the first rows."""
    for r in range(min(len(grid.rows), SCAN_ROWS)):
        numbers: dict[int, int] = {}
        plain: list[int] = []
        texts = 0
        for c in range(len(grid.rows[r])):
            text = grid.text(r, c)
            if not text:
                continue
            texts += 1
            found = _NUMBERED.match(text)
            if found:
                numbers.setdefault(int(found.group(1)), c)
            elif text.isdigit():
                plain.append(int(text))
                numbers.setdefault(int(text), c)
        if len(numbers) >= 5 and 1 in numbers and len(numbers) >= texts * 0.8 and _ordered(numbers):
            if plain and len(plain) == texts and plain != list(range(1, len(plain) + 1)):
                continue  # plain numbers must count 1, 2, 3…: a data row is no numbering row
            return r, numbers
    return None


def _ordered(numbers: dict[int, int]) -> bool:
    columns = [numbers[n] for n in sorted(numbers)]
    return columns == sorted(columns)


def _distinct(grid: Grid, r: int) -> int:
    return len({grid.text(r, c) for c in range(len(grid.rows[r])) if grid.text(r, c)})


def _has_number(grid: Grid, r: int) -> bool:
    for c in range(len(grid.rows[r])):
        value = grid.value(r, c)
        if isinstance(value, (int, float)) or (isinstance(value, str) and parse_whole(value) is not None):
            return True
    return False


def find_header(grid: Grid, anchors: tuple[str, ...] = ()) -> Header | None:
    """The header block: above the numbering row, or (without one) from the first row holding one of the
    `anchors` (folded words) down to the first row with a number."""
    numbered = numbering_row(grid)
    if numbered is not None:
        bottom, numbers = numbered
        top = bottom
        while top - 1 >= 0 and bottom - (top - 1) <= MAX_HEADER_ROWS and _distinct(grid, top - 1) >= 2 \
                and not _has_number(grid, top - 1):
            top -= 1
        return Header(top, bottom, numbers, _texts(grid, top, bottom - 1 if bottom > top else bottom))
    for r in range(min(len(grid.rows), SCAN_ROWS)):
        if _distinct(grid, r) < 2 or _has_number(grid, r):
            continue
        words = [fold(grid.text(r, c)) for c in range(len(grid.rows[r]))]
        if anchors and not any(contains(w, a) for w in words for a in anchors):
            continue
        if not anchors and _distinct(grid, r) < 3:
            continue
        bottom = r
        while bottom + 1 < len(grid.rows) and bottom + 1 - r < MAX_HEADER_ROWS and \
                _distinct(grid, bottom + 1) >= 1 and not _has_number(grid, bottom + 1):
            bottom += 1
        return Header(r, bottom, {}, _texts(grid, r, bottom))
    return None


def _texts(grid: Grid, top: int, bottom: int) -> tuple[tuple[str, ...], ...]:
    columns = []
    for c in range(grid.width):
        words: list[str] = []
        for r in range(top, bottom + 1):
            w = fold(grid.text(r, c))
            if w and (not words or words[-1] != w):
                words.append(w)
        columns.append(tuple(words))
    return tuple(columns)


def header_shown(grid: Grid, header: Header) -> list[str]:
    """The header's cells as the file writes them, each once, left to right and top to bottom."""
    seen: list[str] = []
    last = header.bottom - 1 if header.numbers and header.bottom > header.top else header.bottom
    for c in range(grid.width):
        for r in range(header.top, last + 1):
            text = grid.text(r, c)
            if text and text not in seen:
                seen.append(text)
    return seen


def _path_matches(texts: tuple[str, ...], path: tuple[str, ...]) -> bool:
    """Each part of the path in the column's header cells, top to bottom (two parts may share a cell:
    "Đã giải quyết quá hạn" written in one cell reads as "đã giải quyết › quá hạn")."""
    at = 0
    for part in path:
        options = part.split("|")
        while at < len(texts) and not any(contains(texts[at], o) for o in options):
            at += 1
        if at == len(texts):
            return False
    return True


def _ends_with(texts: tuple[str, ...], path: tuple[str, ...]) -> bool:
    return bool(texts) and any(contains(texts[-1], o) for o in path[-1].split("|"))


_FILLER = {"ho", "so", "hs", "luong"}  # "Hồ sơ tiếp nhận", "Số lượng": words that tell no column apart


def _leftover(texts: tuple[str, ...], path: tuple[str, ...]) -> int:
    """Words of the column's lowest header cell the path does not name: the fewer, the closer the match."""
    named = {w for part in path for option in part.split("|") for w in option.split()}
    return sum(1 for w in (texts[-1].split() if texts else ()) if w not in named and w not in _FILLER)


def resolve_columns(grid: Grid, figure_map: FigureMap) -> tuple[Header, dict[str, int]]:
    """The header and each of the map's columns in this grid; NoMatch saying why not."""
    anchors = tuple(o for col in figure_map.columns.values() for p in col.headers for o in p[0].split("|"))
    header = find_header(grid, anchors)
    if header is None:
        raise NoMatch("figimp.why.no_header")
    for words in figure_map.require:
        if not any(contains(t, w) for col in header.texts for t in col for w in words):
            raise NoMatch("figimp.why.missing_words", words=" / ".join(words))
    for words in figure_map.exclude:
        if any(contains(t, w) for col in header.texts for t in col for w in words):
            raise NoMatch("figimp.why.excluded", words=" / ".join(words))
    if figure_map.numbered and (not header.numbers or max(header.numbers) < figure_map.numbered):
        raise NoMatch("figimp.why.numbered", n=figure_map.numbered)
    found: dict[str, int] = {}
    for column in figure_map.columns.values():
        if header.numbers and column.number is not None:
            c = header.numbers.get(column.number)
            if c is None:
                raise NoMatch("figimp.why.no_number", n=column.number)
            if column.headers and not any(_path_matches(header.texts[c], p) for p in column.headers):
                raise NoMatch("figimp.why.reads_otherwise", n=column.number, found=" › ".join(header.texts[c]) or "—",
                              expected=" › ".join(column.headers[0]))
            found[column.id] = c
            continue
        found[column.id] = _by_words(header, column.id, column.headers)
    return header, found


def _by_words(header: Header, column_id: str, paths: tuple[tuple[str, ...], ...]) -> int:
    for path in paths:
        matching = [c for c, texts in enumerate(header.texts) if _path_matches(texts, path)]
        if len(matching) > 1:
            matching = [c for c in matching if _ends_with(header.texts[c], path)] or matching
        if len(matching) > 1:
            least = min(_leftover(header.texts[c], path) for c in matching)
            closest = [c for c in matching if _leftover(header.texts[c], path) == least]
            matching = closest if len(closest) == 1 else matching
        if len(matching) == 1:
            return matching[0]
        if len(matching) > 1:
            raise NoMatch("figimp.why.ambiguous", column=column_id, expected=" › ".join(path))
    raise NoMatch("figimp.why.no_column", column=column_id,
                  expected=" › ".join(paths[0]) if paths else column_id)


def _label_matches(text: str, label: str) -> bool:
    if text == label:
        return True
    if text.startswith(label + " "):
        return all(_ROMAN_OR_DIGITS.match(w) for w in text[len(label) + 1:].split())
    return False


def total_row(report: Report, grid: Grid, figure_map: FigureMap, header: Header, columns: dict[str, int]
              ) -> tuple[int, str]:
    """The one row the map's total labels name (the first label found); ImportRefused when none or two."""
    first_value = min(columns.values())
    for label in figure_map.totals:
        rows = []
        for r in range(header.bottom + 1, len(grid.rows)):
            if any(_label_matches(fold(grid.text(r, c)), label) for c in range(min(first_value, len(grid.rows[r])))):
                rows.append(r)
        if len(rows) > 1:
            raise ImportRefused("figimp.two_totals", file=report.name, sheet=grid.sheet,
                                label=_shown_label(grid, rows[0], first_value),
                                rows=", ".join(str(r + 1) for r in rows))
        if rows:
            return rows[0], _shown_label(grid, rows[0], first_value)
    raise ImportRefused("figimp.no_total", file=report.name, sheet=grid.sheet,
                        labels=", ".join(f"«{label}»" for label in figure_map.totals))


def _shown_label(grid: Grid, r: int, before: int) -> str:
    texts = [grid.text(r, c) for c in range(min(before, len(grid.rows[r])))]
    return next((t for t in reversed(texts) if t and not t.isdigit()), texts[0] if texts else "")


def read_number(report: Report, grid: Grid, r: int, c: int, fact: str) -> CellRead:
    """A count as the report writes it: 1410, 1.410 (Vietnamese), 1,410, 1 410; an empty cell or a dash is 0."""
    value = grid.value(r, c)
    where = address(r, c)
    shown = grid.text(r, c)
    if isinstance(value, Formula):
        raise ImportRefused("figimp.formula", file=report.name, sheet=grid.sheet, cell=where, value=shown, fact=fact)
    if value is None or (isinstance(value, str) and value.strip().replace("\u00a0", "") in _EMPTY):
        return CellRead(where, shown, 0)
    number: int | None
    if isinstance(value, float):
        if not value.is_integer():
            raise ImportRefused("figimp.not_whole", file=report.name, sheet=grid.sheet, cell=where, value=shown,
                                fact=fact)
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = value.replace("\u00a0", " ").strip()
        negative = text.startswith("-")
        number = parse_whole(text.lstrip("-").strip())
        if number is None:
            raise ImportRefused("figimp.not_number", file=report.name, sheet=grid.sheet, cell=where, value=shown,
                                fact=fact)
        number = -number if negative else number
    if number < 0 or number > MAX_FIGURE:
        raise ImportRefused("figimp.out_of_bounds", file=report.name, sheet=grid.sheet, cell=where, value=shown,
                            fact=fact)
    return CellRead(where, shown, number)


def match_grid(report: Report, grid: Grid, figure_map: FigureMap, chosen: bool) -> Match:
    """The map on this grid: its figures read from the total row. NoMatch when the header does not fit,
    ImportRefused when it fits but the figures cannot be read."""
    header, columns = resolve_columns(grid, figure_map)
    row, label = total_row(report, grid, figure_map, header, columns)
    reads = tuple(FigureRead(f.fact, tuple(read_number(report, grid, row, columns[cid], f.fact) for cid in f.columns))
                  for f in figure_map.figures)
    return Match(report, figure_map, grid, row, label, reads, chosen)


def match_report(report: Report, maps: list[FigureMap], chosen: FigureMap | None = None,
                 sheet: str | None = None) -> Match:
    """The first sheet and map that fit (the named map only, on the named sheet only, when given)."""
    grids = list(report.grids)
    if sheet is not None:
        grids = [g for g in grids if fold(g.sheet) == fold(sheet)] or [g for g in grids if g.sheet == sheet]
        if not grids:
            raise ImportRefused("figimp.no_sheet", file=report.name, sheet=sheet,
                                sheets=", ".join(f"«{g.sheet}»" for g in report.grids))
    tried = [chosen] if chosen is not None else maps
    deferred: list[ImportRefused] = []  # a map whose header fits but whose figures cannot be read
    for grid in grids:
        for figure_map in tried:
            try:
                return match_grid(report, grid, figure_map, chosen is not None)
            except NoMatch as no:
                if chosen is not None and len(grids) == 1:
                    from inspector.core.i18n import t

                    raise ImportRefused("figimp.map_mismatch", file=report.name, sheet=grid.sheet, map=figure_map.id,
                                        reason=t(no.key, **no.params)) from None
            except ImportRefused as refused:
                deferred.append(refused)
    if deferred:
        raise deferred[0]
    headers = []
    for grid in grids:
        header = find_header(grid)
        if header is not None:
            headers.append(f"«{grid.sheet}»: " + " | ".join(header_shown(grid, header)[:24]))
    if not headers:
        raise ImportRefused("figimp.no_header", file=report.name,
                            sheets=", ".join(f"«{g.sheet}»" for g in grids))
    raise ImportRefused("figimp.no_map", file=report.name, headers="; ".join(headers),
                        maps=", ".join(m.id for m in tried))
