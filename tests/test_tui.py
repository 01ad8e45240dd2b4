"""Pilot tests: the flows an inspection team goes through, asserted on the store and the screen."""

import asyncio
import datetime as dt
from fractions import Fraction
from pathlib import Path

from inspector.core import record as records

from inspector.core.checklist import load_checklist
from inspector.core.config import Config
from inspector.core.model import Answer, InspectionInfo, Profile
from inspector.store.database import Store, StoreError
from inspector.tui.app import InspectorApp
from inspector.tui.screens.home import HomeScreen
from inspector.tui.screens.inspection import InspectionScreen
from inspector.tui.screens.new import NewInspectionScreen
from inspector.tui.screens.summary import SummaryScreen

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "tests" / "data" / "cchc-xa-2025.1.toml"  # generic flows on a fixed release


def run(scenario, size=(100, 36), store=None, config=None, resume=False):
    """Run `scenario(app, pilot)` in a headless app; return the app (its store stays open)."""
    app = InspectorApp(store=store or Store(), config=config or Config(), resume=resume)

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def make_inspection(store, unit_type="phuong", checklist_path=CHECKLIST):
    checklist = load_checklist(checklist_path)
    info = InspectionInfo(checklist=checklist.id, checklist_version=checklist.version, unit="UBND phường Thử",
                          date=dt.date(2025, 10, 15), unit_type=unit_type)
    return store.create_inspection(checklist, info)


async def open_first(app, pilot):
    app.open_inspection(1)
    await pilot.pause()
    assert isinstance(app.screen, InspectionScreen)
    return app.screen


async def go(pilot, screen, criterion_id):
    screen.go_to(criterion_id)
    await pilot.pause()
    assert screen.current.id == criterion_id


