"""Every speed figure of the program in one table, each against its baseline and goal, measured in one run.

    python benchmarks/run_all.py [--runs 5] [--quick] [--peer NAME=COMMAND=TEXT ...]

Runs, with the interpreter that runs this script (a venv where the program was installed with
`pip install .`): bench_province.py (exports, list, cold score against a store of 3,321 inspections),
bench_terminal.py (start-up, opening an inspection and keypress in tmux against the same province's store,
and the peers' start-up), bench_tui.py (memory over open/close cycles from the first cycle; headless opens
for comparison), bench_core.py (the engine in process: load, score 3,321, the self-assessment workbook).
Every store is seeded.py's: 3,321 inspections with distinct answers. Each writes its figures to a temporary JSON file; the table
below is made from them, with the machine they were taken on. Everything runs in temporary folders.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return (f"{os.cpu_count()} cores ({model or 'unknown CPU'}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {dt.date.today():%d %B %Y}")


def run(script: str, args: list[str], folder: Path) -> list[dict]:
    out = folder / f"{script}.json"
    print(f"── {script} {' '.join(args)}", file=sys.stderr, flush=True)
    done = subprocess.run([sys.executable, str(HERE / script), *args, "--json", str(out)])
    if done.returncode != 0 or not out.exists():
        return [{"measure": script, "failed": f"exit status {done.returncode}"}]
    return json.loads(out.read_text(encoding="utf-8"))


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def row_text(row: dict) -> str:
    if "failed" in row:
        return f"| {row['measure']} | — | — | — | — | {row['failed']} |"
    unit = row.get("unit", "s")
    if unit == "MB":
        now = f"{row['value']:+.1f} MB ({', '.join(f'{k}: {v}' for k, v in row['detail'].items())})"
        return f"| {row['measure']} | {now} | — | — | ± {row['goal']:.0f} MB | {'met' if row['met'] else 'not met'} |"
    now = seconds(row["value"])
    if "low" in row:
        now += f" ({seconds(row['low'])}–{seconds(row['high'])})"
    if "cpu" in row:
        now += f", CPU {seconds(row['cpu'])}, {row['mib']:.0f} MiB"
    if "base" in row:
        base = f"{row['baseline']}: {seconds(row['base'])}"
        if "base_cpu" in row:
            base += f", CPU {seconds(row['base_cpu'])}, {row['base_mib']:.0f} MiB"
        ratio = f"{row['ratio']:.2f}×" + (" CPU" if "cpu" in row else "")
        if row.get("goal") is None:
            return f"| {row['measure']} | {now} | {base} | {ratio} | — | (for comparison) |"
        goal = f"≤ {row['goal']:g}×" + (f", ≤ {row['memory_goal']} MiB" if row.get("memory_goal") else "")
        return f"| {row['measure']} | {now} | {base} | {ratio} | {goal} | {'met' if row['met'] else 'not met'} |"
    if "goal" in row:
        return f"| {row['measure']} | {now} | — | — | ≤ {seconds(row['goal'])} | {'met' if row['met'] else 'not met'} |"
    return f"| {row['measure']} | {now} | — | — | — | (for comparison) |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each A/B pair")
    parser.add_argument("--quick", action="store_true", help="a smaller store (400 inspections) and 3 runs")
    parser.add_argument("--peer", action="append", default=[], metavar="NAME=COMMAND=TEXT",
                        help="a peer's start-up to measure (see bench_terminal.py)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_terminal import peer_spec

    for spec in args.peer:  # a mistyped peer is said now, not after the province benchmark has run
        try:
            peer_spec(spec)
        except argparse.ArgumentTypeError as error:
            parser.error(f"--peer {error}")
    runs = 3 if args.quick else args.runs
    with tempfile.TemporaryDirectory(prefix="inspector-bench-") as folder:
        where = Path(folder)
        rows = run("bench_province.py", ["--runs", str(runs)] + (["--units", "400"] if args.quick else []), where)
        rows += run("bench_terminal.py", ["--runs", str(max(runs, 5))] + (["--units", "400"] if args.quick else [])
                    + [part for spec in args.peer for part in ("--peer", spec)], where)
        rows += run("bench_tui.py", ["--runs", str(max(runs, 5))], where)
        rows += run("bench_core.py", [], where)
    print()
    print(f"Machine: {machine()}")
    print()
    print("| path | now (median, min–max) | baseline, same run | ratio | goal | |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(row_text(row))
    judged = [row for row in rows if "met" in row or "failed" in row]
    print()
    print(f"Goals: {sum(1 for row in judged if row.get('met'))} of {len(judged)} met")
    for row in judged:
        print(f"- {'met' if row.get('met') else 'NOT MET'}: {row['measure']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
