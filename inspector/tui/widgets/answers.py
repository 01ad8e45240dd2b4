"""The answer part of the inspection screen: one widget per criterion type (`ANSWER_WIDGETS`).

Each shows a criterion's answer and gathers what is typed; it decides no rule. Typed text goes up
as `AnswerWidget.Typed` (field → text) and the session parses and checks it with the type's own
parser (`inspector.core.criteria`). Several types may share a widget: a number, a count and a text
are all one typed value.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from inspector.core.glyphs import glyph
from inspector.core.criteria import kind_of
from inspector.core.criteria.ratio import Ratio
from inspector.core.describe import computed_lines
from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Checklist, Criterion
from inspector.core.numbers import show
from inspector.tui.focus import focus_now
from inspector.tui.text import literal, set_text


class AnswerWidget(Vertical):
    """Shows one criterion's answer; `show` is called with every change, `entry` is where Enter leads."""

    DEFAULT_CSS = "AnswerWidget { height: auto; }"

    class Typed(Message):
        """Text typed for the current criterion's value: field name → text, for the session to parse."""

        def __init__(self, texts: dict[str, str]):
            super().__init__()
            self.texts = texts

    def show(self, c: Criterion, answer: Answer | None) -> None:
        """Show `c` and its answer (None: none yet), moving to it."""
        self.show_answer(c, answer)

    def show_answer(self, c: Criterion, answer: Answer | None) -> None:
        """Its answer changed (a key, a value saved): only what shows the answer is updated, with no layout
        when its height does not change (a keypress repaints a line, not the screen)."""

    def entry(self) -> Input | None:
        """The input Enter on the list moves into, or None when keys answer it."""
        return None


class ValueLabels(Static):
    """What the parts of a value mean, when the checklist names them; hidden otherwise."""

    DEFAULT_CSS = "ValueLabels { color: $text-muted; }"

    def show(self, c: Criterion) -> None:
        labels = kind_of(c).value_labels(c)
        self.display = bool(labels)
        self.update(literal(labels))


class KeysAnswer(AnswerWidget):
    """Answered by keys on the list (C/K, or a number): how to answer, and what is chosen."""

    def compose(self) -> ComposeResult:
        yield Static(classes="muted answer-hint")
        yield Static(classes="answer-current")

    def show(self, c: Criterion, answer: Answer | None) -> None:
        set_text(self.query_one(".answer-hint", Static), Text(t(kind_of(c).hint)))
        self.show_answer(c, answer)

    def show_answer(self, c: Criterion, answer: Answer | None) -> None:
        set_text(self.query_one(".answer-current", Static), self.current_text(c, answer))

    def current_text(self, c: Criterion, answer: Answer | None) -> Text:
        raise NotImplementedError


class YesNoAnswer(KeysAnswer):
    def current_text(self, c: Criterion, answer: Answer | None) -> Text:
        if answer is not None and answer.na:
            return literal(t("ui.insp.na_current", reason=answer.reason), "cyan")
        if answer is None or answer.value is None:
            return Text(t("status.unanswered"), style="yellow")
        return Text(t("ui.insp.current", value=kind_of(c).value_text(c, answer)), style="bold")


class OptionsAnswer(KeysAnswer):
    """Entries to pick, each with its number key and its points."""

    def entries(self, c: Criterion) -> tuple:
        raise NotImplementedError

    def chosen(self, value) -> set[str]:
        raise NotImplementedError

    def box(self, picked: bool) -> str:
        raise NotImplementedError

    def current_text(self, c: Criterion, answer: Answer | None) -> Text:
        chosen: set[str] = set()
        if answer is not None and not answer.na and answer.value is not None:
            chosen = self.chosen(answer.value)
        mark, text = decimal_mark(), Text()
        for number, entry in enumerate(self.entries(c), 1):
            picked = entry.id in chosen
            box = self.box(picked)
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


