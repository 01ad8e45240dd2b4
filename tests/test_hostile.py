"""The hostile corpus (tests/hostile.py): every malformed input gets its exact message with its line, every
valid one is accepted; exports survive control characters; no formula and no terminal escape leaks out."""

from __future__ import annotations

import html
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest
from hostile import (
    ANSWER_FILES,
    BASE,
    CHECKLISTS,
    RECORDS,
    WORKBOOKS,
    invalid_utf8,
    unknown_ids,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.authoring.sheet import (
    SheetProblems,
    checklist_from_xlsx,
    checklist_to_xlsx,
)
from inspector.cli.main import main
from inspector.core.answers import load_answers
from inspector.core.checklist import checklist_from_text, load_checklist
from inspector.core.problems import FileProblems


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def first_problem(load, name: str) -> str | None:
    try:
        load(name)
    except FileProblems as refused:
        return refused.render("en").splitlines()[0]
    return None


@pytest.mark.parametrize("name, text, expected", CHECKLISTS, ids=[c[0] for c in CHECKLISTS])
def test_checklist_corpus(here, name, text, expected):
    (here / "c.toml").write_bytes(text.encode("utf-8"))
    assert first_problem(load_checklist, "c.toml") == expected


def test_invalid_utf8_names_its_line_and_byte(here):
    (here / "c.toml").write_bytes(invalid_utf8())
    assert first_problem(load_checklist, "c.toml") == \
        "c.toml:15: file: not valid UTF-8 (byte 0xea at column 12) — save the file as UTF-8"


def test_a_file_past_the_size_limit_is_not_read(here):
    with open("c.toml", "wb") as handle:
        handle.write(BASE.encode())
        handle.write(b"# " + b"x" * (17 * 1024 * 1024) + b"\n")
    assert first_problem(load_checklist, "c.toml") == \
        "c.toml:1: file: the file is too large (17.0 MB, limit 16.0 MB) — check it is the right file; checklists " \
        "and answer files are usually under 1 MB"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_is_refused_not_waited_on(here):
    os.mkfifo("c.toml")
    assert first_problem(load_checklist, "c.toml") == \
        "c.toml:1: file: cannot read the file: it is not a regular file (a device, a pipe…) — choose a file on disk"


def test_a_folder_is_refused(here):
    (here / "c.toml").mkdir()
    assert first_problem(load_checklist, "c.toml") == \
        "c.toml:1: file: cannot read the file: it is not a regular file (a device, a pipe…) — choose a file on disk"


@pytest.mark.parametrize("name, text, expected", ANSWER_FILES, ids=[c[0] for c in ANSWER_FILES])
def test_answer_file_corpus(here, name, text, expected):
    checklist = checklist_from_text(BASE, "c.toml")
    (here / "a.toml").write_text(text, encoding="utf-8")
    assert first_problem(lambda path: load_answers(path, checklist), "a.toml") == expected


def test_a_hundred_thousand_unknown_ids_are_counted_not_each_described(here):
    checklist = checklist_from_text(BASE, "c.toml")
    (here / "a.toml").write_text(unknown_ids(100_000), encoding="utf-8")
    with pytest.raises(FileProblems) as caught:
        load_answers("a.toml", checklist)
    lines = caught.value.render("en").splitlines()
    assert len(lines) == 201
    assert lines[0] == 'a.toml:11: answer X0: the checklist has no criterion "X0" — check the criterion id'
    assert lines[-1] == "a.toml:200011: file: 99800 more problems not listed — fix the ones above and check again"


@pytest.fixture
def workbook(here):
    (here / "base.xlsx").write_bytes(checklist_to_xlsx(checklist_from_text(BASE, "c.toml")))
    return here / "base.xlsx"


@pytest.mark.parametrize("name, make, expected", WORKBOOKS, ids=[c[0] for c in WORKBOOKS])
def test_workbook_corpus(workbook, here, name, make, expected):
    make(workbook, here / "w.xlsx")
    with pytest.raises(SheetProblems) as caught:
        checklist_from_xlsx("w.xlsx")
    first = caught.value.render("en").splitlines()[0]
    assert first.startswith(expected) if expected.endswith("column ") else first == expected


def test_the_base_workbook_is_accepted(workbook):
    checklist, _ = checklist_from_xlsx(workbook)
    assert [c.id for c in checklist.criteria] == ["A1", "A2"]


@pytest.mark.parametrize("name, text, expected", RECORDS, ids=[c[0] for c in RECORDS])
def test_record_corpus(here, capsys, name, text, expected):
    (here / "r.json").write_text(text, encoding="utf-8")
    assert main(["--lang", "en", "verify", "r.json"]) == 1
    assert capsys.readouterr().err.strip() == f"inspector: {expected}"


# ---- mutations of a valid file: a clear message with its line, or acceptance; nothing else
MUTATIONS = st.lists(st.tuples(st.integers(0, len(BASE)), st.sampled_from(
    ['"', "'", "[", "]", "{", "}", "=", "\n", "\\", '"""', "1e99999", "\x0b", "\x00", "#", ".", ",", "é", "\u202e",
     "[[", "]]", "-", "9" * 40, "inf", "\t"])), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(MUTATIONS)
def test_any_mutation_is_refused_with_a_located_message_or_accepted(mutations):
    text = BASE
    for position, insert in sorted(mutations, reverse=True):
        text = text[:position] + insert + text[position:]
    try:
        checklist = checklist_from_text(text, "c.toml")
    except FileProblems as refused:
        for line in refused.render("en").splitlines():
            assert line.startswith("c.toml:") and line.split(":")[1].isdigit(), line
            assert line.isprintable(), line
    else:
        assert checklist.criteria


# ---- what leaves the program
def _stored_with_control_characters(tmp_path):
    """A store written by an older version: raw control characters and formulas in every text field."""
    from inspector.core.model import Answer, Findings, InspectionInfo
    from inspector.store.database import Store

    checklist = checklist_from_text(BASE.replace('label = "Tốt"', 'label = "=1+1"'), "c.toml")
    store = Store()
    number = store.create_inspection(checklist, InspectionInfo("t", "1", "UBND xã Thử", __import__("datetime").date(
        2026, 3, 2)), {"A1": Answer("A1", value=True)}, Findings())
    hostile = "=HYPERLINK(\"x\")\x0bdòng 2\x00\x1b]0;pwned\x07 \u202eabc"
    store.db.execute("UPDATE answers SET data = ? WHERE criterion_id = 'A1'",
                     (json.dumps({"value": True, "note": hostile, "evidence": [hostile]}),))
    store.db.execute("UPDATE inspections SET unit = ?, findings = ?", (
        "UBND xã\x1b]0;pwned\x07 [/] lỗi\u202e", json.dumps({"conclusion": hostile, "strengths": hostile})))
    return store, number


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "json", "md", "answers"])
def test_exports_succeed_with_control_characters_in_the_store(tmp_path, fmt):
    from inspector.exports.common import Exported
    from inspector.exports.run import export

    store, number = _stored_with_control_characters(tmp_path)
    out = export([Exported.of(store.load(number))], fmt, tmp_path / f"out.{fmt}")
    data = out.read_bytes()
    if fmt in ("docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
            cells = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
        assert b"<f>" not in cells and b"<f " not in cells  # no formula: "=1+1" and "=HYPERLINK" stay words
        data = html.unescape(data.decode()).encode()  # openpyxl writes "ò" as &#242;
    assert b"\x1b" not in data and b"\x0b" not in data and b"\x00" not in data
    assert "dòng 2".encode() in data or fmt in ("json", "answers")  # those two escape, as JSON and TOML do
    assert "\u202e" not in out.name


def test_xlsx_has_no_formula_for_any_text(tmp_path):
    from openpyxl import load_workbook

    from inspector.exports.common import Exported
    from inspector.exports.run import export

    store, number = _stored_with_control_characters(tmp_path)
    for fmt, count in (("xlsx", 1), ("xlsx", 2)):
        out = export([Exported.of(store.load(number))] * count, fmt, tmp_path / f"{count}.xlsx")
        book = load_workbook(out)
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        words = "=HYPERLINK" if count == 1 else "UBND xã"
        assert any(str(cell.value).startswith(words) for cell in cells)
    sheet = checklist_to_xlsx(checklist_from_text(BASE.replace('label = "Tốt"', 'label = "=1+1"'), "c.toml"))
    with zipfile.ZipFile(io.BytesIO(sheet)) as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist())


