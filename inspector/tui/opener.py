"""Open a file or a folder with the system's default program: Word for a .docx, Excel for a .xlsx, the file
manager for a folder. Never waits for the program; a refusal is one sentence in the interface language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from inspector.core.i18n import os_error_text, t


def opener_command(path: Path) -> list[str] | None:
    """The command that opens `path` on this system (None on Windows, which opens through os.startfile; None
    when no opener is installed)."""
    if sys.platform == "win32":
        return None
    if sys.platform == "darwin":
        return ["open", str(path)]
    found = shutil.which("xdg-open")
    return [found, str(path)] if found else []


def open_path(path: Path) -> str | None:
    """Open `path`; None when the system took it, else why not."""
    if not path.exists():
        return t("ui.open.missing", path=str(path))
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]  # returns at once: Windows starts the program
            return None
        command = opener_command(path)
        if not command:
            return t("ui.open.no_opener", path=str(path))
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)  # not waited for: the program lives on by itself
    except OSError as error:
        return t("ui.open.failed", path=str(path), detail=os_error_text(error))
    return None
