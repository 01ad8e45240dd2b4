"""Everything the command line prints goes through here, so text from files and the store can never
send a terminal escape (ESC, OSC window titles, right-to-left overrides): each is shown as \\x1b…"""

from __future__ import annotations

import functools
import re
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


# Characters that do not take exactly one column: combining marks, wide East Asian ranges, astral planes.
# Vietnamese in NFC (Latin-1, Extended-A/B and Extended Additional) takes one column per character.
_NOT_ONE_COLUMN = ("[\u0300-\u036f\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                   "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=1)
def _not_one_column() -> re.Pattern:
    return re.compile(_NOT_ONE_COLUMN)  # compiled on first use: most commands print no table


def width(text: str) -> int:
    """Columns a text takes in a terminal: wide East Asian characters 2, combining marks 0."""
    import unicodedata

    if _not_one_column().search(text) is None:
        return len(text)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


@functools.lru_cache(maxsize=16384)
def fit(text: str, columns: int, right: bool = False) -> str:
    """`text` padded (or cut with "…") to exactly `columns` terminal columns (cached: a list of a province
    repeats the same dates, progress, percents and bands thousands of times)."""
    used = len(text) if text.isascii() else width(text)
    if used > columns:
        while text and width(text) > columns - 1:
            text = text[:-1]
        text += "…"
        used = width(text)
    padding = " " * max(0, columns - used)
    return padding + text if right else text + padding


def terminal_columns(fallback: int = 120) -> int:
    """shutil.get_terminal_size's columns (COLUMNS, else the terminal's, else `fallback`), without importing
    shutil (and with it lzma, bz2 and fnmatch) for a listing."""
    import os
    import sys

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stream = sys.__stdout__
        try:
            columns = os.get_terminal_size(stream.fileno()).columns if stream is not None else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else fallback


def table_lines(headers: list[str], rows: list[list[str]], columns: list[int], right: set[int]) -> list[str]:
    """A plain aligned table, one line per row (thousands of rows print in a blink, unlike a Rich Table)."""
    lines = [" ".join(fit(h, w, i in right) for i, (h, w) in enumerate(zip(headers, columns))).rstrip(),
             " ".join("─" * w for w in columns)]
    # Column by column: a column whose cells are printable, one terminal column per character and no wider
    # than it is padded with str.ljust/rjust in one pass (what `fit` gives them); any other goes through `fit`.
    padded = []
    for i, w in enumerate(columns):
        texts = [row[i] for row in rows]
        if (all(map(str.isprintable, texts)) and max(map(len, texts), default=0) <= w
                and _not_one_column().search("".join(texts)) is None):
            padded.append([text.rjust(w) for text in texts] if i in right else [text.ljust(w) for text in texts])
        else:
            padded.append([fit(text if text.isprintable() else visible(text, keep=""), w, i in right)
                           for text in texts])
    lines += [" ".join(cells).rstrip() for cells in zip(*padded)]
    return lines


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
