"""Score sheets (openpyxl): one inspection in detail, or many ranked with a unit × criterion matrix."""

from __future__ import annotations

import datetime as dt
import io
from copy import copy
from fractions import Fraction

from inspector.core.describe import failed_check_lines
from inspector.core.i18n import t
from inspector.core.scorecard import CardRow
from inspector.core.sheet_cells import append_row, text_cell
from inspector.core.sheet_print import DEFAULT_FONT_POINTS, fit_row_heights, print_layout, row_height, wrapped_lines
from inspector.exports.common import Exported, check_rows, fact_rows, number
from inspector.exports.tables import CSV_COLUMNS, criterion_rows

POINTS_FORMAT = "0.00"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
FONT_NAME = "Times New Roman"  # one font in every sheet, as in the documents


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


PERCENT_FORMAT = "0.00"
# As narrow as the text allows, wrapped: the fourteen columns fit one landscape A4 page at 75%, 11 pt printing at
# 8.25 pt (they were 312 wide, fitted at 47%: 5 pt). The inspected score's column also holds the summary's
# values below the table, a date among them.
WIDTHS = {"col.section_id": 5, "col.section": 12, "col.criterion_id": 6, "col.criterion": 29, "col.type": 9,
          "col.max_points": 7, "col.self": 7, "col.inspected": 10, "col.status": 9, "col.answer": 18,
          "col.explanation": 25, "col.evidence": 19, "col.note": 16, "col.unit_explanation": 13}
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

    title = (f"{record.info.unit} — {record.checklist.title} ({record.checklist.id} {record.checklist.version}) — "
             f"{record.info.date.strftime('%d/%m/%Y')}")
    append_row(sheet, [title])
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
    for index, key in enumerate(CSV_COLUMNS, 1):
        sheet.column_dimensions[sheet.cell(2, index).column_letter].width = WIDTHS[key]
    fit_row_heights(sheet, first_row=2)
    one_font(sheet)
    print_layout(sheet, header_rows="2:2", title=title, titled_first_page=True, lang=lang)
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
    chart.width, chart.height = 16.5, 10  # as wide as the table, below it: the sheet prints on portrait A4 at 100%
    sheet.add_chart(chart, f"A{len(normal) + 3}")
    one_font(sheet)
    print_layout(sheet, header_rows="1:1", title=f"{exported.record.info.unit} — {sheet.title}", lang=lang)


def _facts_sheet(book, exported: Exported, lang: str | None) -> None:
    """Số liệu: each figure with its unit, then each check with both sums and whether they add up."""
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet(t("facts.title", lang))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    append_row(sheet, [t("col.id", lang), t("facts.title", lang), t("col.answer", lang), t("col.unit_measure", lang)])
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for ident, label, value, unit in fact_rows(exported):
        append_row(sheet, [ident, label, value, unit])
        sheet.cell(sheet.max_row, 3).number_format = COUNT_FORMAT
    if exported.record.info.facts_evidence:  # the documents the figures were read from: computed criteria's evidence
        append_row(sheet, ["", t("facts.sources", lang), "; ".join(exported.record.info.facts_evidence), ""])
        sheet.cell(sheet.max_row, 2).font = bold
    if exported.result.checks:
        from openpyxl.worksheet.pagebreak import Break

        append_row(sheet, [])
        append_row(sheet, [t("col.id", lang), t("word.checks", lang), t("col.status", lang),
                           t("col.explanation", lang)])
        sheet.row_breaks.append(Break(id=sheet.max_row - 1))  # the checks' own table, under its header, on its page
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = bold, fill
        for check, (label, detail, verdict) in zip(exported.result.checks, check_rows(exported, lang)):
            append_row(sheet, [check.id, label, verdict, detail])
            if check.failed:
                sheet.cell(sheet.max_row, 3).font = Font(bold=True, color="C00000")
    for letter, width in zip("ABCD", (22, 46, 14, 40)):  # a figure's id is one word of up to 22 letters
        sheet.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    fit_row_heights(sheet)
    sheet.freeze_panes = "A2"
    one_font(sheet)
    # Two tables under two headers: the figures' header is repeated only when it heads every page.
    print_layout(sheet, header_rows=None if exported.result.checks else "1:1",
                 title=f"{exported.record.info.unit} — {sheet.title}", lang=lang)


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
# Tổng hợp: as narrow as its text allows (names, checklists, bands wrapped): landscape A4 at 100%.
SUMMARY_WIDTHS = (6, 5, 34, 11, 15, 9, 11, 11, 9, 10, 16)
SUMMARY_WRAPPED = (2, 4, 9, 10)  # 0-based: the unit, the checklist, the band, the critical criteria
# Ma trận tiêu chí: one criterion a column, as narrow as its points ("10.25") and ids ("VB12") allow. A table of
# a hundred criteria cannot print legibly on one page width (it was squeezed to 15%: 1.6 pt), so its columns
# flow on to further pages at 100%, shared out evenly, with the unit's number and name (A:B) and the header
# repeated on each page. It stays one table rather than one block per section: it is data to sort and filter
# (one header row, one row per unit), and the scorecards it is made from know criteria, not sections.
MATRIX_KEY_WIDTHS = (5, 30)
MATRIX_POINTS_WIDTH, MATRIX_TOTAL_WIDTH = 6, 8


