"""What a unit's returned self-assessment puts in the store: its part of each answer and its figures.

Only the unit's fields are written (self-score, the evidence it will show, its explanation) and the
figures it reported, kept apart from the team's. A self-score already recorded with another value is
kept and listed, never overwritten.
"""

from __future__ import annotations

from fractions import Fraction


from inspector.core.answer_data import UNIT_AUTHOR
from inspector.core.model import Answer
from inspector.core.record import record, evolve
from inspector.store.database import Store, answer_json


@record
class Applied:
    answers: int  # criteria whose unit part was filled
    figures: int
    kept: tuple[tuple[str, Fraction, Fraction], ...]  # (criterion, recorded self-score, the workbook's)


def apply_self_assessment(store: Store, inspection_id: int, scores: dict[str, Fraction],
                          evidence: dict[str, tuple[str, ...]], comments: dict[str, str],
                          figures: dict[str, int]) -> Applied:
    record = store.load(inspection_id)
    kept: list[tuple[str, Fraction, Fraction]] = []
    changed: dict[str, Answer] = {}
    for cid in [c.id for c in record.checklist.criteria if c.id in scores or c.id in evidence or c.id in comments]:
        old = record.answers.get(cid) or Answer(cid)
        new = old
        if cid in scores:
            if old.self_score is None:
                new = evolve(new, self_score=scores[cid])
            elif old.self_score != scores[cid]:
                kept.append((cid, old.self_score, scores[cid]))
        if cid in evidence and not old.self_evidence:
            new = evolve(new, self_evidence=evidence[cid])
        if cid in comments and not old.explanation:
            new = evolve(new, explanation=comments[cid])
        if new != old:
            changed[cid] = new

    with store.transaction() as unit:
        for cid, answer in changed.items():
            data = answer_json(answer)
            assert data is not None
            existing = unit.answer_row(inspection_id, cid)
            unit.put_answer(inspection_id, cid, data, existing[1] if existing else UNIT_AUTHOR)
            unit.audit(inspection_id, cid, "self_assessment", answer_json(record.answers.get(cid)), data, UNIT_AUTHOR)
        for fid, value in figures.items():
            unit.put_reported_fact(inspection_id, fid, value)
            unit.audit(inspection_id, fid, "reported", None, str(value), UNIT_AUTHOR)
        unit.touch(inspection_id, None)
    return Applied(len(changed), len(figures), tuple(kept))
