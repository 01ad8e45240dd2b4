"""Moving focus at once."""


def focus_now(widget) -> None:
    """Focus `widget` before the next key is read.

    `Widget.focus()` waits a turn of the event loop, so a fast typist's next key (or a pasted value)
    would land in the widget that had focus before.
    """
    widget.screen.set_focus(widget)
