"""Before and after the visit, as a team and a unit go through it: the self-assessment workbook filled the
way a unit would (openpyxl) and read back, self-scores against inspected scores with explanations, and
the register of recommendations followed up at the next inspection."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
NGOC_THUY = ROOT / "checklists" / "examples" / "ngoc-thuy.answers.toml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ward(capsys):
    code, out, _ = run(capsys, "import", NGOC_THUY)
    assert code == 0 and out.startswith("Đã nhập cuộc kiểm tra số 1: UBND phường Ngọc Thụy (cchc-xa 2026.2)")
    return 1


def fill(path: Path, target: Path, scores: dict, evidence: dict | None = None, comments: dict | None = None,
         figures: dict | None = None) -> Path:
    """What a unit's officer does in Excel: type in the yellow cells, save."""
    book = load_workbook(path)
    sheet = book["Tự đánh giá"]
    rows = {sheet.cell(r, 1).value: r for r in range(5, sheet.max_row + 1)}
    for cid, value in scores.items():
        sheet.cell(rows[cid], 7).value = value
    for cid, value in (evidence or {}).items():
        sheet.cell(rows[cid], 8).value = value
    for cid, value in (comments or {}).items():
        sheet.cell(rows[cid], 9).value = value
    if figures:
        facts = book["Số liệu"]
        at = {facts.cell(r, 1).value: r for r in range(3, facts.max_row + 1)}
        for fid, value in figures.items():
            facts.cell(at[fid], 5).value = value
    book.save(target)
    return target


def test_the_workbook_has_what_a_unit_needs_and_only_its_cells_open(ward, capsys, tmp_path):
    path = tmp_path / "phieu.xlsx"
    code, out, _ = run(capsys, "self-assessment", ward, "-o", path)
    assert code == 0
    assert out.strip() == (f"Đã ghi phiếu tự đánh giá {path} cho UBND phường Ngọc Thụy (84 tiêu chí) — gửi đơn vị "
                           "điền các ô màu vàng")
    book = load_workbook(path)
    assert book.sheetnames == ["Hướng dẫn", "Tự đánh giá", "Số liệu", "_inspector"]
    assert book["_inspector"].sheet_state == "hidden"
    sheet = book["Tự đánh giá"]
    assert [c.value for c in sheet[4]] == ["Mã", "Tiêu chí", "Nội dung kiểm tra", "Cách chấm điểm", "Điểm tối đa",
                                           "Căn cứ", "Điểm tự chấm", "Tài liệu kiểm chứng sẽ xuất trình",
                                           "Giải trình, ghi chú của đơn vị"]
    a1 = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == "A1")
    assert a1[1].value == "Ban hành Kế hoạch CCHC năm đúng thời hạn, đầy đủ nội dung" and a1[4].value == "1,5"
    assert a1[3].value.startswith("day-du: Ban hành đúng hạn, đầy đủ nội dung → 1,5")
    assert "Nghị quyết 76/NQ-CP" in a1[5].value or a1[5].value
    assert sheet.protection.sheet
    assert [cell.protection.locked for cell in a1] == [True] * 6 + [False] * 3
    section = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == "A")
    assert all(cell.protection.locked for cell in section)
    assert any("G" in str(v.sqref) for v in sheet.data_validations.dataValidation)
    guide = [row[0].value for row in book["Hướng dẫn"].iter_rows()]
    assert guide[0] == "PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
    facts = book["Số liệu"]
    assert [c.value for c in facts[2]] == ["Mã", "Số liệu", "Đơn vị tính", "Hướng dẫn", "Số liệu của đơn vị"]
    assert facts.cell(3, 5).protection.locked is False and facts.cell(3, 2).protection.locked is True


