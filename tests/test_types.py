"""Type checking: zero mypy errors in the core, the store and the session; no more than the baseline elsewhere."""

import tomllib
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRICT = ("core", "session", "store")


def test_mypy_errors_stay_within_the_baseline(tmp_path):
    api = pytest.importorskip("mypy.api")
    out, err, _ = api.run(["--ignore-missing-imports", "--cache-dir", str(tmp_path / "cache"),
                           "--no-error-summary", str(ROOT / "inspector")])
    errors = [line for line in out.splitlines() if ": error:" in line]
    per_layer = Counter(Path(line.split(":", 1)[0]).relative_to(ROOT / "inspector").parts[0] if
                        line.startswith(str(ROOT)) else line.split("/", 2)[1] for line in errors)
    baseline = tomllib.loads((ROOT / "tests" / "mypy-baseline.toml").read_text(encoding="utf-8"))
    strict_errors = [line for line in errors if any(f"inspector/{layer}/" in line for layer in STRICT)]
    assert strict_errors == []
    over = {layer: (count, baseline.get(layer, 0)) for layer, count in per_layer.items()
            if count > baseline.get(layer, 0)}
    assert over == {}, "\n".join(errors)
