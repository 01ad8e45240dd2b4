"""The export dialog: format, where to, confirmation before overwriting; the work runs in a thread."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from inspector.core.i18n import os_error_text, t
from inspector.core.paths import export_dir
from inspector.exports.formats import for_many, for_one, format_named
from inspector.store.database import Store, StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import inspector_app
from inspector.tui.text import literal


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "ui.cancel", id="cancel_export"),
                Binding("ctrl+o", "export_open('file')", "key.export_open", id="export_open", priority=True),
                Binding("ctrl+l", "export_open('folder')", "key.export_open_folder", id="export_open_folder",
                        priority=True)]

    def __init__(self, ids: list[int], what: str):
        super().__init__()
        localize(self)
        self.ids = ids
        self.what = what
        self.formats = for_one() if len(ids) == 1 else for_many()
        self.busy = False
        self.open_after: str | None = None  # "file" or "folder": opened with the system's program once written

    def choices(self) -> list[tuple[str, str]]:
        """(format, CSV dialect) for each line of the list: CSV twice, the config's dialect first."""
        first = inspector_app(self).config.csv_dialect
        dialects = (first, "en" if first == "vi" else "vi")
        return [(f, d) for f in self.formats for d in (dialects if f == "csv" else ("",))]

    def choice_label(self, fmt: str, dialect: str) -> str:
        return t(f"ui.export.csv_{dialect}") if dialect else t(format_named(fmt).label)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(t("ui.export.title", what=self.what), "bold"))
            yield Label(t("ui.export.format"), classes="heading")
            yield OptionList(*[Option(self.choice_label(f, d), id=f"{f}-{d}" if d else f) for f, d in self.choices()],
                             id="export-format")
            yield Label(t("ui.export.path"), classes="heading")
            folder = inspector_app(self).config.export_folder  # config.toml export_folder, else Documents/inspector
            yield Input(str(Path(folder).expanduser() if folder else export_dir()) + "/", id="export-path", compact=True)
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("ui.cancel"), id="export-cancel")
                yield Button(t("ui.export.go_open"), id="export-go-open")
                yield Button(t("ui.export.go"), id="export-go", variant="primary")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        focus_now(formats)

    def chosen_format(self) -> str:
        return self.choices()[self.query_one(OptionList).highlighted or 0][0]

    def chosen_dialect(self) -> str:
        return self.choices()[self.query_one(OptionList).highlighted or 0][1] or "en"

    def action_export_open(self, what: str) -> None:
        self.open_after = what
        self.start()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        focus_now(self.query_one("#export-path", Input))

    blanks_confirmed = False

    def blanks(self, fmt: str) -> list[str]:
        """What the document would leave blank (a dotted line) or say without a reason, in words: the team may
        export anyway."""
        from inspector.exports.common import Exported

        document = format_named(fmt)
        if document.blanks is None:
            return []
        try:
            record = inspector_app(self).store.load(self.ids[0])
        except StoreError:
            return []
        return [blank.render() for blank in document.blanks(Exported.of(record))]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-go":
            self.start()
        elif event.button.id == "export-go-open":
            self.action_export_open("file")
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    def start(self, force: bool = False) -> None:
        if self.busy:
            return

        from inspector.core.paths import typed_path

        fmt, output = self.chosen_format(), typed_path(self.query_one("#export-path", Input).value)
        if not output:
            return
        from inspector.exports import format_for, output_for

        fmt, refused = format_for(output, fmt)
        if refused:
            self.failed(refused)
            return
        output = output_for(output, fmt)
        if format_named(fmt).blanks is not None and len(self.ids) == 1 and not force and not self.blanks_confirmed:
            blanks = self.blanks(fmt)
            if blanks:
                from inspector.tui.screens.dialogs import ConfirmScreen

                def answer(go: bool | None) -> None:
                    if go:
                        self.blanks_confirmed = True
                        self.start()

                self.app.push_screen(ConfirmScreen(t("ui.export.blanks", items="; ".join(blanks))), answer)
                return
        from inspector.core.identity import current

        identity = current() if fmt == "json" else None
        if identity is not None and identity.locked:  # the record is signed: the key's passphrase first
            from inspector.tui.screens.team import with_key_open

            with_key_open(self.app, identity, lambda: self.start(force))
            return
        self.busy = True
        self.query_one(ProgressBar).display = True
        self.query_one("#export-error", Static).remove_class("shown")
        self.run_export(fmt, output, force, self.chosen_dialect())

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, fmt: str, output: str, force: bool, dialect: str = "en") -> None:
        """In a thread, with its own store connection: the interface stays responsive."""
        from inspector.exports.common import Exported
        from inspector.exports.common import DocumentProblem
        from inspector.exports.run import (
            ExportLocked,
            ExportRefused,
            export,
            export_many,
        )

        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            store = Store(inspector_app(self).store.path)
            try:
                if len(self.ids) > 1:
                    path = export_many(store, self.ids, fmt, output, force, progress=progress, csv_dialect=dialect)
                else:
                    path = export([Exported.of(store.load(self.ids[0]))], fmt, output, force, csv_dialect=dialect)
            finally:
                store.close()
        except ExportRefused as refused:
            self.app.call_from_thread(self.ask_overwrite, refused.path)
            return
        except ExportLocked as locked:
            self.app.call_from_thread(self.failed, t("cli.file_locked", path=locked.path))
            return
        except DocumentProblem as broken:
            self.app.call_from_thread(self.failed, broken.message())
            return
        except (StoreError, OSError, ValueError) as error:
            detail = error.message() if isinstance(error, StoreError) else os_error_text(error) if isinstance(error, OSError) else str(error)
            self.app.call_from_thread(self.failed, detail)
            return
        self.app.call_from_thread(self.finished, path)

    def ask_overwrite(self, path: Path) -> None:
        from inspector.tui.screens.dialogs import ConfirmScreen

        self.busy = False
        self.query_one(ProgressBar).display = False

        def answer(yes: bool | None) -> None:
            if yes:
                self.start(force=True)

        self.app.push_screen(ConfirmScreen(t("ui.export.overwrite", path=str(path))), answer)

    def failed(self, detail: str) -> None:
        self.busy = False
        self.open_after = None
        self.query_one(ProgressBar).display = False
        error = self.query_one("#export-error", Static)
        error.update(literal(t("ui.export.failed", detail=detail)))
        error.add_class("shown")

    def finished(self, path: Path) -> None:
        self.busy = False
        app = inspector_app(self)
        app.last_export = path  # the palette offers to open it, or its folder
        app.notify(t("ui.export.done_open", path=str(path)), timeout=10)
        self.dismiss(path)
        if self.open_after:
            app.open_path(path if self.open_after == "file" else path.parent)
