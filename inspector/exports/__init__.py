"""Exports: what a team hands over after a visit. No Textual here; the TUI and CLI call these.

The formats are listed once, in `exports/formats.py`."""

from __future__ import annotations


def format_of_name(name: str) -> str | None:
    """The export format a file name asks for by its ending, or None (a folder, or an unknown ending)."""
    from inspector.exports.formats import claimed_by

    found = claimed_by(name)
    return found.name if found else None


def is_folder(output: str) -> bool:
    """An export target that names a folder (an existing one, or a path ending in a separator)."""
    from pathlib import Path

    return output.endswith(("/", "\\")) or Path(output).expanduser().is_dir()


def format_for(output: str, fmt: str | None) -> tuple[str, str | None]:
    """The format to write to `output` and, when `fmt` contradicts the file's ending, why not (a message).

    No `fmt`: the ending decides (answer file into a folder). The command line and the export dialog
    both ask here, so they accept and refuse the same names with the same words.
    """
    from inspector.core.i18n import t
    from inspector.exports.formats import format_named

    if is_folder(output):
        return fmt or "answers", None
    named = format_of_name(output)
    if fmt is None:
        return named or "answers", None
    if not suffix_fits(fmt, output):
        return fmt, t("export.suffix_mismatch", path=output, claimed=named, fmt=fmt, suffix=format_named(fmt).suffix)
    return fmt, None


def suffix_fits(fmt: str, name: str) -> bool:
    """Whether a file name may hold `fmt`: an ending of that format (DOCX holds minutes and conclusions alike),
    or an ending no format claims."""
    from inspector.exports.formats import claimed_by, format_named

    claimed = claimed_by(name)
    return claimed is None or claimed.name == fmt or claimed.suffix == format_named(fmt).suffix
