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
from rich.table import Table
from textual.command import CommandList
from textual.widgets import DataTable, Input, OptionList, TextArea

from inspector.cli.main import build_parser, main
from inspector.core.config import Config
from inspector.core.i18n import LANGUAGES, t
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
QUOTED = re.compile(r'"[^"\n]*"|«[^»\n]*»|“[^”\n]*”|\b(?:e\.g\.|E\.g\.|for example)[^\n]*|\S+/\S+')


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


def screen_text(app, placeholders: bool = True) -> str:
    """Every piece of text the current screen would show: widgets' rendered text, tables' cells, lists' entries
    and the footer's bindings (the help screen's ids are names for config.toml, in no language). Without
    `placeholders`, the fields' examples are left out (in English they show the Vietnamese document's words)."""
    parts = []
    for widget in app.screen.query("*"):
        try:
            rendered = widget.render()
        except Exception:  # noqa: BLE001 - some containers do not render text themselves
            continue
        table = getattr(rendered, "_renderable", None)
        if isinstance(table, Table):  # a Rich table in a Static: its headers and cells
            parts += [str(column.header) for column in table.columns]
            parts += [getattr(cell, "plain", str(cell)) for column in table.columns for cell in column.cells]
        else:
            parts.append(getattr(rendered, "plain", str(rendered)))
        if isinstance(widget, (Input, TextArea)):  # what is typed or would be (a Select's value is not shown)
            parts += [widget.placeholder if isinstance(widget, Input) and placeholders else "",
                      getattr(widget, "value", ""),
                      getattr(widget, "text", "")]
        if isinstance(widget, DataTable):
            columns = [str(column.label) for column in widget.columns.values()]
            parts += [label for label in columns if label != t("ui.help.id")]
            for row in range(widget.row_count):
                parts += [getattr(cell, "plain", str(cell)) for label, cell in zip(columns, widget.get_row_at(row))
                          if label != t("ui.help.id")]
        if isinstance(widget, OptionList):
            prompts = [widget.get_option_at_index(i).prompt for i in range(widget.option_count)]
            prompts = [getattr(prompt, "renderable", prompt) for prompt in prompts]  # "no matches" is centred
            parts += [getattr(prompt, "plain", str(prompt)) for prompt in prompts]
    parts += [binding.description for _, binding, *_ in app.active_bindings.values() if binding.show]
    return "\n".join(parts)


def data_strings(store: Store) -> tuple[str, ...]:
    """Every string the store holds (units, people, notes, the checklists' titles and guidance…), nested ones
    too: the user's and the checklist's words, shown as written in either interface language."""
    found: set[str] = set()

    def add(value) -> None:
        if isinstance(value, str):
            found.add(value)
            for parse in (json.loads, tomllib.loads):
                try:
                    add(parse(value))
                except (ValueError, TypeError):
                    pass
            for line in value.splitlines():
                found.add(line.strip())
        elif isinstance(value, dict):
            for key, item in value.items():
                add(key)
                add(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                add(item)

    from inspector.core.library import checklist_files

    for path, _ in checklist_files():  # the checklists a form offers to choose from
        add(path.read_text(encoding="utf-8"))
    tables = [row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        try:
            rows = store.db.execute(f'SELECT * FROM "{table}"').fetchall()
        except sqlite3.Error:
            continue
        for row in rows:
            add(list(row))
    return tuple(value for value in found if len(value) > 1)


def app_with_examples(lang: str = "vi") -> InspectorApp:
    store = Store()
    import_examples(store)
    return InspectorApp(store=store, config=Config(lang=lang), resume=False, today=dt.date(2025, 11, 21))


def team_app(lang: str = "vi") -> InspectorApp:
    from team_data import TODAY, team_store

    return InspectorApp(store=team_store(), config=Config(lang=lang), resume=False, today=TODAY)


async def shown(pilot, seen: dict, name: str, *keys: str) -> None:
    if keys:
        await pilot.press(*keys)
    await pilot.pause()
    seen[name] = screen_text(pilot.app, placeholders=pilot.app.config.lang == "vi")


def assert_one_language(seen: dict, lang: str, data: tuple[str, ...]) -> None:
    found = {name: leaks(text, lang, data) for name, text in seen.items()}
    assert {name: words for name, words in found.items() if words} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_speaks_one_language(lang, monkeypatch):
    monkeypatch.setattr("inspector.tui.screens.export.export_dir", lambda: __import__("pathlib").Path("/tmp/exports"))
    seen, data = asyncio.run(_every_screen(lang))
    assert_one_language(seen, lang, data)
    assert t("ui.textual.search_commands", lang) in seen["palette"]
    assert t("ui.textual.search_themes", lang) in seen["themes"]
    assert t("ui.textual.no_matches", lang) in seen["palette, no matches"]


async def _every_screen(lang: str):
    app = app_with_examples(lang)
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await shown(pilot, seen, "home")
        await shown(pilot, seen, "new", "n")
        await pilot.press("escape")
        await shown(pilot, seen, "export dialog", "x")
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
            await shown(pilot, seen, f"inspection {cid}")
        await shown(pilot, seen, "history", "h")
        await pilot.press("escape")
        await shown(pilot, seen, "photos", "p")
        await pilot.press("escape")
        await shown(pilot, seen, "figures", "f")
        await pilot.press("escape")
        await shown(pilot, seen, "summary", "s")
        await shown(pilot, seen, "help", "f1")
        await pilot.press("escape")
        await shown(pilot, seen, "palette", "ctrl+p")
        seen["palette"] += "\n" + app.screen.query_one(Input).placeholder  # the prompt, not an example
        await pilot.press(*"qqqzz")
        await pilot.pause(0.8)  # Textual waits half a second before saying nothing matches
        seen["palette, no matches"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.action_change_theme()
        await shown(pilot, seen, "themes")
        seen["themes"] += "\n" + app.screen.query_one(Input).placeholder
    return seen, data_strings(app.store)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_team_screens_speak_one_language(lang):
    seen, data = asyncio.run(_team_screens(lang))
    assert_one_language(seen, lang, data)


async def _team_screens(lang: str):
    app = team_app(lang)
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await shown(pilot, seen, "home with a campaign")
        await shown(pilot, seen, "conflicts", "k")
        await pilot.press("escape")
        await shown(pilot, seen, "register", "r")
        await pilot.press("escape")
        await shown(pilot, seen, "new campaign", "C")
        await pilot.press("escape")
        await shown(pilot, seen, "campaign", "enter")
    return seen, data_strings(app.store)


def test_the_palette_finds_commands_without_accents():
    asyncio.run(_palette_folds())


async def _palette_folds():
    app = app_with_examples()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"xuat")
        await pilot.pause(0.3)
        found = app.screen.query_one(CommandList)
        titles = [str(found.get_option_at_index(i).prompt).split("\n")[0] for i in range(found.option_count)]
    assert t("key.export") in titles  # "Xuất tệp", typed without its accents


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
