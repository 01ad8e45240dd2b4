"""`inspector config`: where the config file is and what is set; `config set KEY VALUE`, `config unset KEY`."""

from __future__ import annotations

from inspector.cli.output import say, warn
from inspector.core.config import ConfigRefused, config_path, load_config, set_value, shown
from inspector.core.i18n import t

EXIT_OK, EXIT_INVALID = 0, 1


def command_config(args) -> int:
    if args.config_command in ("set", "unset"):
        value = args.value if args.config_command == "set" else None
        if args.key == "theme" and value is not None:
            # The interface's themes are Textual's: known only there, asked for here so a typo is refused now.
            from textual.theme import BUILTIN_THEMES

            if value not in BUILTIN_THEMES:
                warn(f"inspector: {t('config.unknown_theme', file=config_path(), value=value, allowed=', '.join(sorted(BUILTIN_THEMES)))}")
                return EXIT_INVALID
        try:
            path = set_value(args.key, value)
        except ConfigRefused as refused:
            warn(f"inspector: {refused}")
            return EXIT_INVALID
        except OSError as error:
            from inspector.core.i18n import os_error_text

            warn(f"inspector: {t('cli.write_failed', path=config_path(), detail=os_error_text(error))}")
            return EXIT_INVALID
        say(t("cli.config.written" if value is not None else "cli.config.removed", key=args.key, path=path))
        return EXIT_OK
    path = config_path()  # only read: `inspector config` never creates the file or the data folder
    config = load_config()
    say(t("cli.config.file", path=path) if path.exists() else t("cli.config.no_file", path=path))
    width = max(len(key) for key, _ in shown(config))
    for key, value in shown(config):
        say(f"  {key.ljust(width)}  {value}")
    for problem in config.problems:
        warn(problem)
    say(t("cli.config.how"))
    return EXIT_INVALID if config.problems else EXIT_OK
