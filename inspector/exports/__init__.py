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


# Endings people type that no export writes, and the one that does what they meant.
INSTEAD = {".doc": ".docx", ".xls": ".xlsx", ".rtf": ".docx", ".odt": ".docx", ".ods": ".xlsx", ".txt": ".md"}


def format_for(output: str, fmt: str | None) -> tuple[str, str | None]:
    """The format to write to `output` and, when it cannot be, why not (a message): the file's ending decides,
    so a file named for Word or Excel is never written in another format under that name.

    A folder needs a format; an ending no export writes (.doc, .xls…) is refused with the ending to
    use; a name without an ending takes the format's (`output_for`). The command line and the export dialog
    both ask here, so they accept and refuse the same names with the same words.
    """
    from pathlib import PurePath

    from inspector.core.i18n import t
    from inspector.exports.formats import FORMATS, format_named

    endings = ", ".join(dict.fromkeys(f.suffix for f in FORMATS if f.render_one is not None))
    if is_folder(output):
        if fmt is None:
            return "", t("export.folder_needs_format", path=output, formats=", ".join(f.name for f in FORMATS
                                                                                        if f.render_one is not None))
        return fmt, None
    named = format_of_name(output)
    ending = PurePath(output).suffix.lower()
    if named is None and ending:
        if ending in INSTEAD:
            return fmt or "", t("export.use_instead", path=output, ending=ending, instead=INSTEAD[ending])
        return fmt or "", t("export.unknown_ending", path=output, ending=ending, endings=endings)
    if fmt is None:
        if named is None:
            return "", t("export.needs_ending", path=output, endings=endings)
        return named, None
    if not suffix_fits(fmt, output):
        return fmt, t("export.suffix_mismatch", path=output, claimed=named, fmt=fmt, suffix=format_named(fmt).suffix)
    return fmt, None


def output_for(output: str, fmt: str) -> str:
    """`output` with the format's ending added when it has none (`-o bien-ban --format docx` → bien-ban.docx)."""
    from pathlib import PurePath

    from inspector.exports.formats import format_named

    if is_folder(output) or PurePath(output).suffix:
        return output
    return output + format_named(fmt).suffix


def suffix_fits(fmt: str, name: str) -> bool:
    """Whether a file name may hold `fmt`: an ending of that format (DOCX holds minutes and conclusions alike, and
    so does PDF),
    or an ending no format claims."""
    from inspector.exports.formats import claimed_by, format_named

    claimed = claimed_by(name)
    return claimed is None or claimed.name == fmt or claimed.suffix == format_named(fmt).suffix
