"""Answers as plain data: the shape stored in SQLite (JSON) and written to answer files (TOML)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from inspector.core.criteria import TYPES
from inspector.core.profile import profile_from_data, profile_to_data
from inspector.core.model import (
    INFO_DETAILS,
    ISSUER_FIELDS,
    Answer,
    Criterion,
    Findings,
    InspectionInfo,
    Issuer,
    Recommendation,
)

ANSWER_FIELDS = ("value", "numerator", "denominator", "na", "reason", "evidence", "note", "self_score",
                 "self_evidence", "explanation", "reported_percent", "reported_source")


# The unit's own part of an answer (from its self-assessment): merged apart from the team's part, never in
# conflict with it. The team's part is everything else.
UNIT_FIELDS = ("self_score", "self_evidence", "explanation")
UNIT_AUTHOR = "đơn vị (tự đánh giá)"  # who the unit's part is recorded for


def team_part(data: dict[str, Any]) -> dict[str, Any]:
    """The team's fields of a stored answer (value, N/A and reason, evidence, note)."""
    return {key: value for key, value in data.items() if key not in UNIT_FIELDS}


def unit_part(data: dict[str, Any]) -> dict[str, Any]:
    """The unit's fields of a stored answer (its self-score, the evidence it will show, its explanation)."""
    return {key: value for key, value in data.items() if key in UNIT_FIELDS}


def _number_out(value: Fraction) -> int | Decimal | str:
    """An exact number for TOML/JSON: an int, a terminating Decimal, or "n/d" when it does not terminate."""
    if value.denominator == 1:
        return value.numerator
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d != 1:
        return f"{value.numerator}/{value.denominator}"
    return Decimal(value.numerator) / Decimal(value.denominator)


def answer_to_data(answer: Answer, criterion: Criterion | None = None) -> dict[str, Any]:
    """Only the keys that carry something, in format-1 names; numbers exact."""
    data: dict[str, Any] = {}
    if answer.na:
        data["na"] = True
        data["reason"] = answer.reason
    else:
        if answer.numerator is not None or answer.denominator is not None:
            if answer.numerator is not None:
                data["numerator"] = answer.numerator
            if answer.denominator is not None:
                data["denominator"] = answer.denominator
        elif answer.value is not None:
            value = answer.value
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Fraction):
                value = _number_out(value)
            data["value"] = value
        if answer.reported_percent is not None:
            data["reported_percent"] = _number_out(answer.reported_percent)
        if answer.reported_source:
            data["reported_source"] = answer.reported_source
    if answer.evidence:
        data["evidence"] = list(answer.evidence)
    if answer.note:
        data["note"] = answer.note
    if answer.self_score is not None:
        data["self_score"] = _number_out(answer.self_score)
    if answer.self_evidence:
        data["self_evidence"] = list(answer.self_evidence)
    if answer.explanation:
        data["explanation"] = answer.explanation
    return data


def _number_in(value: str | int | float | Decimal) -> Fraction:
    if isinstance(value, str):
        return Fraction(value)
    return Fraction(value)


def answer_from_data(criterion_id: str, data: dict[str, Any], criterion: Criterion | None = None) -> Answer:
    """The inverse of answer_to_data for data this program wrote (the store); files go through answers.py."""
    value = data.get("value")
    if criterion is not None:
        value = TYPES[criterion.type].value_from_data(value)
    elif isinstance(value, list):
        value = tuple(value)
    elif isinstance(value, (Decimal, float)):
        value = Fraction(value)
    self_score = data.get("self_score")
    reported = data.get("reported_percent")
    return Answer(
        criterion_id=criterion_id, value=value, numerator=data.get("numerator"), denominator=data.get("denominator"),
        na=bool(data.get("na", False)), reason=data.get("reason", ""), evidence=tuple(data.get("evidence", ())),
        note=data.get("note", ""), self_score=None if self_score is None else _number_in(self_score),
        self_evidence=tuple(data.get("self_evidence", ())), explanation=data.get("explanation", ""),
        reported_percent=None if reported is None else _number_in(reported),
        reported_source=text_of(data, "reported_source"),
    )


def details_to_data(info: InspectionInfo) -> dict[str, Any]:
    """The biên bản fields of an inspection that carry something (dates as ISO text for JSON), with the
    issuer of the conclusion and who was absent."""
    data: dict[str, Any] = {}
    for key in INFO_DETAILS:
        value = getattr(info, key)
        if value:
            data[key] = value.isoformat() if isinstance(value, dt.date) else value
    issuer = issuer_to_data(info.issuer)
    if issuer:
        data["issuer"] = issuer
    if info.absent:
        data["absent"] = list(info.absent)
    if info.facts_evidence:
        data["facts_evidence"] = list(info.facts_evidence)
    if info.profile.given:
        data["profile"] = profile_to_data(info.profile)
    return data


