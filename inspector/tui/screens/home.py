"""Home: the table of inspections, grouped under their campaigns; new, open, archive (recoverable), filter,
merge team members' bundles."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from inspector.core.glyphs import glyph
from inspector.core.i18n import decimal_mark, t
from inspector.store.database import InspectionRow, StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import InspectorScreen
from inspector.tui.text import fold, literal
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.linelist import LineList
from inspector.tui.widgets.title_bar import TitleBar

RESCORE_IN_BACKGROUND = 200  # stale inspections above which rescoring gets its own screen (about 0.3 s)


class HomeScreen(InspectorScreen):
    BINDINGS = [
        Binding("n", "new", "ui.new", id="new"),
        Binding("enter", "open", "ui.open", id="open"),
        Binding("a", "archive", "ui.archive", id="archive"),
        Binding("x", "export", "key.export", id="export"),
        Binding("X", "export_all", "key.export_all", id="export_all"),
        Binding("v", "toggle_archived", "ui.show_archived", id="show_archived"),
        Binding("c", "app.pick_checklist_to_edit", "key.checklists", id="edit_checklists"),
        Binding("m", "merge", "key.merge", id="merge"),
        Binding("k", "conflicts", "key.conflicts", id="conflicts"),
        Binding("C", "new_campaign", "key.campaign_form", id="new_campaign"),
        Binding("r", "register", "key.register", id="register"),
        Binding("i", "import_self_assessment", "key.import_self", id="import_self_assessment"),
        Binding("slash", "filter", "ui.filter", id="filter"),
        Binding("escape", "clear_filter", show=False, id="clear_filter"),
        Binding("q", "app.quit", "ui.quit", id="quit_home"),
    ]
    WIDE = ("col.number", "col.unit", "col.date", "col.checklist", "col.progress", "col.score", "col.percent",
            "col.band")
    NARROW = ("col.number", "col.unit", "col.date", "col.progress", "col.percent", "col.band")
    WIDTHS = {"col.number": 4, "col.date": 10, "col.checklist": 16, "col.progress": 7, "col.score": 7,
              "col.percent": 8, "col.band": 10}
    RIGHT = ("col.number", "col.score", "col.percent")

    def __init__(self):
        super().__init__()
        localize(self)
        self.show_archived = False
        self.rows: dict[int, InspectionRow] = {}
        self.campaigns: dict[int, str] = {}  # campaign names by number
        self.rescored = False  # stale scores were looked for (once per start)
        self.conflicts: dict[int, int] = {}  # unresolved conflicts by inspection
        self.laid_out_width: int | None = None


    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(placeholder=t("ui.home.filter"), id="home-filter", disabled=True)
        yield Static(id="home-header")
        yield LineList([], self.render_row, selectable=frozenset({"inspection", "campaign"}), id="inspections")
        yield Static(t("ui.home.empty"), id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("ui.home")

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the list is read once at start-up, not twice.
        self.refresh_rows()

    def on_resize(self) -> None:
        # Rows are laid out to the width: only a new width makes them again (the footer's arrival a frame after
        # the list changes its height, and used to render every visible row twice at start-up).
        if self.size.width == self.laid_out_width:
            return
        self.laid_out_width = self.size.width
        self.query_one("#home-header", Static).update(self.header_text())
        self.query_one(LineList).refresh_all()

    # ---- layout of a row: fixed columns; the unit name takes what is left
    def columns(self) -> tuple[str, ...]:
        """On a narrow terminal the unit name matters more than the checklist id and raw score."""
        return self.WIDE if self.size.width >= 100 else self.NARROW

    def widths(self) -> dict[str, int]:
        columns = self.columns()
        used = sum(self.WIDTHS[k] for k in columns if k != "col.unit") + len(columns) + 2
        return {k: (max(12, self.size.width - used) if k == "col.unit" else self.WIDTHS[k]) for k in columns}

    def line(self, cells: dict[str, Text]) -> Text:
        widths = self.widths()
        line = Text(" ")
        for key, width in widths.items():
            cell = cells[key].copy()
            cell.truncate(width, overflow="ellipsis")
            if key in self.RIGHT:
                cell.pad_left(width - cell.cell_len)
            else:
                cell.pad_right(width - cell.cell_len)
            line.append_text(cell)
            line.append(" ")
        line.no_wrap = True
        return line

    def header_text(self) -> Text:
        return self.line({key: Text(t(key), style="bold") for key in self.columns()})

    def render_row(self, kind: str, ident: str) -> Text:
        if kind == "campaign":
            return self.campaign_line(int(ident[1:]))
        if kind == "others":
            return Text(" " + t("ui.home.others"), style="bold")
        row = self.rows[int(ident)]
        mark = decimal_mark()
        unit = literal(("  " if row.campaign_id in self.campaigns else "") + row.unit)
        if row.archived:
            unit.append(f" ({t('archived')})", style="dim")
        return self.line({
            "col.number": Text(str(row.id)), "col.unit": unit, "col.date": Text(row.shown_date),
            "col.checklist": literal(row.checklist_id), "col.progress": Text(f"{row.answered}/{row.to_answer}"),
            "col.score": Text((row.score or "").replace(".", mark)),
            "col.percent": Text(f"{row.percent}%".replace(".", mark) if row.percent else ""),
            "col.band": literal(row.shown_band, "yellow" if row.provisional else ""),
        })

    def campaign_line(self, number: int) -> Text:
        """A campaign's heading: its name, how many units are fully scored, what is left to settle."""
        members = [row for row in self.rows.values() if row.campaign_id == number]
        done = sum(1 for row in members if not row.provisional)
        line = Text(f" {glyph('▾')} ", style="bold")
        line.append_text(literal(self.campaigns[number], "bold"))
        line.append(f"  {t('ui.home.campaign_progress', done=done, n=len(members))}", style="dim")
        open_conflicts = sum(self.conflicts.get(row.id, 0) for row in members)
        if open_conflicts:
            line.append(f"  {t('ui.home.conflicts', n=open_conflicts)}", style="yellow")
        line.truncate(self.size.width - 1, overflow="ellipsis")
        line.no_wrap = True
        return line

    # ---- data
    def refresh_rows(self) -> None:
        if self.rescore_first():
            return  # the list is read when the rescoring screen closes (this screen resumes)
        try:
            rows = self.inspector.store.list_inspections(include_archived=self.show_archived)
            self.campaigns = self.inspector.store.campaign_names()
            self.conflicts = self.inspector.store.conflict_counts()
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            rows = []
        self.rows = {row.id: row for row in rows}
        self.fill()

    def rescore_first(self) -> bool:
        """After a program update every cached score is recomputed before it is listed: a province's store
        takes seconds, so that runs off the interface thread with a progress bar (once per start)."""
        store = self.inspector.store
        if self.rescored or store.read_only is not None:
            return False
        self.rescored = True
        try:
            stale = store.stale_count()
        except StoreError:
            return False
        if stale < RESCORE_IN_BACKGROUND:
            return False
        from inspector.tui.screens.work import WorkScreen

        def rescore(work_store, progress) -> str:
            work_store.refresh_stale_scores(progress)
            return ""

        self.app.push_screen(WorkScreen(t("cli.rescoring"), rescore, close_when_done=True))
        return True

    def list_rows(self) -> list[tuple[str, str]]:
        """Inspections, each campaign's under its heading (the plan's order), then those of no campaign."""
        ids = self.visible_ids()
        if not self.campaigns:
            return [("inspection", str(i)) for i in ids]
        listed: list[tuple[str, str]] = []
        by_campaign: dict[int, list[InspectionRow]] = {number: [] for number in self.campaigns}
        others = []
        for i in ids:  # one pass: a province's 3,321 rows, whatever the number of campaigns
            row = self.rows[i]
            if row.campaign_id in by_campaign:
                by_campaign[row.campaign_id].append(row)
            else:
                others.append(i)
        for number in sorted(self.campaigns, reverse=True):
            members = sorted(by_campaign[number], key=lambda row: (row.date, row.unit, row.id))
            if members:
                listed.append(("campaign", f"c{number}"))
                listed.extend(("inspection", str(row.id)) for row in members)
        if others:
            listed.append(("others", "others"))
            listed.extend(("inspection", str(i)) for i in others)
        return listed

    def visible_ids(self) -> list[int]:
        words = fold(self.query_one("#home-filter", Input).value).split()
        if not words:
            return list(self.rows)
        shown = []
        for row in self.rows.values():
            haystack = fold(f"{row.unit} {row.checklist_id} {row.band or ''} {row.date} {row.shown_date}")
            if all(w in haystack for w in words):
                shown.append(row.id)
        return shown

    def fill(self) -> None:
        table = self.query_one(LineList)
        table.set_rows(self.list_rows(), keep=table.current_id())
        self.query_one("#home-header", Static).update(self.header_text())
        self.query_one("#home-empty").display = not self.rows
        table.display = bool(self.rows)
        self.query_one("#home-header").display = bool(self.rows)
        if self.rows and not isinstance(self.focused, Input):
            focus_now(table)
        if self.show_archived:
            self.sub_title = f"{t('ui.home')} — {t('ui.home.archived_shown')}"
        else:
            self.sub_title = t("ui.home")

    def selected_id(self) -> int | None:
        """The highlighted inspection (None on a campaign's heading)."""
        table = self.query_one(LineList)
        ident = table.current_id()
        return int(ident) if ident and table.current_kind() == "inspection" else None

    def selected_campaign(self) -> int | None:
        table = self.query_one(LineList)
        ident = table.current_id()
        if ident and table.current_kind() == "campaign":
            return int(ident[1:])
        row = self.selected_row()
        return row.campaign_id if row is not None and row.campaign_id in self.campaigns else None

    def selected_row(self) -> InspectionRow | None:
        number = self.selected_id()
        return self.rows.get(number) if number is not None else None

    # ---- actions
    def action_new(self) -> None:
        from inspector.tui.screens.new import NewInspectionScreen

        self.app.push_screen(NewInspectionScreen())

    def action_open(self) -> None:
        number = self.selected_id()
        if number is not None:
            self.inspector.open_inspection(number)
        elif (campaign := self.selected_campaign()) is not None:
            self.open_campaign(campaign)

    def on_line_list_chosen(self, message: LineList.Chosen) -> None:
        if message.ident.startswith("c"):
            self.open_campaign(int(message.ident[1:]))
        else:
            self.inspector.open_inspection(int(message.ident))

    def open_campaign(self, number: int) -> None:
        from inspector.tui.screens.campaign import CampaignScreen

        self.app.push_screen(CampaignScreen(number))

    def action_merge(self) -> None:
        from inspector.tui.screens.team import ask_and_merge

        ask_and_merge(self.app, self.refresh_rows)

    def action_conflicts(self) -> None:
        from inspector.tui.screens.team import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_register(self) -> None:
        from inspector.tui.screens.follow_up import RegisterScreen

        self.app.push_screen(RegisterScreen())

    def action_import_self_assessment(self) -> None:
        from inspector.tui.screens.follow_up import ask_and_import_self_assessment

        ask_and_import_self_assessment(self.app, self.refresh_rows)

    def action_new_campaign(self) -> None:
        from inspector.tui.screens.new_campaign import NewCampaignScreen

        self.app.push_screen(NewCampaignScreen())

    def action_archive(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from inspector.tui.screens.dialogs import ConfirmScreen

        question = t("ui.confirm_restore" if row.archived else "ui.confirm_archive", unit=row.unit)

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.inspector.store.set_archived(row.id, not row.archived)
            except StoreError as error:
                self.notify(error.message(), severity="error", timeout=15)
                return
            self.notify(t("ui.restored_done" if row.archived else "ui.archived_done", unit=row.unit))
            self.refresh_rows()

        self.app.push_screen(ConfirmScreen(question), done)

    def action_export(self) -> None:
        row = self.selected_row()
        if row is not None:
            from inspector.tui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen([row.id], t("ui.export.one", unit=row.unit)))

    def action_export_all(self) -> None:
        """Every inspection shown (the filter applies) into one XLSX or CSV, in the list's order; a campaign's
        heading is a line of the list, not an inspection."""
        ids = [int(ident) for kind, ident in self.query_one(LineList).rows if kind == "inspection"]
        if ids:
            from inspector.tui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen(ids, t("ui.export.many", n=len(ids))))

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_rows()

    def action_filter(self) -> None:
        box = self.query_one("#home-filter", Input)
        box.disabled = False
        box.add_class("visible")
        focus_now(box)

    def action_clear_filter(self) -> None:
        box = self.query_one("#home-filter", Input)
        box.value = ""
        box.remove_class("visible")
        box.disabled = True
        focus_now(self.query_one(LineList))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "home-filter":
            self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "home-filter":
            focus_now(self.query_one(LineList))