def test_a_filled_workbook_fills_the_units_part_and_never_what_the_team_recorded(ward, capsys, tmp_path):
    from inspector.core.model import Answer
    from inspector.store.database import Store

    store = Store()
    store.save_answer(ward, "C2", Answer("C2", value=False, self_score=Fraction(1, 2), note="Đoàn ghi"))
    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    filled = fill(blank, tmp_path / "da-dien.xlsx", scores={"A1": 1.5, "A2": "1,5", "C2": 1, "D1": 1},
                  evidence={"A1": "Kế hoạch số 12/KH-UBND\nBáo cáo số 30/BC-UBND"},
                  comments={"A1": "Ban hành đúng hạn", "C2": "Đã gỡ TTHC hết hiệu lực"},
                  figures={"hs_tiep_nhan": 2210, "hs_da_giai_quyet": 2119})
    code, out, err = run(capsys, "self-assessment", "import", filled)
    assert code == 0
    assert out.strip() == (f"Đã nhập {filled} vào cuộc kiểm tra số 1 (UBND phường Ngọc Thụy): 4 tiêu chí, "
                           "2 số liệu của đơn vị")
    assert err.strip() == "C2: giữ điểm tự chấm đã ghi 0,5 (phiếu ghi 1) — sửa trong giao diện nếu cần"
    record = Store().load(ward)
    a1 = record.answers["A1"]
    assert (a1.self_score, a1.self_evidence, a1.explanation) == (
        Fraction(3, 2), ("Kế hoạch số 12/KH-UBND", "Báo cáo số 30/BC-UBND"), "Ban hành đúng hạn")
    assert record.answers["A2"].self_score == Fraction(3, 2)
    c2 = record.answers["C2"]
    assert (c2.value, c2.self_score, c2.note, c2.explanation) == (False, Fraction(1, 2), "Đoàn ghi",
                                                                  "Đã gỡ TTHC hết hiệu lực")
    assert record.reported_facts == {"hs_tiep_nhan": 2210, "hs_da_giai_quyet": 2119}
    assert "hs_tiep_nhan" not in record.facts or record.facts["hs_tiep_nhan"] != 2210  # the team's stay its own
    history = [e for e in Store().audit(ward, "A1") if e.field == "self_assessment"]
    assert len(history) == 1 and history[0].author == "đơn vị (tự đánh giá)"


def test_bad_cells_are_refused_with_sheet_cell_and_reason(ward, capsys, tmp_path):
    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    filled = fill(blank, tmp_path / "sai.xlsx", scores={"B1": 99, "B2": "nhiều", "A1": 1},
                  figures={"hs_tiep_nhan": -3})
    code, out, err = run(capsys, "self-assessment", "import", filled)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{filled}: Tự đánh giá!G15: B1: điểm tự chấm 99 nằm ngoài khoảng 0–1,5 của tiêu chí",
        f"{filled}: Tự đánh giá!G16: B2: «nhiều» không phải là số — nhập điểm như 1 hoặc 1,5",
        f"{filled}: Số liệu!E5: hs_tiep_nhan: «-3» không phải số nguyên không âm",
    ]
    from inspector.store.database import Store

    assert "A1" not in Store().load(ward).answers or Store().load(ward).answers["A1"].self_score is None

    other = tmp_path / "khac.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    code, _, err = run(capsys, "self-assessment", "import", other)
    assert code == 1 and err.strip() == (f"{other}: -: không phải phiếu tự đánh giá do inspector tạo (thiếu trang "
                                         "«Tự đánh giá» hoặc trang ẩn _inspector)")
    code, _, err = run(capsys, "self-assessment", "ngoc-thuy", "-o", tmp_path / "x.xlsx")
    assert code == 1 and "không phải số cuộc kiểm tra" in err


def test_figures_a_laptop_would_refuse_are_refused_in_the_returned_workbook_too(ward, capsys, tmp_path):
    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    filled = fill(blank, tmp_path / "so-lieu.xlsx", scores={}, figures={"tthc_cong_bo": 100, "tthc_niem_yet": 150})
    code, out, err = run(capsys, "self-assessment", "import", filled)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"{filled}: Số liệu!E3: tiêu chí C1: tử số tthc_niem_yet = 150 lớn hơn mẫu số"
                                " tthc_cong_bo = 100 — kiểm tra lại các số liệu này"]
    from inspector.store.database import Store

    assert Store().load(ward).reported_facts == {}


def test_a_number_that_would_never_finish_is_refused_in_its_cell(ward, capsys, tmp_path):
    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    filled = fill(blank, tmp_path / "so-mu.xlsx", scores={"B1": "1e999999999"}, figures={"hs_tiep_nhan": "1e999999999"})
    code, _, err = run(capsys, "self-assessment", "import", filled)
    assert code == 1
    assert err.splitlines() == [
        f"{filled}: Tự đánh giá!G15: B1: «1e999999999» không phải là số — nhập điểm như 1 hoặc 1,5",
        f"{filled}: Số liệu!E5: hs_tiep_nhan: «1e999999999» không phải số nguyên không âm",
    ]


def test_numbers_grouped_with_spaces_are_read_as_people_write_them(ward, capsys, tmp_path):
    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    filled = fill(blank, tmp_path / "cach.xlsx", scores={"B1": "1,5"}, figures={"hs_tiep_nhan": "8 630"})
    code, _, err = run(capsys, "self-assessment", "import", filled)
    assert code == 0, err
    from inspector.store.database import Store

    assert Store().load(ward).reported_facts["hs_tiep_nhan"] == 8630


