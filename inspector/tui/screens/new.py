"""New inspection: pick a checklist, describe the visit; every field validated in place."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from inspector.core.i18n import t
from inspector.core.issuer import field_problem
from inspector.core.model import (
    HONORIFICS,
    ROLE_SEPARATOR,
    TEAM_ROLES,
    InspectionInfo,
    Issuer,
    Profile,
    honorific_of,
    leader,
)
from inspector.core.problems import FileProblems
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import inspector_app
from inspector.tui.text import literal
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.issuer_fields import IssuerFields
from inspector.tui.widgets.profile_fields import ProfileFields
from inspector.tui.widgets.title_bar import TitleBar

UNIT_TYPE_LABELS = {"xa": "ui.unit_type.xa", "phuong": "ui.unit_type.phuong", "dac-khu": "ui.unit_type.dac_khu"}
# The menus' words in the interface's language; the value kept is the document's Vietnamese word.
ROLE_LABELS = {"Trưởng đoàn": "ui.role.head", "Phó Trưởng đoàn": "ui.role.deputy", "Thư ký": "ui.role.secretary",
               "Thành viên": "ui.role.member"}
HONORIFIC_LABELS = {"Ông": "ui.honorific.mr", "Bà": "ui.honorific.ms"}


def label_of(labels: dict[str, str], value: str) -> str:
    key = labels.get(value)
    return t(key) if key else value


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy (as Vietnamese write dates) or yyyy-mm-dd."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class NewInspectionScreen(Screen):
    BINDINGS = [
        Binding("f2,ctrl+s", "create", "ui.save", id="create"),
        Binding("escape", "app.pop_screen", "ui.back", id="back_new"),
    ]

    def __init__(self, today: dt.date | None = None):
        super().__init__()
        localize(self)
        self.fixed_today = today
        self.entries: list[Any] = []  # library entries, loaded on mount
        self.members = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="new-form"):
            yield Label(t("ui.new.checklist"))
            yield Select([], id="checklist", allow_blank=True, prompt=t("ui.new.checklist"), compact=True)
            yield Input(placeholder=t("ui.new.checklist_file"), id="checklist-file", compact=True)
            yield Static("", id="checklist-error", classes="field-error")
            yield Label(t("ui.new.unit"))
            yield Input(placeholder=t("ui.new.unit_placeholder"), id="unit", compact=True)
            yield Static("", id="unit-error", classes="field-error")
            yield Label(t("ui.new.unit_type"))
            yield Select([], id="unit-type", allow_blank=True, prompt="—", compact=True)
            yield Label(t("ui.new.date"))
            today = self.fixed_today or inspector_app(self).today or dt.date.today()
            yield Input(today.strftime("%d/%m/%Y"), id="date", compact=True)
            yield Static("", id="date-error", classes="field-error")
            yield Label(t("word.period"))
            yield Input(placeholder=t("ui.new.period_placeholder"), id="period", compact=True)
            yield Label(t("ui.new.body"))
            yield Input(inspector_app(self).config.inspecting_body, placeholder=t("ui.new.body_placeholder"), id="body",
                        compact=True)  # the setting's body (config.toml inspecting_body), else blank
            yield Label(t("ui.new.decision"))
            with Horizontal(classes="decision"):
                yield Input(placeholder=t("ui.new.decision_number"), id="decision-number", compact=True)
                yield Input(placeholder=t("ui.new.decision_date"), id="decision-date", compact=True)
            yield Static("", id="decision-date-error", classes="field-error")
            yield Input(placeholder=t("ui.new.decision_issuer"), id="decision-issuer", compact=True)
            yield Label(t("ui.new.plan"))
            yield Input(placeholder=t("ui.new.plan_placeholder"), id="plan", compact=True)
            yield Label(t("ui.new.minutes_number"))
            yield Input(placeholder="…/BB-ĐKT", id="minutes-number", compact=True)
            yield Label(t("word.team"))
            yield Static("", id="team-error", classes="field-error")
            yield Button(t("ui.new.add_member"), id="add-member")
            yield Label(t("ui.new.representatives"))
            yield TextArea(id="representatives", soft_wrap=True)
            yield ProfileFields(id="profile")
            yield IssuerFields(Issuer(**inspector_app(self).config.issuer), id="issuer")
            yield Static("", id="issuer-error", classes="field-error")
            yield Static("", id="new-errors", classes="field-error")
            yield Button(t("ui.new.create"), id="create", variant="primary")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = t("ui.new.title")
        from inspector.core.library import all_checklists

        self.entries = [e for e in all_checklists() if e.checklist is not None]
        select = self.query_one("#checklist", Select)
        select.set_options([(f"{e.checklist.title} ({e.checklist.id} {e.checklist.version})", i)
                            for i, e in enumerate(self.entries)])
        default = next((i for i, e in enumerate(self.entries) if e.checklist.id == "cchc-xa"), 0 if self.entries else None)
        if default is not None:
            select.value = default
        for role in ("Trưởng đoàn", "Thư ký", "Thành viên"):
            await self.add_member(role)
        focus_now(self.query_one("#unit", Input))

    def add_member(self, role: str = "Thành viên"):
        self.members += 1
        row = Horizontal(Select([(label_of(HONORIFIC_LABELS, h), h) for h in HONORIFICS], prompt="—", allow_blank=True,
                                id=f"honorific-{self.members}", compact=True, classes="honorific"),
                         Input(placeholder=t("ui.new.member"), id=f"member-{self.members}", compact=True),
                         Select([(label_of(ROLE_LABELS, r), r) for r in TEAM_ROLES], value=role, allow_blank=False,
                                id=f"role-{self.members}", compact=True), classes="member")
        return self.query_one("#new-form").mount(row, before=self.query_one("#add-member"))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-member":
            await self.add_member()
            focus_now(self.query_one(f"#member-{self.members}", Input))
        elif event.button.id == "create":
            self.action_create()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "checklist":
            self.update_unit_types()

    def set_error(self, widget_id: str, message) -> None:
        widget = self.query_one(f"#{widget_id}", Static)
        widget.update(message)
        widget.set_class(bool(message), "shown")

    def chosen_checklist(self):
        """The checklist from the file path if one is typed, else from the list; problems shown in place."""
        self.set_error("checklist-error", "")
        from inspector.core.paths import typed_path

        path = typed_path(self.query_one("#checklist-file", Input).value)
        if path:
            from inspector.core.checklist import load_checklist

            try:
                return load_checklist(path)
            except FileProblems as problems:
                self.set_error("checklist-error", literal(f"{t('ui.new.bad_checklist')}\n{problems.render()}"))
                return None
        value = self.query_one("#checklist", Select).value
        if isinstance(value, int) and 0 <= value < len(self.entries):
            return self.entries[value].checklist
        self.set_error("checklist-error", t("ui.new.need_checklist"))
        return None

    def update_unit_types(self) -> None:
        value = self.query_one("#checklist", Select).value
        checklist = self.entries[value].checklist if isinstance(value, int) and value < len(self.entries) else None
        select = self.query_one("#unit-type", Select)
        types = checklist.unit_types if checklist and checklist.unit_types else ()
        select.set_options([(label_of(UNIT_TYPE_LABELS, u), u) for u in types])

    def team(self) -> list[str]:
        team = []
        for i in range(1, self.members + 1):
            name = self.query_one(f"#member-{i}", Input).value.strip()
            role = self.query_one(f"#role-{i}", Select).value
            honorific = self.query_one(f"#honorific-{i}", Select).value
            if name and isinstance(honorific, str) and not honorific_of(name):
                name = f"{honorific} {name}"  # chosen per person; a name that already has one keeps its own
            if name:
                team.append(f"{name}{ROLE_SEPARATOR}{role}")
        return team

    def action_create(self) -> None:
        problems = 0
        checklist = self.chosen_checklist()
        problems += checklist is None
        unit = self.query_one("#unit", Input).value.strip()
        self.set_error("unit-error", "" if unit else t("ui.new.need_unit"))
        problems += not unit
        date = parse_date(self.query_one("#date", Input).value)
        self.set_error("date-error", "" if date else t("ui.new.bad_date"))
        problems += date is None
        decision_text = self.query_one("#decision-date", Input).value.strip()
        decision_date = parse_date(decision_text) if decision_text else None
        self.set_error("decision-date-error", t("ui.new.bad_date") if decision_text and decision_date is None else "")
        problems += bool(decision_text) and decision_date is None
        team = self.team()
        leads = leader(team) is not None
        self.set_error("team-error", "" if leads or not team else t("ui.new.need_leader"))
        problems += bool(team) and not leads
        issuer = self.query_one("#issuer", IssuerFields).values()
        wrong = [(field, found) for field, value in issuer.items() if (found := field_problem(field, value))]
        self.set_error("issuer-error", literal("\n".join(f"{t(f'ui.issuer.{field}')}: {t(key, **params)}"
                                                         for field, (key, params) in wrong)))
        problems += bool(wrong)
        profile = self.query_one("#profile", ProfileFields).profile()
        problems += profile is None
        if problems:
            self.set_error("new-errors", t("ui.new.fix_errors"))
            return
        unit_type = self.query_one("#unit-type", Select).value
        representatives = [line.strip() for line in self.query_one("#representatives", TextArea).text.splitlines()
                           if line.strip()]
        info = InspectionInfo(
            checklist=checklist.id, checklist_version=checklist.version, unit=unit, date=cast(dt.date, date),
            unit_type=unit_type if isinstance(unit_type, str) else None,
            period=self.query_one("#period", Input).value.strip(),
            team=tuple(team), inspecting_body=self.query_one("#body", Input).value.strip(),
            representatives=tuple(representatives),
            decision_number=self.query_one("#decision-number", Input).value.strip(), decision_date=decision_date,
            decision_issuer=self.query_one("#decision-issuer", Input).value.strip(),
            plan=self.query_one("#plan", Input).value.strip(),
            minutes_number=self.query_one("#minutes-number", Input).value.strip(), issuer=Issuer(**issuer),
            profile=cast(Profile, profile))
        try:
            number = inspector_app(self).store.create_inspection(checklist, info)
        except StoreError as error:
            self.set_error("new-errors", literal(error.message()))
            return
        self.app.pop_screen()
        inspector_app(self).open_inspection(number)
        from inspector.tui.screens.follow_up import follow_up_new_inspection

        follow_up_new_inspection(self.app, number)
