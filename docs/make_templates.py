"""Build the DOCX templates shipped with inspector (the biên bản, the thông báo kết luận, the báo cáo tổng hợp).

    python docs/make_templates.py      # writes inspector/exports/templates/*.docx

The templates are ordinary Word documents with docxtpl tags ({{ field }}, {%p for … %}, {%tr for … %});
a province restyles a copy in Word and puts it in the data folder's templates/ (docs/templates.md lists
every field). This script is how the shipped ones are made, so that their layout is reviewed as code.

Type sizes and layout follow Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I (read in the decree's text: mục I
"Quy định chung" and mục II khoản 1–9, with the table of mục V): A4; Times New Roman; margins 20/20/30/15 mm;
page numbers 13 pt, top centre, not on the first page, numbered apart in each Phụ lục (III.1.đ); quốc hiệu
12 pt bold capitals; tiêu ngữ 13 pt bold with a rule under it; the parent body 12 pt capitals and the issuing
body 12 pt bold capitals with a short rule; "Số:" and the symbol 13 pt; place and date 13 pt italic; the
document's name 14 pt bold capitals and its summary 14 pt bold; text 13 pt, justified, first line indented
10 mm, at least 6 pt between paragraphs; the signer's authority and title 13 pt bold capitals, the name 13 pt
bold; "Nơi nhận:" 12 pt bold italic and its list 11 pt; a Phụ lục headed "Phụ lục" 14 pt bold, its name
13 pt bold capitals and "(Kèm theo …)" 13 pt italic. Tables repeat their header row on every page, rows never
split, and the signature block is kept together.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "inspector" / "exports" / "templates"
FONT = "Times New Roman"
# Nghị định 30/2020, Phụ lục I (module docstring): one name per element of the layout.
NATIONAL, MOTTO, BODY_NAME, NUMBER, PLACE_DATE, TITLE, TEXT, SIGNER = 12, 13, 12, 13, 13, 14, 13, 13
RECIPIENTS_HEAD, RECIPIENTS = 12, 11
TABLE, TABLE_NOTE = 12, 11  # tables: a point below the text, as provinces print them
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def new_document():
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    # Page numbers top centre from page 2 (NĐ 30/2020): the first page has its own, empty header.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(number)  # in the Normal style: 13 pt
    for footer in (section.footer, section.first_page_footer):
        line = footer.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run("Mã dữ liệu: {{ ma_du_lieu }}")
        run.italic, run.font.size = True, Pt(9)
    body = document.element.body
    for child in list(body):
        if child.tag == qn("w:p"):
            body.remove(child)  # the empty first paragraph python-docx starts with
    return document


def page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def para(container, text: str = "", *, bold=False, italic=False, size=None, align="justify", indent=True,
         after=6, keep=False):
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(0)
    fmt.keep_with_next = keep
    paragraph.alignment = ALIGN[align]
    if align == "justify" and indent:
        fmt.first_line_indent = Mm(10)
    if text:
        run = paragraph.add_run(text)  # one run: docxtpl tags must not be split across runs
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def tag(container, text: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag ({%p … %}); docxtpl removes it."""
    para(container, text, indent=False, after=0)


def cell(c, lines, *, bold=False, italic=False, size=TABLE, align="left", keep=False) -> None:
    """Cell text, one paragraph per line; `lines` items may be (text, bold, italic) or (text, bold, italic,
    size)."""
    first = True
    for line in lines:
        text, b, i = (line, bold, italic) if isinstance(line, str) else line[:3]
        line_size = line[3] if not isinstance(line, str) and len(line) > 3 else size
        paragraph = c.paragraphs[0] if first else c.add_paragraph()
        first = False
        paragraph.alignment = ALIGN[align]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = keep
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = b or None, i or None
            run.font.size = Pt(line_size)


def widths(table, values) -> None:
    table.autofit = False
    for column, width in zip(table.columns, values):
        column.width = width
    for row in table.rows:
        for c, width in zip(row.cells, values):
            c.width = width


