"""Exports: what a team hands over after a visit. No Textual here; the TUI and CLI call these."""

SINGLE_FORMATS = ("docx", "conclusion", "xlsx", "csv", "json", "md", "answers")
MULTI_FORMATS = ("xlsx", "csv")
SUFFIXES = {"docx": ".docx", "conclusion": ".docx", "xlsx": ".xlsx", "csv": ".csv", "json": ".json", "md": ".md",
            "answers": ".answers.toml"}
# A file name's ending → the format it means when --format is not given (longest ending first).
FORMAT_BY_SUFFIX = {".answers.toml": "answers", ".toml": "answers", ".docx": "docx", ".xlsx": "xlsx", ".csv": "csv",
                    ".json": "json", ".md": "md"}


def format_of_name(name: str) -> str | None:
    """The export format a file name asks for by its ending, or None (a folder, or an unknown ending)."""
    lowered = name.lower()
    return next((fmt for suffix, fmt in FORMAT_BY_SUFFIX.items() if lowered.endswith(suffix)), None)


def suffix_fits(fmt: str, name: str) -> bool:
    """Whether a file name may hold `fmt`: an ending of that format (DOCX holds minutes and conclusions alike),
    or an ending no format claims."""
    claimed = format_of_name(name)
    return claimed is None or claimed == fmt or SUFFIXES[claimed] == SUFFIXES[fmt]
