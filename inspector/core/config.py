"""The user's config file (data folder / config.toml): language and key bindings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from inspector.core.i18n import LANGUAGES, t
from inspector.core.paths import data_dir


class Config(NamedTuple):
    """A NamedTuple, not an attrs class: read before every command, it must not cost attrs' import."""

    lang: str = "vi"
    keymap: dict[str, str] = {}  # never changed in place
    problems: tuple[str, ...] = ()  # shown once in the interface; the defaults are used instead


def config_path() -> Path:
    return data_dir() / "config.toml"


EXAMPLE = """\
# inspector configuration
# lang = "en"          # interface language: "vi" (default) or "en"
#
# [keymap]             # binding id = keys (see the help screen, F1, for the ids)
# next_unanswered = "f5"
"""


def load_config() -> Config:
    """The config file's settings; the INSPECTOR_LANG variable wins over its `lang` (--lang wins over both)."""
    path = config_path()
    problems: list[str] = []
    data: dict[str, Any] = {}
    if path.exists():  # most laptops have none: the TOML reader is imported only when there is one
        from inspector.core.problems import FileProblems
        from inspector.core.source import read

        try:
            data = read(path).data
        except FileProblems as refused:
            problems.extend(p.render() for p in refused.problems)
    from inspector.core.limits import visible

    def printable(value: str) -> str:  # a value from the file or the environment, shown as one safe line
        return visible(value, keep="")

    lang = data.get("lang", "vi")
    if lang not in LANGUAGES:
        problems.append(t("config.lang", file=path, value=printable(str(lang)), allowed=", ".join(LANGUAGES)))
        lang = "vi"
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        problems.append(t("config.keymap", file=path))
        keymap = {}
    unknown = set(data) - {"lang", "keymap"}
    if unknown:
        problems.append(t("config.unknown", file=path, keys=printable(", ".join(sorted(unknown)))))
    chosen = os.environ.get("INSPECTOR_LANG")
    if chosen in LANGUAGES:
        lang = chosen
    elif chosen:
        problems.append(t("config.env_lang", value=printable(chosen), allowed=", ".join(LANGUAGES)))
    return Config(lang=lang, keymap=dict(keymap), problems=tuple(problems))
