"""The inspection screen: navigator of sections and criteria, the current criterion, live score.

Thin over `InspectionSession`: a key or a submitted field becomes one session call (validate → commit →
rescore), then the screen shows the session's answers and result. Nothing is shown as saved before the
store has committed it; a refused value stays in its field with the reason.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from inspector.core.describe import (
    computed_lines,
    criterion_tags,
    failed_check_lines,
    rule_lines,
)
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Criterion
from inspector.core.numbers import (
    parse_number,
    parse_whole,
    ratio_percent,
    show,
    show_compared,
)
from inspector.core.scoring import ANSWERED, MISSING_EVIDENCE, NA, UNANSWERED
from inspector.session import InspectionSession, Refused
from inspector.store.database import Store, StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, not_saved, printable, set_text
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.linelist import LineList

NOTE_PAUSE = 1.0  # seconds without typing before a note is saved
MARKS = {ANSWERED: ("✓", "green"), UNANSWERED: ("·", "dim"), NA: ("–", "cyan"), MISSING_EVIDENCE: ("!", "yellow")}
CRITICAL_MARK = ("✗", "bold red")


class InspectionScreen(Screen):
    BINDINGS = [
        Binding("c,y", "answer_yes", "key.yes", id="answer_yes"),
        Binding("k,n", "answer_no", "key.no", id="answer_no"),
        *[Binding(str(d), f"pick({d})", "key.pick" if d == 1 else "", show=False, id=f"pick_{d}") for d in range(1, 10)],
        Binding("enter", "answer", "key.answer", id="answer", show=False),
        Binding("x", "not_applicable", "key.na", id="not_applicable"),
        Binding("delete", "clear_answer", "key.clear", id="clear_answer", show=False),
        Binding("u", "next_unanswered", "key.next_unanswered", id="next_unanswered"),
        Binding("slash", "search", "key.search", id="search"),
        Binding("e", "focus_evidence", "key.evidence", id="focus_evidence", show=False),
        Binding("g", "focus_note", "key.note", id="focus_note", show=False),
        Binding("h", "history", "key.history", id="history", show=False),
        Binding("f", "figures", "key.figures", id="figures"),
        Binding("d", "only_differences", "key.only_differences", id="only_differences"),
        Binding("s", "summary", "key.summary", id="summary"),
        Binding("escape", "back", "ui.back", id="back"),
    ]

    def __init__(self, session: InspectionSession):
        super().__init__()
        localize(self)
        self.session = session
        self.checklist = session.checklist
        self.current: Criterion = session.criterion(session.position)
        self.saved_state = True
        # The footer is composed for the first criterion's keys: no second composition when it is shown.
        self.keys_that_apply: tuple | None = self.keys_for(self.current)
        self.note_for: str | None = None  # the criterion whose note is being typed, not yet saved
        self.note_timer: Timer | None = None
        self.only_differences = False  # the list shows only criteria whose score is not the unit's own
        self.evidence_shown: tuple | None = None  # (criterion, option texts) the evidence list shows now
        self.errors_shown: list[Static] = []  # field-error boxes showing a message now

    # ---- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        rows = []
        for section in self.checklist.sections:
            rows.append(("section", section.id))
            rows.extend(("criterion", c.id) for c in section.criteria)
        with Horizontal():
            yield LineList(rows, self.render_row, id="navigator")
            with VerticalScroll(id="detail"):
                yield from self.compose_detail()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = printable(f"{self.session.info.unit} — {self.checklist.id} {self.checklist.version}")
        navigator = self.query_one(LineList)
        navigator.cursor = navigator.position_of("criterion", self.current.id)
        focus_now(navigator)
        self.show_criterion(self.current)
        self.update_status()
        self.set_interval(2, self.check_other_writers)
        if self.session.my_part:
            self.notify(t("ui.insp.my_part", parts=", ".join(sorted(self.session.my_part))), timeout=8)

    def render_row(self, kind: str, ident: str) -> Text:
        mark = decimal_mark()
        if kind == "section":
            section = next(s for s in self.session.result.sections if s.id == ident)
            text = Text("◆ ", style="bold cyan") if ident in self.session.my_part else Text()
            text.append_text(literal(f"{ident}. {section.section.title}"))
            if section.section.is_adjustment:
                text.append(f"  {show(section.score, mark)}")
            else:
                text.append(f"  {show(section.score, mark)}/{show(section.applicable_max, mark)}")
            text.no_wrap, text.overflow = True, "ellipsis"
            return text
        result = self.session.criterion_result(ident)
        symbol, style = CRITICAL_MARK if result.critical_failed else MARKS[result.status]
        text = Text(f" {symbol}", style=style)
        text.append("≠" if self.session.differs(ident) else " ", style="bold yellow")
        text.append(f"{ident:<4} ", style="bold")
        text.append(literal(result.criterion.title))
        text.no_wrap, text.overflow = True, "ellipsis"
        return text

    def update_status(self) -> None:
        r, mark = self.session.result, decimal_mark()
        done, total = r.progress()
        parts = [t("ui.insp.total", score=show(r.total, mark), applicable=show(r.applicable_max, mark))]
        if r.adjustment:
            parts.append(t("ui.insp.adjust", value=show(r.adjustment, mark)))
        if r.percent is not None:
            band = f" {r.band}" + (f" ({t('ui.insp.provisional')})" if r.provisional else "") if r.band else ""
            parts.append(f"{show(r.percent, mark)}%{band}")
        parts.append(t("ui.insp.progress", done=done, total=total) + (f" ({t('ui.insp.provisional')})" if r.provisional else ""))
        status = Text(" │ ".join(parts))
        if r.critical_failed:
            status.append(" │ " + t("ui.insp.critical", ids=", ".join(r.critical_failed)), style="bold red")
        status.append(" │ ")
        status.append(t("ui.insp.saved") if self.saved_state else t("ui.insp.not_saved"),
                      style="green" if self.saved_state else "bold white on red")
        for line in failed_check_lines(r):  # one line each, under the totals: the figures need a look
            status.append("\n")
            status.append(literal(line, "bold red"))
        set_text(self.query_one("#status", Static), status)

    # ---- the current criterion
    def compose_detail(self) -> ComposeResult:
        """Every widget any criterion needs, made once; moving to another criterion only updates them."""
        yield Static(id="crit-title")
        yield Static(id="crit-tags")
        yield Static(id="crit-score")
        with Vertical(id="grp-guidance", classes="group"):
            yield Label(t("ui.insp.guidance"), classes="heading")
            yield Static(id="crit-guidance")
        yield Label(t("ui.insp.answer"), classes="heading")
        yield Static(id="answer-hint", classes="muted")
        yield Static(id="answer-current")
        yield Static(id="computed-from")
        with Horizontal(id="ratio-row"):
            yield Input(placeholder=t("ui.insp.numerator"), id="numerator", restrict=r"[0-9 .]*", compact=True)
            yield Label("/")
            yield Input(placeholder=t("ui.insp.denominator"), id="denominator", restrict=r"[0-9 .]*", compact=True)
            yield Label("", id="ratio-percent")
        yield Static(id="ratio-labels", classes="muted")
        yield Input(id="value", compact=True)
        yield Static("", id="answer-error", classes="field-error")
        with Vertical(id="grp-na", classes="group"):
            yield Label(t("ui.insp.na"), classes="heading")
            yield Input(placeholder=t("ui.insp.na_placeholder"), id="na-reason", compact=True)
            yield Static("", id="na-error", classes="field-error")
        with Vertical(id="grp-evidence", classes="group"):
            yield Label(id="evidence-heading", classes="heading")
            yield OptionList(id="evidence-list", compact=True)
            yield Input(placeholder=t("ui.insp.evidence_placeholder"), id="evidence-input", compact=True)
            yield Static("", id="evidence-error", classes="field-error")
        yield Label(t("ui.insp.note"), classes="heading")
        # A note runs to paragraphs: a multi-line area, saved after a pause in typing and on leaving it.
        yield TextArea(id="note", soft_wrap=True, compact=True, placeholder=t("ui.insp.note_placeholder"))
        with Vertical(id="grp-self", classes="group"):
            yield Label(t("ui.insp.self_score"), classes="heading")
            yield Input(id="self-score", compact=True)
            yield Static("", id="self-score-error", classes="field-error")
            yield Static(id="self-compare")
            yield Static(id="self-evidence", classes="muted")
            yield Label(t("ui.insp.explanation"), classes="heading")
            yield Input(id="explanation", compact=True, placeholder=t("ui.insp.explanation_placeholder"))
            yield Static("", id="explanation-error", classes="field-error")
        with Vertical(id="grp-rule", classes="group"):
            yield Label(t("ui.insp.rule"), classes="heading")
            yield Static(id="crit-rule")
        with Vertical(id="grp-basis", classes="group"):
            yield Label(t("ui.insp.basis"), classes="heading")
            yield Static(id="crit-basis", classes="muted")

    def show_criterion(self, c: Criterion) -> None:
        """Fill the detail pane for `c`: texts updated, groups shown or hidden, nothing mounted."""
        self.current = c
        mark, answer = decimal_mark(), self.session.answer(c.id)
        q = self.query_one
        head = Text(f"{c.id} ", style="bold")
        head.append(literal(c.title, "bold"))
        q("#crit-title", Static).update(head)
        q("#crit-tags", Static).update(Text("  ".join(criterion_tags(c, self.checklist.na)),
                                            style="red" if c.critical else "dim"))
        q("#grp-guidance").display = bool(c.guidance)
        q("#crit-guidance", Static).update(literal(c.guidance))
        hints = {"yes_no": "ui.insp.yes_no_keys", "choice": "ui.insp.choice_keys", "multi": "ui.insp.multi_keys"}
        q("#answer-hint", Static).update(t(hints[c.type]) if c.type in hints else "")
        q("#answer-hint").display = q("#answer-current").display = c.type in hints
        q("#ratio-row").display = c.type == "ratio" and not c.computed
        q("#computed-from").display = c.computed
        labels = " / ".join(x for x in (c.numerator_label, c.denominator_label) if x)
        q("#ratio-labels").display = c.type == "ratio" and bool(labels)
        q("#ratio-labels", Static).update(literal(labels))
        if c.type == "ratio":
            q("#numerator", Input).value = "" if answer is None or answer.numerator is None else str(answer.numerator)
            q("#denominator", Input).value = "" if answer is None or answer.denominator is None else str(answer.denominator)
        value_input = q("#value", Input)
        value_input.display = c.type in ("number", "count", "text") and not c.computed
        if value_input.display:
            value = "" if answer is None or answer.value is None or answer.na else answer.value
            value_input.value = show(value, mark, 6) if isinstance(value, Fraction) else str(value)
            label = {"number": t("ui.insp.value") + (f" ({c.unit})" if c.unit else ""),
                     "count": t("ui.insp.count"), "text": t("ui.insp.text")}[c.type]
            value_input.placeholder = f"{label} — {t('ui.insp.enter_saves')}"
        q("#grp-na").display = c.na != "forbidden" and c.scored
        q("#na-reason", Input).value = answer.reason if answer is not None and answer.na else ""
        q("#grp-evidence").display = c.evidence != "none"
        q("#evidence-heading", Label).update(t("ui.insp.evidence_required" if c.evidence == "required"
                                               else "ui.insp.evidence"))
        q("#evidence-input", Input).value = ""
        self.flush_note()
        q("#note", TextArea).load_text(answer.note if answer else "")
        q("#grp-self").display = c.scored and c.type != "count"
        q("#self-score", Input).value = "" if answer is None or answer.self_score is None else show(
            answer.self_score, mark, 6)
        q("#self-score", Input).placeholder = f"0 – {show(c.max, mark)}"
        q("#explanation", Input).value = answer.explanation if answer is not None else ""
        shown = answer is not None and bool(answer.self_evidence)
        q("#self-evidence").display = shown
        q("#self-evidence", Static).update(literal(t("ui.insp.self_evidence", items="; ".join(answer.self_evidence)))
                                           if shown and answer is not None else "")
        rules = rule_lines(c)
        q("#grp-rule").display = bool(rules)
        q("#crit-rule", Static).update(literal("\n".join(rules)))
        q("#grp-basis").display = bool(c.basis)
        q("#crit-basis", Static).update(literal("; ".join(c.basis)))
        self.refresh_current()
        q("#detail", VerticalScroll).scroll_home(animate=False)
        # The footer is rebuilt when bindings change: only when the keys that apply do.
        keys_that_apply = self.keys_for(c)
        if keys_that_apply != self.keys_that_apply:
            self.keys_that_apply = keys_that_apply
            self.refresh_bindings()

    @staticmethod
    def keys_for(c: Criterion) -> tuple:
        """What decides which answer keys the footer shows."""
        return c.type, c.na == "forbidden" or not c.scored

    def score_line(self) -> Text:
        r = self.session.criterion_result(self.current.id)
        if not self.current.scored:
            return Text(t("ui.insp.text_criterion"), style="dim")
        mark = decimal_mark()
        symbol, style = CRITICAL_MARK if r.critical_failed else MARKS[r.status]
        line = Text(f"{symbol} ", style=style)
        line.append(t("ui.insp.score_line", score=show(r.score, mark), max=show(r.max, mark), why=r.explanation))
        return line

    def current_value_text(self) -> Text:
        answer = self.session.answer(self.current.id)
        if answer is None:
            return Text(t("status.unanswered"), style="yellow")
        if answer.na:
            return literal(t("ui.insp.na_current", reason=answer.reason), "cyan")
        if answer.value is None:
            return Text(t("status.unanswered"), style="yellow")
        return Text(t("ui.insp.current", value=t("ui.insp.yes") if answer.value else t("ui.insp.no")), style="bold")

    def options_text(self) -> Text:
        c, answer, mark = self.current, self.session.answer(self.current.id), decimal_mark()
        chosen = set()
        if answer is not None and not answer.na and answer.value is not None:
            chosen = {answer.value} if c.type == "choice" else set(answer.value)
        entries = c.options if c.type == "choice" else c.items
        text = Text()
        for number, entry in enumerate(entries, 1):
            picked = entry.id in chosen
            box = ("(●)" if picked else "( )") if c.type == "choice" else ("[x]" if picked else "[ ]")
            key = str(number) if number <= 9 else " "
            text.append(f"{key} {box} ", style="bold" if picked else "")
            text.append(literal(entry.label, "bold" if picked else ""))
            if entry.points is not None:
                text.append(f" → {show(entry.points, mark)}", style="dim")
            text.append("\n")
        if answer is not None and answer.na:
            text.append(t("ui.insp.na_current", reason=answer.reason), style="cyan")
        text.rstrip()
        return text

    def percent_text(self, n: str, d: str) -> str:
        numerator, denominator = parse_whole(n), parse_whole(d)
        if numerator is None or not denominator:
            return ""
        return t("ui.insp.percent_live", p=show_compared(ratio_percent(numerator, denominator),
                                                         self.current.thresholds, decimal_mark()))

    def evidence_options(self):
        answer = self.session.answer(self.current.id)
        if answer is None or not answer.evidence:
            return [Option(Text(t("ui.insp.evidence_none"), style="dim"), disabled=True)]
        return [Option(literal(f"{i}. {e}"), id=str(i - 1)) for i, e in enumerate(answer.evidence, 1)]

    # ---- committing
    def commit(self, change, error_field: str = "answer-error") -> bool:
        """Run one session change; show what it did, or the reason it was refused in place."""
        c = self.current
        try:
            change()
        except Refused as refused:
            target = {"self_score": "self-score-error", "reason": "na-error", "na": "na-error",
                      "evidence": "evidence-error"}.get(refused.field, error_field)
            self.show_error(target, refused.message)
            return False
        except StoreError as error:
            self.saved_state = False
            self.update_status()
            self.show_error(error_field, not_saved(error))
            self.notify(not_saved(error), severity="error", timeout=20)
            return False
        self.saved_state = True
        self.after_change(c)
        return True

    def after_change(self, c: Criterion) -> None:
        section = self.session.result.sections[self.checklist.position(c.id)[0]]
        navigator = self.query_one(LineList)
        navigator.refresh_row("criterion", c.id)
        navigator.refresh_row("section", section.id)
        self.update_status()
        if c is self.current:
            self.refresh_current()

    def refresh_current(self) -> None:
        set_text(self.query_one("#crit-score", Static), self.score_line())
        set_text(self.query_one("#self-compare", Static), self.compare_text())
        if self.current.computed:
            lines = computed_lines(self.current, self.session.facts, self.checklist)
            self.query_one("#computed-from", Static).update(literal("\n".join([t("ui.insp.computed"), *lines])))
        # Only the boxes showing a message, remembered when shown: each update lays the screen out, and a query
        # for them walked every widget of the screen on every key.
        for widget in self.errors_shown:
            if widget.is_attached:
                widget.update("")
                widget.remove_class("shown")
        self.errors_shown.clear()
        if self.current.type in ("yes_no", "choice", "multi"):
            set_text(self.query_one("#answer-current", Static),
                     self.current_value_text() if self.current.type == "yes_no" else self.options_text())
        if self.current.evidence != "none":
            options = self.evidence_options()
            shown = (self.current.id, tuple(str(o.prompt) for o in options))
            if shown != self.evidence_shown:  # the same list again would lay the screen out for nothing
                self.evidence_shown = shown
                self.query_one("#evidence-list", OptionList).set_options(options)

    def compare_text(self) -> Text:
        """The unit's score beside the team's, the difference marked."""
        answer = self.session.answer(self.current.id)
        if answer is None or answer.self_score is None:
            return Text("")
        r, mark = self.session.criterion_result(self.current.id), decimal_mark()
        if not self.session.differs(self.current.id):
            return Text(t("ui.insp.self_same", own=show(answer.self_score, mark)), style="dim")
        gap = r.score - answer.self_score
        return Text(t("ui.insp.self_differs", own=show(answer.self_score, mark), score=show(r.score, mark),
                      gap=("+" if gap > 0 else "") + show(gap, mark)), style="bold yellow")

    def show_error(self, widget_id: str, message: str) -> None:
        found = self.query(f"#{widget_id}")
        if not found:
            found = self.query("#answer-error")
        box = found.first()
        box.update(literal(message))
        box.add_class("shown")
        self.errors_shown.append(box)

    # ---- answering actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.current.type
        if action in ("answer_yes", "answer_no"):
            return kind == "yes_no"
        if action == "pick":
            return kind in ("choice", "multi")
        if action == "not_applicable":
            return self.current.na != "forbidden" and self.current.scored
        if action == "figures":
            return bool(self.checklist.facts)
        return True

    def set_value(self, **value) -> None:
        self.commit(lambda: self.session.set_value(self.current.id, **value))

    def action_answer_yes(self) -> None:
        self.set_value(value=True)

    def action_answer_no(self) -> None:
        self.set_value(value=False)

    def action_pick(self, number: int) -> None:
        c = self.current
        entries = c.options if c.type == "choice" else c.items
        if not 1 <= number <= len(entries):
            return
        chosen = entries[number - 1].id
        if c.type == "choice":
            self.set_value(value=chosen)
        else:
            self.commit(lambda: self.session.toggle_item(c.id, chosen))

    def action_not_applicable(self) -> None:
        widget = self.query_one("#na-reason", Input)
        focus_now(widget)
        self.query_one("#detail", VerticalScroll).scroll_to_widget(widget)

    def action_clear_answer(self) -> None:
        cid = self.current.id
        if self.session.answer(cid) is not None and self.commit(lambda: self.session.clear(cid)):
            self.show_criterion(self.current)
            self.notify(t("ui.insp.cleared", id=self.current.id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        handler = {
            "numerator": self.submit_ratio, "denominator": self.submit_ratio, "value": self.submit_value,
            "na-reason": self.submit_na, "evidence-input": self.submit_evidence,
            "self-score": self.submit_self_score, "explanation": self.submit_explanation,
        }.get(event.input.id or "")
        if handler is not None:
            handler(event.input)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("numerator", "denominator"):
            n = self.query_one("#numerator", Input).value
            d = self.query_one("#denominator", Input).value
            self.query_one("#ratio-percent", Label).update(self.percent_text(n, d))

    def submit_ratio(self, source: Input) -> None:
        n_input, d_input = self.query_one("#numerator", Input), self.query_one("#denominator", Input)
        if source is n_input and not d_input.value.strip():
            focus_now(d_input)
            return
        n, d = parse_whole(n_input.value), parse_whole(d_input.value)
        for raw, parsed in ((n_input.value, n), (d_input.value, d)):
            if raw.strip() and parsed is None:
                self.show_error("answer-error", t("ui.insp.not_an_integer", value=raw.strip()))
                return
        if n is None or d is None:
            self.show_error("answer-error", t("ui.insp.need_both"))
            return
        if self.commit(lambda: self.session.set_value(self.current.id, numerator=n, denominator=d)):
            focus_now(self.query_one(LineList))

    def submit_value(self, source: Input) -> None:
        c, raw = self.current, source.value
        if c.type == "text":
            value = raw.strip() or None
        elif c.type == "count":
            value = parse_whole(raw) if raw.strip() else None
            if raw.strip() and value is None:
                self.show_error("answer-error", t("ui.insp.not_an_integer", value=raw.strip()))
                return
        else:
            value = parse_number(raw) if raw.strip() else None
            if raw.strip() and value is None:
                self.show_error("answer-error", t("ui.insp.not_a_number", value=raw.strip()))
                return
        if self.commit(lambda: self.session.set_value(c.id, value=value)):
            focus_now(self.query_one(LineList))

    def submit_na(self, source: Input) -> None:
        reason, cid = source.value.strip(), self.current.id
        if not reason:
            current = self.session.answer(cid)
            if current is not None and current.na:
                self.commit(lambda: self.session.unmark_na(cid), "na-error")
                self.show_criterion(self.current)
            else:
                self.show_error("na-error", t("err.na_reason"))
            return
        if self.commit(lambda: self.session.mark_na(cid, reason), "na-error"):
            self.show_criterion(self.current)
            focus_now(self.query_one(LineList))

    def submit_evidence(self, source: Input) -> None:
        text, cid = source.value.strip(), self.current.id
        if not text:
            return
        try:
            path = self.session.evidence_file(text)
        except Refused as refused:
            self.show_error("evidence-error", refused.message)
            return
        if path is None:  # a document's name, recorded as written
            if self.commit(lambda: self.session.add_evidence(cid, text), "evidence-error"):
                source.value = ""
            return
        source.disabled = True
        self.copy_evidence(cid, path)

    @work(thread=True, group="evidence")
    def copy_evidence(self, criterion_id: str, path: Path) -> None:
        """Hash and copy a file off the interface thread (a large scan takes seconds), showing progress."""
        shown = [-1]

        def progress(done: int, total: int) -> None:
            percent = 100 * done // total if total else 100
            if percent != shown[0]:
                shown[0] = percent
                self.app.call_from_thread(self.show_error, "evidence-error", t("ui.insp.copying", name=path.name,
                                                                             percent=percent))

        store = Store(self.session.store.path)  # a connection of its own: this runs in another thread
        try:
            _, label = store.add_evidence_file(path, progress)
        except StoreError as error:
            self.app.call_from_thread(self.evidence_done, criterion_id, path, None, error)
            return
        finally:
            store.close()
        self.app.call_from_thread(self.evidence_done, criterion_id, path, label, None)

    def evidence_done(self, criterion_id: str, path: Path, label: str | None, error: StoreError | None) -> None:
        source = self.query_one("#evidence-input", Input)
        source.disabled = False
        focus_now(source)  # disabling took the focus away; give it back for the next document
        if error is not None:
            self.show_error("evidence-error", error.message())
            return
        if self.commit(lambda: self.session.add_evidence(criterion_id, label or ""), "evidence-error"):
            source.value = ""
            self.notify(t("ui.insp.file_added", name=path.name))

    def on_key(self, event) -> None:
        # Delete on a highlighted evidence entry removes it.
        focused = self.focused
        if event.key == "delete" and isinstance(focused, OptionList) and focused.id == "evidence-list":
            index, cid = focused.highlighted, self.current.id
            answer = self.session.answer(cid)
            if index is not None and answer is not None and index < len(answer.evidence):
                self.commit(lambda: self.session.remove_evidence(cid, index), "evidence-error")
                event.stop()

    # ---- the note: saved after a pause in typing, on leaving the field, and before moving on
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "note":
            return
        answer = self.session.answer(self.current.id)
        if event.text_area.text.strip() == (answer.note if answer else ""):
            return  # a refill (another criterion shown), not typing
        self.note_for = self.current.id
        if self.note_timer is not None:
            self.note_timer.stop()
        self.note_timer = self.set_timer(NOTE_PAUSE, self.flush_note)

    def on_descendant_blur(self, event) -> None:
        if getattr(event.widget, "id", None) == "note":
            self.flush_note()

    def flush_note(self) -> None:
        """Commit the note typed for `note_for` (the criterion it was typed on), if any is waiting."""
        if self.note_timer is not None:
            self.note_timer.stop()
            self.note_timer = None
        cid, self.note_for = self.note_for, None
        if cid is None:
            return
        note = self.query_one("#note", TextArea).text.strip()
        self.commit(lambda: self.session.change(cid, note=note))

    def submit_self_score(self, source: Input) -> None:
        raw = source.value
        value = parse_number(raw) if raw.strip() else None
        if raw.strip() and value is None:
            self.show_error("self-score-error", t("ui.insp.not_a_number", value=raw.strip()))
            return
        cid = self.current.id
        self.commit(lambda: self.session.change(cid, self_score=value), "self-score-error")

    def submit_explanation(self, source: Input) -> None:
        cid, text = self.current.id, source.value.strip()
        answer = self.session.answer(cid)
        if (answer.explanation if answer else "") != text:
            self.commit(lambda: self.session.change(cid, explanation=text), "explanation-error")

    def action_only_differences(self) -> None:
        """Show only the criteria the team scored otherwise than the unit did (and back)."""
        self.only_differences = not self.only_differences
        navigator = self.query_one(LineList)
        rows = []
        for section in self.checklist.sections:
            shown = [c.id for c in section.criteria if not self.only_differences or self.session.differs(c.id)]
            if shown:
                rows.append(("section", section.id))
                rows.extend(("criterion", cid) for cid in shown)
        if self.only_differences and not rows:
            self.only_differences = False
            self.notify(t("ui.insp.no_differences"))
            return
        navigator.set_rows(rows, keep=self.current.id)
        landed = self.checklist.criterion(navigator.current_id() or self.current.id)
        if landed is not None and landed.id != self.current.id:
            self.show_criterion(landed)
        count = len([r for r in rows if r[0] == "criterion"])
        self.notify(t("ui.insp.differences_shown", n=count) if self.only_differences else t("ui.insp.all_shown"))

    # ---- moving around
    def on_line_list_moved(self, message: LineList.Moved) -> None:
        self.show_criterion(self.checklist.criterion(message.ident))

    def on_line_list_chosen(self, message: LineList.Chosen) -> None:
        self.action_answer()

    def action_answer(self) -> None:
        """Enter on the list: into the input where this criterion's answer is typed."""
        c = self.current
        if c.computed:
            self.action_figures()
            return
        target = {"ratio": "#numerator", "number": "#value", "count": "#value", "text": "#value"}.get(c.type)
        if target is None:
            target = "#na-reason" if c.na != "forbidden" and c.scored else "#note"
        focus_now(self.query_one(target, Input))

    def go_to(self, criterion_id: str) -> None:
        navigator = self.query_one(LineList)
        navigator.move_to(criterion_id)
        focus_now(navigator)

    def action_next_unanswered(self) -> None:
        found = self.session.next_unanswered(self.current.id)
        if found is None:
            self.notify(t("ui.insp.all_answered"))
        else:
            self.go_to(found)

    def action_search(self) -> None:
        from inspector.tui.screens.dialogs import SearchScreen

        def done(criterion_id: str | None) -> None:
            if criterion_id:
                self.go_to(criterion_id)

        self.app.push_screen(SearchScreen(self.checklist.criteria), done)

    def action_focus_evidence(self) -> None:
        if self.current.evidence != "none":
            focus_now(self.query_one("#evidence-input", Input))

    def action_focus_note(self) -> None:
        note = self.query_one("#note", TextArea)
        focus_now(note)
        note.move_cursor(note.document.end)  # G adds to the note: the cursor goes after what is there

    def action_history(self) -> None:
        from inspector.tui.screens.dialogs import HistoryScreen

        try:
            entries = self.session.history(self.current.id)
        except StoreError as error:
            self.notify(error.message(), severity="error")
            return
        self.app.push_screen(HistoryScreen(self.current.id, entries))

    def action_figures(self) -> None:
        from inspector.tui.screens.figures import FiguresScreen

        def back(_: object = None) -> None:
            self.query_one(LineList).refresh_all()
            self.update_status()
            self.show_criterion(self.current)

        self.remember_position()
        self.app.push_screen(FiguresScreen(self.session), back)

    def action_summary(self) -> None:
        from inspector.tui.screens.summary import SummaryScreen

        self.remember_position()
        self.app.push_screen(SummaryScreen(self.session))

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and not isinstance(focused, LineList):
            self.flush_note()
            focus_now(self.query_one(LineList))
            return
        self.flush_note()
        self.remember_position()
        self.app.left_inspection()
        self.app.pop_screen()

    def remember_position(self) -> None:
        try:
            self.session.remember_position(self.current.id)
        except StoreError:
            pass

    def on_unmount(self) -> None:
        self.remember_position()

    # ---- another window on the same store
    def check_other_writers(self) -> None:
        if not self.session.changed_elsewhere():
            return
        try:
            self.session.reload()
        except StoreError:
            return
        self.query_one(LineList).refresh_all()
        self.update_status()
        if isinstance(self.focused, LineList) or self.focused is None:
            self.show_criterion(self.current)
        self.notify(t("ui.insp.refreshed"))
