"""Finding the checklist a command names (id or path), or saying clearly why not."""

from __future__ import annotations

from inspector.cli.output import warn
from inspector.core.i18n import t


def _error(text: str) -> None:
    warn(text)


def resolve_checklist(ref: str, version: str | None = None):
    """A checklist by id or path, or None after printing why not."""
    from inspector.core.checks import did_you_mean, guess_hint
    from inspector.core.library import find_checklist, known_ids
    from inspector.core.problems import FileProblems

    try:
        return find_checklist(ref, version)
    except FileProblems as problems:
        _error(problems.render())
    except LookupError:
        hint = guess_hint(did_you_mean(ref, known_ids()))
        _error(f"inspector: {t('cli.unknown_checklist', ref=ref, hint=str(hint))}")
    return None
