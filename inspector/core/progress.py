"""How long work reports how far it has got: `progress(done, total)`, called by the core, shown by a layer above."""

from __future__ import annotations

import time
from typing import Callable

Progress = Callable[[int, int], None]


def throttled(progress: Progress | None, interval: float = 0.1) -> Progress | None:
    """`progress` called at most every `interval` seconds, and always for the last step: a bar redrawn
    3,321 times (or an interface thread waited on as often) costs more than the work it shows."""
    if progress is None:
        return None
    last = [float("-inf")]  # the first step is always shown, however long the machine has been up

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= interval:
            last[0] = now
            progress(done, total)

    return report
