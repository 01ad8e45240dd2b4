"""What Textual (pinned, 8.2.8) keeps that it should not, bounded here; applied when the interface is imported.

`StylesCache.get_inner_outer` is an `lru_cache(1024)` on a method, so each key holds a widget's StylesCache —
and with it every line that widget last rendered — for the last 1,024 (widget, colour) pairs, long after the
widget is gone. An inspection screen has about 70 widgets: every open kept ~1.5 MB until 15 closed screens'
lines were held (+23 MB over 20 open/close cycles). The two styles depend only on the two colours, so here
they are cached on the colours alone."""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style


@lru_cache(1024)
def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """Textual's `StylesCache.get_inner_outer`, keyed without the StylesCache."""
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(self: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    return inner_outer(base_background, background)


def install() -> None:
    StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign, assignment]


install()
