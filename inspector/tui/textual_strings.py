"""Textual's own words on screen (palette, footer, menus) in the interface language.

Textual writes a few English texts of its own: the command palette's prompt, its "No matches found" and
bindings, the theme picker's prompt, the footer's palette key, a select menu's Esc. Their bindings are merged
once per widget class, so the merged maps are translated once, when the app starts, before any widget is made.
The palette's texts are the arguments of our subclass (`Palette`), and its providers match the way the home
screen's filter does: without accents ("xuat" finds "Xuất tệp").
"""

from __future__ import annotations

import dataclasses

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.system_commands import SystemCommandsProvider
from textual.theme import ThemeProvider
from textual.widgets._select import SelectOverlay
from textual.widgets.option_list import Option

from inspector.core.glyphs import glyph
from inspector.core.i18n import LANGUAGES, t
from inspector.tui.text import fold

# Textual's description → our catalog key
DESCRIPTIONS = {
    "Dismiss menu": "ui.textual.dismiss_menu",
    "Exit the command palette": "ui.textual.exit_palette",
    "palette": "ui.textual.palette",
}


def _catalog_key(description: str) -> str | None:
    """The catalog key of a description: Textual's English, or our words in any language (a second app in
    the same process, in the other language, finds the class maps already translated by the first)."""
    for english, key in DESCRIPTIONS.items():
        if description == english or description in (t(key, lang) for lang in LANGUAGES):
            return key
    return None


def translate_bindings(node_or_class) -> None:
    """Replace Textual's descriptions in a bindings map with the catalog's, in the current language."""
    bindings = getattr(node_or_class, "_merged_bindings", None) if isinstance(node_or_class, type) \
        else node_or_class._bindings
    if bindings is None:
        return
    for key, entries in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=t(found), tooltip="")
            if (found := _catalog_key(b.description)) else b for b in entries]


def install(app) -> None:
    for cls in CLASSES:
        translate_bindings(cls)
    translate_bindings(app)
    symbols()


def symbols() -> None:
    """Textual's own symbols (the palette's 🔎) through the one glyph table: plain ones when the console
    cannot draw them. They are class defaults, set before any palette is made. (The title line's ⭘ is
    our own widget's: tui/widgets/title_bar.py.)"""
    from textual.command import SearchIcon

    for cls, symbol in ((SearchIcon, "🔎"),):
        descriptor = cls.__dict__.get("icon")
        if descriptor is not None and hasattr(descriptor, "_default"):
            descriptor._default = glyph(symbol)


class FoldingMatcher(Matcher):
    """Textual's fuzzy matcher on the folded text: lower case, without accents, đ as d (as the home filter)."""

    def match(self, candidate: str) -> float:
        return self.fuzzy_search.match(fold(self.query), _folded(candidate)[0])[0]

    def highlight(self, candidate: str) -> Content:
        content = Content(candidate)  # a command's name is shown as written, never read as markup
        folded, where = _folded(candidate)
        score, offsets = self.fuzzy_search.match(fold(self.query), folded)
        if not score:
            return content
        for offset in {where[o] for o in offsets}:
            if not candidate[offset].isspace():
                content = content.stylize(self.match_style, offset, offset + 1)
        return content


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the index of the character of `text` it comes from."""
    folded, where = [], []
    for index, char in enumerate(text):
        for part in fold(char):
            folded.append(part)
            where.append(index)
    return "".join(folded), where


class Folding(Provider):
    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        return FoldingMatcher(user_input, match_style=self.match_style)


class SystemCommands(Folding, SystemCommandsProvider):
    """The app's commands (`InspectorApp.get_system_commands`), found without typing accents."""


class Themes(Folding, ThemeProvider):
    """The theme picker's list (theme names are names: written as Textual writes them)."""


class Palette(CommandPalette):
    """Textual's command palette with its prompt and its "no matches" in the interface language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search lists what can be discovered: nothing to say when it is empty
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(t("ui.textual.no_matches"), style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


CLASSES = (SelectOverlay, CommandPalette, Palette)


def palette(providers=None, placeholder: str = "ui.textual.search_commands") -> Palette:
    """The command palette (or the theme picker: `providers`, `placeholder`) in the interface language."""
    if providers is None:
        return Palette(placeholder=t(placeholder), id="--command-palette")
    return Palette(providers=providers, placeholder=t(placeholder))