def test_the_cli_never_prints_escapes_from_data(tmp_path, capsys):
    _stored_with_control_characters(tmp_path)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "UBND xã\\x1b]0;pwned\\x07" in out


def test_the_interface_shows_a_markup_like_unit_name_in_a_notice(tmp_path):
    import asyncio

    from inspector.core.config import Config
    from inspector.tui.app import InspectorApp

    store, _ = _stored_with_control_characters(tmp_path)
    app = InspectorApp(store=store, config=Config(), resume=False)

    async def scenario():
        async with app.run_test(size=(100, 36)) as pilot:
            app.notify("Đã lưu trữ UBND xã [/] lỗi [bold]")
            app.open_inspection(1)
            await pilot.pause()
            assert app.screen.sub_title == "UBND xã\\x1b]0;pwned\\x07 [/] lỗi\\u202e — t 1"
            assert [n.message for n in app._notifications] == ["Đã lưu trữ UBND xã [/] lỗi [bold]"]

    asyncio.run(scenario())


# ---- the store: all or nothing, read-only, full disk
def _user_checklist(text: str) -> None:
    """The answer files say `checklist = "t"`: put that checklist where `import` looks for it."""
    folder = __import__("inspector.core.paths", fromlist=["user_checklist_dir"]).user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.toml").write_text(text, encoding="utf-8")


