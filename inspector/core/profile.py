"""The unit's profile: read from an answer file's `[inspection.profile]` or a campaign's `[[unit]]` `profile`,
kept as plain data in the store, and told in one sentence at the opening of the biên bản ("Phường có diện tích
12,5 km², dân số 45.210 người, 12 khu phố; được thành lập trên cơ sở phường A, xã B; Trung tâm Phục vụ hành
chính công có 14 quầy, 14 công chức.")."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from inspector.core.checks import Checker
from inspector.core.i18n import decimal_mark, t
from inspector.core.limits import name_problem
from inspector.core.model import PROFILE_COUNTS, PROFILE_FIELDS, Profile
from inspector.core.numbers import parse_number, parse_whole, plain, show, show_count
from inspector.core.problems import Path

# Past these a figure is a typing slip, not a commune (the largest communes are a few thousand km² and a few
# hundred thousand people).
LIMITS: dict[str, int] = {"area_km2": 100_000, "population": 10_000_000, "neighbourhoods": 10_000,
                          "counters": 1_000, "staff": 10_000}


def read_profile(check: Checker, raw: dict[str, Any] | None, path: Path) -> Profile:
    """The `profile` table: an area in km² (a number ≥ 0), whole counts ≥ 0, the former units' names."""
    if raw is None:
        return Profile()
    check.known_keys(raw, PROFILE_FIELDS, path)
    found: dict[str, Any] = {}
    area = check.get(raw, "area_km2", path, "number")
    if area is not None:
        problem = value_problem("area_km2", area)
        if problem:
            check.problem(path + ("area_km2",), problem[0], **problem[1])
        else:
            found["area_km2"] = area
    for key in PROFILE_COUNTS:
        value = check.get(raw, key, path, "integer")
        if value is None:
            continue
        problem = value_problem(key, value)
        if problem:
            check.problem(path + (key,), problem[0], **problem[1])
        else:
            found[key] = value
    names = check.get(raw, "formed_from", path, "string_list", default=())
    for k, name in enumerate(names):
        problem = name_problem(name)
        if problem is not None:
            check.problem(path + ("formed_from", k), problem[0], **problem[1])
    found["formed_from"] = tuple(" ".join(name.split()) for name in names if name.strip())
    return Profile(**found)


def value_problem(key: str, value: Fraction | int) -> tuple[str, dict[str, object]] | None:
    """Why a profile figure cannot be kept (negative, or past any commune's), as (catalog key, params)."""
    if value < 0 or value > LIMITS[key]:
        return "profile.out_of_range", {"key": key, "value": plain(value), "max": show_count(LIMITS[key], decimal_mark())}
    return None


def parse_field(key: str, text: str) -> Fraction | int | None:
    """A profile figure as typed in a form ("12,5", "45.210"); None for an empty field. ValueError (with the
    catalog key as its message) when the text is no such figure."""
    text = text.strip()
    if not text:
        return None
    value: Fraction | int | None = parse_number(text) if key == "area_km2" else parse_whole(text)
    if value is None:
        raise ValueError("profile.not_a_number" if key == "area_km2" else "profile.not_a_count")
    if value_problem(key, value):
        raise ValueError("profile.out_of_range")
    return value


def field_text(profile: Profile, key: str) -> str:
    """A profile figure as a form shows it ("" when not given); the former units one per line."""
    value = getattr(profile, key)
    if key == "formed_from":
        return "\n".join(value)
    if value is None:
        return ""
    return show(Fraction(value), ",") if key == "area_km2" else str(value)


def profile_to_data(profile: Profile) -> dict[str, Any]:
    """Only what is given; the area as exact text ("12.5") so JSON never rounds it."""
    data: dict[str, Any] = {}
    for key in PROFILE_FIELDS:
        value = getattr(profile, key)
        if value is None or value == ():
            continue
        data[key] = plain(value) if key == "area_km2" else list(value) if key == "formed_from" else value
    return data


def profile_from_data(data: Any) -> Profile:
    """The inverse of profile_to_data; a value of the wrong kind (an older or foreign record) is left out."""
    if not isinstance(data, dict):
        return Profile()
    found: dict[str, Any] = {}
    area = data.get("area_km2")
    if isinstance(area, (str, int)) and not isinstance(area, bool):
        try:
            value = Fraction(area)
        except (ValueError, ZeroDivisionError):
            value = None
        if value is not None and value_problem("area_km2", value) is None:
            found["area_km2"] = value
    for key in PROFILE_COUNTS:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value_problem(key, value) is None:
            found[key] = value
    names = data.get("formed_from")
    if isinstance(names, list) and all(isinstance(n, str) for n in names):
        found["formed_from"] = tuple(names)
    return Profile(**found)


def profile_for_file(profile: Profile) -> dict[str, Any]:
    """The `[inspection.profile]` table of an answer file (the area as a TOML number)."""
    from decimal import Decimal

    data = profile_to_data(profile)
    if "area_km2" in data:
        area = profile.area_km2
        assert area is not None
        data["area_km2"] = area.numerator if area.denominator == 1 else Decimal(area.numerator) / Decimal(area.denominator)
    return data


def place_name(unit: str) -> str:
    """The place a unit governs, as a sentence opens on it: "UBND phường Hưng Định" → "Phường Hưng Định"."""
    name = " ".join(unit.split())
    for prefix in ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd "):
        if name.casefold().startswith(prefix):
            name = name[len(prefix):]
            break
    return name[:1].upper() + name[1:]


def profile_sentence(profile: Profile, unit: str = "", lang: str | None = None) -> str:
    """The biên bản's sentence on the unit, from what is given ("" when nothing is)."""
    mark = decimal_mark(lang)
    parts = []
    if profile.area_km2 is not None:
        parts.append(t("profile.area", lang, value=show(profile.area_km2, mark)))
    if profile.population is not None:
        parts.append(t("profile.population", lang, value=show_count(profile.population, mark)))
    if profile.neighbourhoods is not None:
        parts.append(t("profile.neighbourhoods", lang, value=show_count(profile.neighbourhoods, mark)))
    clauses = []
    if parts:
        clauses.append(t("profile.has", lang, parts=", ".join(parts)))
    if profile.formed_from:
        clauses.append(t("profile.formed_from", lang, names=", ".join(profile.formed_from)))
    desk = []
    if profile.counters is not None:
        desk.append(t("profile.counters", lang, value=show_count(profile.counters, mark)))
    if profile.staff is not None:
        desk.append(t("profile.staff", lang, value=show_count(profile.staff, mark)))
    sentences = []
    if clauses:
        about = "; ".join(clauses)
        sentences.append(f"{place_name(unit)} {about}." if unit.strip() else about[0].upper() + about[1:] + ".")
    if desk:
        sentences.append(t("profile.one_stop", lang, parts=", ".join(desk)) + ".")
    return " ".join(sentences)
