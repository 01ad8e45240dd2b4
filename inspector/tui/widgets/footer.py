"""Textual's Footer, without its leak: every recomposition (bindings change when a screen returns) used to
leave the old key widgets alive, because each registered a watcher on the footer that Textual prunes only
when the watched value changes — about 1.5 MB per inspection opened and closed — and without restyling
every key as it is bound to the footer's `compact` value."""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    keys_shown = False

    def bindings_changed(self, screen) -> None:
        """A screen's keys come a frame after its content. Composing and styling its dozen key widgets
        before the first paint held the home list back by ~25 ms at start (a tenth of the start-up),
        and every screen's first paint as much; later changes of the keys are shown as before."""
        if self.keys_shown:
            super().bindings_changed(screen)
        else:
            self.call_after_refresh(self.call_after_refresh, self.show_keys, screen)

    def show_keys(self, screen) -> None:
        if not self.keys_shown:  # the first of the changes waiting: its recompose reads the keys of them all
            self.keys_shown = True
            super().bindings_changed(screen)

    def compose(self):
        watchers = getattr(self, "__watchers", {})
        for listed in watchers.values():
            # The key widgets being replaced are detached by now; the new ones register when mounted.
            listed[:] = [(node, callback) for node, callback in listed if node is self or node.is_attached]
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):  # that one is unbound
                # A key starts "compact" and switches when bound to the footer's value: each switch restyles
                # it (33 keys, a sixth of the start-up's styling). Starting with the footer's value avoids it.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
