"""Load and validate a checklist file (format 1) into the model."""

from __future__ import annotations

import datetime as dt
import functools
from fractions import Fraction
from pathlib import Path as FsPath
from typing import Any

from inspector.core.checks import (
    CHECKLIST_ID_PATTERN,
    ID_PATTERN,
    Checker,
    did_you_mean,
    guess_hint,
)
from inspector.core.criteria import TYPE_NAMES, TYPES, CriterionType
from inspector.core.criterion_keys import COMMON_KEYS, TYPE_KEYS
from inspector.core.model import (
    CHECK_OPERATORS,
    CRITERION_NA_POLICIES,
    EVIDENCE_POLICIES,
    NA_POLICIES,
    Band,
    Check,
    Checklist,
    Criterion,
    Fact,
    Section,
    Step,
)
from inspector.core.numbers import plain as _num
from inspector.core.problems import Path, msg
from inspector.core.source import Source, from_text, parse, read_text

TOP_KEYS = ("format", "id", "version", "title", "description", "unit_types", "scoring", "fact", "check", "section")
FACT_KEYS = ("id", "label", "unit", "guidance")
CHECK_KEYS = ("id", "label", "left", "op", "right")
SCORING_KEYS = ("na", "critical_cap", "bands")
BAND_KEYS = ("label", "min")
SECTION_KEYS = ("id", "title", "description", "kind", "min", "max", "criterion")
def load_checklist(path: str | FsPath) -> Checklist:
    """Read, validate and build a checklist; raises FileProblems listing every problem. A checklist
    validated before (the same text, the same program) comes from its kept form (core/checklist_memo.py)."""
    from inspector.core import checklist_memo

    text = read_text(path)
    known = checklist_memo.recall(text)
    if known is not None:
        return known
    checklist = build_checklist(parse(text, str(path)))
    checklist_memo.keep(checklist)
    return checklist


def _sha256(text: str) -> str:
    import hashlib  # only when a checklist is parsed: a kept form carries its checksum

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def checklist_from_text(text: str, name: str = "<text>") -> Checklist:
    return build_checklist(from_text(text, name))


def build_checklist(source: Source) -> Checklist:
    return ChecklistBuilder(source).build()


