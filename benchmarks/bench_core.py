"""Core benchmarks: figures and ratios against baselines measured in the same run.

    python benchmarks/bench_core.py [--json FILE]

1. load + validate cchc-xa      vs  tomllib.loads of the same text      (goal ≤ 1.5×)
2. load + validate a 2,000-criterion checklist vs tomllib, and vs 200 criteria ×10   (linear: ≤ 1.5×)
3. score 3,321 inspections × cchc-xa, each with its own answers and figures (seeded.py)   (goal ≤ 1 s)
4. the self-assessment workbook of 2,000 criteria vs 10 × that of 200   (linear: ≤ 1.5×)

In-process figures of the engine itself, on the installed package (the command's cold start, exports and
list are measured end to end by bench_province.py; run_all.py prints every figure in one table).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(ROOT / "tests"))  # after site-packages: the installed inspector wins

from inspector.core.checklist import checklist_from_text  # noqa: E402
from inspector.core.scoring import score  # noqa: E402
from seeded import answers_for, facts_for  # noqa: E402
from synthetic import big_checklist  # noqa: E402

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


def bench_load() -> list[dict]:
    text = (ROOT / "checklists" / "cchc-xa.toml").read_text(encoding="utf-8")
    baseline = best_of(lambda: tomllib.loads(text), repeat=7, number=20)
    ours = best_of(lambda: checklist_from_text(text, "cchc-xa.toml"), repeat=7, number=20)
    print(f"load+validate cchc-xa ({len(text):,} chars): {ours * 1000:.2f} ms; "
          f"tomllib.loads {baseline * 1000:.2f} ms; ratio {ours / baseline:.2f}× (goal ≤ 1.5×)")
    small, big = big_checklist(200), big_checklist(2000)
    t_small = best_of(lambda: checklist_from_text(small, "s.toml"), repeat=5, number=5)
    t_big = best_of(lambda: checklist_from_text(big, "b.toml"), repeat=3, number=1)
    b_big = best_of(lambda: tomllib.loads(big), repeat=3, number=1)
    print(f"load+validate 2,000 criteria: {t_big * 1000:.1f} ms; tomllib {b_big * 1000:.1f} ms "
          f"({t_big / b_big:.2f}×); 10 × 200 criteria {t_small * 10000:.1f} ms ({t_big / (t_small * 10):.2f}×)")
    return [
        {"measure": "load + validate cchc-xa (in process)", "value": ours, "baseline": "tomllib.loads", "base": baseline,
         "ratio": ours / baseline, "goal": 1.5, "met": ours / baseline <= 1.5},
        {"measure": "load + validate 2,000 criteria (in process)", "value": t_big, "baseline": "tomllib.loads",
         "base": b_big, "ratio": t_big / b_big, "goal": 1.5, "met": t_big / b_big <= 1.5},
        {"measure": "load + validate, linear: 2,000 vs 10 × 200 criteria", "value": t_big,
         "baseline": "10 × 200 criteria", "base": t_small * 10, "ratio": t_big / (t_small * 10), "goal": 1.5,
         "met": t_big / (t_small * 10) <= 1.5},
    ]


def bench_score() -> list[dict]:
    from inspector.core.library import find_checklist

    checklist = find_checklist("cchc-xa")
    rng = random.Random(2026)
    inspections = [(answers_for(checklist, rng), facts_for(checklist, rng), ("Báo cáo số 1/BC-UBND",))
                   for _ in range(UNITS)]

    def run():
        for answers, facts, sources in inspections:
            score(checklist, answers, "xa", facts, sources)

    total = best_of(run, repeat=3, number=1)
    print(f"score {UNITS:,} inspections × {len(checklist.criteria)} criteria ({checklist.version}): {total:.3f} s "
          f"({total / UNITS * 1e6:.0f} µs per inspection) (goal ≤ 1 s)")
    return [{"measure": f"score {UNITS:,} × cchc-xa {checklist.version}, distinct answers (in process)",
             "value": total, "goal": 1.0, "met": total <= 1.0}]


def bench_self_assessment() -> list[dict]:
    from inspector.core.model import InspectionInfo
    from inspector.exports.self_assessment import workbook_bytes
    from inspector.store.database import Inspection
    from inspector.core.model import Findings

    def record(n: int):
        checklist = checklist_from_text(big_checklist(n), f"big{n}.toml")
        info = InspectionInfo(checklist.id, checklist.version, "UBND xã Thử", dt.date(2026, 3, 1))
        return Inspection(1, info, checklist, {}, Findings(), None, False)

    small, big = record(200), record(2000)
    t_small = best_of(lambda: workbook_bytes(small, "u"), repeat=3, number=1)
    t_big = best_of(lambda: workbook_bytes(big, "u"), repeat=2, number=1)
    ratio = t_big / (t_small * 10)
    print(f"self-assessment workbook: 2,000 criteria {t_big:.3f} s, 200 criteria {t_small:.3f} s; "
          f"2,000 / (10 × 200) = {ratio:.2f}× (linear: ≤ 1.5×)")
    return [{"measure": "self-assessment workbook, 2,000 criteria vs 10 × 200 (linear)", "value": t_big,
             "baseline": "10 × 200 criteria", "base": t_small * 10, "ratio": ratio, "goal": 1.5, "met": ratio <= 1.5}]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run_all.py reads it)")
    args = parser.parse_args()
    rows = bench_load() + bench_score() + bench_self_assessment()
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
