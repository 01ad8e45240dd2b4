"""What every criterion type answers for itself: its keys, how its answer is typed, checked, scored,
explained and shown. One object per type (`inspector.core.criteria.TYPES`); nothing else in the program
branches on a criterion's type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar


from inspector.core.i18n import decimal_mark, t
from inspector.core.model import Answer, Criterion
from inspector.core.numbers import ZERO, show
from inspector.core.record import evolve

if TYPE_CHECKING:
    from inspector.core.checklist import ChecklistBuilder
    from inspector.core.problems import Path

# (field, catalog key, params): a rule an answer breaks, shown under that field or at that key of a file.
AnswerProblem = tuple[str, str, dict[str, object]]
# A change to one answer (an answer key pressed on the list): applied to the stored answer.
Edit = Callable[[Answer], Answer]

YES_WORDS = frozenset({"x", "có", "co", "c", "y", "true", "yes", "1", "đúng", "đạt"})
NO_WORDS = frozenset({"không", "khong", "k", "n", "false", "no", "0", "sai"})


def yes_or_no(text: str) -> bool | None:
    """"Có", "x", "yes", "1" → True; "Không", "no", "0" → False; anything else None."""
    word = text.strip().casefold()
    return True if word in YES_WORDS else False if word in NO_WORDS else None


class Unreadable(Exception):
    """Typed text that is no value of its field: `field` and the reason, translated."""

    def __init__(self, field: str, key: str, **params: object):
        self.field, self.key, self.params = field, key, params
        super().__init__(f"{field}: {key}")

    def message(self, lang: str | None = None) -> str:
        from inspector.core.problems import Msg

        return t(self.key, lang, **{k: v.render(lang) if isinstance(v, Msg) else v for k, v in self.params.items()})


def with_value(**fields: Any) -> Edit:
    """An edit that records a value: the criterion is no longer N/A."""
    return lambda answer: evolve(answer, na=False, reason="", **fields)


class CriterionType:
    """The behaviour of one criterion type. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    has_max: ClassVar[bool] = True  # scored out of `max` (a count scores `each` per occurrence; text nothing)
    scored: ClassVar[bool] = True
    adjustment_only: ClassVar[bool] = False  # allowed only in a bonus/penalty section
    required: ClassVar[tuple[str, ...]] = ("max",)  # keys the type needs besides id, title and type
    one_of: ClassVar[tuple[str, ...]] = ()  # exactly one of these keys
    template: ClassVar[dict[str, Any]] = {}  # a new criterion of this type in the editor
    value_keys: ClassVar[tuple[str, ...]] = ("value",)  # the answer's fields that hold its value
    # Keys an answer may give besides its value, also when computed from figures (a ratio's reported rate).
    extra_keys: ClassVar[tuple[str, ...]] = ()
    file_kind: ClassVar[str] = "string"  # how an answer file writes the value (a Checker kind)
    fact_sides: ClassVar[tuple[str, ...]] = ()  # may be computed from figures: the sides of its `facts` table
    facts_example: ClassVar[str] = ""
    answer_keys: ClassVar[tuple[str, ...]] = ()  # keys pressed on the list that answer it: "yes", "no", "1"…"9"
    hint: ClassVar[str] = ""  # catalog key of the line that says how to answer it by keys

    # ---- the checklist file
    def load(self, builder: ChecklistBuilder, raw: dict[str, Any], path: Path, maximum: Fraction | None,
             fields: dict[str, Any]) -> None:
        """Read this type's own keys of a `[[section.criterion]]` table into `fields` (the model's), reporting
        problems to the builder's checker; `maximum` is None when `max` is missing or invalid."""

    # ---- answering
    def may_be_na(self, c: Criterion) -> bool:
        """Whether an answer may mark it "không áp dụng" (its checklist does not forbid it)."""
        return c.na != "forbidden"

    def offers_na(self, c: Criterion) -> bool:
        """Whether the interface offers N/A for it: allowed, and it has a score to leave out."""
        return self.scored and self.may_be_na(c)

    @property
    def self_scored(self) -> bool:
        """Whether the unit gives itself a score for it (out of the criterion's max)."""
        return self.scored and self.has_max

    def parse(self, c: Criterion, texts: Mapping[str, str]) -> dict[str, Any]:
        """The answer fields from what was typed in each of `value_keys` ("" clears); Unreadable when text is
        no value of its field. Everything typed in the interface is read here."""
        raise NotImplementedError

    def texts(self, c: Criterion, answer: Answer | None) -> dict[str, str]:
        """What the fields of `value_keys` show for a recorded answer: the inverse of `parse` ("" for none)."""
        if answer is None or answer.na:
            return {key: "" for key in self.value_keys}
        return {key: self.field_text(getattr(answer, key)) for key in self.value_keys}

    def field_text(self, value: Any) -> str:
        """One recorded value as it is typed."""
        return "" if value is None else str(value)

    def keyed(self, c: Criterion, key: str) -> Edit | None:
        """The change a key pressed on the list makes ("yes", "no", "1"…"9"), or None when it means nothing."""
        return None

    def problems(self, c: Criterion, answer: Answer) -> list[AnswerProblem]:
        """The rules this type's value breaks (the answer is not N/A)."""
        return []

    def automatic_na(self, c: Criterion, answer: Answer) -> str | None:
        """A reason the answer makes the criterion not applicable by itself (a ratio of 0/0), or None."""
        return None

    def figure_fields(self, c: Criterion, sums: Mapping[str, int]) -> dict[str, Any]:
        """The answer fields a computed criterion takes from the sums of its facts, one per side of
        `fact_sides` (the rest of its answer is the team's own)."""
        raise NotImplementedError

    def value_from_data(self, value: Any) -> Any:
        """The value as stored (JSON) back into the model's type."""
        if isinstance(value, list):
            return tuple(value)
        return value

    # ---- scoring and words
    def points(self, c: Criterion, answer: Answer) -> Fraction:
        """The points an answered, validated criterion earns by this type's rule."""
        return ZERO

    def explain(self, c: Criterion, answer: Answer, points: Fraction, lang: str | None = None) -> str:
        """One line saying why an answered criterion got `points`."""
        return t("exp.text", lang)

    def value_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        """The recorded value as a person reads it in a document or a spreadsheet cell ("" when none)."""
        return "" if answer.value is None else str(answer.value)

    def rule_lines(self, c: Criterion, lang: str | None = None) -> list[str]:
        """The scoring rule, one short line each."""
        return []

    def samples(self, c: Criterion) -> list[Answer]:
        """Answers that show how it scores (the editor's preview); each carries evidence."""
        return []

    def self_score_bounds(self, c: Criterion) -> tuple[Fraction, Fraction]:
        """The self-scores the unit may give it."""
        return ZERO, c.max

    def value_labels(self, c: Criterion) -> str:
        """What its value's parts mean, when the checklist says ("Số TTHC niêm yết / Số TTHC cấp xã")."""
        return ""

    def measured(self, c: Criterion, answer: Answer) -> bool:
        """Whether its answer is a measurement worth printing beside the score (a ratio, a number, a count)."""
        return False

    def shortfall_text(self, c: Criterion, answer: Answer, lang: str | None = None) -> str:
        """What was found, in the words of a drafted shortfall ("đạt 2.035/2.201 = 92,5%", the level chosen,
        the items missing); "" when the answer itself says nothing more than "not met"."""
        if self.measured(c, answer) and (shown := self.value_text(c, answer, lang)):
            return t("draft.measured", lang, value=shown)
        return ""


def points_text(value: Fraction, lang: str | None = None) -> str:
    return show(value, decimal_mark(lang))


def sample(c: Criterion, **fields: Any) -> Answer:
    return Answer(c.id, evidence=("…",), **fields)
