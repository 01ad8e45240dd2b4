"""The title line at the top of every screen: the program's icon, the screen's title and sub-title centred.

One widget drawing one line. Textual's Header is four (icon, title, clock space and itself) and sets its
title through four watchers, each of which lays the whole screen out again: 15 ms of every start-up and of
every screen opened. This draws the same line, and a new title only repaints it (its height never changes).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from inspector.core.glyphs import glyph

ICON_WIDTH = 8  # as Textual's header: the icon, padded, on the left
CLOCK_WIDTH = 10  # and the space its clock would take on the right, so the title sits where it did


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self.title_changed, init=False)
            self.watch(node, "sub_title", self.title_changed, init=False)

    def title_changed(self) -> None:
        self.refresh()  # one line, always: never a new layout

    def title_text(self) -> Text:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        text = Text(title or "")
        if sub_title:
            text.append(" — ", style="dim")
            text.append(sub_title, style="dim")
        return text

    def render(self) -> Text:
        width = self.size.width
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self.title_text()
        if title.cell_len > room:
            title.truncate(room, overflow="ellipsis")
        spare = room - title.cell_len
        line = Text(f" {glyph('⭘')}".ljust(ICON_WIDTH)[:ICON_WIDTH])
        line.append(" " * (spare // 2))
        line.append_text(title)
        line.append(" " * (spare - spare // 2 + CLOCK_WIDTH))
        line.truncate(width)
        line.no_wrap = True
        return line

    async def on_click(self, event: events.Click) -> None:
        """The icon opens the command palette, as Textual's header does."""
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
