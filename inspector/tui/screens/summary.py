"""Summary: section table, totals, findings (drafted from the result), recommendations, conclusion."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from inspector.core.describe import fact_lines, summary_lines
from inspector.core.drafting import draft_shortfalls, draft_strengths, strengths
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Findings, Recommendation, split_person
from inspector.core.numbers import show
from inspector.core.record import evolve
from inspector.session import InspectionSession
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, not_saved, printable, tone_text
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.profile_fields import ProfileFields
from inspector.tui.widgets.title_bar import TitleBar

TEXT_FIELDS = {"strengths": "strengths", "shortfalls": "shortfalls", "unit_opinion": "unit-opinion",
               "conclusion": "conclusion"}
FIELD_OF = {widget: name for name, widget in TEXT_FIELDS.items()}
AUTOSAVE_PAUSE = 1.0  # seconds without typing before what was typed is committed


class SummaryScreen(Screen):
    BINDINGS = [
        Binding("f2,ctrl+s", "save", "ui.save", id="save_summary"),
        Binding("f3,ctrl+t", "draft", "key.draft", id="draft_shortfalls"),
        Binding("f4", "export", "key.export", id="export_summary"),
        # before a text field's own Ctrl+E (end of line; the End key still does it)
        Binding("ctrl+e", "export", "key.export", show=False, id="export_summary_ctrl", priority=True),
        Binding("escape", "back", "ui.back", id="back_summary"),
    ]

    def __init__(self, session: InspectionSession):
        super().__init__()
        localize(self)
        self.session = session
        self.recommendations = 0
        self.follow_ups: dict[str, Recommendation] = {}  # row → the recommendation it shows (keeps its follow-up)
        self.saved_state = True
        self.pending: Timer | None = None  # the timer of a save waiting for a pause in typing
        # What this window's fields showed before the person typed: a field changed here and, meanwhile, in
        # another window is never written over the other's text without asking.
        self.base: Findings = session.findings
        self.asking = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="summary-status")
        with VerticalScroll(id="summary"):
            # Totals first: at 80×24 the result is what the team looks for when the summary opens.
            yield Static(Text("\n").join(tone_text(line) for line in summary_lines(self.session.result)), id="totals")
            yield DataTable(id="sections-table", cursor_type="row", zebra_stripes=True, show_cursor=False)
            with Horizontal(id="session-times"):
                yield Label(t("ui.sum.start"))
                yield Input(self.session.info.start_time, placeholder="08 giờ 00", id="start-time", compact=True)
                yield Label(t("ui.sum.end"))
                yield Input(self.session.info.end_time, placeholder="11 giờ 30", id="end-time", compact=True)
            # Who was there: the members present (an absent head stays in the team; the deputy signs), and the
            # unit's representatives — both printed in the biên bản.
            if self.session.info.team:
                yield Label(t("ui.sum.present"), classes="heading")
                yield SelectionList[int](*self.presence_options(), id="present", compact=True)
            yield Label(t("ui.new.representatives"), classes="heading")
            yield TextArea("\n".join(self.session.info.representatives), id="representatives", soft_wrap=True)
            yield ProfileFields(self.session.info.profile, id="profile")
            if self.session.checklist.facts:
                yield Label(t("facts.title"), classes="heading")
                yield Static(self.figures_text(), id="summary-figures")
            differences = self.differences_text()
            if differences.plain:
                yield Static(differences, id="summary-differences")
            yield Label(t("ui.sum.strengths"), classes="heading")
            yield Static(t("ui.sum.strengths_hint", n=len(strengths(self.session.result))), classes="muted")
            yield TextArea(self.session.findings.strengths, id="strengths", soft_wrap=True)
            yield Label(t("word.shortfalls"), classes="heading")
            yield Button(t("ui.sum.draft"), id="draft")
            yield TextArea(self.session.findings.shortfalls, id="shortfalls", soft_wrap=True)
            yield Label(t("word.recommendations"), classes="heading")
            yield Button(t("ui.sum.rec_add"), id="add-recommendation")
            yield Label(t("ui.sum.unit_opinion"), classes="heading")
            yield TextArea(self.session.findings.unit_opinion, id="unit-opinion", soft_wrap=True)
            yield Label(t("word.conclusion"), classes="heading")
            yield TextArea(self.session.findings.conclusion, id="conclusion", soft_wrap=True)
        yield Footer()

    def presence_options(self) -> list[Selection[int]]:
        present = set(self.session.info.present_team())
        return [Selection(literal(line), i, line in present) for i, line in enumerate(self.session.info.team)]

    def absent(self) -> list[str]:
        """The names of the team members unticked in the presence list."""
        lists = self.query("#present")
        if not lists:
            return list(self.session.info.absent)
        present = set(lists.first(SelectionList).selected)
        return [split_person(line)[0] for i, line in enumerate(self.session.info.team) if i not in present]

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.schedule_save()

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

    def differences_text(self) -> Text:
        """Where the unit's self-assessment and the team differ: scores with its explanation, then figures."""
        mark = decimal_mark()
        text = Text()
        scores = self.session.score_differences()
        if scores:
            text.append(t("ui.sum.differences") + "\n", style="bold")
            for d in scores:
                why = f" — {d.explanation}" if d.explanation else ""
                text.append("≠ ", style="bold yellow")
                text.append_text(literal(t("ui.sum.difference_line", id=d.criterion.id, title=d.criterion.title,
                                           own=show(d.self_score, mark), score=show(d.inspected, mark), why=why)))
                text.append("\n")
        figures = self.session.figure_differences()
        if figures:
            from inspector.core.numbers import show_count

            text.append(t("ui.sum.figure_differences") + "\n", style="bold")
            for f in figures:
                recorded = show_count(f.recorded, mark) if f.recorded is not None else t("ui.sum.not_recorded")
                text.append("≠ ", style="bold yellow")
                text.append_text(literal(t("ui.sum.figure_line", label=f.fact.label,
                                           reported=show_count(f.reported, mark), recorded=recorded)))
                text.append("\n")
        text.rstrip()
        return text

    def on_mount(self) -> None:
        self.sub_title = printable(t("ui.sum.title", unit=self.session.info.unit))
        table = self.query_one(DataTable)
        numbers = [t(key) for key in ("word.max", "ui.sum.self", "word.score")]
        widths = [max(len(label), 6) for label in numbers]
        # The section title takes what is left of the screen: no sideways scrolling at 80 columns.
        title_width = max(12, self.app.size.width - 4 - 4 - sum(w + 2 for w in widths) - 2 * 2)
        table.add_column(t("col.id"), width=4)
        table.add_column(t("word.section"), width=title_width)
        for label, width in zip(numbers, widths):
            table.add_column(label, width=width)
        mark = decimal_mark()
        selfs = self.session.self_score_totals()
        for s in self.session.result.sections:
            own = selfs[s.id]
            title = literal(s.section.title)
            title.truncate(title_width, overflow="ellipsis")
            table.add_row(s.id, title,
                          Text("" if s.section.is_adjustment else show(s.applicable_max, mark), justify="right"),
                          Text("" if own is None else show(own, mark), justify="right"),
                          Text(show(s.score, mark), justify="right", style="bold"))
        for rec in self.session.findings.recommendations:
            self.add_recommendation(rec)
        self.update_status()
        self.app.remember_screen("summary")  # type: ignore[attr-defined]
        self.query_one("#summary", VerticalScroll).scroll_home(animate=False)

    def update_status(self) -> None:
        status = Text(t("ui.sum.autosave") + " │ ")
        status.append(t("ui.insp.saved") if self.saved_state else t("ui.insp.not_saved"),
                      style="green" if self.saved_state else "bold white on red")
        self.query_one("#summary-status", Static).update(status)

    # ---- saving: after a pause in typing, on leaving a field, and on F2/Esc/F4
    def schedule_save(self) -> None:
        if self.pending is not None:
            self.pending.stop()
        self.pending = self.set_timer(AUTOSAVE_PAUSE, self.autosave)

    def autosave(self) -> None:
        self.pending = None
        self.save()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text.strip() != getattr(self.session.findings, FIELD_OF.get(event.text_area.id or "", ""),
                                                   None):
            self.schedule_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.schedule_save()

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, (Input, TextArea)) and self.pending is not None:
            self.pending.stop()
            self.autosave()

    def add_recommendation(self, rec: Recommendation | None = None):
        self.recommendations += 1
        n = self.recommendations
        rec = rec or Recommendation("")
        self.follow_ups[str(n)] = rec
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
            n = (row.id or "").rsplit("-", 1)[-1]
            text = self.query_one(f"#rec-text-{n}", Input).value.strip()
            if text:
                # The words typed here; the follow-up recorded in the register stays with them.
                recommendations.append(evolve(self.follow_ups.get(n, Recommendation("")), text=text,
                                                    responsible=self.query_one(f"#rec-who-{n}", Input).value.strip(),
                                                    deadline=self.query_one(f"#rec-when-{n}", Input).value.strip()))
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
        """Store what was typed; False when it could not be (the disk refused, or another window's text in a
        field typed here waits for the person to choose)."""
        before = self.base
        try:
            conflicts = self.session.save_findings(self.collected(), base=before)
            self.session.save_visit(self.query_one("#start-time", Input).value.strip(),
                                    self.query_one("#end-time", Input).value.strip(),
                                    self.query_one("#representatives", TextArea).text.splitlines(), self.absent())
            profile = self.query_one("#profile", ProfileFields).profile()
            if profile is not None:  # a figure refused stays under its field, the rest is kept as it was
                self.session.save_profile(profile)
        except StoreError as error:
            self.saved_state = False
            self.update_status()
            self.notify(not_saved(error), severity="error", timeout=20)
            return False
        stored = self.session.findings
        # What is stored is now what this window started from, but for a field in dispute.
        self.base = evolve(stored, **{name: getattr(before, name) for name in conflicts})
        self.show_other_windows_text(before, conflicts)
        self.saved_state = not conflicts
        self.update_status()
        if conflicts:
            self.ask(conflicts[0])
            return False
        return True

    def show_other_windows_text(self, before: Findings, conflicts: tuple[str, ...] = ()) -> None:
        """A field this window left alone shows what another window saved in it meanwhile."""
        for name, widget_id in TEXT_FIELDS.items():
            area = self.query_one(f"#{widget_id}", TextArea)
            now = getattr(self.session.findings, name)
            if name not in conflicts and area.text.strip() == getattr(before, name) and now != getattr(before, name):
                area.text = now

    def ask(self, name: str) -> None:
        """Both versions of a text changed here and in another window, and the person chooses which stays."""
        if self.asking:
            return
        from inspector.tui.screens.dialogs import ChoiceScreen

        theirs, mine = getattr(self.session.findings, name), getattr(self.collected(), name)
        label = t(f"ui.sum.field.{name}")

        def shown(value) -> str:
            if isinstance(value, tuple):
                return "\n".join(f"- {r.text}" for r in value) or "—"
            return value or "—"

        def chosen(choice: int | None) -> None:
            self.asking = False
            if choice is None:
                return
            if choice == 1:  # mine stays: written over the other window's text
                self.base = evolve(self.base, **{name: theirs})
            else:  # the other window's text replaces what was typed here
                self.base = evolve(self.base, **{name: theirs})
                self.show_stored(name)
            self.save()

        self.asking = True
        self.app.push_screen(ChoiceScreen(t("ui.sum.both_changed", field=label, theirs=shown(theirs), mine=shown(mine)),
                                          [t("ui.sum.keep_mine"), t("ui.sum.take_theirs")]), chosen)

    def show_stored(self, name: str) -> None:
        """A field shows what is stored now (the other window's text, taken)."""
        if name in TEXT_FIELDS:
            self.query_one(f"#{TEXT_FIELDS[name]}", TextArea).text = getattr(self.session.findings, name)
            return
        for row in list(self.query(".recommendation")):
            row.remove()
        self.recommendations = 0
        self.follow_ups.clear()
        for rec in self.session.findings.recommendations:
            self.add_recommendation(rec)

    def action_save(self) -> None:
        if self.save():
            self.notify(t("ui.sum.saved"))

    def action_export(self) -> None:
        """Save first, so the exported minutes carry what is on screen."""
        if self.save():
            from inspector.tui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen([self.session.id], t("ui.export.one", unit=self.session.info.unit)))

    def action_back(self) -> None:
        if self.pending is not None:
            self.pending.stop()
            self.pending = None
        if self.save():
            self.app.remember_screen(None)  # type: ignore[attr-defined]
            self.app.pop_screen()
