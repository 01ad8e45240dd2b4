"""Start-up and keypress in a real terminal: the installed `inspector` against a bare Textual app, in tmux.

    .venv/bin/python benchmarks/bench_terminal.py [--runs 7]

Each program runs in a detached tmux session on a private socket (never the user's tmux server), in a
temporary data folder holding a province's store (benchmarks/seeded.py), the bundled examples and one
inspection of a 2,000-criterion checklist. The clock starts when tmux is asked to start the
program and stops when the pane first shows what the user waits for (polled every few milliseconds with
`capture-pane`, the way a person's eye would see it):

| measure | inspector | baseline |
|---|---|---|
| start-up, store unchanged | the home screen lists the store (3,321 seeded inspections) | a bare Textual app shows its one Label |
| start-up after a write | the same, just after a write by the program (a previous session) | the same |
| open an inspection | Enter on its row → its screen drawn: first open in the process, then again | — |
| keypress | `c`/`k` on a yes/no criterion changes the screen (answer saved, total rescored) | a bare app updates a Label on each key |

A and B alternate; medians with min–max and the ratio. Polling adds the same few milliseconds to both.
Peers (other Textual programs) are started in the same loop with `--peer NAME=COMMAND=TEXT` (TEXT: what
their first screen shows), each with its HOME in the temporary folder. Needs tmux on the PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
INSPECTOR = str(BIN / "inspector")
SIZE = ("100", "30")

BARE = r"""
from textual.app import App
from textual.widgets import Label

class Bare(App):
    count = 0
    def compose(self):
        yield Label("san-sang 0", id="label")
    def on_key(self, event):
        self.count += 1
        self.query_one("#label", Label).update(f"san-sang {self.count}")

Bare().run()
"""


class Pane:
    """One program in its own tmux server (private socket), read back as text."""

    def __init__(self, command: str, env: dict[str, str]):
        self.socket = f"inspector-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.env = env
        subprocess.run(["tmux", "-L", self.socket, "new-session", "-d", "-x", SIZE[0], "-y", SIZE[1], command],
                       check=True, env=env)

    def text(self) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p"], capture_output=True,
                              text=True, env=self.env).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "-L", self.socket, "send-keys", *keys], check=True, env=self.env)

    def wait_for(self, marker: str, timeout: float = 30) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if marker in self.text():
                return time.perf_counter() - start
            time.sleep(0.003)
        raise TimeoutError(marker)

    def wait_change(self, before: str, timeout: float = 10) -> float:
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.text() != before:
                return time.perf_counter() - start
            time.sleep(0.002)
        raise TimeoutError("no change")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, env=self.env)


HOME_MARKER = "đã chấm xong"  # a campaign's line on the home screen: the table is filled
OPEN_MARKER = "Đã chấm"  # the inspection screen's score line
BIG_UNIT = "UBND xã Lớn 2000"
SEEDED_UNIT = "UBND phường Bình Hòa 3321"  # the seeded store's last unit (seed 2026): cchc-xa, 92 criteria

WRITE = ("import sys, time\nfrom inspector.store.database import Store\n"
         "s = Store(check=True); s.set_state('bench', str(time.time())); s.close()\n")


def make_home(folder: Path, units: int = 3321) -> dict[str, str]:
    """A province's store (seeded.py: distinct answers), the bundled examples (the keypress test's
    inspection on top) and one inspection of a 2,000-criterion checklist."""
    env = {**os.environ, "INSPECTOR_HOME": str(folder), "TERM": "xterm-256color"}
    env.pop("INSPECTOR_LANG", None)
    here = Path(__file__).resolve().parent
    subprocess.run([sys.executable, str(here / "seeded.py"), str(folder), "--units", str(units)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    script = ("import sys, datetime as dt\nfrom pathlib import Path\n"
              f"sys.path.append({str(here.parent / 'tests')!r})\n"
              "from synthetic import big_checklist\nfrom inspector.core.checklist import load_checklist\n"
              "from inspector.core.model import InspectionInfo\n"
              "from inspector.store.database import Store\nfrom inspector.store.examples import import_examples\n"
              "s = Store(); made = import_examples(s); first = min(made)\n"
              "s.save_answer(first, 'A7', None); s.set_position(first, 'A7')\n"
              "s.db.execute(\"UPDATE inspections SET updated_at = '2100-01-01' WHERE id = ?\", (first,))\n"
              f"p = Path({str(folder)!r}) / 'big.toml'; p.write_text(big_checklist(2000), encoding='utf-8')\n"
              "c = load_checklist(p)\n"
              f"s.create_inspection(c, InspectionInfo(c.id, c.version, {BIG_UNIT!r}, dt.date(2026, 3, 1)))\n"
              "s.close()\n")
    subprocess.run([sys.executable, "-c", script], check=True, env=env)
    return env


def write_through_program(env: dict[str, str]) -> None:
    """What a previous session leaves: a write by the program (its store checked, written and closed)."""
    subprocess.run([sys.executable, "-c", WRITE], check=True, env=env)


def opening(command: str, env: dict[str, str], unit: str) -> tuple[float, float]:
    """(first open in a new process, the second open after Esc): Enter on the unit's row → its screen drawn."""
    pane = Pane(command, env)
    try:
        pane.wait_for(HOME_MARKER)
        pane.keys("/")
        time.sleep(0.3)
        pane.keys("-l", unit)
        time.sleep(0.5)
        pane.keys("Enter")  # the filter's Enter: back to the filtered table
        time.sleep(0.8)
        times = []
        for _ in range(2):
            start = time.perf_counter()
            pane.keys("Enter")
            pane.wait_for(OPEN_MARKER)
            times.append(time.perf_counter() - start)
            time.sleep(0.5)
            pane.keys("Escape")
            pane.wait_for("Bảng kiểm")
            time.sleep(0.8)
        return times[0], times[1]
    finally:
        pane.close()


