"""What a table of many inspections shows of each one's result: totals and one number per scored criterion.

The store keeps a scorecard next to the cached totals whenever it scores an inspection, so a province's
ranking or matrix reads numbers instead of loading and re-scoring thousands of inspections. The values are
the ones a spreadsheet cell gets (rounded half away from zero to 2 places); the ranking key is the exact
percent as a float, so two units at 74.594% and 74.591% keep their order.
"""

from __future__ import annotations

import functools
import json
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from inspector.core.numbers import round_half_away

if TYPE_CHECKING:
    from inspector.core.scoring import Result


# Keyed by numerator and denominator: hashing a Fraction computes a modular inverse, slower than rounding.
@functools.lru_cache(maxsize=4096)
def _rounded_parts(numerator: int, denominator: int) -> float:
    return float(round_half_away(Fraction(numerator, denominator), 2))


def _rounded(value: Fraction) -> float:
    return _rounded_parts(value.numerator, value.denominator)


def cell_number(value: Fraction | None) -> float | None:
    """A point value for a spreadsheet cell, rounded to 2 places (the same few hundred values recur across a
    province: computed once each)."""
    return None if value is None else _rounded_parts(value.numerator, value.denominator)


class Scorecard(NamedTuple):
    total: float
    adjustment: float
    final: float
    percent: float | None  # rounded, for the cell
    rank_key: float  # the exact percent as a float (-1 when there is none), for ordering
    band: str | None
    critical_failed: tuple[str, ...]
    criteria: dict[str, float]  # scored criteria in checklist order → points

    @classmethod
    def of(cls, result: Result) -> Scorecard:
        return cls(_rounded(result.total), _rounded(result.adjustment), _rounded(result.final),
                   cell_number(result.percent), -1.0 if result.percent is None else float(result.percent),
                   result.band, tuple(result.critical_failed),
                   {r.criterion.id: _rounded(r.score) for s in result.sections for r in s.criteria
                    if r.criterion.scored})

    def to_json(self) -> str:
        return json.dumps(list(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Scorecard:
        total, adjustment, final, percent, rank_key, band, critical, criteria = json.loads(text)
        return cls(total, adjustment, final, percent, rank_key, band, tuple(critical), criteria)


class CardRow(NamedTuple):
    """One inspection in a table of many: who and when, and its scorecard."""

    id: int
    unit: str
    date: str  # ISO
    checklist: str  # "cchc-xa 2026.2"
    card: Scorecard
