"""The inspection screen: navigator of sections and criteria, the current criterion, live score.

Thin over `InspectionSession`: a key or a message from the detail pane becomes one session call
(parse → validate → commit → rescore), then the screen shows the session's answers and result. It
decides no rule: what a criterion's type allows comes from the session and the core. Nothing is shown
as saved before the store has committed it; a refused value stays in its field with the reason.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from inspector.core.criteria import kind_of
from inspector.core.i18n import t
from inspector.core.model import Criterion
from inspector.session import InspectionSession, Refused
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import inspector_app
from inspector.tui.text import not_saved, printable
from inspector.tui.widgets.answers import AnswerWidget
from inspector.tui.widgets.criterion_detail import CriterionDetail
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.inspection_status import InspectionStatus
from inspector.tui.widgets.linelist import LineList
from inspector.tui.widgets.navigator import Navigator
from inspector.tui.widgets.title_bar import TitleBar


class InspectionScreen(Screen):
    BINDINGS = [
        Binding("c,y", "press('yes')", "key.yes", id="answer_yes"),
        Binding("k,n", "press('no')", "key.no", id="answer_no"),
        *[Binding(str(d), f"press('{d}')", "key.pick" if d == 1 else "", show=False, id=f"pick_{d}") for d in range(1, 10)],
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
        Binding("p", "photos", "key.photos", id="photos", show=False),
        Binding("i", "import_photos", "key.photo_import", id="import_photos", show=False),
        Binding("w", "receive_photos", "key.receive", id="receive_photos", show=False),
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
        self.keys_that_apply: tuple = self.keys_for(self.current)

    # ---- layout
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield InspectionStatus(id="status")
        with Horizontal():
            yield Navigator(self.session, id="navigator")
            yield CriterionDetail(self.checklist)
        yield Footer()

    @property
    def detail(self) -> CriterionDetail:
        return self.query_one(CriterionDetail)

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
        return self.query_one(Navigator).row_text(kind, ident)

    def update_status(self) -> None:
        self.query_one(InspectionStatus).show(self.session.result, self.saved_state)

    # ---- the current criterion
    def show_criterion(self, c: Criterion) -> None:
        self.flush_note()
        self.current = c
        self.detail.show(self.session.view(c.id))
        # The footer is rebuilt when bindings change: only when the keys that apply do.
        keys_that_apply = self.keys_for(c)
        if keys_that_apply != self.keys_that_apply:
            self.keys_that_apply = keys_that_apply
            self.refresh_bindings()

    def keys_for(self, c: Criterion) -> tuple:
        """What decides which answer keys the footer shows."""
        return kind_of(c).answer_keys, self.session.offers_na(c.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        keys, offers_na = self.keys_that_apply
        if action == "press":  # an answer key: only those the criterion's type reads
            return parameters[0] in keys
        if action == "not_applicable":
            return offers_na
        if action == "figures":
            return bool(self.checklist.facts)
        return True

    # ---- committing
    def commit(self, change: Callable[[], object], field: str = "value") -> bool:
        """Run one session change; show what it did, or the reason it was refused under its field (a store
        failure under `field`, the one being saved)."""
        c = self.current
        try:
            change()
        except Refused as refused:
            self.show_error(refused.field, refused.message)
            return False
        except StoreError as error:
            self.saved_state = False
            self.update_status()
            self.show_error(field, not_saved(error))
            self.notify(not_saved(error), severity="error", timeout=20)
            return False
        self.saved_state = True
        section = self.session.result.sections[self.checklist.position(c.id)[0]]
        navigator = self.query_one(LineList)
        navigator.refresh_row("criterion", c.id)
        navigator.refresh_row("section", section.id)
        self.update_status()
        if c is self.current:
            self.detail.refresh_answer(self.session.view(c.id))
        return True

    def compare_text(self) -> Text:
        """The unit's score beside the team's for the current criterion."""
        return CriterionDetail.compare_text(self.session.view(self.current.id))

    def show_error(self, field: str, message: str) -> None:
        """A refusal (or a copy's progress) under the field it is about."""
        self.detail.show_error(field, message)

    # ---- answering: keys on the list, and what the detail pane sends up
    def action_press(self, key: str) -> None:
        if self.session.answers_key(self.current.id, key):  # "7" on three options: nothing to do, nothing said
            self.commit(lambda: self.session.press(self.current.id, key))

    def action_clear_answer(self) -> None:
        cid = self.current.id
        if self.session.answer(cid) is not None and self.commit(lambda: self.session.clear(cid)):
            self.show_criterion(self.current)
            self.notify(t("ui.insp.cleared", id=cid))

    def on_answer_widget_typed(self, message: AnswerWidget.Typed) -> None:
        cid = self.current.id
        if self.commit(lambda: self.session.type_answer(cid, message.texts)):
            focus_now(self.query_one(LineList))

    def on_criterion_detail_na_typed(self, message: CriterionDetail.NaTyped) -> None:
        reason, cid = message.reason.strip(), self.current.id
        current = self.session.answer(cid)
        if not reason and current is not None and current.na:
            self.commit(lambda: self.session.unmark_na(cid), "na")
            self.show_criterion(self.current)
        elif self.commit(lambda: self.session.mark_na(cid, reason), "na"):
            self.show_criterion(self.current)
            focus_now(self.query_one(LineList))

    def on_criterion_detail_unit_typed(self, message: CriterionDetail.UnitTyped) -> None:
        """The unit's own score or its explanation, typed by the team from the unit's papers."""
        cid, text = self.current.id, message.text
        setter = self.session.set_self_score if message.field == "self_score" else self.session.set_explanation
        self.commit(lambda: setter(cid, text), message.field)

    def on_criterion_detail_evidence_removed(self, message: CriterionDetail.EvidenceRemoved) -> None:
        cid = self.current.id
        self.commit(lambda: self.session.remove_evidence(cid, message.index), "evidence")

    def on_criterion_detail_evidence_typed(self, message: CriterionDetail.EvidenceTyped) -> None:
        text, cid = message.text.strip(), self.current.id
        if not text:
            return
        try:
            path = self.session.evidence_file(text)
        except Refused as refused:
            self.show_error(refused.field, refused.message)
            return
        if path is None:  # a document's name, recorded as written
            if self.commit(lambda: self.session.add_evidence(cid, text), "evidence"):
                self.detail.evidence_taken()
            return
        self.detail.copy_in(path, self.session.copy_evidence_file)

    def on_criterion_detail_evidence_progress(self, message: CriterionDetail.EvidenceProgress) -> None:
        self.show_error("evidence", message.text)

    def on_criterion_detail_evidence_copied(self, message: CriterionDetail.EvidenceCopied) -> None:
        if message.error is not None:
            self.show_error("evidence", message.error.message())
        elif self.commit(lambda: self.session.add_evidence(message.criterion_id, message.label), "evidence"):
            self.detail.evidence_taken()
            self.notify(t("ui.insp.file_added", name=message.path.name))

    def on_criterion_detail_note_typed(self, message: CriterionDetail.NoteTyped) -> None:
        self.flush_note()

    def flush_note(self) -> None:
        """Commit the note typed for the criterion it was typed on, if one is waiting."""
        typed = self.detail.take_note()
        if typed is not None:
            cid, note = typed
            self.commit(lambda: self.session.change(cid, note=note))

    # ---- moving around
    def on_line_list_moved(self, message: LineList.Moved) -> None:
        found = self.checklist.criterion(message.ident)
        if found is not None:
            self.show_criterion(found)

    def on_line_list_chosen(self, message: LineList.Chosen) -> None:
        self.action_answer()

    def action_answer(self) -> None:
        """Enter on the list: into the input where this criterion's answer is typed (figures when computed)."""
        if self.current.computed:
            self.action_figures()
        else:
            focus_now(self.detail.entry())

    def action_not_applicable(self) -> None:
        self.detail.focus_na()

    def action_focus_evidence(self) -> None:
        if self.current.evidence != "none":
            focus_now(self.query_one("#evidence-input"))

    def action_focus_note(self) -> None:
        self.detail.focus_note()

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

    def action_only_differences(self) -> None:
        """Show only the criteria the team scored otherwise than the unit did (and back)."""
        navigator = self.query_one(Navigator)
        count = navigator.show_only_differences(not navigator.only_differences, keep=self.current.id)
        if count is None:
            self.notify(t("ui.insp.no_differences"))
            return
        landed = self.checklist.criterion(navigator.current_id() or self.current.id)
        if landed is not None and landed.id != self.current.id:
            self.show_criterion(landed)
        self.notify(t("ui.insp.differences_shown", n=count) if navigator.only_differences else t("ui.insp.all_shown"))

    def action_search(self) -> None:
        from inspector.tui.screens.dialogs import SearchScreen

        def done(criterion_id: str | None) -> None:
            if criterion_id:
                self.go_to(criterion_id)

        self.app.push_screen(SearchScreen(self.checklist.criteria), done)

    def action_history(self) -> None:
        from inspector.tui.screens.dialogs import HistoryScreen

        try:
            entries = self.session.history(self.current.id)
        except StoreError as error:
            self.notify(error.message(), severity="error")
            return
        self.app.push_screen(HistoryScreen(self.current.id, entries, self.current))

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

    # ---- photos (issue 26): the criterion's list, a folder import, the upload page for a phone
    def photos_changed(self, _: object = None) -> None:
        """Photos were stored on other connections: read the answers again and show them."""
        try:
            self.session.reload()
        except StoreError:
            return
        self.query_one(LineList).refresh_all()
        self.update_status()
        self.show_criterion(self.current)

    def action_photos(self) -> None:
        from inspector.store.photos import photos_of
        from inspector.tui.screens.photos import PhotoListScreen

        cid = self.current.id

        def load():
            return photos_of(self.session.store.load(self.session.id))

        def remove(photo) -> bool:
            answer = self.session.answer(cid)
            if answer is None or photo.position >= len(answer.evidence) or answer.evidence[photo.position] != photo.text:
                return False
            return self.commit(lambda: self.session.remove_evidence(cid, photo.position), "evidence")

        def recaption(photo, caption: str) -> bool:
            """Another caption; the photo must still be where the list saw it (another window may have moved it)."""
            answer = self.session.answer(cid)
            if answer is None or photo.position >= len(answer.evidence) or answer.evidence[photo.position] != photo.text:
                self.notify(t("ui.photo.changed"), severity="warning")
                return False
            try:
                self.session.set_photo_caption(cid, photo.position, caption)
            except Refused as refused:
                self.notify(refused.message, severity="error")
                return False
            except StoreError as error:
                self.notify(not_saved(error), severity="error", timeout=20)
                return False
            return self.commit(lambda: None, "evidence")

        self.app.push_screen(PhotoListScreen(cid, load, remove, recaption))

    def action_import_photos(self) -> None:
        from inspector.tui.screens.photos import PhotoImportScreen

        self.remember_position()
        self.app.push_screen(PhotoImportScreen(self.session), self.photos_changed)

    def action_receive_photos(self) -> None:
        from inspector.tui.screens.photos import ReceiveScreen

        self.remember_position()
        cid = self.current.id
        self.app.push_screen(ReceiveScreen(self.session, lambda: cid, **self.receive_options), self.photos_changed)

    receive_options: dict = {}  # where the upload page listens (tests: loopback, any free port)

    def action_back(self) -> None:
        self.flush_note()
        focused = self.focused
        if focused is not None and not isinstance(focused, LineList):
            focus_now(self.query_one(LineList))
            return
        self.remember_position()
        inspector_app(self).left_inspection()
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
