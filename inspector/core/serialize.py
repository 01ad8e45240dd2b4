"""Results as plain data (JSON-ready): numbers rounded to 2 places, half away from zero."""

from __future__ import annotations

from typing import Any

from inspector.core.model import InspectionInfo
from inspector.core.numbers import to_json_number
from inspector.core.scoring import CriterionResult, Result


def result_to_dict(result: Result, info: InspectionInfo | None = None) -> dict[str, Any]:
    checklist = result.checklist
    done, total = result.progress()
    data: dict[str, Any] = {
        "checklist": {"id": checklist.id, "version": checklist.version, "title": checklist.title,
                      "sha256": checklist.sha256},
    }
    if info is not None:
        data["inspection"] = {"unit": info.unit, "unit_type": info.unit_type, "date": info.date.isoformat(),
                              "period": info.period, "team": list(info.team),
                              "facts_evidence": list(info.facts_evidence)}
        if info.profile.given:
            from inspector.core.profile import profile_to_data

            data["inspection"]["profile"] = profile_to_data(info.profile)
    data.update({
        "total": to_json_number(result.total),
        "max": to_json_number(result.max),
        "applicable_max": to_json_number(result.applicable_max),
        "adjustment": to_json_number(result.adjustment),
        "final": to_json_number(result.final),
        "percent": None if result.percent is None else to_json_number(result.percent),
        "band": result.band,
        "band_before_cap": result.uncapped_band,
        "provisional": result.provisional,
        "critical_failed": list(result.critical_failed),
        "facts": dict(result.facts),
        "checks_failed": [c.id for c in result.checks_failed],
        "checks": [{"id": c.id, "label": c.check.label, "left": c.left, "op": c.check.op, "right": c.right,
                    "failed": c.failed} for c in result.checks],
        "progress": {"answered": done, "total": total},
        "sections": [
            {"id": s.id, "title": s.section.title, "kind": s.section.kind, "score": to_json_number(s.score),
             "max": to_json_number(s.max), "applicable_max": to_json_number(s.applicable_max)}
            for s in result.sections
        ],
        "criteria": [
            {"id": r.id, "section": r.criterion.section_id, "title": r.criterion.title, "type": r.criterion.type,
             "status": r.status, "score": to_json_number(r.score), "max": to_json_number(r.max),
             "applicable_max": to_json_number(r.applicable_max), "critical": r.criterion.critical,
             "explanation": r.explanation,
             **_reported(r)}
            for r in result.criteria
        ],
    })
    return data


def _reported(r: CriterionResult) -> dict[str, Any]:
    """A criterion scored on a rate a report gave (no counts): the rate and where it was read."""
    answer = r.answer
    if answer is None or answer.reported_percent is None or not answer.on_reported_rate or r.status == "na":
        return {}
    return {"reported_percent": to_json_number(answer.reported_percent), "reported_source": answer.reported_source}
