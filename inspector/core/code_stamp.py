"""What identifies the program's code as it is installed: derived data kept across runs (each inspection's CSV
rows) is made again when any of it changes — a new release, a fix of one word, an edited source file while
developing — since the version number alone does not change with each of those."""

from __future__ import annotations

import functools
import hashlib
import os
import sys

from inspector import __version__
from inspector.core.paths import frozen_dir, package_dir


@functools.cache
def program_stamp() -> str:
    """The version and a digest of every source file's size and time (the one-file build: its program file)."""
    if frozen_dir() is not None:
        try:
            program = os.stat(sys.executable)
        except OSError:
            return f"{__version__}:frozen"
        return f"{__version__}:frozen:{program.st_size}:{program.st_mtime_ns}"
    root = package_dir()
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith((".py", ".toml", ".tcss")):
                try:
                    found = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                where = os.path.relpath(os.path.join(folder, name), root)
                digest.update(f"{where}:{found.st_size}:{found.st_mtime_ns};".encode())
    return f"{__version__}:{digest.hexdigest()[:16]}"
