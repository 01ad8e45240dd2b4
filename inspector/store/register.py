"""The register of recommendations: every inspection's kiến nghị with its follow-up, across the store."""

from __future__ import annotations

import datetime as dt
import json


from inspector.core.answer_data import findings_from_data, findings_to_data
from inspector.core.figures import problems_with
from inspector.core.followup import PREFILL_AUTHOR, status_of
from inspector.core.limits import cleaned
from inspector.core.model import Recommendation
from inspector.core.record import record, evolve
from inspector.store.database import Store, StoreError


@record
class Entry:
    ref: str  # "inspection.number", e.g. "3.2": how the command line names it
    inspection_id: int
    unit: str
    date: str  # the inspection's date, ISO
    number: int  # 1-based, in the inspection's list
    recommendation: Recommendation
    status: str  # chua / dang / da / qua_han, as of the day asked


def register(store: Store, today: dt.date | None = None, unit: str | None = None,
             include_archived: bool = False) -> list[Entry]:
    """Every recommendation of every inspection (newest inspection first), optionally of one unit."""
    today = today or dt.date.today()
    wanted = " ".join(unit.split()).casefold() if unit else None
    found = []
    for number, name, date, findings in store.findings_rows(include_archived):
        if wanted is not None and wanted not in name.casefold():
            continue
        for index, recommendation in enumerate(findings_from_data(findings).recommendations, 1):
            found.append(Entry(f"{number}.{index}", number, name, date, index, recommendation,
                               status_of(recommendation, today)))
    return found


def previous_inspection(store: Store, inspection_id: int) -> int | None:
    """The same unit's latest earlier inspection that made recommendations (to follow them up now)."""
    found = store.unit_and_date(inspection_id)
    if found is None:
        return None
    for number, name, findings in store.neighbours(inspection_id, earlier=True):  # newest first
        if same_unit(name, found[0]) and json.loads(findings).get("recommendations"):
            return number
    return None


def same_unit(a: str, b: str) -> bool:
    """The same unit however its name was spaced or capitalised."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def update_recommendation(store: Store, inspection_id: int, number: int, status: str, reported_by: str = "",
                          report: str = "", evidence: tuple[str, ...] = (), on: dt.date | None = None) -> Recommendation:
    """Record a follow-up on recommendation `number` (1-based) of an inspection, audited; returns it."""
    with store.transaction() as unit:
        stored = unit.findings(inspection_id)
        if stored is None:
            raise StoreError("store.no_inspection", str(inspection_id), str(store.path))
        findings = findings_from_data(stored)
        if not 1 <= number <= len(findings.recommendations):
            raise StoreError("store.no_recommendation", f"{inspection_id}.{number}", str(store.path))
        old = findings.recommendations[number - 1]
        new: Recommendation = cleaned(evolve(old, status=status, reported_by=reported_by or old.reported_by,
                                                   report=report or old.report,
                                                   evidence=tuple(evidence) or old.evidence,
                                                   reported_on=(on or dt.date.today()).isoformat()))
        recommendations = list(findings.recommendations)
        recommendations[number - 1] = new
        unit.put_findings(inspection_id, findings_to_data(evolve(findings, recommendations=tuple(recommendations))),
                          touch=True)
        unit.audit(inspection_id, None, f"recommendation {number}", old.status or "chua", status)
    return new




def prefill_from_register(store: Store, inspection_id: int) -> dict[str, int]:
    """Fill the figures a checklist takes from the unit's last recommendations (core.followup); a figure a
    person has since typed is left alone. Returns the figures set now."""
    from inspector.core.followup import PREFILLED_FACTS, prefilled

    record = store.load(inspection_id)
    wanted = [f.id for f in record.checklist.facts if f.id in PREFILLED_FACTS]
    previous = previous_inspection(store, inspection_id)
    if not wanted or previous is None:
        return {}
    values = prefilled(store.load_findings(previous).recommendations)
    authors = {fid: author for fid, _, author, _ in store.fact_rows(inspection_id)}
    changes = {fid: values[fid] for fid in wanted
               if (fid not in authors or authors[fid] == PREFILL_AUTHOR) and record.facts.get(fid) != values[fid]}
    if not changes:
        return {}
    with store.transaction() as unit:
        recorded = unit.facts(inspection_id)
        if problems_with(record.checklist, {**recorded, **changes}, set(changes), unit.answers(inspection_id,
                                                                                           record.checklist)):
            return {}  # they would not fit the figures a person recorded since: the person's figures stand
        for fid, value in changes.items():
            unit.put_fact(inspection_id, fid, value, PREFILL_AUTHOR)
            unit.audit(inspection_id, fid, "prefilled", None if fid not in record.facts else str(record.facts[fid]),
                       str(value), PREFILL_AUTHOR)
        unit.touch(inspection_id, None)
    return changes


def later_inspections(store: Store, inspection_id: int) -> list[int]:
    """The same unit's inspections after this one (whose pre-filled figures follow its recommendations)."""
    found = store.unit_and_date(inspection_id)
    if found is None:
        return []
    return [number for number, name, _ in store.neighbours(inspection_id, earlier=False) if same_unit(name, found[0])]


def record_follow_up(store: Store, inspection_id: int, number: int, status: str, reported_by: str = "",
                     report: str = "", evidence: tuple[str, ...] = (), on: dt.date | None = None
                     ) -> tuple[Recommendation, dict[int, dict[str, int]]]:
    """A follow-up recorded, and the figures of the unit's later inspections refreshed from it: returns the
    recommendation and, by later inspection, the figures that changed."""
    updated = update_recommendation(store, inspection_id, number, status, reported_by, report, evidence, on)
    refreshed = {later: changes for later in later_inspections(store, inspection_id)
                 if (changes := prefill_from_register(store, later))}
    return updated, refreshed