def startup(command: str, marker: str, env: dict[str, str], timeout: float = 30) -> float:
    start = time.perf_counter()
    pane = Pane(command, env)
    try:
        pane.wait_for(marker, timeout)
        return time.perf_counter() - start
    finally:
        pane.close()


def keypresses(command: str, ready: str, env: dict[str, str], presses: int,
               open_keys: tuple[tuple[str, ...], ...] = ()) -> list[float]:
    pane = Pane(command, env)
    try:
        pane.wait_for(ready)
        for key in open_keys:
            pane.keys(*key)
            time.sleep(0.8)
        times = []
        for i in range(presses):
            before = pane.text()
            pane.keys("c" if i % 2 == 0 else "k")
            times.append(pane.wait_change(before))
            time.sleep(0.15)  # let the screen settle, as a person's next key would
        if open_keys:  # back home: the next start must not resume this inspection
            pane.keys("Escape")
            pane.wait_for("Bảng kiểm")
            time.sleep(0.3)
        return times
    finally:
        pane.close()


def peer_startup(command: str, marker: str, env: dict[str, str]) -> float | str:
    """A peer's start-up, or why it could not be measured (it crashed or never showed its screen)."""
    try:
        return startup(command, marker, env, timeout=15)
    except TimeoutError:
        return "did not show its first screen within 15 s (crashed on this machine)"


