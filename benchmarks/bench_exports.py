"""Export benchmarks, each with a ratio to writing the same cells with the bare library in the same run.

    python benchmarks/bench_exports.py

1. DOCX + XLSX of one inspection (goal ≤ 0.5 s)
2. XLSX of 3,321 inspections, the number of communes and wards (goal ≤ 15 s)
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
# Always a fresh temporary data folder: a benchmark never writes into a user's store, whatever INSPECTOR_HOME says.
os.environ["INSPECTOR_HOME"] = tempfile.mkdtemp(prefix="inspector-bench-")

from bench_core import UNITS, random_answers  # noqa: E402

from inspector.core.scoring import score  # noqa: E402
from inspector.exports.common import Exported  # noqa: E402
from inspector.exports.run import render  # noqa: E402
from inspector.exports.tables import criterion_rows  # noqa: E402
from inspector.store.database import Store  # noqa: E402
from inspector.store.examples import import_examples  # noqa: E402


def timed(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bare_docx(rows) -> None:
    """The same table with python-docx, no layout work."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=6)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, (row[2], row[3], row[5], row[6], row[7], row[12])):
            cell.text = "" if value is None else str(value)
    document.save(io.BytesIO())


def bare_xlsx(rows) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(io.BytesIO())


def bare_many(matrix) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    for row in matrix:
        sheet.append(row)
    book.save(io.BytesIO())


def main() -> None:
    store = Store()
    import_examples(store)
    one = Exported.of(store.load(1))
    rows = criterion_rows(one)
    ours = timed(lambda: (render("docx", [one]), render("xlsx", [one])))
    bare = timed(lambda: (bare_docx(rows), bare_xlsx(rows)))
    print(f"DOCX + XLSX of one inspection: {ours * 1000:.0f} ms (goal ≤ 500 ms); the same cells with bare "
          f"python-docx + openpyxl {bare * 1000:.0f} ms; ratio {ours / bare:.2f}×")

    rng = random.Random(2025)
    checklist = one.record.checklist
    items = []
    for i in range(UNITS):
        answers = random_answers(checklist, rng)
        record = one.record.__class__(i + 1, one.record.info, checklist, answers, one.record.findings, None, False)
        items.append(Exported(record, score(checklist, answers, "xa")))
    start = time.perf_counter()
    data = render("xlsx", items)
    ours = time.perf_counter() - start
    matrix = [[e.record.id, e.record.info.unit, *[float(r.score) for r in e.result.criteria if r.criterion.scored],
               float(e.result.total), float(e.result.percent)] for e in items]
    summary = [[i, e.record.id, e.record.info.unit, "15/10/2025", "cchc-xa 2025.1", float(e.result.total),
                float(e.result.adjustment), float(e.result.final), float(e.result.percent), e.result.band, ""]
               for i, e in enumerate(items)]
    bare = timed(lambda: bare_many(summary + matrix), repeat=1)
    print(f"XLSX of {UNITS:,} inspections (ranked summary + unit × criterion matrix): {ours:.2f} s (goal ≤ 15 s), "
          f"{len(data) / 1e6:.1f} MB; the same cells with bare openpyxl (write-only) {bare:.2f} s; "
          f"ratio {ours / bare:.2f}×")


if __name__ == "__main__":
    main()
