"""Score sheets (openpyxl): one inspection in detail, or many ranked with a unit × criterion matrix."""

from __future__ import annotations

import io

from inspector.core.describe import failed_check_lines
from inspector.core.i18n import t
from inspector.core.sheet_cells import append_row
from inspector.exports.common import Exported, check_rows, fact_rows, number
from inspector.exports.tables import CSV_COLUMNS, criterion_rows

POINTS_FORMAT = "0.00"
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"
WIDTHS = {"col.section_id": 6, "col.section": 24, "col.criterion_id": 7, "col.criterion": 48, "col.type": 12, "col.max_points": 9,
          "col.self": 10, "col.inspected": 10, "col.status": 14, "col.answer": 28, "col.explanation": 44,
          "col.evidence": 32, "col.note": 32}
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
        own = [record.answers[r.id].self_score for r in section.criteria
               if r.id in record.answers and record.answers[r.id].self_score is not None]
        subtotal = [section.id, t("xlsx.subtotal", lang, id=section.id), None, None, None,
                    None if section.section.is_adjustment else number(section.applicable_max),
                    number(sum(own)) if own else None, number(section.score)]
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
               (t("col.provisional", lang), t("ui.yes", lang) if result.provisional else t("ui.no", lang)),
               (t("col.critical", lang), ", ".join(result.critical_failed))]
    summary += [(t("facts.verdict_failed", lang), line) for line in failed_check_lines(result, lang)]
    for label, value in summary:
        append_row(sheet, [None, label, None, None, None, None, None, value])
        sheet.cell(sheet.max_row, 2).font = bold
        if isinstance(value, float):
            sheet.cell(sheet.max_row, 8).number_format = POINTS_FORMAT
    for index, key in enumerate(CSV_COLUMNS, 1):
        sheet.column_dimensions[sheet.cell(2, index).column_letter].width = WIDTHS[key]
    if record.checklist.facts:
        _facts_sheet(book, exported, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
        append_row(sheet, [t("col.id", lang), t("ui.fig.checks", lang), t("col.status", lang),
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


def multi_bytes(items: list[Exported], lang: str | None = None, progress=None) -> bytes:
    """A summary sheet ranking units (score, %, band) and a unit × criterion matrix (write-only: fast)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, labels):
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            cells.append(cell)
        append_row(sheet, cells)

    def point(sheet, value, fmt=POINTS_FORMAT):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = fmt
        return cell

    ranked = sorted(items, key=lambda e: (-(e.result.percent if e.result.percent is not None else -1),
                                          e.record.info.unit))
    summary = book.create_sheet(t("xlsx.summary", lang))
    summary.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJK", (7, 6, 40, 11, 18, 10, 10, 12, 12, 10, 20)):
        summary.column_dimensions[letter].width = width
    header(summary, [t(k, lang) for k in ("col.rank", "col.number", "col.unit", "col.date", "col.checklist",
                                          "col.score", "sum.adjustment", "col.final", "col.percent", "col.band",
                                          "col.critical")])
    for rank, exported in enumerate(ranked, 1):
        info, result = exported.record.info, exported.result
        append_row(summary, [rank, exported.record.id, info.unit, info.date.strftime("%d/%m/%Y"),
                        f"{exported.record.checklist.id} {exported.record.checklist.version}",
                        point(summary, number(result.total)), point(summary, number(result.adjustment)),
                        point(summary, number(result.final)), point(summary, number(result.percent), PERCENT_FORMAT),
                        result.band or "", ", ".join(result.critical_failed)])
        if progress:
            progress(rank, 2 * len(items))

    matrix = book.create_sheet(t("xlsx.matrix", lang))
    matrix.freeze_panes = "C2"
    columns: list[str] = []
    seen: set[str] = set()
    for exported in items:  # criteria in checklist order; several checklists side by side
        for c in exported.record.checklist.criteria:
            if c.scored and c.id not in seen:
                seen.add(c.id)
                columns.append(c.id)
    header(matrix, [t("col.number", lang), t("col.unit", lang), *columns, t("col.score", lang),
                    t("col.percent", lang)])
    for done, exported in enumerate(ranked, 1):
        by_id = {r.id: r for r in exported.result.criteria}
        row = [exported.record.id, (exported.record.info.unit)]
        for cid in columns:
            r = by_id.get(cid)
            row.append(point(matrix, number(r.score)) if r is not None and r.criterion.scored else None)
        row += [point(matrix, number(exported.result.total)), point(matrix, number(exported.result.percent))]
        append_row(matrix, row)
        if progress:
            progress(len(items) + done, 2 * len(items))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
