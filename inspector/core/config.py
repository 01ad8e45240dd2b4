"""The user's config file (data folder / config.toml): language, keys, theme, export folder, CSV dialect,
the default inspecting body and issuer, plain glyphs.

Read like every file the program reads (core/source.py, core/checks.py): each problem is one
`FILE:LINE: where: message` line, shown once, and the default is used in its place. `set_value` changes
one key in place, keeping the user's comments and the other lines as written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from inspector.core.i18n import LANGUAGES, t
from inspector.core.paths import data_dir
from inspector.core.record import field, record

CSV_DIALECTS = ("vi", "en")  # vi: semicolons and 1,5 (Excel set to Vietnamese); en: commas and 1.5
KEYS = ("lang", "theme", "export_folder", "csv_dialect", "inspecting_body", "ascii", "issuer", "keymap")
ISSUER_KEYS = ("body", "parent", "symbol", "place", "sign_for", "signer_title", "signer")  # core/model.py ISSUER_FIELDS


@record
class Config:
    """The settings, read before every command."""

    lang: str = "vi"
    keymap: dict[str, str] = field(factory=dict)
    problems: tuple[str, ...] = ()  # shown once in the interface; the defaults are used instead
    theme: str | None = None  # a Textual theme's name ("textual-light"); None: Textual's default
    export_folder: str | None = None  # where the export dialog starts; None: Documents/inspector
    csv_dialect: str = "en"
    inspecting_body: str = ""  # what a new inspection's and a new campaign's "inspecting body" starts with
    issuer: dict[str, str] = field(factory=dict)  # the thông báo kết luận's issuer they start with (core/model.py Issuer)
    ascii: bool | None = None  # plain glyphs (v x !) instead of ✓ ✗ ⚠; None: decided from the console

    def exports_to(self) -> Path:
        """The folder the export dialog proposes: the setting, else Documents/inspector."""
        from inspector.core.paths import export_dir

        return Path(self.export_folder).expanduser() if self.export_folder else export_dir()


def config_path() -> Path:
    return data_dir() / "config.toml"


EXAMPLE = """\
# inspector configuration
# lang = "en"                  # interface language: "vi" (default) or "en"
# theme = "textual-light"      # the interface's colours (Ctrl+P → theme saves it here)
# export_folder = "D:/Bao cao" # where exports go by default
# csv_dialect = "vi"           # "vi": semicolons and 1,5 (Excel in Vietnamese); "en": commas and 1.5
# inspecting_body = "Sở Nội vụ tỉnh Đồng Nai"   # what new inspections and campaigns start with
# ascii = true                 # plain glyphs (v x !) for consoles that cannot show ✓ ✗ ⚠
#
# [issuer]                     # the issuer of the thông báo kết luận new inspections start with
# body = "SỞ NỘI VỤ"
#
# [keymap]                     # binding id = keys (see the help screen, F1, for the ids)
# next_unanswered = "f5"
"""


def load_config() -> Config:
    """The config file's settings; the INSPECTOR_LANG variable wins over its `lang` (--lang wins over both)."""
    path = config_path()
    problems: list[str] = []
    values: dict[str, Any] = {}
    if path.exists():  # most laptops have none: the TOML reader is imported only when there is one
        from inspector.core.problems import FileProblems
        from inspector.core.source import read

        try:
            values, found = checked(read(path))
            problems.extend(found)
        except FileProblems as refused:
            problems.extend(p.render() for p in refused.problems)
    lang = values.get("lang", "vi")
    chosen = os.environ.get("INSPECTOR_LANG")
    if chosen in LANGUAGES:
        lang = chosen
    elif chosen:
        from inspector.core.limits import visible

        problems.append(t("config.env_lang", value=visible(chosen, keep=""), allowed=", ".join(LANGUAGES)))
    values["lang"] = lang
    return Config(problems=tuple(problems), **values)


def checked(source: Any) -> tuple[dict[str, Any], list[str]]:
    """The valid settings of a parsed config file (a Source) and each problem as a `FILE:LINE:` line."""
    values, problems = _checked(source)
    return values, [problem.render() for problem in problems]


def _checked(source: Any) -> tuple[dict[str, Any], list[Any]]:
    from inspector.core.checks import Checker
    from inspector.core.issuer import read_issuer
    from inspector.core.limits import name_problem

    data, check = source.data, Checker(source)
    values: dict[str, Any] = {}
    check.known_keys(data, KEYS, ())
    if "lang" in data:
        values["lang"] = check.choice(data, "lang", (), LANGUAGES, "vi")
    if "csv_dialect" in data:
        values["csv_dialect"] = check.choice(data, "csv_dialect", (), CSV_DIALECTS, "en")
    if "ascii" in data:
        plain = check.get(data, "ascii", (), "boolean", sample="true")
        if plain is not None:
            values["ascii"] = plain
    for key, sample in (("theme", '"textual-light"'), ("export_folder", '"D:/Bao cao"'),
                        ("inspecting_body", '"Sở Nội vụ tỉnh …"')):
        value = check.get(data, key, (), "string", sample=sample)
        if value is None:
            continue
        problem = name_problem(value)
        if problem is not None:
            check.problem((key,), problem[0], **problem[1])
        elif not value.strip():
            check.problem((key,), "err.empty", key=key)
        else:
            values[key] = value.strip()
    if "issuer" in data:
        raw = check.get(data, "issuer", (), "table", sample='{ body = "SỞ NỘI VỤ" }')
        if raw is not None:
            before = check.count
            issuer = read_issuer(check, raw, ("issuer",))
            if check.count == before:
                values["issuer"] = {key: getattr(issuer, key) for key in ISSUER_KEYS if getattr(issuer, key)}
    if "keymap" in data:
        keymap = check.get(data, "keymap", (), "table", sample='{ next_unanswered = "f5" }')
        for binding, keys in (keymap or {}).items():
            if not isinstance(keys, str) or not keys.strip():
                check.problem(("keymap", binding), "config.keymap")
        if keymap is not None and all(isinstance(v, str) and v.strip() for v in keymap.values()):
            values["keymap"] = dict(keymap)
    return values, check.problems()


