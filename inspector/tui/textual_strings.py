"""Textual's own words on screen (palette, footer, menus) in the interface language.

Textual writes a few English texts of its own: the command palette's prompt and bindings, the footer's
palette key, a select menu's Esc. Their bindings are merged once per widget class, so the merged maps
are translated once, when the app starts, before any widget is made.
"""

from __future__ import annotations

import dataclasses

from textual.command import CommandPalette
from textual.widgets._select import SelectOverlay

from inspector.core.glyphs import glyph
from inspector.core.i18n import t

# Textual's description → our catalog key
DESCRIPTIONS = {
    "Dismiss menu": "ui.textual.dismiss_menu",
    "Exit the command palette": "ui.textual.exit_palette",
    "palette": "ui.textual.palette",
}
CLASSES = (SelectOverlay, CommandPalette)


def translate_bindings(node_or_class) -> None:
    """Replace Textual's descriptions in a bindings map with the catalog's, in the current language."""
    bindings = getattr(node_or_class, "_merged_bindings", None) if isinstance(node_or_class, type) \
        else node_or_class._bindings
    if bindings is None:
        return
    for key, entries in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(DESCRIPTIONS[b.description]), tooltip="")
            if b.description in DESCRIPTIONS else b for b in entries]


def install(app) -> None:
    for cls in CLASSES:
        translate_bindings(cls)
    translate_bindings(app)
    symbols()


def symbols() -> None:
    """Textual's own symbols (the header's ⭘, the palette's 🔎) through the one glyph table: plain ones when
    the console cannot draw them. They are class defaults, set before any header or palette is made."""
    from textual.command import SearchIcon
    from textual.widgets import Header
    from textual.widgets._header import HeaderIcon

    for cls, symbol in ((Header, "⭘"), (HeaderIcon, "⭘"), (SearchIcon, "🔎")):
        descriptor = cls.__dict__.get("icon")
        if descriptor is not None and hasattr(descriptor, "_default"):
            descriptor._default = glyph(symbol)


def palette() -> CommandPalette:
    """The command palette with its prompt in the interface language."""
    return CommandPalette(placeholder=t("ui.textual.search_commands"), id="--command-palette")
