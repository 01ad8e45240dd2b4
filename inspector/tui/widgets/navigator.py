"""The inspection's list of sections and criteria: each criterion's mark (✓ · – ! ✗), ≠ where the unit
scored itself otherwise, each section's score; ◆ on the sections assigned to this laptop's inspector."""

from __future__ import annotations

from rich.text import Text

from inspector.core.i18n import decimal_mark
from inspector.core.numbers import show
from inspector.session import InspectionSession
from inspector.tui.text import literal
from inspector.tui.widgets.criterion_detail import mark_of
from inspector.tui.widgets.linelist import LineList


def navigator_rows(session: InspectionSession, only_differences: bool = False) -> list[tuple[str, str]]:
    """Each section and its criteria (only those the unit scored otherwise, when asked; empty sections go)."""
    rows: list[tuple[str, str]] = []
    for section in session.checklist.sections:
        shown = [c.id for c in section.criteria if not only_differences or session.differs(c.id)]
        if shown:
            rows.append(("section", section.id))
            rows.extend(("criterion", cid) for cid in shown)
    return rows


class Navigator(LineList):
    def __init__(self, session: InspectionSession, **kwargs) -> None:
        self.session = session
        self.only_differences = False  # only the criteria whose score is not the unit's own
        super().__init__(navigator_rows(session), self.row_text, **kwargs)

    def show_only_differences(self, only: bool, keep: str) -> int | None:
        """Show only the criteria the team scored otherwise than the unit (or all again), the cursor kept on
        `keep` where it can be; how many criteria are listed, or None when none differ (nothing changes)."""
        rows = navigator_rows(self.session, only)
        if only and not rows:
            return None
        self.only_differences = only
        self.set_rows(rows, keep=keep)
        return sum(1 for kind, _ in rows if kind == "criterion")

    def row_text(self, kind: str, ident: str) -> Text:
        session, mark = self.session, decimal_mark()
        if kind == "section":
            section = next(s for s in session.result.sections if s.id == ident)
            text = Text("◆ ", style="bold cyan") if ident in session.my_part else Text()
            text.append_text(literal(f"{ident}. {section.section.title}"))
            if section.section.is_adjustment:
                text.append(f"  {show(section.score, mark)}")
            else:
                text.append(f"  {show(section.score, mark)}/{show(section.applicable_max, mark)}")
            text.no_wrap, text.overflow = True, "ellipsis"
            return text
        result = session.criterion_result(ident)
        symbol, style = mark_of(result)
        text = Text(f" {symbol}", style=style)
        text.append("≠" if session.differs(ident) else " ", style="bold yellow")
        text.append(f"{ident:<4} ", style="bold")
        text.append(literal(result.criterion.title))
        text.no_wrap, text.overflow = True, "ellipsis"
        return text
