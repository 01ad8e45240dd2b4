"""The three ways a one-stop system's report arrives, read into grids behind one function.

- XLSX: checked by `core/workbook_guard.py` (zip bomb, DTD and entity tricks) before openpyxl opens it.
- Old binary XLS (BIFF, an OLE2 compound file): xlrd, with merged cells.
- An HTML table saved with the .xls ending (what many systems' "Xuất Excel" writes; neither openpyxl nor
  xlrd reads it): the standard library's html.parser, rowspan and colspan filled like merged cells.
- PDF: out of scope, said so.

The format is told by the file's first bytes, never by its ending. Each refusal is one `ImportRefused`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path


from inspector.core.figure_import.grid import (
    MAX_COLUMNS,
    MAX_ROWS,
    Formula,
    Grid,
    ImportRefused,
    Value,
    fill_merged,
)
from inspector.core.record import record

MAX_REPORT_BYTES = 20 * 1024 * 1024  # a province's whole-year report is under 2 MB, even as HTML
MAX_SPAN = 200  # rowspan/colspan beyond this are a trick, not a layout
MAX_HTML_CELLS = 500_000

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@record
class Report:
    name: str  # the file's name, as shown and audited
    path: str
    sha256: str
    kind: str  # "xlsx" | "xls" | "html"
    grids: tuple[Grid, ...]


def read_report(path: str | Path, html_table_name: str = "Bảng {n}") -> Report:
    """Every sheet (or HTML table) of the report, merged cells filled. ImportRefused when it cannot be read."""
    name = Path(path).name
    data = _bytes(path, name)
    sha = hashlib.sha256(data).hexdigest()
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"%PDF") or head.startswith(b"%PDF"):
        raise ImportRefused("figimp.pdf", file=name)
    if data.startswith(b"PK\x03\x04"):
        return Report(name, str(path), sha, "xlsx", _xlsx(path, name))
    if data.startswith(OLE2):
        return Report(name, str(path), sha, "xls", _xls(data, name))
    if _looks_html(data):
        return Report(name, str(path), sha, "html", _html(data, name, html_table_name))
    raise ImportRefused("figimp.unknown_format", file=name)


def _bytes(path: str | Path, name: str) -> bytes:
    from inspector.core.i18n import os_error_text

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ImportRefused("figimp.not_regular", file=name)
        if info.st_size > MAX_REPORT_BYTES:
            raise ImportRefused("figimp.too_big", file=name, size=info.st_size // (1024 * 1024),
                                limit=MAX_REPORT_BYTES // (1024 * 1024))
        with open(path, "rb") as handle:
            data = handle.read(MAX_REPORT_BYTES + 1)
    except OSError as error:
        raise ImportRefused("figimp.unreadable", file=name, detail=os_error_text(error)) from None
    if len(data) > MAX_REPORT_BYTES:  # grew while being read
        raise ImportRefused("figimp.too_big", file=name, size=len(data) // (1024 * 1024),
                            limit=MAX_REPORT_BYTES // (1024 * 1024))
    if not data:
        raise ImportRefused("figimp.empty", file=name)
    return data


# ---- XLSX
def _xlsx(path: str | Path, name: str) -> tuple[Grid, ...]:
    from inspector.core.workbook_guard import workbook_problem

    problem = workbook_problem(path)
    if problem is not None:
        raise ImportRefused("figimp.bad_workbook", file=name, detail=problem)
    try:
        import openpyxl

        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
        grids = []
        for sheet, written in zip(values.worksheets, formulas.worksheets):
            rows: list[list[Value]] = []
            last_row = min(sheet.max_row or 0, MAX_ROWS)
            last_column = min(sheet.max_column or 0, MAX_COLUMNS)
            for cached, typed in zip(sheet.iter_rows(min_row=1, max_row=last_row, max_col=last_column, values_only=True),
                                     written.iter_rows(min_row=1, max_row=last_row, max_col=last_column,
                                                       values_only=True)):
                rows.append([Formula(t) if v is None and isinstance(t, str) and t.startswith("=") else _plain(v)
                             for v, t in zip(cached, typed)])
            ranges = [(r.min_row - 1, r.max_row - 1, r.min_col - 1, r.max_col - 1) for r in sheet.merged_cells.ranges]
            fill_merged(rows, ranges)
            grids.append(Grid(sheet.title, tuple(tuple(r) for r in rows)))
        values.close()
        formulas.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file: each is "cannot read"
        raise ImportRefused("figimp.damaged", file=name, kind="XLSX", detail=type(error).__name__) from None
    return tuple(grids)


def _plain(value: object) -> Value:
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    return str(value)  # a date, a time, a boolean: text, refused if a figure is read from it


# ---- old XLS
def _xls(data: bytes, name: str) -> tuple[Grid, ...]:
    try:
        import xlrd

        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as error:  # xlrd: XLRDError, CompDocError, struct errors for damaged files
        text = str(error).lower()
        if "encrypt" in text or "password" in text:
            raise ImportRefused("figimp.encrypted", file=name) from None
        raise ImportRefused("figimp.damaged", file=name, kind="XLS", detail=type(error).__name__) from None
    grids = []
    try:
        for index in range(book.nsheets):
            sheet = book.get_sheet(index)
            rows: list[list[Value]] = []
            for r in range(min(sheet.nrows, MAX_ROWS)):
                row: list[Value] = []
                for c in range(min(sheet.ncols, MAX_COLUMNS)):
                    cell = sheet.cell(r, c)
                    if cell.ctype in (xlrd.XL_CELL_TEXT,):
                        row.append(cell.value)
                    elif cell.ctype == xlrd.XL_CELL_NUMBER:
                        row.append(cell.value)
                    elif cell.ctype == xlrd.XL_CELL_EMPTY or cell.ctype == xlrd.XL_CELL_BLANK:
                        row.append(None)
                    else:  # a date, a boolean, an error cell
                        row.append(str(cell.value))
                rows.append(row)
            fill_merged(rows, [(top, bottom - 1, left, right - 1) for top, bottom, left, right in sheet.merged_cells])
            grids.append(Grid(sheet.name, tuple(tuple(r) for r in rows)))
    except Exception as error:
        raise ImportRefused("figimp.damaged", file=name, kind="XLS", detail=type(error).__name__) from None
    finally:
        book.release_resources()
    return tuple(grids)


# ---- HTML saved as .xls
_HTML_START = re.compile(rb"<\s*(html|table|!doctype\s+html|meta|head|body|\?xml)", re.I)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _looks_html(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return bool(_HTML_START.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024])) or b"<table" in head.lower()


def _decode(data: bytes) -> str:
    import codecs

    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    found = _CHARSET.search(data[:4096])
    if found:
        try:
            encoding = codecs.lookup(found.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            encoding = "utf-8"
        if encoding != "utf-8":
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")  # Excel's "Web page" in Vietnamese Windows


def _html(data: bytes, name: str, table_name: str) -> tuple[Grid, ...]:
    import unicodedata

    parser = _Tables()
    try:
        parser.feed(unicodedata.normalize("NFC", _decode(data)))
        parser.close()
        grids = [Grid(table_name.format(n=i + 1), _expand(table)) for i, table in enumerate(parser.tables + parser.stack) if table]
    except _TooMany:
        raise ImportRefused("figimp.html_too_many", file=name, limit=MAX_HTML_CELLS) from None
    if not grids:
        raise ImportRefused("figimp.no_table", file=name)
    return tuple(grids)


class _TooMany(Exception):
    """More cells than any report has: stop parsing."""


@record(frozen=False)
class _Cell:
    text: list[str]
    rowspan: int
    colspan: int
    number: str | None  # Excel's x:num, the cell's value when its text is formatted


class _Tables(HTMLParser):
    """Tables as lists of rows of cells (nested tables are tables of their own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[_Cell]]] = []
        self.stack: list[list[list[_Cell]]] = []
        self.cell: list[_Cell | None] = []
        self.cells = 0

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.stack.append([])
            self.cell.append(None)
        elif not self.stack:
            return
        elif tag == "tr":
            self.stack[-1].append([])
            self.cell[-1] = None
        elif tag in ("td", "th"):
            self.cells += 1
            if self.cells > MAX_HTML_CELLS:
                raise _TooMany
            found = dict(attrs_)
            if not self.stack[-1]:
                self.stack[-1].append([])
            cell = _Cell([], _span(found.get("rowspan")), _span(found.get("colspan")), found.get("x:num"))
            self.stack[-1][-1].append(cell)
            self.cell[-1] = cell
        elif tag in ("br", "p", "div") and self.cell and self.cell[-1] is not None:
            self.cell[-1].text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.stack:
            self.tables.append(self.stack.pop())
            self.cell.pop()
        elif tag in ("td", "th", "tr") and self.cell:
            self.cell[-1] = None

    def handle_data(self, data: str) -> None:
        if self.cell and self.cell[-1] is not None:
            self.cell[-1].text.append(data)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), MAX_SPAN))
    except ValueError:
        return 1


