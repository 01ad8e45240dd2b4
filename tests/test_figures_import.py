"""Figures read from the report the provincial one-stop system prints (issue 25): the national form 07a as
XLSX (merged headers, text numbers, total rows), as an HTML table saved as .xls, as an old .xls; an
OpenCPS-like sheet; the preview, the saved figures and their audit; every hostile file refused with one
message and nothing changed."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest

from figure_reports import (
    FIELDS,
    cp1258,
    TOTAL,
    national_html,
    national_rows,
    national_xlsx,
    opencps_xlsx,
)
from inspector.cli.main import main
from inspector.core.checklist import load_checklist
from inspector.core.figure_import.grid import ImportRefused
from inspector.core.figure_import.maps import load_map
from inspector.core.figure_import.preview import prepare
from inspector.core.model import InspectionInfo
from inspector.core.problems import FileProblems
from inspector.store.database import Store

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "checklists" / "cchc-xa.toml"
OLD_XLS = ROOT / "tests" / "data" / "bao-cao-07a.xls"
# (3) (4) (7) (8)+(9) (10) (11) of the total row
EXPECTED = {"hs_tiep_nhan": 1410, "hs_da_giai_quyet": 1300, "hs_dung_han": 1250, "hs_tre_han": 50,
            "hs_dang_giai_quyet": 95, "hs_truc_tuyen": 620}


def new_inspection(facts: dict[str, int] | None = None) -> int:
    checklist = load_checklist(CHECKLIST)
    info = InspectionInfo(checklist=checklist.id, checklist_version=checklist.version, unit="UBND xã Thử",
                          date=dt.date(2025, 10, 15), unit_type="xa")
    store = Store()
    try:
        return store.create_inspection(checklist, info, facts=facts or {})
    finally:
        store.close()


def stored(number: int = 1) -> tuple[dict[str, int], list]:
    store = Store()
    try:
        record = store.load(number)
        return dict(record.facts), store.audit(number)
    finally:
        store.close()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- the three formats give the same figures, from the total row only
def test_national_xlsx_preview_without_yes_saves_nothing_and_says_how(capsys, tmp_path):
    new_inspection({"hs_tiep_nhan": 1400})
    report = national_xlsx(tmp_path / "bao cao 07a.xlsx")
    code, out, err = run(capsys, "figures", "import", str(report), "--into", "1")
    assert code == 0 and err == ""
    digest = sha(report)[:16]
    assert out.splitlines() == [
        f"Tệp: bao cao 07a.xlsx (SHA-256 {digest}…)",
        "Mẫu số liệu: mau-07a — Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC"
        " (mẫu 07a) (nhận theo tiêu đề của tệp)",
        "Trang «07a», dòng tổng 7: «Tổng cộng»",
        "Số liệu ← ô, giá trị trong tệp, giá trị hiện có:",
        "  hs_tiep_nhan       ← 07a!C7                     1.410   (hiện có: 1.400)",
        "  hs_da_giai_quyet   ← 07a!G7                     1.300   (hiện có: chưa ghi)",
        "  hs_dung_han        ← 07a!H7 + I7  1.000 + 250 = 1.250   (hiện có: chưa ghi)",
        "  hs_tre_han         ← 07a!J7                        50   (hiện có: chưa ghi)",
        "  hs_dang_giai_quyet ← 07a!K7                        95   (hiện có: chưa ghi)",
        "  hs_truc_tuyen      ← 07a!D7                       620   (hiện có: chưa ghi)",
        "Tiêu chí tính từ số liệu:",
        "  E1: chưa chấm → 4/6 điểm — 1.250/1.300 = 96,15% ≥ 95% → 4 điểm",
        "  F1: chưa chấm → chưa chấm — chờ số liệu còn thiếu",
        "  F4: chưa chấm → chưa chấm — chờ số liệu còn thiếu",
        "  F9: chưa chấm → chưa chấm — chờ số liệu còn thiếu",
        "Kiểm tra số liệu:",
        "  ✗ can-doi-ho-so: Hồ sơ tiếp nhận = đã giải quyết + đang giải quyết (1.300 + 95 = 1.395 ≠ 1.410) — không"
        " chặn việc nhập: hồ sơ rút, tạm dừng, trả lại, từ chối không nằm trong số đã và đang giải quyết, nên số"
        " liệu của hệ thống thường không cân — đối chiếu khi kiểm tra",
        "  ✓ ket-qua-giai-quyet: Hồ sơ đã giải quyết = đúng và trước hạn + quá hạn (1.250 + 50 = 1.300 = 1.300)",
        "  · can-doi-truc-tuyen: Hồ sơ trực tuyến = đã giải quyết + đang giải quyết (chưa đủ số liệu để kiểm tra)",
        "  · truc-tuyen-trong-tong: Hồ sơ trực tuyến không vượt hồ sơ của TTHC có DVC trực tuyến (chưa đủ số liệu"
        " để kiểm tra)",
        "  · truc-tuyen-toan-trinh-mot-phan: Hồ sơ trực tuyến = toàn trình + một phần (chưa đủ số liệu để kiểm tra)",
        "  · dvctt-trong-tong: Hồ sơ của TTHC có DVC trực tuyến không vượt tổng hồ sơ tiếp nhận (chưa đủ số liệu để"
        " kiểm tra)",
        "  · buu-chinh-trong-tong: Hồ sơ qua bưu chính không vượt tổng hồ sơ tiếp nhận (chưa đủ số liệu để kiểm tra)",
        "  · so-hoa-trong-tong: Hồ sơ số hóa không vượt tổng hồ sơ tiếp nhận (chưa đủ số liệu để kiểm tra)",
        "  · dong-bo-trong-tong: Hồ sơ đồng bộ lên Cổng DVC quốc gia không vượt tổng hồ sơ tiếp nhận (chưa đủ số"
        " liệu để kiểm tra)",
        "Không có trên mẫu, vẫn gõ tay (phím F): tthc_cong_bo, tthc_niem_yet, hs_buu_chinh, hs_co_dvctt,"
        " hs_co_dvctt_toan_trinh, hs_co_dvctt_mot_phan, hs_tt_toan_trinh, hs_tt_mot_phan, hs_tt_da_giai_quyet, hs_tt_dang_giai_quyet, hs_co_phi, hs_thanh_toan_tt, hs_so_hoa, hs_dong_bo,"
        " kien_nghi_ky_truoc, kien_nghi_da_thuc_hien",
        "Tệp bao cao 07a.xlsx được ghi vào nguồn số liệu: là minh chứng của các tiêu chí tính từ số liệu (tên tệp"
        " và mã SHA-256 trong lịch sử).",
        f"Chưa ghi gì. Để ghi, chạy lại với --yes: inspector figures import '{report}' --into 1 --yes",
    ]
    assert stored()[0] == {"hs_tiep_nhan": 1400}


def test_yes_saves_the_total_row_with_file_name_and_sha256_in_the_audit(capsys, tmp_path):
    new_inspection({"hs_tiep_nhan": 1400, "hs_buu_chinh": 12})
    report = national_xlsx(tmp_path / "07a.xlsx")
    code, out, err = run(capsys, "figures", "import", str(report), "--into", "1", "--yes")
    assert code == 0, err
    assert out.splitlines()[-1] == "Đã ghi 6 số liệu từ 07a.xlsx vào cuộc kiểm tra số 1"
    facts, audit = stored()
    # the total row, never the total rows and field rows added up; a typed figure the form lacks is kept
    assert facts == {**EXPECTED, "hs_buu_chinh": 12}
    assert sum(values[0] for _, values in FIELDS) + 2 * TOTAL[0] != facts["hs_tiep_nhan"]
    source = f"07a.xlsx (SHA-256 {sha(report)})"
    rows = [(e.field, e.old, e.new) for e in audit if e.field in ("fact", "source", "figures_evidence")]
    assert ("fact", "1400", "1410") in rows and ("fact", None, "1300") in rows
    assert rows.count(("source", None, source)) == 6
    assert rows[-1] == ("figures_evidence", "hs_tiep_nhan, hs_da_giai_quyet, hs_dung_han, hs_tre_han, "
                                            "hs_dang_giai_quyet, hs_truc_tuyen", source)
    # the same file again: nothing new, nothing written
    before = len(audit)
    code, out, _ = run(capsys, "figures", "import", str(report), "--into", "1", "--yes")
    assert code == 0 and out.splitlines()[-1] == "Số liệu trong tệp trùng với số liệu đã ghi — không có gì để ghi."
    assert len(stored()[1]) == before


def test_scores_after_import_are_the_engines_on_those_figures(capsys, tmp_path):
    from inspector.core.scoring import score

    new_inspection()
    run(capsys, "figures", "import", str(national_xlsx(tmp_path / "a.xlsx")), "--into", "1", "--yes")
    store = Store()
    record = store.load(1)
    row = store.list_inspections()[0]
    store.close()
    # The report joins the figures' sources: the evidence of every computed criterion it feeds.
    assert record.info.facts_evidence == ("a.xlsx",)
    expected = score(record.checklist, record.answers, "xa", EXPECTED, ("a.xlsx",))
    assert row.score == str(expected.final)
    by_id = {r.id: r for r in expected.criteria}
    assert (by_id["E1"].status, by_id["E1"].score, by_id["E1"].answer.evidence) == ("answered", 4, ("a.xlsx",))


def test_html_saved_as_xls_and_old_xls_give_the_same_figures(capsys, tmp_path):
    checklist = load_checklist(CHECKLIST)
    html = tmp_path / "BaoCao.xls"
    html.write_text(national_html(), encoding="utf-8")
    legacy = tmp_path / "legacy.xls"
    legacy.write_bytes(cp1258(national_html(charset="windows-1258")))
    for path in (html, legacy, OLD_XLS):
        preview = prepare(path, checklist, {}, {}, "xa")
        assert preview.figures == EXPECTED, path
    assert prepare(html, checklist, {}, {}).match.grid.sheet == "Bảng 1"
    old = prepare(OLD_XLS, checklist, {}, {})
    assert (old.match.grid.sheet, old.match.total_row + 1, old.match.map.id) == ("BaoCao", 7, "mau-07a")
    new_inspection()
    code, _, err = run(capsys, "figures", "import", str(OLD_XLS), "--into", "1", "--yes")
    assert code == 0, err
    assert stored()[0] == EXPECTED


def test_opencps_layout_is_found_by_its_header(capsys, tmp_path):
    new_inspection()
    report = opencps_xlsx(tmp_path / "thong-ke.xlsx")
    code, out, err = run(capsys, "figures", "import", str(report), "--into", "1", "--yes")
    assert code == 0, err
    assert "Mẫu số liệu: opencps — " in out and "Trang «ThongKe», dòng tổng 8: «Tổng»" in out
    assert "  hs_dung_han        ← ThongKe!I8 + J8  1.600 + 300 = 1.900   (hiện có: chưa ghi)" in out
    assert stored()[0] == {"hs_tiep_nhan": 2205, "hs_da_giai_quyet": 2010, "hs_dung_han": 1900, "hs_tre_han": 110,
                           "hs_dang_giai_quyet": 150, "hs_truc_tuyen": 1500}


def test_a_named_map_that_does_not_fit_says_why(capsys, tmp_path):
    new_inspection()
    report = opencps_xlsx(tmp_path / "thong-ke.xlsx")
    code, out, err = run(capsys, "figures", "import", str(report), "--into", "1", "--map", "mau-07a")
    assert code == 1 and out == ""
    assert err == ("inspector: thong-ke.xlsx, trang «ThongKe»: mẫu mau-07a không khớp — tiêu đề có «mot cua» (báo cáo"
                   " của hệ thống khác)\n")


def test_pasted_quoted_path_and_sheet_choice(tmp_path):
    checklist = load_checklist(CHECKLIST)
    report = national_xlsx(tmp_path / "có dấu cách.xlsx")
    from inspector.core.figure_import.readers import path_from_text

    assert path_from_text(f'  "{report}" ') == report
    assert path_from_text(f"'{report}'") == report
    assert prepare(path_from_text(f'"{report}"'), checklist, {}, {}, sheet="07A").figures == EXPECTED
    with pytest.raises(ImportRefused) as refused:
        prepare(report, checklist, {}, {}, sheet="Sheet9")
    assert refused.value.message() == "có dấu cách.xlsx: không có trang «Sheet9» — các trang: «07a»"


# ---- bad input: one message naming the file, sheet and cell; nothing saved
def _pdf(tmp: Path) -> Path:
    path = tmp / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    return path


def _junk(tmp: Path) -> Path:
    path = tmp / "bao-cao.xls"
    path.write_bytes(bytes(range(256)) * 4)
    return path


def _no_header(tmp: Path) -> Path:
    return national_xlsx(tmp / "trong.xlsx", [["Báo cáo"], [None], [1, 2], [3, 4]], merges=[])


def _two_totals(tmp: Path) -> Path:
    return national_xlsx(tmp / "hai-dong.xlsx", national_rows(extra_total=True))


def _text_cell(tmp: Path) -> Path:
    rows = national_rows()
    rows[6][9] = "khoảng 50"
    return national_xlsx(tmp / "chu.xlsx", rows)


def _negative(tmp: Path) -> Path:
    rows = national_rows()
    rows[6][10] = "-95"
    return national_xlsx(tmp / "am.xlsx", rows)


def _breaks_rule(tmp: Path) -> Path:
    rows = national_rows()
    rows[6][8] = "1.900"  # (9): on time + early 2.900 over the 1.300 resolved
    return national_xlsx(tmp / "vuot.xlsx", rows)


def _uncomputed_formula(tmp: Path) -> Path:
    rows = national_rows()
    rows[6][2] = "=SUM(C9:C11)"  # openpyxl writes no cached value: the total was never computed
    return national_xlsx(tmp / "cong-thuc.xlsx", rows)


def _zip_bomb(tmp: Path) -> Path:
    path = tmp / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (70 * 1024 * 1024) + b"</a>")
    return path


def _entities(tmp: Path) -> Path:
    base = national_xlsx(tmp / "base.xlsx")
    path = tmp / "thuc-the.xlsx"
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                data = laughs + (data[data.index(b"?>") + 2:] if data.startswith(b"<?xml") else data)
            out.writestr(info, data)
    return path


def _huge_html(tmp: Path) -> Path:
    path = tmp / "lon.xls"
    with open(path, "wb") as handle:
        handle.write(b"<html><table>")
        handle.truncate(100 * 1024 * 1024)
    return path


def _span_bomb(tmp: Path) -> Path:
    path = tmp / "gop-o.xls"
    path.write_text("<table>" + '<tr><td rowspan="9999" colspan="9999">1</td></tr>' * 200_000 + "</table>")
    return path


HOSTILE = [
    ("pdf", _pdf, "bao-cao.pdf: tệp PDF — chưa hỗ trợ nhập số liệu từ PDF; xuất báo cáo từ hệ thống một cửa dạng"
                  " Excel (.xlsx hoặc .xls) rồi nhập lại, hoặc gõ số liệu (phím F)"),
    ("none of the formats", _junk, "bao-cao.xls: không phải bảng tính Excel (.xlsx, .xls) hay bảng HTML lưu dạng"
                                   " .xls — không đọc được số liệu"),
    ("no header", _no_header, "trong.xlsx: không nhận ra tiêu đề bảng số liệu ở trang «07a» (không có dòng số thứ"
                              " tự cột (1), (2), (3)… hay tên cột) — kiểm tra đúng tệp báo cáo"),
    ("two total rows", _two_totals, "hai-dong.xlsx, trang «07a»: có nhiều dòng tổng «Tổng cộng» (dòng 7, 12) —"
                                    " không biết lấy dòng nào; xóa bớt hoặc chọn trang bằng --sheet"),
    ("text in a number cell", _text_cell, "chu.xlsx, trang «07a», ô J7 (hs_tre_han): «khoảng 50» không phải là số"
                                          " — sửa ô trong tệp rồi nhập lại"),
    ("negative", _negative, "am.xlsx, trang «07a», ô K7 (hs_dang_giai_quyet): -95 nằm ngoài giới hạn của số liệu"
                            " (số nguyên từ 0, tối đa 15 chữ số)"),
    ("past a computed criterion's bound", _breaks_rule,
     "vuot.xlsx, ô 07a!H7, 07a!I7, 07a!G7: tiêu chí E1: tử số hs_dung_han = 2.900 lớn hơn mẫu số hs_da_giai_quyet"
     " = 1.300 — kiểm tra lại các số liệu này — không nhập gì"),
    ("uncomputed formula", _uncomputed_formula,
     "cong-thuc.xlsx, trang «07a», ô C7 (hs_tiep_nhan): công thức =SUM(C9:C11) chưa được tính (tệp chưa từng mở bằng"
     " Excel) — mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập lại"),
    ("zip bomb", _zip_bomb, "bom.xlsx: tệp Excel giải nén ra quá 64 MB — một bảng kiểm, phiếu tự đánh giá hay báo"
                            " cáo số liệu chỉ cần vài MB; kiểm tra đúng tệp chưa — không đọc"),
    ("XML entities", _entities, "thuc-the.xlsx: tệp Excel chứa khai báo DOCTYPE/ENTITY trong xl/worksheets/sheet1.xml"
                                " (Excel không bao giờ ghi) — tệp có thể độc hại; không mở — không đọc"),
    ("100 MB HTML", _huge_html, "lon.xls: tệp 100 MB, quá giới hạn 20 MB của một báo cáo — không đọc"),
    ("spans past any report", _span_bomb, "gop-o.xls: bảng HTML có quá 500000 ô — không phải báo cáo của một đơn"
                                          " vị; không đọc"),
]


@pytest.mark.parametrize("make, message", [(m, s) for _, m, s in HOSTILE], ids=[n for n, _, _ in HOSTILE])
def test_bad_files_get_one_message_and_change_nothing(capsys, tmp_path, make, message):
    new_inspection({"hs_tiep_nhan": 7})
    before = stored()
    path = make(tmp_path)
    code, out, err = run(capsys, "figures", "import", str(path), "--into", "1", "--yes")
    assert (code, out, err) == (1, "", f"inspector: {message}\n")
    assert stored() == before


def test_no_map_fits_lists_the_headers_found_and_the_maps_tried(capsys, tmp_path):
    new_inspection()
    path = national_xlsx(tmp_path / "khac.xlsx", [["STT", "Đơn vị", "Số văn bản đến", "Số văn bản đi"],
                                                  [1, "Văn phòng", 10, 20]], merges=[])
    code, out, err = run(capsys, "figures", "import", str(path), "--into", "1")
    assert code == 1 and out == ""
    assert err == ("inspector: khac.xlsx: không mẫu số liệu nào khớp tiêu đề của tệp. Tiêu đề tìm thấy — «07a»: STT |"
                   " Đơn vị | Số văn bản đến | Số văn bản đi. Mẫu đã thử: mau-07a, opencps — chọn mẫu bằng --map"
                   " hoặc viết mẫu riêng (docs/figures-import.md)\n")


# ---- maps
def test_a_map_with_mistakes_is_refused_with_file_and_line(tmp_path):
    path = tmp_path / "sai.toml"
    path.write_text('format = 1\nid = "Sai Ma"\ntitle = "x"\n[total]\nlabels = ["Tổng cộng"]\n'
                    '[[column]]\nid = "3"\nnumber = 3\nheader = ["tổng số"]\ncolour = "red"\n'
                    '[[figure]]\nfact = "hs_tiep_nhan"\ncolumns = ["4"]\n', encoding="utf-8")
    with pytest.raises(FileProblems) as problems:
        load_map(path)
    assert problems.value.render().splitlines() == [
        f"{path}:2: id: mã «Sai Ma» không hợp lệ (chữ thường không dấu, số, - _ .)",
        f"{path}:10: column[1] › colour: khóa «colour» không có trong mẫu số liệu — dùng: header, id, number",
        f"{path}:13: figure[1] › columns[1]: không có cột «4» — các cột: 3",
    ]


def test_user_maps_come_first_and_are_listed(capsys, tmp_path):
    from inspector.core.paths import data_dir

    folder = data_dir() / "maps"
    folder.mkdir(parents=True)
    (folder / "tinh-x.toml").write_text(
        'format = 1\nid = "tinh-x"\ntitle = "Báo cáo tỉnh X"\n[total]\nlabels = ["Cộng"]\n'
        '[[column]]\nid = "tn"\nheader = ["hồ sơ tiếp nhận"]\n[[figure]]\nfact = "hs_tiep_nhan"\ncolumns = ["tn"]\n',
        encoding="utf-8")
    code, out, _ = run(capsys, "figures", "maps")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("tinh-x  Báo cáo tỉnh X  (của người dùng: ")
    assert lines[1] == "    hs_tiep_nhan = tn"
    assert any(line.startswith("mau-07a  ") for line in lines)
    assert "    hs_tiep_nhan = (3), hs_truc_tuyen = (4), hs_da_giai_quyet = (7), hs_dung_han = (8) + (9)," \
           " hs_tre_han = (10), hs_dang_giai_quyet = (11)" in lines
    report = national_xlsx(tmp_path / "x.xlsx", [["STT", "Đơn vị", "Hồ sơ tiếp nhận"], [None, "Cộng", "1.234"],
                                                  [1, "Xã A", 1234]], merges=[])
    new_inspection()
    code, out, err = run(capsys, "figures", "import", str(report), "--into", "1", "--yes")
    assert code == 0, err
    assert "Mẫu số liệu: tinh-x — Báo cáo tỉnh X (nhận theo tiêu đề của tệp)" in out
    assert stored()[0] == {"hs_tiep_nhan": 1234}


def test_every_bundled_map_loads_and_names_only_cchc_xa_figures():
    checklist = load_checklist(CHECKLIST)
    for path in sorted((ROOT / "checklists" / "maps").glob("*.toml")):
        figure_map = load_map(path, True)
        assert all(checklist.fact(f.fact) is not None for f in figure_map.figures), path


def test_english_preview_and_help(capsys, tmp_path):
    new_inspection()
    report = national_xlsx(tmp_path / "a.xlsx")
    code, out, _ = run(capsys, "--lang", "en", "figures", "import", str(report), "--into", "1")
    assert code == 0
    assert "  hs_dung_han        ← 07a!H7 + I7  1,000 + 250 = 1,250   (now: not recorded)" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "figures", "import", "--help"])
    out = capsys.readouterr().out
    assert "--yes" in out and "--map NAME|FILE.toml" in out and "--sheet NAME" in out


# ---- the interface
def test_figures_screen_imports_from_a_quoted_path_after_the_preview(tmp_path):
    from inspector.core.config import Config
    from inspector.tui.app import InspectorApp

    new_inspection({"hs_buu_chinh": 12})
    report = national_xlsx(tmp_path / "07a.xlsx")
    app = InspectorApp(store=Store(), config=Config())

    async def scenario(pilot):
        app.open_inspection(1)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        figures = app.screen
        assert figures.__class__.__name__ == "FiguresScreen"
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert dialog.__class__.__name__ == "FigureFileScreen"
        await pilot.press("ctrl+s")  # nothing previewed: nothing saved
        await pilot.pause()
        dialog.query_one("#figure-path").value = f'"{tmp_path / "khong-co.xlsx"}"'
        await pilot.press("enter")
        await pilot.pause()
        assert str(dialog.query_one("#figure-file-error").render()).startswith("khong-co.xlsx: không mở được tệp")
        dialog.query_one("#figure-path").focus()
        dialog.query_one("#figure-path").value = f'"{report}"'
        await pilot.press("enter")
        await pilot.pause()
        shown = str(dialog.query_one("#figure-preview").render())
        expected = prepare(report, load_checklist(CHECKLIST), {"hs_buu_chinh": 12}, {}, "xa").lines()
        assert shown.splitlines()[:len(expected)] == expected  # the core's preview, as it says it
        assert stored()[0] == {"hs_buu_chinh": 12}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is figures
        assert figures.session.facts["hs_tiep_nhan"] == 1410
        index = [f.id for f in figures.facts].index("hs_dung_han")
        assert figures.query_one(f"#fact-{index}").value == "1.250"

    async def main_():
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main_())
    assert stored()[0] == {**EXPECTED, "hs_buu_chinh": 12}


def test_a_flat_header_one_cell_a_column(tmp_path):
    """Some systems write each column's whole name in one cell: "Đã giải quyết quá hạn", "Hồ sơ tiếp nhận"."""
    header = ["STT", "Lĩnh vực", "Hồ sơ tiếp nhận", "Tiếp nhận trực tuyến", "Tiếp nhận một cửa", "Đã giải quyết",
              "Đã giải quyết trước hạn", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn", "Đang giải quyết",
              "Đang giải quyết quá hạn", "Rút/Hủy", "Từ chối", "Tạm dừng"]
    rows = [["BÁO CÁO THỐNG KÊ"], header, [1, "Hộ tịch", 500, 300, 200, 450, 300, 100, 50, 40, 4, 6, 2, 2],
            ["", "TỔNG CỘNG:", "1.500", 900, 600, 1300, 900, 300, 100, 170, 20, 20, 6, 4]]
    path = national_xlsx(tmp_path / "phang.xlsx", rows, merges=["A1:N1"])
    preview = prepare(path, load_checklist(CHECKLIST), {}, {}, "xa")
    assert preview.match.map.id == "opencps"
    assert preview.figures == {"hs_tiep_nhan": 1500, "hs_da_giai_quyet": 1300, "hs_dung_han": 1200, "hs_tre_han": 100,
                               "hs_dang_giai_quyet": 170, "hs_truc_tuyen": 900}
