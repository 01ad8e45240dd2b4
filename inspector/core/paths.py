"""Where things live: the data directory (INSPECTOR_HOME or the platform's), bundled checklists."""

from __future__ import annotations

import os
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


def bundled_checklist_dir() -> Path:
    """Checklists shipped with the package: inside the wheel, or the repository's checklists/ when run from source."""
    package = Path(__file__).resolve().parent.parent  # inspector/
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
