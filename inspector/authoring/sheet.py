"""Checklists as spreadsheets: one row per criterion, because officials draft criteria tables in Excel.

Layout (docs/checklist-spreadsheet.md): a sheet "Bảng kiểm" of key | value rows for the checklist
itself, and a sheet "Tiêu chí" with a header row and one row per criterion; section columns repeat on
each row (the first row of a section gives its title and kind). Lists inside a cell are one entry per
line; the parts of an entry are separated by " | ".
"""

from __future__ import annotations

import io
import re
from fractions import Fraction
from pathlib import Path


from inspector.core import criterion_keys
from inspector.core.checklist import build_checklist
from inspector.core.criterion_keys import cell_number, parse_cell
from inspector.core.i18n import t
from inspector.core.model import Checklist
from inspector.core.numbers import plain
from inspector.core.problems import FileProblems, Msg, msg, printable
from inspector.core.record import record
from inspector.core.sheet_cells import append_row
from inspector.core.sheet_print import fit_row_heights, print_layout
from inspector.core.source import from_text
from inspector.core.workbook_guard import workbook_problem

MAX_ROWS = 5000  # criteria in one checklist; the largest real one has about 60
MAX_COLUMNS = 64
WHOLE_FILE = "-"  # a problem with the file itself, at no cell
META_SHEET = "Bảng kiểm"
CRITERIA_SHEET = "Tiêu chí"
META_KEYS = (("id", "Mã bảng kiểm"), ("version", "Phiên bản"), ("title", "Tên bảng kiểm"), ("description", "Mô tả"),
             ("unit_types", "Loại đơn vị"), ("na", "Cách tính khi không áp dụng"),
             ("critical_cap", "Xếp loại tối đa khi trượt điểm liệt"), ("bands", "Các mức xếp loại"))
SECTION_COLUMNS = (
    ("section_id", "Mã mục"), ("section_title", "Tên mục"), ("section_kind", "Loại mục"),
    ("section_min", "Mục: tối thiểu"), ("section_max", "Mục: tối đa"), ("section_description", "Mục: mô tả"),
)
FACTS_SHEET = "Số liệu"
CHECKS_SHEET = "Kiểm tra số liệu"
FACT_COLUMNS = (("id", "Mã số liệu"), ("label", "Tên số liệu"), ("unit", "Đơn vị tính"), ("guidance", "Hướng dẫn"))
CHECK_COLUMNS = (("id", "Mã kiểm tra"), ("label", "Nội dung kiểm tra"), ("left", "Vế trái (a + b)"),
                 ("op", "So sánh (==, <=, >=)"), ("right", "Vế phải (a + b)"))
# Criterion columns come from the registry, in its order.
COLUMNS = SECTION_COLUMNS + tuple((key.name, key.header) for key in criterion_keys.KEYS)
KEYS = [key for key, _ in COLUMNS]


# ---------------------------------------------------------------- export
def _criterion_cell(c, key: criterion_keys.CriterionKey, checklist: Checklist):
    """What a criterion's row shows for a key: nothing where the file would say nothing (defaults left out)."""
    value = getattr(c, key.model_attribute)
    if key.name == "max" and not criterion_keys.TYPES[c.type].has_max:
        return None
    if (key.name, value) in (("critical", False), ("evidence", "optional")) or (key.name == "na" and value == checklist.na):
        return None
    if key.kind == "flag":
        return "x" if value else None
    if key.kind == "number":
        return _num(value)
    return criterion_keys.cell_text(key.name, criterion_keys.toml_value(key.name, value)) or None


def _num(value: Fraction | None):
    if value is None:
        return None
    return value.numerator if value.denominator == 1 else float(plain(value))


def _pair(a, b) -> str:
    return f"{plain(a)} | {plain(b)}"


