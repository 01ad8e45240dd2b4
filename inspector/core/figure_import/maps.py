"""Maps: which figure comes from which column(s) of which row of a one-stop system's report.

A map is a TOML file (docs/figures-import.md): how its header is recognised, the labels of the total row
to take, the columns (by their "(n)" number and the words above them) and the figures (one column or a
sum of columns). Bundled maps ship in `checklists/maps/` (the wheel's `inspector/bundled/maps/`); a
user's maps live in the data folder's `maps/` and come first. A map with a mistake is refused with
`FILE:LINE:` problems, like a checklist.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


from inspector.core.figure_import.grid import fold
from inspector.core.problems import FileProblems, Problem
from inspector.core.record import record
from inspector.core.source import Source, read
from inspector.core.tomlmap import line_of, value_lines

FORMAT = 1
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_FACT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")

Path_ = tuple[str, ...]  # a header path: the words above a column, top to bottom; "a|b" are alternatives


@record
class Column:
    id: str
    number: int | None  # its "(n)" in the numbering row, when the report prints one
    headers: tuple[Path_, ...]  # header paths tried in order; each part folded, alternatives split


@record
class FigureSource:
    fact: str
    columns: tuple[str, ...]  # column ids, summed


@record
class FigureMap:
    id: str
    title: str
    file: str
    bundled: bool
    require: tuple[tuple[str, ...], ...]  # words the header must hold (each: alternatives, folded)
    exclude: tuple[tuple[str, ...], ...]  # words that tell another system's report (never in this one's header)
    numbered: int | None  # the numbering row must reach (n)
    totals: tuple[str, ...]  # the total row's label, folded, tried in order
    columns: dict[str, Column]
    figures: tuple[FigureSource, ...]
    not_on_form: tuple[str, ...]  # figures the form does not print: they stay typed


def user_map_dir() -> Path:
    from inspector.core.paths import data_dir

    return data_dir() / "maps"


def bundled_map_dir() -> Path:
    from inspector.core.paths import bundled_checklist_dir

    return bundled_checklist_dir() / "maps"


def map_files() -> list[tuple[Path, bool]]:
    """Every map file: the user's first (by name), then the bundled ones (by name); (path, bundled)."""
    found: list[tuple[Path, bool]] = []
    for folder, bundled in ((user_map_dir(), False), (bundled_map_dir(), True)):
        if folder.is_dir():
            found += [(p, bundled) for p in sorted(folder.glob("*.toml")) if p.is_file()]
    return found


def all_maps() -> tuple[list[FigureMap], list[FileProblems]]:
    """The maps that load, and the problems of those that do not (a user's broken map hides no other)."""
    maps: list[FigureMap] = []
    broken: list[FileProblems] = []
    seen: set[str] = set()
    for path, bundled in map_files():
        try:
            loaded = load_map(path, bundled)
        except FileProblems as problems:
            broken.append(problems)
            continue
        if loaded.id not in seen:  # a user's map of the same id replaces the bundled one
            seen.add(loaded.id)
            maps.append(loaded)
    return maps, broken


def find_map(ref: str) -> FigureMap:
    """A map by id (the user's or a bundled one) or by the path of a TOML file. LookupError when none."""
    candidate = Path(ref)
    if ref.endswith(".toml") or candidate.is_file():
        return load_map(candidate, False)
    maps, _ = all_maps()
    for figure_map in maps:
        if figure_map.id == ref:
            return figure_map
    raise LookupError(ref)


def load_map(path: str | Path, bundled: bool = False) -> FigureMap:
    return map_from_source(read(path), bundled)


class _Checker:
    def __init__(self, source: Source):
        self.source = source
        self.lines = value_lines(source.text)
        self.problems: list[Problem] = []

    def add(self, path: tuple[str | int, ...], code: str, **params: object) -> None:
        where = tuple(("index", p + 1) if isinstance(p, int) else ("key", p) for p in path)
        self.problems.append(Problem(self.source.name, line_of(self.lines, path), where, code, params, path))

    def text(self, table: dict[str, Any], key: str, path: tuple[str | int, ...], required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.add(path, "figimp.map.missing", key=key)
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add((*path, key), "figimp.map.not_text", key=key)
            return ""
        return value.strip()

    def words(self, value: object, path: tuple[str | int, ...], key: str) -> tuple[str, ...]:
        """A list of texts (each "a|b" alternatives), folded; a problem when it is not one."""
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and fold(v) for v in value):
            self.add(path, "figimp.map.not_texts", key=key)
            return ()
        return tuple(value)

    def unknown(self, table: dict[str, Any], allowed: set[str], path: tuple[str | int, ...]) -> None:
        for key in table:
            if key not in allowed:
                self.add((*path, key), "figimp.map.unknown_key", key=key, allowed=", ".join(sorted(allowed)))


def alternatives(text: str) -> tuple[str, ...]:
    return tuple(f for f in (fold(part) for part in text.split("|")) if f)


