"""The user's config file (data folder / config.toml): language and key bindings."""

from __future__ import annotations

import tomllib

import attrs

from inspector.core.i18n import LANGUAGES
from inspector.core.paths import data_dir


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
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Config(problems=(f"{path}: {error}",))
    problems = []
    lang = data.get("lang", "vi")
    if lang not in LANGUAGES:
        problems.append(f"{path}: lang = {lang!r} — use one of {', '.join(LANGUAGES)}")
        lang = "vi"
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        problems.append(f"{path}: [keymap] values must be key names in quotes, e.g. next_unanswered = \"f5\"")
        keymap = {}
    unknown = set(data) - {"lang", "keymap"}
    if unknown:
        problems.append(f"{path}: unknown keys {', '.join(sorted(unknown))} — allowed: lang, keymap")
    return Config(lang=lang, keymap=dict(keymap), problems=tuple(problems))
