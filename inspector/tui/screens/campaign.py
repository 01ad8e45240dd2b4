"""A campaign: its team and split of work, the units ranked with bars, percent per section coloured, the
criteria most often missed; open a unit, write the báo cáo tổng hợp or the ranking, merge, settle conflicts.

All figures come from the consolidation (exports/consolidate.py), computed by the core's scoring.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from inspector.core.glyphs import glyph
from inspector.core.i18n import decimal_mark, t
from inspector.core.numbers import show
from inspector.store.database import StoreError
from inspector.tui.bindings import localize
from inspector.tui.focus import focus_now
from inspector.tui.screens.base import InspectorScreen
from inspector.tui.text import literal
from inspector.tui.widgets.footer import Footer
from inspector.tui.widgets.linelist import LineList
from inspector.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathlib import Path

    from inspector.exports.consolidate import Consolidation

BAR = 20  # columns of a full (100 %) bar


def percent_style(value: Fraction | None) -> str:
    if value is None:
        return "dim"
    return "green" if value >= 80 else "yellow" if value >= 50 else "red"


def write_campaign_document(fmt: str, summary: Consolidation, path: Path) -> tuple[bool, str]:
    """A campaign's document written to `path`: whether it was, and what to tell the user."""
    from inspector.exports.common import DocumentProblem
    from inspector.exports.formats import format_named
    from inspector.exports.run import ExportLocked, write_retrying

    render = format_named(fmt).render_campaign
    assert render is not None
    try:
        write_retrying(path, render(summary))
    except DocumentProblem as broken:
        return False, broken.message()
    except (ExportLocked, OSError) as error:
        return False, t("cli.write_failed", path=path, detail=str(error))
    note = "" if summary.complete else f" — {t('cli.export.campaign_partial')}"
    return True, t("cli.exported", path=path) + note