class ChoiceAnswer(OptionsAnswer):
    """One option chosen: (●)."""

    def entries(self, c: Criterion) -> tuple:
        return c.options

    def chosen(self, value) -> set[str]:
        return {value}

    def box(self, picked: bool) -> str:
        return f"({glyph('●')})" if picked else "( )"


class MultiAnswer(OptionsAnswer):
    """Items ticked: [x]."""

    def entries(self, c: Criterion) -> tuple:
        return c.items

    def chosen(self, value) -> set[str]:
        return set(value)

    def box(self, picked: bool) -> str:
        return "[x]" if picked else "[ ]"


class RatioAnswer(AnswerWidget):
    """Numerator / denominator, with the percentage as it is typed."""

    DEFAULT_CSS = """
    RatioAnswer #ratio-inputs { height: auto; }
    RatioAnswer Input { width: 12; }
    RatioAnswer #ratio-inputs Label { padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="ratio-row")
        self.criterion: Criterion | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="ratio-inputs"):
            yield Input(placeholder=t("ui.insp.numerator"), id="numerator", restrict=r"[0-9 .]*", compact=True)
            yield Label("/")
            yield Input(placeholder=t("ui.insp.denominator"), id="denominator", restrict=r"[0-9 .]*", compact=True)
            yield Label("", id="ratio-percent")
        yield ValueLabels()

    def show(self, c: Criterion, answer: Answer | None) -> None:
        self.criterion = c
        for key, text in kind_of(c).texts(c, answer).items():
            self.query_one(f"#{key}", Input).value = text
        self.query_one(ValueLabels).show(c)

    def texts(self) -> dict[str, str]:
        return {key: self.query_one(f"#{key}", Input).value for key in ("numerator", "denominator")}

    def entry(self) -> Input | None:
        return self.query_one("#numerator", Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        criterion = self.criterion
        ratio = kind_of(criterion) if criterion is not None else None
        if criterion is not None and isinstance(ratio, Ratio):
            self.query_one("#ratio-percent", Label).update(ratio.percent_text(criterion, self.texts()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        denominator = self.query_one("#denominator", Input)
        if event.input.id == "numerator" and not denominator.value.strip():
            focus_now(denominator)
            return
        self.post_message(self.Typed(self.texts()))


class ValueAnswer(AnswerWidget):
    """One typed value: a number (with its unit), a count, or a text."""

    def compose(self) -> ComposeResult:
        yield Input(id="value", compact=True)

    def show(self, c: Criterion, answer: Answer | None) -> None:
        field = self.query_one("#value", Input)
        field.value = kind_of(c).texts(c, answer)["value"]
        label = t(f"ui.insp.field.{c.type}") + (f" ({c.unit})" if c.unit else "")
        field.placeholder = f"{label} — {t('ui.insp.enter_saves')}"

    def entry(self) -> Input | None:
        return self.query_one("#value", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Typed({"value": event.value}))


class ComputedAnswer(AnswerWidget):
    """A criterion computed from the unit's figures: where its numbers come from (typed on Số liệu)."""

    def __init__(self, checklist: Checklist) -> None:
        super().__init__()
        self.checklist = checklist

    def compose(self) -> ComposeResult:
        yield Static(id="computed-from")
        yield ValueLabels()

    def show_figures(self, c: Criterion, facts) -> None:
        lines = computed_lines(c, facts, self.checklist)
        self.query_one("#computed-from", Static).update(literal("\n".join([t("ui.insp.computed"), *lines])))
        self.query_one(ValueLabels).show(c)


# Which widget shows each criterion type (every type has one: tests/test_criterion_types.py).
ANSWER_WIDGETS: dict[str, type[AnswerWidget]] = {
    "yes_no": YesNoAnswer,
    "choice": ChoiceAnswer,
    "multi": MultiAnswer,
    "ratio": RatioAnswer,
    "number": ValueAnswer,
    "count": ValueAnswer,
    "text": ValueAnswer,
}
