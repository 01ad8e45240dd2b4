"""Team work through the installed command: merge, a member's bundle, backup and restore, version A against B.

    python benchmarks/bench_team.py --a /path/to/venvA/bin/inspector [--b /path/to/venvB/bin/inspector]
                                    [--units 30] [--repeats 5] [--json FILE]

Each version gets its own three laptops (three data folders in a temporary folder; INSPECTOR_HOME is
always set, a user's store is never touched), set up with that version's own commands, as a team would:

1. a key on each laptop (`key new --no-passphrase`, or without the flag for versions that do not know it);
2. the secretary's campaign of `--units` units on the bundled `cchc-xa` (`campaign new`), the team of
   tests/test_team.py: Nguyễn Văn An (Trưởng đoàn, A–C), Trần Thị Bình (D, E), Lê Văn Cường (Thư ký, G, H);
3. `bundle --campaign 1 --for MEMBER` for each member, `merge` on their laptop;
4. each member `import`s one answer file per unit covering every criterion of their sections (no figures),
   each unit's answers different (derived from the unit's index: choices, ticks, ratios, numbers, N/A,
   notes, evidence), then packs `bundle --campaign 1` back.

Measured (A and B alternate, A, B, A, B…, `--repeats` times each):

| operation | what runs |
|---|---|
| merge | the secretary merges Trần Thị Bình's bundle into a fresh copy of the secretary's folder as it was before any merge |
| bundle | Trần Thị Bình packs `bundle --campaign 1` (in a fresh copy of her folder) |
| backup | `backup -o` of the secretary's folder after both members' bundles were merged |
| restore | `restore` of that backup into an empty folder |

Each figure is the wall time of the `inspector` process, its CPU (user + system, from
getrusage(RUSAGE_CHILDREN) in a small wrapper process that runs only it) and its peak memory (ru_maxrss
of that child); the table shows medians with min–max and the ratio B/A. An operation that a version
cannot do (an older version without `backup`, a refusal) is reported as "n/a (reason)" for that version.
Copying folders is never timed. Only the standard library is needed to run this script.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "checklists" / "cchc-xa.toml"

SECRETARY, BINH, CUONG = "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"
SECTIONS = {SECRETARY: ("A", "B", "C"), BINH: ("D", "E"), CUONG: ("G", "H")}
PLACES = ("Tam Hiệp", "Trấn Biên", "Tân Phú", "An Bình", "Long Thành", "Phước Tân", "Bình Lộc", "Hố Nai",
          "Tân Triều", "Xuân Đường", "Thống Nhất", "Trảng Dài", "Phú Hữu", "Đại Phước", "Nhơn Trạch")

# Runs one command and reports that child's wall time, CPU and peak memory (one wrapper per measurement,
# so RUSAGE_CHILDREN holds exactly the one process measured).
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
                  "code": done.returncode, "out": done.stdout.decode(errors="replace")[-2000:],
                  "err": done.stderr.decode(errors="replace")[-2000:]}))
"""

OPERATIONS = ("merge", "bundle", "backup", "restore")
TITLES = {"merge": "merge a member's bundle", "bundle": "member bundle --campaign 1",
          "backup": "backup -o (secretary, merged)", "restore": "restore into an empty folder"}


class Failed(Exception):
    """A step a version could not do; the text says why, in one line."""


def reason(done: subprocess.CompletedProcess | dict) -> str:
    err = done["err"] if isinstance(done, dict) else done.stderr
    out = done["out"] if isinstance(done, dict) else done.stdout
    code = done["code"] if isinstance(done, dict) else done.returncode
    lines = [line.strip() for line in (err or out or "").splitlines() if line.strip()]
    return f"exit {code}: {lines[-1] if lines else 'no message'}"[:240]


def unit_name(i: int) -> str:
    kind = "phường" if i % 3 == 0 else "xã"
    place = PLACES[i % len(PLACES)]
    return f"UBND {kind} {place}" + (f" {i // len(PLACES) + 1}" if i >= len(PLACES) else "")


def unit_type(i: int) -> str:
    return "phuong" if i % 3 == 0 else "xa"


