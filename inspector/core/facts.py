"""Facts (§8 of the format): figures recorded once, the answers computed from them, the checks they must pass.

Pure functions shared by the answer-file loader, the engine, the session and every view, so a sum is
computed one way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Mapping, NamedTuple


from inspector.core.criteria import TYPES
from inspector.core.model import Answer, Check, Checklist, Criterion
from inspector.core.record import evolve

Facts = Mapping[str, int]


def fact_sum(ids: tuple[str, ...], facts: Facts) -> int | None:
    """The sum of the named facts, or None while any of them is missing."""
    total = 0
    for ident in ids:
        value = facts.get(ident)
        if value is None:
            return None
        total += value
    return total


def computed_answer(criterion: Criterion, answer: Answer | None, facts: Facts,
                    facts_evidence: tuple[str, ...] = ()) -> Answer | None:
    """The answer a computed criterion is scored on: its own table (N/A, evidence, note, self-score) with the
    sums of its facts as numerator and denominator (or value). Unchanged when N/A; while a fact is missing it
    keeps what the team recorded (a reported rate, or nothing). Without evidence of its own, the documents the
    figures were read from (`facts_evidence`) are its evidence."""
    if not criterion.computed or (answer is not None and answer.na):
        return answer
    sums = {}
    for side, ids in criterion.facts:
        total = fact_sum(ids, facts)
        if total is None:  # unanswered until every figure is recorded
            if answer is None or answer.evidence or not facts_evidence or not answer.has_value:
                return answer
            return evolve(answer, evidence=facts_evidence)
        sums[side] = total
    changes = TYPES[criterion.type].figure_fields(criterion, sums)
    if facts_evidence and (answer is None or not answer.evidence):  # the figures' documents are its evidence
        changes["evidence"] = facts_evidence
    return Answer(criterion.id, **changes) if answer is None else evolve(answer, **changes)  # one record made


class CheckResult(NamedTuple):
    check: Check
    left: int | None  # None: a fact on this side is missing, the check is not evaluated
    right: int | None

    @property
    def evaluated(self) -> bool:
        return self.left is not None and self.right is not None

    @property
    def failed(self) -> bool:
        return self.evaluated and not self.check.holds(self.left, self.right)  # type: ignore[arg-type]

    @property
    def id(self) -> str:
        return self.check.id


def evaluate_checks(checklist: Checklist, facts: Facts) -> tuple[CheckResult, ...]:
    return tuple(CheckResult(c, fact_sum(c.left, facts), fact_sum(c.right, facts)) for c in checklist.checks)


def sum_text(ids: tuple[str, ...], facts: Facts, number: Callable[[int], str]) -> str:
    """ "2.119 + 82 = 2.201" (or just "2.201" for one fact); `number` formats an int for the reader."""
    values = [facts.get(i) for i in ids]
    present = [v for v in values if v is not None]
    if len(present) < len(values):
        return "…"
    total = number(sum(present))
    return total if len(ids) == 1 else " + ".join(number(v) for v in present) + " = " + total
