"""Province-scale benchmarks of the installed command, each against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_province.py [--runs 5] [--units 3321]

Everything runs in a temporary data folder (INSPECTOR_HOME is always set to it; a user's store is never
touched). The store holds `--units` inspections of cchc-xa (every commune and ward in the country by
default), each with its own answers, figures, notes and evidence (`seeded.py`, a fixed seed): no cache
is hit more often than a real province's store would hit it. A and B alternate; each figure is the median of the runs with min–max, for
wall time, CPU (user + system of the child) and the child's peak memory.

| path | baseline |
|---|---|
| export --all --format xlsx | bare openpyxl write-only: the same two sheets from the same store |
| export --all --format csv | the XLSX export |
| list | the same SELECT printed one line per row |
| score --json (cold) | python -c pass |
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
INSPECTOR = str(BIN / ("inspector.exe" if os.name == "nt" else "inspector"))

# Runs a command and reports its own child's wall time, CPU and peak memory (one child per measurement).
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
                  "code": done.returncode, "err": done.stderr.decode(errors="replace")[-300:]}))
"""

BARE_XLSX = r"""
import sqlite3, sys
from openpyxl import Workbook
db = sqlite3.connect(sys.argv[1])
book = Workbook(write_only=True)
summary = book.create_sheet("Tổng hợp")
summary.append(["Hạng", "Số", "Đơn vị", "Ngày", "Bảng kiểm", "Điểm", "Thưởng/trừ", "Điểm cuối", "Tỷ lệ", "Xếp loại", "Điểm liệt"])
rows = db.execute("SELECT id, unit, date, checklist_id, checklist_version, score, percent, band FROM inspections"
                  " ORDER BY CAST(percent AS REAL) DESC").fetchall()
for rank, (number, unit, date, cid, version, points, percent, band) in enumerate(rows, 1):
    summary.append([rank, number, unit, date, f"{cid} {version}", float(points or 0), 0.0, float(points or 0),
                    float(percent or 0), band, ""])
matrix = book.create_sheet("Ma trận")
ids = [r[0] for r in db.execute("SELECT DISTINCT criterion_id FROM answers ORDER BY criterion_id")]
matrix.append(["Số", "Đơn vị", *ids])
answers = {}
for number, cid, data in db.execute("SELECT inspection_id, criterion_id, data FROM answers"):
    answers.setdefault(number, {})[cid] = len(data) % 7  # a number per cell, as the real sheet has
for number, unit, *_ in rows:
    matrix.append([number, unit, *[answers.get(number, {}).get(cid) for cid in ids]])
book.save(sys.argv[2])
"""

BARE_LIST = r"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("SELECT id, unit, date, checklist_id, checklist_version, answered, to_answer, score, percent,"
                      " band FROM inspections WHERE archived = 0 ORDER BY updated_at DESC, id DESC"):
    print(" ".join("" if v is None else str(v) for v in row))
