"""The terminal interface (Textual). Thin: every number and rule comes from the core."""

from inspector.core.i18n import register
from inspector.tui.words import TUI_ENGLISH_ONE, TUI_PHOTO_WORDS, TUI_WORDS, TUI_WIN_WORDS

register(TUI_WORDS, TUI_ENGLISH_ONE)
register(TUI_PHOTO_WORDS)
register(TUI_WIN_WORDS)