def test_an_import_interrupted_mid_way_leaves_nothing(here, monkeypatch, capsys):
    from inspector.store.database import Store
    from inspector.store.unit_of_work import Unit

    _user_checklist(BASE)
    (here / "a.toml").write_text(ANSWER_FILES[0][1], encoding="utf-8")

    def killed(*args):
        raise KeyboardInterrupt  # as a kill between the inspection row and its answers would

    with monkeypatch.context() as patched:
        patched.setattr(Unit, "put_imported", killed)
        assert main(["import", "a.toml"]) == 130
    assert Store().list_inspections(include_archived=True) == []
    assert main(["import", "a.toml"]) == 0
    assert [row.unit for row in Store().list_inspections()] == ["UBND xã Thử"]


def test_killed_imports_leave_nothing_or_everything(tmp_path):
    home = tmp_path / "home"
    (home / "checklists").mkdir(parents=True)
    (home / "checklists" / "t.toml").write_text(BASE + "".join(
        f'\n[[section.criterion]]\nid = "B{i}"\ntitle = "b"\ntype = "yes_no"\nmax = 1\n' for i in range(3000)),
        encoding="utf-8")
    answers = "".join(f"[answers.B{i}]\nvalue = true\nnote = \"ghi chú {i}\"\n" for i in range(3000))
    (tmp_path / "a.toml").write_text(ANSWER_FILES[0][1] + answers, encoding="utf-8")
    env = {**os.environ, "INSPECTOR_HOME": str(home)}
    command = [sys.executable, "-m", "inspector", "import", str(tmp_path / "a.toml"), "--again"]  # the same file, each time
    for delay in (0.3, 0.5, 0.7, 0.9, 1.2, None):  # the last one runs to the end
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if delay is None:
            assert process.wait(timeout=120) == 0
            continue
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    database = sqlite3.connect(home / "inspector.db")
    counts = database.execute("SELECT i.id, count(a.criterion_id) FROM inspections i LEFT JOIN answers a"
                              " ON a.inspection_id = i.id GROUP BY i.id").fetchall()
    database.close()
    assert counts and all(n == 3001 for _, n in counts), counts


def test_a_full_disk_says_so(tmp_path):
    from inspector.core.model import Answer
    from inspector.store.database import Store, StoreError

    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist_from_text(BASE, "c.toml"), __import__("inspector.core.model", fromlist=[
        "InspectionInfo"]).InspectionInfo("t", "1", "UBND xã Thử", __import__("datetime").date(2026, 3, 2)))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # every page that grows the file now fails: SQLITE_FULL
    with pytest.raises(StoreError) as caught:
        store.save_answer(number, "A1", Answer("A1", value=True, note="x" * 200_000))
    assert caught.value.key == "store.full"
    assert caught.value.message("en").startswith("the disk is full; nothing was saved to")


def test_a_store_that_cannot_be_written_still_lists_and_exports(here, monkeypatch, capsys):
    from inspector.store import database
    from inspector.store.examples import import_examples

    import_examples(database.Store())
    real = database.migrate

    def read_only_disk(db):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(database, "migrate", read_only_disk)
    assert main(["--lang", "en", "list"]) == 0
    captured = capsys.readouterr()
    assert "Đồng Tâm" in captured.out
    assert "can only be read (attempt to write a readonly database): you can view and export, not save" in captured.err
    assert main(["--lang", "en", "export", "1", "--format", "csv", "-o", "out.csv"]) == 0
    assert (here / "out.csv").read_bytes()
    assert main(["--lang", "en", "import", str(database.Path(__file__).parent.parent / "checklists" / "examples"
                                              / "cchc-xa.answers.toml")]) == 1
    assert "what you typed" not in capsys.readouterr().err
    monkeypatch.setattr(database, "migrate", real)
    assert len(database.Store().list_inspections()) == 2


