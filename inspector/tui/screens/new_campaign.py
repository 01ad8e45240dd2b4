"""New campaign, typed in the interface: the header, the team one member a line, the units one a line.

The form is turned into a campaign file's text and checked by the same loader as `inspector campaign
new FILE` (core/campaign.py), so both refuse the same things with the same words; a problem is shown
under its field, with the line of the team or units box it is on.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from inspector.core.i18n import t
from inspector.core.model import Issuer
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import InspectorScreen
from inspector.tui.screens.new import parse_date
from inspector.tui.text import literal
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.issuer_fields import IssuerFields
from inspector.tui.widgets.title_bar import TitleBar

HEADER_FIELDS = ("name", "period", "inspecting_body", "plan", "decision_number", "decision_issuer")


ABSENT_MARKS = ("vắng", "absent")


def member_line(line: str) -> dict:
    """ "Họ tên — Vai trò, Cơ quan | A, B | ed25519:… | vắng" → a [[member]] table (role, agency, sections, key
    and "vắng" — not on the visits — optional)."""
    person, _, rest = (part.strip() for part in line.partition("|"))
    sections, _, rest = (part.strip() for part in rest.partition("|"))
    key, _, presence = (part.strip() for part in rest.partition("|"))
    if key.casefold() in ABSENT_MARKS:
        key, presence = "", key
    name, _, role_agency = (part.strip() for part in person.partition("—"))
    role, _, agency = (part.strip() for part in role_agency.partition(","))
    item: dict = {"name": name}
    if role:
        item["role"] = role
    if agency:
        item["agency"] = agency
    if key:
        item["key"] = key
    if sections:
        item["sections"] = [s.strip() for s in sections.replace(";", ",").split(",") if s.strip()]
    if presence.casefold() in ABSENT_MARKS:
        item["present"] = False
    return item


def unit_line(line: str) -> tuple[dict, str | None]:
    """ "UBND phường X | phuong | 10/04/2026 | Ông A — Chủ tịch; Bà B — Phó Chủ tịch" → a [[unit]] table, and the
    date text when it cannot be read."""
    name, _, rest = (part.strip() for part in line.partition("|"))
    unit_type, _, rest = (part.strip() for part in rest.partition("|"))
    day, _, people = (part.strip() for part in rest.partition("|"))
    item: dict = {"name": name}
    if unit_type:
        item["unit_type"] = unit_type
    date = parse_date(day) if day else None
    if date is not None:
        item["date"] = date
    representatives = []
    for person in (p.strip() for p in people.split(";") if p.strip()):
        name, _, role = (part.strip() for part in person.partition("—"))
        representatives.append({"name": name, "role": role} if role else {"name": name})
    if representatives:
        item["representatives"] = representatives
    return item, (day if day and date is None else None)


class NewCampaignScreen(InspectorScreen):
    BINDINGS = [
        Binding("f2,ctrl+s", "create", "ui.save", id="create_campaign"),
        Binding("f3,ctrl+o", "from_file", "key.new_campaign", id="campaign_from_file"),
        Binding("escape", "app.pop_screen", "ui.back", id="back_new_campaign"),
    ]

    def __init__(self):
        super().__init__()
        localize(self)
        self.entries: list = []


    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="campaign-form"):
            yield Label(t("ui.nc.name"))
            yield Input(placeholder="Kiểm tra công tác CCHC năm 2026", id="name", compact=True)
            yield Static("", id="name-error", classes="field-error")
            yield Label(t("ui.new.checklist"))
            yield Select([], id="checklist", allow_blank=True, prompt=t("ui.new.checklist"), compact=True)
            yield Label(t("word.period"))
            yield Input(placeholder=t("ui.new.period_placeholder"), id="period", compact=True)
            yield Label(t("ui.new.body"))
            yield Input(self.inspector.config.inspecting_body, placeholder=t("ui.new.body_placeholder"),
                        id="inspecting_body", compact=True)  # config.toml inspecting_body, else blank
            yield Label(t("ui.new.plan"))
            yield Input(placeholder=t("ui.new.plan_placeholder"), id="plan", compact=True)
            yield Label(t("ui.new.decision"))
            yield Input(placeholder=t("ui.new.decision_number"), id="decision_number", compact=True)
            yield Input(placeholder=t("ui.new.decision_date"), id="decision_date", compact=True)
            yield Input(placeholder=t("ui.new.decision_issuer"), id="decision_issuer", compact=True)
            yield Static("", id="decision-error", classes="field-error")
            yield IssuerFields(Issuer(**self.inspector.config.issuer), id="issuer")
            yield Static("", id="issuer-error", classes="field-error")
            yield Label(t("ui.nc.members"))
            yield Static(t("ui.nc.members_hint"), classes="muted")
            yield TextArea(id="members", soft_wrap=True)
            yield Static("", id="members-error", classes="field-error")
            yield Label(t("ui.nc.units"))
            yield Static(t("ui.nc.units_hint"), classes="muted")
            yield TextArea(id="units", soft_wrap=True)
            yield Static("", id="units-error", classes="field-error")
            yield Static("", id="campaign-errors", classes="field-error")
            yield Button(t("ui.nc.create"), id="create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        from inspector.core.library import all_checklists

        self.sub_title = t("ui.nc.title")
        self.entries = [e for e in all_checklists() if e.checklist is not None]
        select = self.query_one("#checklist", Select)
        select.set_options([(f"{e.checklist.title} ({e.checklist.id} {e.checklist.version})", i)
                            for i, e in enumerate(self.entries)])
        default = next((i for i, e in enumerate(self.entries) if e.checklist.id == "cchc-xa"), 0)
        if self.entries:
            select.value = default
        focus_now(self.query_one("#name", Input))
        self.call_after_refresh(self.query_one("#campaign-form", VerticalScroll).scroll_home, animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()

    def set_error(self, widget: str, text: str) -> None:
        box = self.query_one(f"#{widget}", Static)
        box.update(literal(text))
        box.set_class(bool(text), "shown")

    def action_create(self) -> None:
        import tomli_w

        from inspector.core.campaign import build_campaign
        from inspector.core.problems import FileProblems
        from inspector.core.source import from_text
        from inspector.store.campaigns import create_campaign

        for widget in ("name-error", "decision-error", "issuer-error", "members-error", "units-error",
                       "campaign-errors"):
            self.set_error(widget, "")
        choice = self.query_one("#checklist", Select).value
        if not isinstance(choice, int) or not self.entries:
            self.set_error("campaign-errors", t("ui.new.need_checklist"))
            return
        checklist = self.entries[choice].checklist
        header: dict = {"checklist": checklist.id, "checklist_version": checklist.version}
        for key in HEADER_FIELDS:
            value = self.query_one(f"#{key}", Input).value.strip()
            if value:
                header[key] = value
        decided = self.query_one("#decision_date", Input).value.strip()
        if decided:
            day = parse_date(decided)
            if day is None:
                self.set_error("decision-error", t("ui.new.bad_date"))
                return
            header["decision_date"] = day
        members = [member_line(line) for line in self.query_one("#members", TextArea).text.splitlines()
                   if line.strip()]
        units, bad_dates = [], []
        for number, line in enumerate((x for x in self.query_one("#units", TextArea).text.splitlines() if x.strip()),
                                      1):
            item, bad = unit_line(line)
            units.append(item)
            if bad is not None:
                bad_dates.append(t("ui.nc.line", n=number, text=f"«{bad}»: {t('ui.new.bad_date')}"))
        if bad_dates:
            self.set_error("units-error", "\n".join(bad_dates))
            return
        document = {"format": 1, "campaign": header, "member": members, "unit": units}
        issuer = self.query_one("#issuer", IssuerFields).values()
        if issuer:
            document["issuer"] = issuer
        try:
            campaign = build_campaign(from_text(tomli_w.dumps(document), t("ui.nc.title")), checklist)
        except FileProblems as refused:
            self.show_problems(refused)
            return
        try:
            number, _ = create_campaign(self.inspector.store, campaign, checklist)
        except StoreError as error:
            self.set_error("campaign-errors", error.message())
            return
        self.notify(t("campaign.created", id=number, name=campaign.name, checklist=checklist.id,
                      version=checklist.version))
        self.app.pop_screen()

    def action_from_file(self) -> None:
        """The same campaign written as a file instead (inspector campaign example shows the format)."""
        from inspector.tui.screens.team import ask_and_create_campaign

        def created() -> None:
            self.app.pop_screen()

        ask_and_create_campaign(self.app, created)

    def show_problems(self, refused) -> None:
        """Each problem under its field; a member's or unit's with the line it is on."""
        by_box: dict[str, list[str]] = {}
        for problem in refused.problems:
            path = problem.path
            if path and path[0] in ("member", "unit") and len(path) > 1 and isinstance(path[1], int):
                box = "members-error" if path[0] == "member" else "units-error"
                text = t("ui.nc.line", n=path[1] + 1, text=problem.message())
            elif path and path[0] == "member":
                box, text = "members-error", t("ui.nc.need_members")
            elif path and path[0] == "unit":
                box, text = "units-error", t("ui.nc.need_units")
            elif len(path) > 1 and path[1] == "name":
                box, text = "name-error", problem.message()
            elif path and path[0] == "issuer":
                box, text = "issuer-error", problem.message()
            else:
                box, text = "campaign-errors", problem.message()
            by_box.setdefault(box, []).append(text)
        for box, lines in by_box.items():
            self.set_error(box, "\n".join(lines))
