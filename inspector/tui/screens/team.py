"""Team work in the interface: merge bundles, create a campaign from its file, settle conflicts.

Everything here calls the store (merge, resolve) and the exports' wording of conflicts; nothing is
recomputed on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from inspector.core.paths import typed_path
from inspector.core.glyphs import glyph
from inspector.core.i18n import t
from inspector.core.progress import Progress
from inspector.store.database import Store, StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import InspectorScreen
from inspector.tui.text import literal
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.linelist import LineList
from inspector.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from inspector.core.identity import Identity
    from inspector.store.merge import Conflict


class PromptScreen(ModalScreen[str | None]):
    """One line to type (a file or folder path): Enter gives it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "ui.cancel", id="cancel_prompt")]

    def __init__(self, title: str, hint: str, value: str = "", password: bool = False):
        super().__init__()
        localize(self)
        self.title_text, self.hint, self.value, self.password = title, hint, value, password

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text, "bold"))
            yield Static(literal(self.hint), classes="muted")
            yield Input(self.value, id="prompt-input", password=self.password)

    def on_mount(self) -> None:
        focus_now(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.password:
            self.dismiss(event.value or None)  # a passphrase is taken exactly as typed
        else:
            self.dismiss(event.value.strip().strip('"') or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def bundle_files(typed: str) -> list[Path]:
    """A bundle file, several separated by ";", or a folder (every .inspector file in it)."""
    from inspector.store.bundle import SUFFIX

    found: list[Path] = []
    for part in typed.split(";"):
        path = Path(typed_path(part)).expanduser()
        if not part.strip():
            continue
        found.extend(sorted(path.glob(f"*{SUFFIX}")) if path.is_dir() else [path])
    return found


def merge_report(store: Store, files: list[Path], progress: Progress | None = None) -> str:
    """Merge each file; the report a secretary reads (signer, units, what was taken, what was refused)."""
    from inspector.exports.merge_text import refused_line, report_lines
    from inspector.store.bundle import BundleRefused, read_bundle
    from inspector.store.merge import merge_bundle, open_conflicts

    lines = []
    for path in files:
        try:
            report = merge_bundle(store, read_bundle(path, progress), progress)
        except (BundleRefused, StoreError) as refused:
            lines.append(f"{glyph('✗')} {refused_line(path.name, refused.message())}")
            continue
        first, *rest = report_lines(path.name, report)
        lines += [f"{glyph('✓')} {first}", *rest]
    try:
        pending = len(open_conflicts(store))
    except StoreError:
        pending = 0
    if pending:
        lines.append(t("ui.merge.pending", n=pending))
    return "\n".join(lines) or t("ui.merge.no_files")


def ask_and_merge(app, done: Callable[[], None]) -> None:
    def merge(typed: str | None) -> None:
        if not typed:
            return
        from inspector.tui.screens.work import WorkScreen

        files = bundle_files(typed)
        app.push_screen(WorkScreen(t("ui.merge.title"), lambda store, progress: merge_report(store, files, progress)),
                        lambda _: done())

    app.push_screen(PromptScreen(t("ui.merge.title"), t("ui.merge.hint")), merge)


def ask_and_create_campaign(app, done: Callable[[], None]) -> None:
    def create(typed: str | None) -> None:
        if not typed:
            return
        from inspector.core.campaign import campaign_from_file
        from inspector.core.problems import FileProblems
        from inspector.store.campaigns import create_campaign
        from inspector.tui.screens.dialogs import MessageScreen

        try:
            campaign, checklist = campaign_from_file(Path(typed_path(typed)).expanduser())
            number, _ = create_campaign(app.store, campaign, checklist)
        except FileProblems as problems:
            app.push_screen(MessageScreen(t("ui.campaign.not_created"), problems.render()))
            return
        except LookupError as missing:
            app.push_screen(MessageScreen(t("ui.campaign.not_created"),
                                          t("cli.unknown_checklist", ref=missing.args[0], hint="")))
            return
        except StoreError as error:
            app.notify(error.message(), severity="error", timeout=15)
            return
        app.notify(t("campaign.created", id=number, name=campaign.name, checklist=checklist.id,
                     version=checklist.version))
        done()

    app.push_screen(PromptScreen(t("ui.campaign.new_title"), t("ui.campaign.new_hint")), create)


class ConflictsScreen(InspectorScreen):
    """Unresolved conflicts, one line each; the highlighted one's values side by side below.

    1–9 keeps that value (written to the history with who decided); E opens the inspection at that
    criterion to write a new value, which is then kept with 1.
    """

    BINDINGS = [
        Binding("escape", "back", "ui.back", id="back_conflicts"),
        Binding("e", "edit", "ui.conflict.edit", id="edit_conflict"),
        Binding("t", "take_member", "ui.conflict.take_member", id="take_member"),
    ]

    def __init__(self, inspection_id: int | None = None):
        super().__init__()
        localize(self)
        self.inspection_id = inspection_id
        self.conflicts: dict[str, Conflict] = {}


    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(t("ui.conflict.hint"), classes="muted", id="conflict-hint")
        yield LineList([], self.render_row, selectable=frozenset({"conflict"}), id="conflict-list")
        with VerticalScroll(id="conflict-detail-box"):
            yield Static(id="conflict-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("ui.conflict.title")
        self.seen = self.data_version()
        self.set_interval(2, self.check_other_writers)

    def on_screen_resume(self) -> None:
        self.reload()

    def data_version(self) -> int:
        try:
            return self.inspector.store.data_version()
        except StoreError:
            return -1

    def check_other_writers(self) -> None:
        """Conflicts settled in another window (or by a merge) leave the list at once."""
        if self.data_version() != self.seen:
            self.reload()

    def reload(self) -> None:
        from inspector.store.merge import open_conflicts

        try:
            found = open_conflicts(self.inspector.store, self.inspection_id)
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            found = []
        self.seen = self.data_version()
        self.conflicts = {str(c.number): c for c in found}
        table = self.query_one(LineList)
        table.set_rows([("conflict", key) for key in self.conflicts], keep=table.current_id())
        table.styles.height = max(1, min(len(self.conflicts), 8))
        focus_now(table)
        self.show_detail()

    def render_row(self, kind: str, ident: str) -> Text:
        from inspector.exports.conflict_text import conflict_item

        conflict = self.conflicts[ident]
        checklist = self.inspector.store.load(conflict.inspection_id).checklist
        line = Text(f" {ident}. ")
        line.append_text(literal(f"{conflict.unit} — {conflict_item(conflict, checklist)}"))
        line.truncate(max(10, self.size.width - 2), overflow="ellipsis")
        line.no_wrap = True
        return line

    def current(self):
        ident = self.query_one(LineList).current_id()
        return self.conflicts.get(ident) if ident else None

    def on_line_list_moved(self, message: LineList.Moved) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        from inspector.exports.conflict_text import conflict_item, proposal_text

        detail = self.query_one("#conflict-detail", Static)
        conflict = self.current()
        if conflict is None:
            detail.update(Text(t("conflict.none")))
            return
        checklist = self.inspector.store.load(conflict.inspection_id).checklist
        table = Table(expand=True, show_lines=True, title=literal(f"{conflict.unit} — "
                                                                 f"{conflict_item(conflict, checklist)}"))
        for i, proposal in enumerate(conflict.proposals, 1):
            mark = f" ({t('conflict.current')})" if proposal.current else ""
            table.add_column(literal(f"[{i}] {proposal.author or '?'}{mark}\n{proposal.at[:16].replace('T', ' ')}"),
                             ratio=1)
        table.add_row(*(literal(proposal_text(conflict, p.value, checklist)) for p in conflict.proposals))
        detail.update(table)

    async def on_key(self, event) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            event.stop()
            self.choose(int(event.character))

    def choose(self, choice: int) -> None:
        from inspector.store.merge import resolve_conflict

        conflict = self.current()
        if conflict is None:
            return
        if choice > len(conflict.proposals):
            self.notify(t("ui.conflict.no_value", n=choice, count=len(conflict.proposals)), severity="warning")
            return
        try:
            resolve_conflict(self.inspector.store, conflict.number, choice)
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            self.reload()  # settled elsewhere meanwhile: show what is left
            return
        chosen = conflict.proposals[choice - 1]
        self.notify(t("conflict.resolved", number=conflict.number, author=chosen.author or "?",
                      by=self.inspector.store.author))
        self.reload()

    def action_edit(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        if conflict.kind == "answer":
            try:
                self.inspector.store.set_position(conflict.inspection_id, conflict.item_id)
            except StoreError:
                pass
        self.inspector.open_inspection(conflict.inspection_id)

    def action_take_member(self) -> None:
        """Keep one member's values in every conflict shown (of some sections): a preview, then a yes."""
        def asked(typed: str | None) -> None:
            if not typed:
                return
            from inspector.store.merge import member_choices

            name, _, parts = typed.partition("|")
            sections = tuple(part.strip() for part in parts.split(",") if part.strip())
            scope = None if self.inspection_id is None else {self.inspection_id}
            try:
                choices = member_choices(self.inspector.store, name.strip(), scope, sections)
            except StoreError as error:
                self.notify(error.message(), severity="error", timeout=15)
                return
            if not choices:
                self.notify(t("cli.resolve.none_of", name=name.strip()), severity="warning")
                return
            self.confirm_take(name.strip(), choices)

        self.app.push_screen(PromptScreen(t("ui.conflict.take_title"), t("ui.conflict.take_hint")), asked)

    def confirm_take(self, name: str, choices: list) -> None:
        from inspector.exports.conflict_text import conflict_item, proposal_text
        from inspector.store.merge import resolve_many
        from inspector.tui.screens.dialogs import ConfirmScreen

        lines = [t("cli.resolve.preview", name=name, n=len(choices))]
        for conflict, choice in choices:
            checklist = self.inspector.store.load(conflict.inspection_id).checklist
            lines.append(f"• {conflict.unit} — {conflict_item(conflict, checklist)}: "
                         f"{proposal_text(conflict, conflict.proposals[0].value, checklist)} → "
                         f"{proposal_text(conflict, conflict.proposals[choice - 1].value, checklist)}")

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            done, refused = resolve_many(self.inspector.store, choices)
            for conflict, reason in refused:
                self.notify(t("cli.resolve.refused", number=conflict.number, reason=reason), severity="error",
                            timeout=15)
            self.notify(t("cli.resolve.done", n=len(done), name=name, by=self.inspector.store.author))
            self.reload()

        self.app.push_screen(ConfirmScreen("\n".join(lines)), answer)

    def action_back(self) -> None:
        self.app.pop_screen()


def with_key_open(app: App[object], identity: Identity, then: Callable[[], None]) -> None:
    """Run `then` once this laptop's signing key is open: its passphrase is asked first when it has one (and
    asked again, with the reason, when it is wrong)."""
    from inspector.core.identity import IdentityError

    if not identity.locked:
        then()
        return

    def typed(passphrase: str | None) -> None:
        if passphrase is None:
            return
        try:
            identity.unlock(passphrase)
        except IdentityError as refused:
            app.notify(refused.message(), severity="error", timeout=10)
            with_key_open(app, identity, then)
            return
        then()

    app.push_screen(PromptScreen(t("ui.key.passphrase_title", name=identity.name), t("ui.key.passphrase_hint"),
                                 password=True), typed)

