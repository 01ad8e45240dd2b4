"""Where the unit's self-assessment and the team's findings differ: scores (with the unit's giải trình)
and the figures the unit reported against those the team recorded."""

from __future__ import annotations

from fractions import Fraction
from typing import Mapping


from inspector.core.model import (
    ANSWERED,
    MISSING_EVIDENCE,
    NA,
    Answer,
    Checklist,
    Criterion,
    Fact,
)
from inspector.core.record import record
from inspector.core.scoring import Result

JUDGED = (ANSWERED, NA, MISSING_EVIDENCE)  # the team has scored it: a difference is real


@record
class ScoreDifference:
    criterion: Criterion
    self_score: Fraction
    inspected: Fraction
    explanation: str


@record
class FigureDifference:
    fact: Fact
    reported: int
    recorded: int | None  # None: the team has not recorded it yet


def score_differences(result: Result, answers: Mapping[str, Answer]) -> list[ScoreDifference]:
    """Criteria the team has scored whose score is not the unit's own, in checklist order."""
    found = []
    for outcome in result.criteria:
        answer = answers.get(outcome.criterion.id)
        if answer is None or answer.self_score is None or outcome.status not in JUDGED:
            continue
        if answer.self_score != outcome.score:
            found.append(ScoreDifference(outcome.criterion, answer.self_score, outcome.score, answer.explanation))
    return found


def differs(result_score: Fraction, status: str, answer: Answer | None) -> bool:
    """One criterion's test, for marking it in a list."""
    return answer is not None and answer.self_score is not None and status in JUDGED and \
        answer.self_score != result_score


def figure_differences(checklist: Checklist, recorded: Mapping[str, int],
                       reported: Mapping[str, int]) -> list[FigureDifference]:
    """Figures the unit reported that the team recorded otherwise (or not yet), in checklist order."""
    return [FigureDifference(fact, reported[fact.id], recorded.get(fact.id)) for fact in checklist.facts
            if fact.id in reported and reported[fact.id] != recorded.get(fact.id)]
