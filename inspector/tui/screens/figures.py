"""Số liệu: the unit's figures, typed once; the documents they were read from; the rates a report gives
without counts; the criteria computed from them and the checks they must pass.

Each field is committed like an answer (Enter, or leaving the field) through the session, which
refuses a value that is no count, a rate outside 0–100, or a figure that would break a computed
criterion's rule; the reason stays under the field with the typed text. "Nhập từ tệp" (Ctrl+O) reads
the figures from the report of the unit's one-stop system: a path, the core's preview, a key to confirm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from inspector.core.glyphs import glyph
from inspector.core.describe import check_detail, failed_check_lines
from inspector.core.i18n import decimal_mark, t
from inspector.core.numbers import parse_number, parse_whole, show, show_count
from inspector.session import InspectionSession, Refused
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, not_saved, printable
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from inspector.core.figure_import.preview import Preview


class FiguresScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "ui.back", id="back_figures"),
        Binding("ctrl+o", "import_file", "ui.fig.import", id="import_figures", priority=True),
    ]

    def __init__(self, session: InspectionSession):
        super().__init__()
        localize(self)
        self.session = session
        self.facts = session.checklist.facts
        self.rated = [c for c in session.checklist.criteria if session.offers_reported_rate(c.id)]
        self.leaving: tuple[str | None, str] | None = None  # Escape pressed on this refused value once

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="figures-status")
        with VerticalScroll(id="figures"):
            yield Static(t("ui.fig.hint"), classes="muted")
            yield Button(t("ui.fig.import_button"), id="import-figures", compact=True)
            with Vertical(classes="fact"):
                yield Static(t("ui.fig.sources"), classes="fact-label")
                yield Input("; ".join(self.session.info.facts_evidence), id="facts-evidence", compact=True,
                            placeholder=t("ui.fig.sources_placeholder"))
                yield Static("", id="facts-evidence-error", classes="field-error")
            for index, fact in enumerate(self.facts):
                with Vertical(classes="fact"):
                    label = literal(fact.label, "bold")
                    if fact.unit:
                        label.append(literal(f" ({fact.unit})", "dim"))
                    label.append(f"  {fact.id}", style="dim")
                    yield Static(label, classes="fact-label")
                    yield Input(self.shown(fact.id), id=f"fact-{index}", restrict=r"[0-9 .,]*", compact=True,
                                placeholder=t("ui.fig.placeholder"))
                    yield Static("", id=f"fact-error-{index}", classes="field-error")
                    reported = self.session.reported_facts.get(fact.id)
                    if reported is not None:  # what the unit's self-assessment said, to compare
                        yield Static(Text(t("ui.fig.reported", value=show_count(reported, decimal_mark())),
                                          style="yellow" if reported != self.session.facts.get(fact.id) else "dim"),
                                     id=f"fact-reported-{index}")
                    if fact.guidance:
                        yield Static(literal(fact.guidance), classes="muted")
            if self.rated:
                yield Label(t("ui.fig.rates"), classes="heading")
                yield Static(t("ui.fig.rates_hint"), classes="muted")
            for index, criterion in enumerate(self.rated):
                answer = self.session.answer(criterion.id)
                with Vertical(classes="fact"):
                    label = Text(f"{criterion.id} ", style="bold")
                    label.append(literal(criterion.title))
                    yield Static(label, classes="fact-label")
                    with Horizontal(classes="rate"):
                        yield Input(self.rate_shown(answer), id=f"rate-{index}", restrict=r"[0-9 .,%]*", compact=True,
                                    placeholder=t("ui.fig.rate_placeholder"))
                        yield Input(answer.reported_source if answer else "", id=f"source-{index}", compact=True,
                                    classes="source",
                                    placeholder=t("ui.fig.rate_source"))
                    yield Static("", id=f"rate-error-{index}", classes="field-error")
            yield Label(t("word.checks"), classes="heading", id="checks-heading")
            yield Static(id="checks")
            yield Label(t("ui.fig.computed"), classes="heading")
            yield Static(id="computed")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = printable(t("ui.fig.title", unit=self.session.info.unit))
        self.query_one("#checks-heading").display = bool(self.session.checklist.checks)
        self.refresh_results()
        if self.facts:
            focus_now(self.query_one("#fact-0", Input))

    def shown(self, fact_id: str) -> str:
        value = self.session.facts.get(fact_id)
        return "" if value is None else show_count(value, decimal_mark())

    @staticmethod
    def rate_shown(answer) -> str:
        if answer is None or answer.reported_percent is None:
            return ""
        return show(answer.reported_percent, decimal_mark())

    # ---- what the figures give
    def refresh_results(self) -> None:
        result = self.session.result
        failed = failed_check_lines(result)
        status = Text(t("ui.fig.recorded", done=len(result.facts), total=len(self.facts)))
        if failed:
            status.append(" │ " + "; ".join(failed), style="bold red")
        elif any(c.evaluated for c in result.checks):
            status.append(" │ " + t("ui.fig.checks_ok"), style="green")
        self.query_one("#figures-status", Static).update(status)
        lines = Text()
        for check in result.checks:
            symbol, style = ("✗", "bold red") if check.failed else ("✓", "green") if check.evaluated else ("·", "dim")
            symbol = glyph(symbol)
            lines.append(f"{symbol} ", style=style)
            lines.append(literal(check.check.label, style if check.failed else ""))
            lines.append(f"  {check_detail(check, result.facts)}\n", style=style if check.failed else "dim")
        lines.rstrip()
        self.query_one("#checks", Static).update(lines)
        computed = Text()
        for r in result.criteria:
            if r.criterion.computed:
                computed.append(f"{r.id} ", style="bold")
                computed.append(literal(r.criterion.title))
                computed.append(f"\n  {r.explanation}\n", style="dim")
        computed.rstrip()
        self.query_one("#computed", Static).update(computed)

    # ---- committing a figure
    def index_of(self, widget: Input) -> int | None:
        ident = widget.id or ""
        return int(ident.removeprefix("fact-")) if ident.startswith("fact-") else None

    def commit(self, widget: Input) -> bool:
        ident = widget.id or ""
        if ident == "facts-evidence":
            return self.commit_sources(widget)
        if ident.startswith(("rate-", "source-")):
            return self.commit_rate(int(ident.rpartition("-")[2]))
        index = self.index_of(widget)
        if index is None:
            return True
        fact = self.facts[index]
        error = self.query_one(f"#fact-error-{index}", Static)
        stored = self.session.facts.get(fact.id)
        try:
            if widget.value.strip() and parse_whole(widget.value) == stored:
                self.clear_error(error)
                return True  # unchanged: nothing to write
            if not widget.value.strip() and stored is None:
                self.clear_error(error)
                return True
            value = self.session.set_fact(fact.id, widget.value)
        except Refused as refused:
            error.update(literal(refused.message))
            error.add_class("shown")
            return False
        except StoreError as failure:
            error.update(literal(not_saved(failure)))
            error.add_class("shown")
            self.notify(not_saved(failure), severity="error", timeout=20)
            return False
        self.clear_error(error)
        widget.value = "" if value is None else show_count(value, decimal_mark())
        self.refresh_results()
        return True

    def commit_sources(self, widget: Input) -> bool:
        error = self.query_one("#facts-evidence-error", Static)
        names = [name for name in widget.value.split(";") if name.strip()]
        try:
            self.session.save_facts_evidence(names)
        except Refused as refused:
            return self.show_error(error, refused.message)
        except StoreError as failure:
            self.notify(not_saved(failure), severity="error", timeout=20)
            return self.show_error(error, not_saved(failure))
        self.clear_error(error)
        widget.value = "; ".join(self.session.info.facts_evidence)
        self.refresh_results()
        return True

    def commit_rate(self, index: int) -> bool:
        criterion = self.rated[index]
        rate, source = self.query_one(f"#rate-{index}", Input), self.query_one(f"#source-{index}", Input)
        error = self.query_one(f"#rate-error-{index}", Static)
        answer = self.session.answer(criterion.id)
        typed = rate.value.strip().removesuffix("%").strip()
        same_rate = (parse_number(typed) if typed else None) == (answer.reported_percent if answer else None)
        if same_rate and " ".join(source.value.split()) == (answer.reported_source if answer else ""):
            self.clear_error(error)
            return True
        try:
            answer = self.session.set_reported_rate(criterion.id, rate.value, source.value)
        except Refused as refused:
            return self.show_error(error, refused.message)
        except StoreError as failure:
            self.notify(not_saved(failure), severity="error", timeout=20)
            return self.show_error(error, not_saved(failure))
        self.clear_error(error)
        rate.value = self.rate_shown(answer)
        self.refresh_results()
        return True

    @staticmethod
    def show_error(error: Static, message: str) -> bool:
        error.update(literal(message))
        error.add_class("shown")
        return False

    @staticmethod
    def clear_error(error: Static) -> None:
        error.update("")
        error.remove_class("shown")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not (event.input.id or "").startswith("fact-"):
            self.commit(event.input)
            return
        index = self.index_of(event.input)
        if index is not None and self.commit(event.input) and index + 1 < len(self.facts):
            focus_now(self.query_one(f"#fact-{index + 1}", Input))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self.commit(event.input)

    # ---- figures from the one-stop system's report
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import-figures":
            self.action_import_file()

    def action_import_file(self) -> None:
        def back(saved: bool | None) -> None:
            if saved:
                for index, fact in enumerate(self.facts):
                    self.query_one(f"#fact-{index}", Input).value = self.shown(fact.id)
                    self.clear_error(self.query_one(f"#fact-error-{index}", Static))
                self.query_one("#facts-evidence", Input).value = "; ".join(self.session.info.facts_evidence)
                self.refresh_results()

        self.app.push_screen(FigureFileScreen(self.session), back)

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input) and not self.commit(focused):
            attempt = (focused.id, focused.value)
            if self.leaving != attempt:
                self.leaving = attempt  # the reason is under the field; a second Escape leaves without it
                self.notify(t("ui.fig.escape_again"), severity="warning")
                return
            self.notify(t("ui.fig.not_kept", value=focused.value.strip()), severity="warning")
        self.dismiss(True)


class FigureFileScreen(ModalScreen[bool]):
    """A report's path, then the core's preview of what it gives; Ctrl+S (or the button) saves it."""

    BINDINGS = [
        Binding("escape", "cancel", "ui.cancel", id="cancel_figure_file"),
        Binding("ctrl+s", "confirm", "ui.fig.import_confirm", id="confirm_figure_file", priority=True),
    ]

    def __init__(self, session: InspectionSession):
        super().__init__()
        localize(self)
        self.session = session
        self.preview: Preview | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="figure-file"):
            yield Label(t("ui.fig.import_title"), classes="heading")
            yield Input(id="figure-path", placeholder=t("ui.fig.import_path"))
            yield Static("", id="figure-file-error", classes="field-error")
            with VerticalScroll(id="figure-preview-box"):
                yield Static("", id="figure-preview")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.cancel"), id="figure-cancel")
                yield Button(t("ui.fig.import_confirm"), id="figure-confirm", variant="primary", disabled=True)

    def on_mount(self) -> None:
        focus_now(self.query_one("#figure-path", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from inspector.core.figure_import.grid import ImportRefused
        from inspector.core.figure_import.preview import prepare
        from inspector.core.figure_import.readers import path_from_text

        error = self.query_one("#figure-file-error", Static)
        confirm = self.query_one("#figure-confirm", Button)
        self.preview = None
        confirm.disabled = True
        self.query_one("#figure-preview", Static).update("")
        if not event.value.strip():
            return
        session = self.session
        try:
            preview = prepare(path_from_text(event.value), session.checklist, session.facts, session.answers,
                              session.info.unit_type, facts_evidence=session.info.facts_evidence,
                              period_end=session.info.period_end)
        except ImportRefused as refused:
            error.update(literal(refused.message()))
            error.add_class("shown")
            return
        error.update("")
        error.remove_class("shown")
        lines = preview.lines()
        if preview.changes:
            self.preview = preview
            confirm.disabled = False
            lines.append(t("ui.fig.import_how"))
            focus_now(confirm)
        else:
            lines.append(t("ui.fig.import_nothing"))
        self.query_one("#figure-preview", Static).update(literal("\n".join(lines)))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "figure-confirm":
            self.action_confirm()
        elif event.button.id == "figure-cancel":
            self.action_cancel()

    def action_confirm(self) -> None:
        if self.preview is None:
            return
        from inspector.store.imported_figures import save_imported_figures

        session = self.session
        try:
            saved = save_imported_figures(session.store, session.id, self.preview, session.checklist,
                                          dict(session.answers))
        except StoreError as failure:
            error = self.query_one("#figure-file-error", Static)
            error.update(literal(failure.message()))
            error.add_class("shown")
            return
        finally:
            session.reload()
        self.app.notify(t("figimp.saved", n=len(saved), file=self.preview.file_name, id=session.id))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