def row_flags(row, header=False) -> None:
    """Never split a row across pages; repeat a header row on every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    properties.append(borders)


def heading(document, number_line: str, body_lines=None, place_date: str = "{{ dia_danh }}, {{ ngay_thang }}") -> None:
    """Issuing body and number | quốc hiệu, tiêu ngữ, place and date — side by side, no borders. `body_lines`:
    the left column above its short rule, each (text, bold) in capitals."""
    body_lines = body_lines or [("{{ co_quan }}", False), ("ĐOÀN KIỂM TRA", True)]
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    widths(table, (Mm(70), Mm(95)))
    cell(table.cell(0, 0), [*((text, bold, False, BODY_NAME) for text, bold in body_lines),
                            ("————", True, False, BODY_NAME), (number_line, False, False, NUMBER)], align="center")
    cell(table.cell(0, 1), [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, NATIONAL),
                            ("Độc lập - Tự do - Hạnh phúc", True, False, MOTTO), ("————————————", True, False, MOTTO),
                            (place_date, False, True, PLACE_DATE)], align="center")
    para(document, "", after=6)


def score_table(document) -> None:
    table = document.add_table(rows=9, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heads = ("STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm kiểm tra", "Ghi chú")
    for c, text in zip(table.rows[0].cells, heads):
        cell(c, [text], bold=True, align="center")
    row_flags(table.rows[0], header=True)
    tags = {1: "{%tr for d in dong %}", 2: "{%tr if d.kind == 'section' %}", 4: "{%tr else %}", 6: "{%tr endif %}",
            7: "{%tr endfor %}"}
    for index, text in tags.items():
        cell(table.rows[index].cells[0], [text])
    for index, bold in ((3, True), (5, False)):
        cells = table.rows[index].cells
        cell(cells[0], ["{{ d.stt }}"], bold=bold, align="center")
        cell(cells[1], ["{{ d.title }}"], bold=bold)
        cell(cells[2], ["{{ d.max }}"], bold=bold, align="center")
        cell(cells[3], ["{{ d.self }}"], bold=bold, align="center")
        cell(cells[4], ["{{ d.score }}"], bold=bold, align="center")
        cell(cells[5], ["{{ d.note }}"], size=TABLE_NOTE)
        row_flags(table.rows[index])
    total = table.rows[8].cells
    cell(total[1], ["TỔNG CỘNG"], bold=True)
    cell(total[2], ["{{ tong_toi_da }}"], bold=True, align="center")
    cell(total[3], ["{{ tong_tu_cham_bang }}"], bold=True, align="center")
    cell(total[4], ["{{ tong_diem }}"], bold=True, align="center")
    row_flags(table.rows[8])
    widths(table, (Mm(13), Mm(68), Mm(17), Mm(17), Mm(17), Mm(33)))


def facts_table(document) -> None:
    tag(document, "{%p if so_lieu %}")
    para(document, "2. Số liệu Đoàn kiểm tra ghi nhận", bold=True, indent=False, keep=True)
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, text in zip(table.rows[0].cells, ("STT", "Số liệu", "Số lượng")):
        cell(c, [text], bold=True, align="center")
    row_flags(table.rows[0], header=True)
    cell(table.rows[1].cells[0], ["{%tr for f in so_lieu %}"])
    cells = table.rows[2].cells
    cell(cells[0], ["{{ f.stt }}"], align="center")
    cell(cells[1], ["{{ f.label }}"])
    cell(cells[2], ["{{ f.value }}"], align="center")
    row_flags(table.rows[2])
    cell(table.rows[3].cells[0], ["{%tr endfor %}"])
    widths(table, (Mm(13), Mm(110), Mm(42)))
    tag(document, "{%p if nguon_so_lieu %}")
    para(document, "Nguồn số liệu: {{ nguon_so_lieu }}.", italic=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")


def differences_table(document) -> None:
    """Where the unit scored itself otherwise than the team found, with its explanation; then its figures."""
    tag(document, "{%p if lech_diem %}")
    para(document, "Các tiêu chí đơn vị tự chấm khác kết quả kiểm tra:", italic=True, keep=True)
    simple_table(document, ("Tiêu chí", "Nội dung", "Tự chấm", "Kiểm tra", "Giải trình của đơn vị"),
                 (("{{ x.stt }}", "center"), ("{{ x.title }}", "left"), ("{{ x.self }}", "center"),
                  ("{{ x.score }}", "center"), ("{{ x.giai_trinh }}", "left")),
                 (Mm(15), Mm(62), Mm(17), Mm(17), Mm(54)), "x in lech_diem")
    tag(document, "{%p endif %}")
    tag(document, "{%p if so_lieu_lech %}")
    para(document, "Số liệu đơn vị báo cáo khác số liệu Đoàn kiểm tra ghi nhận:", italic=True, keep=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p for line in so_lieu_lech %}")
    para(document, "- {{ line }}.")
    tag(document, "{%p endfor %}")


def lines_of(document, field: str, prefix: str = "") -> None:
    tag(document, f"{{%p for line in {field} %}}")
    para(document, prefix + "{{ line }}")
    tag(document, "{%p endfor %}")


def people(document, field: str) -> None:
    tag(document, f"{{%p for p in {field} %}}")
    para(document, "- {{ p.line }};")
    tag(document, "{%p endfor %}")


def recommendations(document) -> None:
    tag(document, "{%p for k in kien_nghi %}")
    para(document, "{{ k.stt }}. {{ k.noi_dung }}{% if k.thuc_hien or k.thoi_han %} ({% if k.thuc_hien %}"
                   "thực hiện: {{ k.thuc_hien }}{% endif %}{% if k.thuc_hien and k.thoi_han %}; {% endif %}"
                   "{% if k.thoi_han %}thời hạn: {{ k.thoi_han }}{% endif %}){% endif %}.")
    tag(document, "{%p endfor %}")


def signature_cell(c, lines) -> None:
    """A signature: authority and title, room to sign, the name (13 pt bold); kept on one page with what follows.
    The hint under a title ("(Ký, ghi rõ họ tên)") is set a size smaller, as it is no part of the layout."""
    cell(c, [(line[0], line[1], line[2], 12 if line[2] else SIGNER) if not isinstance(line, str) else line
             for line in lines], size=SIGNER, align="center", keep=True)


def recipients(c, lines) -> None:
    """"Nơi nhận:" (12 pt bold italic) and its list (11 pt), at the left of the signature."""
    cell(c, [("Nơi nhận:", True, True, RECIPIENTS_HEAD), *((line, False, False, RECIPIENTS) for line in lines)],
         keep=True)


def appendix(document, name: str, attached_to: str, heading: str = "Phụ lục") -> None:
    """A new section for a Phụ lục: its own page numbers from 1 (none on its first page), its heading."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = True
    for old in section._sectPr.findall(qn("w:pgNumType")):  # add_section copies the section before's
        section._sectPr.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    columns = section._sectPr.find(qn("w:cols"))  # the schema's order: pgNumType comes before cols
    if columns is not None:
        columns.addprevious(numbering)
    else:
        section._sectPr.append(numbering)
    para(document, heading, bold=True, size=14, align="center", after=0)
    para(document, name, bold=True, size=TITLE, align="center", after=0)
    para(document, attached_to, italic=True, size=TEXT, align="center", after=12)


