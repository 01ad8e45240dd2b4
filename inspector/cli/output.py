"""Everything the command line prints goes through here, so text from files and the store can never
send a terminal escape (ESC, OSC window titles, right-to-left overrides): each is shown as \\x1b…"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from inspector.core.limits import visible

if TYPE_CHECKING:  # Rich is imported only by commands that draw tables: `score --json` stays light
    from rich.console import Console
    from rich.text import Text


def say(text: str) -> None:
    """One message on stdout."""
    print(visible(text))


def warn(text: str) -> None:
    """One message on stderr (problems, errors, warnings), prefixed the way command-line tools do."""
    print(visible(text), file=sys.stderr)


def data(value: str, style: str = "") -> Text:
    """Text from a checklist, an answer file or the store, for a Rich table: literal and escaped."""
    from rich.text import Text

    return Text(visible(value), style=style)


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
