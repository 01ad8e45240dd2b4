"""The unit's self-assessment workbook (phiếu tự đánh giá): written for the unit to fill, read back.

One row per criterion with what will be checked, the scoring rule, the legal basis and the maximum; the
unit fills its self-score, the evidence it will show and a comment (giải trình). A sheet for the figures
when the checklist has facts. Every cell is locked except those to fill; a hidden sheet names the
inspection, so the returned file finds its way back. Reading it back fills only the unit's part of each
answer (self-score, its evidence list, its explanation) and the figures it reported: nothing the team
recorded is overwritten.
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path


from inspector.core.criteria import kind_of
from inspector.core.criterion_keys import cell_number
from inspector.core.describe import rule_lines
from inspector.core.figures import figure_problems
from inspector.core.i18n import decimal_mark, t
from inspector.core.limits import clean_text
from inspector.core.numbers import show
from inspector.core.record import record
from inspector.store.database import Inspection

FORMAT = "inspector-self-assessment-1"
MAIN, FIGURES, GUIDE, META = "Tự đánh giá", "Số liệu", "Hướng dẫn", "_inspector"
FIRST_ROW = 5  # the table's first data row on the main sheet
COLUMNS = ("Mã", "Tiêu chí", "Nội dung kiểm tra", "Cách chấm điểm", "Điểm tối đa", "Căn cứ",
           "Điểm tự chấm", "Tài liệu kiểm chứng sẽ xuất trình", "Giải trình, ghi chú của đơn vị")
SCORE_COL, EVIDENCE_COL, COMMENT_COL = 7, 8, 9  # 1-based, the cells the unit fills
FACT_VALUE_COL = 5

GUIDE_TEXT = (
    "PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
    "",
    "Đơn vị điền vào các ô màu vàng trên trang «Tự đánh giá»:",
    "  • Điểm tự chấm: một số từ 0 đến điểm tối đa của tiêu chí (dùng dấu phẩy cho phần thập phân, ví dụ 1,5).",
    "  • Tài liệu kiểm chứng sẽ xuất trình: số, ký hiệu, ngày văn bản; mỗi tài liệu một dòng (Alt+Enter).",
    "  • Giải trình, ghi chú: những điều đơn vị muốn Đoàn kiểm tra lưu ý.",
    "Nếu có trang «Số liệu», điền số liệu của đơn vị vào cột «Số liệu của đơn vị» (số nguyên, không âm).",
    "",
    "Các ô khác đã được khóa để giữ nguyên nội dung bảng kiểm; không thêm, xóa hay đổi thứ tự dòng, cột.",
    "Lưu tệp dưới dạng Excel (.xlsx) và gửi lại cho Đoàn kiểm tra trước ngày kiểm tra.",
)


@record
class SheetProblem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def render(self, file: str) -> str:
        where = self.sheet + (f"!{self.column}{self.row}" if self.row and self.column else "")
        return f"{file}: {where}: {self.message}"


class SelfAssessmentProblems(Exception):
    def __init__(self, problems: list[SheetProblem]):
        self.problems = problems
        super().__init__(len(problems))


@record
class Returned:
    """What the unit wrote: by criterion id (self-score, its evidence, its comment) and figures by fact id."""

    uid: str
    scores: dict[str, Fraction]
    evidence: dict[str, tuple[str, ...]]
    comments: dict[str, str]
    figures: dict[str, int]


# ---- writing
def workbook_bytes(record: Inspection, uid: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    from inspector.core.sheet_cells import append_row
    from inspector.core.sheet_print import fit_row_heights, print_layout

    checklist, info = record.checklist, record.info
    book = Workbook()
    font, bold = Font(name="Times New Roman", size=11), Font(name="Times New Roman", size=11, bold=True)
    fill = PatternFill("solid", start_color="FFF2CC")
    heading_fill = PatternFill("solid", start_color="D9D9D9")
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    open_cell = Protection(locked=False)

    sheet = book.active
    sheet.title = MAIN
    title = f"PHIẾU TỰ ĐÁNH GIÁ — {clean_text(info.unit)}"
    append_row(sheet, [title])
    append_row(sheet, [f"Bảng kiểm: {clean_text(checklist.title)} ({checklist.id} {checklist.version}); "
                       f"ngày kiểm tra dự kiến: {info.date.strftime('%d/%m/%Y')}"])
    append_row(sheet, ["Điền các ô màu vàng; xem trang «Hướng dẫn»."])
    append_row(sheet, list(COLUMNS))
    for cell in sheet[1] + sheet[2]:
        cell.font = Font(name="Times New Roman", size=13, bold=True)
    for cell in sheet[4]:
        cell.font, cell.fill, cell.alignment, cell.border = bold, heading_fill, wrap, box
    score_rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="1000", allow_blank=True,
                                showErrorMessage=True, errorTitle="Điểm tự chấm",
                                error="Nhập một số từ 0 đến điểm tối đa của tiêu chí.")
    # Rows are counted here and the self-score cells given to the validation once, as ranges: asking the sheet
    # its last row, or adding cells one by one, costs a pass over everything written so far (quadratic).
    row = FIRST_ROW - 1
    score_rows: list[int] = []
    for section in checklist.sections:
        append_row(sheet, [section.id, clean_text(section.title)])
        row += 1
        for cell in _row(sheet, row, len(COLUMNS)):
            cell.font, cell.fill, cell.border = bold, heading_fill, box
        for criterion in section.criteria:
            answer = record.answers.get(criterion.id)
            maximum = show(criterion.max) if kind_of(criterion).has_max else ""
            if section.is_adjustment:
                maximum = show(criterion.limit) if criterion.limit is not None else maximum
            append_row(sheet, [criterion.id, clean_text(criterion.title), clean_text(criterion.guidance),
                               clean_text("\n".join(rule_lines(criterion))), maximum,
                               clean_text("; ".join(criterion.basis)),
                               float(answer.self_score) if answer and answer.self_score is not None else None,
                               "\n".join(answer.self_evidence) if answer else None,
                               answer.explanation if answer and answer.explanation else None])
            row += 1
            for cell in _row(sheet, row, len(COLUMNS)):
                cell.font, cell.alignment, cell.border = font, wrap, box
            if criterion.scored:
                for column in (SCORE_COL, EVIDENCE_COL, COMMENT_COL):
                    target = sheet.cell(row, column)
                    target.fill, target.protection = fill, open_cell
                score_rows.append(row)
    if score_rows:
        score_rule.sqref = MultiCellRange(_column_ranges(get_column_letter(SCORE_COL), score_rows))
        sheet.add_data_validation(score_rule)
    # As narrow as the text allows (it wraps): one landscape A4 page wide at 75%, 11 pt printing at 8.25 pt.
    for letter, width in zip("ABCDEFGHI", (6, 28, 34, 27, 7, 21, 8, 28, 26)):
        sheet.column_dimensions[letter].width = width
    fit_row_heights(sheet, FIRST_ROW - 1)
    sheet.freeze_panes = "C5"
    _protect(sheet)
    print_layout(sheet, header_rows="4:4", title=title, titled_first_page=True, lang="vi")

    if checklist.facts:
        figures = book.create_sheet(FIGURES)
        append_row(figures, ["SỐ LIỆU CỦA ĐƠN VỊ"])
        figures["A1"].font = Font(name="Times New Roman", size=13, bold=True)
        append_row(figures, ["Mã", "Số liệu", "Đơn vị tính", "Hướng dẫn", "Số liệu của đơn vị"])
        for cell in figures[2]:
            cell.font, cell.fill, cell.alignment, cell.border = bold, heading_fill, wrap, box
        count_rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                    showErrorMessage=True, errorTitle="Số liệu",
                                    error="Nhập một số nguyên không âm.")
        figures.add_data_validation(count_rule)  # checklist.facts is not empty here
        reported = record.reported_facts
        for row, fact in enumerate(checklist.facts, 3):
            append_row(figures, [fact.id, clean_text(fact.label), clean_text(fact.unit), clean_text(fact.guidance),
                                 reported.get(fact.id)])
            for cell in _row(figures, row, FACT_VALUE_COL):
                cell.font, cell.alignment, cell.border = font, wrap, box
            target = figures.cell(row, FACT_VALUE_COL)
            target.fill, target.protection = fill, open_cell
        count_rule.sqref = MultiCellRange(_column_ranges(get_column_letter(FACT_VALUE_COL),
                                                         list(range(3, 3 + len(checklist.facts)))))
        for letter, width in zip("ABCDE", (22, 44, 12, 44, 16)):
            figures.column_dimensions[letter].width = width
        fit_row_heights(figures, 2)
        _protect(figures)
        print_layout(figures, header_rows="2:2", title=f"{title} — {FIGURES}", titled_first_page=True, lang="vi")

    guide = book.create_sheet(GUIDE, 0)
    for line in GUIDE_TEXT:
        append_row(guide, [line])
        guide.cell(guide.max_row, 1).alignment = wrap
    guide["A1"].font = Font(name="Times New Roman", size=13, bold=True)
    guide.column_dimensions["A"].width = 95  # portrait A4 at 100%, the longer lines wrapped
    fit_row_heights(guide)
    _protect(guide)
    print_layout(guide, title=f"{title} — {GUIDE}", lang="vi")
    meta = book.create_sheet(META)
    for key, value in (("format", FORMAT), ("inspection", uid), ("checklist", checklist.id),
                       ("version", checklist.version), ("sha256", checklist.sha256), ("unit", info.unit)):
        append_row(meta, [key, value])
    meta.sheet_state = "hidden"
    meta.column_dimensions["A"].width, meta.column_dimensions["B"].width = 12, 66  # shown whole, should it be printed
    _protect(meta)
    print_layout(meta, lang="vi")
    book.active = 1  # open on the table, not the guide
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(sheet, row: int, width: int) -> list:
    """The first `width` cells of a row. (`sheet[row]` asks the sheet its widest row, a pass over every cell
    written so far: a checklist's rows styled that way cost time quadratic in its criteria.)"""
    return [sheet.cell(row, column) for column in range(1, width + 1)]


def _column_ranges(letter: str, rows: list[int]) -> str:
    """Rows of one column as few ranges as they allow: [5, 6, 7, 9] in G → "G5:G7 G9"."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return " ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in runs)


def _protect(sheet) -> None:
    """Locked cells stay as written; the unit may still resize columns and rows to read comfortably."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


# ---- reading back
def read_workbook(path: str | Path, checklist_of) -> Returned:
    """What the unit filled; SelfAssessmentProblems lists every bad cell with sheet, row, column and why.

    `checklist_of(uid)` gives the inspection's pinned checklist (or raises LookupError for an unknown uid).
    """
    from openpyxl import load_workbook

    from inspector.core.workbook_guard import workbook_problem

    refused = workbook_problem(path)
    if refused is not None:
        raise SelfAssessmentProblems([SheetProblem("-", None, None, refused.render())])
    try:
        book = load_workbook(path)  # formulas as written: a unit's cell must hold its value, never a formula
    except Exception as error:  # openpyxl raises many kinds for a broken file: one problem, never a traceback
        raise SelfAssessmentProblems([SheetProblem("-", None, None, t("sa.err.unreadable", kind=type(error).__name__))]
                                     ) from None
    problems: list[SheetProblem] = []
    if META not in book.sheetnames or MAIN not in book.sheetnames:
        raise SelfAssessmentProblems([SheetProblem("-", None, None, t("sa.err.not_ours"))])
    meta = {str(row[0]): str(row[1]) for row in book[META].iter_rows(values_only=True) if row and row[0]}
    if meta.get("format") != FORMAT:
        raise SelfAssessmentProblems([SheetProblem(META, None, None, t("sa.err.format"))])
    try:
        checklist = checklist_of(meta.get("inspection", ""))
    except LookupError:
        raise SelfAssessmentProblems([SheetProblem(META, None, None, t("sa.err.no_inspection",
                                                                                 unit=meta.get("unit", "?")))]) from None
    if checklist.sha256 != meta.get("sha256"):
        problems.append(SheetProblem(META, None, None, t("sa.err.other_checklist")))
    scores: dict[str, Fraction] = {}
    evidence: dict[str, tuple[str, ...]] = {}
    comments: dict[str, str] = {}
    letters = " ABCDEFGHI"
    mark = decimal_mark()
    for row_number, row in enumerate(book[MAIN].iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS),
                                                          values_only=True), FIRST_ROW):
        ident = row[0]
        criterion = checklist.criterion(str(ident)) if ident is not None else None
        score, files, comment = row[SCORE_COL - 1], row[EVIDENCE_COL - 1], row[COMMENT_COL - 1]
        filled = [(column, value) for column, value in ((SCORE_COL, score), (EVIDENCE_COL, files),
                                                        (COMMENT_COL, comment)) if value not in (None, "")]
        if criterion is None or not criterion.scored:
            if filled and (ident is None or checklist.section(str(ident)) is None):  # a row the unit added
                problems.append(SheetProblem(MAIN, row_number, letters[filled[0][0]],
                                             t("sa.err.unknown_row", id=clean_text(str(ident or "")))))
            continue
        formulas = [(column, value) for column, value in filled if isinstance(value, str) and value.startswith("=")]
        if formulas:
            problems += [SheetProblem(MAIN, row_number, letters[column], t("sa.err.formula", id=criterion.id,
                                                                            value=clean_text(value)[:60]))
                         for column, value in formulas]
            continue
        if score not in (None, ""):
            value = _number(score)
            if value is None:
                problems.append(SheetProblem(MAIN, row_number, letters[SCORE_COL],
                                             t("sa.err.not_number", id=criterion.id, value=clean_text(str(score)))))
            else:
                low, high = kind_of(criterion).self_score_bounds(criterion)
                if not low <= value <= high:
                    problems.append(SheetProblem(MAIN, row_number, letters[SCORE_COL],
                                                 t("sa.err.out_of_range", id=criterion.id, value=show(value, mark),
                                                   low=show(low, mark), high=show(high, mark))))
                else:
                    scores[criterion.id] = value
        if files not in (None, ""):
            evidence[criterion.id] = tuple(line.strip() for line in clean_text(str(files)).splitlines() if line.strip())
        if comment not in (None, ""):
            comments[criterion.id] = clean_text(str(comment)).strip()
    figures: dict[str, int] = {}
    rows: dict[str, int] = {}  # the row each figure was read from
    if checklist.facts and FIGURES in book.sheetnames:
        for row_number, row in enumerate(book[FIGURES].iter_rows(min_row=3, max_col=FACT_VALUE_COL,
                                                                 values_only=True), 3):
            fact = checklist.fact(str(row[0])) if row and row[0] is not None else None
            value = row[FACT_VALUE_COL - 1] if fact is not None else None
            if fact is None or value in (None, ""):
                continue
            if isinstance(value, str) and value.startswith("="):
                problems.append(SheetProblem(FIGURES, row_number, "E", t("sa.err.formula", id=fact.id,
                                                                         value=clean_text(value)[:60])))
                continue
            number = _number(value)
            if number is None or number.denominator != 1 or number < 0:
                problems.append(SheetProblem(FIGURES, row_number, "E",
                                             t("sa.err.not_count", id=fact.id, value=clean_text(str(value)))))
            else:
                figures[fact.id], rows[fact.id] = int(number), row_number
    for broken in figure_problems(checklist, figures):  # the figures' one rule, as on the laptop
        problems.append(SheetProblem(FIGURES, rows[broken.facts[-1]], "E", broken.message("vi")))
    if problems:
        raise SelfAssessmentProblems(problems)
    return Returned(meta["inspection"], scores, evidence, comments, figures)


