"""Issue 27, the Windows laptop: settings that persist, the crash log, Ctrl keys beside F-keys, plain glyphs,
paths as pasted, opening what was exported, read-only commands that create nothing, constraints.txt."""

import asyncio
import datetime as dt
import re
from pathlib import Path

import pytest

from inspector.cli.main import main
from inspector.core.config import Config, ConfigRefused, config_path, load_config, set_value
from inspector.core.paths import data_dir, typed_path
from inspector.store.database import Store
from inspector.tui.app import InspectorApp

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "tests" / "data" / "cchc-xa-2025.1.toml"


def run(scenario, config=None, store=None, size=(100, 36)):
    app = InspectorApp(store=store or Store(), config=config or Config(), resume=False, today=dt.date(2025, 11, 21))

    async def go():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(go())
    return app


def make_inspection(store):
    from inspector.core.checklist import load_checklist
    from inspector.core.model import InspectionInfo

    checklist = load_checklist(CHECKLIST)
    info = InspectionInfo(checklist=checklist.id, checklist_version=checklist.version, unit="UBND phường Thử",
                          date=dt.date(2025, 10, 15), unit_type="phuong")
    return store.create_inspection(checklist, info)


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- 2. settings


def test_every_setting_is_read():
    write_config('theme = "textual-light"\nexport_folder = "D:/Bao cao"\ncsv_dialect = "vi"\n'
                 'inspecting_body = "Sở Nội vụ tỉnh Đồng Nai"\nascii = true\n[issuer]\nbody = "SỞ NỘI VỤ"\n')
    config = load_config()
    assert config.problems == ()
    assert (config.theme, config.export_folder, config.csv_dialect, config.inspecting_body, config.ascii,
            config.issuer) == ("textual-light", "D:/Bao cao", "vi", "Sở Nội vụ tỉnh Đồng Nai", True,
                               {"body": "SỞ NỘI VỤ"})


def test_a_wrong_setting_is_one_file_line_problem_and_the_default_is_used():
    path = write_config('lang = "vi"\ntheme = 3\ncsv_dialect = "fr"\nascii = "yes"\ncolour = 1\n')
    config = load_config()
    assert (config.theme, config.csv_dialect, config.ascii) == (None, "en", None)
    assert sorted(config.problems) == sorted([
        f"{path}:2: theme: `theme` phải là chuỗi văn bản, không phải integer 3 — ví dụ theme = \"textual-light\"",
        f"{path}:3: csv_dialect: `csv_dialect` = \"fr\" không hợp lệ — chọn một trong: vi, en",
        f"{path}:4: ascii: `ascii` phải là true/false, không phải string \"yes\" — ví dụ ascii = true",
        f"{path}:5: colour: khóa `colour` không có trong định dạng — các khóa được dùng: lang, theme, export_folder, "
        "csv_dialect, inspecting_body, ascii, issuer, keymap",
    ])


def test_set_keeps_comments_and_refuses_a_wrong_value_with_the_files_message():
    path = write_config("# của tôi\nlang = \"vi\"\n\n[keymap]\nnext_unanswered = \"f5\"\n")
    set_value("csv_dialect", "vi")
    set_value("issuer.place", "Đồng Nai")
    with pytest.raises(ConfigRefused) as refused:
        set_value("csv_dialect", "fr")
    assert str(refused.value) == f"{path}:3: csv_dialect: `csv_dialect` = \"fr\" không hợp lệ — chọn một trong: vi, en"
    with pytest.raises(ConfigRefused) as refused:
        set_value("ascii", "maybe")
    assert str(refused.value) == "ascii nhận true hoặc false (có/không), không phải \"maybe\""
    assert path.read_text(encoding="utf-8") == ('# của tôi\nlang = "vi"\ncsv_dialect = "vi"\n\n[keymap]\n'
                                                'next_unanswered = "f5"\n\n[issuer]\nplace = "Đồng Nai"\n')


