"""The issuer of the thông báo kết luận, typed in a form: the same seven fields on the new-inspection and the
new-campaign forms (core/model.py `Issuer`; the campaign file's `[issuer]`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from inspector.core.i18n import t
from inspector.core.model import ISSUER_FIELDS, Issuer

PLACEHOLDERS = {"body": "SỞ NỘI VỤ", "parent": "UBND TỈNH …", "symbol": "SNV", "place": "Đồng Nai",
                "sign_for": "KT. GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC"}  # examples of the document's words


class IssuerFields(Vertical):
    """Labelled inputs, two a line; `values()` gives what was typed, field by field (blank ones left out)."""

    DEFAULT_CSS = """
    IssuerFields { height: auto; }
    IssuerFields Horizontal { height: auto; }
    IssuerFields Horizontal Input { width: 1fr; }
    """

    def __init__(self, issuer: Issuer | None = None, id: str | None = None):
        super().__init__(id=id)
        self.initial = issuer or Issuer()

    def compose(self) -> ComposeResult:
        yield Label(t("ui.issuer.title"), classes="heading")
        yield Static(t("ui.issuer.hint"), classes="muted")
        pairs = [ISSUER_FIELDS[i:i + 2] for i in range(0, len(ISSUER_FIELDS), 2)]
        for pair in pairs:
            with Horizontal():
                for field in pair:
                    yield Input(getattr(self.initial, field), placeholder=f"{t(f'ui.issuer.{field}')}: "
                                f"{PLACEHOLDERS.get(field) or t('ui.issuer.full_name')}", id=f"issuer-{field}", compact=True,
                                tooltip=t(f"ui.issuer.{field}"))

    def values(self) -> dict[str, str]:
        found = {field: " ".join(self.query_one(f"#issuer-{field}", Input).value.split()) for field in ISSUER_FIELDS}
        return {field: value for field, value in found.items() if value}
