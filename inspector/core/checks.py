"""Typed access to parsed TOML that records every problem instead of stopping at the first."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from decimal import Decimal
from fractions import Fraction
from typing import Any

from inspector.core.limits import MAX_PROBLEMS
from inspector.core.problems import FileProblems, Msg, Path, Problem, describe, msg
from inspector.core.source import Source
from inspector.core.tomlmap import line_of, value_lines

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
CHECKLIST_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")

# What to write when a key is missing or has the wrong type.
SAMPLES: dict[str, str] = {
    "format": "1", "id": '"C1"', "version": '"2025.1"', "title": '"…"', "type": '"yes_no"',
    "max": "1", "label": '"…"', "points": "1", "min": "90", "floor": "80", "target": "100",
    "each": "-0.5", "limit": "-2", "options": '[{ id = "dat", label = "Đạt", points = 1 }, …]',
    "items": '[{ id = "a", label = "…" }, …]', "steps": "[{ min = 100, points = 1 }]",
    "checklist": '"cchc-xa"', "checklist_version": '"2025.1"', "unit": '"UBND phường …"',
    "date": "2025-09-21", "reason": '"Không phát sinh"', "value": "true", "numerator": "139",
    "denominator": "139", "unit_types": '["xa", "phuong"]', "applies_to": '["xa"]',
    "basis": '["Nghị định 61/2018/NĐ-CP"]', "evidence": '["Quyết định số …"]', "team": '["Nguyễn Văn A — Trưởng đoàn"]',
    "range": "[0, 100]", "bands": '[{ label = "Tốt", min = 80 }]', "critical": "true", "na": "true",
    "self_score": "1", "self_evidence": '["Kế hoạch số 12/KH-UBND"]', "explanation": '"…"', "note": '"…"', "period": '"Năm 2025"', "unit_type": '"xa"', "guidance": '"…"',
    "description": '"…"', "critical_cap": '"Khá"', "kind": '"adjustment"', "linear": "{ floor = 80, target = 100 }",
    "numerator_label": '"…"', "denominator_label": '"…"',
    "reported_percent": "99.9", "reported_source": '"Báo cáo số 12/BC-UBND ngày 05/12/2025"',
    "facts_evidence": '["Báo cáo tình hình giải quyết TTHC năm 2025"]', "area_km2": "12.5", "population": "45210",
    "neighbourhoods": "12", "formed_from": '["xã Tân Phú", "xã Phú Lộc"]', "counters": "14", "staff": "14",
    "facts": '{ numerator = ["hs_dung_han"], denominator = ["hs_da_giai_quyet"] }',
    "left": '["hs_da_giai_quyet", "hs_dang_giai_quyet"]', "right": '["hs_tiep_nhan"]', "op": '"=="',
}


def did_you_mean(word: str, choices: Collection[str]) -> str:
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if str(c).lower() == str(word).lower()][:1]
    return close[0] if close else ""


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean " + ("true" if value else "false")
    if isinstance(value, str):
        return f'string "{value}"' if len(value) < 40 else "string"
    if isinstance(value, int):
        return f"integer {value}"
    if isinstance(value, Decimal):
        return f"number {value}"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, list):
        return "list"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return f"date/time {value}"
    return type(value).__name__


class Checker:
    """Collects problems with their TOML paths; lines are looked up only if there are any."""

    def __init__(self, source: Source):
        self.source = source
        self.pending: list[tuple[Path, str, dict[str, object]]] = []
        self.unlisted = 0  # problems past MAX_PROBLEMS: counted, not described
        self._lines: dict[Path, int] | None = None

    # ---- recording
    def problem(self, path: Path, code: str, **params: object) -> None:
        if self.full:
            self.unlisted += 1
            return
        self.pending.append((path, code, params))

    @property
    def full(self) -> bool:
        """Enough problems to send the author back to the file; callers skip costly hints from here on."""
        return len(self.pending) >= MAX_PROBLEMS

    @property
    def count(self) -> int:
        return len(self.pending) + self.unlisted

    @property
    def ok(self) -> bool:
        return not self.pending

    def line(self, path: Path) -> int | None:
        if self._lines is None:
            self._lines = value_lines(self.source.text)
        return line_of(self._lines, path)

    def raise_if_any(self) -> None:
        if self.pending:
            raise FileProblems(self.problems())

    def problems(self) -> list[Problem]:
        found = [
            Problem(self.source.name, self.line(path), describe(path, self.source.data), code, params, path)
            for path, code, params in self.pending
        ]
        if self.unlisted:
            last_line = self.source.text.count("\n") + 1
            found.append(Problem(self.source.name, last_line, (), "err.more_problems", {"n": self.unlisted}))
        return found

    # ---- keys
    def known_keys(self, table: dict[str, Any], allowed: Collection[str], path: Path,
                   typed: dict[str, str] | None = None) -> None:
        for key in table:
            if key in allowed:
                continue
            if self.full:
                self.unlisted += 1
                continue
            if typed and key in typed:
                self.problem(path + (key,), "err.key_for_type", key=key, type=typed[key])
                continue
            self.problem(path + (key,), "err.unknown_key", key=key, hint=_hint(did_you_mean(key, allowed), allowed))

    # ---- typed getters; `None` when missing or wrong (a problem is recorded)
    def get(self, table: dict[str, Any], key: str, path: Path, kind: str, required: bool = False, default: Any = None,
            sample: str | None = None) -> Any:
        """`sample` overrides the usual example value of `key` where the same key means another thing."""
        if key not in table:
            if required:
                sample = sample or SAMPLES.get(key, "…")
                self.problem(path, "err.missing", key=key, example=f"{key} = {sample}")
            return default
        value = table[key]
        converted = _CONVERT[kind](value)
        if converted is _WRONG:
            sample = sample or SAMPLES.get(key, "…")
            self.problem(path + (key,), "err.type", key=key, expected=msg(f"type.{kind}"), got=type_name(value),
                         example=msg("example.write", key=key, sample=sample))
            return default
        if kind == "string" and required and isinstance(converted, str) and not converted.strip():
            self.problem(path + (key,), "err.empty", key=key)
            return default
        return converted

    def choice(self, table: dict[str, Any], key: str, path: Path, allowed: tuple[str, ...], default: str) -> str:
        value: str = self.get(table, key, path, "string", default=default)
        if value not in allowed:
            guess = did_you_mean(value, allowed)
            self.problem(path + (key,), "err.one_of", key=key, value=value, allowed=", ".join(allowed),
                         hint=guess_hint(guess))
            return default
        return value


def guess_hint(guess: str) -> Msg | str:
    """A mid-sentence "(did you mean `x`?)", or nothing when no guess is close."""
    return msg("hint.guess", guess=guess) if guess else ""


def _hint(guess: str, allowed: Collection[str] | None = None) -> object:
    if guess:
        return msg("hint.did_you_mean", guess=guess)
    if allowed:
        return msg("hint.allowed", allowed=", ".join(allowed))
    return ""


_WRONG = object()  # what a converter returns for a value of the wrong type


def _string(v: object) -> object:
    return v if isinstance(v, str) else _WRONG


def _integer(v: object) -> object:
    return v if isinstance(v, int) and not isinstance(v, bool) else _WRONG


def _number(v: object) -> object:
    if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
        return _WRONG
    if isinstance(v, Decimal) and not v.is_finite():
        return _WRONG
    return Fraction(v)


def _boolean(v: object) -> object:
    return v if isinstance(v, bool) else _WRONG


def _table(v: object) -> object:
    return v if isinstance(v, dict) else _WRONG


def _array(v: object) -> object:
    return v if isinstance(v, list) else _WRONG


def _string_list(v: object) -> object:
    return tuple(v) if isinstance(v, list) and all(isinstance(x, str) for x in v) else _WRONG


def _table_list(v: object) -> object:
    return v if isinstance(v, list) and all(isinstance(x, dict) for x in v) else _WRONG


def _date(v: object) -> object:
    return v if isinstance(v, dt.date) and not isinstance(v, dt.datetime) else _WRONG


def _pair(v: object) -> object:
    if isinstance(v, list) and len(v) == 2:
        a, b = _number(v[0]), _number(v[1])
        if a is not _WRONG and b is not _WRONG:
            return (a, b)
    return _WRONG


_CONVERT: dict[str, Callable[[object], object]] = {
    "string": _string, "integer": _integer, "number": _number, "boolean": _boolean, "table": _table,
    "array": _array, "string_list": _string_list, "table_list": _table_list, "date": _date, "pair": _pair,
}
