"""A compact JSON form of a validated checklist, so a pinned checklist opens without re-parsing TOML.

Only ever read back from this program's own store, and always next to the TOML text it came from:
when the form is missing or from another program version, the text is parsed again. The form follows
the model's own record fields (one codec per field type), so a key added to the model needs nothing here.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from fractions import Fraction
from typing import Any, Callable


from inspector import __version__
from inspector.core import model
from inspector.core.model import Band, Check, Checklist, Criterion, Fact, Section
from inspector.core.record import fields, is_record, astuple

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]
_IDENTITY: Codec = (lambda v: v, lambda v: v)


def _fraction_out(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def _codec(hint: Any) -> Codec:
    """How one field's value goes to JSON and back, decided once from its type annotation."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Fraction:
        return _fraction_out, Fraction
    if hint is dt.date:
        return (lambda v: v.isoformat()), dt.date.fromisoformat
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and type(None) in args:
        inner_out, inner_in = _codec(next(a for a in args if a is not type(None)))
        return (lambda v: None if v is None else inner_out(v)), (lambda v: None if v is None else inner_in(v))
    if origin is tuple:
        parts = [_codec(a) for a in (args[:1] if len(args) == 2 and args[1] is Ellipsis else args)]
        if len(args) == 2 and args[1] is Ellipsis:
            out, back = parts[0]
            return (lambda v: [out(x) for x in v]), (lambda v: tuple(back(x) for x in v))
        return (lambda v: [c[0](x) for c, x in zip(parts, v)]), (lambda v: tuple(c[1](x) for c, x in zip(parts, v)))
    if is_record(hint):
        return _record_codec(hint)
    return _IDENTITY  # str, bool, int, Literal


_RESOLVED: dict[str, Any] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The record's field types (its annotations are text: `from __future__ import annotations`), each distinct
    text evaluated once in the model's namespace (`typing.get_type_hints` compiles every one of them anew)."""
    found = {}
    for name, text in cls.__annotations__.items():
        if not isinstance(text, str):
            found[name] = text
            continue
        if text not in _RESOLVED:
            _RESOLVED[text] = eval(text, vars(model))  # noqa: S307 - the model's own annotations, never data
        found[name] = _RESOLVED[text]
    return found


def _record_codec(cls: type) -> Codec:
    hints = _hints(cls)
    names = [f.name for f in fields(cls) if f.init]
    codecs = [_codec(hints[name]) for name in names]
    # Plain values (str, bool) need no work: decode them as they are, and the rest by position.
    converted = [(i, codec[1]) for i, codec in enumerate(codecs) if codec is not _IDENTITY]

    def out(value: Any) -> list[Any]:
        return [codec[0](getattr(value, name)) for name, codec in zip(names, codecs)]

    def back(row: list[Any]) -> Any:
        row = list(row)
        for i, decode in converted:
            row[i] = decode(row[i])
        return cls(*row)

    return out, back


_CRITERION_OUT, _CRITERION_IN = _record_codec(Criterion)
# The model's shape: a form written before a field was added (by the same program version, during
# development) is parsed again rather than read into the wrong positions.
_MODEL = ",".join(f.name for cls in (Criterion, Section, Band, Fact, Check) for f in fields(cls) if f.init)
_BANDS_OUT, _BANDS_IN = _codec(tuple[Band, ...])
_FACTS_OUT, _FACTS_IN = _codec(tuple[Fact, ...])
_CHECKS_OUT, _CHECKS_IN = _codec(tuple[Check, ...])
_SECTION_FIELDS = [f.name for f in fields(Section) if f.init and f.name != "criteria"]
_SECTION_CODECS = [_codec(_hints(Section)[name]) for name in _SECTION_FIELDS]


def checklist_to_json(checklist: Checklist) -> str:
    data = {
        "program": __version__, "model": _MODEL, "id": checklist.id, "version": checklist.version, "title": checklist.title,
        "description": checklist.description,
        "unit_types": list(checklist.unit_types) if checklist.unit_types is not None else None,
        "na": checklist.na, "critical_cap": checklist.critical_cap, "bands": _BANDS_OUT(checklist.bands),
        "sha256": checklist.sha256, "facts": _FACTS_OUT(checklist.facts), "checks": _CHECKS_OUT(checklist.checks),
        "sections": [[[codec[0](getattr(s, name)) for name, codec in zip(_SECTION_FIELDS, _SECTION_CODECS)],
                      [_CRITERION_OUT(c) for c in s.criteria]] for s in checklist.sections],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def checklist_from_json(text: str, source: str) -> Checklist | None:
    """The checklist, or None when the form was written by another program version or model."""
    data = json.loads(text)
    if data.get("program") != __version__ or data.get("model") != _MODEL:
        return None
    sections = tuple(
        Section(criteria=tuple(_CRITERION_IN(row) for row in rows),
                **{name: codec[1](cell) for name, codec, cell in zip(_SECTION_FIELDS, _SECTION_CODECS, head)})
        for head, rows in data["sections"])
    return Checklist(id=data["id"], version=data["version"], title=data["title"], description=data["description"],
                     sections=sections,
                     unit_types=tuple(data["unit_types"]) if data["unit_types"] is not None else None,
                     na=data["na"], critical_cap=data["critical_cap"], bands=_BANDS_IN(data["bands"]), format=1,
                     sha256=data["sha256"], source=source, facts=_FACTS_IN(data["facts"]),
                     checks=_CHECKS_IN(data["checks"]))


def same(a: Checklist, b: Checklist) -> bool:
    """Equal as models (the cache must give back exactly what parsing gives)."""
    return astuple(a) == astuple(b)