def test_formulas_and_rows_the_unit_added_are_refused_not_dropped(ward, capsys, tmp_path):
    from openpyxl import load_workbook

    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    filled = fill(blank, tmp_path / "cong-thuc.xlsx", scores={"B1": "=1+0,5"}, figures={"hs_tiep_nhan": "=A1*2"})
    book = load_workbook(filled)
    sheet = book["Tự đánh giá"]
    sheet.cell(sheet.max_row + 1, 1).value = "B99"
    sheet.cell(sheet.max_row, 7).value = 1
    book.save(filled)
    code, _, err = run(capsys, "self-assessment", "import", filled)
    assert code == 1
    lines = err.splitlines()
    assert f"{filled}: Tự đánh giá!G15: B1: ô có công thức «=1+0,5» — gõ thẳng giá trị (số, hoặc chữ), không dùng công thức" in lines
    assert any(line.endswith("dòng có mã «B99» không có trong bảng kiểm (đơn vị thêm dòng?) — điền vào dòng của tiêu"
                             " chí, không thêm dòng") for line in lines)
    assert f"{filled}: Số liệu!E5: hs_tiep_nhan: ô có công thức «=A1*2» — gõ thẳng giá trị (số, hoặc chữ), không dùng công thức" in lines


def test_both_scores_and_the_units_explanations_reach_the_minutes_spreadsheet_and_record(ward, capsys, tmp_path):
    from docx import Document

    visit = tmp_path / "kiem-tra.toml"
    visit.write_text("""format = 1
[inspection]
checklist = "cchc-xa"
checklist_version = "2026.2"
unit = "UBND phường Ngọc Thụy"
date = 2020-07-17
[answers.A1]
value = "tre-thieu"
self_score = 1.5
explanation = "Kế hoạch ban hành sau khi có kế hoạch của quận"
[answers.A2]
numerator = 17
denominator = 20
self_score = 1.5
[answers.C2]
value = false
self_score = 1
explanation = "Đã gỡ TTHC hết hiệu lực"
[answers.D1]
value = true
self_score = 1
""", encoding="utf-8")
    assert run(capsys, "import", visit, "--into", ward)[0] == 0
    minutes = tmp_path / "bien-ban.docx"
    run(capsys, "export", ward, "--format", "docx", "-o", minutes)
    document = Document(str(minutes))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Tiêu chí")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Tiêu chí", "Nội dung", "Tự chấm", "Kiểm tra", "Giải trình của đơn vị"],
        ["A1", "Ban hành Kế hoạch CCHC năm đúng thời hạn, đầy đủ nội dung", "1,5", "0",  # evidence missing
         "Kế hoạch ban hành sau khi có kế hoạch của quận"],
        ["A2", "Mức độ hoàn thành Kế hoạch CCHC năm", "1,5", "1,7", ""],
        ["C2", "Không niêm yết TTHC đã hết hiệu lực, bị bãi bỏ", "1", "0", "Đã gỡ TTHC hết hiệu lực"],
    ]
    sheet = tmp_path / "ket-qua.xlsx"
    run(capsys, "export", ward, "--format", "xlsx", "-o", sheet)
    rows = list(load_workbook(sheet).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and "Giải trình của đơn vị" in r)
    c2 = next(r for r in rows if r and r[2] == "C2")
    assert c2[header.index("Điểm tự chấm")] == 1 and c2[header.index("Điểm kiểm tra")] == 0
    assert c2[header.index("Giải trình của đơn vị")] == "Đã gỡ TTHC hết hiệu lực"
    record = tmp_path / "ban-ghi.json"
    run(capsys, "export", ward, "--format", "json", "-o", record)
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["answers"]["C2"] == {"value": False, "self_score": 1, "explanation": "Đã gỡ TTHC hết hiệu lực"}
    assert data["reported_facts"] == {}


# ---- the register of recommendations
def visit_with_recommendations(tmp_path, capsys) -> None:
    first = tmp_path / "lan-1.toml"
    first.write_text("""format = 1
[inspection]
checklist = "cchc-xa"
checklist_version = "2026.2"
unit = "UBND phường Ngọc Thụy"
unit_type = "phuong"
date = 2025-07-17
[findings]
recommendations = [
  { text = "Ban hành Kế hoạch CCHC năm đúng thời hạn", responsible = "Văn phòng", deadline = "31/12/2025" },
  { text = "Niêm yết đầy đủ TTHC tại Bộ phận Một cửa", responsible = "Bộ phận Một cửa", deadline = "Quý III/2027" },
  { text = "Rà soát quy chế làm việc", deadline = "thường xuyên" },
]
""", encoding="utf-8")
    assert run(capsys, "import", first)[0] == 0