def _expand(table: list[list[_Cell]]) -> tuple[tuple[Value, ...], ...]:
    """The table's grid: a cell spanning rows or columns fills every place it covers."""
    grid: dict[tuple[int, int], Value] = {}
    width = placed = 0
    for r, row in enumerate(table[:MAX_ROWS]):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            text = " ".join("".join(cell.text).split())
            value: Value = text or None
            if cell.number is not None:
                try:
                    number = float(cell.number)
                    value = int(number) if number.is_integer() else number
                except ValueError:
                    pass
            placed += cell.rowspan * cell.colspan
            if placed > MAX_HTML_CELLS * 4:
                raise _TooMany
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < MAX_ROWS and c + dc < MAX_COLUMNS:
                        grid[(r + dr, c + dc)] = value
            c += cell.colspan
            width = min(max(width, c), MAX_COLUMNS)
    height = min(max((r for r, _ in grid), default=-1) + 1, MAX_ROWS)
    return tuple(tuple(grid.get((r, c)) for c in range(width)) for r in range(height))


def path_from_text(text: str) -> Path:
    """A path as pasted: Windows' "Copy as path" wraps it in double quotes, others in single quotes; a
    file:// address (dragged from a file manager) is a path too (core/paths.py `typed_path`, for every path field)."""
    from inspector.core.paths import typed_path

    return Path(typed_path(text)).expanduser()
