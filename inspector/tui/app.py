"""The Textual application: screens, key bindings (rebindable by id), command palette, config."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from inspector.core.config import Config, config_path, load_config
from inspector.core.i18n import os_error_text, set_language, t
from inspector.core.paths import package_dir
from inspector.core.record import evolve
from inspector.store.database import Store, StoreError
from inspector.tui import textual_fixes, textual_strings  # noqa: F401  (textual_fixes: applied on import)
from inspector.tui.bindings import declared, keys_shown, localize
from inspector.tui.text import printable


class InspectorApp(App):
    CSS_PATH = package_dir() / "tui" / "app.tcss"  # absolute: subclasses elsewhere (and the one-file build) find it
    TITLE = "inspector"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {textual_strings.SystemCommands}  # Textual's own provider, matching without accents
    BINDINGS = [
        Binding("f1,ctrl+g", "help", "ui.help", id="help"),  # Ctrl+G (giúp): laptops whose F-keys need Fn
        Binding("question_mark", "help", "ui.help", show=False, id="help_alt"),
        Binding("ctrl+q", "quit", "ui.quit", id="quit", priority=True),
    ]

    catch_errors = True  # an unexpected error: a crash log and a dialog (tests/conftest.py fails a test that has one)

    def __init__(self, store: Store | None = None, config: Config | None = None, resume: bool = True,
                 today: dt.date | None = None, edit: tuple[Path, str] | None = None, debug: bool = False):
        self.show_traceback = debug  # --debug: the crash dialog shows the traceback too
        self.last_export: Path | None = None  # the palette opens it, or its folder
        self.crashes: list[BaseException] = []
        self.edit_on_start = edit  # `inspector checklist edit`: (file, "user" | "bundled") to open in the editor
        self.today = today  # fixed in tests and screenshots; None means the real date
        self.config = config if config is not None else load_config()
        set_language(self.config.lang)
        from inspector.core.glyphs import set_plain

        set_plain(bool(self.config.ascii))  # None (tests, screenshots): the symbols; run_app decides from the console
        super().__init__()
        self.store = store if store is not None else Store()
        self.resume = resume
        self.title = t("ui.title")
        localize(self)
        textual_strings.install(self)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notice shows its words literally: a unit named "UBND xã [/] lỗi" is not markup, and no
        escape sequence from data reaches the terminal."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=False)

    def pop_screen(self):
        """Close a screen; then forget what its widgets watched on the app (title, sub-title, theme).

        Textual drops such a watcher only when the watched value next changes, so every closed screen's
        Header and text areas stayed alive; an afternoon of opening inspections grew by a megabyte each."""
        done = super().pop_screen()
        self.call_after_refresh(self.forget_closed_watchers)
        return done

    def forget_closed_watchers(self) -> None:
        for watched in (self, self.screen):
            for listed in getattr(watched, "__watchers", {}).values():
                listed[:] = [(node, callback) for node, callback in listed
                             if node is watched or node is self or getattr(node, "is_attached", True)]

    def on_mount(self) -> None:
        if self.store.read_only is not None:
            self.notify(self.store.read_only.message(), severity="warning", timeout=30)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.apply_theme()
        from inspector.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        for problem in self.config.problems:
            self.notify(t("ui.config_error", detail=problem), severity="warning", timeout=10)
        if self.edit_on_start is not None:
            self.open_checklist_editor(*self.edit_on_start)
        elif self.resume:
            self.resume_last()

    def apply_theme(self) -> None:
        """The config's theme; a theme chosen later (Ctrl+P → theme) is saved back to the config file."""
        wanted = self.config.theme
        if wanted and wanted in self.available_themes:
            self.theme = wanted
        elif wanted:
            from inspector.tui.text import printable

            self.notify(t("ui.config_error", detail=t("config.unknown_theme", file=config_path(), value=printable(wanted),
                                                       allowed=", ".join(sorted(self.available_themes)))),
                        severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self.theme_chosen)

    def theme_chosen(self, theme) -> None:
        if theme.name == (self.config.theme or self.theme_at_start):
            return
        from inspector.core.config import ConfigRefused, set_value

        try:
            set_value("theme", theme.name)
        except (ConfigRefused, OSError) as error:
            detail = os_error_text(error) if isinstance(error, OSError) else str(error)
            self.notify(t("ui.theme_not_saved", detail=detail), severity="warning", timeout=10)
            return
        self.config = evolve(self.config, theme=theme.name)

    theme_at_start = "textual-dark"

    # ---- unexpected errors: a crash log and a dialog, not a dead terminal

    async def _dispatch_action(self, namespace, action_name, params) -> bool:
        """An action (a key, a button, the palette) that fails says so in a dialog; the app keeps running."""
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except Exception as error:  # noqa: BLE001
            if not self.catch_errors:
                raise
            self.crashed(error)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """Textual stops the message loop of whatever raised. A screen (or a widget on it) is closed and the
        message shown on the one below; an error of the app itself still ends it, with the same sentence."""
        if not self.catch_errors:
            return super()._handle_exception(error)
        from textual._context import active_message_pump

        pump = active_message_pump.get(None)
        screen = pump if isinstance(pump, Screen) else getattr(pump, "screen", None) if pump is not self else None
        if isinstance(screen, Screen) and screen in self.screen_stack and screen is not self.screen_stack[0]:
            self.crashed(error, close=screen)
            return
        message = self.crash_log(error)
        from rich.text import Text

        self._return_code = 70
        if self._exception is None:  # a test sees the app die
            self._exception = error
            self._exception_event.set()
        self.panic(Text(f"inspector: {message}" + (f"\n{self.crash_debug(error)}" if self.show_traceback else "")))

    def crash_log(self, error: BaseException) -> str:
        from inspector.core.crashlog import crash_message

        self.crashes.append(error)
        return crash_message(error, "inspector " + type(self.screen).__name__)

    def crash_debug(self, error: BaseException) -> str:
        from inspector.core.crashlog import debug_text

        return debug_text(error)

    def crashed(self, error: BaseException, close: Screen | None = None) -> None:
        """Log the error; close the screen that can no longer answer (`close`), then say it in a dialog."""
        message = self.crash_log(error)
        if self.show_traceback:
            message += "\n\n" + self.crash_debug(error)

        def show() -> None:
            if close is not None and close in self.screen_stack:
                while self.screen_stack[-1] is not close:
                    self.pop_screen()
                self.pop_screen()
                if len(self.screen_stack) == 1:  # the home screen itself: a fresh one
                    from inspector.tui.screens.home import HomeScreen

                    self.push_screen(HomeScreen())
            from inspector.tui.screens.dialogs import MessageScreen

            self.push_screen(MessageScreen(t("ui.crash.title"), message))

        self.call_later(show)

    def resume_last(self) -> None:
        """Reopen the inspection the user was in, at the criterion they were on."""
        try:
            last = self.store.get_state("last_inspection")
        except StoreError:
            return
        if last and last.isdigit():
            if int(last) in self.store.inspection_ids():  # numbers only: not every line of the home list
                self.open_inspection(int(last))
                try:
                    on_summary = self.store.get_state("last_screen") == "summary"
                except StoreError:
                    on_summary = False
                from inspector.tui.screens.inspection import InspectionScreen

                if on_summary and isinstance(self.screen, InspectionScreen):
                    self.screen.action_summary()  # the user was writing the findings: back to them

    def remember_screen(self, name: str | None) -> None:
        """Which screen of the open inspection the user is on (reopened there after a crash)."""
        try:
            self.store.set_state("last_screen", name)
        except StoreError:
            pass

    def open_inspection(self, inspection_id: int) -> None:
        from inspector.session import InspectionSession
        from inspector.tui.screens.inspection import InspectionScreen

        try:
            session = InspectionSession(self.store, inspection_id)
            self.store.set_state("last_inspection", str(inspection_id))
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            return
        self.push_screen(InspectionScreen(session))

    def open_checklist_editor(self, path: Path, origin: str = "user") -> None:
        """Open a checklist file in the editor; a bundled one is first copied to the user folder."""
        from inspector.authoring.document import ChecklistDocument
        from inspector.core.paths import user_checklist_dir
        from inspector.tui.screens.editor import EditorScreen

        try:
            text = path.read_text(encoding="utf-8-sig")
            if origin == "bundled":
                folder = user_checklist_dir()
                target, n = folder / path.name, 2
                while target.exists():
                    target, n = folder / f"{path.stem}-{n}{path.suffix}", n + 1
                folder.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                self.notify(t("ed.copied", path=str(target)))
                path = target
            document = ChecklistDocument(text, str(path))
        except Exception as error:  # an unreadable file or TOML the editor cannot parse: say so, keep running
            self.notify(t("ed.cannot_open", detail=str(error)), severity="error", timeout=15)
            return
        self.push_screen(EditorScreen(document, path))

    def action_pick_checklist_to_edit(self) -> None:
        from inspector.core.library import all_checklists
        from inspector.tui.screens.dialogs import ChecklistPickerScreen

        def chosen(entry) -> None:
            if entry is not None:
                self.open_checklist_editor(entry.path, entry.origin)

        self.push_screen(ChecklistPickerScreen(all_checklists()), chosen)

    def left_inspection(self) -> None:
        try:
            self.store.set_state("last_inspection", None)
            self.store.set_state("last_screen", None)
        except StoreError:
            pass

    def action_help(self) -> None:
        from inspector.tui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen, config_path()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists every action of the current screen, in the interface language."""
        seen = set()
        for node in (screen, self):
            for binding in declared(node):
                if not binding.description or binding.action in seen:
                    continue
                seen.add(binding.action)
                yield SystemCommand(binding.description, keys_shown(self, binding), _runner(node, binding.action))
        # Textual's own entries, in our words; its key panel is left out (F1 lists every key of the screen).
        if self.last_export is not None:
            yield SystemCommand(t("ui.open.file"), printable(str(self.last_export)), lambda: self.open_path(self.last_export))
            yield SystemCommand(t("ui.open.folder"), printable(str(self.last_export.parent)),
                                lambda: self.open_path(self.last_export.parent if self.last_export else None))
        yield SystemCommand(t("ui.textual.theme"), t("ui.textual.theme_help"), self.action_change_theme)
        yield SystemCommand(t("ui.textual.screenshot"), t("ui.textual.screenshot_help"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))

    def open_path(self, path: Path | None) -> None:
        """Open a file or folder with the system's program, without waiting; say so when that cannot be done."""
        from inspector.tui.opener import open_path

        if path is None:
            return
        problem = open_path(path)
        if problem:
            self.notify(problem, severity="warning", timeout=10)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(textual_strings.palette())

    def search_themes(self) -> None:
        """Textual's theme picker, with its prompt in the interface language."""
        self.push_screen(textual_strings.palette([textual_strings.Themes], "ui.textual.search_themes"))


def _runner(node, action: str):
    async def run() -> None:
        await node.run_action(action)

    return run


def run_app(lang: str | None = None, edit: tuple[Path, str] | None = None, debug: bool = False) -> int:
    config = load_config()
    if lang:
        config = evolve(config, lang=lang)
    if config.ascii is None:
        from inspector.core.glyphs import console_shows_symbols

        config = evolve(config, ascii=not console_shows_symbols())
    try:
        store = Store(check=True)
    except StoreError as error:
        set_language(config.lang)
        import sys

        print(f"inspector: {error.message()}", file=sys.stderr)
        return 1
    app = InspectorApp(store=store, config=config, edit=edit, debug=debug)
    try:
        app.run()
    finally:
        store.close()  # a clean end: the next start need not check every page again
    return app.return_code or 0