async def until(pilot, condition, seconds: float = 15) -> None:
    """Wait (for a timer that saves after a pause in typing) until `condition()` holds; fail after `seconds`."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition()


def status(screen) -> str:
    return str(screen.query_one("#status").render())


# ---- creating an inspection
def test_new_inspection_form_validates_then_creates():
    store = Store()

    async def scenario(app, pilot):
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewInspectionScreen)
        assert form.query_one("#date").value == dt.date.today().strftime("%d/%m/%Y")
        form.query_one("#date").value = "31/02/2025"
        await pilot.press("f2")
        await pilot.pause()
        assert str(form.query_one("#unit-error").render()) == "Nhập tên đơn vị được kiểm tra"
        assert str(form.query_one("#date-error").render()).startswith("Ngày không hợp lệ")
        assert store.list_inspections() == []
        form.query_one("#unit").value = "UBND phường Hưng Định"
        form.query_one("#date").value = "21/9/2023"
        form.query_one("#period").value = "Năm 2022 và 6 tháng đầu năm 2023"
        form.query_one("#body").value = "Phòng Nội vụ thành phố Thuận An"
        form.query_one("#member-1").value = "Nguyễn Thị Hoài Thu"
        form.query_one("#honorific-1").value = "Bà"
        form.query_one("#member-2").value = "Ông Lê Văn Bình"
        form.query_one("#honorific-2").value = "Ông"  # already written: not doubled
        form.query_one("#decision-number").value = "125/QĐ-UBND"
        form.query_one("#decision-date").value = "1/2/2023"
        form.query_one("#decision-issuer").value = "Chủ tịch UBND thành phố Thuận An"
        form.query_one("#plan").value = "Kế hoạch số 45/KH-UBND ngày 10/3/2023 của UBND thành phố Thuận An"
        form.query_one("#unit-type").value = "phuong"
        form.query_one("#representatives").text = "Trần Văn C — Chủ tịch UBND phường"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, InspectionScreen)

    run(scenario, store=store)
    record = store.load(1)
    assert record.info.unit == "UBND phường Hưng Định" and record.info.date == dt.date(2023, 9, 21)
    assert record.info.team == ("Bà Nguyễn Thị Hoài Thu — Trưởng đoàn", "Ông Lê Văn Bình — Thư ký")
    assert (record.info.decision_number, record.info.decision_date, record.info.decision_issuer) == (
        "125/QĐ-UBND", dt.date(2023, 2, 1), "Chủ tịch UBND thành phố Thuận An")
    assert record.info.plan.startswith("Kế hoạch số 45/KH-UBND") and record.info.minutes_number == ""
    assert record.info.representatives == ("Trần Văn C — Chủ tịch UBND phường",)
    assert record.info.unit_type == "phuong" and record.checklist.id == "cchc-xa"


def test_a_team_needs_a_head():
    async def scenario(app, pilot):
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#unit").value = "UBND xã A"
        form.query_one("#member-2").value = "Lê Văn Bình"  # only the secretary
        await pilot.press("f2")
        await pilot.pause()
        assert str(form.query_one("#team-error").render()) == "Đoàn cần có Trưởng đoàn (hoặc Phó Trưởng đoàn phụ trách)"
        assert isinstance(app.screen, NewInspectionScreen)

    run(scenario)


# ---- answering every type
def test_answer_every_type_with_the_keyboard():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A7")  # yes_no
        await pilot.press("c")
        await pilot.pause()
        assert "Tổng 0,5/99,5" in status(screen)
        await go(pilot, screen, "A8")
        await pilot.press("k")
        await go(pilot, screen, "A1")  # choice
        await pilot.press("2")
        await go(pilot, screen, "A3")  # multi with points: toggle 1, 2, 2 again, 5
        await pilot.press("1", "2", "2", "5")
        await go(pilot, screen, "C1")  # ratio
        await pilot.press("enter")
        await pilot.press(*"139", "enter", *"139", "enter")
        await pilot.pause()
        await go(pilot, screen, "E5")  # number with a Vietnamese decimal comma
        await pilot.press("enter", *"86,5", "enter")
        await go(pilot, screen, "K6")  # text
        await pilot.press("enter", *"Người dân khen", "enter")
        await go(pilot, screen, "T2")  # count in the adjustment section
        await pilot.press("enter", "2", "enter")
        await pilot.pause()
        text = status(screen)
        # 0.5 + 0 + 0 (A1 and C1 lack their required evidence) + 0.6 + 0 + 2 = 3.1; adjustment −1
        assert "Tổng 3,1/99,5" in text and "thưởng/trừ -1" in text and "Đã lưu ✓" in text
        assert "điểm liệt: C1" in text

    run(scenario, store=store)
    answers = store.load(1).answers
    assert answers["A7"] == Answer("A7", value=True) and answers["A8"] == Answer("A8", value=False)
    assert answers["A1"].value == "tre-thieu" and answers["A3"].value == ("loa", "mxh")
    assert (answers["C1"].numerator, answers["C1"].denominator) == (139, 139)
    assert answers["E5"].value == Fraction("86.5") and answers["K6"].value == "Người dân khen"
    assert answers["T2"].value == 2


def test_numerator_above_denominator_is_refused_in_the_field():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A4")
        await pilot.press("enter", *"140", "enter", *"139", "enter")
        await pilot.pause()
        assert str(screen.query_one("#answer-error").render()) == "tử số 140 lớn hơn mẫu số 139 — tử số phải ≤ mẫu số"
        assert screen.query_one("#numerator").value == "140"  # the input stays for correction
        await go(pilot, screen, "E5")
        await pilot.press("enter", *"101", "enter")
        await pilot.pause()
        assert str(screen.query_one("#answer-error").render()) == "giá trị 101 nằm ngoài khoảng [0, 100] — nhập giá trị trong khoảng này"
        screen.query_one("#value").value = "abc"
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#answer-error").render()) == '"abc" không phải là số — nhập số, ví dụ 1,5'
        screen.query_one("#value").value = "95"
        await pilot.press("enter")
        await pilot.pause()
        error = screen.query_one("#answer-error")
        assert str(error.render()) == "" and not error.has_class("shown")  # a good answer clears the refusal

    run(scenario, store=store)
    assert list(store.load(1).answers) == ["E5"]


def test_ratio_shows_the_live_percentage():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "E1")
        await pilot.press("enter", *"8455", "tab", *"8630")
        await pilot.pause()
        assert str(screen.query_one("#ratio-percent").render()) == "= 97,97%"

    run(scenario, store=store)


def test_not_applicable_needs_a_reason():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "D11")
        await pilot.press("x", "enter")
        await pilot.pause()
        assert str(screen.query_one("#na-error").render()) == 'câu trả lời "không áp dụng" cần lý do — thêm reason = "…"'
        await pilot.press(*"Không phát sinh", "enter")
        await pilot.pause()
        assert "Không áp dụng (Không phát sinh) → được điểm tối đa 1 điểm" in str(screen.query_one("#crit-score").render())
        await go(pilot, screen, "C1")
        await pilot.press("x")
        assert not screen.query_one("#grp-na").display  # C1 forbids N/A: no field, key disabled

    run(scenario, store=store)
    assert store.load(1).answers["D11"] == Answer("D11", na=True, reason="Không phát sinh")


def test_evidence_documents_and_files(tmp_path):
    store = Store()
    make_inspection(store)
    photo = tmp_path / "bảng niêm yết.jpg"
    photo.write_bytes(b"jpeg bytes")
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0")
    link = tmp_path / "liên-kết.jpg"
    link.symlink_to(secret)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "C5")
        await pilot.press("c")
        await pilot.pause()
        assert "Thiếu tài liệu kiểm chứng bắt buộc" in str(screen.query_one("#crit-score").render())
        await pilot.press("e", *"Biên lai điện tử 10 hồ sơ", "enter")
        await pilot.pause()
        screen.query_one("#evidence-input").value = str(photo)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Có → 1,5 điểm" in str(screen.query_one("#crit-score").render())
        # A link to another file is refused in the field, and nothing is copied.
        screen.query_one("#evidence-input").value = str(link)
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#evidence-error").render()) == \
            "liên-kết.jpg là liên kết (shortcut/symlink) tới tệp khác — chọn chính tệp gốc"
        assert screen.query_one("#evidence-input").value == str(link)

    run(scenario, store=store)
    evidence = store.load(1).answers["C5"].evidence
    assert evidence[0] == "Biên lai điện tử 10 hồ sơ"
    assert evidence[1].startswith("bảng niêm yết.jpg [sha256:")
    sha = __import__("hashlib").sha256(b"jpeg bytes").hexdigest()
    assert store.evidence_path(sha).read_bytes() == b"jpeg bytes"
    assert len(evidence) == 2 and sorted(p.name for p in store.evidence_dir().rglob("*") if p.is_file()) == [sha]


def test_a_large_evidence_file_is_copied_with_progress_and_one_too_large_refused(tmp_path, monkeypatch):
    from inspector.core import limits

    store = Store()
    make_inspection(store)
    scan = tmp_path / "sổ đăng ký.pdf"
    scan.write_bytes(b"x" * (5 * 1024 * 1024 + 7))
    seen: list[str] = []

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "C5")
        original = screen.show_error
        monkeypatch.setattr(screen, "show_error", lambda widget, text: (seen.append(text), original(widget, text)))
        await pilot.press("e")
        screen.query_one("#evidence-input").value = str(scan)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen[0] == "Đang chép sổ đăng ký.pdf: 19%" and seen[-1] == "Đang chép sổ đăng ký.pdf: 100%"
        monkeypatch.setattr(limits, "MAX_EVIDENCE_BYTES", 1024 * 1024)
        monkeypatch.setattr("inspector.session.inspection.MAX_EVIDENCE_BYTES", 1024 * 1024)
        screen.query_one("#evidence-input").value = str(scan)
        await pilot.press("enter")
        await pilot.pause()
        assert str(screen.query_one("#evidence-error").render()) == \
            "sổ đăng ký.pdf lớn hơn 1 MB — ghi tên tài liệu thay vì đính kèm tệp, hoặc chụp/quét lại nhỏ hơn"

    run(scenario, store=store)
    assert store.load(1).answers["C5"].evidence == (
        f"sổ đăng ký.pdf [sha256:{__import__('hashlib').sha256(scan.read_bytes()).hexdigest()[:12]}]",)


def test_note_and_self_score():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A2")
        await pilot.press("g", *"3 nhiệm vụ chưa xong", "escape")
        screen.query_one("#self-score").focus()
        await pilot.press(*"3", "enter")
        await pilot.pause()
        assert str(screen.query_one("#self-score-error").render()) == "điểm tự chấm 3 vượt quá điểm tối đa 2,5 — nhập số từ 0 đến 2,5"
        await pilot.press("backspace", *"2,5", "enter")
        await pilot.pause()

    run(scenario, store=store)
    assert store.load(1).answers["A2"] == Answer("A2", note="3 nhiệm vụ chưa xong", self_score=Fraction(5, 2))


def test_next_unanswered_and_search():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await pilot.press("2")  # A1
        await pilot.press("u")
        await pilot.pause()
        assert screen.current.id == "A2"
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"niem yet day du", "enter")
        await pilot.pause()
        assert screen.current.id == "C1"
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"h7", "enter")
        await pilot.pause()
        assert screen.current.id == "H7"

    run(scenario, store=store)


def test_history_shows_the_audit_log():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A7")
        await pilot.press("c", "k", "h")
        await pilot.pause()
        table = app.screen.query_one("#history-table")
        rows = [[str(cell) for cell in table.get_row_at(i)][1:] for i in range(table.row_count)]
        assert rows == [[store.author, "câu trả lời", "∅ → true"], [store.author, "câu trả lời", "true → false"]]

    run(scenario, store=store)


def test_clear_answer():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A7")
        await pilot.press("c", "delete")
        await pilot.pause()

    run(scenario, store=store)
    assert store.load(1).answers == {}


# ---- resume, summary, archive
def test_reopening_resumes_where_the_inspector_left_off():
    store = Store()
    make_inspection(store)

    async def first(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "D4")
        await pilot.press("c")
        await go(pilot, screen, "D5")

    run(first, store=store)

    async def second(app, pilot):
        assert isinstance(app.screen, InspectionScreen)
        assert app.screen.current.id == "D5"
        assert "Tổng 1/99,5" in status(app.screen)

    run(second, store=Store(), resume=True)


def test_summary_drafts_and_saves_findings():
    store = Store()
    number = make_inspection(store)
    checklist = load_checklist(CHECKLIST)
    store.save_answer(number, "C7", Answer("C7", value=False, note="Kiosk hỏng"))
    store.save_answer(number, "C2", Answer("C2", value=True))

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        await pilot.press("f3")
        await pilot.pause()
        shortfalls = summary.query_one("#shortfalls").text
        assert ("người dân tra cứu được tiến độ giải quyết hồ sơ — chưa đạt yêu cầu: Kiosk hỏng (0/0,5 điểm)"
                in shortfalls)
        assert summary.query_one("#strengths").text.startswith("Công khai, kiểm soát thủ tục hành chính (đạt ")
        assert "đạt điểm tối đa 1/" in summary.query_one("#strengths").text
        summary.query_one("#add-recommendation").press()
        await pilot.pause()
        summary.query_one("#rec-text-1").value = "Sửa kiosk tra cứu"
        summary.query_one("#rec-who-1").value = "Văn phòng UBND"
        summary.query_one("#rec-when-1").value = "30/11/2025"
        summary.query_one("#conclusion").text = "Buổi kiểm tra kết thúc lúc 11 giờ 30."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InspectionScreen)

    run(scenario, store=store)
    findings = store.load_findings(number)
    assert findings.conclusion == "Buổi kiểm tra kết thúc lúc 11 giờ 30."
    assert findings.recommendations[0].text == "Sửa kiosk tra cứu"
    assert findings.recommendations[0].responsible == "Văn phòng UBND"
    assert "người dân tra cứu được tiến độ" in findings.shortfalls and checklist.criterion("C7") is not None


def test_archive_asks_and_can_be_undone():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # "Đồng ý" has focus
        await pilot.pause()
        assert store.list_inspections() == []
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # cancel: stays archived
        await pilot.pause()
        assert store.list_inspections() == []
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    run(scenario, store=store)
    assert [row.id for row in store.list_inspections()] == [1]


def test_home_filter():
    store = Store()
    make_inspection(store)
    checklist = load_checklist(CHECKLIST)
    store.create_inspection(checklist, InspectionInfo("cchc-xa", "2025.1", "UBND xã Đồng Tâm", dt.date(2025, 1, 1)))

    async def scenario(app, pilot):
        table = app.screen.query_one("#inspections")
        assert len(table.rows) == 2
        await pilot.press("slash", *"dong tam")
        await pilot.pause()
        assert len(table.rows) == 1 and "Đồng Tâm" in app.screen.render_row(*table.rows[0]).plain
        await pilot.press("escape")
        await pilot.pause()
        assert len(table.rows) == 2

    run(scenario, store=store)


# ---- reliability
def test_a_failed_write_keeps_the_input_and_says_not_saved(monkeypatch):
    store = Store()
    make_inspection(store)

    def full(*args, **kwargs):
        raise StoreError("store.full", "database or disk is full", str(store.path))

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A4")
        monkeypatch.setattr(store, "save_answer", full)
        await pilot.press("enter", *"3", "enter", *"12", "enter")
        await pilot.pause()
        assert screen.query_one("#numerator").value == "3" and screen.query_one("#denominator").value == "12"
        assert str(screen.query_one("#answer-error").render()).startswith("ổ đĩa đầy, chưa lưu được")
        assert "CHƯA LƯU" in status(screen)

    run(scenario, store=store)
    assert Store().load(1).answers == {}


def test_checklist_markup_is_shown_literally(tmp_path):
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(
        'format = 1\nid = "hostile"\nversion = "1"\ntitle = "[red]x"\n'
        '[[section]]\nid = "A"\ntitle = "[bold]Mục[/bold]"\n'
        '[[section.criterion]]\nid = "A1"\ntitle = "[red]đỏ[/red] [link=http://evil]bấm[/link]"\n'
        'type = "yes_no"\nmax = 1\nguidance = "[blink]nháy"\n', encoding="utf-8")
    store = Store()
    make_inspection(store, unit_type=None, checklist_path=hostile)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        row = screen.render_row("criterion", "A1").plain
        assert "[red]đỏ[/red] [link=http://evil]bấm[/link]" in row
        assert "[bold]Mục[/bold]" in screen.render_row("section", "A").plain
        title = screen.query_one("#crit-title").render()
        assert "[red]đỏ[/red] [link=http://evil]bấm[/link]" in str(title)
        svg = app.export_screenshot()
        assert "[red]đỏ[/red]" in svg.replace("&#160;", " ") and "[blink]nháy" in svg.replace("&#160;", " ")

    run(scenario, store=store)


def test_a_second_window_sees_the_first_ones_answers():
    store = Store()
    make_inspection(store)
    other = Store()

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        other.save_answer(1, "A7", Answer("A7", value=True))
        screen.check_other_writers()
        await pilot.pause()
        assert screen.session.answer("A7") == Answer("A7", value=True)
        assert "Tổng 0,5/99,5" in status(screen)

    run(scenario, store=store)


def test_english_and_rebound_keys_from_the_config():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        assert "Total 0/99.5" in status(screen)
        await pilot.press("2", "f5")
        await pilot.pause()
        assert screen.current.id == "A2"

    run(scenario, store=store, config=Config(lang="en", keymap={"next_unanswered": "f5"}))


def test_help_lists_bindings_with_ids():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-table")
        rows = {str(table.get_row_at(i)[2]): str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert rows["next_unanswered"] == "Chưa trả lời tiếp" and rows["answer_yes"] == "Có"
        assert rows["help"] == "Trợ giúp" and rows["summary"] == "Tổng hợp"

    run(scenario, store=store)


def test_large_checklist_keeps_one_widget_per_screen_not_per_criterion(tmp_path):
    from synthetic import big_checklist

    path = tmp_path / "big.toml"
    path.write_text(big_checklist(2000), encoding="utf-8")
    store = Store()
    make_inspection(store, unit_type=None, checklist_path=path)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        assert len(list(screen.query("*"))) < 80
        await go(pilot, screen, "S20-C100")
        await pilot.press("c")
        await pilot.pause()
        assert "Tổng 1/2000" in status(screen)

    run(scenario, store=store)


def test_command_palette_lists_the_screen_actions():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        for expected in ("Có", "Không áp dụng", "Chưa trả lời tiếp", "Tìm", "Tổng hợp", "Trợ giúp"):
            assert expected in titles

    run(scenario, store=store)


APP_WRITER = """
import asyncio, datetime as dt, sys
from inspector.core.checklist import load_checklist
from inspector.core.config import Config
from inspector.core.model import InspectionInfo
from inspector.store.database import Store
from inspector.tui.app import InspectorApp