def test_the_register_lists_statuses_by_deadline_and_filters_overdue(tmp_path, capsys, monkeypatch):
    visit_with_recommendations(tmp_path, capsys)
    monkeypatch.setenv("COLUMNS", "140")
    code, out, _ = run(capsys, "recommendations")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Số", "Đơn", "vị", "Ngày", "Kiến", "nghị", "Thời", "hạn", "Trạng", "thái"]
    assert lines[2].startswith("1.1 UBND phường Ngọc Thụy 17/07/2025 Ban hành Kế hoạch CCHC năm đúng thời hạn")
    assert lines[2].endswith("quá hạn")
    assert lines[3].endswith("chưa thực hiện") and lines[4].endswith("chưa thực hiện")
    out = run(capsys, "recommendations", "--overdue")[1]
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["1.1"]
    data = json.loads(run(capsys, "recommendations", "--json")[1])
    assert [(d["ref"], d["status"], d["deadline_date"]) for d in data] == [
        ("1.1", "qua_han", "2025-12-31"), ("1.2", "chua", "2027-09-30"), ("1.3", "chua", None)]
    out = run(capsys, "--lang", "en", "recommendations", "--unit", "khác")[1]
    assert out.strip() == "No recommendations."
    code, _, err = run(capsys, "recommendations", "set", "1.9", "--status", "da")
    assert code == 1 and err.strip() == "inspector: không có kiến nghị 1.9 — xem: inspector recommendations"
    code, _, err = run(capsys, "recommendations", "set", "1", "--status", "da")
    assert code == 1 and "không phải số kiến nghị" in err


def test_next_years_inspection_shows_last_recommendations_and_prefills_what_depends_on_them(tmp_path, capsys):
    from inspector.store.database import Store

    visit_with_recommendations(tmp_path, capsys)
    second = tmp_path / "lan-2.toml"
    second.write_text("""format = 1
[inspection]
checklist = "cchc-xa"
checklist_version = "2026.2"
unit = "UBND  phường Ngọc Thụy"
unit_type = "phuong"
date = 2026-07-20
""", encoding="utf-8")
    code, out, _ = run(capsys, "import", second)
    assert code == 0
    assert out.splitlines()[1:] == [
        "Kiến nghị kỳ trước của UBND phường Ngọc Thụy (cuộc kiểm tra số 1, ngày 17/07/2025) — kiểm tra lần lượt "
        "từng kiến nghị:",
        "  1.1  [quá hạn] Ban hành Kế hoạch CCHC năm đúng thời hạn",
        "  1.2  [chưa thực hiện] Niêm yết đầy đủ TTHC tại Bộ phận Một cửa",
        "  1.3  [chưa thực hiện] Rà soát quy chế làm việc",
        "Ghi kết quả: inspector recommendations set 1.1 --status da (hoặc dang, chua)",
        "Cuộc kiểm tra số 2: điền sẵn số liệu từ sổ theo dõi kiến nghị: kien_nghi_ky_truoc = 3, "
        "kien_nghi_da_thuc_hien = 0 (xem, sửa ở màn hình Số liệu)",
    ]
    code, out, _ = run(capsys, "recommendations", "set", "1.1", "--status", "da", "--by", "Nguyễn Thị Lan",
                       "--evidence", "Kế hoạch số 210/KH-UBND", "--date", "20/07/2026")
    assert out.splitlines() == [
        "Kiến nghị 1.1 «Ban hành Kế hoạch CCHC năm đúng thời hạn»: đã thực hiện",
        "Cuộc kiểm tra số 2: điền sẵn số liệu từ sổ theo dõi kiến nghị: kien_nghi_da_thuc_hien = 1 (xem, sửa ở "
        "màn hình Số liệu)"]
    assert run(capsys, "recommendations", "set", "1.2", "--status", "chua")[0] == 0
    store = Store()
    record = store.load(2)
    assert {k: record.facts[k] for k in ("kien_nghi_ky_truoc", "kien_nghi_da_thuc_hien")} == {
        "kien_nghi_ky_truoc": 3, "kien_nghi_da_thuc_hien": 1}
    from inspector.core.scoring import score

    a5 = next(r for r in score(record.checklist, record.answers, "phuong", record.facts).criteria if r.id == "A5")
    assert (a5.status, a5.score, a5.explanation) == ("answered", Fraction(0), "1/3 = 33,33% < 50% → 0 điểm")
    done = store.load_findings(1).recommendations[0]
    assert (done.status, done.reported_by, done.reported_on, done.evidence) == (
        "da", "Nguyễn Thị Lan", "2026-07-20", ("Kế hoạch số 210/KH-UBND",))
    # A figure a person typed is theirs: the register no longer changes it.
    store.save_fact(2, "kien_nghi_ky_truoc", 4)
    run(capsys, "recommendations", "set", "1.3", "--status", "da")
    assert Store().load(2).facts == {**record.facts, "kien_nghi_ky_truoc": 4, "kien_nghi_da_thuc_hien": 2}
    prefill_history = [e for e in store.audit(2, "kien_nghi_da_thuc_hien") if e.field == "prefilled"]
    assert [e.new for e in prefill_history] == ["0", "1", "2"]


