"""Pilot tests of the checklist editor, and of the editing document under it."""

import asyncio
from pathlib import Path

import pytest

from inspector.authoring.document import (
    ChecklistDocument,
    bump_version,
    describe_changes,
)
from inspector.core.checklist import load_checklist
from inspector.core.config import Config
from inspector.core.model import Answer, InspectionInfo
from inspector.core.paths import user_checklist_dir
from inspector.core.problems import FileProblems
from inspector.store.database import Store
from inspector.tui.app import InspectorApp
from inspector.tui.screens.dialogs import MessageScreen
from inspector.tui.screens.editor import EditorScreen

ROOT = Path(__file__).resolve().parent.parent
CCHC = ROOT / "tests" / "data" / "cchc-xa-2025.1.toml"  # edits are checked against a fixed release
BUNDLED_CCHC = ROOT / "checklists" / "cchc-xa.toml"


def run(scenario, edit=None, size=(120, 40)):
    app = InspectorApp(store=Store(), config=Config(), resume=False, edit=edit)

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def copy_of_cchc() -> Path:
    path = user_checklist_dir() / "cchc-xa.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CCHC.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def status(screen) -> str:
    return str(screen.query_one("#status").render())


# ---- the document
def test_load_save_without_edits_keeps_the_text_byte_for_byte():
    text = CCHC.read_text(encoding="utf-8")
    assert ChecklistDocument(text).text() == text


def test_comments_and_key_order_survive_an_edit():
    text = CCHC.read_text(encoding="utf-8")
    document = ChecklistDocument(text)
    document.set_value(("section", 2, "criterion", 0, "max"), 4)
    out = document.text()
    assert "# ───────────────────────────────────────────────────────────── C (12 điểm)" in out
    assert out.count("\n") == text.count("\n")
    assert out.replace("max = 4\ncritical = true", "max = 3\ncritical = true", 1) == text


@pytest.mark.parametrize("old, new", [("2025.1", "2025.2"), ("1", "2"), ("v9", "v10"), ("nháp", "nháp.1"), ("", "1")])
def test_bump_version(old, new):
    assert bump_version(old) == new


def test_structure_edits_and_undo():
    document = ChecklistDocument(CCHC.read_text(encoding="utf-8"))
    original = document.text()
    s, c = document.add_criterion(0, 0, "ratio")
    assert (s, c) == (0, 1) and document.criteria(0)[1]["id"] == "A9"
    s, c = document.duplicate_criterion(0, 1)
    assert document.criteria(0)[2]["id"] == "A10"
    assert document.move_criterion(0, 2, -1) == (0, 1)
    assert document.move_criterion(0, 0, -1) == (0, 0)  # the first of the first section stays
    last = len(document.criteria(0)) - 1
    assert document.move_criterion(0, last, 1) == (1, 0)  # past the end: into the next section
    document.delete_criterion(1, 0)
    document.change_type(0, 0, "yes_no")
    assert "options" not in document.criteria(0)[0] and document.criteria(0)[0]["type"] == "yes_no"
    checklist, problems = document.validate()
    assert problems == [] and checklist is not None
    while document.undo():
        pass
    assert document.text() == original


def test_save_refuses_an_invalid_checklist_and_writes_nothing(tmp_path):
    path = tmp_path / "c.toml"
    document = ChecklistDocument(CCHC.read_text(encoding="utf-8"), str(path))
    document.set_value(("section", 0, "criterion", 0, "type"), "yesno")
    with pytest.raises(FileProblems):
        document.save(path)
    assert not path.exists()


def test_save_bumps_version_and_describes_changes(tmp_path):
    path = tmp_path / "c.toml"
    document = ChecklistDocument(CCHC.read_text(encoding="utf-8"), str(path))
    document.set_value(("section", 0, "criterion", 0, "title"), "Kế hoạch CCHC năm")
    document.delete_criterion(0, 7)
    checklist, changes = document.save(path)
    assert checklist.version == "2025.2" and load_checklist(path).version == "2025.2"
    assert changes == ["Phiên bản: 2025.1 → 2025.2",
                       "Bỏ tiêu chí A8 «Phân công lãnh đạo, công chức phụ trách CCHC; CCHC được đưa vào giao ban định kỳ»",
                       "Sửa A1: Tên tiêu chí", "Tổng điểm tối đa: 100 → 99,5"]


