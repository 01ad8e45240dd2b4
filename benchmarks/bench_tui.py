"""Interface benchmarks: figures and ratios against a bare Textual app measured in the same run.

    python benchmarks/bench_tui.py

1. startup to the interactive home screen with 200 inspections stored, vs a bare Textual app (goal ≤ 1.3×)
2. answer keypress → committed → screen updated, median and p99, on 75 and 2,000 criteria
   (goal median ≤ 8 ms, p99 ≤ 30 ms, 2,000 within 1.2× of 75)
3. opening a 2,000-criterion inspection (goal ≤ 0.5 s)
4. peak memory (maximum resident set) of each scenario's process
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMON = textwrap.dedent("""
    import asyncio, datetime as dt, json, os, resource, sys, time
    sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
    from pathlib import Path
    from inspector.core.checklist import load_checklist, checklist_from_text
    from inspector.core.config import Config
    from inspector.core.model import InspectionInfo
    from inspector.store.database import Store
    from synthetic import big_checklist

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
""")

STARTUP = COMMON + textwrap.dedent("""
    start = time.perf_counter()
    kind = sys.argv[1]
    if kind == "standard":
        from textual.app import App
        from textual.widgets import Footer, Header, Input, Static

        class Standard(App):
            BINDINGS = [("n", "bell", "Tạo mới"), ("a", "bell", "Lưu trữ"), ("q", "quit", "Thoát")]
            def compose(self):
                yield Header()
                yield Input(disabled=True)
                yield Static("xin chào")
                yield Footer()
            def on_ready(self):
                self.call_after_refresh(lambda: self.exit(time.perf_counter() - start))
        app = Standard()
    elif kind == "bare":
        from textual.app import App
        from textual.widgets import Label

        class Bare(App):
            def compose(self):
                yield Label("xin chào")
            def on_ready(self):
                self.exit(time.perf_counter() - start)
        app = Bare()
    else:
        from inspector.tui.app import InspectorApp

        class Timed(InspectorApp):
            def on_ready(self):
                self.call_after_refresh(lambda: self.exit(time.perf_counter() - start))
        app = Timed(config=Config(), resume=False)
    elapsed = app.run(headless=True, size=(120, 40))
    print(json.dumps({{"seconds": elapsed, "peak_mb": peak_mb()}}))
