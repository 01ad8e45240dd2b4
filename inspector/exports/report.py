"""The báo cáo tổng hợp kết quả kiểm tra of a campaign (DOCX from a template, in the biên bản's style) and
its ranked workbook (XLSX with a bar chart), both read from the consolidation."""

from __future__ import annotations

import datetime as dt
import io
import re

from inspector.core.issuer import addressee
from inspector.core.limits import clean_text
from inspector.core.model import SECRETARY, bare_name, role_is, split_person
from inspector.core.numbers import show
from inspector.exports.common import number
from inspector.exports.consolidate import Consolidation
from inspector.exports.docx import render_template
from inspector.exports.fields import DOTS, date_words, person_line, short_date, signer

REPORT_TEMPLATE = "bao-cao-tong-hop.docx"
MARK = ","


def _place(body: str) -> str:
    """Where the inspecting body sits, for the date line: "Sở Nội vụ tỉnh Đồng Nai" → "Đồng Nai"."""
    found = re.search(r"(?:tỉnh|thành phố|TP\.?)\s+(.+)$", body.strip(), flags=re.IGNORECASE)
    return found.group(1).strip() if found else DOTS


def report_fields(summary: Consolidation, today: dt.date | None = None) -> dict:
    campaign = summary.campaign
    today = today or dt.date.today()
    lines = summary.ranking
    units = [{"stt": str(i), "ten": clean_text(c.name), "ngay": short_date(c.date)}
             for i, c in enumerate(campaign.units, 1)]
    # Ranked, averaged and compared: only units scored on every criterion. The others are listed apart.
    scored = [line for line in lines if line.rank is not None]
    table = []
    for line in scored:
        notes = [f"{line.conflicts} nội dung chưa thống nhất"] if line.conflicts else []
        table.append({"hang": str(line.rank), "don_vi": clean_text(line.unit),
                      "diem": f"{show(line.score, MARK)}/{show(line.max, MARK)}",
                      "ty_le": show(line.percent, MARK) + "%" if line.percent is not None else "",
                      "xep_loai": clean_text(line.band), "ghi_chu": "; ".join(notes)})
    partial = [{"don_vi": clean_text(line.unit), "da_cham": f"{line.answered}/{line.to_answer} tiêu chí",
                "diem": f"{show(line.score, MARK)}/{show(line.max, MARK)}"}
               for line in lines if line.rank is None]
    sections = []
    for section in summary.sections:
        values = [(summary.section_percent[(line.inspection_id, section.id)], line.unit) for line in scored
                  if (line.inspection_id, section.id) in summary.section_percent]
        if not values:
            continue
        low = min(values, key=lambda pair: pair[0])
        average = sum(v for v, _ in values) / len(values)
        sections.append({"ma": section.id, "ten": clean_text(section.title),
                         "trung_binh": show(average, MARK, 1) + "%",
                         "thap_nhat": f"{clean_text(low[1])} ({show(low[0], MARK, 1)}%)"})
    failures = [{"ma": f.criterion_id, "ten": clean_text(f.title).rstrip("."), "so": str(f.count),
                 "don_vi": ", ".join(clean_text(u) for u in f.units)} for f in summary.common_failures]
    recommendations = []
    for item in summary.items:
        for r in item.record.findings.recommendations:
            recommendations.append({"don_vi": clean_text(item.record.info.unit), "noi_dung": clean_text(r.text).rstrip("."),
                                    "thuc_hien": clean_text(r.responsible), "thoi_han": clean_text(r.deadline)})
    team = tuple(m.team_line() for m in campaign.members)
    leader = signer(team)
    decision = (f"Quyết định số {campaign.decision_number or DOTS} ngày {short_date(campaign.decision_date)} của "
                f"{campaign.decision_issuer or DOTS} về việc thành lập Đoàn kiểm tra công tác cải cách hành chính")
    years = sorted({c.date.year for c in campaign.units}) or [today.year]
    return {
        "co_quan": clean_text(campaign.inspecting_body or DOTS).upper(),
        "co_quan_ten": clean_text(campaign.inspecting_body) or "Đoàn kiểm tra",
        "so_bao_cao": f"{DOTS}/BC-ĐKT",
        "dia_danh": _place(campaign.inspecting_body),
        "ngay_thang": date_words(today),
        "nam": "–".join(str(y) for y in (years[0], years[-1]) if y) if years[0] != years[-1] else str(years[0]),
        "ten_dot": clean_text(campaign.name),
        "can_cu_quyet_dinh": clean_text(decision),
        "can_cu_ke_hoach": clean_text(campaign.plan),
        "thoi_ky": clean_text(campaign.period) or DOTS,
        "bang_kiem": clean_text(f"{summary.items[0].record.checklist.title} (mã {campaign.checklist}, phiên bản "
                                f"{campaign.checklist_version})") if summary.items else clean_text(campaign.checklist),
        "so_don_vi": str(len(campaign.units)),
        "don_vi": units,
        "doan": [person_line(p) for p in team],
        "xep_hang": table,
        "chua_du": partial,
        "tam_tinh": "" if summary.complete else "Một số đơn vị chưa chấm đủ tiêu chí; kết quả của các đơn vị này là tạm tính và chưa xếp hạng.",
        "pham_vi_trung_binh": f" (trung bình của {len(scored)} đơn vị đã chấm đủ)" if partial and scored else "",
        "linh_vuc": sections,
        "ton_tai_chung": failures,
        "so_don_vi_cham": str(len(scored)),
        "kinh_gui": addressee(campaign.issuer) or clean_text(campaign.decision_issuer) or DOTS,
        "kien_nghi": [dict(k, stt=str(i)) for i, k in enumerate(recommendations, 1)],
        "ky_thay": leader["on_behalf"],
        "chuc_danh_ky": leader["title"],
        "nguoi_ky": leader["name"],
        "thu_ky": next((bare_name(split_person(p)[0]) for p in team if role_is(p, SECRETARY)), ""),
        "ma_du_lieu": campaign.uid[:16],
    }


