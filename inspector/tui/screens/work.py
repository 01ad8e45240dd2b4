"""Long work off the interface thread: a title, a progress bar while it runs, then what it reports.

Merging a team's bundles or packing a campaign's photos reads and writes hundreds of megabytes; the
screen stays drawn and says how far it has got. The work gets its own store connection (SQLite
connections belong to one thread) and returns the text to show; Enter or Esc closes once it is done.
"""

from __future__ import annotations

from typing import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from inspector.core.i18n import os_error_text, t
from inspector.core.progress import Progress, throttled
from inspector.store.database import Store, StoreError
from inspector.tui.bindings import localize
from inspector.tui.text import literal

Work = Callable[[Store, Progress], str]


class WorkScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "ui.back", id="close_work")]

    def __init__(self, title: str, job: Work, close_when_done: bool = False):
        """`close_when_done`: work whose result shows elsewhere (the list it refreshes) closes by itself."""
        super().__init__()
        localize(self)
        self.title_text, self.job, self.finished = title, job, False
        self.close_when_done = close_when_done

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "bold"))
            yield Static(t("ui.work.running"), id="work-body")
            yield ProgressBar(id="work-progress", show_eta=False)

    def on_mount(self) -> None:
        self.run_job(self.app.store.path, self.app.store.author)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="work")
    def run_job(self, path, author: str) -> None:
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        report = throttled(progress)
        assert report is not None  # throttled only passes a missing callback through
        try:
            store = Store(path)
            store.author = author
            try:
                text = self.job(store, report)
            finally:
                store.close()
        except StoreError as error:
            text = error.message()
        except OSError as error:
            text = os_error_text(error)
        self.app.call_from_thread(self.show_result, text)

    def show_result(self, text: str) -> None:
        self.finished = True
        if self.close_when_done and not text:
            self.dismiss(None)
            return
        self.query_one(ProgressBar).display = False
        self.query_one("#work-body", Static).update(literal(text))

    def action_close(self) -> None:
        if self.finished:
            self.dismiss(None)