def test_recorded_inspections_keep_their_pinned_checklist(tmp_path):
    path = copy_of_cchc()
    store = Store()
    checklist = load_checklist(path)
    number = store.create_inspection(checklist, InspectionInfo(checklist.id, checklist.version, "UBND xã A",
                                                               __import__("datetime").date(2025, 1, 1)))
    store.save_answer(number, "C1", Answer("C1", numerator=1, denominator=1, evidence=("x",)))
    document = ChecklistDocument(path.read_text(encoding="utf-8"), str(path))
    document.set_value(("section", 2, "criterion", 0, "max"), 10)
    document.save(path)
    assert store.load(number).checklist.criterion("C1").max == 3 and load_checklist(path).criterion("C1").max == 10


def test_describe_changes_in_english():
    before = load_checklist(CCHC)
    document = ChecklistDocument(CCHC.read_text(encoding="utf-8"))
    document.move_criterion(0, 0, 1)
    after, _ = document.validate()
    assert describe_changes(before, after, "en") == ["Criteria reordered"]


# ---- the screen
def test_open_a_bundled_checklist_copies_it_first():
    async def scenario(app, pilot):
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # the first entry: cchc-xa (bundled)
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.path == user_checklist_dir() / "cchc-xa.toml"

    run(scenario)
    assert (user_checklist_dir() / "cchc-xa.toml").read_text(encoding="utf-8") == BUNDLED_CCHC.read_text(encoding="utf-8")


def test_edit_a_field_see_the_error_in_place_fix_it_and_save():
    path = copy_of_cchc()

    async def scenario(app, pilot):
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert "Tổng tối đa 100 điểm, 80 tiêu chí" in status(screen) and "✓ hợp lệ" in status(screen)
        await pilot.press("down", "enter")  # A1, into its title
        await pilot.pause()
        screen.query_one("#c-max").value = "3"
        await pilot.pause()
        assert str(screen.query_one("#c-error-options").render()) == ""
        screen.query_one("#c-options").load_text("day-du | Đầy đủ | 5\nkhong | Không | 0")
        await pilot.pause()
        assert str(screen.query_one("#c-error-options").render()) == \
            "points = 5 vượt quá max = 3 của tiêu chí — giảm điểm hoặc tăng max"
        assert "✗ 1 lỗi" in status(screen)
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)  # refused: nothing written
        screen.query_one("#c-options").load_text("day-du | Đầy đủ | 3\nkhong | Không | 0")
        await pilot.pause()
        assert "✓ hợp lệ" in status(screen) and "Tổng tối đa 101,5 điểm" in status(screen)
        preview = str(screen.query_one("#preview").render())
        assert "«Đầy đủ» → 3 điểm" in preview and "«Không» → 0 điểm" in preview
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert "Sửa A1: Điểm tối đa, Phương án" in str(app.screen.query_one("#message-body").render())

    run(scenario, edit=(path, "user"))
    saved = load_checklist(path)
    assert saved.version == "2025.2" and saved.criterion("A1").max == 3
    assert [o.label for o in saved.criterion("A1").options] == ["Đầy đủ", "Không"]
    assert path.read_text(encoding="utf-8").startswith("# Bộ tiêu chí kiểm tra công tác cải cách hành chính")


def test_add_duplicate_move_delete_undo_with_keys():
    path = copy_of_cchc()

    async def scenario(app, pilot):
        screen = app.screen
        await pilot.press("down")  # A1
        await pilot.press("n")  # new criterion after A1, focus in its title
        await pilot.pause()
        await pilot.press("ctrl+a")
        screen.query_one("#c-title").value = "Tiêu chí thêm"
        await pilot.pause()
        await pilot.press("escape", "d")  # back to the tree, duplicate
        await pilot.pause()
        assert screen.selected == ("section", 0, "criterion", 2)
        await pilot.press("left_square_bracket")  # move the copy up
        await pilot.pause()
        assert screen.selected == ("section", 0, "criterion", 1)
        assert "Tổng tối đa 102 điểm, 82 tiêu chí" in status(screen)
        await pilot.press("delete")
        await pilot.pause()
        assert "81 tiêu chí" in status(screen)
        await pilot.press("u", "u", "u", "u", "u")
        await pilot.pause()
        assert "Tổng tối đa 100 điểm, 80 tiêu chí" in status(screen)
        assert "chưa lưu" not in status(screen)

    run(scenario, edit=(path, "user"))