def map_from_source(source: Source, bundled: bool = False) -> FigureMap:
    data = source.data
    check = _Checker(source)
    check.unknown(data, {"format", "id", "title", "match", "total", "column", "figure", "not_on_form"}, ())
    if data.get("format") != FORMAT:
        check.add(("format",), "figimp.map.format", expected=FORMAT)
    ident = check.text(data, "id", ())
    if ident and not _ID.match(ident):
        check.add(("id",), "figimp.map.bad_id", value=ident)
    title = check.text(data, "title", ())
    match = data.get("match", {})
    require: tuple[tuple[str, ...], ...] = ()
    exclude: tuple[tuple[str, ...], ...] = ()
    numbered = None
    if not isinstance(match, dict):
        check.add(("match",), "figimp.map.not_table", key="match")
    else:
        check.unknown(match, {"require", "exclude", "numbered"}, ("match",))
        if "require" in match:
            require = tuple(alternatives(w) for w in check.words(match["require"], ("match", "require"), "require"))
        if "exclude" in match:
            exclude = tuple(alternatives(w) for w in check.words(match["exclude"], ("match", "exclude"), "exclude"))
        numbered = match.get("numbered")
        if numbered is not None and (not isinstance(numbered, int) or isinstance(numbered, bool) or not 1 <= numbered <= 200):
            check.add(("match", "numbered"), "figimp.map.bad_number", key="numbered")
            numbered = None
    total = data.get("total")
    totals: tuple[str, ...] = ()
    if not isinstance(total, dict):
        check.add(("total",) if total is not None else (), "figimp.map.missing" if total is None else
                  "figimp.map.not_table", key="total")
    else:
        check.unknown(total, {"labels"}, ("total",))
        totals = tuple(fold(w) for w in check.words(total.get("labels"), ("total", "labels"), "labels"))
    columns: dict[str, Column] = {}
    raw_columns = data.get("column", [])
    if not isinstance(raw_columns, list) or not raw_columns:
        check.add(("column",) if "column" in data else (), "figimp.map.no_columns")
        raw_columns = []
    for index, entry in enumerate(raw_columns):
        path: tuple[str | int, ...] = ("column", index)
        if not isinstance(entry, dict):
            check.add(path, "figimp.map.not_table", key="column")
            continue
        check.unknown(entry, {"id", "number", "header"}, path)
        cid = check.text(entry, "id", path)
        number = entry.get("number")
        if number is not None and (not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 200):
            check.add((*path, "number"), "figimp.map.bad_number", key="number")
            number = None
        headers = _headers(check, entry.get("header"), (*path, "header"))
        if cid in columns:
            check.add((*path, "id"), "figimp.map.duplicate", key="column", value=cid)
        elif cid:
            columns[cid] = Column(cid, number, headers)
    figures: list[FigureSource] = []
    raw_figures = data.get("figure", [])
    if not isinstance(raw_figures, list) or not raw_figures:
        check.add(("figure",) if "figure" in data else (), "figimp.map.no_figures")
        raw_figures = []
    seen: set[str] = set()
    for index, entry in enumerate(raw_figures):
        path = ("figure", index)
        if not isinstance(entry, dict):
            check.add(path, "figimp.map.not_table", key="figure")
            continue
        check.unknown(entry, {"fact", "columns"}, path)
        fact = check.text(entry, "fact", path)
        if fact and not _FACT.match(fact):
            check.add((*path, "fact"), "figimp.map.bad_id", value=fact)
        used = entry.get("columns")
        if not isinstance(used, list) or not used or not all(isinstance(c, str) for c in used):
            check.add((*path, "columns") if "columns" in entry else path, "figimp.map.not_texts", key="columns")
            used = []
        for offset, cid in enumerate(used):
            if cid not in columns and raw_columns:
                check.add((*path, "columns", offset), "figimp.map.unknown_column", value=cid,
                          known=", ".join(columns) or "—")
        if fact in seen:
            check.add((*path, "fact"), "figimp.map.duplicate", key="fact", value=fact)
        seen.add(fact)
        figures.append(FigureSource(fact, tuple(used)))
    not_on_form = data.get("not_on_form", [])
    if not isinstance(not_on_form, list) or not all(isinstance(v, str) for v in not_on_form):
        check.add(("not_on_form",), "figimp.map.not_texts", key="not_on_form")
        not_on_form = []
    if check.problems:
        raise FileProblems(check.problems)
    return FigureMap(ident, title, source.name, bundled, require, exclude, numbered, totals, columns, tuple(figures),
                     tuple(not_on_form))


def _headers(check: _Checker, value: object, path: tuple[str | int, ...]) -> tuple[Path_, ...]:
    """`header = ["a", "b"]` (one path) or `header = [["a", "b"], ["c"]]` (paths tried in order)."""
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        paths = [check.words(v, (*path, i), "header") for i, v in enumerate(value)]
    else:
        paths = [check.words(value, path, "header")]
    return tuple(tuple("|".join(alternatives(part)) for part in p) for p in paths if p)