def checklist_to_xlsx(checklist: Checklist) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    wrap = Alignment(wrap_text=True, vertical="top")  # every cell: a long text or a list of lines shows whole
    meta = book.active
    meta.title = META_SHEET
    values = {"id": checklist.id, "version": checklist.version, "title": checklist.title,
              "description": checklist.description, "unit_types": ", ".join(checklist.unit_types or ()),
              "na": checklist.na, "critical_cap": checklist.critical_cap or "",
              "bands": "\n".join(f"{b.label} | {plain(b.min)}" for b in checklist.bands)}
    for key, label in META_KEYS:
        append_row(meta, [f"{label} ({key})", values[key]])
        for cell in meta[meta.max_row]:
            cell.alignment = wrap
    meta.column_dimensions["A"].width, meta.column_dimensions["B"].width = 32, 63  # portrait A4 at 100%
    fit_row_heights(meta)
    sheet = book.create_sheet(CRITERIA_SHEET)
    append_row(sheet, [f"{label} ({key})" for key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font, cell.alignment = Font(bold=True), wrap
    sheet.freeze_panes = "A2"
    for section in checklist.sections:
        for n, c in enumerate(section.criteria):
            first = n == 0
            row = {
                "section_id": section.id, "section_title": section.title if first else None,
                "section_kind": "adjustment" if first and section.is_adjustment else None,
                "section_min": _num(section.min) if first else None, "section_max": _num(section.max) if first else None,
                "section_description": section.description if first and section.description else None,
                **{key.name: _criterion_cell(c, key, checklist) for key in criterion_keys.KEYS},
            }
            append_row(sheet, [row[key] for key in KEYS])
    for cell in sheet[1]:
        sheet.column_dimensions[cell.column_letter].width = 14
    wide = (("section_title", 24), ("title", 50), ("guidance", 50), ("basis", 32), ("options", 40), ("items", 36))
    for key, width in wide:
        sheet.column_dimensions[sheet.cell(1, KEYS.index(key) + 1).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    fit_row_heights(sheet)
    # Far wider than a page (one column a key): the columns flow on to further pages at 100%, the header repeated.
    print_layout(sheet, header_rows="1:1", title=f"{checklist.id} {checklist.version} — {CRITERIA_SHEET}")
    # Figures and their checks (§8): always present, so a new checklist can add them in Excel.
    facts = book.create_sheet(FACTS_SHEET)
    append_row(facts, [f"{label} ({key})" for key, label in FACT_COLUMNS])
    for fact in checklist.facts:
        append_row(facts, [fact.id, fact.label, fact.unit or None, fact.guidance or None])
    checks = book.create_sheet(CHECKS_SHEET)
    append_row(checks, [f"{label} ({key})" for key, label in CHECK_COLUMNS])
    for check in checklist.checks:
        append_row(checks, [check.id, check.label, " + ".join(check.left), check.op, " + ".join(check.right)])
    for extra, widths in ((facts, (22, 50, 12, 50)), (checks, (22, 44, 32, 10, 30))):  # landscape A4 at 100%
        for cell in extra[1]:
            cell.font, cell.alignment = Font(bold=True), wrap
        for cell, width in zip(extra[1], widths):
            extra.column_dimensions[cell.column_letter].width = width
        for row in extra.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        fit_row_heights(extra)
        extra.freeze_panes = "A2"
    for printed in (meta, facts, checks):
        print_layout(printed, header_rows=None if printed is meta else "1:1",
                     title=f"{checklist.id} {checklist.version} — {printed.title}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- import
@record
class SheetProblem:
    file: str
    sheet: str
    row: int
    column: str  # letter
    key: str
    message: object  # a Msg or a Problem: translated when rendered

    def render(self, lang: str | None = None) -> str:
        text = self.message.render(lang) if isinstance(self.message, Msg) else self.message.message(lang)
        if self.sheet == WHOLE_FILE:
            return f"{self.file}: {text}"
        return f"{self.file}: " + t("sheet.where", lang, sheet=self.sheet, row=self.row, column=self.column,
                                    key=self.key) + f": {text}"


class SheetProblems(Exception):
    def __init__(self, problems: list[SheetProblem]):
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))

    def render(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)


_KEY_IN_HEADER = re.compile(r"\(([a-z_]+)\)\s*$")


def _header_key(text) -> str | None:
    if not isinstance(text, str):
        return None
    match = _KEY_IN_HEADER.search(text.strip())
    if match:
        return match.group(1)
    for key, label in COLUMNS + META_KEYS + FACT_COLUMNS + CHECK_COLUMNS:
        if text.strip().casefold() in (label.casefold(), key):
            return key
    return None


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split("|")]


def checklist_from_xlsx(path: str | Path) -> tuple[Checklist, str]:
    """The checklist and its TOML text; raises SheetProblems naming sheet, row and column.

    The file is looked at by `workbook_guard` before openpyxl parses it, and anything openpyxl raises
    while reading (it reads lazily, row by row) becomes one problem, never a traceback.
    """
    from openpyxl import load_workbook

    name = str(path)
    refused = workbook_problem(path)
    if refused is not None:
        raise SheetProblems([SheetProblem(name, WHOLE_FILE, 1, "A", "-", refused)])
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return _read_book(book, name)
        finally:
            book.close()
    except SheetProblems:
        raise
    except Exception as error:  # openpyxl, zipfile and the XML parser raise many kinds for a damaged file
        detail = printable(f"{type(error).__name__}: {error}"[:200])
        raise SheetProblems([SheetProblem(name, WHOLE_FILE, 1, "A", "-", msg("sheet.unreadable", detail=detail))]) from None


def _read_book(book, name: str) -> tuple[Checklist, str]:
    import tomli_w
    from openpyxl.utils import get_column_letter

    problems: list[SheetProblem] = []
    where: dict[tuple, tuple[str, int, str, str]] = {}  # TOML path → (sheet, row, column, key)

    def problem(sheet, row, column, key, message):
        problems.append(SheetProblem(name, sheet, row, column, key, message))

    for sheet_name in (META_SHEET, CRITERIA_SHEET):
        if sheet_name not in book.sheetnames:
            problem(sheet_name, 1, "A", "-", msg("sheet.missing", sheet=sheet_name, found=", ".join(book.sheetnames)))
    if problems:
        raise SheetProblems(problems)

    data: dict = {"format": 1}
    scoring: dict = {}
    for row_number, row in enumerate(book[META_SHEET].iter_rows(values_only=True, max_col=2), 1):
        if row_number > MAX_ROWS:
            problem(META_SHEET, row_number, "A", "-", msg("sheet.too_many_rows", limit=MAX_ROWS))
            break
        if not row or row[0] is None:
            continue
        key = _header_key(row[0])
        value = row[1] if len(row) > 1 else None
        if key not in dict(META_KEYS):
            problem(META_SHEET, row_number, "A", str(row[0]), msg("sheet.unknown_key", keys=", ".join(k for k, _ in META_KEYS)))
            continue
        if value is None or str(value).strip() == "":
            continue
        target = scoring if key in ("na", "critical_cap", "bands") else data
        path = ("scoring", key) if target is scoring else (key,)
        where[path] = (META_SHEET, row_number, "B", key)
        if key == "unit_types":
            target[key] = [part.strip() for part in str(value).split(",") if part.strip()]
        elif key == "bands":
            bands = []
            for line in str(value).splitlines():
                parts = _parts(line)
                try:
                    bands.append({"label": parts[0], "min": cell_number(parts[1])})
                except (IndexError, ValueError):
                    problem(META_SHEET, row_number, "B", key, msg("sheet.bad_entry", line=line, shape="nhãn | tối thiểu"))
            target[key] = bands
        else:
            target[key] = str(value).strip() if not isinstance(value, str) else value.strip()
    if scoring:
        data["scoring"] = scoring

    rows = book[CRITERIA_SHEET].iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(rows, ())
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        key = _header_key(text)
        if key in KEYS:
            columns[key] = index
        elif text is not None and str(text).strip():
            problem(CRITERIA_SHEET, 1, get_column_letter(index + 1), str(text),
                    msg("sheet.unknown_column", columns=", ".join(KEYS)))
    letter = {key: get_column_letter(index + 1) for key, index in columns.items()}
    sections: list[dict] = []
    by_id: dict[str, int] = {}
    for row_number, row in enumerate(rows, 2):
        if row_number > MAX_ROWS:
            problem(CRITERIA_SHEET, row_number, "A", "-", msg("sheet.too_many_rows", limit=MAX_ROWS))
            break
        cells = {key: row[index] for key, index in columns.items() if index < len(row)}
        cells = {k: (v.strip() if isinstance(v, str) else v) for k, v in cells.items() if v not in (None, "")}
        if not cells:
            continue
        section_id = str(cells.get("section_id", ""))
        if not section_id:
            problem(CRITERIA_SHEET, row_number, letter.get("section_id", "A"), "section_id", msg("sheet.no_section"))
            continue
        if section_id not in by_id:
            by_id[section_id] = len(sections)
            sections.append({"id": section_id, "criterion": []})
            where[("section", by_id[section_id])] = (CRITERIA_SHEET, row_number, letter["section_id"], "section_id")
        s_index = by_id[section_id]
        section = sections[s_index]
        for key, target in (("section_title", "title"), ("section_kind", "kind"), ("section_min", "min"),
                            ("section_max", "max"), ("section_description", "description")):
            if key in cells and target not in section:
                value = cells[key]
                if target in ("min", "max"):
                    try:
                        value = cell_number(value)
                    except ValueError as error:
                        problem(CRITERIA_SHEET, row_number, letter[key], key, _reason(error, value))
                        continue
                section[target] = value if target in ("min", "max") else str(value)
                where[("section", s_index, target)] = (CRITERIA_SHEET, row_number, letter[key], key)
        c_index = len(section["criterion"])
        criterion: dict = {}
        where[("section", s_index, "criterion", c_index)] = (CRITERIA_SHEET, row_number, letter.get("id", "G"), "id")
        for key in KEYS[len(SECTION_COLUMNS):]:
            if key not in cells:
                continue
            value = cells[key]
            col = letter[key]
            where[("section", s_index, "criterion", c_index, key)] = (CRITERIA_SHEET, row_number, col, key)
            try:
                criterion[key] = parse_cell(key, value)
            except ValueError as error:
                problem(CRITERIA_SHEET, row_number, col, key, _reason(error, value))
        section["criterion"].append(criterion)
    for sheet_name, columns_of, table in ((FACTS_SHEET, FACT_COLUMNS, "fact"), (CHECKS_SHEET, CHECK_COLUMNS, "check")):
        if sheet_name in book.sheetnames:  # optional: workbooks made before facts existed have neither
            entries = _entries(book[sheet_name], sheet_name, columns_of, table, where, problem)
            if entries:
                data[table] = entries
    data["section"] = sections
    if problems:
        raise SheetProblems(problems)

    text = tomli_w.dumps(data)
    try:
        checklist = build_checklist(from_text(text, name))
    except FileProblems as refused:
        for p in refused.problems:
            sheet, row, column, key = _nearest(where, p.path)
            problems.append(SheetProblem(name, sheet, row, column, key, p))
        raise SheetProblems(problems) from None
    return checklist, text


def _entries(sheet, sheet_name: str, columns_of, table: str, where: dict, problem) -> list[dict]:
    """The rows of the facts or checks sheet as TOML tables; `a + b` cells become lists of fact ids."""
    from openpyxl.utils import get_column_letter

    known = [key for key, _ in columns_of]
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    columns: dict[str, int] = {}
    for index, text in enumerate(next(rows, ())):
        key = _header_key(text)
        if key in known:
            columns[key] = index
        elif text is not None and str(text).strip():
            problem(sheet_name, 1, get_column_letter(index + 1), str(text), msg("sheet.unknown_column",
                                                                                 columns=", ".join(known)))
    entries: list[dict] = []
    for row_number, row in enumerate(rows, 2):
        if row_number > MAX_ROWS:
            problem(sheet_name, row_number, "A", "-", msg("sheet.too_many_rows", limit=MAX_ROWS))
            break
        cells = {key: row[index] for key, index in columns.items() if index < len(row)}
        cells = {k: (v.strip() if isinstance(v, str) else str(v)) for k, v in cells.items() if v not in (None, "")}
        if not cells:
            continue
        entry: dict = {}
        for key, value in cells.items():
            entry[key] = [part.strip() for part in value.split("+") if part.strip()] if key in ("left", "right") \
                else value
            where[(table, len(entries), key)] = (sheet_name, row_number, get_column_letter(columns[key] + 1), key)
        where[(table, len(entries))] = (sheet_name, row_number, "A", "id")
        entries.append(entry)
    return entries


def _reason(error: ValueError, value: object) -> Msg:
    """The registry's own words for a refused cell, or "not a number"."""
    if error.args and isinstance(error.args[0], Msg):
        return error.args[0]
    return msg("sheet.not_number", value=printable(str(value)[:80]))


def _nearest(where: dict, path: tuple) -> tuple[str, int, str, str]:
    while path:
        if path in where:
            return where[path]
        path = path[:-1]
    return (META_SHEET, 1, "A", "-")