def _number(value: object) -> Fraction | None:
    """A number from a cell, read as every spreadsheet cell is (`criterion_keys.cell_number`: "1,5", 1.5, no
    exponent that would never finish); None when it is none, or past what a score or a count can be."""
    if isinstance(value, str):  # "8 630", "1 500": people group thousands with spaces
        value = "".join(value.split()).replace("\u00a0", "").replace("\u202f", "")
    try:
        number = Fraction(cell_number(value))
    except ValueError:
        return None
    return number if abs(number) < 10**9 else None


def read_into_store(store, path: str | Path, into: int | None = None):
    """Read a returned workbook into the inspection it names (or `into`): (inspection number, Applied).

    SelfAssessmentProblems for a bad file or cell; StoreError when the store refuses."""
    from inspector.store.self_assessment import apply_self_assessment

    found: dict[str, int] = {}

    def checklist_of(uid: str):
        number = into if into is not None else store.inspection_by_uid(uid)
        if number is None:
            raise LookupError(uid)
        found["id"] = number
        try:
            return store.load(number).checklist
        except Exception as error:  # StoreError: no such inspection → the workbook's own message
            raise LookupError(uid) from error

    returned = read_workbook(path, checklist_of)
    applied = apply_self_assessment(store, found["id"], returned.scores, returned.evidence, returned.comments,
                                    returned.figures)
    return found["id"], applied
