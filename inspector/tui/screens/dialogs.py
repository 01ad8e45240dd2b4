"""Small modal screens: confirm, help (every binding with its id), history, search."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from inspector.core.i18n import CATALOG, t
from inspector.tui.bindings import declared, keys_shown, localize
from inspector.tui.focus import focus_now
from inspector.tui.text import fold, literal


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "cancel", "ui.cancel", id="cancel"),
                Binding("y,c", "confirm", "ui.yes", show=False, id="confirm")]

    def __init__(self, question: str):
        super().__init__()
        localize(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.cancel"), id="no")
                yield Button(t("ui.yes"), id="yes", variant="primary")

    def on_mount(self) -> None:
        focus_now(self.query_one("#yes", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_confirm(self) -> None:
        self.dismiss(True)


class HelpScreen(ModalScreen[None]):
    """Every binding of the screen underneath and of the app, with the id used to rebind it."""

    BINDINGS = [Binding("escape,f1,ctrl+g,q", "close", "ui.back", id="close_help")]

    def __init__(self, under: Screen, config_file: Path):
        super().__init__()
        localize(self)
        self.under = under
        self.config_file = config_file

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(t("ui.help.title"), style="bold"))
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static(literal(t("ui.help.config", path=str(self.config_file))), classes="muted")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("ui.help.key"), t("ui.help.action"), t("ui.help.id"))
        seen = set()
        for node in (self.under, self.app):
            for binding in declared(node):
                if not binding.description:
                    continue
                key = binding.id or binding.action
                if key in seen:
                    continue
                seen.add(key)
                table.add_row(keys_shown(self.app, binding), binding.description, binding.id or "")
        focus_now(table)

    def action_close(self) -> None:
        self.dismiss(None)


def field_name(field: str) -> str:
    """An audited field in the interface language ("self_score" → "điểm tự chấm")."""
    key = f"field.{field}"
    return t(key) if key in CATALOG else field


class ChoiceScreen(ModalScreen[int | None]):
    """A text to read and a few answers to choose from (1, 2… or a button); Esc chooses nothing."""

    BINDINGS = [Binding("escape", "cancel", "ui.cancel", id="cancel_choice")]

    def __init__(self, text: str, choices: list[str]):
        super().__init__()
        localize(self)
        self.text, self.choices = text, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.text))
            with Horizontal(classes="dialog-buttons"):
                for number, label in enumerate(self.choices, 1):
                    yield Button(f"{number}. {label}", id=f"choice-{number}")

    def on_mount(self) -> None:
        focus_now(self.query_one("#choice-1", Button))

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit() and 1 <= int(event.character) <= len(self.choices):
            event.stop()
            self.dismiss(int(event.character))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(int((event.button.id or "choice-0").rsplit("-", 1)[1]))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HistoryScreen(ModalScreen[None]):
    """Every change to one criterion: when, who (and who relayed it), what, from what to what — a whole answer
    (imported, merged) read as words, not as its stored form."""

    BINDINGS = [Binding("escape,h,q", "close", "ui.back", id="close_history")]

    def __init__(self, criterion_id: str, entries, criterion=None):
        super().__init__()
        localize(self)
        self.criterion_id = criterion_id
        self.entries = entries
        self.criterion = criterion

    def value(self, text: str | None) -> str:
        from inspector.exports.common import stored_answer_text

        return stored_answer_text(self.criterion, text) if self.criterion is not None else (text or "∅")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            yield Label(Text(t("ui.insp.history", id=self.criterion_id), style="bold"))
            if not self.entries:
                yield Static(t("ui.insp.history_empty"))
            else:
                table: DataTable[object] = DataTable(id="history-table", cursor_type="row")
                yield table

    def on_mount(self) -> None:
        if self.entries:
            table = self.query_one(DataTable)
            # The change wraps in its column: a whole answer, its evidence and note are read, not cut off.
            room = max(20, min(self.app.size.width * 95 // 100, 110) - 6 - 14 - 14 - 12 - 4 * 2)
            for width in (14, 14, 12, room):
                table.add_column("", width=width)
            for entry in self.entries:
                when = f"{entry.at[8:10]}/{entry.at[5:7]}/{entry.at[2:4]} {entry.at[11:16]}"
                change = literal(f"{self.value(entry.old)} → {self.value(entry.new)}")
                table.add_row(when, literal(entry.who or "?"), literal(field_name(entry.field)), change, height=None)
            focus_now(table)

    def action_close(self) -> None:
        self.dismiss(None)


class SearchScreen(ModalScreen[str | None]):
    """Find a criterion by id or words; accents are optional ("niem yet" finds "Niêm yết")."""

    BINDINGS = [Binding("escape", "close", "ui.back", id="close_search"),
                Binding("down", "results", show=False, id="search_results")]

    def __init__(self, criteria):
        super().__init__()
        localize(self)
        self.index = [(c.id, fold(f"{c.id} {c.title} {c.guidance}"), c) for c in criteria]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Input(placeholder=t("ui.insp.search"), id="search-input")
            yield OptionList(id="search-results")

    def on_input_changed(self, event: Input.Changed) -> None:
        words = fold(event.value).split()
        results = self.query_one(OptionList)
        results.clear_options()
        if not words:
            return
        exact = [(cid, c) for cid, _, c in self.index if cid.casefold() == words[0] and len(words) == 1]
        found = exact + [(cid, c) for cid, text, c in self.index
                         if all(w in text for w in words) and (cid, c) not in exact]
        if not found:
            results.add_option(Option(t("ui.insp.no_match"), disabled=True))
            return
        results.add_options(Option(literal(f"{cid}  {c.title}"), id=cid) for cid, c in found[:50])
        results.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None and results.option_count:
            option = results.get_option_at_index(results.highlighted)
            if option.id:
                self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_results(self) -> None:
        focus_now(self.query_one(OptionList))

    def action_close(self) -> None:
        self.dismiss(None)


class MessageScreen(ModalScreen[None]):
    """A title and a body to read (e.g. what a save changed); any of Enter, Esc closes it."""

    BINDINGS = [Binding("escape,enter", "close", "ui.back", id="close_message")]

    def __init__(self, title: str, body: str):
        super().__init__()
        localize(self)
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "bold"))
            yield Static(literal(self.body), id="message-body")

    def action_close(self) -> None:
        self.dismiss(None)


class ChecklistPickerScreen(ModalScreen[object]):
    """Every checklist, bundled and the user's own (invalid ones too: they are the ones to fix)."""

    BINDINGS = [Binding("escape", "close", "ui.back", id="close_picker")]

    def __init__(self, entries):
        super().__init__()
        localize(self)
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("ed.pick"), classes="heading")  # wraps at 80 columns, as a Label does not
            options = []
            for i, entry in enumerate(self.entries):
                label = Text()
                label.append(f"{entry.id} ", style="bold")
                if entry.checklist is not None:
                    label.append(literal(f"{entry.checklist.version} — {entry.checklist.title}"))
                else:
                    label.append(t("cli.invalid_entry"), style="red")
                label.append(f"  ({t('origin.' + entry.origin)})", style="dim")
                options.append(Option(label, id=str(i)))
            yield OptionList(*options, id="picker-list")

    def on_mount(self) -> None:
        focus_now(self.query_one(OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.entries[int(event.option.id)])

    def action_close(self) -> None:
        self.dismiss(None)
