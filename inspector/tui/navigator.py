"""A virtual list of sections and criteria: one line per row, only visible rows rendered.

Built on Textual's line API so a 2,000-criterion checklist costs the same per keypress as a
75-criterion one: updating a row re-renders that line only.
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


class Navigator(ScrollView, can_focus=True):
    """Rows are ("section", id) or ("criterion", id); `render_row(kind, id)` returns the row's Text."""

    COMPONENT_CLASSES = {"navigator--cursor", "navigator--section"}
    DEFAULT_CSS = """
    Navigator > .navigator--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    Navigator:blur > .navigator--cursor { background: $block-cursor-blurred-background; }
    Navigator > .navigator--section { text-style: bold; color: $accent; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Moved(Message):
        """The highlighted criterion changed."""

        def __init__(self, criterion_id: str):
            super().__init__()
            self.criterion_id = criterion_id

    class Chosen(Message):
        """Enter on a criterion: the screen moves focus to its answer."""

        def __init__(self, criterion_id: str):
            super().__init__()
            self.criterion_id = criterion_id

    def __init__(self, rows: list[tuple[str, str]], render_row: Callable[[str, str], Text], **kwargs):
        super().__init__(**kwargs)
        self.rows = rows
        self.render_row = render_row
        self.index = {(kind, ident): i for i, (kind, ident) in enumerate(rows)}
        self._cache: dict[int, Text] = {}
        self.virtual_size = Size(0, len(rows))

    # ---- data
    def position_of(self, kind: str, ident: str) -> int:
        return self.index[(kind, ident)]

    def current_id(self) -> str | None:
        kind, ident = self.rows[self.cursor] if self.rows else ("", None)
        return ident if kind == "criterion" else None

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
            if kind == "section":
                text.stylize(self.get_component_rich_style("navigator--section", partial=True))
            self._cache[row] = text
        base = self.rich_style
        if row == self.cursor:
            base = base + self.get_component_rich_style("navigator--cursor")
        segments = list(text.render(self.app.console, end=""))
        strip = Strip(segments).apply_style(base).adjust_cell_length(width, base)
        return strip.apply_meta({"row": row})

    # ---- movement
    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_line(old)
        self._refresh_line(new)
        self.scroll_to_cursor()
        ident = self.current_id()
        if ident is not None and old != new:
            self.post_message(self.Moved(ident))

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
            if self.rows[row][0] == "criterion":
                return row
        return start

    def move_to(self, criterion_id: str) -> None:
        self.cursor = self.index[("criterion", criterion_id)]

    def action_move(self, direction: int) -> None:
        self.cursor = self._step(self.cursor, direction)

    def action_page(self, direction: int) -> None:
        target = min(len(self.rows) - 1, max(0, self.cursor + direction * max(1, self.size.height - 1)))
        row = self._step(target - direction, direction) if self.rows[target][0] != "criterion" else target
        self.cursor = row

    def action_jump(self, where: int) -> None:
        self.cursor = self._step(-1, 1) if where == 0 else self._step(len(self.rows), -1)

    def action_choose(self) -> None:
        ident = self.current_id()
        if ident is not None:
            self.post_message(self.Chosen(ident))

    def on_click(self, event) -> None:
        row = event.style.meta.get("row") if event.style else None
        if row is not None and self.rows[row][0] == "criterion":
            self.cursor = row
            if event.chain >= 2:
                self.action_choose()
