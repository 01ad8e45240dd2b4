"""A compact JSON form of a validated checklist, so a pinned checklist opens without re-parsing TOML.

Only ever read back from this program's own store, and always next to the TOML text it came from:
when the form is missing or from another program version, the text is parsed again.
"""

from __future__ import annotations

import json
from fractions import Fraction

import attrs

from inspector import __version__
from inspector.core.model import (
    Band,
    Checklist,
    Criterion,
    Item,
    Linear,
    Option,
    Section,
    Step,
)


def _f(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def _F(value: str | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def checklist_to_json(checklist: Checklist) -> str:
    def criterion(c: Criterion) -> list:
        return [c.id, c.title, c.type, _f(c.max), c.section_id, c.critical, c.evidence, c.na,
                list(c.applies_to) if c.applies_to is not None else None, c.guidance, list(c.basis),
                [[o.id, o.label, _f(o.points)] for o in c.options], [[i.id, i.label, _f(i.points)] for i in c.items],
                [[_f(s.min), _f(s.points)] for s in c.steps],
                None if c.linear is None else [_f(c.linear.floor), _f(c.linear.target)],
                c.numerator_label, c.denominator_label, c.unit,
                None if c.range is None else [_f(c.range[0]), _f(c.range[1])], _f(c.each), _f(c.limit)]

    data = {
        "program": __version__, "id": checklist.id, "version": checklist.version, "title": checklist.title,
        "description": checklist.description,
        "unit_types": list(checklist.unit_types) if checklist.unit_types is not None else None,
        "na": checklist.na, "critical_cap": checklist.critical_cap,
        "bands": [[b.label, _f(b.min)] for b in checklist.bands], "sha256": checklist.sha256,
        "sections": [[s.id, s.title, s.kind, _f(s.min), _f(s.max), s.description, [criterion(c) for c in s.criteria]]
                     for s in checklist.sections],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def checklist_from_json(text: str, source: str) -> Checklist | None:
    """The checklist, or None when the form was written by another program version."""
    data = json.loads(text)
    if data.get("program") != __version__:
        return None

    def criterion(row: list) -> Criterion:
        (cid, title, ctype, maximum, section_id, critical, evidence, na, applies_to, guidance, basis, options, items,
         steps, linear, numerator, denominator, unit, bounds, each, limit) = row
        return Criterion(
            id=cid, title=title, type=ctype, max=_F(maximum), section_id=section_id, critical=critical,
            evidence=evidence, na=na, applies_to=tuple(applies_to) if applies_to is not None else None,
            guidance=guidance, basis=tuple(basis), options=tuple(Option(i, lb, _F(p)) for i, lb, p in options),
            items=tuple(Item(i, lb, _F(p)) for i, lb, p in items), steps=tuple(Step(_F(m), _F(p)) for m, p in steps),
            linear=None if linear is None else Linear(_F(linear[0]), _F(linear[1])), numerator_label=numerator,
            denominator_label=denominator, unit=unit,
            range=None if bounds is None else (_F(bounds[0]), _F(bounds[1])), each=_F(each), limit=_F(limit))

    sections = tuple(Section(id=sid, title=title, kind=kind, min=_F(low), max=_F(high), description=description,
                             criteria=tuple(criterion(c) for c in criteria))
                     for sid, title, kind, low, high, description, criteria in data["sections"])
    return Checklist(id=data["id"], version=data["version"], title=data["title"], description=data["description"],
                     sections=sections,
                     unit_types=tuple(data["unit_types"]) if data["unit_types"] is not None else None,
                     na=data["na"], critical_cap=data["critical_cap"],
                     bands=tuple(Band(label, _F(low)) for label, low in data["bands"]), format=1,
                     sha256=data["sha256"], source=source)


def same(a: Checklist, b: Checklist) -> bool:
    """Equal as models (the cache must give back exactly what parsing gives)."""
    return attrs.astuple(a) == attrs.astuple(b)
