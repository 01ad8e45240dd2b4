"""Build the one-file program for people without Python: `dist/inspector` (Linux, macOS) or `dist/inspector.exe`.

    python packaging/build_onefile.py [--smoke]

Run it with the Python of a virtual environment where the program and PyInstaller are installed:

    python3 -m venv .venv-onefile
    .venv-onefile/bin/pip install -c constraints.txt -e . -r packaging/requirements.txt
    .venv-onefile/bin/python packaging/build_onefile.py --smoke

The build reads packaging/inspector.spec (what goes in, and why); its scratch files go to build/onefile.
A binary runs only on the operating system (and processor) it was built on: build the Windows one on
Windows (.github/workflows/onefile.yml). `--smoke` then runs packaging/smoke.sh on it (needs bash and tmux:
Linux, macOS). Prints the binary's path, size and the build time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "inspector.spec"


def binary_path() -> Path:
    return ROOT / "dist" / ("inspector.exe" if sys.platform == "win32" else "inspector")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="run packaging/smoke.sh on the binary afterwards")
    args = parser.parse_args()
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("PyInstaller is not installed in this Python: pip install -r packaging/requirements.txt", file=sys.stderr)
        return 2
    try:
        import inspector  # noqa: F401
        import textual  # noqa: F401
    except ImportError as error:
        print(f"{error}: install the program first (pip install -c constraints.txt -e .)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    built = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                            "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "onefile"), str(SPEC)],
                           cwd=ROOT)
    seconds = time.perf_counter() - start
    if built.returncode != 0:
        print(f"the build failed (exit {built.returncode})", file=sys.stderr)
        return built.returncode
    binary = binary_path()
    size = binary.stat().st_size
    print(f"{binary.relative_to(ROOT)}: {size / 1e6:.1f} MB, built in {seconds:.0f} s")
    if args.smoke:
        if sys.platform == "win32":
            print("smoke.sh needs bash and tmux: on Windows the workflow's pwsh steps do the same", file=sys.stderr)
            return 2
        return subprocess.run(["bash", str(ROOT / "packaging" / "smoke.sh"), str(binary)], env=os.environ).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
