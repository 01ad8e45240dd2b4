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
