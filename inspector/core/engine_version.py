"""Which engine computed a cached score: stores recompute every score stamped otherwise.

Its own module so that listing a store (which only compares stamps) never imports the engine itself.
"""

from __future__ import annotations

# Raise when a change to the scoring engine or the rules it applies can change a score: stores recompute
# every cached score stamped otherwise (with the program version too, so any release refreshes them).
ENGINE_REVISION = 3  # 2: reported rates, the figures' sources as evidence; 3: criteria for later periods


def engine_stamp() -> str:
    """Marks a cached score with the engine that computed it."""
    from inspector import __version__

    return f"{__version__}/{ENGINE_REVISION}"