def test_a_store_damaged_after_a_good_check_is_found_at_the_next_open(here):
    from inspector.store.database import Store, default_path
    from inspector.store.examples import import_examples

    store = Store()
    import_examples(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = default_path()
    assert Store(check=True).read_only is None
    marker = path.with_name(path.name + "-checked")
    stat = path.stat()
    assert marker.read_text().split()[0] == f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"
    with open(path, "r+b") as handle:  # the header's page count no longer matches: quick_check says so
        handle.seek(4096 * 2 + 8)
        handle.write(b"\xff" * 64)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    checked = Store(check=True)
    assert checked.read_only is not None and checked.read_only.key == "store.damaged"


def _counting_checks(monkeypatch) -> list[int]:
    from inspector.store.database import Store

    ran: list[int] = []
    real = Store._quick_check

    def counted(self):
        ran.append(1)
        return real(self)

    monkeypatch.setattr(Store, "_quick_check", counted)
    return ran


def test_a_store_written_and_closed_cleanly_is_not_read_again_but_an_unclean_end_is(here, monkeypatch):
    from inspector.store import database
    from inspector.store.database import Store
    from inspector.store.examples import import_examples

    import_examples(Store())
    ran = _counting_checks(monkeypatch)
    store = Store(check=True)
    assert len(ran) == 1  # never checked: checked
    store.set_state("x", "1")  # a session's work
    store.close()
    store = Store(check=True)
    assert len(ran) == 1  # written only through the program and closed cleanly: trusted
    store.set_state("x", "2")
    del store  # a command that lets go of its store ends cleanly too
    assert Store(check=True).read_only is None and len(ran) == 1
    crashed = Store(check=True)
    crashed.set_state("x", "3")  # a crash: never closed, its write still in the WAL
    second = Store(check=True)
    assert len(ran) == 2 and second.read_only is None
    crashed.db.close()  # the crashed process's connection goes away (the WAL is checkpointed), no marker
    crashed._trusted = None
    second._trusted = None  # its open was checked, but it ends without a clean close
    second.db.close()
    Store(check=True)
    assert len(ran) == 3  # the file changed without a clean close: checked again
    monkeypatch.setattr(database, "CHECK_EVERY", 0)
    Store(check=True)
    assert len(ran) == 4  # a marker older than the schedule is not trusted


def test_a_store_damaged_after_a_clean_close_is_found_before_anything_is_written(here, capsys):
    from inspector.store.database import Store, default_path
    from inspector.store.examples import import_examples

    import_examples(Store())
    store = Store(check=True)
    store.set_state("x", "1")
    store.close()
    path = default_path()
    assert path.with_name(path.name + "-checked").exists()
    stat = path.stat()
    with open(path, "r+b") as handle:  # damaged by something other than the program (a disk, a copy)
        handle.seek(4096 * 2 + 8)
        handle.write(b"\xff" * 64)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    damaged = Store(check=True)
    assert damaged.read_only is not None and damaged.read_only.key == "store.damaged"
    damaged.close()
    assert main(["--lang", "en", "import", str(__import__("pathlib").Path(__file__).parent.parent / "checklists"
                                              / "examples" / "cchc-xa.answers.toml")]) == 1
    assert "is damaged" in capsys.readouterr().err


def test_a_damaged_store_opens_read_only_and_refuses_an_import(here, capsys):
    from inspector.store.database import Store, default_path
    from inspector.store.examples import import_examples

    store = Store()
    import_examples(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = default_path()
    database = sqlite3.connect(path)
    root = database.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_answers_1'").fetchone()[0]
    size = database.execute("PRAGMA page_size").fetchone()[0]
    database.close()
    with open(path, "r+b") as handle:  # scribble over an index's cell pointers: the tables stay readable
        handle.seek((root - 1) * size + 8)
        handle.write(b"\xff" * 64)
    damaged = Store(check=True)
    assert damaged.read_only is not None and damaged.read_only.key == "store.damaged"
    assert not path.with_name(path.name + "-checked").exists()  # a damaged store is never marked as checked
    assert main(["--lang", "en", "import", str(__import__("pathlib").Path(__file__).parent.parent / "checklists"
                                              / "examples" / "cchc-xa.answers.toml")]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "opened read-only: export what can be read" in err
    assert main(["--lang", "en", "list"]) == 0
    assert "Đồng Tâm" in capsys.readouterr().out
