"""The right-hand pane of the inspection screen: one criterion, its answer and everything recorded with it.

Attributes down, messages up: the screen hands it a `CriterionView` (what the session knows of the
criterion) to show; what the user types goes up as messages (`AnswerWidget.Typed`, `NaTyped`,
`EvidenceTyped`, `EvidenceRemoved`, `UnitTyped`, `NoteTyped`) for the screen
to give to the session. It decides no rule: which parts a criterion has comes from its type's object.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from inspector.core.glyphs import glyph
from inspector.core.criteria import kind_of
from inspector.core.describe import criterion_tags, rule_lines
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import ANSWERED, MISSING_EVIDENCE, NA, UNANSWERED, Checklist
from inspector.core.numbers import show
from inspector.session import CriterionView
from inspector.store.database import StoreError
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, set_text
from inspector.tui.widgets.answers import ANSWER_WIDGETS, AnswerWidget, ComputedAnswer

NOTE_PAUSE = 1.0  # seconds without typing before a note is saved
MARKS = {ANSWERED: ("✓", "green"), UNANSWERED: ("·", "dim"), NA: ("–", "cyan"), MISSING_EVIDENCE: ("!", "yellow")}
CRITICAL_MARK = ("✗", "bold red")
# Where a refusal of each answer field is shown (the value's own fields share the answer's box).
ERROR_BOXES = {"self_score": "self-score-error", "reason": "na-error", "na": "na-error", "evidence": "evidence-error",
               "explanation": "explanation-error"}


def mark_of(view_result) -> tuple[str, str]:
    """The list's and the score line's symbol for a criterion's outcome."""
    symbol, style = CRITICAL_MARK if view_result.critical_failed else MARKS[view_result.status]
    return glyph(symbol), style  # the one glyph table: plain when the console cannot draw ✓ ✗


class Titled(Vertical):
    """A heading over a text, shown only while there is text."""

    DEFAULT_CSS = "Titled { height: auto; }"

    def __init__(self, heading: str, text_id: str, muted: bool = False, **kwargs) -> None:
        super().__init__(classes="group", **kwargs)
        self.heading, self.text_id, self.muted = heading, text_id, muted

    def compose(self) -> ComposeResult:
        yield Label(self.heading, classes="heading")
        yield Static(id=self.text_id, classes="muted" if self.muted else "")

    def set(self, text: str) -> None:
        self.display = bool(text)
        self.query_one(f"#{self.text_id}", Static).update(literal(text))


