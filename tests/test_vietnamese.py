"""The Vietnamese interface speaks Vietnamese: every --help and every screen, checked for English words."""

import asyncio
import datetime as dt
import re

import pytest
from textual.widgets import Input, TextArea

from inspector.cli.main import main
from inspector.core.config import Config
from inspector.core.i18n import t
from inspector.store.database import Store
from inspector.store.examples import import_examples
from inspector.tui.app import InspectorApp

# Words that only English text would contain; checklist content (Vietnamese) never does.
ENGLISH = ["usage", "options", "show this help", "arguments", "required", "invalid", "search for", "commands",
           "palette", "keys", "dismiss", "menu", "quit", "help", "save", "back", "export", "applies to", "n/a",
           "full", "rescale", "forbidden", "optional", "yes_no", "ratio", "choice", "number", "count",
           "no such file", "directory", "permission", "problems", "score", "total", "unanswered", "answered",
           "value", "note", "evidence", "reason", "self_score", "numerator", "denominator"]
HELP_COMMANDS = [[], ["checklist"], ["checklist", "validate"], ["checklist", "list"], ["checklist", "show"],
                 ["checklist", "new"], ["checklist", "schema"], ["checklist", "edit"], ["checklist", "import"],
                 ["checklist", "export"], ["score"], ["list"], ["import"], ["export"], ["verify"]]
# Words that are allowed: program and format names, file-name examples, key names on the keyboard.
ALLOWED = re.compile(r"inspector|INSPECTOR_HOME|COMMAND|CHECKLIST|ANSWERS|INSPECTION|FILE(\.xlsx|\.json)?|PATH|"
                     r"ID\|FILE|ID|--[a-z-]+|-[a-z]\b|\{[a-z,]+\}|docx|xlsx|csv|json|md|answers|toml|"
                     r"/[\w./-]+|[A-Z]\b")


COMMAND_NAMES = re.compile(r"(?<![\w-])(checklist|validate|list|show|new|schema|edit|import|export|score|verify|evidence|receive|figures|maps)"
                           r"(?![\w-])")


def english_words(text: str, commands: bool = False) -> list[str]:
    """The English words in `text`; with `commands`, the command names (`inspector score`) do not count."""
    if commands:
        text = COMMAND_NAMES.sub(" ", text)
    plain = ALLOWED.sub(" ", text).casefold()
    return sorted({w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", plain)})


@pytest.mark.parametrize("argv", HELP_COMMANDS, ids=lambda a: " ".join(a) or "inspector")
def test_help_is_vietnamese(capsys, argv):
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    assert english_words(capsys.readouterr().out, commands=True) == []


@pytest.mark.parametrize("argv", [["score"], ["export", "--format", "doc", "-o", "x"], ["bogus"], ["list", "--bad"]],
                         ids=["missing", "choice", "command", "unknown"])
def test_usage_errors_are_vietnamese(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "lỗi:" in err and english_words(err, commands=True) == []


def test_a_missing_file_is_explained_in_vietnamese(capsys, tmp_path):
    assert main(["checklist", "validate", str(tmp_path / "khong-co.toml")]) == 1
    err = capsys.readouterr().err
    assert "không có tệp hoặc thư mục này" in err and english_words(err.replace(str(tmp_path), "")) == []


def screen_text(app) -> str:
    """Every piece of text the current screen would show: widgets' rendered text and the footer's bindings."""
    parts = []
    for widget in app.screen.query("*"):
        try:
            rendered = widget.render()
        except Exception:  # noqa: BLE001 - some containers do not render text themselves
            continue
        parts.append(getattr(rendered, "plain", str(rendered)))
        if isinstance(widget, (Input, TextArea)):  # what is typed or would be (a Select's value is not shown)
            parts += [widget.placeholder if isinstance(widget, Input) else "", getattr(widget, "value", ""),
                      getattr(widget, "text", "")]
    parts += [binding.description for _, binding, *_ in app.active_bindings.values() if binding.show]
    return "\n".join(parts)


def app_with_examples() -> InspectorApp:
    store = Store()
    import_examples(store)
    return InspectorApp(store=store, config=Config(), resume=False, today=dt.date(2025, 11, 21))


def test_every_screen_is_vietnamese():
    asyncio.run(_every_screen())


async def _every_screen():
    app = app_with_examples()
    seen = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seen["home"] = screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        seen["new"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.open_inspection(1)
        await pilot.pause()
        app.screen.go_to("A2")
        await pilot.pause()
        await pilot.press("g", *"Da xem", "enter")  # a note, so the history has a field to name
        await pilot.pause()
        for cid in ("A1", "A3", "C1", "C4", "E1"):
            app.screen.go_to(cid)
            await pilot.pause()
            seen[f"inspection {cid}"] = screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        seen["history"] = screen_text(app)
        await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        seen["summary"] = screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        seen["help"] = screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        seen["palette"] = screen_text(app)
    for name, text in seen.items():
        assert english_words(text) == [], name
    assert t("ui.textual.search_commands") in seen["palette"]


def test_the_editor_is_vietnamese():
    asyncio.run(_editor())


async def _editor():
    from inspector.core.paths import bundled_checklist_dir

    app = app_with_examples()
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_checklist_editor(bundled_checklist_dir() / "cchc-xa.toml", "bundled")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
    assert english_words(text) == []
