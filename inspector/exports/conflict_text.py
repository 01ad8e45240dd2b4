"""Conflicts in words: what is in dispute and each person's value, for the command line and the interface."""

from __future__ import annotations

import json

from inspector.core.answer_data import answer_from_data
from inspector.core.i18n import t
from inspector.core.model import Checklist
from inspector.core.numbers import show, show_count
from inspector.exports.common import answer_text
from inspector.store.merge import Conflict


def conflict_item(conflict: Conflict, checklist: Checklist) -> str:
    """ "A1 Ban hành Kế hoạch CCHC…", "số liệu hs_tiep_nhan Hồ sơ tiếp nhận", "kết luận"."""
    if conflict.kind in ("answer", "unit"):
        criterion = checklist.criterion(conflict.item_id)
        item = f"{conflict.item_id} {criterion.title if criterion else ''}".strip()
        return f"{item} ({t('conflict.unit_part')})" if conflict.kind == "unit" else item
    if conflict.kind == "fact":
        fact = checklist.fact(conflict.item_id)
        return f"{t('where.fact', id=conflict.item_id)} {fact.label if fact else ''}".strip()
    return t(f"conflict.finding.{conflict.item_id}")


def reason_text(conflict: Conflict) -> str:
    """Why a value waits when nobody disagreed with it ("" for a plain disagreement)."""
    return t(f"conflict.reason.{conflict.reason}") if conflict.reason else ""


def proposal_text(conflict: Conflict, value: str | None, checklist: Checklist) -> str:
    """One person's value: the answer as the unit would read it, its evidence and note."""
    if value is None:
        return t("conflict.nothing")
    if conflict.kind == "fact":
        return show_count(int(value))
    if conflict.kind == "finding":
        return str(json.loads(value))
    criterion = checklist.criterion(conflict.item_id)
    answer = answer_from_data(conflict.item_id, json.loads(value), criterion)
    if conflict.kind == "unit":  # the unit's own score, what it will show, its explanation
        return " — ".join(part for part in (
            t("conflict.self_score", score=show(answer.self_score)) if answer.self_score is not None else "",
            "; ".join(answer.self_evidence), answer.explanation) if part)
    parts = [answer_text(criterion, answer) if criterion else value]
    if answer.evidence:
        parts.append(f"{t('conflict.evidence')}: {'; '.join(answer.evidence)}")
    if answer.note:
        parts.append(f"{t('conflict.note')}: {answer.note}")
    return " — ".join(parts)
