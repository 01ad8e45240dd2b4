"""Home: the table of inspections; new, open, archive (recoverable), filter."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from ..i18n import decimal_mark, t
from ..store import InspectionRow, StoreError
from .bindings import localize
from .text import fold, literal


def _date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


class HomeScreen(Screen):
    BINDINGS = [
        Binding("n", "new", "ui.new", id="new"),
        Binding("enter", "open", "ui.open", id="open", show=True),
        Binding("a", "archive", "ui.archive", id="archive"),
        Binding("v", "toggle_archived", "ui.show_archived", id="show_archived"),
        Binding("slash", "filter", "ui.filter", id="filter"),
        Binding("escape", "clear_filter", show=False, id="clear_filter"),
        Binding("q", "app.quit", "ui.quit", id="quit_home"),
    ]

    def __init__(self):
        super().__init__()
        localize(self)
        self.show_archived = False
        self.rows: list[InspectionRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("ui.home.filter"), id="home-filter", disabled=True)
        yield DataTable(id="inspections", cursor_type="row", zebra_stripes=True)
        yield Static(t("ui.home.empty"), id="home-empty")
        yield Footer()

    WIDE = ("col.number", "col.unit", "col.date", "col.checklist", "col.progress", "col.score", "col.percent",
            "col.band")
    NARROW = ("col.number", "col.unit", "col.date", "col.progress", "col.percent", "col.band")

    def on_mount(self) -> None:
        self.sub_title = t("ui.home")
        self.columns: tuple[str, ...] = ()
        self.refresh_rows()

    def on_resize(self) -> None:
        if self.columns:
            self.columns = ()
            self.fill()

    def wanted_columns(self) -> tuple[str, ...]:
        """On a narrow terminal the unit name matters more than the checklist id and raw score."""
        return self.WIDE if self.size.width >= 100 else self.NARROW

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        try:
            self.rows = self.app.store.list_inspections(include_archived=self.show_archived)
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            self.rows = []
        self.fill()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        words = fold(self.query_one("#home-filter", Input).value).split()
        mark = decimal_mark()
        selected = self.selected_id()
        columns = self.wanted_columns()
        if columns != self.columns:
            table.clear(columns=True)
            # Fixed widths; the unit name takes what is left (cell padding is 2 a column, 1 for the scrollbar).
            widths = {"col.number": 3, "col.date": 10, "col.checklist": 16, "col.progress": 7, "col.score": 6,
                      "col.percent": 7, "col.band": 10}
            used = sum(widths[k] for k in columns if k != "col.unit") + 2 * len(columns) + 1
            for key in columns:
                width = max(16, self.size.width - used) if key == "col.unit" else widths[key]
                table.add_column(t(key), key=key, width=width)
            self.columns = columns
        table.clear()
        for row in self.rows:
            haystack = fold(f"{row.unit} {row.checklist_id} {row.band or ''} {row.date} {_date(row.date)}")
            if not all(w in haystack for w in words):
                continue
            unit = literal(row.unit)
            if row.archived:
                unit.append(f" ({t('archived')})", style="dim")
            cells = {
                "col.number": Text(str(row.id), justify="right"), "col.unit": unit, "col.date": _date(row.date),
                "col.checklist": literal(row.checklist_id), "col.progress": f"{row.answered}/{row.to_answer}",
                "col.score": Text((row.score or "").replace(".", mark), justify="right"),
                "col.percent": Text(f"{row.percent}%".replace(".", mark) if row.percent else "", justify="right"),
                "col.band": literal(row.band or ""),
            }
            table.add_row(*(cells[key] for key in columns), key=str(row.id))
        self.query_one("#home-empty").display = not self.rows
        table.display = bool(self.rows)
        if self.rows and not isinstance(self.focused, Input):
            table.focus()
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        if self.show_archived:
            self.sub_title = f"{t('ui.home')} — {t('ui.home.archived_shown')}"
        else:
            self.sub_title = t("ui.home")

    def selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key and key.value else None

    def selected_row(self) -> InspectionRow | None:
        number = self.selected_id()
        return next((r for r in self.rows if r.id == number), None)

    # ---- actions
    def action_new(self) -> None:
        from .new import NewInspectionScreen

        self.app.push_screen(NewInspectionScreen())

    def action_open(self) -> None:
        number = self.selected_id()
        if number is not None:
            self.app.open_inspection(number)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_inspection(int(event.row_key.value))

    def action_archive(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from .dialogs import ConfirmScreen

        question = t("ui.confirm_restore" if row.archived else "ui.confirm_archive", unit=row.unit)

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.app.store.set_archived(row.id, not row.archived)
            except StoreError as error:
                self.notify(error.message(), severity="error", timeout=15)
                return
            self.notify(t("ui.restored_done" if row.archived else "ui.archived_done", unit=row.unit))
            self.refresh_rows()

        self.app.push_screen(ConfirmScreen(question), done)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_rows()

    def action_filter(self) -> None:
        box = self.query_one("#home-filter", Input)
        box.disabled = False
        box.add_class("visible")
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#home-filter", Input)
        box.value = ""
        box.remove_class("visible")
        box.disabled = True
        self.query_one(DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "home-filter":
            self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "home-filter":
            self.query_one(DataTable).focus()