# ---- changing one setting: `inspector config set`, the theme chosen in the interface

SETTABLE = ("lang", "theme", "export_folder", "csv_dialect", "inspecting_body", "ascii",
            *(f"issuer.{key}" for key in ISSUER_KEYS))


class ConfigRefused(Exception):
    """A setting that cannot be written: the message says why, in the interface language."""


def toml_value(key: str, value: str) -> str:
    """`value` as TOML for `key`: ascii is a boolean (true/false, có/không), everything else a string."""
    if key == "ascii":
        lowered = value.strip().casefold()
        if lowered in ("true", "1", "yes", "có", "co", "bật", "bat"):
            return "true"
        if lowered in ("false", "0", "no", "không", "khong", "tắt", "tat"):
            return "false"
        raise ConfigRefused(t("config.not_boolean", key=key, value=value))
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def with_value(text: str, key: str, value: str | None) -> str:
    """The config text with `key` (`issuer.body` for a key of a table) set to the TOML `value`, or removed when
    None; every other line (comments included) stays as it was."""
    table, _, name = key.rpartition(".")
    lines = text.splitlines()
    current = ""  # the table the line is in
    start = end = None  # the lines of `table` (whole file's top for "")
    found = None
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            if current == table and end is None and start is not None:
                end = number
            current = stripped.strip("[] ").split("]")[0].strip()
            if current == table:
                start = number + 1
            continue
        if current == table and stripped.split("=", 1)[0].strip() == name and "=" in stripped:
            found = number
    if table == "":
        start = 0
        end = next((n for n, line in enumerate(lines) if line.strip().startswith("[")), len(lines))
    new_line = f"{name} = {value}" if value is not None else None
    if found is not None:
        if new_line is None:
            del lines[found]
        else:
            lines[found] = new_line
    elif new_line is not None:
        if start is None:  # the table is not there yet: at the end
            lines += ["", f"[{table}]", new_line] if lines else [f"[{table}]", new_line]
        else:
            stop = end if end is not None else len(lines)
            while stop > start and not lines[stop - 1].strip():
                stop -= 1
            lines.insert(stop, new_line)
    return "\n".join(lines) + "\n"


def set_value(key: str, value: str | None, path: Path | None = None) -> Path:
    """Write one setting into the config file (created when there is none): refused with the file's own
    `FILE:LINE:` message when the new file would not be valid; written whole or not at all."""
    if key not in SETTABLE:
        raise ConfigRefused(t("config.not_settable", key=key, keys=", ".join(SETTABLE)))
    from inspector.core.problems import FileProblems
    from inspector.core.source import parse, read_text

    path = path or config_path()
    try:
        text = read_text(path) if path.exists() else ""
    except FileProblems as refused:
        raise ConfigRefused(refused.render()) from None
    new_text = with_value(text, key, None if value is None else toml_value(key, value))
    try:
        _, problems = _checked(parse(new_text, str(path)))
    except FileProblems as refused:
        raise ConfigRefused(refused.render()) from None
    where = tuple(key.split("."))
    wrong = [problem.render() for problem in problems if tuple(problem.path[:len(where)]) == where]
    if wrong:  # the file's other problems are the user's to fix; they are shown at every start
        raise ConfigRefused("\n".join(wrong))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(new_text, encoding="utf-8")
    os.replace(temporary, path)
    return path


def shown(config: Config) -> list[tuple[str, str]]:
    """Each setting and its value as the program uses it (defaults included), for `inspector config`."""
    def plain(value: object) -> str:
        if value is None:
            return t("config.default")
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    rows = [("lang", config.lang), ("theme", plain(config.theme)),
            ("export_folder", f"{config.exports_to()}" + ("" if config.export_folder else f" ({t('config.default')})")),
            ("csv_dialect", config.csv_dialect), ("inspecting_body", config.inspecting_body or t("config.unset")),
            ("ascii", plain(config.ascii))]
    rows += [(f"issuer.{key}", config.issuer[key]) for key in ISSUER_KEYS if key in config.issuer]
    rows += [(f"keymap.{binding}", keys) for binding, keys in sorted(config.keymap.items())]
    return rows
