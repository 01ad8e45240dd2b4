"""Core benchmarks: figures and ratios against baselines measured in the same run.

    python benchmarks/bench_core.py

1. load + validate cchc-xa      vs  tomllib.loads of the same text      (goal ≤ 1.5×)
2. score 3,321 inspections × 75 criteria, the number of communes and wards   (goal ≤ 1 s)

In-process figures of the engine itself, on the installed package (the command's cold start, exports and
list are measured end to end by bench_province.py; run_all.py prints every figure in one table).
"""

from __future__ import annotations

import random
import time
import tomllib
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from inspector.core.checklist import checklist_from_text  # noqa: E402
from inspector.core.model import Answer  # noqa: E402
from inspector.core.scoring import score  # noqa: E402

UNITS = 3321


def best_of(fn, repeat: int, number: int) -> float:
    """Best mean time per call over `repeat` rounds of `number` calls (least disturbed by noise)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def random_answers(checklist, rng: random.Random) -> dict[str, Answer]:
    answers = {}
    for c in checklist.criteria:
        if c.type == "yes_no":
            answers[c.id] = Answer(c.id, value=rng.random() < 0.8, evidence=("QĐ",))
        elif c.type == "choice":
            answers[c.id] = Answer(c.id, value=rng.choice(c.options).id, evidence=("QĐ",))
        elif c.type == "multi":
            answers[c.id] = Answer(c.id, value=tuple(i.id for i in c.items if rng.random() < 0.7))
        elif c.type == "ratio":
            d = rng.randint(1, 9000)
            answers[c.id] = Answer(c.id, numerator=rng.randint(int(d * 0.7), d), denominator=d, evidence=("QĐ",))
        elif c.type == "number":
            answers[c.id] = Answer(c.id, value=Fraction(rng.randint(0, 1000), 10))
        elif c.type == "count":
            answers[c.id] = Answer(c.id, value=rng.randint(0, 3))
        else:
            answers[c.id] = Answer(c.id, value="Ghi nhận")
    return answers


def bench_load() -> None:
    text = (ROOT / "checklists" / "cchc-xa.toml").read_text(encoding="utf-8")
    baseline = best_of(lambda: tomllib.loads(text), repeat=7, number=20)
    ours = best_of(lambda: checklist_from_text(text, "cchc-xa.toml"), repeat=7, number=20)
    print(f"load+validate cchc-xa ({len(text):,} chars): {ours * 1000:.2f} ms; "
          f"tomllib.loads {baseline * 1000:.2f} ms; ratio {ours / baseline:.2f}× (goal ≤ 1.5×)")


def bench_score() -> None:
    text = (ROOT / "checklists" / "cchc-xa.toml").read_text(encoding="utf-8")
    checklist = checklist_from_text(text)
    rng = random.Random(2025)
    inspections = [random_answers(checklist, rng) for _ in range(UNITS)]
    scored = sum(1 for c in checklist.criteria if c.scored and c.type != "count")

    def run():
        for answers in inspections:
            score(checklist, answers, "xa")

    total = best_of(run, repeat=3, number=1)
    print(f"score {UNITS:,} inspections × {scored} criteria: {total:.3f} s "
          f"({total / UNITS * 1e6:.0f} µs per inspection) (goal ≤ 1 s)")
    start = time.perf_counter()
    for answers in inspections:
        for r in score(checklist, answers, "xa").criteria:
            _ = r.explanation  # build the text, as an export would
    print(f"  … with every explanation text built as well: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    bench_load()
    bench_score()
