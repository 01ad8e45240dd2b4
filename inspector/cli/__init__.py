"""The command line: argument parsing, commands, and Rich output for terminals."""

import inspector.tui.words  # noqa: F401  (the messages both interfaces show; registered by the interface package)
from inspector.cli.words import CLI_ENGLISH_ONE, CLI_PHOTO_WORDS, CLI_WORDS
from inspector.core.i18n import register

register(CLI_WORDS, CLI_ENGLISH_ONE)
register(CLI_PHOTO_WORDS)