def peer_spec(text: str) -> tuple[str, str, str]:
    """NAME=COMMAND=TEXT, each part non-empty (argparse says so otherwise)."""
    parts = text.split("=", 2)
    if len(parts) != 3 or not all(parts):
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=COMMAND=TEXT, e.g. harlequin=/path/harlequin=Query Editor")
    return parts[0], parts[1], parts[2]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ms ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--units", type=int, default=3321, help="inspections in the seeded store")
    parser.add_argument("--peer", action="append", default=[], metavar="NAME=COMMAND=TEXT", type=peer_spec,
                        help="another program's start-up to measure in the same loop")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run_all.py reads it)")
    args = parser.parse_args()
    peers: list[tuple[str, str, str]] = args.peer
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from installed import warn_if_recompiled

    warn_if_recompiled()
    if shutil.which("tmux") is None:
        print("tmux is needed for this benchmark", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="inspector-bench-") as folder:
        root = Path(folder)
        bare = root / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        env = make_home(root / "home", args.units)
        bare_command = f"{sys.executable} {bare}"
        a_start, a_after, b_start = [], [], []
        peer_env = {**env, "HOME": str(root / "peer-home"), "XDG_CONFIG_HOME": str(root / "peer-home" / "config"),
                    "XDG_DATA_HOME": str(root / "peer-home" / "data")}
        peer_times: dict[str, list] = {name: [] for name, _, _ in peers}
        startup(INSPECTOR, HOME_MARKER, env)  # the first start after the store was built: not counted
        for _ in range(args.runs):  # A and B alternate
            a_start.append(startup(INSPECTOR, HOME_MARKER, env))
            b_start.append(startup(bare_command, "san-sang 0", env))
            write_through_program(env)
            a_after.append(startup(INSPECTOR, HOME_MARKER, env))
            b_start.append(startup(bare_command, "san-sang 0", env))
            for name, command, marker in peers:
                peer_times[name].append(peer_startup(command, marker, peer_env))
        opens = {"cchc": [], "big": []}
        for _ in range(args.runs):
            opens["cchc"].append(opening(INSPECTOR, env, SEEDED_UNIT))
            opens["big"].append(opening(INSPECTOR, env, BIG_UNIT))
        to_example = (("/",), ("-l", "An Thạnh (đơn"), ("Enter",), ("Enter",))
        a_keys = keypresses(INSPECTOR, HOME_MARKER, env, args.presses, open_keys=to_example)
        b_keys = keypresses(bare_command, "san-sang 0", env, args.presses)
        a_keys2 = keypresses(INSPECTOR, HOME_MARKER, env, args.presses, open_keys=to_example)
        b_keys2 = keypresses(bare_command, "san-sang 0", env, args.presses)
        a_keys += a_keys2
        b_keys += b_keys2
    base = statistics.median(b_start)
    print(f"{'measure':<34} {'inspector':>26} {'bare Textual':>26} {'ratio':>6}")
    print(f"{'start-up, store unchanged':<34} {summary(a_start):>26} {summary(b_start):>26} "
          f"{statistics.median(a_start) / base:6.2f}")
    print(f"{'start-up, after a write':<34} {summary(a_after):>26} {summary(b_start):>26} "
          f"{statistics.median(a_after) / base:6.2f}")
    p99 = (lambda v: sorted(v)[min(len(v) - 1, int(len(v) * 0.99))])
    print(f"{'keypress → screen (median)':<34} {summary(a_keys):>26} {summary(b_keys):>26} "
          f"{statistics.median(a_keys) / statistics.median(b_keys):6.2f}")
    print(f"{'keypress → screen (p99)':<34} {p99(a_keys) * 1000:23.1f} ms {p99(b_keys) * 1000:23.1f} ms "
          f"{p99(a_keys) / p99(b_keys):6.2f}")
    rows = [
        {"measure": "start to home, 3,321 stored, store unchanged (real terminal)", "value": statistics.median(a_start),
         "low": min(a_start), "high": max(a_start), "baseline": "bare Textual app, one Label", "base": base,
         "goal": 1.3},
        {"measure": "start to home, 3,321 stored, after a write by the program", "value": statistics.median(a_after),
         "low": min(a_after), "high": max(a_after), "baseline": "bare Textual app, one Label", "base": base,
         "goal": 1.3},
        {"measure": "answer key → screen updated, median", "value": statistics.median(a_keys), "low": min(a_keys),
         "high": max(a_keys), "baseline": "bare app updating a Label", "base": statistics.median(b_keys), "goal": 1.3},
        {"measure": "answer key → screen updated, p99", "value": p99(a_keys), "baseline": "the bare app's p99",
         "base": p99(b_keys), "goal": 2.0},
    ]
    for kind, label, goal in (("cchc", "open cchc-xa 2026.3 (92 criteria)", 0.3), ("big", "open 2,000 criteria", 0.5)):
        for index, when in ((0, "first in a new process"), (1, "again after Esc")):
            values = [pair[index] for pair in opens[kind]]
            median = statistics.median(values)
            print(f"{label + ', ' + when:<50} {summary(values)} (goal ≤ {goal * 1000:.0f} ms)")
            rows.append({"measure": f"{label}, {when} (real terminal)", "value": median, "low": min(values),
                         "high": max(values), "goal": goal, "met": median <= goal})
    for name, times in peer_times.items():
        measured = [v for v in times if isinstance(v, float)]
        if measured:
            print(f"{'start-up of ' + name:<28} {summary(measured):>26}")
            rows.append({"measure": f"start-up of {name} (peer)", "value": statistics.median(measured),
                         "low": min(measured), "high": max(measured)})
        else:
            print(f"{'start-up of ' + name:<28} {times[0]}")
            rows.append({"measure": f"start-up of {name} (peer)", "failed": times[0]})
    for row in rows:
        if "base" in row:
            row["ratio"] = row["value"] / row["base"]
            row["met"] = row["ratio"] <= row["goal"]
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
