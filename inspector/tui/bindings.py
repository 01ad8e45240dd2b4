"""Bindings whose descriptions are catalog keys, translated when a screen is created."""

from __future__ import annotations

import dataclasses
import re

from textual.binding import Binding

from inspector.core.i18n import CATALOG, t


def label(binding: Binding) -> str:
    return t(binding.description) if binding.description in CATALOG else binding.description


def localize(node) -> None:
    """Translate the descriptions of `node`'s bindings into the current language (footer, help, palette)."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [dataclasses.replace(b, description=label(b)) for b in bindings]


def declared(node) -> list[Binding]:
    """The bindings a node declares (for the help screen and command palette), translated."""
    found = []
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("inspector."):
            continue  # Textual's own (focus next, copy…) are not ours to document or rebind
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found.append(dataclasses.replace(binding, description=label(binding)))
    return found


def key_name(app, key: str) -> str:
    """A key as Word and Excel write it: F2, Ctrl+S (Textual's own display for the others: ⏎, /)."""
    if re.fullmatch(r"f\d+", key):
        return key.upper()
    if key.startswith("ctrl+") and len(key) == 6:
        return f"Ctrl+{key[-1].upper()}"
    return app.get_key_display(Binding(key, ""))


def keys_shown(app, binding: Binding) -> str:
    """The keys of a binding as the help screen and the palette show them (rebound ones as the keymap says)."""
    keys = app._keymap.get(binding.id, binding.key) if binding.id else binding.key
    return ", ".join(key_name(app, k.strip()) for k in keys.split(","))
