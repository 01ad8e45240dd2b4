"""The register of recommendations in the interface, and reading back a unit's self-assessment workbook.

The register lists every recommendation with its status (overdue by its deadline); 1/2/3 record a
follow-up (not done, in progress, done) through the store, which also refreshes the figures a later
inspection of the same unit takes from them. Opened on its own, or for one earlier inspection when a
new inspection of the same unit starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from inspector.core.followup import figures_text, shown_day
from inspector.core.i18n import t
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import InspectorScreen
from inspector.tui.text import literal
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.linelist import LineList
from inspector.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from inspector.store.register import Entry

STATUS_STYLE = {"chua": "", "dang": "cyan", "da": "green", "qua_han": "bold red"}


class RegisterScreen(InspectorScreen):
    BINDINGS = [
        Binding("escape", "back", "ui.back", id="back_register"),
        Binding("1", "mark('chua')", "key.mark_not_done", id="mark_not_done"),
        Binding("2", "mark('dang')", "key.mark_in_progress", id="mark_in_progress"),
        Binding("3", "mark('da')", "key.mark_done", id="mark_done"),
        Binding("o", "only_overdue", "key.only_overdue", id="only_overdue"),
    ]

    def __init__(self, inspection_id: int | None = None, heading: str = ""):
        super().__init__()
        localize(self)
        self.inspection_id = inspection_id  # only this inspection's recommendations (a follow-up visit)
        self.heading = heading
        self.overdue_only = False
        self.entries: dict[str, Entry] = {}


    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(literal(self.heading or t("ui.reg.hint"), "bold" if self.heading else "dim"), id="register-head")
        yield LineList([], self.render_row, selectable=frozenset({"rec"}), id="register")
        yield Static(id="register-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("ui.reg.title")
        self.reload()

    def reload(self) -> None:
        from inspector.store.register import register

        try:
            found = register(self.inspector.store, today=self.inspector.today,
                             include_archived=self.inspection_id is not None)
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            found = []
        if self.inspection_id is not None:
            found = [e for e in found if e.inspection_id == self.inspection_id]
        if self.overdue_only:
            found = [e for e in found if e.status == "qua_han"]
        self.entries = {e.ref: e for e in found}
        table = self.query_one(LineList)
        table.set_rows([("rec", ref) for ref in self.entries], keep=table.current_id())
        focus_now(table)
        self.show_detail()

    def render_row(self, kind: str, ident: str) -> Text:
        entry = self.entries[ident]
        status = t(f"rec.status.{entry.status}")
        line = Text(f" {ident:<6}")
        line.append(f"{status:<15}", style=STATUS_STYLE[entry.status])
        line.append_text(literal(f"{entry.unit} — {entry.recommendation.text}"))
        line.truncate(max(20, self.size.width - 1), overflow="ellipsis")
        line.no_wrap = True
        return line

    def current(self) -> Entry | None:
        ident = self.query_one(LineList).current_id()
        return self.entries.get(ident) if ident else None

    def on_line_list_moved(self, message: LineList.Moved) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        entry = self.current()
        detail = self.query_one("#register-detail", Static)
        if entry is None:
            detail.update(Text(t("rec.none")))
            return
        r = entry.recommendation
        text = literal(r.text, "bold")
        text.append("\n")
        text.append_text(literal(t("ui.reg.detail", who=r.responsible or "—", deadline=r.deadline or "—",
                                   reported=", ".join(filter(None, (r.reported_by, shown_day(r.reported_on),
                                                                    r.report))) or "—")))
        if r.evidence:
            text.append("\n")
            text.append_text(literal(f"{t('conflict.evidence')}: {'; '.join(r.evidence)}", "dim"))
        detail.update(text)

    def action_mark(self, status: str) -> None:
        from inspector.store.register import record_follow_up

        entry = self.current()
        if entry is None:
            return
        store = self.inspector.store
        try:
            _, refreshed = record_follow_up(store, entry.inspection_id, entry.number, status, store.author,
                                            on=self.inspector.today)
            for later, changes in refreshed.items():
                self.notify(t("rec.prefilled", id=later, figures=figures_text(changes)))
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            return
        self.notify(t("rec.updated", ref=entry.ref, text=entry.recommendation.text, status=t(f"rec.status.{status}")))
        self.reload()
        self.query_one(LineList).action_move(1)

    def action_only_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()


def follow_up_new_inspection(app, number: int) -> None:
    """After a new inspection is created: take the figures that depend on last time's recommendations, and
    open those recommendations to check one by one (over the new inspection)."""
    from inspector.store.register import prefill_from_register, previous_inspection

    store = app.store
    try:
        previous = previous_inspection(store, number)
        if previous is None:
            return
        changes = prefill_from_register(store, number)
        earlier = store.load(previous)
    except StoreError as error:
        app.notify(error.message(), severity="error", timeout=15)
        return
    if changes:
        app.notify(t("rec.prefilled", id=number, figures=figures_text(changes)), timeout=10)
    heading = t("ui.reg.previous", unit=earlier.info.unit, id=previous, date=earlier.info.date.strftime("%d/%m/%Y"))
    app.push_screen(RegisterScreen(previous, heading))


def self_assessment_report(store, path: Path) -> str:
    """Read a returned workbook into the store; what the secretary reads: what was taken, what was kept, or
    every refused cell with its place."""
    from inspector.core.numbers import show
    from inspector.exports.self_assessment import (
        SelfAssessmentProblems,
        read_into_store,
    )

    try:
        number, applied = read_into_store(store, path)
    except SelfAssessmentProblems as refused:
        return "\n".join([t("ui.sa.refused")] + [p.render(path.name) for p in refused.problems])
    unit = store.load(number).info.unit
    lines = [t("sa.imported", file=path.name, id=number, unit=unit, n=applied.answers, figures=applied.figures)]
    lines += [t("sa.kept", id=cid, recorded=show(old), offered=show(new)) for cid, old, new in applied.kept]
    return "\n".join(lines)


def ask_and_import_self_assessment(app, done: Callable[[], None]) -> None:
    """Ask for a returned workbook and read it in off the interface thread (a large workbook takes seconds)."""
    def read(typed: str | None) -> None:
        if not typed:
            return
        from inspector.tui.screens.work import WorkScreen

        from inspector.core.paths import typed_path

        path = Path(typed_path(typed)).expanduser()
        app.push_screen(WorkScreen(t("ui.sa.title"), lambda store, progress: self_assessment_report(store, path)),
                        lambda _: done())

    from inspector.tui.screens.team import PromptScreen

    app.push_screen(PromptScreen(t("ui.sa.title"), t("ui.sa.hint")), read)