def test_type_change_shows_that_types_fields():
    path = copy_of_cchc()

    async def scenario(app, pilot):
        screen = app.screen
        await pilot.press("down")
        await pilot.pause()
        assert screen.query_one("#c-row-options").display and not screen.query_one("#c-row-steps").display
        screen.query_one("#c-type").value = "ratio"
        await pilot.pause()
        assert screen.query_one("#c-row-steps").display and not screen.query_one("#c-row-options").display
        assert str(screen.query_one("#c-steps").text) == "100 | 1\n80 | 0.5"

    run(scenario, edit=(path, "user"))


def test_leaving_with_unsaved_changes_asks():
    path = copy_of_cchc()

    async def scenario(app, pilot):
        screen = app.screen
        await pilot.press("down", "n")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert "chưa lưu" in str(app.screen.query_one("Static").render())
        await pilot.press("escape")  # no: stay
        await pilot.pause()
        assert app.screen is screen

    run(scenario, edit=(path, "user"))
    assert load_checklist(path).version == "2025.1"


# ---- figures (facts) and checks in the editor
def test_facts_and_checks_are_edited_in_the_tree_and_saved():
    path = user_checklist_dir() / "mot-cua.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((ROOT / "tests" / "data" / "facts.toml").read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario(app, pilot):
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        tree = screen.query_one("#tree")
        assert [kind for kind, _ in tree.rows[:9]] == ["fact"] * 6 + ["check"] * 2 + ["section"]
        assert screen.selected == ("section", 0)  # opens on the criteria; the figures are just above
        await pilot.press(*["up"] * 8)
        await pilot.pause()
        assert screen.selected == ("fact", 0)
        assert screen.query_one("#fact-form").display and not screen.query_one("#criterion-form").display
        assert str(screen.query_one("#fact-used-by").render()) == "Chưa tiêu chí nào tính từ số liệu này"
        await pilot.press("down", "down", "down", "down")  # dung_han: E1 is computed from it
        await pilot.pause()
        assert screen.selected == ("fact", 4)
        assert str(screen.query_one("#fact-used-by").render()) == "Dùng để tính: E1"
        await pilot.press("k")  # a new check after the last one
        await pilot.pause()
        assert screen.selected == ("check", 2)
        right = screen.query_one("#k-right")
        right.value = "tiep_nhna"
        await pilot.pause()
        assert "không có số liệu \"tiep_nhna\" (ý bạn là `tiep_nhan`?)" in str(screen.query_one("#k-error-right").render())
        right.value = "tiep_nhan"
        screen.query_one("#k-left").value = "da_gq + dang_gq"
        screen.query_one("#k-label").value = "Đã giải quyết + đang giải quyết ≤ tiếp nhận"
        await pilot.pause()
        assert "✓" in str(screen.query_one("#status").render())
        await pilot.press("escape")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)

    run(scenario, edit=(path, "user"))
    saved = load_checklist(path)
    assert saved.version == "2"
    added = saved.checks[-1]
    assert (added.left, added.op, added.right) == (("da_gq", "dang_gq"), "<=", ("tiep_nhan",))
    assert added.label == "Đã giải quyết + đang giải quyết ≤ tiếp nhận"


def test_a_computed_criterion_form_shows_its_facts():
    path = user_checklist_dir() / "mot-cua.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((ROOT / "tests" / "data" / "facts.toml").read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario(app, pilot):
        screen = app.screen
        screen.select(("section", 0, "criterion", 0))
        await pilot.pause()
        assert screen.query_one("#c-facts").value == "truoc_han + dung_han / da_gq"
        screen.query_one("#c-facts").value = "truoc_han + dung_han / da_gqq"
        await pilot.pause()
        assert 'không có số liệu "da_gqq" (ý bạn là `da_gq`?)' in str(screen.query_one("#c-error-facts").render())

    run(scenario, edit=(path, "user"))