@pytest.mark.parametrize("text, day", [
    ("31/12/2025", dt.date(2025, 12, 31)), ("Trước ngày 5/3/2026", dt.date(2026, 3, 5)),
    ("Quý II/2026", dt.date(2026, 6, 30)), ("quý IV năm 2026", dt.date(2026, 12, 31)),
    ("tháng 2/2028", dt.date(2028, 2, 29)), ("Trong năm 2026", dt.date(2026, 12, 31)),
    ("thường xuyên", None), ("31/02/2026", None), ("", None),
])
def test_deadlines_as_teams_write_them(text, day):
    from inspector.core.followup import deadline_date

    assert deadline_date(text) == day


def test_the_new_fields_go_through_answer_files_and_old_files_still_load():
    from inspector.core.answers import answers_from_text, answers_to_toml
    from inspector.core.library import find_checklist
    from inspector.core.model import Answer, Findings, InspectionInfo, Recommendation

    checklist = find_checklist("cchc-xa")
    info = InspectionInfo("cchc-xa", checklist.version, "UBND phường Thử", dt.date(2026, 4, 1))
    answers = {"A1": Answer("A1", value="day-du", self_score=Fraction(3, 2), self_evidence=("KH 12",),
                            explanation="Đúng hạn")}
    findings = Findings(recommendations=(Recommendation("Niêm yết TTHC", "Một cửa", "Quý II/2026", "da", "Lan",
                                                        "2026-05-02", ("Ảnh bảng niêm yết",), "Đã niêm yết"),))
    text = answers_to_toml(info, answers, checklist, findings)
    back = answers_from_text(text, checklist, "a.toml")
    assert back.answers == answers and back.findings == findings
    old = answers_from_text(text.replace('status = "da"\n', "").replace('reported_by = "Lan"\n', ""), checklist)
    assert old.findings.recommendations[0].status == ""
    bad = text.replace('status = "da"', 'status = "xong"')
    from inspector.core.problems import FileProblems

    with pytest.raises(FileProblems) as refused:
        answers_from_text(bad, checklist, "a.toml")
    assert refused.value.render().endswith('trạng thái "xong" không hợp lệ — dùng một trong: chua, dang, da')


def test_a_returned_workbook_is_read_in_from_the_interface_off_its_thread(ward, capsys, tmp_path):
    import asyncio

    from inspector.core.config import Config
    from inspector.store.database import Store
    from inspector.tui.app import InspectorApp

    blank = tmp_path / "phieu.xlsx"
    run(capsys, "self-assessment", ward, "-o", blank)
    good = fill(blank, tmp_path / "tot.xlsx", scores={"A1": 1.5})
    bad = fill(blank, tmp_path / "sai.xlsx", scores={"B1": 99})

    async def read_in(app, pilot, path: Path) -> str:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        for _ in range(200):
            await pilot.pause(0.05)
            if getattr(app.screen, "finished", False):
                break
        body = str(app.screen.query_one("#work-body").render())
        await pilot.press("escape")
        await pilot.pause()
        return body

    async def scenario():
        app = InspectorApp(store=Store(), config=Config(), resume=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert await read_in(app, pilot, bad) == (
                "Phiếu chưa nhập được — sửa các ô sau rồi nhập lại\n"
                "sai.xlsx: Tự đánh giá!G15: B1: điểm tự chấm 99 nằm ngoài khoảng 0–1,5 của tiêu chí")
            assert await read_in(app, pilot, good) == (
                "Đã nhập tot.xlsx vào cuộc kiểm tra số 1 (UBND phường Ngọc Thụy): 1 tiêu chí, 0 số liệu của đơn vị")
            assert app.store.load(ward).answers["A1"].self_score == Fraction(3, 2)

    asyncio.run(scenario())
