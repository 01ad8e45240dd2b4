"""Where things live: the data directory (INSPECTOR_HOME or the platform's), bundled checklists.

The one-file build (packaging/) unpacks the program into a temporary folder, PyInstaller's
`sys._MEIPASS`, with the same layout as the wheel: `inspector/bundled` (checklists, versions/, maps/,
examples/), `inspector/exports/templates`, `inspector/tui/app.tcss`. This module is the only one that
knows about that folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "inspector"


def data_dir() -> Path:
    """INSPECTOR_HOME when set (tests, scripts, a USB stick), else the platform's user data dir."""
    home = os.environ.get("INSPECTOR_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def user_checklist_dir() -> Path:
    return data_dir() / "checklists"


def frozen_dir() -> Path | None:
    """The folder a one-file build runs from (PyInstaller's `sys._MEIPASS`); None when run by Python."""
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if getattr(sys, "frozen", False) and folder else None


def package_dir() -> Path:
    """The `inspector` package's folder: in the wheel, the source tree, or the one-file build's folder."""
    frozen = frozen_dir()
    return frozen / "inspector" if frozen is not None else Path(__file__).resolve().parent.parent


def bundled_checklist_dir() -> Path:
    """Checklists shipped with the package: inside the wheel (or the one-file build), or the repository's
    checklists/ when run from source."""
    package = package_dir()
    for candidate in (package / "bundled", package.parent / "checklists"):
        if candidate.is_dir():
            return candidate
    return package / "bundled"


def export_dir() -> Path:
    """Where exports go by default: Documents/inspector, or the data folder's exports/ (tests, no Documents)."""
    if os.environ.get("INSPECTOR_HOME"):
        return data_dir() / "exports"
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents / "inspector" if documents.is_dir() else data_dir() / "exports"


def outside_environment() -> dict[str, str]:
    """The environment for a program of the system's (LibreOffice): a one-file build on Linux puts its own
    libraries first on LD_LIBRARY_PATH, which another program must not load; the user's value is restored."""
    env = dict(os.environ)
    if frozen_dir() is None:
        return env
    for name in ("LD_LIBRARY_PATH", "LIBPATH"):
        original = env.pop(f"{name}_ORIG", None)
        if original is not None:
            env[name] = original
        else:
            env.pop(name, None)
    return env


def typed_path(text: str) -> str:
    """A path as typed, pasted or dropped into a field: spaces around it, the quotes Windows' "Copy as path" adds
    ("C:\\Bao cao\\x.xlsx"), a PowerShell drop's leading `& '…'` and a `file://` address (with %20 for spaces)
    taken off. Every path field of the interface reads its text through here."""
    value = text.strip()
    if value.startswith("& ") and len(value) > 2 and value[2] in "'\"":
        value = value[2:].strip()
    while len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].strip()
    if value.lower().startswith("file://"):
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(value)
        path = unquote(parts.path)
        if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # file:///C:/Bao%20cao → C:/Bao cao
            path = path[1:]
        elif parts.netloc and parts.netloc.lower() != "localhost":  # file://server/share → //server/share
            path = f"//{parts.netloc}{path}"
        value = path
    return value
