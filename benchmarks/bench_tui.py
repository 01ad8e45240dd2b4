"""Opening an inspection and memory over open/close cycles, in the installed program's interface.

    .venv/bin/python benchmarks/bench_tui.py [--runs 7] [--cycles 40] [--json FILE]

Each measurement runs in its own process with a temporary data folder (INSPECTOR_HOME), importing the
installed `inspector` (never the source tree; the tests folder only for its synthetic checklist):

| measure | goal |
|---|---|
| open cchc-xa: key → inspection screen drawn, median of `--runs` opens, headless | (for comparison) |
| open a 2,000-criterion checklist, the same way | (for comparison) |
| resident memory after cycles 1, 10, 20, 30, 40 of open → Esc | flat (± 2 MB) from cycle 1 to 20 |

Start-up and keypress in a real terminal are measured by bench_terminal.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    import asyncio, datetime as dt, gc, json, os, sys, time
    sys.path.append({tests!r})  # after site-packages: the installed inspector wins; synthetic only from tests
    from pathlib import Path
    from inspector.core.checklist import load_checklist
    from inspector.core.config import Config
    from inspector.core.library import find_checklist
    from inspector.core.model import InspectionInfo
    from inspector.store.database import Store
    from inspector.tui.app import InspectorApp

    def resident_mb():
        with open("/proc/self/statm") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    kind, repeats = sys.argv[1], int(sys.argv[2])
    store = Store()
    if kind == "big":
        from synthetic import big_checklist

        path = Path(os.environ["INSPECTOR_HOME"]) / "big.toml"
        path.write_text(big_checklist(2000), encoding="utf-8")
        checklist = load_checklist(path)
    else:
        checklist = find_checklist("cchc-xa")
    number = store.create_inspection(checklist, InspectionInfo(checklist.id, checklist.version, "UBND xã Thử",
                                                               dt.date(2026, 3, 1)))

    async def main():
        app = InspectorApp(store=store, config=Config(), resume=False)
        opens, memory = [], {{}}
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for cycle in range(1, repeats + 1):
                start = time.perf_counter()
                app.open_inspection(number)
                await pilot.pause()  # mounted, laid out and drawn
                opens.append(time.perf_counter() - start)
                await pilot.press("escape")
                await pilot.pause()
                if kind == "memory" and (cycle == 1 or cycle % 10 == 0):
                    gc.collect()
                    memory[cycle] = resident_mb()
        return opens, memory

    opens, memory = asyncio.run(main())
    print(json.dumps({{"opens": opens, "memory": memory}}))
""")


def run(kind: str, repeats: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="inspector-bench-") as home:
        env = {**os.environ, "INSPECTOR_HOME": home}
        code = SCRIPT.format(tests=str(ROOT / "tests"))
        done = subprocess.run([sys.executable, "-c", code, kind, str(repeats)], env=env, capture_output=True,
                              text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="opens measured per checklist")
    parser.add_argument("--cycles", type=int, default=40, help="open/close cycles for the memory figure")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run_all.py reads it)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from installed import warn_if_recompiled

    warn_if_recompiled()
    rows = []
    # Headless and in one process (warm): for comparison; the goals are judged in a real terminal
    # (bench_terminal.py), first open in a new process and again.
    for kind, label in (("cchc", "open cchc-xa 2026.3, headless, warm"), ("big", "open 2,000 criteria, headless, warm")):
        opens = run(kind, args.runs)["opens"]
        later = opens[1:] or opens  # the first open also imports the screen's modules: shown apart
        median = statistics.median(later)
        print(f"{label:<40} first {opens[0] * 1000:6.0f} ms, then median {median * 1000:6.0f} ms "
              f"({min(later) * 1000:.0f}–{max(later) * 1000:.0f})")
        rows.append({"measure": label, "value": median, "low": min(later), "high": max(later), "first": opens[0],
                     "unit": "s"})
    memory = {int(k): v for k, v in run("memory", args.cycles)["memory"].items()}
    marks = sorted(memory)
    print("resident memory after cycles " + ", ".join(f"{c}: {memory[c]:.1f} MB" for c in marks))
    # Judged from the first cycle: what each open keeps shows in the first cycles, not after it has levelled off.
    last = 20 if 20 in memory else marks[-1]
    growth = memory[last] - memory[marks[0]]
    print(f"growth over cycles {marks[0]}–{last}: {growth:+.1f} MB; to cycle {marks[-1]}: "
          f"{memory[marks[-1]] - memory[marks[0]]:+.1f} MB (goal within ± 2 MB)")
    rows.append({"measure": f"memory over open/close cycles {marks[0]}–{last}", "value": growth, "unit": "MB",
                 "detail": {str(c): round(memory[c], 1) for c in marks}, "goal": 2.0, "met": abs(growth) <= 2.0})
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
