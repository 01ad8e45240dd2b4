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


def set_text(widget, text: Text) -> None:
    """Update a Static with text; the screen is laid out again only when the text needs another number of
    lines (a keypress mostly changes words, not heights: no full reflow of a screen of fifty widgets), and
    the same text again is not drawn again (a line a keypress leaves as it was adds nothing to repaint)."""
    width, height = widget.content_size.width, widget.content_size.height
    # Rich's Text equality reads only the words and their spans: the whole text's style and layout count too.
    shown = (text.plain, str(text.style), tuple(text.spans), text.justify, text.overflow, text.no_wrap, text.end)
    before = getattr(widget, "shown_text", None)
    if before == shown:  # the very same words and styles: nothing to draw again
        return
    widget.shown_text = shown
    previous = before[0] if before else None
    if previous == text.plain:  # same words (perhaps another colour): same height
        widget.update(text, layout=False)
        return
    if width <= 0 or not widget.display or not text.plain or not previous:
        widget.update(text)  # appearing, disappearing or not laid out yet: let the layout decide
        return
    widget.update(text, layout=len(text.wrap(widget.app.console, width)) != height)