class CriterionDetail(VerticalScroll):
    class NaTyped(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    class EvidenceTyped(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    class EvidenceRemoved(Message):
        def __init__(self, index: int):
            super().__init__()
            self.index = index

    class UnitTyped(Message):
        """The unit's part typed: its self-score ("self_score") or its explanation ("explanation")."""

        def __init__(self, field: str, text: str):
            super().__init__()
            self.field, self.text = field, text

    class EvidenceProgress(Message):
        """How far a file being copied in has got, in words."""

        def __init__(self, text: str):
            super().__init__()
            self.text = text

    class EvidenceCopied(Message):
        """A file copied into the store (`label` is its evidence text), or refused (`error`)."""

        def __init__(self, criterion_id: str, path: Path, label: str, error: StoreError | None):
            super().__init__()
            self.criterion_id, self.path, self.label, self.error = criterion_id, path, label, error

    class NoteTyped(Message):
        """Typing in the note paused, or the note was left: `CriterionDetail.take_note` has it."""

    def __init__(self, checklist: Checklist, **kwargs) -> None:
        super().__init__(id="detail", **kwargs)
        self.checklist = checklist
        self.view: CriterionView | None = None
        # One widget per kind of answer the checklist's types need, made once; moving only shows another.
        needed = dict.fromkeys(ANSWER_WIDGETS[c.type] for c in checklist.criteria)
        self.answer_widgets: dict[type[AnswerWidget], AnswerWidget] = {cls: cls() for cls in needed}
        self.computed = ComputedAnswer(checklist)
        self.errors_shown: list[Static] = []  # boxes showing a refusal now (each update lays the screen out)
        self.evidence_shown: tuple | None = None  # (criterion, option texts) the evidence list shows now
        self.note_for: str | None = None  # the criterion whose note is being typed, not yet saved
        self.note_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="crit-title")
        yield Static(id="crit-tags")
        yield Static(id="crit-score")
        yield Titled(t("ui.insp.guidance"), "crit-guidance", id="grp-guidance")
        yield Label(t("ui.insp.answer"), classes="heading")
        yield from self.answer_widgets.values()
        yield self.computed
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
        yield Titled(t("ui.insp.rule"), "crit-rule", id="grp-rule")
        yield Titled(t("ui.insp.basis"), "crit-basis", muted=True, id="grp-basis")

    # ---- showing a criterion
    def show(self, view: CriterionView) -> None:
        """Every part for a newly shown criterion: texts updated, parts shown or hidden, nothing mounted."""
        self.view = view
        c, answer, kind, mark = view.criterion, view.answer, kind_of(view.criterion), decimal_mark()
        q = self.query_one
        head = Text(f"{c.id} ", style="bold")
        head.append(literal(c.title, "bold"))
        q("#crit-title", Static).update(head)
        q("#crit-tags", Static).update(Text("  ".join(criterion_tags(c, self.checklist.na)),
                                            style="red" if c.critical else "dim"))
        q("#grp-guidance", Titled).set(c.guidance)
        shown = self.computed if c.computed else self.answer_widgets[ANSWER_WIDGETS[c.type]]
        for widget in (*self.answer_widgets.values(), self.computed):
            widget.display = widget is shown
        if not c.computed:
            shown.show(c, answer)
        q("#grp-na").display = view.offers_na
        q("#na-reason", Input).value = answer.reason if answer is not None and answer.na else ""
        q("#grp-evidence").display = c.evidence != "none"
        q("#evidence-heading", Label).update(t("ui.insp.evidence_required" if c.evidence == "required"
                                               else "ui.insp.evidence"))
        q("#evidence-input", Input).value = ""
        q("#note", TextArea).load_text(answer.note if answer else "")
        q("#grp-self").display = kind.self_scored
        q("#self-score", Input).value = "" if answer is None or answer.self_score is None else show(
            answer.self_score, mark, 6)
        low, high = kind.self_score_bounds(c)
        q("#self-score", Input).placeholder = f"{show(low, mark)} – {show(high, mark)}"
        q("#explanation", Input).value = answer.explanation if answer is not None else ""
        own_evidence = answer.self_evidence if answer is not None else ()
        q("#self-evidence").display = bool(own_evidence)
        q("#self-evidence", Static).update(literal(t("ui.insp.self_evidence", items="; ".join(own_evidence)))
                                           if own_evidence else "")
        q("#grp-rule", Titled).set("\n".join(rule_lines(c)))
        q("#grp-basis", Titled).set("; ".join(c.basis))
        self.refresh_answer(view)
        self.scroll_home(animate=False)

    def refresh_answer(self, view: CriterionView) -> None:
        """What a change to the answer changes: the score, the answer shown, the comparison, the evidence."""
        self.view = view
        c = view.criterion
        set_text(self.query_one("#crit-score", Static), self.score_line(view))
        set_text(self.query_one("#self-compare", Static), self.compare_text(view))
        if c.computed:
            self.computed.show_figures(c, view.facts)
        else:
            self.answer_widgets[ANSWER_WIDGETS[c.type]].show_answer(c, view.answer)
        self.clear_errors()
        if c.evidence != "none":
            options = self.evidence_options(view)
            shown = (c.id, tuple(str(o.prompt) for o in options))
            if shown != self.evidence_shown:  # the same list again would lay the screen out for nothing
                self.evidence_shown = shown
                self.query_one("#evidence-list", OptionList).set_options(options)

    @staticmethod
    def score_line(view: CriterionView) -> Text:
        r = view.result
        if not view.criterion.scored:
            return Text(t("ui.insp.text_criterion"), style="dim")
        symbol, style = mark_of(r)
        line = Text(f"{symbol} ", style=style)
        mark = decimal_mark()
        line.append(t("ui.insp.score_line", score=show(r.score, mark), max=show(r.max, mark), why=r.explanation))
        return line

    @staticmethod
    def compare_text(view: CriterionView) -> Text:
        """The unit's score beside the team's, the difference marked."""
        answer = view.answer
        if answer is None or answer.self_score is None:
            return Text("")
        mark = decimal_mark()
        if not view.differs:
            return Text(t("ui.insp.self_same", own=show(answer.self_score, mark)), style="dim")
        gap = view.result.score - answer.self_score
        return Text(t("ui.insp.self_differs", own=show(answer.self_score, mark), score=show(view.result.score, mark),
                      gap=("+" if gap > 0 else "") + show(gap, mark)), style="bold yellow")

    @staticmethod
    def evidence_options(view: CriterionView) -> list[Option]:
        answer = view.answer
        if answer is None or not answer.evidence:
            return [Option(Text(t("ui.insp.evidence_none"), style="dim"), disabled=True)]
        return [Option(literal(f"{i}. {e}"), id=str(i - 1)) for i, e in enumerate(answer.evidence, 1)]

    # ---- refusals, shown under their field
    def show_error(self, field: str, message: str) -> None:
        """A refusal under the field it is about (the answer's own fields share one box)."""
        box = self.query_one(f"#{ERROR_BOXES.get(field, 'answer-error')}", Static)
        box.update(literal(message))
        box.add_class("shown")
        self.errors_shown.append(box)

    def clear_errors(self) -> None:
        for box in self.errors_shown:
            if box.is_attached:
                box.update("")
                box.remove_class("shown")
        self.errors_shown.clear()

    # ---- where keys lead
    def entry(self) -> Input | TextArea:
        """Enter on the list: the input the current answer is typed in; for a criterion answered by keys, its
        evidence (or the note). Never the N/A reason: a number typed after Enter there would mark it N/A."""
        assert self.view is not None
        if not self.view.criterion.computed:
            found = self.answer_widgets[ANSWER_WIDGETS[self.view.criterion.type]].entry()
            if found is not None:
                return found
        if self.view.criterion.evidence != "none":
            return self.query_one("#evidence-input", Input)
        return self.query_one("#note", TextArea)

    def focus_na(self) -> None:
        widget = self.query_one("#na-reason", Input)
        focus_now(widget)
        self.scroll_to_widget(widget)

    def focus_note(self) -> None:
        note = self.query_one("#note", TextArea)
        focus_now(note)
        note.move_cursor(note.document.end)  # G adds to the note: the cursor goes after what is there

    def copy_in(self, path: Path, copy: Callable[[Path, Callable[[int, int], None]], str]) -> None:
        """Copy a file in with `copy(path, progress)` off the interface thread (a large scan takes seconds),
        its progress under the evidence field, which waits meanwhile; `EvidenceCopied` says how it ended."""
        assert self.view is not None
        self.query_one("#evidence-input", Input).disabled = True
        self.copy_worker(self.view.criterion.id, path, copy)

    @work(thread=True, group="evidence")
    def copy_worker(self, criterion_id: str, path: Path, copy: Callable[[Path, Callable[[int, int], None]], str]) -> None:
        shown = [-1]

        def progress(done: int, total: int) -> None:
            percent = 100 * done // total if total else 100
            if percent != shown[0]:
                shown[0] = percent
                self.post_message(self.EvidenceProgress(t("ui.insp.copying", name=path.name, percent=percent)))

        try:
            label, error = copy(path, progress), None
        except StoreError as refused:
            label, error = "", refused
        self.app.call_from_thread(self.copy_done, self.EvidenceCopied(criterion_id, path, label, error))

    def copy_done(self, message: Message) -> None:
        source = self.query_one("#evidence-input", Input)
        source.disabled = False
        focus_now(source)  # disabling took the focus away; give it back for the next document
        self.post_message(message)

    def evidence_taken(self) -> None:
        self.query_one("#evidence-input", Input).value = ""

    # ---- what is typed goes up
    def on_input_submitted(self, event: Input.Submitted) -> None:
        ident = event.input.id or ""
        if ident in ("self-score", "explanation"):
            event.stop()
            self.post_message(self.UnitTyped(ident.replace("-", "_"), event.value))
            return
        typed = {"na-reason": self.NaTyped, "evidence-input": self.EvidenceTyped}.get(ident)
        if typed is not None:
            event.stop()
            self.post_message(typed(event.value))

    def on_key(self, event) -> None:
        """Delete on a highlighted evidence entry removes it."""
        focused = self.screen.focused
        if event.key == "delete" and isinstance(focused, OptionList) and focused.id == "evidence-list":
            index = focused.highlighted
            answer = self.view.answer if self.view is not None else None
            if index is not None and answer is not None and index < len(answer.evidence):
                event.stop()
                self.post_message(self.EvidenceRemoved(index))

    # ---- the note: saved after a pause in typing, on leaving the field, and before moving on
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "note" or self.view is None:
            return
        answer = self.view.answer
        if event.text_area.text.strip() == (answer.note if answer else ""):
            return  # a refill (another criterion shown), not typing
        self.note_for = self.view.criterion.id
        if self.note_timer is not None:
            self.note_timer.stop()
        self.note_timer = self.set_timer(NOTE_PAUSE, lambda: self.post_message(self.NoteTyped()))

    def on_descendant_blur(self, event) -> None:
        if getattr(event.widget, "id", None) == "note":
            self.post_message(self.NoteTyped())

    def take_note(self) -> tuple[str, str] | None:
        """(criterion, note) typed and not yet saved, once; None when nothing waits."""
        if self.note_timer is not None:
            self.note_timer.stop()
            self.note_timer = None
        criterion_id, self.note_for = self.note_for, None
        if criterion_id is None:
            return None
        return criterion_id, self.query_one("#note", TextArea).text.strip()