class ChecklistBuilder:
    """Reads one checklist file, collecting every problem; a criterion type reads its own keys through it."""

    def __init__(self, source: Source):
        self.source = source
        self.check = Checker(source)
        self.criterion_ids: dict[str, Path] = {}
        self.section_ids: dict[str, Path] = {}
        self.fact_ids: dict[str, Path] = {}
        self.check_ids: dict[str, Path] = {}

    def build(self) -> Checklist:
        data, check = self.source.data, self.check
        check.known_keys(data, TOP_KEYS, ())
        fmt = check.get(data, "format", (), "integer", required=True)
        if fmt is not None and fmt != 1:
            check.problem(("format",), "err.format", value=fmt)
        ident = check.get(data, "id", (), "string", required=True)
        if ident and not CHECKLIST_ID_PATTERN.match(ident):
            check.problem(("id",), "err.id_pattern", value=ident, rule=msg("rule.checklist_id"))
        version = check.get(data, "version", (), "string", required=True)
        title = check.get(data, "title", (), "string", required=True)
        description = check.get(data, "description", (), "string", default="")
        unit_types = check.get(data, "unit_types", (), "string_list")
        scoring = check.get(data, "scoring", (), "table", default={})
        na, cap, bands = self.scoring(scoring)
        facts = tuple(self.fact(raw, ("fact", i)) for i, raw in
                      enumerate(check.get(data, "fact", (), "table_list", default=[])))
        checks = tuple(self.check_rule(raw, ("check", i)) for i, raw in
                       enumerate(check.get(data, "check", (), "table_list", default=[])))

        sections_raw = check.get(data, "section", (), "table_list", default=[])
        if data.get("section") in (None, []):
            check.problem((), "err.no_sections")
        sections = tuple(self.section(raw, ("section", i), na, unit_types) for i, raw in enumerate(sections_raw))
        for fact_id, fact_path in self.fact_ids.items():
            if fact_id in self.criterion_ids:
                check.problem(fact_path + ("id",), "err.fact_is_criterion", value=fact_id,
                              first=check.line(self.criterion_ids[fact_id] + ("id",)))

        check.raise_if_any()
        text = self.source.text
        return Checklist(
            id=ident, version=version, title=title, description=description, sections=sections,
            unit_types=unit_types, na=na, critical_cap=cap, bands=bands, format=1,
            sha256=_sha256(text), source=text,
            facts=tuple(f for f in facts if f is not None), checks=tuple(c for c in checks if c is not None),
        )

    # ---- facts and checks (§8)
    def fact(self, raw: dict[str, Any], path: Path) -> Fact | None:
        check = self.check
        check.known_keys(raw, FACT_KEYS, path)
        ident = self.identifier(raw, path, self.fact_ids, "fact")
        label = check.get(raw, "label", path, "string", required=True)
        unit = check.get(raw, "unit", path, "string", default="")
        guidance = check.get(raw, "guidance", path, "string", default="")
        if ident is None or label is None:
            return None
        return Fact(ident, label, unit, guidance)

    def check_rule(self, raw: dict[str, Any], path: Path) -> Check | None:
        check = self.check
        check.known_keys(raw, CHECK_KEYS, path)
        ident = self.identifier(raw, path, self.check_ids, "check")
        label = check.get(raw, "label", path, "string", required=True)
        left = self.fact_list(raw, "left", path)
        op = check.get(raw, "op", path, "string", required=True)
        if op is not None and op not in CHECK_OPERATORS:
            check.problem(path + ("op",), "err.one_of", key="op", value=op, allowed=", ".join(CHECK_OPERATORS),
                          hint=guess_hint(did_you_mean(op, CHECK_OPERATORS)))
            op = None
        right = self.fact_list(raw, "right", path)
        if ident is None or label is None or left is None or op is None or right is None:
            return None
        return Check(ident, label, left, op, right)

    def fact_list(self, raw: dict[str, Any], key: str, path: Path) -> tuple[str, ...] | None:
        """A non-empty list of declared fact ids (summed where it is used)."""
        check = self.check
        ids = check.get(raw, key, path, "string_list", required=True, sample='["hs_tiep_nhan"]')
        if ids is None:
            return None
        if not ids:
            check.problem(path + (key,), "err.fact_side_empty", key=key)
            return None
        known = list(self.fact_ids)
        ok = True
        for k, ident in enumerate(ids):
            if ident in self.fact_ids:
                continue
            ok = False
            if not known:
                check.problem(path + (key, k), "err.no_facts_declared", value=ident)
            else:
                check.problem(path + (key, k), "err.unknown_fact", value=ident, allowed=", ".join(known),
                              hint=guess_hint(did_you_mean(ident, known)))
        return ids if ok else None

    def criterion_facts(self, raw: dict[str, Any], path: Path, kind: CriterionType, fields: dict[str, Any]) -> None:
        """`facts = { numerator = […], denominator = […] }` (ratio) or `{ value = […] }` (number): the sides
        its type computes from."""
        check = self.check
        table = check.get(raw, "facts", path, "table")
        if table is None:
            return
        fpath = path + ("facts",)
        needed = kind.fact_sides
        check.known_keys(table, needed, fpath)
        missing = [key for key in needed if key not in table]
        if missing:
            check.problem(fpath, "err.facts_keys", type=kind.name, keys=", ".join(needed), example=kind.facts_example)
            return
        sources = tuple((key, self.fact_list(table, key, fpath)) for key in needed)
        if all(ids is not None for _, ids in sources):
            fields["facts"] = sources

    def scoring(self, scoring: dict[str, Any]) -> tuple[str, str | None, tuple[Band, ...]]:
        check, path = self.check, ("scoring",)
        check.known_keys(scoring, SCORING_KEYS, path)
        if scoring.get("na") == "forbidden":
            check.problem(path + ("na",), "err.forbidden_default")
            na = "rescale"
        else:
            na = check.choice(scoring, "na", path, NA_POLICIES, "rescale")
        bands: list[Band] = []
        for i, raw in enumerate(check.get(scoring, "bands", path, "table_list", default=[])):
            band_path = path + ("bands", i)
            check.known_keys(raw, BAND_KEYS, band_path)
            label = check.get(raw, "label", band_path, "string", required=True)
            low = check.get(raw, "min", band_path, "number", required=True)
            if label is None or low is None:
                continue
            if bands and low >= bands[-1].min:
                check.problem(band_path + ("min",), "err.bands_order", value=_num(low), previous=_num(bands[-1].min))
            bands.append(Band(label, low))
        cap = check.get(scoring, "critical_cap", path, "string")
        if cap is not None:
            labels = [b.label for b in bands]
            if not bands and "bands" not in scoring:
                check.problem(path + ("critical_cap",), "err.critical_cap_no_bands")
            elif labels and cap not in labels:
                guess = did_you_mean(cap, labels)
                check.problem(path + ("critical_cap",), "err.critical_cap", value=cap, allowed=", ".join(labels),
                              hint=guess_hint(guess))
        return na, cap, tuple(bands)

    def unique(self, ids: dict[str, Path], ident: str, path: Path, what: str) -> None:
        if ident in ids:
            first = self.check.line(ids[ident] + ("id",))
            self.check.problem(path + ("id",), "err.duplicate", what=msg(f"what.{what}"), value=ident, first=first)
        else:
            ids[ident] = path

    def identifier(self, raw: dict[str, Any], path: Path, ids: dict[str, Path] | None, what: str) -> str | None:
        ident: str | None = self.check.get(raw, "id", path, "string", required=True)
        if ident is None:
            return None
        if not ID_PATTERN.match(ident):
            self.check.problem(path + ("id",), "err.id_pattern", value=ident, rule=msg("rule.item_id"))
        elif ids is not None:
            self.unique(ids, ident, path, what)
        return ident

    def section(self, raw: dict[str, Any], path: Path, na: str, unit_types: tuple[str, ...] | None) -> Section:
        check = self.check
        check.known_keys(raw, SECTION_KEYS, path)
        ident = self.identifier(raw, path, self.section_ids, "section") or ""
        title = check.get(raw, "title", path, "string", required=True) or ""
        description = check.get(raw, "description", path, "string", default="")
        kind = check.get(raw, "kind", path, "string", default="normal")
        if "kind" in raw and kind != "adjustment" and kind is not None:
            check.problem(path + ("kind",), "err.kind", value=kind)
            kind = "normal"
        adjustment = kind == "adjustment"
        low = check.get(raw, "min", path, "number")
        high = check.get(raw, "max", path, "number")
        if not adjustment:
            for key in ("min", "max"):
                if key in raw:
                    check.problem(path + (key,), "err.clamp_normal", key=key)
            low = high = None
        elif low is not None and high is not None and low > high:
            check.problem(path + ("min",), "err.clamp_order", min=_num(low), max=_num(high))
        criteria_raw = check.get(raw, "criterion", path, "table_list", default=[])
        if raw.get("criterion") in (None, []):
            check.problem(path, "err.no_criteria")
        criteria = tuple(
            self.criterion(c, path + ("criterion", j), ident, adjustment, na, unit_types)
            for j, c in enumerate(criteria_raw)
        )
        return Section(id=ident, title=title, criteria=criteria, kind="adjustment" if adjustment else "normal",
                       min=low, max=high, description=description)

    def criterion(self, raw: dict[str, Any], path: Path, section_id: str, adjustment: bool, default_na: str,
                  unit_types: tuple[str, ...] | None) -> Criterion:
        check = self.check
        ident = self.identifier(raw, path, self.criterion_ids, "criterion") or ""
        title = check.get(raw, "title", path, "string", required=True) or ""
        ctype = check.get(raw, "type", path, "string", required=True)
        if ctype is not None and ctype not in TYPES:
            guess = did_you_mean(ctype, TYPE_NAMES)
            check.problem(path + ("type",), "err.one_of", key="type", value=ctype, allowed=", ".join(TYPE_NAMES),
                          hint=guess_hint(guess))
            ctype = None
        kind = TYPES[ctype] if ctype else None
        allowed, typed = _criterion_keys(ctype)
        check.known_keys(raw, allowed, path, typed)
        critical = check.get(raw, "critical", path, "boolean", default=False)
        evidence = check.choice(raw, "evidence", path, EVIDENCE_POLICIES, "optional")
        na = check.choice(raw, "na", path, CRITERION_NA_POLICIES, default_na)
        applies_to = check.get(raw, "applies_to", path, "string_list")
        if applies_to is not None and unit_types is not None:
            for k, value in enumerate(applies_to):
                if value not in unit_types:
                    guess = did_you_mean(value, unit_types)
                    check.problem(path + ("applies_to", k), "err.unit_type", value=value, allowed=", ".join(unit_types),
                                  hint=guess_hint(guess))
        applies_from = _day(check, raw, "applies_from", path)
        guidance = check.get(raw, "guidance", path, "string", default="")
        basis = check.get(raw, "basis", path, "string_list", default=())

        maximum = _ZERO
        if kind is not None and not kind.has_max:
            if "max" in raw:
                check.problem(path + ("max",), "err.max_not_used", type=ctype)
        elif ctype is not None or "max" in raw:
            value = check.get(raw, "max", path, "number", required=ctype is not None)
            if value is not None and value <= 0:
                check.problem(path + ("max",), "err.positive", key="max", value=_num(value))
            elif value is not None:
                maximum = value
        fields: dict[str, Any] = {}
        if kind is not None and kind.adjustment_only and not adjustment:
            check.problem(path + ("type",), "err.count_normal")
        if kind is not None:
            kind.load(self, raw, path, maximum if "max" in raw else None, fields)
        return Criterion(
            id=ident, title=title, type=ctype or "text", max=maximum, section_id=section_id, critical=critical,
            evidence=evidence, na=na, applies_to=applies_to, applies_from=applies_from, guidance=guidance, basis=basis,
            scored=kind.scored if kind is not None else False, **fields,
        )

    # ---- keys several types share
    def steps(self, raw: dict[str, Any], path: Path, maximum: Fraction | None, fields: dict[str, Any]) -> None:
        check = self.check
        steps_raw = check.get(raw, "steps", path, "table_list")
        if steps_raw is None:
            return
        if not steps_raw:
            check.problem(path + ("steps",), "err.min_items", key="steps", n=1, example="{ min = 100, points = 1 }")
        steps: list[Step] = []
        for i, s in enumerate(steps_raw):
            spath = path + ("steps", i)
            check.known_keys(s, ("min", "points"), spath)
            low = check.get(s, "min", spath, "number", required=True)
            points = check.get(s, "points", spath, "number", required=True)
            if low is None or points is None:
                continue
            if steps and low >= steps[-1].min:
                check.problem(spath + ("min",), "err.steps_order", value=_num(low), previous=_num(steps[-1].min))
            if maximum is not None and points > maximum:
                check.problem(spath + ("points",), "err.points_over_max", points=_num(points), max=_num(maximum))
            steps.append(Step(low, points))
        fields["steps"] = tuple(steps)


_ZERO = Fraction(0)


@functools.cache
def _criterion_keys(ctype: str | None) -> tuple[tuple[str, ...], dict[str, str] | None]:
    """The keys a criterion of this type may have, and (for a known type) the other types' keys, each said to be
    unused by this type: made once per type, not per criterion."""
    own = TYPE_KEYS.get(ctype, ()) if ctype else tuple(k for keys in TYPE_KEYS.values() for k in keys)
    typed = {k: ctype for keys in TYPE_KEYS.values() for k in keys if k not in own} if ctype else None
    return COMMON_KEYS + own, typed


def _day(check: Checker, raw: dict[str, Any], key: str, path: Path) -> dt.date | None:
    """A day given as a TOML date (2027-01-01) or as its text ("2027-01-01", what a spreadsheet cell gives)."""
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    check.problem(path + (key,), "err.not_a_day", key=key, value=str(value))
    return None
