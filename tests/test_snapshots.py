"""Snapshots of each screen at 80×24 and 120×40 (pytest --snapshot-update after reviewing a change)."""

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from inspector.core.config import Config
from inspector.store.database import Store
from inspector.store.examples import import_examples
from inspector.tui.app import InspectorApp

ROOT = Path(__file__).resolve().parent.parent
SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def _no_blinking_cursor(monkeypatch):
    """Cursors never blink in snapshots: a picture taken mid-blink must not differ from one taken after.

    Set on the class defaults, so a field mounted at any moment (a recommendation row, a dialog) is steady too.
    """
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.__dict__["cursor_blink"], "_default", False)


@pytest.fixture(autouse=True)
def _fixed_config_path(monkeypatch):
    """The help screen shows where config.toml lives; keep it the same in every run."""
    monkeypatch.setattr("inspector.tui.app.config_path",
                        lambda: Path("/home/can-bo/.local/share/inspector/config.toml"))


def app_with_example() -> InspectorApp:
    store = Store()
    import_examples(store)
    store.db.execute("UPDATE inspections SET updated_at = '2025-11-05T10:00:00+07:00' WHERE id = 2")
    store.db.execute("UPDATE inspections SET updated_at = '2025-10-15T10:00:00+07:00' WHERE id = 1")
    return InspectorApp(store=store, config=Config(), resume=False, today=dt.date(2025, 11, 21))


async def steady(pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_home(snap_compare, size):
    assert snap_compare(app_with_example(), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_new_inspection(snap_compare, size):
    async def before(pilot):
        await pilot.press("n")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_inspection(snap_compare, size):
    async def before(pilot):
        pilot.app.open_inspection(1)
        await pilot.pause()
        pilot.app.screen.go_to("C1")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_summary(snap_compare, size):
    async def before(pilot):
        pilot.app.open_inspection(1)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help(snap_compare, size):
    async def before(pilot):
        pilot.app.open_inspection(1)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_export_dialog(snap_compare, size, monkeypatch):
    monkeypatch.setattr("inspector.tui.screens.export.export_dir", lambda: Path("/home/can-bo/Documents/inspector"))

    async def before(pilot):
        await pilot.press("x")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_checklist_editor(snap_compare, size, monkeypatch):
    from inspector.core.paths import user_checklist_dir

    path = user_checklist_dir() / "cchc-xa.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((ROOT / "checklists" / "cchc-xa.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("inspector.tui.screens.editor.EditorScreen.on_mount",
                        _fixed_subtitle(__import__("inspector.tui.screens.editor", fromlist=["x"]).EditorScreen.on_mount))
    app = InspectorApp(store=Store(), config=Config(), resume=False, today=dt.date(2025, 11, 21),
                       edit=(path, "user"))

    async def before(pilot):
        await pilot.pause()
        await pilot.press("down", "down", "down", "down")  # A4, a ratio with steps
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


def _fixed_subtitle(on_mount):
    def mounted(screen):
        on_mount(screen)
        screen.sub_title = "~/.local/share/inspector/checklists/cchc-xa.toml"
    return mounted


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_figures(snap_compare, size):
    from inspector.core.checklist import load_checklist
    from inspector.core.model import InspectionInfo

    store = Store()
    checklist = load_checklist(ROOT / "tests" / "data" / "facts.toml")
    store.create_inspection(checklist, InspectionInfo("t", "1", "UBND phường Ngọc Thụy", dt.date(2026, 3, 2)),
                            facts={"tiep_nhan": 2201, "da_gq": 2119, "dang_gq": 80, "truoc_han": 0, "dung_han": 2119})
    app = InspectorApp(store=store, config=Config(), resume=False, today=dt.date(2026, 3, 2))

    async def before(pilot):
        pilot.app.open_inspection(1)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


def team_app() -> InspectorApp:
    from team_data import TODAY, team_store

    return InspectorApp(store=team_store(), config=Config(), resume=False, today=TODAY)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_home_with_a_campaign(snap_compare, size):
    assert snap_compare(team_app(), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_campaign(snap_compare, size):
    async def before(pilot):
        await pilot.press("enter")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(team_app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_conflicts(snap_compare, size):
    async def before(pilot):
        await pilot.press("k")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(team_app(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_register(snap_compare, size):
    from test_team_tui import follow_up_app

    app, second = follow_up_app()

    async def before(pilot):
        from inspector.tui.screens.follow_up import follow_up_new_inspection

        follow_up_new_inspection(pilot.app, second)
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_new_campaign(snap_compare, size):
    async def before(pilot):
        await pilot.press("C")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(InspectorApp(store=Store(), config=Config(), resume=False, today=dt.date(2026, 4, 1)),
                        terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_merge_report(snap_compare, size, tmp_path):
    """The work screen once a merge has run: what was refused and why, what is still to settle."""
    bad = tmp_path / "hong.inspector"
    bad.write_bytes(b"inspector-bundle 1\n{}\n{}")

    async def before(pilot):
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*str(bad), "enter")
        for _ in range(200):
            await pilot.pause(0.05)
            if getattr(pilot.app.screen, "finished", False):
                break
        await steady(pilot)

    assert snap_compare(team_app(), terminal_size=size, run_before=before)


# ---- the small screens: each opened the way a user opens it
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_confirm(snap_compare, size):
    async def before(pilot):
        await pilot.press("a")  # archive asks first
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_history(snap_compare, size):
    async def before(pilot):
        pilot.app.store.db.execute("UPDATE audit SET at = '2025-10-15T09:00:00+07:00', author = 'Nguyễn Văn An'")
        pilot.app.open_inspection(1)
        await pilot.pause()
        pilot.app.screen.go_to("C1")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_search(snap_compare, size):
    async def before(pilot):
        pilot.app.open_inspection(1)
        await pilot.pause()
        await pilot.press("slash", *"niem yet")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_message(snap_compare, size):
    async def before(pilot):
        from inspector.tui.screens.dialogs import MessageScreen

        pilot.app.push_screen(MessageScreen("Chưa tạo được đợt kiểm tra",
                                            "dot.toml:12: thành viên › Trần Thị Bình: mục Z không có trong bảng kiểm"
                                            " — dùng một trong: A, B, C, D"))
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_checklist_picker(snap_compare, size):
    async def before(pilot):
        await pilot.press("c")
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_prompt(snap_compare, size):
    async def before(pilot):
        await pilot.press("m")  # merge asks for the members' bundles
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(app_with_example(), terminal_size=size, run_before=before)