checklist = load_checklist(sys.argv[1])
store = Store()
store.create_inspection(checklist, InspectionInfo(checklist.id, checklist.version, "UBND xã Thử", dt.date(2025, 1, 1)))
ids = [c.id for c in checklist.criteria if c.type == "yes_no"]

async def main():
    app = InspectorApp(store=store, config=Config(), resume=False)
    async with app.run_test() as pilot:
        app.open_inspection(1)
        await pilot.pause()
        screen = app.screen
        i = 0
        while True:
            cid = ids[i % len(ids)]
            screen.go_to(cid)
            await pilot.pause()
            await pilot.press("c" if i % 2 == 0 else "k")
            status = str(screen.query_one("#status").render())
            if "Đã lưu" in status and screen.session.answer(cid) is not None:
                print(f"saved {cid} {screen.session.answer(cid).value}", flush=True)
            i += 1

asyncio.run(main())
"""


def test_sigkill_of_the_app_mid_answering_loses_nothing_shown_saved(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    env = {**os.environ, "INSPECTOR_HOME": str(tmp_path / "home")}
    process = subprocess.Popen([sys.executable, "-c", APP_WRITER, str(CHECKLIST)], stdout=subprocess.PIPE,
                               text=True, env=env)
    # Stop before any criterion comes round again, so an unshown later write cannot overwrite a shown one.
    rounds = sum(1 for c in load_checklist(CHECKLIST).criteria if c.type == "yes_no") - 1
    shown: dict[str, bool] = {}
    for count, line in enumerate(process.stdout, 1):
        _, cid, value = line.split()
        shown[cid] = value == "True"
        if count >= rounds:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    store = Store(tmp_path / "home" / "inspector.db")
    assert store.integrity_check() == "ok"
    answers = store.load(1).answers
    assert len(shown) == rounds
    for cid, value in shown.items():
        assert answers[cid].value == value


SUMMARY_WRITER = """
import asyncio, datetime as dt, sys
from inspector.core.checklist import load_checklist
from inspector.core.config import Config
from inspector.core.model import InspectionInfo
from inspector.store.database import Store
from inspector.tui.app import InspectorApp

