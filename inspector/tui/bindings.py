"""Bindings whose descriptions are catalog keys, translated when a screen is created."""

from __future__ import annotations

import dataclasses

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
