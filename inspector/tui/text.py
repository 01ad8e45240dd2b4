"""Helpers that keep user and checklist text literal on screen (never parsed as markup)."""

from __future__ import annotations

import unicodedata

from rich.text import Text

from inspector.core.limits import visible


def literal(value: str, style: str = "") -> Text:
    """Checklist text as typed: `[red]` stays `[red]`, escape sequences are shown, not run."""
    return Text(printable(value), style=style)


def printable(value: str) -> str:
    return visible(value, keep="\n")


def not_saved(error) -> str:
    """A store error when a change could not be saved: its reason, and that the typed text is not lost."""
    from inspector.core.i18n import t

    return f"{error.message()}; {t('ui.kept_on_screen')}"


def fold(value: str) -> str:
    """Lower case without Vietnamese accents, for search: "Niêm yết" → "niem yet"."""
    value = value.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


TONE_STYLE = {"": "", "strong": "bold", "ok": "green", "warning": "yellow", "danger": "bold red"}


def tone_text(line) -> Text:
    """A core `describe.Line` with the interface's style for its tone."""
    return literal(line.text, TONE_STYLE[line.tone])
