"""Finishing a restore that was cut off: every file of a restore is written aside first, then a journal lists
the moves, then they are made (the database last). Whoever opens the store next makes any move left, so a
laptop switched off mid-restore has either its old data or the whole backup, never half of each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from inspector.core.files import write_atomically

JOURNAL = "restore-pending.json"
STAGING = ".restore-staging"  # each restore stages into its own folder beginning with this


def new_staging(folder: Path) -> Path:
    """A staging folder of this restore alone (a restore cut off earlier never mixes its files in)."""
    import tempfile  # shutil and tempfile here: every command opens the store through this module

    return Path(tempfile.mkdtemp(prefix=STAGING + "-", dir=folder))


def write_journal(folder: Path, staging: Path, moves: Sequence[Sequence[str]]) -> None:
    write_atomically(folder / JOURNAL, json.dumps({"staging": staging.name, "moves": [list(m) for m in moves]})
                     .encode("utf-8"))


def finish_pending_restore(folder: Path) -> bool:
    """Make the moves a cut-off restore left in `folder` (the data folder); True when there were some."""
    journal = folder / JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = None
    except (OSError, ValueError):
        data = {}
    finished = False
    if isinstance(data, dict) and isinstance(data.get("staging"), str) and isinstance(data.get("moves"), list) \
            and data["staging"].startswith(STAGING) and "/" not in data["staging"] and "\\" not in data["staging"]:
        apply_moves(folder, folder / data["staging"], data["moves"])
        finished = True
    journal.unlink(missing_ok=True)
    if finished:
        import shutil

        shutil.rmtree(folder / data["staging"], ignore_errors=True)
    return finished


def remove_abandoned_staging(folder: Path) -> None:
    """Staging folders of restores cut off before their journal (only when no restore is under way)."""
    import shutil

    for left in folder.glob(STAGING + "-*"):
        shutil.rmtree(left, ignore_errors=True)


def apply_moves(folder: Path, staging: Path, moves: Sequence[object]) -> None:
    """Rename each staged file over its target (a move already made is skipped); the database comes last,
    after the old one's write-ahead log is gone (it belongs to the old database, never to the new one)."""
    for move in moves:
        if not (isinstance(move, list) and len(move) == 2 and all(isinstance(p, str) for p in move)):
            continue
        staged, target = staging / move[0], folder / move[1]
        if not staged.exists():
            continue  # moved before the cut
        if move[1] == "inspector.db":
            for suffix in ("-wal", "-shm", "-checked"):
                Path(str(target) + suffix).unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
