"""Each language speaks only itself: every --help and every screen, checked in Vietnamese for English words and
in English for Vietnamese ones (any letter with a Vietnamese accent that is not the user's data or an example)."""

import argparse
import asyncio
import datetime as dt
import json
import re
import sqlite3
import tomllib

import pytest
from textual.command import CommandList
from textual.widgets import DataTable, Input, OptionList, TextArea

from inspector.cli.main import build_parser, main
from inspector.core.config import Config
from inspector.core.i18n import LANGUAGES, set_language, t
from inspector.store.database import Store
from inspector.store.examples import import_examples
from inspector.tui.app import InspectorApp

# Words that only English text would contain; checklist content (Vietnamese) never does.
ENGLISH = ["usage", "options", "show this help", "arguments", "required", "invalid", "search for", "commands",
           "palette", "keys", "dismiss", "menu", "quit", "help", "save", "back", "export", "applies to", "n/a",
           "full", "rescale", "forbidden", "optional", "yes_no", "ratio", "choice", "number", "count",
           "no such file", "directory", "permission", "problems", "score", "total", "unanswered", "answered",
           "value", "note", "evidence", "reason", "self_score", "numerator", "denominator",
           # the placeholders of --help (argparse's metavars)
           "file", "folder", "path", "inspection", "command", "address", "port", "name", "conflict", "text",
           "document", "unit", "id", "sheet"]
# Words that are allowed: program and format names, options, file-name examples, key names on the keyboard.
ALLOWED = re.compile(r"(?<![\w-])(?:inspector|INSPECTOR_HOME|docx|xlsx|csv|json|md|answers|toml|[A-Z])(?![\w-])|"
                     r"--[a-z-]+|-[a-z]\b|\{[a-z_,]+\}|/[\w./-]+")


def subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command line of the parser, nested ones too: (), ("checklist",), ("checklist", "validate")…"""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from subcommands(sub, (*path, name))


HELP_COMMANDS = list(subcommands(build_parser()))
NAMES = sorted({name for path in HELP_COMMANDS for name in path}, key=len, reverse=True)
# A command's name where a command is written: after "inspector" (usage lines, examples), or in the list of
# a parser's commands (an indented name at the start of a line).
COMMAND_USE = re.compile(rf"\binspector((?:\s+(?:{'|'.join(map(re.escape, NAMES))})(?![\w-]))+)")
COMMAND_ROW = re.compile(rf"^\s+(?:{'|'.join(map(re.escape, NAMES))})(?=\s|$)", re.MULTILINE)
COMMAND_CHOICE = re.compile(rf"'(?:{'|'.join(map(re.escape, NAMES))})'")  # argparse's "chọn một trong 'list', …"


def without_commands(text: str) -> str:
    return COMMAND_CHOICE.sub(" ", COMMAND_ROW.sub(" ", COMMAND_USE.sub(" ", text)))


def english_words(text: str, commands: bool = False) -> list[str]:
    """The English words in `text`; with `commands`, the command names (`inspector score`) do not count."""
    if commands:
        text = without_commands(text)
    plain = ALLOWED.sub(" ", text).casefold()
    return sorted({w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", plain)})


ACCENTED = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
VIETNAMESE_WORD = re.compile(rf"[\w]*[{ACCENTED}{ACCENTED.upper()}][\w]*")
# What the English text may quote in Vietnamese: quoted data, and examples ("e.g. UBND phường Tam Hiệp").
QUOTED = re.compile(r'"[^"\n]*"|«[^»\n]*»|“[^”\n]*”|\b(?:e\.g\.|E\.g\.|for example)[^\n]*')


def vietnamese_words(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """The Vietnamese words in English `text`, but for quoted data and examples and the strings of `data` (the
    checklist's and the inspection's own words, which no interface language translates)."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return sorted(set(VIETNAMESE_WORD.findall(QUOTED.sub(" ", text))))


def leaks(text: str, lang: str, data: tuple[str, ...] = (), commands: bool = False) -> list[str]:
    """The words of the other language in `text`, written in `lang`."""
    return english_words(text, commands) if lang == "vi" else vietnamese_words(text, data)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("argv", HELP_COMMANDS, ids=lambda a: " ".join(a) or "inspector")
def test_help_speaks_one_language(capsys, argv, lang):
    with pytest.raises(SystemExit):
        main(["--lang", lang, *argv, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(("cách dùng:" if lang == "vi" else "usage:"))
    assert leaks(out, lang, commands=True) == []


def test_every_command_is_walked():
    assert {("figures", "import"), ("evidence", "import"), ("receive",), ("config", "set"), ("recommendations", "set"),
            ("campaign", "assign"), ("self-assessment",)} <= set(HELP_COMMANDS)


def test_help_placeholders_are_in_the_interface_language(capsys):
    with pytest.raises(SystemExit):
        main(["receive", "--help"])
    out = capsys.readouterr().out
    assert all(f"{option} {word}" in out for option, word in (("--bind", "ĐỊA_CHỈ"), ("--port", "CỔNG"),
                                                              ("--minutes", "SỐ_PHÚT")))
    with pytest.raises(SystemExit):
        main(["--lang", "en", "recommendations", "set", "--help"])
    out = capsys.readouterr().out
    assert "--by NAME" in out and "NUMBER" in out and "HỌ_TÊN" not in out


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("argv", [["score"], ["export", "--format", "doc", "-o", "x"], ["bogus"], ["list", "--bad"]],
                         ids=["missing", "choice", "command", "unknown"])
def test_usage_errors_speak_one_language(capsys, argv, lang):
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", lang, *argv])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert ("lỗi:" if lang == "vi" else "error:") in err and leaks(err, lang, commands=True) == []


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
