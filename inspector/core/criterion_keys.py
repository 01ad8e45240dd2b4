"""The one registry of criterion keys, and the cell syntax of their values.

Everything that knows which keys a criterion has reads them from here: the validator (which keys each
type allows and needs), the JSON Schema, the spreadsheet's columns and cell syntax, the editor's form.
What each type needs, allows and does is its object's (`inspector.core.criteria`); a new key is added
here once (`KEYS`, with the types that take it) and read by the type's `load`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any


from inspector.core import limits
from inspector.core.criteria import TYPE_NAMES, TYPES
from inspector.core.criteria.base import yes_or_no
from inspector.core.model import CRITERION_NA_POLICIES, EVIDENCE_POLICIES
from inspector.core.numbers import plain
from inspector.core.problems import Msg, msg
from inspector.core.record import record, field

ID_SCHEMA = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"}


@record
class CriterionKey:
    """One key of a `[[section.criterion]]` table.

    `kind` names its value and cell syntax: text, number, flag, choice, names (comma-separated),
    lines (one per line), options / items (id | label | points per line), steps (min | points per line),
    linear (floor | target), range (low | high).
    """

    name: str
    kind: str
    header: str  # the spreadsheet column ("Mã tiêu chí"); the key follows it in brackets
    label: str  # catalog key of the editor's label
    types: tuple[str, ...] | None = None  # None: every type may have it
    attribute: str = ""  # the model attribute when it differs from the key
    choices: tuple[str, ...] = ()
    schema: dict[str, Any] = field(factory=dict)
    long: bool = False  # free text that runs to paragraphs (a multi-line field in forms)

    @property
    def model_attribute(self) -> str:
        return self.attribute or self.name

    @property
    def widget(self) -> str:
        """The form field that edits it: input, number, check, select, list, pair or text (multi-line)."""
        if self.long:
            return "text"
        return _WIDGETS[self.kind]


_WIDGETS = {"facts": "input", "text": "input", "number": "number", "flag": "check", "choice": "select", "names": "list",
            "lines": "text", "options": "text", "items": "text", "steps": "text", "linear": "pair", "range": "pair"}



_NUMBER = {"type": "number"}
_POINTS_ENTRY = {"type": "object", "additionalProperties": False, "required": ["id", "label"],
                 "properties": {"id": ID_SCHEMA, "label": {"type": "string"}, "points": _NUMBER}}

KEYS: tuple[CriterionKey, ...] = (
    CriterionKey("id", "text", "Mã tiêu chí", "ed.id", schema=ID_SCHEMA),
    CriterionKey("title", "text", "Tên tiêu chí", "ed.title", schema={"type": "string", "minLength": 1}),
    CriterionKey("type", "choice", "Loại", "ed.type", choices=TYPE_NAMES),
    CriterionKey("max", "number", "Điểm tối đa", "ed.max", schema={"type": "number", "exclusiveMinimum": 0}),
    CriterionKey("critical", "flag", "Điểm liệt", "ed.critical"),
    CriterionKey("evidence", "choice", "Minh chứng", "ed.evidence", choices=EVIDENCE_POLICIES),
    CriterionKey("na", "choice", "Không áp dụng", "ed.na", choices=CRITERION_NA_POLICIES),
    CriterionKey("applies_to", "names", "Áp dụng cho", "ed.applies_to"),
    CriterionKey("guidance", "text", "Cách kiểm tra", "ed.guidance", long=True),
    CriterionKey("basis", "lines", "Căn cứ", "ed.basis"),
    CriterionKey("options", "options", "Phương án (mã | nhãn | điểm)", "ed.options", types=("choice",), schema={
        "type": "array", "minItems": 2, "items": {**_POINTS_ENTRY, "required": ["id", "label", "points"]}}),
    CriterionKey("items", "items", "Nội dung (mã | nhãn | điểm)", "ed.items", types=("multi",), schema={
        "type": "array", "minItems": 1, "items": _POINTS_ENTRY}),
    CriterionKey("steps", "steps", "Bậc (tối thiểu | điểm)", "ed.steps", types=("ratio", "number"), schema={
        "type": "array", "minItems": 1, "items": {"type": "object", "additionalProperties": False,
                                                  "required": ["min", "points"],
                                                  "properties": {"min": _NUMBER, "points": _NUMBER}}}),
    CriterionKey("linear", "linear", "Tuyến tính (ngưỡng | mục tiêu)", "ed.linear", types=("ratio",), schema={
        "type": "object", "additionalProperties": False, "required": ["floor", "target"],
        "properties": {"floor": {"type": "number", "minimum": 0}, "target": {"type": "number", "exclusiveMinimum": 0}}}),
    CriterionKey("numerator", "text", "Nhãn tử số", "ed.numerator", types=("ratio",), attribute="numerator_label"),
    CriterionKey("denominator", "text", "Nhãn mẫu số", "ed.denominator", types=("ratio",),
                 attribute="denominator_label"),
    CriterionKey("unit", "text", "Đơn vị đo", "ed.unit", types=("number",)),
    CriterionKey("facts", "facts", "Tính từ số liệu (tử / mẫu)", "ed.facts", types=("ratio", "number"), schema={
        "type": "object", "additionalProperties": False, "minProperties": 1,
        "properties": {name: {"type": "array", "minItems": 1, "items": ID_SCHEMA}
                       for name in ("numerator", "denominator", "value")}}),
    CriterionKey("range", "range", "Khoảng (thấp | cao)", "ed.range", types=("number",), schema={
        "type": "array", "items": _NUMBER, "minItems": 2, "maxItems": 2}),
    CriterionKey("each", "number", "Điểm mỗi lần", "ed.each", types=("count",),
                 schema={"type": "number", "not": {"const": 0}}),
    CriterionKey("limit", "number", "Giới hạn", "ed.limit", types=("count",)),
    # Last, so that the spreadsheet's columns of earlier releases keep their letters.
    CriterionKey("applies_from", "text", "Áp dụng cho kỳ kết thúc từ ngày", "ed.applies_from",
                 schema={"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
)
BY_NAME: dict[str, CriterionKey] = {k.name: k for k in KEYS}

COMMON_KEYS: tuple[str, ...] = tuple(k.name for k in KEYS if k.types is None)
TYPE_KEYS: dict[str, tuple[str, ...]] = {t: tuple(k.name for k in KEYS if k.types and t in k.types) for t in TYPES}
TYPED_KEYS: frozenset[str] = frozenset(k.name for k in KEYS if k.types is not None)


def key_title(name: str, lang: str | None = None) -> str:
    """A key's short name for people: its column header in Vietnamese, the key itself in English."""
    from inspector.core.i18n import language

    key = BY_NAME.get(name)
    if key is None or (lang or language()) != "vi":
        return name.replace("_", " ")
    return key.header.split(" (")[0]


