"""The core stands alone: no Textual, no Rich; and the wheel carries the bundled checklists."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = ["inspector.core.model", "inspector.core.numbers", "inspector.core.source", "inspector.core.checklist", "inspector.core.answers",
                "inspector.core.scoring", "inspector.core.explain", "inspector.core.serialize", "inspector.core.library", "inspector.core.paths",
                "inspector.core.i18n", "inspector.core.problems", "inspector.core.tomlmap", "inspector.core.checks"]


def test_core_imports_neither_textual_nor_rich():
    code = (
        "import json, sys\n"
        f"for name in {CORE_MODULES!r}: __import__(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_score_json_path_imports_neither_textual_nor_rich(tmp_path):
    example = ROOT / "checklists" / "examples" / "cchc-xa.answers.toml"
    code = (
        "import json, sys, io, contextlib\nfrom inspector.cli.main import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['score', 'cchc-xa', {str(example)!r}, '--json'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))"
    )
    env = {**os.environ, "INSPECTOR_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert json.loads(done.stdout) == []


@pytest.mark.skipif(os.environ.get("INSPECTOR_SKIP_WHEEL") == "1", reason="wheel build disabled")
def test_wheel_ships_bundled_checklists_and_works_from_anywhere(tmp_path):
    """Build the wheel, unpack it away from the source tree, and score with the id alone."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True)
    if built.returncode != 0 and "No module named hatchling" in built.stderr + built.stdout:
        pytest.skip("hatchling is not installed in this environment")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("cchc_inspector-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert "inspector/bundled/cchc-xa.toml" in names and "inspector/bundled/van-thu-luu-tru.toml" in names
    assert "inspector/exports/templates/bien-ban.docx" in names and "inspector/exports/templates/ket-luan.docx" in names
    assert "inspector/bundled/examples/cchc-xa.answers.toml" in names
    assert "inspector/bundled/versions/cchc-xa-2026.2.toml" in names  # the release the example pins
    assert any(n.endswith("licenses/LICENSE") for n in names)
    metadata = (tmp_path / "site" / next(n for n in names if n.endswith("METADATA"))).read_text(encoding="utf-8")
    assert "Name: cchc-inspector" in metadata and "License-Expression: MIT" in metadata
    assert "Classifier: Natural Language :: Vietnamese" in metadata
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "inspector = inspector.cli.main:main" in (tmp_path / "site" / entry_points).read_text()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "INSPECTOR_HOME": str(tmp_path / "home")}
    example = tmp_path / "site" / "inspector" / "bundled" / "examples" / "cchc-xa.answers.toml"
    done = subprocess.run([sys.executable, "-c", "import sys, inspector.cli.main; sys.exit(inspector.cli.main.main())",
                           "score", "cchc-xa", str(example), "--json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 75.09
    located = subprocess.run([sys.executable, "-c", "import inspector.core.paths as p; print(p.bundled_checklist_dir())"],
                             cwd=tmp_path, env=env, capture_output=True, text=True)
    assert located.stdout.strip() == str(tmp_path / "site" / "inspector" / "bundled")


def test_python_dash_m_inspector_is_the_command(tmp_path):
    env = {**os.environ, "INSPECTOR_HOME": str(tmp_path)}
    example = ROOT / "checklists" / "examples" / "cchc-xa.answers.toml"
    done = subprocess.run([sys.executable, "-m", "inspector", "score", "cchc-xa", str(example), "--json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 75.09
