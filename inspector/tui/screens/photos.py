"""Photos on the inspection screen: the list of a criterion's photos (remove one), the folder import (preview,
assign by hand, store) and the upload page for a phone (QR code, address, what came in; stops on close).

Thin: the session layer reads and stores the photos (`session/photos.py`), the receive layer serves the page
(`receive/`); these screens show what they say."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual import work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, ProgressBar, Static

from inspector.core.paths import typed_path
from inspector.core.i18n import os_error_text, t
from inspector.core.photos import ImageProblem, clock_text, size_text
from inspector.store.database import Store, StoreError
from inspector.store.photos import StoredPhoto
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.text import literal
from inspector.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from inspector.receive.server import ReceiveServer


class PhotoListScreen(ModalScreen[None]):
    """A criterion's photos: name, time, size, caption; Delete removes one (`remove(photo)` commits it), E edits
    its caption (`recaption(photo, caption)` commits it: the evidence text changes, the history keeps the old)."""

    DEFAULT_CSS = """
    #photos-dialog { width: 100; }
    #photos-table { height: auto; max-height: 16; }
    #photo-caption-row { height: auto; display: none; }
    #photo-caption-row.editing { display: block; }
    """
    BINDINGS = [Binding("escape,p,q", "close", "ui.back", id="close_photos"),
                Binding("delete,x", "remove", "key.remove_photo", id="remove_photo"),
                Binding("e", "caption", "key.caption", id="edit_caption")]

    def __init__(self, criterion_id: str, load: Callable[[], list[StoredPhoto]],
                 remove: Callable[[StoredPhoto], bool], recaption: Callable[[StoredPhoto, str], bool] | None = None):
        super().__init__()
        localize(self)
        self.criterion_id, self.loader, self.remover, self.recaptioner = criterion_id, load, remove, recaption
        self.photos: list[StoredPhoto] = []
        self.editing: StoredPhoto | None = None

    def compose(self) -> ComposeResult:
        from inspector.core.photos import MAX_CAPTION_CHARS

        with Vertical(classes="dialog", id="photos-dialog"):
            yield Label("", id="photos-title")
            yield DataTable(id="photos-table", cursor_type="row")
            yield Static("", id="photos-empty")
            yield Static(t("ui.photo.list_keys"), id="photos-keys", classes="muted")
            with Vertical(id="photo-caption-row"):
                yield Label("", id="photo-caption-hint")
                yield Input(id="photo-caption", max_length=MAX_CAPTION_CHARS)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for width in (28, 17, 8, 30):
            table.add_column("", width=width)
        self.fill()
        focus_now(table)

    def fill(self) -> None:
        self.photos = [p for p in self.loader() if p.criterion_id == self.criterion_id]
        self.query_one("#photos-title", Label).update(
            Text(t("ui.photo.list_title", id=self.criterion_id, n=len(self.photos)), style="bold"))
        table = self.query_one(DataTable)
        table.clear()
        for photo in self.photos:
            note = literal(photo.caption)
            if photo.kind == "heic":
                note = note + (" · " if photo.caption else "") + t("ui.photo.no_thumbnail")
            table.add_row(literal(photo.name), clock_text(photo.taken), size_text(photo.size), note, height=None)
        self.query_one("#photos-empty", Static).update("" if self.photos else t("ui.photo.none"))

    def chosen(self) -> StoredPhoto | None:
        if not self.photos:
            return None
        return self.photos[min(self.query_one(DataTable).cursor_row, len(self.photos) - 1)]

    def action_remove(self) -> None:
        photo = self.chosen()
        if photo is not None and self.remover(photo):
            self.notify(t("ui.photo.removed", name=photo.name, id=photo.criterion_id))
            self.fill()

    def action_caption(self) -> None:
        photo = self.chosen()
        if photo is None or self.recaptioner is None:
            return
        self.editing = photo
        self.query_one("#photo-caption-hint", Label).update(literal(t("ui.photo.caption_hint", name=photo.name)))
        field = self.query_one("#photo-caption", Input)
        field.value = photo.caption
        self.query_one("#photo-caption-row").add_class("editing")
        focus_now(field)

    def end_editing(self) -> None:
        self.editing = None
        self.query_one("#photo-caption-row").remove_class("editing")
        focus_now(self.query_one(DataTable))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        photo = self.editing
        if photo is None or self.recaptioner is None:
            return
        row = self.photos.index(photo)
        if self.recaptioner(photo, event.value):
            self.notify(t("ui.photo.caption_saved", name=photo.name))
            self.end_editing()
            self.fill()
            self.query_one(DataTable).move_cursor(row=min(row, max(len(self.photos) - 1, 0)))

    def action_close(self) -> None:
        if self.editing is not None:
            self.end_editing()
            return
        self.dismiss(None)


class PhotoImportScreen(Screen[bool]):
    """A folder's photos → criteria by time: a preview, assignments by hand, then one store (Ctrl+S).

    Reading the folder and storing the photos run in a worker thread on a connection of its own, with a
    progress bar; Esc stops it (nothing is recorded before the store's one transaction), Esc again leaves."""

    DEFAULT_CSS = """
    #photo-preview-box { height: 1fr; border: round $primary; }
    #photo-error { color: $error; height: auto; }
    #photo-progress-row { height: auto; display: none; }
    #photo-progress-row.busy { display: block; }
    #photo-status { height: auto; }
    """
    BINDINGS = [Binding("escape", "close", "ui.back", id="close_import"),
                Binding("ctrl+s", "store", "key.save_photos", id="store_photos")]

    def __init__(self, session):
        super().__init__()
        localize(self)
        self.session = session
        self.plan = None
        self.stopping: threading.Event | None = None  # set while a worker runs; Esc sets it

    @property
    def busy(self) -> bool:
        return self.stopping is not None

    def compose(self) -> ComposeResult:
        yield Label(Text(t("ui.photo.import_title"), style="bold"))
        yield Static(t("ui.photo.import_hint"))
        yield Input(id="photo-folder", placeholder="/media/…/DCIM")
        with Vertical(id="photo-progress-row"):
            yield ProgressBar(id="photo-progress", show_eta=False)
        yield Static("", id="photo-status")
        with VerticalScroll(id="photo-preview-box"):
            yield Static("", id="photo-preview")
        yield Input(id="photo-assign", placeholder=t("ui.photo.assign_hint"))
        yield Static("", id="photo-error")
        yield Footer()

    def on_mount(self) -> None:
        focus_now(self.query_one("#photo-folder", Input))

    def show_error(self, text: str) -> None:
        self.query_one("#photo-error", Static).update(literal(text))

    def show_status(self, text: str) -> None:
        self.query_one("#photo-status", Static).update(literal(text))

    def show_plan(self) -> None:
        self.query_one("#photo-preview", Static).update(literal("\n".join(self.plan.lines())))

    # ---- the worker: one at a time, its own connection, progress and the end posted back
    def begin(self, status: str) -> threading.Event:
        self.stopping = threading.Event()
        for widget in self.query(Input):
            widget.disabled = True
        self.query_one("#photo-progress-row").add_class("busy")
        self.query_one("#photo-progress", ProgressBar).update(total=None, progress=0)
        self.show_status(status)
        return self.stopping

    def moved(self, done: int, total: int) -> None:
        """From the worker: `done` of `total` files."""
        self.app.call_from_thread(self.query_one("#photo-progress", ProgressBar).update, total=total, progress=done)

    def finish(self) -> None:
        self.stopping = None
        self.query_one("#photo-progress-row").remove_class("busy")
        for widget in self.query(Input):
            widget.disabled = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.show_error("")
        if self.busy:
            return
        if event.input.id == "photo-folder":
            folder = Path(typed_path(event.value)).expanduser()
            self.read_folder(folder, self.begin(t("ui.photo.reading", folder=str(folder))))
            return
        if self.plan is None:
            self.show_error(t("ui.photo.import_first"))
            return
        number, equals, criterion = event.value.partition("=")
        if not equals or not number.strip().isdigit() or not 0 < int(number) <= len(self.plan.photos):
            self.show_error(t("ui.photo.bad_assign"))
            return
        try:
            self.plan.assign(int(number) - 1, None if criterion.strip() == "-" else criterion.strip())
        except KeyError:
            self.show_error(t("receive.unknown_criterion", id=criterion.strip()))
            return
        event.input.value = ""
        self.show_plan()

    planner: Callable | None = None  # what reads the folder (tests: one that waits for them); plan_import

    @work(thread=True, group="photo-import", exclusive=True)
    def read_folder(self, folder: Path, stopping: threading.Event) -> None:
        from inspector.session.photos import ImportStopped, plan_import

        plan = None
        error: str | None = ""  # None: stopped
        own = Store(self.session.store.path)  # this thread's own connection
        try:
            plan = (self.planner or plan_import)(own, self.session.id, folder, progress=self.moved, cancelled=stopping.is_set)
        except ImportStopped:
            error = None
        except OSError as problem:
            error = f"{folder}: {os_error_text(problem)}"
        except StoreError as problem:
            error = problem.message()
        finally:
            own.close()
        self.app.call_from_thread(self.folder_read, plan, error)

    def folder_read(self, plan, error: str | None) -> None:
        self.finish()
        if error is None:
            self.show_status(t("ui.photo.stopped_reading"))
            focus_now(self.query_one("#photo-folder", Input))
            return
        if plan is None:
            self.show_status("")
            self.show_error(error)
            focus_now(self.query_one("#photo-folder", Input))
            return
        self.plan = plan
        self.show_status(t("ui.photo.read_done", n=len(plan.photos)))
        self.show_plan()
        focus_now(self.query_one("#photo-assign", Input))

    def action_store(self) -> None:
        if self.busy:
            return
        if self.plan is None:
            self.show_error(t("ui.photo.import_first"))
            return
        self.show_error("")
        self.store_plan(self.plan, self.begin(t("ui.photo.storing", n=len(self.plan.assigned()))))

    @work(thread=True, group="photo-import", exclusive=True)
    def store_plan(self, plan, stopping: threading.Event) -> None:
        from inspector.session.photos import ImportStopped

        added = None
        error: str | None = ""  # None: stopped
        own = Store(self.session.store.path)
        try:
            added = plan.confirm(own, progress=self.moved, cancelled=stopping.is_set)
        except ImportStopped:
            error = None
        except (StoreError, ImageProblem) as problem:
            error = problem.message()
        finally:
            own.close()
        self.app.call_from_thread(self.plan_stored, added, error)

    def plan_stored(self, added: dict[str, int] | None, error: str | None) -> None:
        self.finish()
        if added is None:
            self.show_status(t("ui.photo.stopped_storing") if error is None else "")
            if error:
                self.show_error(error)
            return
        where = ", ".join(f"{cid} ({n})" for cid, n in added.items()) or "—"
        self.notify(t("photo.saved", n=sum(added.values()), id=self.session.id, where=where))
        self.dismiss(True)

    def action_close(self) -> None:
        if self.stopping is not None:
            self.stopping.set()  # the worker sees it before its next file, and before the transaction
            self.show_status(t("ui.photo.stopping"))
            return
        self.dismiss(False)


class ReceiveScreen(Screen[None]):
    """The upload page for a phone, open while this screen is: its QR code, its address, what came in."""

    DEFAULT_CSS = """
    #receive-body { height: 1fr; }
    #receive-qr { width: auto; height: auto; padding: 0 1 0 0; }
    #receive-side { width: 1fr; }
    #receive-how { height: auto; margin: 1 0; }
    #receive-url { height: 1; text-style: bold; }
    """
    BINDINGS = [Binding("escape", "close", "ui.back", id="close_receive")]

    def __init__(self, session, current: Callable[[], str], **options):
        super().__init__()
        localize(self)
        self.session, self.current, self.options = session, current, options
        self.server: ReceiveServer | None = None
        self.received: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="receive-body"):
            yield Static("", id="receive-qr")
            with Vertical(id="receive-side"):
                yield Label(Text(t("ui.photo.receive_title", unit=self.session.info.unit), style="bold"))
                yield Static("", id="receive-how")
                yield Static("", id="receive-list")
        yield Static("", id="receive-url")
        yield Footer()

    def on_mount(self) -> None:
        from inspector.receive import ReceiveProblem, start_receiving
        from inspector.receive.qr import qr_lines

        try:
            server = start_receiving(self.session.store, self.session.id, self.current,
                                     on_received=self.heard_from_thread, **self.options)
        except ReceiveProblem as problem:
            self.query_one("#receive-how", Static).update(
                Text(t("ui.photo.cannot_receive") + "\n\n", style="bold") + literal(problem.message()))
            return
        self.server = server
        server.start()
        self.query_one("#receive-qr", Static).update("\n".join(qr_lines(server.url, border=1)))
        self.query_one("#receive-url", Static).update(server.url)
        self.query_one("#receive-how", Static).update(t("ui.photo.receive_how", id=self.current()))

    def heard_from_thread(self, items) -> None:
        self.app.call_from_thread(self.heard, items)

    def heard(self, items) -> None:
        self.received[:0] = [f"{item.criterion_id}: {item.name} ({size_text(item.size)})" for item in reversed(items)]
        self.query_one("#receive-list", Static).update(
            literal(t("ui.photo.received", n=len(self.received)) + "\n" + "\n".join(self.received[:12])))

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def on_unmount(self) -> None:
        self.stop()

    def action_close(self) -> None:
        self.stop()
        self.dismiss(None)