def plan_text(keys: dict[str, str], units: int) -> str:
    """The campaign file of tests/test_team.py, with `units` units."""
    roles = {SECRETARY: ("Trưởng đoàn", "Sở Nội vụ"), BINH: ("Thành viên", "Sở Tư pháp"),
             CUONG: ("Thư ký", "Sở Nội vụ")}
    text = """format = 1
[campaign]
name = "Kiểm tra CCHC năm 2026 tại các xã, phường"
checklist = "cchc-xa"
period = "Năm 2026"
inspecting_body = "Sở Nội vụ tỉnh Đồng Nai"
plan = "Kế hoạch số 45/KH-SNV ngày 10/3/2026 của Sở Nội vụ"
decision_number = "125/QĐ-SNV"
decision_date = 2026-03-15
decision_issuer = "Giám đốc Sở Nội vụ"
"""
    for name, (role, agency) in roles.items():
        sections = ", ".join(f'"{s}"' for s in SECTIONS[name])
        text += (f'\n[[member]]\nname = "{name}"\nrole = "{role}"\nagency = "{agency}"\nkey = "{keys[name]}"\n'
                 f"sections = [{sections}]\n")
    for i in range(units):
        text += f'\n[[unit]]\nname = "{unit_name(i)}"\nunit_type = "{unit_type(i)}"\ndate = {day(i)}\n'
    return text


def day(i: int) -> str:
    return f"2026-04-{10 + i % 18:02d}"


def answer(criterion: dict, i: int, k: int) -> str | None:
    """A valid answer to `criterion` for unit `i` (`k`: the criterion's place in the section), or None to skip
    it (a criterion computed from figures, which this benchmark does not record)."""
    kind, seed = criterion.get("type"), i * 7 + k * 3
    if criterion.get("facts"):
        if criterion.get("evidence") == "required":
            return f'evidence = ["Báo cáo thống kê hồ sơ ngày {1 + i % 28}/3/2026"]\nnote = "Đối chiếu mẫu {i}"'
        return None
    if kind != "number" and criterion.get("na") and seed % 11 == 0:
        return f'na = true\nreason = "Không phát sinh trong kỳ (đơn vị {i + 1})"'
    if kind == "yes_no":
        body = f"value = {'true' if seed % 4 else 'false'}"
    elif kind == "choice":
        options = criterion["options"]
        body = f'value = "{options[seed % len(options)]["id"]}"'
    elif kind == "multi":
        items = [item["id"] for j, item in enumerate(criterion["items"]) if (seed + j) % 3]
        body = "value = [" + ", ".join(f'"{item}"' for item in items) + "]"
    elif kind == "ratio":
        denominator = 10 + seed % 90
        body = f"numerator = {denominator - (i + k) % 4}\ndenominator = {denominator}"
    elif kind == "number":
        low, high = criterion.get("range", (0, 100))
        body = f"value = {min(high, low + 60 + (seed % 400) / 10)}"
    elif kind == "text":
        body = f'value = "Ý kiến ghi nhận tại đơn vị số {i + 1}, mục {criterion["id"]}"'
    else:
        return None
    if criterion.get("evidence") == "required":
        body += f'\nevidence = ["Quyết định số {100 + i}/QĐ-UBND ngày {1 + i % 28}/3/2026"]'
    if seed % 5 == 0:
        body += f'\nnote = "Ghi chú của đoàn về {criterion["id"]} tại đơn vị số {i + 1}"'
    return body


def answers_text(member: str, i: int, checklist: dict) -> str:
    parts = [(f'format = 1\n[inspection]\nchecklist = "cchc-xa"\nchecklist_version = "{checklist["version"]}"\n'
              f'unit = "{unit_name(i)}"\nunit_type = "{unit_type(i)}"\ndate = {day(i)}\n')]
    for section in checklist["section"]:
        if section["id"] not in SECTIONS[member]:
            continue
        for k, criterion in enumerate(section["criterion"]):
            body = answer(criterion, i, k)
            if body is not None:
                parts.append(f"[answers.{criterion['id']}]\n{body}\n")
    return "\n".join(parts)


