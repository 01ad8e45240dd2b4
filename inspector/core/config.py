"""The user's config file (data folder / config.toml): language and key bindings."""

from __future__ import annotations

import os

import attrs

from inspector.core.i18n import LANGUAGES, t
from inspector.core.paths import data_dir
from inspector.core.problems import FileProblems, printable


@attrs.frozen
class Config:
    lang: str = "vi"
    keymap: dict[str, str] = attrs.field(factory=dict)
    problems: tuple[str, ...] = ()  # shown once in the interface; the defaults are used instead


def config_path():
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
    data: dict = {}
    if path.exists():  # most laptops have none: the TOML reader is imported only when there is one
        from inspector.core.source import read

        try:
            data = read(path).data
        except FileProblems as refused:
            problems.extend(p.render() for p in refused.problems)
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
