"""The one glyph table: the symbols the program shows (✓ ✗ ⚠ ☐ ▾ ● → …) and their plain forms for consoles
that cannot draw them (the old Windows console with a raster font or a legacy code page), or `ascii = true`
in config.toml. `t()` gives every catalog text in the chosen form; code that draws a symbol asks `glyph`."""

from __future__ import annotations

import os
import sys

GLYPHS: dict[str, str] = {
    "✓": "v", "✗": "x", "⚠": "!", "☐": "[ ]", "☑": "[x]", "▾": "v", "▸": ">", "●": "*", "○": "o", "⭘": "o",
    "🔎": ">", "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=", "│": "|", "–": "-", "·": ".", "…": "...",
}
_TABLE = str.maketrans(GLYPHS)
_plain = False


def set_plain(plain: bool) -> None:
    global _plain
    _plain = plain


def plain() -> bool:
    return _plain


def glyph(symbol: str) -> str:
    """`symbol`, or its plain form when the console cannot show it."""
    return GLYPHS.get(symbol, symbol) if _plain else symbol


def shown(text: str) -> str:
    """`text` with every symbol of the table in the form the console can show."""
    return text.translate(_TABLE) if _plain else text


def console_shows_symbols() -> bool:
    """Whether the console draws ✓ ✗ ⚠: Windows Terminal and a UTF-8 code page do; the old console with a
    legacy code page (437, 1258) does not. Elsewhere, the terminal's encoding decides."""
    if sys.platform == "win32":
        if os.environ.get("WT_SESSION") or os.environ.get("TERM_PROGRAM"):
            return True
        try:
            import ctypes

            return int(ctypes.windll.kernel32.GetConsoleOutputCP()) == 65001  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return False
    encoding = getattr(sys.__stdout__, "encoding", None) or ""
    return encoding.lower().replace("-", "") in ("utf8", "utf16", "utf32")
