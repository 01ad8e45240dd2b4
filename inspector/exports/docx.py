"""The biên bản (minutes) as DOCX, laid out the way Vietnamese administrative documents are.

Nghị định 30/2020/NĐ-CP: A4; Times New Roman; body 13–14 pt; margins top/bottom 20 mm, left 30 mm,
right 15 mm; issuing body and quốc hiệu – tiêu ngữ side by side at the top; place and date line in
italics. The short digest of the JSON record is printed in the footer so paper matches data.
"""

from __future__ import annotations

import io

from inspector.core.describe import failed_check_lines
from inspector.core.i18n import decimal_mark, t
from inspector.core.limits import clean_text
from inspector.core.model import split_person
from inspector.core.numbers import show, show_count
from inspector.exports.common import Exported, answer_text, fact_rows
from inspector.exports.jsonrecord import sealed, short_digest

LANG = "vi"  # the minutes are an official Vietnamese document whatever the interface language
FONT = "Times New Roman"


def _font(run, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    """Only what differs from the Normal style (Times New Roman 13): fewer XML nodes, faster, same look."""
    from docx.shared import Pt

    if size and size != 13:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True


def _normal_style(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attribute), FONT)


def _paragraph(container, text: str = "", *, bold=False, italic=False, size=None, align=None, indent=True,
               space_after=3):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(28)
    if text:
        _font(paragraph.add_run(clean_text(text)), size, bold, italic)  # XML cannot carry U+000B, NUL…
    return paragraph


def _cell_text(cell, text: str, *, bold=False, italic=False, size=13, align="left"):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            paragraph = cell.add_paragraph()
            paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
            paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line), size, bold, italic)