""")

ANSWERING = COMMON + textwrap.dedent("""
    size = int(sys.argv[1])
    store = Store()
    if size == 75:
        checklist = load_checklist({cchc!r})
    else:
        path = Path(os.environ["INSPECTOR_HOME"]) / "big.toml"
        path.write_text(big_checklist(size), encoding="utf-8")
        checklist = load_checklist(path)
    info = InspectionInfo(checklist.id, checklist.version, "UBND xã Thử", dt.date(2025, 1, 1))
    number = store.create_inspection(checklist, info)
    yes_no = [c.id for c in checklist.criteria if c.type == "yes_no"]
    target = yes_no[len(yes_no) // 2]

    from inspector.tui.app import InspectorApp

    async def main():
        app = InspectorApp(store=store, config=Config(), resume=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            app.open_inspection(number)
            await pilot.pause()
            opened = time.perf_counter() - start
            screen = app.screen
            screen.go_to(target)
            await pilot.pause()
            handler, roundtrip = [], []
            for i in range(120):
                action = screen.action_answer_yes if i % 2 == 0 else screen.action_answer_no
                t0 = time.perf_counter()
                action()  # validate → commit (fsync) → rescore → update widgets
                t1 = time.perf_counter()
                await pilot.pause()  # let the screen repaint
                t2 = time.perf_counter()
                handler.append(t1 - t0)
                roundtrip.append(t2 - t0)
            idle = []
            for i in range(60):
                t0 = time.perf_counter()
                await pilot.pause()  # the harness's own floor: a pause with nothing to do
                idle.append(time.perf_counter() - t0)
            keys = []
            for i in range(60):
                t0 = time.perf_counter()
                await pilot.press("c" if i % 2 == 0 else "k")
                keys.append(time.perf_counter() - t0)
            assert store.load(number).answers[target].value is False
            return opened, handler[10:], roundtrip[10:], keys[10:], idle[10:]

    opened, handler, roundtrip, keys, idle = asyncio.run(main())
    print(json.dumps({{"open": opened, "handler": handler, "roundtrip": roundtrip, "keys": keys, "idle": idle,
                       "peak_mb": peak_mb()}}))
""")


def run_script(script: str, *args: str, home: str | None = None) -> dict:
    home = home or tempfile.mkdtemp(prefix="inspector-bench-")
    env = {**os.environ, "INSPECTOR_HOME": home}
    code = script.format(root=str(ROOT), tests=str(ROOT / "tests"), cchc=str(ROOT / "checklists" / "cchc-xa.toml"))
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def seed_home(count: int) -> str:
    """A data folder holding `count` scored inspections of cchc-xa."""
    sys.path.insert(0, str(ROOT))
    home = tempfile.mkdtemp(prefix="inspector-bench-")
    os.environ["INSPECTOR_HOME"] = home
    from inspector.core.answers import load_answers
    from inspector.core.checklist import load_checklist
    from inspector.core.scoring import score
    from inspector.store.database import Store

    checklist = load_checklist(ROOT / "checklists" / "cchc-xa.toml")
    parsed = load_answers(ROOT / "checklists" / "examples" / "cchc-xa.answers.toml", checklist)
    store = Store()
    result = score(checklist, parsed.answers, parsed.info.unit_type)
    store.db.execute("PRAGMA synchronous = OFF")  # seeding only
    for _ in range(count):
        number = store.create_inspection(checklist, parsed.info)
        store.import_answers(number, parsed.answers, parsed.findings, result)
    store.close()
    return home


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    home = seed_home(200)
    bare, standard, ours = [], [], []
    for _ in range(7):  # interleaved, so machine noise hits all three alike
        bare.append(run_script(STARTUP, "bare"))
        standard.append(run_script(STARTUP, "standard"))
        ours.append(run_script(STARTUP, "inspector", home=home))
    b = statistics.median(r["seconds"] for r in bare)
    st = statistics.median(r["seconds"] for r in standard)
    o = statistics.median(r["seconds"] for r in ours)
    print(f"startup to interactive home, 200 inspections: {ms(o)}; bare Textual app (one Label) {ms(b)}, "
          f"ratio {o / b:.2f}× (goal ≤ 1.3×); Textual app with Header, Input, Static, Footer {ms(st)}, "
          f"ratio {o / st:.2f}×; peak memory {max(r['peak_mb'] for r in ours):.0f} MB "
          f"(bare {max(r['peak_mb'] for r in bare):.0f} MB)")

    results = {size: run_script(ANSWERING, str(size)) for size in (75, 2000)}
    for size, r in results.items():
        floor = statistics.median(r["idle"])
        print(f"{size:>5} criteria: open {ms(r['open'])}; answer handler (validate + commit + rescore + widgets) "
              f"median {ms(statistics.median(r['handler']))}, p99 {ms(percentile(r['handler'], 99))}; "
              f"handler + repaint median {ms(statistics.median(r['roundtrip']))}, "
              f"p99 {ms(percentile(r['roundtrip'], 99))}, of which the test harness's idle pause is {ms(floor)}; "
              f"simulated keypress median {ms(statistics.median(r['keys']))}; peak memory {r['peak_mb']:.0f} MB")
    small, big = results[75], results[2000]
    ratio = statistics.median(big["roundtrip"]) / statistics.median(small["roundtrip"])
    print(f"2,000 vs 75 criteria, keypress with repaint: {ratio:.2f}× (goal ≤ 1.2×); "
          f"open 2,000: {ms(big['open'])} (goal ≤ 500 ms)")


if __name__ == "__main__":
    main()
