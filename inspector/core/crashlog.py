"""The crash log: an unexpected error is written to a dated file in the data folder (crash-logs/), the last
`KEEP` kept, for the team to send to whoever supports them.

A log holds what a developer needs and nothing the team recorded: the program's version, the command's
words (`inspector export`, never its arguments: file names are the unit's), Python, the operating system, the
error's type and the lines of program code it passed through. The error's message is left out: it may
quote an answer, a unit's name or a path.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from pathlib import Path

from inspector.core.i18n import t

KEEP = 10
FOLDER = "crash-logs"


def crash_dir() -> Path:
    from inspector.core.paths import data_dir

    return data_dir() / FOLDER


def command_words(argv: list[str]) -> str:
    """`inspector` and the command's words up to the first argument that is not a command name (no paths, no
    names, no numbers: only lower-case words and options, the option's value left out)."""
    words = ["inspector"]
    for arg in argv:
        if arg.startswith("-"):
            words.append(arg.split("=", 1)[0])
        elif arg.isascii() and arg.replace("-", "").isalpha() and arg.islower() and len(arg) <= 20:
            words.append(arg)
        else:
            words.append("…")
    return " ".join(words)


def frames(error: BaseException) -> list[str]:
    """The error's type and every frame (file, line, function, the program's code on that line), for the error
    and the errors it was raised from; no message, no local value."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f'  File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("raised while handling:" if error.__cause__ is None else "raised from:")
    return lines


def _short(filename: str) -> str:
    """A source file's path from its package (`inspector/tui/app.py`, `textual/app.py`): the user's folders are
    not written."""
    parts = Path(filename).parts
    for anchor in ("inspector", "textual", "rich"):
        if anchor in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(anchor):])
    return Path(filename).name


def report(error: BaseException, command: str, now: dt.datetime | None = None) -> str:
    from inspector import __version__

    now = now or dt.datetime.now()
    lines = [f"inspector {__version__}", f"time: {now.isoformat(timespec='seconds')}", f"command: {command}",
             f"python: {platform.python_version()} ({platform.python_implementation()})",
             f"os: {platform.platform()}", f"encoding: {sys.getfilesystemencoding()}", "", *frames(error)]
    return "\n".join(lines) + "\n"


def write_crash_log(error: BaseException, command: str, now: dt.datetime | None = None) -> Path:
    """Write the log (OSError when the data folder cannot be written) and keep only the last `KEEP`."""
    now = now or dt.datetime.now()
    folder = crash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"crash-{now:%Y-%m-%d-%H%M%S}"
    path, n = folder / f"{stem}.log", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.log", n + 1
    path.write_text(report(error, command, now), encoding="utf-8")
    logs = sorted(folder.glob("crash-*.log"), key=lambda p: (p.stat().st_mtime, p.name))
    for old in logs[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            pass
    return path


def crash_message(error: BaseException, command: str) -> str:
    """Write the log; the one sentence that tells the user where it is (or why it could not be written)."""
    try:
        path = write_crash_log(error, command)
    except OSError as failure:
        from inspector.core.i18n import os_error_text

        return t("crash.not_saved", detail=os_error_text(failure))
    return t("crash.saved", path=str(path))


def debug_text(error: BaseException) -> str:
    """The whole traceback with messages, for `--debug` (shown on this screen only, never written)."""
    return "".join(traceback.format_exception(error))


