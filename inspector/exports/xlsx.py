"""Score sheets (openpyxl): one inspection in detail, or many ranked with a unit × criterion matrix."""

from __future__ import annotations

import datetime as dt
import io
from copy import copy
from fractions import Fraction
from typing import Mapping

from inspector.core.describe import failed_check_lines
from inspector.core.i18n import t
from inspector.core.scorecard import CardRow
from inspector.core.sheet_cells import append_row, text_cell
from inspector.exports.common import Exported, check_rows, fact_rows, number
from inspector.exports.tables import CSV_COLUMNS, criterion_rows

POINTS_FORMAT = "0.00"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
FONT_NAME = "Times New Roman"  # one font in every sheet, as in the documents
LINE_HEIGHT = 15  # points per wrapped line


def print_setup(sheet, title_rows: str | None = None) -> None:
    """Ready to print: A4 landscape, fitted to the page width, title rows repeated, narrow margins."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows


def one_font(sheet) -> None:
    """Every written cell in the sheet's font, keeping bold and colours set before."""
    from copy import copy

    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            font = copy(cell.font)
            font.name = FONT_NAME
            cell.font = font


def fit_row_heights(sheet, widths: Mapping[str, float], first_row: int = 1) -> None:
    """Row heights for wrapped text (spreadsheets do not grow a row by themselves when a file is written)."""
    import math

    for row in sheet.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.column_letter in widths:
                width = max(4.0, widths[cell.column_letter] * 1.1)
                lines = max(lines, sum(max(1, math.ceil(len(part) / width)) for part in cell.value.split("\n")))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * min(lines, 15)
PERCENT_FORMAT = "0.00"
WIDTHS = {"col.section_id": 6, "col.section": 24, "col.criterion_id": 7, "col.criterion": 48, "col.type": 12, "col.max_points": 9,
          "col.self": 10, "col.inspected": 10, "col.status": 14, "col.answer": 28, "col.explanation": 44,
          "col.evidence": 32, "col.note": 32, "col.unit_explanation": 36}
POINT_COLUMNS = ("col.max_points", "col.self", "col.inspected")


