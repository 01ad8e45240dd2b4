"""Exports: what a team hands over after a visit. No Textual here; the TUI and CLI call these."""

SINGLE_FORMATS = ("docx", "xlsx", "csv", "json", "md", "answers")
MULTI_FORMATS = ("xlsx", "csv")
SUFFIXES = {"docx": ".docx", "xlsx": ".xlsx", "csv": ".csv", "json": ".json", "md": ".md", "answers": ".answers.toml"}