def test_inspector_config_shows_the_file_and_sets_a_value(capsys):
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"Tệp cấu hình: {config_path()} (chưa có — đang dùng mặc định)"
    assert "  csv_dialect      en" in out
    assert not data_dir().exists()  # only read
    assert main(["config", "set", "csv_dialect", "vi"]) == 0
    assert capsys.readouterr().out == f"Đã đặt csv_dialect trong {config_path()}\n"
    assert main(["config", "set", "lang", "fr"]) == 1
    assert capsys.readouterr().err.startswith(f"inspector: {config_path()}:2: lang: `lang` = \"fr\" không hợp lệ")
    assert main(["config", "unset", "csv_dialect"]) == 0
    assert load_config().csv_dialect == "en"
    assert main(["config", "set", "theme", "rose"]) == 1  # a theme the interface does not have: refused now
    assert capsys.readouterr().err.startswith(f'inspector: {config_path()}: theme = "rose" không có — dùng một trong: '
                                              "ansi-dark, ansi-light,")
    assert load_config().theme is None or load_config().theme == ""
    assert main(["config", "set", "theme", "nord"]) == 0
    assert load_config().theme == "nord"


def test_the_theme_chosen_in_the_interface_is_saved_and_used_at_the_next_start():
    async def choose(app, pilot):
        app.theme = "textual-light"
        await pilot.pause()

    run(choose)
    assert load_config().theme == "textual-light"
    assert 'theme = "textual-light"' in config_path().read_text(encoding="utf-8")

    async def check(app, pilot):
        assert app.theme == "textual-light"

    run(check, config=load_config())


def test_an_unknown_theme_is_said_and_textuals_default_kept():
    write_config('theme = "rose"\n')
    notices = []

    async def check(app, pilot):
        notices.extend(n.message for n in app._notifications)
        assert app.theme == "textual-dark"

    run(check, config=load_config())
    assert any(n.startswith(f"Tệp cấu hình có lỗi, dùng mặc định: {config_path()}: theme = \"rose\" không có — dùng "
                            "một trong: ")
               for n in notices), notices


def test_new_inspections_start_with_the_default_inspecting_body_and_issuer():
    config = Config(inspecting_body="Sở Nội vụ tỉnh Đồng Nai", issuer={"body": "SỞ NỘI VỤ", "symbol": "SNV"})

    async def scenario(app, pilot):
        from textual.widgets import Input

        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#body", Input).value == "Sở Nội vụ tỉnh Đồng Nai"
        assert app.screen.query_one("#issuer-body", Input).value == "SỞ NỘI VỤ"
        assert app.screen.query_one("#issuer-symbol", Input).value == "SNV"

    run(scenario, config=config)