class CampaignScreen(InspectorScreen):
    BINDINGS = [
        Binding("escape", "back", "ui.back", id="back_campaign"),
        Binding("enter", "open", "ui.open", id="open_unit"),
        Binding("r", "report", "key.report", id="write_report"),
        Binding("x", "ranking", "key.ranking", id="write_ranking"),
        Binding("m", "merge", "key.merge", id="merge_campaign"),
        Binding("k", "conflicts", "key.conflicts", id="campaign_conflicts"),
        Binding("g", "bundle", "key.bundle", id="write_bundle"),
        Binding("p", "report_pdf", "key.report_pdf", id="write_report_pdf"),
    ]

    def __init__(self, number: int):
        super().__init__()
        localize(self)
        self.number = number
        self._summary: Consolidation | None = None

    @property
    def summary(self) -> Consolidation:
        assert self._summary is not None, "read after reload()"
        return self._summary


    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="campaign-body"):
            yield Static(id="campaign-head")
            yield LineList([], self.render_row, selectable=frozenset({"unit"}), id="campaign-units")
            yield Static(id="campaign-sections")
            yield Static(id="campaign-failures")
            yield Static(id="campaign-team")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        from inspector.exports.consolidate import consolidate

        try:
            self._summary = consolidate(self.inspector.store, self.number)
        except StoreError as error:
            self.notify(error.message(), severity="error", timeout=15)
            self.app.pop_screen()
            return
        summary = self.summary
        campaign = summary.campaign
        self.sub_title = campaign.name
        head = literal(campaign.name, "bold")
        details = [campaign.inspecting_body, campaign.plan]
        for text in filter(None, details):
            head.append("\n")
            head.append_text(literal(text, "dim"))
        head.append(f"\n{t('campaign.ranking')}", style="bold")
        self.query_one("#campaign-head", Static).update(head)
        units = self.query_one(LineList)
        units.set_rows([("unit", str(line.inspection_id)) for line in summary.ranking], keep=units.current_id())
        units.styles.height = max(1, len(summary.ranking))
        self.query_one("#campaign-sections", Static).update(self.section_table())
        self.query_one("#campaign-failures", Static).update(self.failures_text())
        self.query_one("#campaign-team", Static).update(self.team_text())
        focus_now(units)

    def render_row(self, kind: str, ident: str) -> Text:
        line = next(row for row in self.summary.ranking if str(row.inspection_id) == ident)
        mark = decimal_mark()
        text = Text(f" {str(line.rank) + '.' if line.rank else '—':>3} ")
        unit_width = max(12, self.size.width - BAR - 30)
        unit = literal(line.unit)
        unit.truncate(unit_width, overflow="ellipsis")
        unit.pad_right(unit_width - unit.cell_len)
        text.append_text(unit)
        percent = f"{show(line.percent, mark)}%" if line.percent is not None else "—"
        text.append(f" {percent:>7} ")
        filled = int((line.percent or 0) * BAR / 100)
        text.append("█" * filled, style=percent_style(line.percent))
        text.append("░" * (BAR - filled), style="dim")
        band = literal(f" {line.band}", "yellow" if line.rank is None else "")
        text.append_text(band)
        if line.conflicts:
            text.append(f" {glyph('⚠')}{line.conflicts}", style="yellow")
        text.no_wrap = True
        return text

    def section_table(self) -> Table | Text:
        summary = self.summary
        if not summary.sections or not summary.ranking:
            return Text("")
        mark = decimal_mark()
        table = Table(title=t("campaign.by_section"), title_justify="left", expand=False, pad_edge=False,
                      box=None, padding=(0, 1))
        table.add_column(t("col.unit"), no_wrap=True, max_width=max(12, self.size.width - 4 * len(summary.sections) - 6))
        for section in summary.sections:
            table.add_column(section.id, justify="right", no_wrap=True)
        for line in summary.ranking:
            cells: list[Text] = [literal(line.unit)]
            for section in summary.sections:
                value = summary.section_percent.get((line.inspection_id, section.id))
                cells.append(Text(show(value, mark, 0) if value is not None else "—", style=percent_style(value)))
            table.add_row(*cells)
        return table

    def failures_text(self) -> Text:
        failures = self.summary.common_failures
        if not failures:
            return Text("")
        text = Text(f"\n{t('campaign.common_failures')}", style="bold")
        total = len(self.summary.ranking)
        for failure in failures:
            text.append(f"\n {failure.criterion_id} ({failure.count}/{total}) ")
            text.append_text(literal(failure.title))
        return text

    def team_text(self) -> Text:
        from inspector.core.identity import fingerprint

        text = Text(f"\n{t('campaign.team')}", style="bold")
        for member in self.summary.campaign.members:
            text.append("\n • ")
            text.append_text(literal(member.team_line()))
            text.append(f" — {t('campaign.assigned')}: {', '.join(member.sections) or '—'}", style="dim")
            text.append(f" [{fingerprint(member.key) if member.key else t('campaign.no_key')}]",
                        style="dim" if member.key else "yellow")
        return text

    # ---- actions
    def action_open(self) -> None:
        ident = self.query_one(LineList).current_id()
        if ident:
            self.inspector.open_inspection(int(ident))

    def on_line_list_chosen(self, message: LineList.Chosen) -> None:
        self.inspector.open_inspection(int(message.ident))

    def write(self, fmt: str) -> None:
        """Write a campaign document into the exports folder (never over an existing file); a PDF, which takes
        LibreOffice seconds, is made off the interface thread with a progress bar."""
        from inspector.core.paths import export_dir
        from inspector.exports.common import safe_filename
        from inspector.exports.formats import format_named

        document = format_named(fmt)
        folder = export_dir()
        stem = safe_filename(f"{document.campaign_stem}-{self.summary.campaign.name}")
        suffix = document.suffix
        path, n = folder / f"{stem}{suffix}", 2
        while path.exists():
            path, n = folder / f"{stem}-{n}{suffix}", n + 1
        summary = self.summary
        if document.slow:
            from inspector.tui.screens.work import WorkScreen

            self.app.push_screen(WorkScreen(t("key.report_pdf"),
                                            lambda store, progress: write_campaign_document(fmt, summary, path)[1]))
            return
        ok, text = write_campaign_document(fmt, summary, path)
        self.notify(text, severity="information" if ok else "error", timeout=10 if ok else 15)

    def action_report(self) -> None:
        self.write("report")

    def action_report_pdf(self) -> None:
        self.write("pdf")

    def action_ranking(self) -> None:
        self.write("xlsx")

    def action_bundle(self) -> None:
        """The whole campaign as one signed bundle (for a member, or to move to a new laptop), packed off the
        interface thread: a campaign's photos run to hundreds of megabytes."""
        from inspector.core.identity import current
        from inspector.core.paths import export_dir
        from inspector.exports.common import safe_filename
        from inspector.store.bundle import SUFFIX
        from inspector.tui.screens.work import WorkScreen

        identity = current()
        if identity is None:
            self.notify(t("key.none"), severity="error", timeout=15)
            return
        summary = self.summary
        path = export_dir() / f"{safe_filename(summary.campaign.name)}-{safe_filename(identity.name)}{SUFFIX}"
        numbers = [line.inspection_id for line in summary.ranking]

        def pack(store, progress) -> str:
            from inspector.core.files import write_atomically
            from inspector.store.bundle import build_bundle, seal

            payload = build_bundle(store, numbers, campaign_uid=summary.campaign.uid, progress=progress)
            try:
                write_atomically(path, seal(payload, identity))
            except OSError as error:
                return t("cli.write_failed", path=path, detail=str(error))
            return t("bundle.written", path=path, n=len(numbers), signer=identity.name)

        from inspector.tui.screens.team import with_key_open

        def start() -> None:
            self.app.push_screen(WorkScreen(t("key.bundle"), pack))

        with_key_open(self.app, identity, start)

    def action_merge(self) -> None:
        from inspector.tui.screens.team import ask_and_merge

        ask_and_merge(self.app, self.reload)

    def action_conflicts(self) -> None:
        from inspector.tui.screens.team import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_back(self) -> None:
        self.app.pop_screen()