def keys_for(ctype: str) -> tuple[str, ...]:
    """The keys a criterion of this type shows in a form: the common ones (max only if scored) and its own."""
    return tuple(k.name for k in KEYS
                 if (k.types is None and (k.name != "max" or TYPES[ctype].has_max)) or (k.types and ctype in k.types))


# ---------------------------------------------------------------- cell syntax (spreadsheet and editor form)


def cell_number(value: Any) -> int | Decimal:
    """A TOML number from a cell: an int, or a Decimal from the shortest written form ("1,5" is 1.5).

    ValueError for text that is no number; ValueError(Msg) for a number past the limits (1e300, inf),
    so the cell is refused with the same words as a TOML file.
    """
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        number: int | Decimal = value
    elif isinstance(value, float):
        too_small = value != 0 and abs(value) < 10.0**-limits.MAX_FRACTION_DIGITS
        if not math.isfinite(value) or abs(value) >= 10.0**limits.MAX_WHOLE_DIGITS or too_small:
            raise ValueError(_out_of_bounds(repr(value)))
        number = int(value) if value.is_integer() else Decimal(repr(value))
    else:
        text = str(value).strip().replace(",", ".")
        if "e" in text.lower() or len(text) > limits.MAX_NUMBER_CHARS:  # 1e999999999 would never finish
            if _looks_numeric(text):
                raise ValueError(_out_of_bounds(text))
            raise ValueError
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError from None
        if not limits.decimal_within(number):
            raise ValueError(_out_of_bounds(text))
        if number == number.to_integral_value() and "." not in text:
            number = int(number)
    if isinstance(number, int) and not limits.whole_within(number):
        raise ValueError(_out_of_bounds(str(number) if number.bit_length() < 13000 else "…"))
    return number


