"""The one-file build (packaging/): where the frozen program finds its data, what the spec puts in, and that
the Windows workflow checks what packaging/smoke.sh checks. No build here: .ci/onefile builds and smoke-tests
(minutes of CPU); set INSPECTOR_ONEFILE_BINARY to a built binary to run the smoke test from the suite."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from inspector.core import paths
from inspector.core.figure_import.maps import bundled_map_dir  # imported before any test pretends to be frozen

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "onefile.yml"


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """The program as the one-file build runs it: sys.frozen, and its files unpacked in sys._MEIPASS."""
    unpacked = tmp_path / "_MEI12345"
    (unpacked / "inspector" / "bundled" / "maps").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(unpacked), raising=False)
    return unpacked


def test_from_source_nothing_changes():
    from inspector.exports import docx
    from inspector.tui.app import InspectorApp

    package = Path(paths.__file__).resolve().parent.parent  # the source tree's, or an installed wheel's
    assert paths.frozen_dir() is None
    assert paths.package_dir() == package
    assert paths.bundled_checklist_dir() in (package / "bundled", ROOT / "checklists")
    # the Word templates and the interface's styles are found through paths.package_dir() too
    assert docx.SHIPPED == package / "exports" / "templates" and (docx.SHIPPED / "bien-ban.docx").is_file()
    assert Path(InspectorApp.CSS_PATH) == package / "tui" / "app.tcss"


def test_frozen_program_reads_its_data_from_the_unpacked_folder(frozen):
    assert paths.frozen_dir() == frozen
    assert paths.package_dir() == frozen / "inspector"
    assert paths.bundled_checklist_dir() == frozen / "inspector" / "bundled"
    assert bundled_map_dir() == frozen / "inspector" / "bundled" / "maps"


def test_system_programs_get_the_users_library_path_back(frozen, monkeypatch):
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{frozen}:/opt/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/lib")
    env = paths.outside_environment()
    assert env["LD_LIBRARY_PATH"] == "/opt/lib" and "LD_LIBRARY_PATH_ORIG" not in env
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in paths.outside_environment()  # it was the build's alone


def test_from_source_the_environment_is_left_alone(monkeypatch):
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/lib")
    assert paths.outside_environment()["LD_LIBRARY_PATH"] == "/opt/lib"


def _run_spec(monkeypatch) -> dict:
    """Execute packaging/inspector.spec with PyInstaller's build classes stood in for: what it would build."""
    seen: dict = {}
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **_: [(f"<{package} data>", package)]
    hooks.collect_submodules = lambda package, filter=None: [package]
    hooks.copy_metadata = lambda distribution: [(f"<{distribution} metadata>", ".")]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)

    def analysis(scripts, **options):
        seen.update(scripts=scripts, **options)
        return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])

    def exe(*_, **options):
        seen["exe"] = options

    spec = PACKAGING / "inspector.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),
         {"SPECPATH": str(PACKAGING), "Analysis": analysis, "PYZ": lambda *_: None, "EXE": exe})
    return seen


def test_the_spec_ships_checklists_templates_and_styles(monkeypatch):
    built = _run_spec(monkeypatch)
    datas = {(Path(source), target) for source, target in built["datas"] if not source.startswith("<")}
    # checklists/ whole: current checklists, versions/ (the examples pin archived releases), maps/, examples/
    assert (ROOT / "checklists", "inspector/bundled") in datas
    for needed in ("versions", "maps", "examples"):
        assert (ROOT / "checklists" / needed).is_dir()
    shipped = {source.relative_to(ROOT).as_posix(): target for source, target in datas if source != ROOT / "checklists"}
    templates = sorted(p.name for p in (ROOT / "inspector" / "exports" / "templates").glob("*.docx"))
    assert templates and all(shipped[f"inspector/exports/templates/{name}"] == "inspector/exports/templates"
                             for name in templates)
    assert shipped["inspector/tui/app.tcss"] == "inspector/tui"
    assert not any(name.endswith((".py", ".pyc")) or "__pycache__" in name for name in shipped)
    assert "textual" in built["hiddenimports"] and "inspector" in built["hiddenimports"]
    assert built["scripts"] == [str(PACKAGING / "entry.py")]
    assert built["exe"]["console"] is True and built["exe"]["name"] == "inspector" and built["exe"]["upx"] is False


def _labels(pattern: str, text: str) -> set[str]:
    return {label for label in re.findall(pattern, text) if "$" not in label}


@pytest.mark.skipif(not WORKFLOW.is_file(), reason="no .github/ here (an sdist)")
def test_the_windows_workflow_checks_what_the_linux_smoke_test_checks():
    smoke = (PACKAGING / "smoke.sh").read_text(encoding="utf-8")
    workflow = WORKFLOW.read_text(encoding="utf-8")
    linux = _labels(r'^step "([^"]+)"', re.sub(r"^\s+", "", smoke, flags=re.M))
    windows = _labels(r"^Step '([^']+)'", re.sub(r"^\s+", "", workflow, flags=re.M))
    # not on Windows: the warm second start (a Linux timing), the PDF (no LibreOffice on the runner)
    assert windows == linux - {"--version (again, warm)", "export PDF (LibreOffice, pyHanko)"}
    assert "runs-on: windows-latest" in workflow and "shell: pwsh" in workflow
    assert "packaging\\build_onefile.py" in workflow and "-r packaging/requirements.txt" in workflow
    assert "An Thạnh" in workflow  # the home screen's check, through Textual's screenshot


@pytest.mark.skipif(not os.environ.get("INSPECTOR_ONEFILE_BINARY"), reason="set INSPECTOR_ONEFILE_BINARY to a built binary")
@pytest.mark.skipif(shutil.which("tmux") is None or sys.platform == "win32", reason="needs bash and tmux")
def test_smoke_the_built_binary():
    binary = os.environ["INSPECTOR_ONEFILE_BINARY"]
    done = subprocess.run(["bash", str(PACKAGING / "smoke.sh"), binary], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