def report_bytes(summary: Consolidation) -> bytes:
    return render_template(REPORT_TEMPLATE, report_fields(summary))


def ranking_xlsx(summary: Consolidation) -> bytes:
    """The ranking, the unit × section table coloured by percent, and the criteria most often missed."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from inspector.core.sheet_cells import append_row
    from inspector.core.sheet_print import fit_row_heights, print_layout

    name = clean_text(summary.campaign.name)
    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp hạng"
    bold = Font(name="Times New Roman", bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")  # headers
    wrap_data = Alignment(wrap_text=True)  # at the bottom of the row, as the numbers beside it
    append_row(sheet, [name])
    sheet["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    sheet.append([])
    heads = ["Hạng", "Đơn vị", "Đã chấm", "Điểm", "Tối đa", "Tỷ lệ (%)", "Xếp loại", "Xung đột chưa giải quyết"]
    sheet.append(heads)
    for cell in sheet[3]:
        cell.font, cell.alignment = bold, wrap
    for line in summary.ranking:
        append_row(sheet, [line.rank, (clean_text(line.unit)), f"{line.answered}/{line.to_answer}",
                      number(line.score), number(line.max), number(line.percent),
                      (clean_text(line.band)), line.conflicts or None])
        for index in (2, 7):  # the unit's name and its band wrap in their columns
            sheet.cell(sheet.max_row, index).alignment = wrap_data
    last = 3 + len(summary.ranking)
    for column, width in zip("ABCDEFGH", (6, 32, 9, 8, 8, 9, 11, 12)):  # portrait A4 at 100%
        sheet.column_dimensions[column].width = width
    fit_row_heights(sheet, first_row=3)
    if summary.ranking:
        chart = BarChart()
        chart.type, chart.title, chart.style = "bar", "Tỷ lệ điểm (%)", 10
        chart.add_data(Reference(sheet, min_col=6, min_row=3, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=2, min_row=4, max_row=last))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top, as in the table
        chart.legend = None
        chart.height, chart.width = max(6, 1.2 * len(summary.ranking) + 3), 16
        sheet.add_chart(chart, f"A{last + 3}")  # below the table
    print_layout(sheet, header_rows="3:3", title=name, titled_first_page=True, lang="vi")

    # Theo mục: a unit a row, a section a column (its id, then its title wrapped below it); the unit's name wraps
    # in its own column, so a long name takes two lines instead of running over the first percent.
    by_section = book.create_sheet("Theo mục")
    append_row(by_section, ["Đơn vị"] + [(s.id) for s in summary.sections])
    append_row(by_section, [("(tên mục)")] + [(clean_text(s.title)) for s in summary.sections])
    for line in summary.ranking:
        append_row(by_section, [(clean_text(line.unit))] +
                          [number(summary.section_percent.get((line.inspection_id, s.id))) for s in summary.sections])
        by_section.cell(by_section.max_row, 1).alignment = wrap_data
        for index in range(2, 2 + len(summary.sections)):
            by_section.cell(by_section.max_row, index).number_format = "0.00"
    for cell in by_section[1]:
        cell.font = bold
    for cell in by_section[2]:
        cell.alignment = wrap
    by_section.column_dimensions["A"].width = 30
    for index in range(2, 2 + len(summary.sections)):
        by_section.column_dimensions[get_column_letter(index)].width = 10
    fit_row_heights(by_section)
    if summary.ranking and summary.sections:
        area = f"B3:{get_column_letter(1 + len(summary.sections))}{2 + len(summary.ranking)}"
        by_section.conditional_formatting.add(area, ColorScaleRule(
            start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=50,
            mid_color="FFEB84", end_type="num", end_value=100, end_color="63BE7B"))
    by_section.freeze_panes = "B3"
    print_layout(by_section, header_rows="1:2", key_columns="A:A", title=f"{name} — {by_section.title}", lang="vi")

    missed = book.create_sheet("Tiêu chí chưa đạt")
    append_row(missed, ["Tiêu chí", "Nội dung", "Số đơn vị", "Đơn vị"])
    for cell in missed[1]:
        cell.font, cell.alignment = bold, wrap
    for failure in summary.common_failures:
        append_row(missed, [(failure.criterion_id), (clean_text(failure.title)), failure.count,
                       (", ".join(clean_text(u) for u in failure.units))])
        for index in (2, 4):
            missed.cell(missed.max_row, index).alignment = wrap_data
    for column, width in zip("ABCD", (9, 60, 10, 50)):
        missed.column_dimensions[column].width = width
    fit_row_heights(missed)
    print_layout(missed, header_rows="1:1", title=f"{name} — {missed.title}", lang="vi")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