def _page_number(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _date_line(place: str, date) -> str:
    return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


def docx_bytes(exported: Exported) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    record, result = exported.record, exported.result
    info, checklist, findings = record.info, record.checklist, record.findings
    mark = decimal_mark(LANG)
    digest = sealed(exported)["digest"]

    document = Document()
    _normal_style(document)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    # Header: issuing body | quốc hiệu, tiêu ngữ
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(header, (Mm(72), Mm(93)))
    body = (info.inspecting_body or "CƠ QUAN KIỂM TRA").upper()
    _cell_text(header.cell(0, 0), f"{body}\nĐOÀN KIỂM TRA CCHC\n———", bold=True, size=12, align="center")
    _cell_text(header.cell(0, 1), f"{t('docx.national', LANG)}\n{t('docx.motto', LANG)}\n———————————",
               bold=True, size=12, align="center")
    place = info.unit.replace("UBND ", "").replace("Ủy ban nhân dân ", "")
    _paragraph(document, _date_line(place, info.date), italic=True, align="right", space_after=12)

    _paragraph(document, "BIÊN BẢN", bold=True, size=14, align="center", space_after=0)
    _paragraph(document, f"Kiểm tra công tác cải cách hành chính năm {info.date.year}", bold=True, size=14,
               align="center", space_after=0)
    _paragraph(document, f"tại {info.unit}", bold=True, size=14, align="center", space_after=12)

    _paragraph(document, f"Hôm nay, ngày {info.date.day:02d} tháng {info.date.month:02d} năm {info.date.year}, "
                         f"tại trụ sở {info.unit}, Đoàn kiểm tra công tác cải cách hành chính"
                         f"{' của ' + info.inspecting_body if info.inspecting_body else ''} tiến hành kiểm tra "
                         f"công tác cải cách hành chính tại {info.unit}.")

    _paragraph(document, "I. THÀNH PHẦN", bold=True, indent=False)
    _paragraph(document, "1. Đoàn kiểm tra:", bold=True)
    for person in info.team or ("…",):
        name, role = split_person(person)
        _paragraph(document, f"- Ông/Bà {name}" + (f" — {role}" if role else "") + ";")
    _paragraph(document, "2. Đại diện đơn vị được kiểm tra:", bold=True)
    for person in info.representatives or ("…",):
        name, role = split_person(person)
        _paragraph(document, f"- Ông/Bà {name}" + (f" — {role}" if role else "") + ";")

    _paragraph(document, "II. NỘI DUNG, PHẠM VI KIỂM TRA", bold=True, indent=False)
    _paragraph(document, f"Kiểm tra theo bộ tiêu chí \u201c{checklist.title}\u201d (mã {checklist.id}, phiên bản "
                         f"{checklist.version})" + (f"; thời kỳ kiểm tra: {info.period}." if info.period else "."))

    _paragraph(document, "III. KẾT QUẢ KIỂM TRA", bold=True, indent=False)
    _paragraph(document, "1. Kết quả chấm điểm theo từng tiêu chí:", bold=True)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headings = ("STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm kiểm tra", "Ghi chú")
    for cell, heading in zip(table.rows[0].cells, headings):
        _cell_text(cell, heading, bold=True, size=12, align="center")
    widths = (Mm(12), Mm(70), Mm(18), Mm(18), Mm(18), Mm(29))
    for s_index, s in enumerate(result.sections, 1):
        row = table.add_row().cells
        _cell_text(row[0], _roman(s_index), bold=True, size=12, align="center")
        _cell_text(row[1], f"{s.section.title}", bold=True, size=12)
        _cell_text(row[2], "" if s.section.is_adjustment else show(s.applicable_max, mark), bold=True, size=12,
                   align="center")
        own = [record.answers[r.id].self_score for r in s.criteria
               if r.id in record.answers and record.answers[r.id].self_score is not None]
        _cell_text(row[3], show(sum(own), mark) if own else "", bold=True, size=12, align="center")
        _cell_text(row[4], show(s.score, mark), bold=True, size=12, align="center")
        for r in s.criteria:
            if not r.criterion.scored:
                continue
            answer = record.answers.get(r.id)
            row = table.add_row().cells
            _cell_text(row[0], r.id, size=12, align="center")
            _cell_text(row[1], r.criterion.title, size=12)
            _cell_text(row[2], show(r.max, mark) if r.criterion.type != "count" else "", size=12, align="center")
            _cell_text(row[3], show(answer.self_score, mark) if answer and answer.self_score is not None else "",
                       size=12, align="center")
            _cell_text(row[4], show(r.score, mark), size=12, align="center")
            note = answer.note if answer and answer.note else ""
            measured = answer_text(r.criterion, r.answer, LANG) \
                if r.status == "answered" and r.criterion.type in ("ratio", "number", "count") else ""
            if r.status in ("na", "missing_evidence", "unanswered"):
                note = "; ".join(x for x in (t(f"status.{r.status}", LANG), note) if x)
            _cell_text(row[5], "; ".join(x for x in (measured, note) if x), size=11)
    total = table.add_row().cells
    _cell_text(total[1], "TỔNG CỘNG", bold=True, size=12)
    _cell_text(total[2], show(result.applicable_max, mark), bold=True, size=12, align="center")
    _cell_text(total[4], show(result.total, mark), bold=True, size=12, align="center")
    _widths(table, widths)
    if checklist.facts:
        _facts_table(document, exported)

    _paragraph(document, "2. Tổng hợp kết quả:", bold=True)
    _paragraph(document, f"- Tổng điểm đạt: {show(result.total, mark)}/{show(result.applicable_max, mark)} điểm"
                         f" (tối đa {show(result.max, mark)} điểm).")
    if result.adjustment:
        _paragraph(document, f"- Điểm thưởng/điểm trừ: {show(result.adjustment, mark)} điểm; điểm sau thưởng/trừ: "
                             f"{show(result.final, mark)} điểm.")
    if result.percent is not None:
        band = f"; xếp loại: {result.band}" if result.band else ""
        _paragraph(document, f"- Tỷ lệ: {show(result.percent, mark)}%{band}.")
    if result.critical_failed:
        titles = ", ".join(f"{cid} ({checklist.criterion(cid).title})" for cid in result.critical_failed)
        capped = (f"; xếp loại không cao hơn \u201c{checklist.critical_cap}\u201d"
                  if checklist.critical_cap and result.band_capped else "")
        _paragraph(document, f"- Tiêu chí điểm liệt không đạt: {titles}{capped}.", bold=True)
    if result.provisional:
        done, count = result.progress()
        _paragraph(document, f"- Kết quả tạm tính: còn {count - done} tiêu chí chưa chấm.", italic=True)
    if findings.strengths:
        _paragraph(document, "3. Ưu điểm, kết quả đạt được:", bold=True)
        for line in findings.strengths.splitlines():
            _paragraph(document, line)

    _paragraph(document, "IV. TỒN TẠI, HẠN CHẾ", bold=True, indent=False)
    for line in (findings.shortfalls or "Không.").splitlines():
        _paragraph(document, line)

    _paragraph(document, "V. KIẾN NGHỊ", bold=True, indent=False)
    if findings.recommendations:
        for i, rec in enumerate(findings.recommendations, 1):
            details = "; ".join(x for x in (f"thực hiện: {rec.responsible}" if rec.responsible else "",
                                            f"thời hạn: {rec.deadline}" if rec.deadline else "") if x)
            _paragraph(document, f"{i}. {rec.text}" + (f" ({details})" if details else "") + ".")
        _paragraph(document, f"Đề nghị {info.unit} báo cáo kết quả khắc phục về Đoàn kiểm tra.")
    else:
        _paragraph(document, "Không.")

    _paragraph(document, "VI. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", bold=True, indent=False)
    for line in (findings.unit_opinion or "Thống nhất với kết quả kiểm tra.").splitlines():
        _paragraph(document, line)

    _paragraph(document, "VII. KẾT LUẬN", bold=True, indent=False)
    for line in findings.conclusion.splitlines():
        _paragraph(document, line)
    _paragraph(document, "Biên bản được lập thành 02 bản có giá trị như nhau, Đoàn kiểm tra giữ 01 bản, đơn vị được "
                         "kiểm tra giữ 01 bản; đã được đọc lại cho các thành phần dự họp cùng nghe, thống nhất ký tên.")

    _paragraph(document, "", space_after=6)
    signatures = document.add_table(rows=2, cols=2)
    _widths(signatures, (Mm(82), Mm(83)))
    representative = split_person(info.representatives[0])[0] if info.representatives else ""
    leader = next((split_person(p)[0] for p in info.team if split_person(p)[1].startswith("Trưởng đoàn")), "")
    secretary = next((split_person(p)[0] for p in info.team if split_person(p)[1].startswith("Thư ký")), "")
    _cell_text(signatures.cell(0, 0), "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA\n(Ký, ghi rõ họ tên, đóng dấu)\n\n\n\n"
               + representative, bold=True, size=13, align="center")
    _cell_text(signatures.cell(0, 1), "TRƯỞNG ĐOÀN KIỂM TRA\n(Ký, ghi rõ họ tên)\n\n\n\n" + leader, bold=True,
               size=13, align="center")
    _cell_text(signatures.cell(1, 1), "\nTHƯ KÝ\n(Ký, ghi rõ họ tên)\n\n\n\n" + secretary, bold=True, size=13,
               align="center")

    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    _font(footer.add_run(f"Mã dữ liệu: {short_digest(digest)} — trang "), 10, italic=True)
    _page_number(footer)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _facts_table(document, exported: Exported) -> None:
    """The unit's figures as recorded by the team, and every check they fail, with both sums."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    rows = fact_rows(exported)
    _paragraph(document, "Số liệu Đoàn kiểm tra ghi nhận:", italic=True)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, ("STT", "Số liệu", "Số lượng")):
        _cell_text(cell, heading, bold=True, size=12, align="center")
    for number, (_, label, value, unit) in enumerate(rows, 1):
        cells = table.add_row().cells
        _cell_text(cells[0], str(number), size=12, align="center")
        _cell_text(cells[1], label, size=12)
        shown = "chưa ghi nhận" if value is None else show_count(value, ",") + (f" {unit}" if unit else "")
        _cell_text(cells[2], shown, size=12, align="center")
    _widths(table, (Mm(12), Mm(110), Mm(43)))
    for line in failed_check_lines(exported.result, LANG):
        _paragraph(document, f"- {line}.", bold=True)


def _widths(table, widths) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid columns and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out