class Laptops:
    """One version's three data folders, set up with that version's commands."""

    def __init__(self, inspector: str, root: Path, units: int, checklist: dict):
        self.inspector, self.root, self.units, self.checklist = inspector, root, units, checklist
        self.homes = {name: root / f"home-{n}" for n, name in enumerate((SECRETARY, BINH, CUONG))}
        self.before = root / "secretary-before-merge"
        self.merged = root / "secretary-merged"
        self.back = {m: root / f"tu-{m.split()[-1].lower()}.inspector" for m in (BINH, CUONG)}
        self.notes: list[str] = []

    def env(self, home: Path) -> dict[str, str]:
        env = {**os.environ, "INSPECTOR_HOME": str(home), "INSPECTOR_LANG": "vi"}
        env.pop("INSPECTOR_PASSPHRASE", None)
        return env

    def run(self, home: Path, *argv: str, step: str) -> str:
        done = subprocess.run([self.inspector, *argv], env=self.env(home), capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            raise Failed(f"setup step {step!r} failed: {reason(done)}")
        return done.stdout

    def key(self, who: str) -> str:
        home = self.homes[who]
        done = subprocess.run([self.inspector, "key", "new", "--name", who, "--no-passphrase"], env=self.env(home),
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0 and "--no-passphrase" in done.stderr:
            if not self.notes:
                self.notes.append("key new without --no-passphrase (this version does not know it)")
            self.run(home, "key", "new", "--name", who, step="key new")
        elif done.returncode != 0:
            raise Failed(f"setup step 'key new' failed: {reason(done)}")
        found = re.search(r"ed25519:\S+", self.run(home, "key", "show", step="key show"))
        if not found:
            raise Failed("setup step 'key show' printed no ed25519 key")
        return found.group(0)

    def set_up(self) -> None:
        start = time.perf_counter()
        keys = {name: self.key(name) for name in self.homes}
        plan = self.root / "dot.toml"
        plan.write_text(plan_text(keys, self.units), encoding="utf-8")
        self.run(self.homes[SECRETARY], "campaign", "new", str(plan), step="campaign new")
        for member in (BINH, CUONG):
            out = self.root / f"cho-{member.split()[-1].lower()}.inspector"
            self.run(self.homes[SECRETARY], "bundle", "--campaign", "1", "--for", member, "-o", str(out),
                     step="bundle --for")
            self.run(self.homes[member], "merge", str(out), step="member merge")
            answers = self.root / f"answers-{member.split()[-1].lower()}"
            answers.mkdir()
            for i in range(self.units):
                path = answers / f"{i + 1:03d}.answers.toml"
                path.write_text(answers_text(member, i, self.checklist), encoding="utf-8")
                self.run(self.homes[member], "import", str(path), step="member import")
            listed = self.run(self.homes[member], "list", step="member list")
            rows = [line for line in listed.splitlines() if re.match(r"\s*\d+\s", line)]
            if len(rows) != self.units:  # an import that made a new inspection instead of filling the campaign's
                raise Failed(f"{member}'s laptop holds {len(rows)} inspections after import, not {self.units}")
            self.run(self.homes[member], "bundle", "--campaign", "1", "-o", str(self.back[member]),
                     step="member bundle")
        shutil.copytree(self.homes[SECRETARY], self.before)
        shutil.copytree(self.homes[SECRETARY], self.merged)
        self.run(self.merged, "merge", str(self.back[BINH]), str(self.back[CUONG]), step="secretary merge")
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in self.back.values())
        print(f"  set up in {time.perf_counter() - start:.0f} s; members' bundles: {sizes}", file=sys.stderr)


def measure(command: list[str], home: Path) -> dict:
    env = {**os.environ, "INSPECTOR_HOME": str(home), "INSPECTOR_LANG": "vi"}
    env.pop("INSPECTOR_PASSPHRASE", None)
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True,
                         check=True, stdin=subprocess.DEVNULL).stdout
    return json.loads(out)


def one(op: str, laptops: Laptops, r: int, work: Path, backups: dict) -> dict:
    """One timed run of `op`; copies and fresh folders are made before the clock starts."""
    inspector = laptops.inspector
    place = work / f"{op}-{r}"
    if op == "merge":
        shutil.copytree(laptops.before, place)
        return measure([inspector, "merge", str(laptops.back[BINH])], place)
    if op == "bundle":
        shutil.copytree(laptops.homes[BINH], place)
        return measure([inspector, "bundle", "--campaign", "1", "-o", str(work / f"bundle-{r}.inspector")], place)
    if op == "backup":
        target = work / f"backup-{r}.zip"
        result = measure([inspector, "backup", "-o", str(target)], laptops.merged)
        if result["code"] == 0 and target.exists():
            backups[laptops] = target
        return result
    if op == "restore":
        if laptops not in backups:
            raise Failed("no backup to restore")
        place.mkdir()
        return measure([inspector, "restore", str(backups[laptops])], place)
    raise ValueError(op)