def _ranking_chart(sheet, units: int, lang: str | None):
    """The ranking as a bar chart (percent by unit, best first), below the table (`units` of its rows)."""
    from openpyxl.chart import BarChart, Reference

    if units < 2:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("xlsx.chart_ranking", lang, n=units)
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
    chart.add_data(Reference(sheet, min_col=9, min_row=1, max_row=units + 1), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=3, min_row=2, max_row=units + 1))
    chart.width, chart.height = 22, max(8, units * 0.45)  # no taller than a page: print_layout sees to it
    chart.legend = None
    return chart


def multi_bytes(rows: list[CardRow], lang: str | None = None, progress=None) -> bytes:
    """A summary sheet ranking units (score, %, band) and a unit × criterion matrix (write-only: fast).

    Made from the store's scorecards (`Store.card_rows`): a province's table never loads an answer."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    _document_font_by_default(book)
    bold = Font(name=FONT_NAME, bold=True)
    plain = Font(name=FONT_NAME)
    heading = Alignment(wrap_text=True, vertical="top")
    wrap = Alignment(wrap_text=True)  # at the bottom of the row, as the numbers beside it

    def set_widths(sheet, widths) -> None:  # before the first row: a write-only sheet writes them there
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width

    def height(sheet, row: int, texts) -> None:
        """The height of row `row` (not yet written) for its wrapped `texts` [(text, width)]."""
        lines = max((wrapped_lines(text, width) for text, width in texts if isinstance(text, str)), default=1)
        if lines > 1:
            sheet.row_dimensions[row].height = row_height(lines)

    def header(sheet, labels, widths):
        height(sheet, 1, zip(labels, widths))
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font, cell.alignment = bold, heading
            cells.append(cell)
        append_row(sheet, cells)

    # A style is looked up in the workbook's tables (hashing fonts) each time one is set on a cell: set each
    # combination once on a template cell and give new cells a copy of its style (tens of thousands of cells).
    styles: dict = {}

    def style_of(sheet, fmt: str | None, wrapped: bool):
        key = (id(sheet), fmt, wrapped)
        if key not in styles:
            template = WriteOnlyCell(sheet)
            template.font = plain
            if fmt:
                template.number_format = fmt
            if wrapped:
                template.alignment = wrap
            styles[key] = template._style
        return styles[key]

    def cell(sheet, value, fmt: str | None = None, wrapped: bool = False):
        made = text_cell(sheet, value)  # strings cleaned and typed as text, never a formula
        made._style = copy(style_of(sheet, fmt, wrapped))
        return made

    total = 2 * len(rows)
    ranked = sorted(rows, key=lambda row: (-row.card.rank_key, row.unit))
    summary = book.create_sheet(t("xlsx.summary", lang))
    summary.freeze_panes = "A2"
    set_widths(summary, SUMMARY_WIDTHS)
    header(summary, [t(k, lang) for k in ("col.rank", "col.number", "col.unit", "col.date", "col.checklist",
                                          "col.score", "sum.adjustment", "col.final", "col.percent", "col.band",
                                          "col.critical")], SUMMARY_WIDTHS)
    for rank, row in enumerate(ranked, 1):
        card = row.card
        values = [rank, row.id, row.unit, dt.date.fromisoformat(row.date), row.checklist, card.total,
                  card.adjustment, card.final, card.percent, card.band or "", ", ".join(card.critical_failed)]
        formats = [None, None, None, DATE_FORMAT, None, POINTS_FORMAT, POINTS_FORMAT, POINTS_FORMAT,
                   PERCENT_FORMAT, None, None]
        height(summary, rank + 1, ((values[i], SUMMARY_WIDTHS[i]) for i in SUMMARY_WRAPPED))
        summary.append([cell(summary, value, fmt, i in SUMMARY_WRAPPED)
                        for i, (value, fmt) in enumerate(zip(values, formats))])
        if progress:
            progress(rank, total)
    chart = _ranking_chart(summary, min(len(ranked), CHART_UNITS), lang)
    if chart is not None:
        summary.add_chart(chart, f"A{len(ranked) + 3}")  # below the table
    print_layout(summary, header_rows="1:1", lang=lang, columns=len(SUMMARY_WIDTHS), font=DEFAULT_FONT_POINTS)

    matrix = book.create_sheet(t("xlsx.matrix", lang))
    matrix.freeze_panes = "C2"
    columns: list[str] = []
    seen: set[str] = set()
    for row in rows:  # criteria in checklist order; several checklists side by side
        for cid in row.card.criteria:
            if cid not in seen:
                seen.add(cid)
                columns.append(cid)
    widths = (*MATRIX_KEY_WIDTHS, *[MATRIX_POINTS_WIDTH] * len(columns), MATRIX_TOTAL_WIDTH, MATRIX_TOTAL_WIDTH)
    set_widths(matrix, widths)
    header(matrix, [t("col.number", lang), t("col.unit", lang), *columns, t("col.score", lang),
                    t("col.percent", lang)], widths)
    for done, row in enumerate(ranked, 1):
        # The matrix is data to sort and filter: plain values (the workbook's default font is the document
        # font), so openpyxl makes one cell per value instead of a styled copy of each; only the unit's name
        # is wrapped in its column.
        points = row.card.criteria
        height(matrix, done + 1, [(row.unit, MATRIX_KEY_WIDTHS[1])])
        matrix.append([row.id, cell(matrix, row.unit, wrapped=True), *[points.get(cid) for cid in columns],
                       row.card.total, row.card.percent])
        if progress:
            progress(len(rows) + done, total)
    print_layout(matrix, header_rows="1:1", key_columns="A:B", lang=lang, columns=len(widths),
                 font=DEFAULT_FONT_POINTS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