"""


def make_store(home: Path, units: int) -> Path:
    """A store of `units` inspections, each with its own answers, figures, notes and evidence (seeded.py)."""
    env = {**os.environ, "INSPECTOR_HOME": str(home)}
    subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "seeded.py"), str(home), "--units",
                    str(units)], env=env, check=True, stdout=subprocess.DEVNULL)
    return home / "inspector.db"


def measure(command: list[str], env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True,
                         check=True).stdout
    result = json.loads(out)
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result['err']}")
    return result


def summary(samples: list[dict], key: str) -> tuple[float, float, float]:
    values = [s[key] for s in samples]
    return statistics.median(values), min(values), max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run_all.py reads it)")
    args = parser.parse_args()
    rows = []
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from installed import warn_if_recompiled

    warn_if_recompiled()
    with tempfile.TemporaryDirectory(prefix="inspector-bench-") as folder:
        home = Path(folder) / "home"
        env = {**os.environ, "INSPECTOR_HOME": str(home)}
        print(f"building a store of {args.units} inspections in {home} …", file=sys.stderr)
        store = make_store(home, args.units)
        subprocess.run([INSPECTOR, "list"], env=env, check=True, stdout=subprocess.DEVNULL)  # scores cached once
        out = Path(folder)
        goals = {"export --all xlsx": (2.0, 250), "export --all csv": (1.0, None), "list": (3.0, None),
                 "score --json (cold)": (5.0, None)}
        pairs = [
            ("export --all xlsx", [INSPECTOR, "export", "--all", "--format", "xlsx", "--force", "-o", str(out / "a.xlsx")],
             "bare openpyxl", [sys.executable, "-c", BARE_XLSX, str(store), str(out / "b.xlsx")]),
            ("export --all csv", [INSPECTOR, "export", "--all", "--format", "csv", "--force", "-o", str(out / "a.csv")],
             "export --all xlsx", [INSPECTOR, "export", "--all", "--format", "xlsx", "--force", "-o", str(out / "c.xlsx")]),
            ("list", [INSPECTOR, "list"], "SELECT printed", [sys.executable, "-c", BARE_LIST, str(store)]),
            ("score --json (cold)", [INSPECTOR, "score", "cchc-xa", str(ROOT / "checklists" / "examples" /
                                                                          "ngoc-thuy.answers.toml"), "--json"],
             "python -c pass", [sys.executable, "-c", "pass"]),
        ]
        print(f"{'path':<22} {'wall s (min–max)':>22} {'CPU s':>8} {'peak MiB':>9} │ {'baseline':<18} "
              f"{'wall s':>8} {'CPU s':>8} {'MiB':>6} │ {'CPU ratio':>9} {'MiB ratio':>9}")
        for name_a, command_a, name_b, command_b in pairs:
            a, b = [], []
            for _ in range(args.runs):
                a.append(measure(command_a, env))
                b.append(measure(command_b, env))
            wall, low, high = summary(a, "wall")
            cpu_a, cpu_b = summary(a, "cpu")[0], summary(b, "cpu")[0]
            rss_a, rss_b = summary(a, "rss")[0], summary(b, "rss")[0]
            print(f"{name_a:<22} {wall:>8.3f} ({low:.3f}–{high:.3f}) {cpu_a:>8.3f} {rss_a:>9.0f} │ {name_b:<18} "
                  f"{summary(b, 'wall')[0]:>8.3f} {cpu_b:>8.3f} {rss_b:>6.0f} │ {cpu_a / cpu_b:>8.2f}× "
                  f"{rss_a / rss_b:>8.2f}×")
            ratio_goal, memory_goal = goals[name_a]
            rows.append({"measure": name_a, "value": wall, "low": low, "high": high, "cpu": cpu_a, "mib": rss_a,
                         "baseline": name_b, "base": summary(b, "wall")[0], "base_cpu": cpu_b, "base_mib": rss_b,
                         "ratio": cpu_a / cpu_b, "goal": ratio_goal, "memory_goal": memory_goal,
                         "met": cpu_a / cpu_b <= ratio_goal and (memory_goal is None or rss_a <= memory_goal)})
        # The CSV when every inspection changed since the last export: its kept rows all made again (what the
        # first export after a day's work on every unit costs). For comparison: the goal is the row above.
        import sqlite3

        changed, xlsx = [], []
        for _ in range(max(1, args.runs // 2)):
            with sqlite3.connect(store) as db:
                db.execute("DELETE FROM csv_rows")
            changed.append(measure([INSPECTOR, "export", "--all", "--format", "csv", "--force", "-o",
                                    str(out / "d.csv")], env))
            xlsx.append(measure([INSPECTOR, "export", "--all", "--format", "xlsx", "--force", "-o",
                                 str(out / "e.xlsx")], env))
        wall, low, high = summary(changed, "wall")
        cpu_a, cpu_b = summary(changed, "cpu")[0], summary(xlsx, "cpu")[0]
        print(f"{'csv, all changed':<22} {wall:>8.3f} ({low:.3f}–{high:.3f}) {cpu_a:>8.3f} │ xlsx CPU {cpu_b:.3f} │ "
              f"{cpu_a / cpu_b:>8.2f}×")
        rows.append({"measure": "export --all csv, every inspection changed since the last (rows made again)",
                     "value": wall, "low": low, "high": high, "cpu": cpu_a, "mib": summary(changed, "rss")[0],
                     "baseline": "export --all xlsx", "base": summary(xlsx, "wall")[0], "base_cpu": cpu_b,
                     "base_mib": summary(xlsx, "rss")[0], "ratio": cpu_a / cpu_b, "goal": None})
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