def _looks_numeric(text: str) -> bool:
    return bool(text) and all(c in "0123456789+-.eE_" for c in text) and any(c.isdigit() for c in text)


def _out_of_bounds(text: str) -> Msg:
    return msg("err.number_bounds", value=limits.shown_number(text), digits=limits.MAX_WHOLE_DIGITS)


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split("|")]


def parse_cell(key: str, value: Any) -> Any:
    """The TOML value of a criterion key written in cell syntax; ValueError (with a Msg) when it is not."""
    kind = BY_NAME[key].kind if key in BY_NAME else "text"
    if kind == "number":
        return cell_number(value)
    if kind == "flag":
        if isinstance(value, bool):
            return value
        flag = yes_or_no(str(value)) if str(value).strip() else False  # an empty cell: not set
        if flag is None:
            raise ValueError(msg("sheet.not_yes_no", value=value))
        return flag
    if kind == "names":
        return [part.strip() for part in str(value).split(",") if part.strip()]
    if kind == "lines":
        return [line.strip() for line in str(value).splitlines() if line.strip()]
    if kind in ("options", "items"):
        entries = []
        for line in str(value).splitlines():
            if not line.strip():
                continue
            parts = _parts(line)
            if len(parts) < 2 or (kind == "options" and len(parts) != 3):
                raise ValueError(msg("sheet.bad_entry", line=line, shape="mã | nhãn | điểm"))
            entry: dict[str, Any] = {"id": parts[0], "label": parts[1]}
            if len(parts) > 2 and parts[2]:
                entry["points"] = cell_number(parts[2])
            entries.append(entry)
        return entries
    if kind == "steps":
        steps = []
        for line in str(value).splitlines():
            if line.strip():
                parts = _parts(line)
                if len(parts) != 2:
                    raise ValueError(msg("sheet.bad_entry", line=line, shape="tối thiểu | điểm"))
                steps.append({"min": cell_number(parts[0]), "points": cell_number(parts[1])})
        return steps
    if kind == "facts":
        return facts_from_cell(str(value))
    if kind in ("linear", "range"):
        parts = _parts(str(value))
        if len(parts) != 2:
            raise ValueError(msg("sheet.bad_entry", line=value,
                                 shape="thấp | cao" if kind == "range" else "ngưỡng | mục tiêu"))
        low, high = cell_number(parts[0]), cell_number(parts[1])
        return {"floor": low, "target": high} if kind == "linear" else [low, high]
    return str(value)


def cell_text(key: str, value: Any) -> str:
    """A TOML value of a criterion key in cell syntax (the inverse of parse_cell); "" for None."""
    if value is None:
        return ""
    kind = BY_NAME[key].kind if key in BY_NAME else "text"

    def number(v: Any) -> str:
        return plain(Fraction(v)) if isinstance(v, (int, Decimal, Fraction)) and not isinstance(v, bool) else str(v)

    if kind in ("options", "items"):
        return "\n".join(" | ".join(number(entry.get(k)) if k == "points" else str(entry.get(k))
                                    for k in ("id", "label", "points") if entry.get(k) is not None) for entry in value)
    if kind == "steps":
        return "\n".join(f"{number(s.get('min'))} | {number(s.get('points'))}" for s in value)
    if kind == "linear":
        return f"{number(value.get('floor'))} | {number(value.get('target'))}"
    if kind == "range":
        return " | ".join(number(v) for v in value)
    if kind == "facts":
        return facts_cell(value)
    if kind == "lines":
        return "\n".join(value)
    if kind == "names":
        return ", ".join(value)
    if kind == "number":
        return number(value)
    return str(value)


