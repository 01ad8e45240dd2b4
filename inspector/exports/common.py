"""What every export shares: one inspection with its result, readable answers, safe cells and names."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence


from inspector.core.answer_data import ANSWER_FIELDS
from inspector.core.criteria import kind_of
from inspector.core.explain import value_key
from inspector.core.glyphs import plain
from inspector.core.i18n import language, t
from inspector.core.limits import clean_text
from inspector.core.model import Answer, Criterion
from inspector.core.progress import Progress
from inspector.core.record import record
from inspector.core.scorecard import CardRow, Scorecard, cell_number
from inspector.core.scoring import CriterionResult, Result, score
from inspector.store.database import Inspection, Store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class DocumentProblem(Exception):
    """A document that could not be made (a template that cannot be used, a PDF that could not be
    converted): `message()` says why and what to do, in one line. Nothing was written."""

    def message(self, lang: str | None = None) -> str:
        raise NotImplementedError


@record
class Exported:
    """One inspection as exports see it: the stored record and its result (computed by the core)."""

    record: Inspection
    result: Result

    @classmethod
    def of(cls, record: Inspection) -> "Exported":
        return cls(record, score(record.checklist, record.answers, record.info.unit_type, record.facts,
                                   record.info.facts_evidence, record.info.period_end))

    def card_row(self) -> CardRow:
        """This inspection as a line of a table of many (what `Store.card_rows` reads from the store)."""
        record = self.record
        return CardRow(record.id, record.info.unit, record.info.date.isoformat(),
                       f"{record.checklist.id} {record.checklist.version}", Scorecard.of(self.result))


number = cell_number  # a point value for a spreadsheet cell, rounded half away from zero to 2 places


def answer_text(c: Criterion, answer: Answer | None, lang: str | None = None) -> str:
    """The recorded answer as a person reads it: Có, «label», 139/139 (100%), 86,5 điểm…

    Cached on (criterion, the answer's value, language, plain glyphs), as explanations are: a province's export repeats them."""
    if answer is None:
        return ""
    key = (id(c), value_key(answer), lang or language(), plain())
    found = _ANSWER_TEXTS.get(key)
    if found is not None and found[0] is c:
        return found[1]
    text = t("exp.na_short", lang, reason=answer.reason) if answer.na else kind_of(c).value_text(c, answer, lang)
    if len(_ANSWER_TEXTS) > 50_000:
        _ANSWER_TEXTS.clear()
    _ANSWER_TEXTS[key] = (c, text)
    return text


_ANSWER_TEXTS: dict[tuple[object, ...], tuple[Criterion, str]] = {}


def stored_answer_text(c: Criterion, text: str | None, lang: str | None = None) -> str:
    """A history value as a person reads it: a whole answer (as stored) in words with its evidence and note;
    any other value as it is; "∅" for nothing."""
    import json

    if text is None or text == "":
        return "∅"
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict) or not data.keys() <= set(ANSWER_FIELDS):
        return text
    from inspector.core.answer_data import answer_from_data

    try:
        answer = answer_from_data(c.id, data, c)
    except (ValueError, TypeError, ZeroDivisionError):
        return text
    parts = [answer_text(c, answer, lang)]
    if answer.evidence:
        parts.append(f"{t('conflict.evidence', lang)}: {'; '.join(answer.evidence)}")
    if answer.note:
        parts.append(f"{t('conflict.note', lang)}: {answer.note}")
    return " — ".join(part for part in parts if part) or "∅"


def fact_rows(exported: Exported) -> list[tuple[str, str, int | None, str]]:
    """(id, label, value or None, unit) per declared fact, in checklist order."""
    facts = exported.result.facts
    return [(f.id, f.label, facts.get(f.id), f.unit) for f in exported.record.checklist.facts]


def check_rows(exported: Exported, lang: str | None = None) -> list[tuple[str, str, str]]:
    """(label, both sums, verdict) per check: khớp, chưa khớp, or not evaluated yet."""
    from inspector.core.describe import check_detail

    rows = []
    for check in exported.result.checks:
        verdict = "facts.verdict_failed" if check.failed else "facts.verdict_ok" if check.evaluated \
            else "facts.verdict_open"
        rows.append((check.check.label, check_detail(check, exported.result.facts, lang), t(verdict, lang)))
    return rows


def status_text(r: CriterionResult, lang: str | None = None) -> str:
    return t(f"status.{r.status}", lang)


def neutralise(value):
    """CSV text: a spreadsheet would run text starting with =, +, -, @ as a formula, so it gets an apostrophe;
    control characters are cleaned as everywhere else."""
    return _neutral_text(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=1 << 16)  # a province's CSV repeats the same titles and verdicts 3,321 times
def _neutral_text(value: str) -> str:
    if not value.isprintable():  # the common case (printable, Vietnamese included) skips the cleaning pass
        value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_BREAKING = ("Cc", "Zl", "Zp")  # line breaks and controls: a space
_INVISIBLE = ("Cf", "Cs", "Co", "Cn")  # format marks, surrogates, private and unassigned: dropped
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(text: str, limit: int = 80) -> str:
    """A file name from user text: no path separators, control or reserved characters, Windows-safe.

    Invisible characters go too: a right-to-left override would show "báo cáo‮xcod.exe" as something
    else in a file manager, and zero-width marks make two names look the same.
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(ch) in _BREAKING else ch for ch in text
                   if unicodedata.category(ch) not in _INVISIBLE)
    text = _UNSAFE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:limit].rstrip(" .")
    if not text or text.upper().split(".")[0] in _RESERVED:
        text = f"_{text}" if text else "inspector"
    return text


def default_name(exported: Exported) -> str:
    info = exported.record.info
    return safe_filename(f"{info.unit} {info.date.isoformat()}")


class StoredExports(Sequence[Exported]):
    """Inspections of a store loaded and scored one at a time as an export walks them: a province's CSV
    never holds 3,321 records at once, and its progress counts the loading too."""

    def __init__(self, store: Store, ids: list[int]):
        self.store, self.ids = store, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [Exported.of(self.store.load(number)) for number in self.ids[index]]
        return Exported.of(self.store.load(self.ids[index]))

    def __iter__(self) -> Iterator[Exported]:
        for number in self.ids:
            yield Exported.of(self.store.load(number))

    def card_rows(self, progress: Progress | None = None) -> list[CardRow]:
        """Their lines of a table of many, read from the store's scorecards (nothing loaded or scored)."""
        return self.store.card_rows(self.ids, progress)