checklist = load_checklist(sys.argv[1])
store = Store()
store.create_inspection(checklist, InspectionInfo(checklist.id, checklist.version, "UBND xã Thử", dt.date(2025, 1, 1)))

async def main():
    app = InspectorApp(store=store, config=Config(), resume=False)
    async with app.run_test() as pilot:
        app.open_inspection(1)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#unit-opinion").focus()
        await pilot.press(*"Thong nhat voi ket qua")
        while "Đã lưu" not in str(app.screen.query_one("#summary-status").render()) or \\
                app.screen.session.findings.unit_opinion != "Thong nhat voi ket qua":
            await pilot.pause(0.2)
        print("shown saved", flush=True)
        await asyncio.sleep(60)

asyncio.run(main())
"""


def test_sigkill_after_typing_the_units_opinion_and_pausing_loses_nothing(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    env = {**os.environ, "INSPECTOR_HOME": str(tmp_path / "home")}
    process = subprocess.Popen([sys.executable, "-c", SUMMARY_WRITER, str(CHECKLIST)], stdout=subprocess.PIPE,
                               text=True, env=env)
    assert process.stdout.readline().strip() == "shown saved"
    os.kill(process.pid, signal.SIGKILL)  # no F2, no Esc: the power is pulled
    process.wait()
    store = Store(tmp_path / "home" / "inspector.db")
    assert store.load_findings(1).unit_opinion == "Thong nhat voi ket qua"
    assert store.get_state("last_screen") == "summary"  # the next start reopens the summary


def test_export_from_the_summary_in_a_worker_with_overwrite_confirmation():
    from inspector.core.paths import export_dir

    store = Store()
    make_inspection(store)
    store.save_answer(1, "A7", Answer("A7", value=True))

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#conclusion").text = "Kết thúc lúc 11 giờ."
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("enter", "enter")  # DOCX (first), then the default folder
        await pilot.pause()
        # what the biên bản still leaves blank is listed first; the team may export anyway
        question = str(app.screen.query_one("Static").render())
        assert question.startswith("Văn bản còn để trống hoặc thiếu: trưởng đoàn (hoặc phó trưởng đoàn); đại diện đơn"
                                   " vị được")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the blanks again
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "đã có. Ghi đè?" in str(app.screen.query_one("Static").render())
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

    run(scenario, store=store)
    (docx,) = export_dir().glob("*.docx")
    assert docx.name == "UBND phường Thử 2025-10-15.docx"
    from docx import Document

    assert "Kết thúc lúc 11 giờ." in "\n".join(p.text for p in Document(str(docx)).paragraphs)


def test_export_all_from_home_as_one_spreadsheet():
    from inspector.core.paths import export_dir

    store = Store()
    make_inspection(store)
    make_inspection(store)

    async def scenario(app, pilot):
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("enter", "enter")  # XLSX, default folder
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(scenario, store=store)
    (xlsx,) = export_dir().glob("*.xlsx")
    from openpyxl import load_workbook

    assert load_workbook(xlsx).sheetnames == ["Tổng hợp", "Ma trận tiêu chí"]


def test_two_windows_never_lose_an_answer():
    """Window B answers Có; window A, not refreshed yet, adds a note to the same criterion: both stay."""
    first = Store()
    make_inspection(first)
    second = Store(first.path)
    window_a = InspectorApp(store=first, config=Config(), resume=False)
    window_b = InspectorApp(store=second, config=Config(), resume=False)

    async def main():
        async with window_a.run_test(size=(100, 36)) as pilot_a, window_b.run_test(size=(100, 36)) as pilot_b:
            screen_a = await open_first(window_a, pilot_a)
            screen_b = await open_first(window_b, pilot_b)
            # Neither window polls the store during the test: each is the one that "has not refreshed yet",
            # whatever the machine's speed (the two-second refresh would otherwise race the keys).
            screen_a.session.changed_elsewhere = lambda: False
            screen_b.session.changed_elsewhere = lambda: False
            await go(pilot_a, screen_a, "A7")
            await go(pilot_b, screen_b, "A7")
            await pilot_b.press("c")
            await pilot_b.pause()
            assert "Đã lưu ✓" in status(screen_b)
            assert screen_a.session.answer("A7") is None  # A has not looked at the store since
            await pilot_a.press("g", *"Niêm yết đủ", "escape")
            await pilot_a.pause()
            assert screen_a.session.answer("A7") == Answer("A7", value=True, note="Niêm yết đủ")
            assert "Tổng 0,5/99,5" in status(screen_a)
            # Then A answers Không while B, not refreshed either, writes its own note: both land.
            await pilot_a.press("k")
            await pilot_a.pause()
            assert screen_a.session.answer("A7") == Answer("A7", value=False, note="Niêm yết đủ")
            await pilot_b.press("g", *"Đã xem lại", "escape")
            await pilot_b.pause()
            assert screen_b.session.answer("A7") == Answer("A7", value=False, note="Đã xem lại")

    asyncio.run(main())
    check = Store(first.path)
    assert check.load(1).answers["A7"] == Answer("A7", value=False, note="Đã xem lại")
    assert [(e.old, e.new) for e in check.audit(1, "A7") if e.field == "value"] == [(None, "true"), ("true", "false")]


# ---- figures (facts)
FACTS_CHECKLIST = ROOT / "tests" / "data" / "facts.toml"


def test_figures_are_typed_once_rescore_computed_criteria_and_show_failed_checks():
    store = Store()
    make_inspection(store, unit_type=None, checklist_path=FACTS_CHECKLIST)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "E1")
        assert "Tính từ số liệu" in str(screen.query_one("#computed-from").render())
        assert not screen.query_one("#ratio-row").display
        await pilot.press("f")
        await pilot.pause()
        figures = app.screen
        assert figures.__class__.__name__ == "FiguresScreen"
        for value in ("2.201", "2119", "80", "0", "2 119", "34"):
            await pilot.press(*value, "enter")
            await pilot.pause()
        assert dict(figures.session.facts) == {"tiep_nhan": 2201, "da_gq": 2119, "dang_gq": 80, "truoc_han": 0,
                                               "dung_han": 2119, "buu_chinh": 34}
        assert figures.query_one("#fact-1").value == "2.119"
        head = str(figures.query_one("#figures-status").render())
        assert "Số liệu chưa khớp: Tiếp nhận = đã giải quyết + đang giải quyết (2.119 + 80 = 2.199 ≠ 2.201)" in head
        assert "2.119/2.119 = 100% ≥ 98% → 6 điểm" in str(figures.query_one("#computed").render())
        # a figure that would put E1's numerator over its denominator is refused in its field
        figures.query_one("#fact-4").focus()
        figures.query_one("#fact-4").value = "3000"
        await pilot.press("enter")
        await pilot.pause()
        assert str(figures.query_one("#fact-error-4").render()) == (
            "tiêu chí E1: tử số truoc_han + dung_han = 3.000 lớn hơn mẫu số da_gq = 2.119 — kiểm tra lại các số "
            "liệu này")
        assert figures.session.facts["dung_han"] == 2119
        await pilot.press("escape")  # first Escape: the refused value is not dropped silently
        await pilot.pause()
        assert app.screen is figures
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "Số liệu chưa khớp" in status(screen)
        assert screen.session.criterion_result("E1").score == 6

    app = run(scenario)
    reopened = Store(app.store.path)
    record = reopened.load(1)
    assert record.facts["dang_gq"] == 80
    assert [(e.field, e.old, e.new) for e in reopened.audit(1, "dang_gq")] == [("fact", None, "80")]


def test_the_summary_saves_after_a_pause_in_typing_and_reopens_after_a_crash():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert summary.query_one("#summary").scroll_y == 0  # opens on the totals
        area = summary.query_one("#unit-opinion")
        area.focus()
        await pilot.press(*"Thong nhat")
        await until(pilot, lambda: Store(store.path).load_findings(1).unit_opinion == "Thong nhat")  # no F2
        assert "Đã lưu ✓" in str(summary.query_one("#summary-status").render())
        summary.query_one("#start-time").value = "08 giờ 00"
        await until(pilot, lambda: Store(store.path).load(1).info.start_time == "08 giờ 00")

    run(scenario, store=store)
    # the process "dies" here (no Esc, no F2); the next start reopens the summary with the text
    reopened = Store(store.path)

    async def again(app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.query_one("#unit-opinion").text == "Thong nhat"

    run(again, store=reopened, resume=True)


def test_the_summary_section_table_fits_80_columns():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        table = app.screen.query_one("#sections-table")
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= 80 - 2

    run(scenario, size=(80, 24), store=store)


def test_the_export_dialog_refuses_a_name_that_contradicts_the_format():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-format").highlighted = 4  # XLSX (after the minutes and the conclusion, DOCX and PDF)
        dialog.query_one("#export-path").value = "/tmp/bien-ban.docx"
        dialog.start()
        await pilot.pause()
        assert "bien-ban.docx có đuôi của định dạng docx, không phải xlsx" in str(
            dialog.query_one("#export-error").render())

    run(scenario, store=store)


def test_the_export_dialog_offers_the_pdfs_and_says_what_to_install_without_libreoffice(tmp_path, monkeypatch):
    from inspector.exports.formats import format_named

    monkeypatch.setenv("INSPECTOR_SOFFICE", "")  # no converter
    store = Store()
    make_inspection(store)
    target = tmp_path / "bien-ban.pdf"

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        assert dialog.formats[2:4] == ("pdf", "conclusion_pdf")
        assert format_named("pdf").label == "fmt.pdf"
        dialog.query_one("#export-format").highlighted = 2
        dialog.query_one("#export-path").value = str(target)
        dialog.blanks_confirmed = True  # the list of blanks is the DOCX's, tested with it
        dialog.start()
        for _ in range(20):
            await pilot.pause(0.05)
            if not dialog.busy:
                break
        assert "chưa tìm thấy LibreOffice để tạo PDF — cài LibreOffice (https://www.libreoffice.org/download/)" in str(
            dialog.query_one("#export-error").render())
        assert not target.exists()

    run(scenario, store=store)


def test_closed_screens_leave_no_widgets_behind():
    """Opening and closing an inspection all afternoon must not grow the program: no widget of a closed
    screen stays alive (Textual keeps watchers of removed widgets until the watched value changes)."""
    import gc

    from textual.widget import Widget

    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        # Widgets alive before the cycles are not this test's: an earlier test's app in the same worker can be
        # kept by a library's log handler bound to the stderr Textual captured when that library was imported.
        gc.collect()
        before = [w for w in gc.get_objects() if isinstance(w, Widget)]  # held, so no id is reused
        earlier = {id(w) for w in before}
        for _ in range(6):
            app.open_inspection(1)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.pause()
        gc.collect()
        detached = [w for w in gc.get_objects() if isinstance(w, Widget) and id(w) not in earlier
                    and not w.is_attached and w.parent is None]
        assert [type(w).__name__ for w in detached] == []

    run(scenario, store=store)


def test_closed_screens_leave_no_rendered_lines_behind():
    """Textual 8.2.8 caches two background styles per (widget's line cache, colours), which kept the rendered
    lines of the last 1,024 widgets alive: ~1.5 MB per open inspection (inspector.tui.textual_fixes)."""
    import gc
    import weakref

    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        app.open_inspection(1)
        await pilot.pause()
        caches = [weakref.ref(widget._styles_cache) for widget in app.screen.walk_children()]
        assert len(caches) > 20
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        gc.collect()
        assert [ref for ref in caches if ref() is not None] == []

    run(scenario, store=store)


def test_after_a_program_update_a_large_store_is_rescored_off_the_interface_thread():
    """Every cached score stamped by another engine is recomputed before it is listed; hundreds of them run
    in a work screen with a progress bar, which closes by itself onto the fresh list."""
    from inspector.tui.screens.home import RESCORE_IN_BACKGROUND
    from inspector.tui.screens.work import WorkScreen

    store = Store()
    for _ in range(RESCORE_IN_BACKGROUND + 10):
        make_inspection(store)
    store.db.execute("UPDATE inspections SET scored_by = 'an older release', score = '99'")
    shown = []
    app = InspectorApp(store=store, config=Config(), resume=False)
    real_push = app.push_screen
    app.push_screen = lambda screen, *args, **kwargs: (shown.append(type(screen).__name__),
                                                       real_push(screen, *args, **kwargs))[1]

    async def main():
        async with app.run_test(size=(100, 36)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if not isinstance(app.screen, WorkScreen) and "WorkScreen" in shown:
                    break
            await pilot.pause()
            assert shown == ["HomeScreen", "WorkScreen"]
            assert store.stale_count() == 0
            rows = app.screen.rows
            assert len(rows) == RESCORE_IN_BACKGROUND + 10 and {row.score for row in rows.values()} == {"0"}

    asyncio.run(main())


def test_enter_on_an_empty_ratio_asks_for_both_numbers_and_keeps_its_na():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A4")
        await pilot.press("x", *"Không phát sinh", "enter")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert str(screen.query_one("#answer-error").render()) == "Nhập cả tử số và mẫu số"

    run(scenario, store=store)
    assert store.load(1).answers["A4"] == Answer("A4", na=True, reason="Không phát sinh")


def test_a_number_key_with_no_option_changes_nothing_and_says_nothing():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await go(pilot, screen, "A1")
        await pilot.press("9")
        await pilot.pause()
        assert "Đã lưu" in status(screen)

    run(scenario, store=store)
    assert store.load(1).answers == {}


def test_a_conclusion_changed_in_another_window_is_shown_beside_this_one_and_chosen():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        from inspector.session import InspectionSession
        from inspector.tui.screens.dialogs import ChoiceScreen

        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        other = InspectionSession(Store(store.path), 1)  # another window on the same store
        other.save_findings(records.evolve(other.findings, conclusion="Đạt yêu cầu"))
        summary.query_one("#conclusion").focus()
        await pilot.press(*"Chưa đạt", "f2")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "Ở cửa sổ khác:\nĐạt yêu cầu\n\nỞ đây:\nChưa đạt" in app.screen.text
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is summary and summary.query_one("#conclusion").text == "Đạt yêu cầu"

    run(scenario, store=store)
    assert store.load_findings(1).conclusion == "Đạt yêu cầu"


def test_who_was_there_is_recorded_on_the_summary_and_signs_the_minutes():
    """Untick the absent head, type the unit's representatives: stored with the inspection, and the biên bản
    lists who was there and is signed by the deputy for the head."""
    from inspector.core import record as records

    store = Store()
    number = make_inspection(store)
    record = store.load(number)
    store.update_info(number, records.evolve(record.info, team=(
        "Ông Nguyễn Văn Hùng — Trưởng đoàn", "Bà Phạm Thị Lan — Phó Trưởng đoàn", "Bà Lê Thu — Thư ký")))

    async def scenario(app, pilot):
        await open_first(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        present = summary.query_one("#present")
        assert present.selected == [0, 1, 2]  # everyone, until someone is unticked
        present.focus()
        await pilot.press("space")  # the head, first in the list
        summary.query_one("#representatives").text = "Ông Võ Minh Tâm — Chủ tịch UBND phường\n\n"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InspectionScreen)

    run(scenario, store=store)
    info = store.load(number).info
    assert info.absent == ("Ông Nguyễn Văn Hùng",)
    assert info.representatives == ("Ông Võ Minh Tâm — Chủ tịch UBND phường",)
    from inspector.exports.common import Exported
    from inspector.exports.fields import document_fields

    fields = document_fields(Exported.of(store.load(number)))
    assert [p["name"] for p in fields["doan"]] == ["Bà Phạm Thị Lan", "Bà Lê Thu"]
    assert (fields["ky_thay"], fields["chuc_danh_ky"], fields["nguoi_ky"]) == ("KT. TRƯỞNG ĐOÀN", "PHÓ TRƯỞNG ĐOÀN",
                                                                               "Phạm Thị Lan")


def test_the_status_line_names_criteria_scored_0_for_want_of_their_evidence():
    store = Store()
    number = make_inspection(store)
    store.save_answer(number, "G1", Answer("G1", value=True))  # G1 requires evidence; none recorded

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        assert "thiếu minh chứng: G1" in status(screen)

    run(scenario, store=store)


def test_the_figures_screen_records_their_source_and_a_reported_rate():
    store = Store()
    make_inspection(store, unit_type=None, checklist_path=FACTS_CHECKLIST)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        figures = app.screen
        rate, source = figures.query_one("#rate-0"), figures.query_one("#source-0")
        rate.focus()
        await pilot.press(*"120", "enter")
        await pilot.pause()
        assert str(figures.query_one("#rate-error-0").render()) == (
            "tỷ lệ báo cáo 120% không hợp lệ — nhập tỷ lệ từ 0 đến 100")
        assert figures.session.answer("E1") is None
        rate.value = ""
        await pilot.press(*"98,7", "tab")
        source.value = "Báo cáo số 12/BC-UBND"
        await pilot.press("enter")
        await pilot.pause()
        answer = figures.session.answer("E1")
        assert (answer.reported_percent, answer.reported_source) == (Fraction(987, 10), "Báo cáo số 12/BC-UBND")
        assert ("98,7% (tỷ lệ theo Báo cáo số 12/BC-UBND; không có số hồ sơ) ≥ 98% → 6 điểm"
                in str(figures.query_one("#computed").render()))
        sources = figures.query_one("#facts-evidence")
        sources.focus()
        await pilot.press(*"Báo cáo 07a; Sổ theo dõi", "enter")
        await pilot.pause()
        assert figures.session.info.facts_evidence == ("Báo cáo 07a", "Sổ theo dõi")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.session.criterion_result("E1").score == 6

    app = run(scenario, store=store)
    reopened = Store(app.store.path)
    assert reopened.load(1).info.facts_evidence == ("Báo cáo 07a", "Sổ theo dõi")


def test_the_unit_profile_is_typed_on_the_new_form_and_kept_from_the_summary():
    store = Store()

    async def scenario(app, pilot):
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#unit").value = "UBND phường Tân An"
        form.query_one("#profile-area_km2").value = "12,5"
        form.query_one("#profile-population").value = "45.210"
        form.query_one("#profile-counters").value = "2000"
        form.query_one("#profile-formed_from").value = "xã Tân Phú; xã Phú Lộc"
        form.action_create()
        await pilot.pause()
        assert str(form.query_one("#profile-error").render()) == (
            "Số quầy một cửa: 2000 không hợp lý — nhập số từ 0 đến 1.000")
        assert app.screen is form  # nothing created
        form.query_one("#profile-counters").value = "14"
        form.action_create()
        await pilot.pause()
        info = app.store.load(1).info
        assert info.profile == Profile(Fraction(25, 2), 45210, None, ("xã Tân Phú", "xã Phú Lộc"), 14, None)
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen
        assert summary.query_one("#profile-area_km2").value == "12,5"
        summary.query_one("#profile-staff").value = "14"
        assert summary.save()
        assert Store(store.path).load(1).info.profile.staff == 14

    run(scenario, store=store)


def test_the_status_keeps_its_height_while_a_warning_comes_and_goes():
    """Yes on a criterion whose evidence is required adds "no evidence" to the status (a second line at this
    width); evidence added takes it away: the status keeps its two lines, so the screen below it does not jump
    up and down with each answer (nor is it laid out again)."""
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        screen = await open_first(app, pilot)
        criterion = next(c for c in screen.checklist.criteria
                         if c.type == "yes_no" and c.evidence == "required" and not c.critical)
        await go(pilot, screen, criterion.id)
        status_widget = screen.query_one("#status")
        assert status_widget.size.height == 1
        await pilot.press("c")
        await pilot.pause()
        assert "thiếu minh chứng" in status(screen) and status_widget.size.height == 2
        for step in range(2):
            screen.commit(lambda: screen.session.add_evidence(criterion.id, "Biên bản niêm yết"))
            await pilot.pause()
            shown = status(screen)
            assert "thiếu minh chứng" not in shown and shown.endswith("\n")  # the warning gone, its line kept
            assert status_widget.size.height == 2
            screen.commit(lambda: screen.session.remove_evidence(criterion.id, 0))
            await pilot.pause()
            assert "thiếu minh chứng" in status(screen) and status_widget.size.height == 2
        await pilot.resize_terminal(100, 24)  # a new width: the status is as tall as its text again
        await pilot.pause()
        screen.commit(lambda: screen.session.add_evidence(criterion.id, "Biên bản niêm yết"))
        await pilot.pause()
        assert status_widget.size.height == 1

    run(scenario, size=(80, 24))


def test_the_title_line_follows_the_screen_and_its_icon_opens_the_palette():
    from textual.command import CommandPalette

    from inspector.tui.widgets.title_bar import TitleBar

    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        bar = app.screen.query_one(TitleBar)
        line = str(bar.render())
        assert line.startswith(" ⭘      ") and len(line) == 100 and "Kiểm tra cải cách hành chính — Các cuộc kiểm tra" in line
        app.screen.sub_title = "Bộ lọc: An Thạnh"
        await pilot.pause()
        assert "— Bộ lọc: An Thạnh" in str(bar.render())
        app.screen.sub_title = "x" * 200  # too long: cut with an ellipsis, the line stays one line wide
        await pilot.pause()
        line = str(bar.render())
        assert len(line) == 100 and "…" in line
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)

    run(scenario, store=store)


def test_a_line_drawn_again_only_when_its_words_or_any_of_its_styles_change():
    """set_text skips a line a keypress left as it was, but never one whose colour alone changed."""
    from rich.text import Text
    from textual.app import App
    from textual.widgets import Static

    from inspector.tui.text import set_text

    class One(App):
        def compose(self):
            yield Static(id="line")

    async def main():
        app = One()
        async with app.run_test() as pilot:
            line = app.query_one("#line", Static)
            drawn = []
            real = line.update
            line.update = lambda *args, **kw: drawn.append(1) or real(*args, **kw)  # type: ignore[method-assign]
            set_text(line, Text("✓ 1/1", style="green"))
            set_text(line, Text("✓ 1/1", style="green"))  # the same again: not drawn
            await pilot.pause()
            assert len(drawn) == 1
            set_text(line, Text("✓ 1/1", style="bold red"))  # the whole line's colour alone
            await pilot.pause()
            assert len(drawn) == 2 and line.render().spans[0].style == "bold red"
            styled = Text("✓ 1/1")
            styled.stylize("yellow", 0, 1)  # a part's colour alone
            set_text(line, styled)
            await pilot.pause()
            assert len(drawn) == 3 and [str(s.style) for s in line.render().spans] == ["ansi_yellow"]

    asyncio.run(main())