def toml_value(key: str, model_value: Any) -> Any:
    """A model attribute as its TOML value (Fractions as TOML numbers), for writing a checklist back out."""
    kind = BY_NAME[key].kind

    def number(v: Fraction) -> int | Decimal | str:
        if v.denominator == 1:
            return v.numerator
        text = plain(v)
        return Decimal(text) if "/" not in text else text

    if model_value is None:
        return None
    if kind == "number":
        return number(model_value)
    if kind in ("options", "items"):
        return [{"id": e.id, "label": e.label, **({} if e.points is None else {"points": number(e.points)})}
                for e in model_value]
    if kind == "steps":
        return [{"min": number(s.min), "points": number(s.points)} for s in model_value]
    if kind == "linear":
        return {"floor": number(model_value.floor), "target": number(model_value.target)}
    if kind == "range":
        return [number(model_value[0]), number(model_value[1])]
    if kind in ("names", "lines"):
        return list(model_value)
    if kind == "facts":
        return {name: list(ids) for name, ids in model_value} or None
    return model_value


def facts_cell(value: dict[str, Any]) -> str:
    """`{numerator = [a, b], denominator = [c]}` as "a + b / c"; `{value = [a]}` as "a"."""
    def side(ids: Iterable[str]) -> str:
        return " + ".join(ids)

    if "value" in value:
        return side(value["value"])
    return f"{side(value.get('numerator', ()))} / {side(value.get('denominator', ()))}"


def facts_from_cell(text: str) -> dict[str, list[str]]:
    """The inverse of facts_cell: "a + b / c" is a ratio's facts, "a + b" a number's."""
    if not text.strip():
        return {}

    def side(part: str) -> list[str]:
        return [name.strip() for name in part.split("+") if name.strip()]

    if "/" in text:
        top, _, bottom = text.partition("/")
        if "/" in bottom:
            raise ValueError(msg("sheet.bad_entry", line=text, shape="tử + tử / mẫu + mẫu"))
        return {"numerator": side(top), "denominator": side(bottom)}
    return {"value": side(text)}


# ---------------------------------------------------------------- JSON Schema of a criterion
def criterion_schema() -> dict[str, Any]:
    """The JSON Schema of one `[[section.criterion]]`: its keys, and which ones each type allows and needs."""
    properties: dict[str, dict[str, Any]] = {}
    for key in KEYS:
        schema = dict(key.schema) if key.schema else _default_schema(key)
        properties[key.name] = {**schema, "description": key.header}
    rules = []
    for ctype in TYPES.values():
        forbidden = {name: False for name in sorted(TYPED_KEYS - set(TYPE_KEYS[ctype.name]))}
        if not ctype.has_max:
            forbidden["max"] = False
        then: dict[str, Any] = {"properties": forbidden}
        if ctype.required:
            then["required"] = list(ctype.required)
        if ctype.one_of:
            then["oneOf"] = [{"required": [name]} for name in ctype.one_of]
        rules.append({"if": {"properties": {"type": {"const": ctype.name}}, "required": ["type"]}, "then": then})
    return {"type": "object", "additionalProperties": False, "required": ["id", "title", "type"],
            "properties": properties, "allOf": rules}


def _default_schema(key: CriterionKey) -> dict[str, Any]:
    if key.kind == "choice":
        return {"enum": list(key.choices)}
    if key.kind == "flag":
        return {"type": "boolean"}
    if key.kind == "number":
        return {"type": "number"}
    if key.kind in ("names", "lines"):
        return {"type": "array", "items": {"type": "string"}}
    return {"type": "string"}