def details_from_data(data: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for InspectionInfo from stored details (unknown keys and values of the wrong kind
    ignored: what was stored by an older version, or carried in a bundle, never stops an inspection opening)."""
    found: dict[str, Any] = {key: data[key] for key in INFO_DETAILS if data.get(key) and isinstance(data[key], str)}
    if "decision_date" in found:
        try:
            found["decision_date"] = dt.date.fromisoformat(found["decision_date"])
        except (TypeError, ValueError):
            del found["decision_date"]
    if isinstance(data.get("issuer"), dict):
        found["issuer"] = issuer_from_data(data["issuer"])
    for key in ("absent", "facts_evidence"):
        names = data.get(key)
        if isinstance(names, list) and all(isinstance(name, str) for name in names):
            found[key] = tuple(names)
    if isinstance(data.get("profile"), dict):
        found["profile"] = profile_from_data(data["profile"])
    return found


def facts_evidence_of(details: str | None) -> tuple[str, ...]:
    """The figures' source documents from an inspection's stored details (JSON text); () when unreadable."""
    import json

    try:
        data = json.loads(details or "{}")
    except ValueError:
        return ()
    found = details_from_data(data) if isinstance(data, dict) else {}
    return tuple(found.get("facts_evidence", ()))


def issuer_to_data(issuer: Issuer) -> dict[str, str]:
    return {key: getattr(issuer, key) for key in ISSUER_FIELDS if getattr(issuer, key)}


def issuer_from_data(data: dict[str, Any]) -> Issuer:
    return Issuer(**{key: data[key] for key in ISSUER_FIELDS if isinstance(data.get(key), str)})


def findings_to_data(findings: Findings) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("strengths", "shortfalls", "unit_opinion", "conclusion"):
        if getattr(findings, key):
            data[key] = getattr(findings, key)
    if findings.recommendations:
        data["recommendations"] = [recommendation_to_data(r) for r in findings.recommendations]
    return data


RECOMMENDATION_FIELDS = ("text", "responsible", "deadline", "status", "reported_by", "reported_on", "evidence",
                         "report")


def recommendation_to_data(r: Recommendation) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k in RECOMMENDATION_FIELDS if (v := getattr(r, k))}


def text_of(data: dict[str, Any], key: str) -> str:
    """A text field of data read back (a bundle, a backup): TypeError when it is anything but text."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TypeError(key)
    return value


def texts_of(data: dict[str, Any], key: str) -> tuple[str, ...]:
    """A list-of-texts field of data read back: TypeError when it is anything else."""
    value = data.get(key, ())
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise TypeError(key)
    return tuple(value)


def recommendation_from_data(r: dict[str, Any]) -> Recommendation:
    if not isinstance(r, dict):
        raise TypeError("recommendation")
    return Recommendation(
        text=text_of(r, "text"), responsible=text_of(r, "responsible"), deadline=text_of(r, "deadline"),
        status=text_of(r, "status"), reported_by=text_of(r, "reported_by"), reported_on=text_of(r, "reported_on"),
        evidence=texts_of(r, "evidence"), report=text_of(r, "report"))


def findings_from_data(data: dict[str, Any]) -> Findings:
    if not isinstance(data, dict) or not isinstance(data.get("recommendations", []), list):
        raise TypeError("findings")
    return Findings(
        strengths=text_of(data, "strengths"), shortfalls=text_of(data, "shortfalls"),
        unit_opinion=text_of(data, "unit_opinion"), conclusion=text_of(data, "conclusion"),
        recommendations=tuple(recommendation_from_data(r) for r in data.get("recommendations", ())),
    )


def info_to_data(info: InspectionInfo) -> dict[str, Any]:
    """A whole inspection header as JSON data (carried in bundles)."""
    return {"checklist": info.checklist, "checklist_version": info.checklist_version, "unit": info.unit,
            "unit_type": info.unit_type, "date": info.date.isoformat(), "period": info.period,
            "team": list(info.team), "inspecting_body": info.inspecting_body,
            "representatives": list(info.representatives), **details_to_data(info)}


def info_from_data(data: dict[str, Any]) -> InspectionInfo:
    """The inverse of info_to_data; KeyError, TypeError or ValueError when the data is not a header."""
    texts = ("checklist", "checklist_version", "unit", "period", "inspecting_body")
    if not all(isinstance(data.get(key, ""), str) for key in texts):
        raise TypeError("header")
    if not all(isinstance(p, str) for key in ("team", "representatives") for p in data.get(key, ())):
        raise TypeError("people")
    return InspectionInfo(
        checklist=data["checklist"], checklist_version=data["checklist_version"], unit=data["unit"],
        date=dt.date.fromisoformat(data["date"]), unit_type=data.get("unit_type"), period=data.get("period", ""),
        team=tuple(data.get("team", ())), inspecting_body=data.get("inspecting_body", ""),
        representatives=tuple(data.get("representatives", ())),
        **details_from_data(data))
