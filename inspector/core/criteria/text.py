"""A written observation: recorded and shown, never scored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inspector.core.criteria.base import CriterionType
from inspector.core.model import Criterion


class Text(CriterionType):
    name = "text"
    has_max = False
    scored = False
    required = ()
    template = {"type": "text"}

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        return {"value": texts.get("value", "").strip() or None}