def section_table(document) -> None:
    """The result by section, in the body of the document (the detail is in the Phụ lục)."""
    table = document.add_table(rows=5, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heads = ("STT", "Nội dung", "Điểm tối đa", "Điểm tự chấm", "Điểm kiểm tra", "Tỷ lệ")
    for c, text in zip(table.rows[0].cells, heads):
        cell(c, [text], bold=True, align="center")
    row_flags(table.rows[0], header=True)
    cell(table.rows[1].cells[0], ["{%tr for m in muc %}"])
    cells = table.rows[2].cells
    for c, (text, align) in zip(cells, (("{{ m.stt }}", "center"), ("{{ m.title }}", "left"), ("{{ m.max }}", "center"),
                                        ("{{ m.self }}", "center"), ("{{ m.score }}", "center"),
                                        ("{{ m.ty_le }}", "center"))):
        cell(c, [text], align=align)
    row_flags(table.rows[2])
    cell(table.rows[3].cells[0], ["{%tr endfor %}"])
    total = table.rows[4].cells
    cell(total[1], ["TỔNG CỘNG"], bold=True)
    cell(total[2], ["{{ tong_toi_da }}"], bold=True, align="center")
    cell(total[3], ["{{ tong_tu_cham_bang }}"], bold=True, align="center")
    cell(total[4], ["{{ tong_diem }}"], bold=True, align="center")
    cell(total[5], ["{{ ty_le }}"], bold=True, align="center")
    row_flags(table.rows[4])
    widths(table, (Mm(13), Mm(82), Mm(17), Mm(19), Mm(17), Mm(17)))


def bien_ban() -> None:
    document = new_document()
    heading(document, "Số: {{ so_bien_ban }}")
    para(document, "BIÊN BẢN", bold=True, size=TITLE, align="center", after=0)
    para(document, "Kiểm tra công tác cải cách hành chính năm {{ nam }}", bold=True, size=TITLE, align="center",
         after=0)
    para(document, "tại {{ don_vi }}", bold=True, size=TITLE, align="center", after=12)
    para(document, "Căn cứ {{ can_cu_quyet_dinh }};")
    tag(document, "{%p if can_cu_ke_hoach %}")
    para(document, "Căn cứ {{ can_cu_ke_hoach }};")
    tag(document, "{%p endif %}")
    para(document, "Hôm nay, vào hồi {{ gio_bat_dau }}, {{ ngay_kiem_tra }}, tại trụ sở {{ don_vi }}, Đoàn kiểm "
                   "tra công tác cải cách hành chính tiến hành kiểm tra công tác cải cách hành chính tại "
                   "{{ don_vi }}; thời kỳ kiểm tra: {{ thoi_ky }}.")
    tag(document, "{%p if ho_so_don_vi %}")
    para(document, "{{ ho_so_don_vi }}")
    tag(document, "{%p endif %}")
    para(document, "I. THÀNH PHẦN", bold=True, indent=False)
    para(document, "1. Đoàn kiểm tra:", bold=True)
    people(document, "doan")
    para(document, "2. Đại diện đơn vị được kiểm tra:", bold=True)
    people(document, "dai_dien")
    para(document, "II. NỘI DUNG, PHẠM VI KIỂM TRA", bold=True, indent=False)
    para(document, "Kiểm tra theo bộ tiêu chí “{{ bang_kiem }}”; thời kỳ kiểm tra: {{ thoi_ky }}.")
    para(document, "III. KẾT QUẢ KIỂM TRA", bold=True, indent=False)
    para(document, "1. Kết quả chấm điểm theo từng lĩnh vực (chi tiết từng tiêu chí tại Phụ lục kèm theo):",
         bold=True, keep=True)
    section_table(document)
    para(document, "", after=0)
    para(document, "2. Tổng hợp kết quả:", bold=True)
    para(document, "- Tổng điểm đạt: {{ tong_diem }}/{{ tong_toi_da }} điểm (tối đa {{ diem_toi_da }} điểm)"
                   "{% if tong_tu_cham %}; đơn vị tự chấm: {{ tong_tu_cham }} điểm{% if tu_cham_mot_phan %} "
                   "(tự chấm {{ tu_cham_mot_phan }}){% endif %}{% endif %}.")
    tag(document, "{%p if diem_thuong_tru %}")
    para(document, "- Điểm thưởng/điểm trừ: {{ diem_thuong_tru }} điểm; điểm sau thưởng/trừ: {{ diem_cuoi }} điểm.")
    tag(document, "{%p endif %}")
    tag(document, "{%p if ty_le %}")
    para(document, "- Tỷ lệ: {{ ty_le }}{% if xep_loai %}; xếp loại: {{ xep_loai }}{% endif %}.")
    tag(document, "{%p endif %}")
    tag(document, "{%p if diem_liet %}")
    para(document, "- Tiêu chí điểm liệt không đạt: {{ diem_liet }}{% if xep_loai_bi_gioi_han %}; xếp loại không "
                   "cao hơn “{{ xep_loai_bi_gioi_han }}”{% endif %}.", bold=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p if tam_tinh %}")
    para(document, "- Kết quả tạm tính: {{ tam_tinh }}.", italic=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p for line in so_lieu_chua_khop %}")
    para(document, "- {{ line }}.", bold=True)
    tag(document, "{%p endfor %}")
    differences_table(document)
    tag(document, "{%p if uu_diem %}")
    para(document, "3. Ưu điểm, kết quả đạt được:", bold=True)
    tag(document, "{%p endif %}")
    lines_of(document, "uu_diem")
    para(document, "IV. TỒN TẠI, HẠN CHẾ", bold=True, indent=False)
    lines_of(document, "ton_tai")
    para(document, "V. KIẾN NGHỊ", bold=True, indent=False)
    recommendations(document)
    tag(document, "{%p if kien_nghi %}")
    para(document, "Đề nghị {{ don_vi }} báo cáo kết quả khắc phục về Đoàn kiểm tra.")
    tag(document, "{%p else %}")
    para(document, "Không.")
    tag(document, "{%p endif %}")
    para(document, "VI. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", bold=True, indent=False)
    lines_of(document, "y_kien_don_vi")
    para(document, "VII. KẾT LUẬN", bold=True, indent=False)
    lines_of(document, "ket_luan")
    para(document, "Buổi làm việc kết thúc vào hồi {{ gio_ket_thuc }} cùng ngày. Biên bản được lập thành 02 bản có "
                   "giá trị như nhau, Đoàn kiểm tra giữ 01 bản, đơn vị được kiểm tra giữ 01 bản; đã được đọc lại "
                   "cho các thành phần dự họp cùng nghe, thống nhất ký tên./.", keep=True)
    para(document, "", after=6, keep=True)
    signatures = document.add_table(rows=2, cols=2)
    no_borders(signatures)
    widths(signatures, (Mm(82), Mm(83)))
    # Two lines each side above the hint, so the names print on one line across.
    signature_cell(signatures.cell(0, 0), [("ĐẠI DIỆN ĐƠN VỊ", True, False), ("ĐƯỢC KIỂM TRA", True, False),
                                           ("(Ký, ghi rõ họ tên, đóng dấu)", False, True), "", "", "",
                                           ("{{ dai_dien_ky }}", True, False)])
    signature_cell(signatures.cell(0, 1), [("{{ ky_thay }}", True, False), ("{{ chuc_danh_ky }}", True, False),
                                           ("(Ký, ghi rõ họ tên)", False, True), "", "", "",
                                           ("{{ nguoi_ky }}", True, False)])
    signature_cell(signatures.cell(1, 1), ["", ("THƯ KÝ", True, False), ("(Ký, ghi rõ họ tên)", False, True),
                                           "", "", "", ("{{ thu_ky }}", True, False)])
    for row in signatures.rows:
        row_flags(row)
    appendix(document, "KẾT QUẢ CHẤM ĐIỂM VÀ SỐ LIỆU KIỂM TRA",
             "(Kèm theo Biên bản kiểm tra số {{ so_bien_ban }} {{ ngay_kiem_tra }} tại {{ don_vi }})")
    para(document, "1. Kết quả chấm điểm theo từng tiêu chí", bold=True, indent=False, keep=True)
    score_table(document)
    para(document, "", after=0)
    facts_table(document)
    photo_appendix(document)
    document.save(OUT / "bien-ban.docx")


def photo_appendix(document) -> None:
    """The Phụ lục ảnh, when the inspection has photos: each with its criterion, caption and time, two to a page
    (the pictures are at most 150 × 90 mm, exports/photos.py).

    It is a Phụ lục of its own (III.1.đ): a section of its own after the scores' Phụ lục, its page numbers from 1
    (none on its first page), its heading. The section break is the paragraph that ends the scores' Phụ lục
    (it holds that section's properties), inside the `if`: without photos it goes, and the last section's
    properties — the same numbering, copied by add_section — apply to the scores' Phụ lục as before."""
    tag(document, "{%p if phu_luc_anh %}")
    appendix(document, "ẢNH MINH CHỨNG KIỂM TRA",
             "(Kèm theo Biên bản kiểm tra số {{ so_bien_ban }} {{ ngay_kiem_tra }} tại {{ don_vi }})",
             heading="Phụ lục ảnh")
    tag(document, "{%p for a in phu_luc_anh %}")
    # The third, fifth… photo starts a page: an empty line that breaks before itself (a break after the second
    # photo would make a blank page when the two photos fill theirs).
    tag(document, "{%p if a.trang_moi %}")
    starts = para(document, "", indent=False, after=0).paragraph_format
    starts.page_break_before, starts.line_spacing = True, Pt(1)  # a point high: nothing to see
    tag(document, "{%p endif %}")
    tag(document, "{%p if a.anh %}")
    para(document, "{{ a.anh }}", align="center", indent=False, after=3, keep=True)
    tag(document, "{%p endif %}")
    para(document, "Ảnh {{ a.stt }}. {{ a.chu_thich }}", bold=True, size=TABLE, align="center", indent=False,
         after=0, keep=True)
    para(document, "Tiêu chí {{ a.ma }} — {{ a.tieu_chi }}; chụp lúc {{ a.thoi_gian }}; tệp {{ a.ten_tep }} "
                   "(SHA-256 {{ a.ma_tep }}…){% if a.ghi_chu_anh %}; {{ a.ghi_chu_anh }}{% endif %}.",
         italic=True, size=TABLE_NOTE, align="center", indent=False, after=12)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def ket_luan() -> None:
    """The thông báo kết luận: the document of the body that decided the inspection, under its header and number,
    signed for it, dated by its văn thư."""
    document = new_document()
    heading(document, "Số: {{ so_thong_bao }}",
            [("{%p if tb_chu_quan %}", False), ("{{ tb_chu_quan }}", False), ("{%p endif %}", False),
             ("{{ tb_co_quan }}", True)],
            "{{ tb_dia_danh }}, {{ tb_ngay }}")
    para(document, "THÔNG BÁO", bold=True, size=TITLE, align="center", after=0)
    para(document, "Kết luận kiểm tra công tác cải cách hành chính", bold=True, size=TITLE, align="center", after=0)
    para(document, "tại {{ don_vi }}", bold=True, size=TITLE, align="center", after=12)
    para(document, "Thực hiện {{ can_cu_quyet_dinh }}{% if can_cu_ke_hoach %}; {{ can_cu_ke_hoach }}{% endif %}, "
                   "{{ ngay_kiem_tra }}, Đoàn kiểm tra đã kiểm tra công tác cải cách hành chính tại {{ don_vi }} "
                   "(thời kỳ kiểm tra: {{ thoi_ky }}). Xét báo cáo của Đoàn kiểm tra và Biên bản kiểm tra"
                   "{% if so_bien_ban_that %} số {{ so_bien_ban_that }}{% endif %} {{ ngay_kiem_tra }}, "
                   "{{ tb_co_quan_cau }} thông báo kết luận kiểm tra như sau:")
    para(document, "1. Kết quả chấm điểm", bold=True)
    para(document, "Tổng điểm đạt: {{ tong_diem }}/{{ tong_toi_da }} điểm{% if ty_le %}, tỷ lệ {{ ty_le }}"
                   "{% endif %}{% if xep_loai %}, xếp loại {{ xep_loai }}{% endif %}"
                   "{% if diem_thuong_tru %} (điểm thưởng/điểm trừ: {{ diem_thuong_tru }}){% endif %}.")
    tag(document, "{%p if diem_liet %}")
    para(document, "Tiêu chí điểm liệt không đạt: {{ diem_liet }}.", bold=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p for line in so_lieu_chua_khop %}")
    para(document, "{{ line }}.", bold=True)
    tag(document, "{%p endfor %}")
    para(document, "2. Ưu điểm", bold=True)
    tag(document, "{%p for line in uu_diem %}")
    para(document, "{{ line }}")
    tag(document, "{%p else %}")
    para(document, "Không.")
    tag(document, "{%p endfor %}")
    para(document, "3. Tồn tại, hạn chế", bold=True)
    lines_of(document, "ton_tai")
    para(document, "4. Kiến nghị, yêu cầu", bold=True)
    recommendations(document)
    tag(document, "{%p if not kien_nghi %}")
    para(document, "Không.")
    tag(document, "{%p endif %}")
    para(document, "5. Tổ chức thực hiện", bold=True)
    para(document, "{{ don_vi }} có trách nhiệm tổ chức khắc phục các tồn tại, hạn chế và thực hiện các kiến nghị "
                   "nêu trên; báo cáo kết quả thực hiện về {{ tb_co_quan_cau }} trước {{ han_bao_cao }}./.", keep=True)
    para(document, "", after=6, keep=True)
    signatures = document.add_table(rows=1, cols=2)
    no_borders(signatures)
    widths(signatures, (Mm(82), Mm(83)))
    recipients(signatures.cell(0, 0), ["{%p for line in tb_noi_nhan %}", "- {{ line }}", "{%p endfor %}"])
    signature_cell(signatures.cell(0, 1), [("{{ tb_ky_thay }}", True, False), ("{{ tb_chuc_vu }}", True, False),
                                           "", "", "", "", ("{{ tb_nguoi_ky }}", True, False)])
    row_flags(signatures.rows[0])
    document.save(OUT / "ket-luan.docx")


def simple_table(document, heads, cells, column_widths, loop: str) -> None:
    """A table with a header row repeated on each page and one row per item of `loop` ("x in items")."""
    table = document.add_table(rows=4, cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, text in zip(table.rows[0].cells, heads):
        cell(c, [text], bold=True, align="center")
    row_flags(table.rows[0], header=True)
    cell(table.rows[1].cells[0], [f"{{%tr for {loop} %}}"])
    for c, (text, align) in zip(table.rows[2].cells, cells):
        cell(c, [text], align=align)
    row_flags(table.rows[2])
    cell(table.rows[3].cells[0], ["{%tr endfor %}"])
    widths(table, column_widths)


def bao_cao() -> None:
    """The team's báo cáo tổng hợp, addressed to the body that decided the inspection (Kính gửi)."""
    document = new_document()
    heading(document, "Số: {{ so_bao_cao }}")
    para(document, "BÁO CÁO", bold=True, size=TITLE, align="center", after=0)
    para(document, "Tổng hợp kết quả kiểm tra công tác cải cách hành chính năm {{ nam }}", bold=True, size=TITLE,
         align="center", after=0)
    para(document, "({{ ten_dot }})", italic=True, align="center", after=12)
    para(document, "Kính gửi: {{ kinh_gui }}.", align="center", after=12)
    para(document, "Thực hiện {{ can_cu_quyet_dinh }}{% if can_cu_ke_hoach %}; {{ can_cu_ke_hoach }}{% endif %}, "
                   "Đoàn kiểm tra đã kiểm tra công tác cải cách hành chính tại {{ so_don_vi }} đơn vị. Đoàn kiểm "
                   "tra báo cáo tổng hợp kết quả như sau:")
    para(document, "I. PHẠM VI, ĐỐI TƯỢNG KIỂM TRA", bold=True, indent=False)
    para(document, "1. Nội dung kiểm tra: theo bộ tiêu chí “{{ bang_kiem }}”; thời kỳ kiểm tra: {{ thoi_ky }}.")
    para(document, "2. Đơn vị được kiểm tra:", keep=True)
    tag(document, "{%p for u in don_vi %}")
    para(document, "- {{ u.ten }} (ngày {{ u.ngay }});")
    tag(document, "{%p endfor %}")
    para(document, "3. Thành phần Đoàn kiểm tra:", keep=True)
    people(document, "doan")
    para(document, "II. KẾT QUẢ KIỂM TRA", bold=True, indent=False)
    para(document, "1. Kết quả chấm điểm và xếp hạng các đơn vị đã chấm đủ tiêu chí:", bold=True, keep=True)
    simple_table(document, ("Hạng", "Đơn vị", "Điểm", "Tỷ lệ", "Xếp loại", "Ghi chú"),
                 (("{{ x.hang }}", "center"), ("{{ x.don_vi }}", "left"), ("{{ x.diem }}", "center"),
                  ("{{ x.ty_le }}", "center"), ("{{ x.xep_loai }}", "center"), ("{{ x.ghi_chu }}", "left")),
                 (Mm(15), Mm(50), Mm(25), Mm(20), Mm(20), Mm(35)), "x in xep_hang")
    tag(document, "{%p if chua_du %}")
    para(document, "Các đơn vị chưa chấm đủ tiêu chí (chưa xếp hạng, không tính vào số trung bình):", italic=True,
         keep=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p for u in chua_du %}")
    para(document, "- {{ u.don_vi }}: đã chấm {{ u.da_cham }}, tạm tính {{ u.diem }} điểm (chưa đủ).")
    tag(document, "{%p endfor %}")
    para(document, "2. Kết quả theo từng lĩnh vực{{ pham_vi_trung_binh }}:", bold=True, keep=True)
    simple_table(document, ("Mục", "Lĩnh vực", "Tỷ lệ trung bình", "Đơn vị thấp nhất"),
                 (("{{ s.ma }}", "center"), ("{{ s.ten }}", "left"), ("{{ s.trung_binh }}", "center"),
                  ("{{ s.thap_nhat }}", "left")),
                 (Mm(13), Mm(77), Mm(25), Mm(50)), "s in linh_vuc")
    para(document, "", after=0)  # air between the table and the next heading
    para(document, "III. NHỮNG TỒN TẠI, HẠN CHẾ PHỔ BIẾN", bold=True, indent=False)
    tag(document, "{%p for f in ton_tai_chung %}")
    para(document, "- {{ f.ten }} (tiêu chí {{ f.ma }}; {{ f.so }}/{{ so_don_vi_cham }} đơn vị: {{ f.don_vi }});")
    tag(document, "{%p else %}")
    para(document, "Không có tồn tại, hạn chế chung của từ một nửa số đơn vị trở lên.")
    tag(document, "{%p endfor %}")
    para(document, "IV. KIẾN NGHỊ", bold=True, indent=False)
    tag(document, "{%p for k in kien_nghi %}")
    para(document, "{{ k.stt }}. Đối với {{ k.don_vi }}: {{ k.noi_dung }}{% if k.thuc_hien or k.thoi_han %} ("
                   "{% if k.thuc_hien %}thực hiện: {{ k.thuc_hien }}{% endif %}{% if k.thuc_hien and k.thoi_han %}; "
                   "{% endif %}{% if k.thoi_han %}thời hạn: {{ k.thoi_han }}{% endif %}){% endif %}.")
    tag(document, "{%p else %}")
    para(document, "Không.")
    tag(document, "{%p endfor %}")
    para(document, "Đoàn kiểm tra báo cáo {{ kinh_gui }} xem xét, chỉ đạo./.", keep=True)
    para(document, "", after=6, keep=True)
    signatures = document.add_table(rows=1, cols=2)
    no_borders(signatures)
    widths(signatures, (Mm(82), Mm(83)))
    recipients(signatures.cell(0, 0), ["- Như trên;", "- Các đơn vị được kiểm tra;", "- Thành viên Đoàn kiểm tra;",
                                       "- Lưu: VT, Đoàn kiểm tra."])
    signature_cell(signatures.cell(0, 1), [("{{ ky_thay }}", True, False), ("{{ chuc_danh_ky }}", True, False),
                                           "", "", "", "", ("{{ nguoi_ky }}", True, False)])
    row_flags(signatures.rows[0])
    document.save(OUT / "bao-cao-tong-hop.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    bien_ban()
    ket_luan()
    bao_cao()
    print(OUT / "bao-cao-tong-hop.docx")
    print(OUT / "bien-ban.docx")
    print(OUT / "ket-luan.docx")
