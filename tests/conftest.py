from __future__ import annotations

import textwrap

import pytest

from inspector.core import i18n
from inspector.core.answers import answers_from_text
from inspector.core.checklist import checklist_from_text

HEADER = """\
format = 1
id = "test"
version = "1"
title = "Bảng kiểm thử"
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test gets its own data directory and starts in Vietnamese."""
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("INSPECTOR_LANG", raising=False)
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


def make_checklist(body: str, header: str = HEADER):
    return checklist_from_text(header + textwrap.dedent(body), "test.toml")


def make_answers(checklist, body: str, unit_type: str | None = None):
    unit_line = f'unit_type = "{unit_type}"\n' if unit_type else ""
    text = (
        "format = 1\n[inspection]\n"
        f'checklist = "{checklist.id}"\nchecklist_version = "{checklist.version}"\n'
        f'unit = "UBND xã Thử"\ndate = 2025-01-02\n{unit_line}' + textwrap.dedent(body)
    )
    return answers_from_text(text, checklist, "test.answers.toml")


@pytest.fixture(autouse=True)
def _plain_glyphs_off():
    """`ascii = true` (or a console without ✓) in one test must not reach the next."""
    from inspector.core.glyphs import set_plain

    set_plain(False)
    yield
    set_plain(False)


@pytest.fixture(autouse=True)
def _no_unexpected_crash(request, tmp_path):
    """The interface shows an unexpected error in a dialog and writes a crash log instead of dying; a test
    in which that happened fails here (unless it asked for `expected_crash`), so no bug hides behind it."""
    yield
    if "expected_crash" in request.fixturenames:
        return
    logs = sorted((tmp_path / "home" / "crash-logs").glob("crash-*.log"))
    if logs:
        pytest.fail("unexpected error (crash log written):\n" + logs[-1].read_text(encoding="utf-8"))


@pytest.fixture
def expected_crash():
    """A test that makes the program fail on purpose (the crash log's own tests)."""
    return True