def single_bytes(exported: Exported, lang: str | None = None) -> bytes:
    """The score table with section subtotals, Vietnamese headers, frozen header, number formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    record, result = exported.record, exported.result
    book = Workbook()
    sheet = book.active
    sheet.title = t("xlsx.detail", lang)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    subtotal_fill = PatternFill("solid", fgColor="F2F2F2")
    wrap = Alignment(wrap_text=True, vertical="top")

    append_row(sheet, [f"{record.info.unit} — {record.checklist.title} ({record.checklist.id} "
                       f"{record.checklist.version}) — {record.info.date.strftime('%d/%m/%Y')}"])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [t(key, lang) for key in CSV_COLUMNS])
    for cell in sheet[2]:
        cell.font, cell.fill, cell.alignment = bold, header_fill, wrap
    sheet.freeze_panes = "A3"
    points_at = [CSV_COLUMNS.index(k) + 1 for k in POINT_COLUMNS]

    rows = iter(criterion_rows(exported, lang))
    for section in result.sections:
        for _ in section.criteria:
            append_row(sheet, list(next(rows)))
            for column in points_at:
                sheet.cell(sheet.max_row, column).number_format = POINTS_FORMAT
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
        own = [score for r in section.criteria if r.id in record.answers
               and (score := record.answers[r.id].self_score) is not None]
        subtotal = [section.id, t("xlsx.subtotal", lang, id=section.id), None, None, None,
                    None if section.section.is_adjustment else number(section.applicable_max),
                    number(sum(own, Fraction(0))) if own else None, number(section.score)]
        append_row(sheet, subtotal)
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = bold, subtotal_fill
        for column in points_at:
            sheet.cell(sheet.max_row, column).number_format = POINTS_FORMAT
    append_row(sheet, [None, t("xlsx.total", lang), None, None, None, number(result.applicable_max), None,
                  number(result.total)])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column in points_at:
        sheet.cell(sheet.max_row, column).number_format = POINTS_FORMAT
    append_row(sheet, [])
    summary = [(t("sum.adjustment", lang), number(result.adjustment)), (t("col.final", lang), number(result.final)),
               (t("sum.percent", lang) + " (%)", number(result.percent)), (t("sum.band", lang), result.band or ""),
               (t("col.provisional", lang), t("word.yes", lang) if result.provisional else t("word.no", lang)),
               (t("col.critical", lang), ", ".join(result.critical_failed))]
    summary += [(t("facts.verdict_failed", lang), line) for line in failed_check_lines(result, lang)]
    for label, value in summary:
        append_row(sheet, [None, label, None, None, None, None, None, value])
        sheet.cell(sheet.max_row, 2).font = bold
        if isinstance(value, float):
            sheet.cell(sheet.max_row, 8).number_format = POINTS_FORMAT
    append_row(sheet, [None, t("sum.date", lang), None, None, None, None, None, record.info.date])
    sheet.cell(sheet.max_row, 2).font = bold
    sheet.cell(sheet.max_row, 8).number_format = DATE_FORMAT
    widths = {}
    for index, key in enumerate(CSV_COLUMNS, 1):
        letter = sheet.cell(2, index).column_letter
        sheet.column_dimensions[letter].width = widths[letter] = WIDTHS[key]
    print_setup(sheet, "2:2")
    fit_row_heights(sheet, widths, first_row=3)
    one_font(sheet)
    _section_chart(book, exported, lang)
    if record.checklist.facts:
        _facts_sheet(book, exported, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _section_chart(book, exported: Exported, lang: str | None) -> None:
    """A sheet of section scores against their maximum, with a bar chart of them."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    sheet = book.create_sheet(t("xlsx.sections", lang))
    append_row(sheet, [t("col.id", lang), t("word.section", lang), t("word.max", lang), t("word.score", lang)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    normal = [s for s in exported.result.sections if not s.section.is_adjustment]
    for s in normal:
        append_row(sheet, [s.id, s.section.title, number(s.applicable_max), number(s.score)])
        for column in (3, 4):
            sheet.cell(sheet.max_row, column).number_format = POINTS_FORMAT
    for letter, width in zip("ABCD", (6, 60, 10, 14)):
        sheet.column_dimensions[letter].width = width
    chart = BarChart()
    chart.type = "col"
    chart.title = t("xlsx.chart_sections", lang)
    chart.y_axis.title = t("word.score", lang)
    data = Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=len(normal) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(normal) + 1))
    chart.width, chart.height = 24, 10
    sheet.add_chart(chart, "F2")
    print_setup(sheet, "1:1")
    one_font(sheet)


