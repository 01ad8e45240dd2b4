"""The criterion types, one object each (`base.CriterionType` says what each one answers for).

Adding a type: a module here with its object, listed in `TYPES`; its answer widget in
`inspector/tui/widgets/answers.py`; its words (`ctype.<name>` and any messages) in the catalog.
"""

from __future__ import annotations

from inspector.core.criteria.base import CriterionType, Edit, Unreadable
from inspector.core.criteria.choice import Choice
from inspector.core.criteria.count import Count
from inspector.core.criteria.multi import Multi
from inspector.core.criteria.number import Number
from inspector.core.criteria.ratio import Ratio
from inspector.core.criteria.text import Text
from inspector.core.criteria.yes_no import YesNo
from inspector.core.model import Criterion

TYPES: dict[str, CriterionType] = {kind.name: kind for kind in (
    YesNo(), Choice(), Multi(), Ratio(), Number(), Count(), Text())}
TYPE_NAMES: tuple[str, ...] = tuple(TYPES)


def kind_of(c: Criterion) -> CriterionType:
    """The behaviour of a criterion's type."""
    return TYPES[c.type]


__all__ = ["TYPES", "TYPE_NAMES", "CriterionType", "Edit", "Unreadable", "kind_of"]