def test_the_export_dialog_offers_both_csv_dialects_the_settings_first_and_its_folder():
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        from textual.widgets import Input, OptionList

        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        labels = [str(option.prompt) for option in dialog.query_one(OptionList).options]
        csv = [label for label in labels if label.startswith("Bảng tính CSV")]
        assert csv == ["Bảng tính CSV cho Excel tiếng Việt (dấu ; và 1,5)", "Bảng tính CSV dấu phẩy (dấu , và 1.5)"]
        assert dialog.query_one("#export-path", Input).value == str(Path("/tmp/bao-cao").resolve()) + "/"
        dialog.query_one(OptionList).highlighted = labels.index(csv[0])
        dialog.query_one("#export-path", Input).value = f'"{data_dir() / "a.csv"}"'  # as "Copy as path" gives it
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    run(scenario, config=Config(csv_dialect="vi", export_folder=str(Path("/tmp/bao-cao").resolve())), store=store)
    assert (data_dir() / "a.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("Mã mục;Mục;")


# ---- 7. open after export


def test_export_and_open_calls_the_systems_opener_without_waiting(monkeypatch):
    store = Store()
    make_inspection(store)
    opened = []
    monkeypatch.setattr("inspector.tui.opener.subprocess.Popen", lambda command, **kw: opened.append((command, kw)))
    monkeypatch.setattr("inspector.tui.opener.shutil.which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr("inspector.tui.opener.sys.platform", "linux")

    async def scenario(app, pilot):
        from textual.widgets import Input, OptionList

        await pilot.press("x")
        await pilot.pause()
        labels = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        app.screen.query_one(OptionList).highlighted = labels.index("Bảng điểm (XLSX)")
        app.screen.query_one("#export-path", Input).value = str(data_dir() / "a.xlsx")
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.last_export == data_dir() / "a.xlsx"
        app.open_path(app.last_export.parent)  # the palette's "Mở thư mục chứa tệp vừa xuất"

    run(scenario, store=store)
    assert [command for command, _ in opened] == [["/usr/bin/xdg-open", str(data_dir() / "a.xlsx")],
                                                  ["/usr/bin/xdg-open", str(data_dir())]]
    assert opened[0][1]["start_new_session"] is True


def test_opening_says_why_it_cannot(monkeypatch, tmp_path):
    from inspector.tui.opener import open_path

    monkeypatch.setattr("inspector.tui.opener.sys.platform", "linux")
    monkeypatch.setattr("inspector.tui.opener.shutil.which", lambda name: None)
    assert open_path(tmp_path) == f"Không mở được {tmp_path}: máy này không có chương trình mở tệp (xdg-open) — mở tệp bằng tay"
    assert open_path(tmp_path / "x.docx") == f"Không mở được {tmp_path / 'x.docx'}: tệp không còn ở đó"


def test_on_windows_the_file_opens_through_startfile(monkeypatch, tmp_path):
    from inspector.tui import opener

    started = []
    monkeypatch.setattr(opener.sys, "platform", "win32")
    monkeypatch.setattr(opener.os, "startfile", started.append, raising=False)
    assert opener.open_path(tmp_path) is None
    assert started == [tmp_path]


# ---- 3. the crash log


def test_an_unexpected_error_in_the_interface_is_a_dialog_and_a_log_without_user_data(expected_crash):
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        from inspector.tui.screens.dialogs import MessageScreen
        from inspector.tui.screens.home import HomeScreen

        secret = "UBND phường Thử: câu trả lời bí mật"

        def broken():
            raise RuntimeError(secret)

        app.screen.action_broken = broken
        app.screen._bindings.bind("f9", "broken", "broken")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        (log,) = (data_dir() / "crash-logs").glob("crash-*.log")
        body = str(app.screen.query_one("#message-body").render())
        assert body == (f"Đã xảy ra lỗi ngoài dự kiến; các câu trả lời đã lưu vẫn còn nguyên — chi tiết lỗi (không có "
                        f"nội dung kiểm tra) được ghi vào tệp {log}, hãy gửi tệp này cho người hỗ trợ.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # still running

    run(scenario, store=store)
    (log,) = (data_dir() / "crash-logs").glob("crash-*.log")
    text = log.read_text(encoding="utf-8")
    assert text.startswith("inspector ") and "\npython: " in text and "\nos: " in text
    assert "builtins.RuntimeError" in text and "in broken" in text
    assert "Thử" not in text and "bí mật" not in text


def test_a_screen_whose_handler_failed_is_closed_and_the_message_shown_below(expected_crash, monkeypatch):
    store = Store()
    make_inspection(store)

    async def scenario(app, pilot):
        from inspector.tui.screens.dialogs import MessageScreen
        from inspector.tui.screens.new import NewInspectionScreen

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewInspectionScreen)

        def boom(screen, event):
            raise ValueError("x")

        monkeypatch.setattr(NewInspectionScreen, "on_input_changed", boom, raising=False)
        app.screen.query_one("#unit").value = "a"
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert not any(isinstance(s, NewInspectionScreen) for s in app.screen_stack)

    run(scenario, store=store)


def test_the_command_line_writes_a_log_keeps_ten_and_debug_prints_the_traceback(monkeypatch, capsys, expected_crash):
    from inspector.core import crashlog

    name = "Nguyễn Văn A"

    def broken(args):
        raise KeyError(name)

    monkeypatch.setattr("inspector.cli.config_commands.command_config", broken)
    for second in range(12):
        monkeypatch.setattr(crashlog.dt, "datetime", _clock(second), raising=True)
        assert main(["config"]) == 70
    logs = sorted((data_dir() / "crash-logs").glob("crash-*.log"))
    assert len(logs) == crashlog.KEEP
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (f"inspector: Đã xảy ra lỗi ngoài dự kiến; các câu trả lời đã lưu vẫn còn nguyên — chi tiết lỗi "
                       f"(không có nội dung kiểm tra) được ghi vào tệp {logs[-1]}, hãy gửi tệp này cho người hỗ trợ.")
    assert "command: inspector config" in logs[-1].read_text(encoding="utf-8")
    assert "Nguyễn" not in logs[-1].read_text(encoding="utf-8")
    assert main(["--debug", "config"]) == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "KeyError: 'Nguyễn Văn A'" in err


def _clock(second):
    import datetime

    class Clock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2026, 1, 2, 3, 4, second)

    return Clock


def test_the_command_words_leave_out_names_and_paths():
    from inspector.core.crashlog import command_words

    assert command_words(["export", "12", "-o", "C:/Bao cao/Hưng Định.docx", "--format=docx"]) == \
        "inspector export … -o … --format"


# ---- 4. keys, glyphs, paths


@pytest.mark.parametrize("typed, path", [
    ('"C:\\Bao cao\\x.xlsx"', "C:\\Bao cao\\x.xlsx"), ("  '/tmp/a b.csv' ", "/tmp/a b.csv"),
    ("file:///C:/Bao%20cao/x.docx", "C:/Bao cao/x.docx"), ("file:///home/u/a%20b", "/home/u/a b"),
    ("file://server/share/x", "//server/share/x"), ("& 'C:\\x y\\z'", "C:\\x y\\z"), ("bao-cao/x", "bao-cao/x")])
def test_a_pasted_or_dropped_path_is_read_as_a_path(typed, path):
    assert typed_path(typed) == path


def test_ctrl_s_saves_where_f2_does_and_ctrl_g_opens_the_help():
    async def scenario(app, pilot):
        from inspector.tui.screens.dialogs import HelpScreen
        from inspector.tui.screens.new import NewInspectionScreen

        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("DataTable")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert ["F1, Ctrl+G", "Trợ giúp", "help"] in [[str(c) for c in row] for row in rows]
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewInspectionScreen)
        await pilot.press("ctrl+s")  # nothing typed: the form says what is missing, as with F2
        await pilot.pause()
        assert str(screen.query_one("#unit-error").render()) != ""

    run(scenario)


