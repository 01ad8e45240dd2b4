"""Exports: what a team hands over after a visit. No Textual here; the TUI and CLI call these."""

SINGLE_FORMATS = ("docx", "conclusion", "xlsx", "csv", "json", "md", "answers", "self_assessment")
MULTI_FORMATS = ("xlsx", "csv")
CAMPAIGN_FORMATS = ("report",)  # the báo cáo tổng hợp: only for a campaign (export --campaign)
SUFFIXES = {"self_assessment": ".xlsx", "report": ".docx", "docx": ".docx", "conclusion": ".docx", "xlsx": ".xlsx", "csv": ".csv", "json": ".json", "md": ".md",
            "answers": ".answers.toml"}
# A file name's ending → the format it means when --format is not given (longest ending first).
FORMAT_BY_SUFFIX = {".answers.toml": "answers", ".toml": "answers", ".docx": "docx", ".xlsx": "xlsx", ".csv": "csv",
                    ".json": "json", ".md": "md"}


def format_of_name(name: str) -> str | None:
    """The export format a file name asks for by its ending, or None (a folder, or an unknown ending)."""
    lowered = name.lower()
    return next((fmt for suffix, fmt in FORMAT_BY_SUFFIX.items() if lowered.endswith(suffix)), None)


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

    if is_folder(output):
        return fmt or "answers", None
    named = format_of_name(output)
    if fmt is None:
        return named or "answers", None
    if not suffix_fits(fmt, output):
        return fmt, t("cli.export.suffix_mismatch", path=output, claimed=named, fmt=fmt, suffix=SUFFIXES[fmt])
    return fmt, None


def suffix_fits(fmt: str, name: str) -> bool:
    """Whether a file name may hold `fmt`: an ending of that format (DOCX holds minutes and conclusions alike),
    or an ending no format claims."""
    claimed = format_of_name(name)
    return claimed is None or claimed == fmt or SUFFIXES[claimed] == SUFFIXES[fmt]
