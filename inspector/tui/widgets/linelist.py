"""A virtual list: one line per row, only visible rows rendered, rows re-rendered one at a time.

Built on Textual's line API, so a 2,000-criterion checklist (or 3,000 inspections on the home screen)
costs the same per keypress as a short one. Rows are (kind, id) pairs; only `selectable` kinds take the
cursor (section headers in the navigator do not).
"""

from __future__ import annotations

from typing import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineList(ScrollView, can_focus=True):
    """`render_row(kind, id)` returns each row's Text; rows of a kind not in `selectable` are headings."""

    COMPONENT_CLASSES = {"linelist--cursor", "linelist--heading"}
    DEFAULT_CSS = """
    LineList > .linelist--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    LineList:blur > .linelist--cursor { background: $block-cursor-blurred-background; }
    LineList > .linelist--heading { text-style: bold; color: $accent; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]  # Enter belongs to the screen: its action runs before the next key is read

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class _RowMessage(Message):
        def __init__(self, line_list: "LineList", ident: str):
            super().__init__()
            self.line_list, self.ident = line_list, ident

        @property
        def control(self) -> "LineList":
            return self.line_list

    class Moved(_RowMessage):
        """The highlighted row changed."""

    class Chosen(_RowMessage):
        """A double click on a row."""

    def __init__(self, rows: list[tuple[str, str]], render_row: Callable[[str, str], Text],
                 selectable: frozenset[str] = frozenset({"criterion"}), **kwargs):
        super().__init__(**kwargs)
        self.render_row = render_row
        self.selectable = selectable
        self._cache: dict[int, Text] = {}
        self.set_rows(rows)

    def set_rows(self, rows: list[tuple[str, str]], keep: str | None = None) -> None:
        """Replace every row; the cursor goes to `keep` if it is still there, else the first row."""
        self.rows = rows
        self.index = {(kind, ident): i for i, (kind, ident) in enumerate(rows)}
        self._cache.clear()
        self.virtual_size = Size(0, len(rows))
        target = next((i for i, (kind, ident) in enumerate(rows) if ident == keep and kind in self.selectable), None)
        self.set_reactive(LineList.cursor, target if target is not None else self._step(-1, 1))
        self.refresh()

    # ---- data
    def position_of(self, kind: str, ident: str) -> int:
        return self.index[(kind, ident)]

    def current_id(self) -> str | None:
        if not 0 <= self.cursor < len(self.rows):
            return None
        kind, ident = self.rows[self.cursor]
        return ident if kind in self.selectable else None

    def current_kind(self) -> str | None:
        return self.rows[self.cursor][0] if 0 <= self.cursor < len(self.rows) else None

    def refresh_row(self, kind: str, ident: str) -> None:
        """Re-render one row (after its answer changed)."""
        row = self.index[(kind, ident)]
        self._cache.pop(row, None)
        self._refresh_line(row)

    def refresh_all(self) -> None:
        self._cache.clear()
        self.refresh()

    def _refresh_line(self, row: int) -> None:
        y = row - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # ---- rendering
    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.size.width
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        text = self._cache.get(row)
        if text is None:
            kind, ident = self.rows[row]
            text = self.render_row(kind, ident)
            if kind not in self.selectable:
                text.stylize(self.get_component_rich_style("linelist--heading", partial=True))
            self._cache[row] = text
        base = self.rich_style
        if row == self.cursor and self.current_id() is not None:
            base = base + self.get_component_rich_style("linelist--cursor")
        # One Strip made from segments already styled, fitted and tagged with the row: Strip's own
        # apply_style / adjust_cell_length / apply_meta make a Strip each (with seven caches apiece), a third
        # of a screen's first paint.
        segments = Segment.apply_style(text.render(self.app.console, end=""), base)
        fitted = Segment.adjust_line_length(list(segments), width, style=base)
        return Strip(Segment.apply_style(fitted, post_style=Style.from_meta({"row": row})), width)

    # ---- movement
    def on_resize(self) -> None:
        self._cache.clear()
        # The cursor set before the list had a size (a reopened inspection) is brought into view now.
        self.call_after_refresh(self.scroll_to_cursor)

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_line(old)
        self._refresh_line(new)
        self.scroll_to_cursor()
        ident = self.current_id()
        if ident is not None and old != new:
            self.post_message(self.Moved(self, ident))

    def scroll_to_cursor(self) -> None:
        top, height = self.scroll_offset.y, self.size.height
        if height <= 0:
            return
        if self.cursor < top:
            self.scroll_to(y=max(0, self.cursor - 1), animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _step(self, start: int, direction: int) -> int:
        row = start
        while 0 <= row + direction < len(self.rows):
            row += direction
            if self.rows[row][0] in self.selectable:
                return row
        return start

    def move_to(self, ident: str, kind: str = "criterion") -> None:
        self.cursor = self.index[(kind, ident)]

    def action_move(self, direction: int) -> None:
        self.cursor = self._step(self.cursor, direction)

    def action_page(self, direction: int) -> None:
        target = min(len(self.rows) - 1, max(0, self.cursor + direction * max(1, self.size.height - 1)))
        if not self.rows:
            return
        row = self._step(target - direction, direction) if self.rows[target][0] not in self.selectable else target
        self.cursor = row

    def action_jump(self, where: int) -> None:
        self.cursor = self._step(-1, 1) if where == 0 else self._step(len(self.rows), -1)

    def action_choose(self) -> None:
        ident = self.current_id()
        if ident is not None:
            self.post_message(self.Chosen(self, ident))

    def on_click(self, event) -> None:
        row = event.style.meta.get("row") if event.style else None
        if row is not None and self.rows[row][0] in self.selectable:
            self.cursor = row
            if event.chain >= 2:
                self.action_choose()
