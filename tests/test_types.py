"""Type checking: `mypy --strict` passes on the core, the store and the session; elsewhere plain mypy stays within
the baseline."""

import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRICT = ("core", "session", "store")


def errors_of(api, tmp_path, *args: str) -> list[str]:
    out, _, _ = api.run(["--ignore-missing-imports", "--cache-dir", str(tmp_path / "cache"), "--no-error-summary",
                         *args])
    return [line for line in out.splitlines() if ": error:" in line]


def test_the_lower_layers_pass_mypy_strict(tmp_path):
    api = pytest.importorskip("mypy.api")
    assert errors_of(api, tmp_path, "--strict", *(str(ROOT / "inspector" / layer) for layer in STRICT)) == []


def test_mypy_errors_stay_within_the_baseline(tmp_path):
    api = pytest.importorskip("mypy.api")
    errors = errors_of(api, tmp_path, str(ROOT / "inspector"))
    per_layer = Counter(Path(line.split(":", 1)[0]).relative_to(ROOT / "inspector").parts[0] if
                        line.startswith(str(ROOT)) else line.split("/", 2)[1] for line in errors)
    baseline = tomllib.loads((ROOT / "tests" / "mypy-baseline.toml").read_text(encoding="utf-8"))
    assert [line for line in errors if any(f"inspector/{layer}/" in line for layer in STRICT)] == []
    over = {layer: (count, baseline.get(layer, 0)) for layer, count in per_layer.items()
            if count > baseline.get(layer, 0)}
    assert over == {}, "\n".join(errors)