def test_every_f_key_has_a_ctrl_key():
    """Laptops whose F-keys need Fn: every action on an F-key is on a Ctrl key too (listed by F1)."""
    from inspector.tui import app
    from inspector.tui.screens import dialogs, editor, new, new_campaign, summary

    missing = []
    for module in (app, dialogs, editor, new, new_campaign, summary):
        for cls in vars(module).values():
            if not isinstance(cls, type) or cls.__module__ != module.__name__:
                continue
            keys_of: dict[str, list[str]] = {}
            for binding in cls.__dict__.get("BINDINGS", []):
                keys_of.setdefault(binding.action, []).extend(k.strip() for k in binding.key.split(","))
            for action, keys in keys_of.items():
                if any(re.fullmatch(r"f\d+", k) for k in keys) and not any(k.startswith("ctrl+") for k in keys):
                    missing.append(f"{cls.__name__}.{action}")
    assert missing == []


def test_ascii_shows_plain_glyphs_in_the_interface_and_the_catalog():
    from inspector.core.i18n import t

    store = Store()
    make_inspection(store)
    seen = []

    async def scenario(app, pilot):
        from inspector.tui.widgets.title_bar import TitleBar

        app.open_inspection(1)
        await pilot.pause()
        seen.append(t("ui.insp.saved"))
        seen.append(str(app.screen.query_one(TitleBar).render())[:8])

    run(scenario, config=Config(ascii=True), store=store)
    assert seen == ["Đã lưu v", " o      "]


# ---- 9. read-only commands, constraints.txt


@pytest.mark.parametrize("argv", [["list"], ["list", "--all"], ["checklist", "list"], ["config"],
                                  ["score", str(CHECKLIST), str(ROOT / "tests" / "data" / "missing.answers.toml")]],
                         ids=lambda a: " ".join(a[:2]))
def test_read_only_commands_create_no_data_folder(argv, capsys):
    main(argv)
    assert not data_dir().exists()


def test_constraints_pin_every_dependency_within_its_range():
    import tomllib

    from packaging.requirements import Requirement

    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = list(project["dependencies"]) + [r for group in project.get("optional-dependencies", {}).values()
                                                for r in group]
    wrong = []
    for text in required:
        requirement = Requirement(text)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        if name == "inspector":
            continue
        if name not in pins or not requirement.specifier.contains(pins[name], prereleases=True):
            wrong.append(f"{text}: constraints.txt has {pins.get(name, 'no pin')}")
    assert wrong == [], "refresh constraints.txt (its first lines say how)"
