"""Reports as one-stop systems print them, built in the tests: the national form 07a (XLSX with merged
header cells, text numbers with a dot as thousands mark, total rows above and among the field rows), an
OpenCPS-like statistics sheet (21 columns, no numbering row), the same form as an HTML table saved as .xls."""

from __future__ import annotations

from pathlib import Path

TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
# (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13)
TOTAL = [1410, 620, 700, 90, 1300, 1000, 250, 50, 95, 90, 5]
FIELDS = [("Hộ tịch", [900, 400, 450, 50, 830, 650, 160, 20, 65, 60, 5]),
          ("Chứng thực", [400, 170, 200, 30, 380, 280, 80, 20, 20, 20, 0]),
          ("Đất đai", [110, 50, 50, 10, 90, 70, 10, 10, 10, 10, 0])]
NUMBERS = ["(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+(9)+(10)", "(8)", "(9)", "(10)",
           "(11)=(12)+(13)", "(12)", "(13)"]


def vi(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def national_rows(text_numbers: bool = True, extra_total: bool = False) -> list[list[object]]:
    """The 07a sheet's rows (merged cells written once, at their top-left)."""
    rows: list[list[object]] = [
        [TITLE] + [None] * 12,
        ["Kỳ báo cáo: Quý III năm 2025 (từ 15/6/2025 đến 14/9/2025)"] + [None] * 12,
        ["STT", "Lĩnh vực", "Số hồ sơ nhận giải quyết", None, None, None, "Đã giải quyết", None, None, None,
         "Đang giải quyết", None, None],
        [None, None, "Tổng số", "Trong kỳ", None, "Từ kỳ trước", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
         "Tổng số", "Trong hạn", "Quá hạn"],
        [None, None, None, "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", None, None, None, None, None, None,
         None, None],
        list(NUMBERS),
        [None, "Tổng cộng"] + [vi(n) if text_numbers else n for n in TOTAL],
        ["I", "Cấp xã"] + list(TOTAL),
    ]
    for i, (name, values) in enumerate(FIELDS, 1):
        rows.append([i, name] + [("-" if v == 0 else v) for v in values])
    if extra_total:
        rows.append([None, "Tổng cộng"] + list(TOTAL))
    return rows


NATIONAL_MERGES = ["A1:M1", "A2:M2", "A3:A5", "B3:B5", "C3:F3", "G3:J3", "K3:M3", "C4:C5", "D4:E4", "F4:F5",
                   "G4:G5", "H4:H5", "I4:I5", "J4:J5", "K4:K5", "L4:L5", "M4:M5"]


def national_xlsx(path: Path, rows: list[list[object]] | None = None, sheet: str = "07a",
                  merges: list[str] | None = None) -> Path:
    """The rows as an XLSX sheet with the 07a's merged header cells (or the `merges` given)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows or national_rows():
        ws.append(row)
    for merged in NATIONAL_MERGES if merges is None else merges:
        ws.merge_cells(merged)
    book.save(path)
    return path


# OpenCPS-like: five header rows (title, period, unit, two header rows), 21 columns, no numbering row.
OPENCPS_HEADER_1 = ["STT", "Lĩnh vực", "Tiếp nhận", None, None, None, None, "Đã giải quyết", None, None, None,
                    "Đang giải quyết", None, None, "Rút/Hủy", "Từ chối", "Tạm dừng", "Bổ sung", "Tỷ lệ đúng hạn (%)",
                    "Đã trả kết quả", "Ghi chú"]
OPENCPS_HEADER_2 = [None, None, "Tổng số", "Tồn kỳ trước", "Trong kỳ", "Trực tuyến", "Một cửa", "Tổng số",
                    "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn", None, None, None, None,
                    None, None, None]
OPENCPS_MERGES = ["A1:U1", "A2:U2", "A3:U3", "A4:A5", "B4:B5", "C4:G4", "H4:K4", "L4:N4", "O4:O5", "P4:P5", "Q4:Q5",
                  "R4:R5", "S4:S5", "T4:T5", "U4:U5"]
OPENCPS_TOTAL = [2205, 105, 2100, 1500, 600, 2010, 1600, 300, 110, 150, 140, 10, 25, 12, 8, 3, 94.5, 1980, None]


def opencps_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "ThongKe"
    ws.append(["THỐNG KÊ TÌNH HÌNH XỬ LÝ HỒ SƠ"] + [None] * 20)
    ws.append(["Từ ngày 01/01/2025 đến ngày 30/09/2025"] + [None] * 20)
    ws.append(["Đơn vị: UBND xã Thử"] + [None] * 20)
    ws.append(OPENCPS_HEADER_1)
    ws.append(OPENCPS_HEADER_2)
    ws.append([1, "Hộ tịch", 1205, 55, 1150, 800, 350, 1100, 900, 150, 50, 80, 75, 5, 15, 7, 3, 2, 95.5, 1090, None])
    ws.append([2, "Đất đai", 1000, 50, 950, 700, 250, 910, 700, 150, 60, 70, 65, 5, 10, 5, 5, 1, 93.4, 890, None])
    ws.append([None, "Tổng"] + OPENCPS_TOTAL)
    for merged in OPENCPS_MERGES:
        ws.merge_cells(merged)
    book.save(path)
    return path


def national_html(rows: list[list[object]] | None = None, charset: str = "utf-8") -> str:
    """The 07a as systems' "Xuất Excel" writes it: an HTML table with rowspan/colspan, saved as .xls."""
    head = (f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" '
            f'content="text/html; charset={charset}"></head><body>'
            f'<table border="1"><tr><td colspan="13"><b>{TITLE}</b></td></tr>'
            '<tr><td colspan="13">Kỳ báo cáo: Quý III năm 2025</td></tr>'
            '<tr><th rowspan="3">STT</th><th rowspan="3">Lĩnh vực</th><th colspan="4">Số hồ sơ nhận giải quyết</th>'
            '<th colspan="4">Đã giải quyết</th><th colspan="3">Đang giải quyết</th></tr>'
            '<tr><th rowspan="2">Tổng số</th><th colspan="2">Trong kỳ</th><th rowspan="2">Từ kỳ trước</th>'
            '<th rowspan="2">Tổng số</th><th rowspan="2">Trước hạn</th><th rowspan="2">Đúng hạn</th>'
            '<th rowspan="2">Quá hạn</th><th rowspan="2">Tổng số</th><th rowspan="2">Trong hạn</th>'
            '<th rowspan="2">Quá hạn</th></tr>'
            '<tr><th>Trực tuyến</th><th>Trực tiếp,<br>dịch vụ bưu chính</th></tr>'
            '<tr>' + "".join(f"<td>{n}</td>" for n in NUMBERS) + '</tr>')
    body = ""
    for row in (rows if rows is not None else national_rows()[6:]):
        body += "<tr>" + "".join(f"<td>{'' if v is None else v}</td>" for v in row) + "</tr>\n"
    return head + body + "</table></body></html>"


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: a base letter (ă, â, ê, ô, ơ, ư, đ) and a combining tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, mark in enumerate(marks):
            letter = unicodedata.normalize("NFC", base + mark)
            rest = "".join(marks[:i] + marks[i + 1:])
            try:
                out += (letter + rest).encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return out
