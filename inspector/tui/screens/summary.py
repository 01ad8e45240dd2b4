"""Summary: section table, totals, findings (drafted from the result), recommendations, conclusion."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Static,
    TextArea,
)

from inspector.core.describe import fact_lines, summary_lines
from inspector.core.drafting import draft_shortfalls, draft_strengths, strengths
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Findings, Recommendation
from inspector.core.numbers import show
from inspector.session import InspectionSession
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, not_saved, printable, tone_text

TEXT_FIELDS = {"strengths": "strengths", "shortfalls": "shortfalls", "unit_opinion": "unit-opinion",
               "conclusion": "conclusion"}


class SummaryScreen(Screen):
    BINDINGS = [
        Binding("f2", "save", "ui.save", id="save_summary"),
        Binding("f3", "draft", "key.draft", id="draft_shortfalls"),
        Binding("f4", "export", "key.export", id="export_summary"),
        Binding("escape", "back", "ui.back", id="back_summary"),
    ]

    def __init__(self, session: InspectionSession):
        super().__init__()
        localize(self)
        self.session = session
        self.recommendations = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield DataTable(id="sections-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text("\n").join(tone_text(line) for line in summary_lines(self.session.result)), id="totals")
            if self.session.checklist.facts:
                yield Label(t("facts.title"), classes="heading")
                yield Static(self.figures_text(), id="summary-figures")
            yield Label(t("ui.sum.strengths"), classes="heading")
            yield Static(t("ui.sum.strengths_hint", n=len(strengths(self.session.result))), classes="muted")
            yield TextArea(self.session.findings.strengths, id="strengths", soft_wrap=True)
            yield Label(t("ui.sum.shortfalls"), classes="heading")
            yield Button(t("ui.sum.draft"), id="draft")
            yield TextArea(self.session.findings.shortfalls, id="shortfalls", soft_wrap=True)
            yield Label(t("ui.sum.recommendations"), classes="heading")
            yield Button(t("ui.sum.rec_add"), id="add-recommendation")
            yield Label(t("ui.sum.unit_opinion"), classes="heading")
            yield TextArea(self.session.findings.unit_opinion, id="unit-opinion", soft_wrap=True)
            yield Label(t("ui.sum.conclusion"), classes="heading")
            yield TextArea(self.session.findings.conclusion, id="conclusion", soft_wrap=True)
        yield Footer()

    def figures_text(self) -> Text:
        """Each figure on one line (label … value unit); a figure not recorded says so."""
        text = Text()
        for label, shown, _ in fact_lines(self.session.checklist, self.session.result.facts):
            text.append(literal(label))
            text.append(": ")
            text.append(literal(shown) if shown else Text(t("facts.missing"), style="yellow"))
            text.append("\n")
        text.rstrip()
        return text

    def on_mount(self) -> None:
        self.sub_title = printable(t("ui.sum.title", unit=self.session.info.unit))
        table = self.query_one(DataTable)
        table.add_column(t("col.id"))
        table.add_column(t("ui.sum.section"))
        for key in ("ui.sum.max", "ui.sum.self", "ui.sum.score"):
            table.add_column(t(key))
        mark = decimal_mark()
        selfs = self.session.self_score_totals()
        for s in self.session.result.sections:
            own = selfs[s.id]
            table.add_row(s.id, literal(s.section.title),
                          Text("" if s.section.is_adjustment else show(s.applicable_max, mark), justify="right"),
                          Text("" if own is None else show(own, mark), justify="right"),
                          Text(show(s.score, mark), justify="right", style="bold"))
        for rec in self.session.findings.recommendations:
            self.add_recommendation(rec)
        focus_now(self.query_one("#strengths", TextArea))

    def add_recommendation(self, rec: Recommendation | None = None):
        self.recommendations += 1
        n = self.recommendations
        rec = rec or Recommendation("")
        row = Horizontal(
            Input(rec.text, placeholder=t("ui.sum.rec_text"), id=f"rec-text-{n}", classes="rec-text"),
            Input(rec.responsible, placeholder=t("ui.sum.rec_responsible"), id=f"rec-who-{n}"),
            Input(rec.deadline, placeholder=t("ui.sum.rec_deadline"), id=f"rec-when-{n}"),
            Button(t("ui.sum.rec_remove"), id=f"rec-remove-{n}"),
            classes="recommendation", id=f"rec-{n}")
        return self.query_one("#summary").mount(row, before=self.query_one("#add-recommendation"))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "add-recommendation":
            await self.add_recommendation()
            focus_now(self.query_one(f"#rec-text-{self.recommendations}", Input))
        elif button == "draft":
            self.action_draft()
        elif button.startswith("rec-remove-"):
            self.query_one(f"#rec-{button.rsplit('-', 1)[1]}").remove()

    def collected(self) -> Findings:
        recommendations = []
        for row in self.query(".recommendation"):
            n = row.id.rsplit("-", 1)[1]
            text = self.query_one(f"#rec-text-{n}", Input).value.strip()
            if text:
                recommendations.append(Recommendation(text, self.query_one(f"#rec-who-{n}", Input).value.strip(),
                                                      self.query_one(f"#rec-when-{n}", Input).value.strip()))
        return Findings(
            strengths=self.query_one("#strengths", TextArea).text.strip(),
            shortfalls=self.query_one("#shortfalls", TextArea).text.strip(),
            recommendations=tuple(recommendations),
            unit_opinion=self.query_one("#unit-opinion", TextArea).text.strip(),
            conclusion=self.query_one("#conclusion", TextArea).text.strip())

    def action_draft(self) -> None:
        area = self.query_one("#shortfalls", TextArea)
        draft = draft_shortfalls(self.session.result, self.session.answers)
        area.text = f"{area.text.rstrip()}\n{draft}".strip() if area.text.strip() else draft
        strengths_area = self.query_one("#strengths", TextArea)
        if not strengths_area.text.strip():
            strengths_area.text = draft_strengths(self.session.result)
        self.notify(t("ui.sum.drafted", n=len(draft.splitlines())))
        focus_now(area)

    def save(self) -> bool:
        before = self.session.findings
        try:
            self.session.save_findings(self.collected())
        except StoreError as error:
            self.notify(not_saved(error), severity="error", timeout=20)
            return False
        self.show_other_windows_text(before)
        return True

    def show_other_windows_text(self, before: Findings) -> None:
        """A field this window left alone shows what another window saved in it meanwhile."""
        for name, widget_id in TEXT_FIELDS.items():
            area = self.query_one(f"#{widget_id}", TextArea)
            now = getattr(self.session.findings, name)
            if area.text.strip() == getattr(before, name) and now != getattr(before, name):
                area.text = now

    def action_save(self) -> None:
        if self.save():
            self.notify(t("ui.sum.saved"))

    def action_export(self) -> None:
        """Save first, so the exported minutes carry what is on screen."""
        if self.save():
            from inspector.tui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen([self.session.id], t("ui.export.one", unit=self.session.info.unit)))

    def action_back(self) -> None:
        if self.save():
            self.app.pop_screen()