def _facts_sheet(book, exported: Exported, lang: str | None) -> None:
    """Số liệu: each figure with its unit, then each check with both sums and whether they add up."""
    from openpyxl.styles import Font, PatternFill

    sheet = book.create_sheet(t("facts.title", lang))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    append_row(sheet, [t("col.id", lang), t("facts.title", lang), t("col.answer", lang), t("col.unit_measure", lang)])
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for ident, label, value, unit in fact_rows(exported):
        append_row(sheet, [ident, label, value, unit])
        sheet.cell(sheet.max_row, 3).number_format = COUNT_FORMAT
    if exported.result.checks:
        append_row(sheet, [])
        append_row(sheet, [t("col.id", lang), t("word.checks", lang), t("col.status", lang),
                           t("col.explanation", lang)])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = bold, fill
        for check, (label, detail, verdict) in zip(exported.result.checks, check_rows(exported, lang)):
            append_row(sheet, [check.id, label, verdict, detail])
            if check.failed:
                sheet.cell(sheet.max_row, 3).font = Font(bold=True, color="C00000")
    for letter, width in zip("ABCD", (16, 48, 16, 40)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    print_setup(sheet, "1:1")
    one_font(sheet)


def _document_font_by_default(book) -> None:
    """Make the document font the workbook's default, so unstyled cells (the matrix) use it too.

    openpyxl keeps the default font as the first entry of the workbook's font table; replacing that entry
    is the only way to set it in write-only mode (there are no column styles there).
    """
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    fonts = getattr(book, "_fonts", None)
    if fonts is not None and len(fonts) == 1:
        book._fonts = IndexedList([Font(name=FONT_NAME, sz=fonts[0].sz, family=fonts[0].family)])


CHART_UNITS = 40  # a ranking chart of more bars cannot be read; the table holds every unit


def _ranking_chart(sheet, units: int, lang: str | None) -> None:
    """The ranking as a bar chart (percent by unit, best first), beside the table."""
    from openpyxl.chart import BarChart, Reference

    if units < 2:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("xlsx.chart_ranking", lang, n=units)
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
    chart.add_data(Reference(sheet, min_col=9, min_row=1, max_row=units + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=3, min_row=2, max_row=units + 1))
    chart.width, chart.height = 22, max(8, units * 0.45)
    chart.legend = None
    sheet.add_chart(chart, "M2")


def multi_bytes(rows: list[CardRow], lang: str | None = None, progress=None) -> bytes:
    """A summary sheet ranking units (score, %, band) and a unit × criterion matrix (write-only: fast).

    Made from the store's scorecards (`Store.card_rows`): a province's table never loads an answer."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    _document_font_by_default(book)
    bold = Font(name=FONT_NAME, bold=True)
    plain = Font(name=FONT_NAME)

    def header(sheet, labels):
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            cells.append(cell)
        append_row(sheet, cells)

    # A style is looked up in the workbook's tables (hashing fonts) each time one is set on a cell: set each
    # combination once on a template cell and give new cells a copy of its style (tens of thousands of cells).
    styles: dict = {}

    def style_of(sheet, fmt: str | None):
        key = (id(sheet), fmt)
        if key not in styles:
            template = WriteOnlyCell(sheet)
            template.font = plain
            if fmt:
                template.number_format = fmt
            styles[key] = template._style
        return styles[key]

    def cell(sheet, value, fmt: str | None = None):
        made = text_cell(sheet, value)  # strings cleaned and typed as text, never a formula
        made._style = copy(style_of(sheet, fmt))
        return made

    total = 2 * len(rows)
    ranked = sorted(rows, key=lambda row: (-row.card.rank_key, row.unit))
    summary = book.create_sheet(t("xlsx.summary", lang))
    summary.freeze_panes = "A2"
    print_setup(summary, "1:1")
    for letter, width in zip("ABCDEFGHIJK", (7, 6, 40, 11, 18, 10, 10, 12, 12, 10, 20)):
        summary.column_dimensions[letter].width = width
    header(summary, [t(k, lang) for k in ("col.rank", "col.number", "col.unit", "col.date", "col.checklist",
                                          "col.score", "sum.adjustment", "col.final", "col.percent", "col.band",
                                          "col.critical")])
    for rank, row in enumerate(ranked, 1):
        card = row.card
        summary.append([cell(summary, rank), cell(summary, row.id), cell(summary, row.unit),
                        cell(summary, dt.date.fromisoformat(row.date), DATE_FORMAT), cell(summary, row.checklist),
                        cell(summary, card.total, POINTS_FORMAT), cell(summary, card.adjustment, POINTS_FORMAT),
                        cell(summary, card.final, POINTS_FORMAT), cell(summary, card.percent, PERCENT_FORMAT),
                        cell(summary, card.band or ""), cell(summary, ", ".join(card.critical_failed))])
        if progress:
            progress(rank, total)

    _ranking_chart(summary, min(len(ranked), CHART_UNITS), lang)
    matrix = book.create_sheet(t("xlsx.matrix", lang))
    matrix.freeze_panes = "C2"
    print_setup(matrix, "1:1")
    columns: list[str] = []
    seen: set[str] = set()
    for row in rows:  # criteria in checklist order; several checklists side by side
        for cid in row.card.criteria:
            if cid not in seen:
                seen.add(cid)
                columns.append(cid)
    header(matrix, [t("col.number", lang), t("col.unit", lang), *columns, t("col.score", lang),
                    t("col.percent", lang)])
    for done, row in enumerate(ranked, 1):
        # The matrix is data to sort and filter: plain values (the workbook's default font is the document
        # font), so openpyxl makes one cell per value instead of a styled copy of each.
        points = row.card.criteria
        matrix.append([row.id, text_cell(matrix, row.unit), *[points.get(cid) for cid in columns],
                       row.card.total, row.card.percent])
        if progress:
            progress(len(rows) + done, total)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
