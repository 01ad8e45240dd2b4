"""Finishing a restore that was cut off: every file of a restore is written aside first, then a journal lists
the moves, then they are made (the database last). Whoever opens the store next makes any move left, so a
laptop switched off mid-restore has either its old data or the whole backup, never half of each.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

JOURNAL = "restore-pending.json"
STAGING = ".restore-staging"


def finish_pending_restore(folder: Path) -> bool:
    """Make the moves a cut-off restore left in `folder` (the data folder); True when there were some."""
    journal = folder / JOURNAL
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        moves = None
    if not isinstance(moves, list):  # a journal cut off while written: the moves never started
        journal.unlink(missing_ok=True)
        return False
    apply_moves(folder, moves)
    journal.unlink(missing_ok=True)
    return True


def apply_moves(folder: Path, moves: Sequence[object]) -> None:
    """Rename each staged file over its target (a move already made is skipped); the database comes last,
    after the old one's write-ahead log is gone (it belongs to the old database, never to the new one)."""
    for move in moves:
        if not (isinstance(move, list) and len(move) == 2 and all(isinstance(p, str) for p in move)):
            continue
        staged, target = folder / STAGING / move[0], folder / move[1]
        if not staged.exists():
            continue  # moved before the cut
        if move[1] == "inspector.db":
            for suffix in ("-wal", "-shm", "-checked"):
                Path(str(target) + suffix).unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
