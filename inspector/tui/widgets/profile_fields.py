"""The unit's profile typed in a form (core/profile.py): area, population, neighbourhoods, counters and staff on two
lines, the former units it was formed from on a third (separated by ";"). On the new-inspection form and the
summary screen; each figure is read by the core's parser and refused under the fields with the reason."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from inspector.core.i18n import decimal_mark, t
from inspector.core.model import PROFILE_COUNTS, Profile
from inspector.core.numbers import show_count
from inspector.core.profile import LIMITS, field_text, parse_field
from inspector.tui.text import literal

NUMBER_FIELDS: tuple[str, ...] = ("area_km2", *PROFILE_COUNTS)


class ProfileFields(Vertical):
    """Labelled inputs; `profile()` gives the Profile typed, or None after showing what is wrong."""

    DEFAULT_CSS = """
    ProfileFields { height: auto; }
    ProfileFields Horizontal { height: auto; }
    ProfileFields Horizontal Input { width: 1fr; }
    ProfileFields #profile-formed_from { width: 1fr; }
    """

    def __init__(self, profile: Profile | None = None, id: str | None = None):
        super().__init__(id=id)
        self.initial = profile or Profile()

    def compose(self) -> ComposeResult:
        yield Label(t("ui.profile.title"), classes="heading")
        yield Static(t("ui.profile.hint"), classes="muted")
        for group in (NUMBER_FIELDS[:3], NUMBER_FIELDS[3:]):
            with Horizontal():
                for key in group:
                    yield Input(field_text(self.initial, key), placeholder=t(f"ui.profile.{key}"),
                                id=f"profile-{key}", compact=True, tooltip=t(f"ui.profile.{key}"),
                                restrict=r"[0-9 .,]*")
        yield Input("; ".join(self.initial.formed_from), placeholder=t("ui.profile.formed_from"),
                    id="profile-formed_from", compact=True, tooltip=t("ui.profile.formed_from"))
        yield Static("", id="profile-error", classes="field-error")

    def profile(self) -> Profile | None:
        found: dict[str, Any] = {}
        wrong = []
        for key in NUMBER_FIELDS:
            text = self.query_one(f"#profile-{key}", Input).value
            try:
                value = parse_field(key, text)
            except ValueError as refused:
                reason = t("profile.too_large", value=text.strip(), max=show_count(LIMITS[key], decimal_mark())) \
                    if str(refused) == "profile.out_of_range" else t(str(refused))
                wrong.append(f"{t(f'ui.profile.{key}')}: {reason}")
                continue
            if value is not None:
                found[key] = value
        names = self.query_one("#profile-formed_from", Input).value
        found["formed_from"] = tuple(" ".join(n.split()) for n in names.split(";") if n.strip())
        box = self.query_one("#profile-error", Static)
        box.update(literal("\n".join(wrong)))
        box.set_class(bool(wrong), "shown")
        return None if wrong else Profile(**found)