def stats(samples: list[dict], key: str) -> tuple[float, float, float]:
    values = [s[key] for s in samples]
    return statistics.median(values), min(values), max(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, metavar="INSPECTOR", help="version A: the inspector executable of a venv")
    parser.add_argument("--b", metavar="INSPECTOR", help="version B (optional)")
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (rows as run_all.py reads them)")
    args = parser.parse_args()
    versions = {"A": args.a} | ({"B": args.b} if args.b else {})
    for label, path in versions.items():
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            parser.error(f"--{label.lower()} {path}: not an executable file")
    checklist = tomllib.loads(CHECKLIST.read_text(encoding="utf-8"))
    samples: dict[tuple[str, str], list[dict]] = {(v, op): [] for v in versions for op in OPERATIONS}
    failed: dict[tuple[str, str], str] = {}
    about: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="inspector-bench-team-") as folder:
        laptops: dict[str, Laptops] = {}
        for label, inspector in versions.items():
            version = subprocess.run([inspector, "--version"], capture_output=True, text=True,
                                     check=False).stdout.strip()
            about[label] = f"{inspector} ({version or 'version unknown'})"
            print(f"setting up {label}: {about[label]}, {args.units} units …", file=sys.stderr)
            root = Path(folder) / label
            root.mkdir()
            laptops[label] = Laptops(inspector, root, args.units, checklist)
            try:
                laptops[label].set_up()
            except Failed as error:
                for op in OPERATIONS:
                    failed[(label, op)] = str(error)
        backups: dict = {}
        for r in range(args.repeats):
            print(f"repeat {r + 1}/{args.repeats}", file=sys.stderr)
            for op in OPERATIONS:
                for label in versions:  # A, B, A, B …
                    if (label, op) in failed:
                        continue
                    work = Path(folder) / label / "runs"
                    work.mkdir(exist_ok=True)
                    try:
                        result = one(op, laptops[label], r, work, backups)
                    except Failed as error:
                        failed[(label, op)] = str(error)
                        continue
                    if result["code"] != 0:
                        failed[(label, op)] = reason(result)
                        continue
                    if not samples[(label, op)]:  # what the command said, once, to see it did the work
                        said = " / ".join(line.strip() for line in result["out"].splitlines() if line.strip())
                        print(f"  {label} {op}: {said[:300]}", file=sys.stderr)
                    samples[(label, op)].append(result)
                    shutil.rmtree(work / f"{op}-{r}", ignore_errors=True)  # a copy is used once
                    (work / f"bundle-{r}.inspector").unlink(missing_ok=True)
    for label, text in about.items():
        print(f"{label}: {text}" + (f"; {'; '.join(laptops[label].notes)}" if laptops[label].notes else ""))
    print(f"{args.units} units, {args.repeats} repeats; medians (min–max); CPU = user + system; peak = max RSS")
    print()
    header = f"{'operation':<32} {'A wall s':>20} {'A CPU s':>8} {'A MiB':>6}"
    if args.b:
        header += f" │ {'B wall s':>20} {'B CPU s':>8} {'B MiB':>6} │ {'B/A wall':>8} {'B/A CPU':>7} {'B/A MiB':>7}"
    print(header)
    rows = []
    for op in OPERATIONS:
        cells, medians = [], {}
        for label in versions:
            if (label, op) in failed:
                text = f"n/a ({failed[(label, op)]})"
                cells.append(text)
                rows.append({"measure": f"team, {TITLES[op]}, {label}", "version": label, "operation": op,
                             "failed": text})
                continue
            wall, low, high = stats(samples[(label, op)], "wall")
            cpu, mib = stats(samples[(label, op)], "cpu")[0], stats(samples[(label, op)], "rss")[0]
            medians[label] = (wall, cpu, mib)
            cells.append(f"{wall:>7.3f} ({low:.3f}–{high:.3f}) {cpu:>8.3f} {mib:>6.0f}")
            rows.append({"measure": f"team, {TITLES[op]}, {label}", "version": label, "operation": op,
                         "value": wall, "low": low, "high": high, "cpu": cpu, "mib": mib,
                         "runs": len(samples[(label, op)]), "units": args.units})
        line = f"{TITLES[op]:<32} " + " │ ".join(f"{c:>36}" if not c.startswith("n/a") else c for c in cells)
        if args.b:
            if len(medians) == 2:
                (wa, ca, ma), (wb, cb, mb) = medians["A"], medians["B"]
                line += f" │ {wb / wa:>7.2f}× {cb / ca:>6.2f}× {mb / ma:>6.2f}×"
                rows[-1].update({"ratio_wall": wb / wa, "ratio_cpu": cb / ca, "ratio_mib": mb / ma})
            else:
                line += " │ —"
        print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
