"""Properties that must hold for any input: bounds, normalisation, order independence, no tracebacks."""

import random
import re
import tomllib
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector.core.answers import answers_from_text
from inspector.core.checklist import checklist_from_text
from inspector.core.model import Answer
from inspector.core.numbers import exact_sum
from inspector.core.problems import FileProblems
from inspector.core.scoring import score

ROOT = Path(__file__).resolve().parent.parent
CCHC_TEXT = (ROOT / "checklists" / "cchc-xa.toml").read_text(encoding="utf-8")
# The example pins 2026.2; its answers are valid on the current release too (criterion and option ids are stable).
EXAMPLE_TEXT = (ROOT / "checklists" / "examples" / "cchc-xa.answers.toml").read_text(encoding="utf-8") \
    .replace('checklist_version = "2026.2"', 'checklist_version = "2026.3"')
CCHC = checklist_from_text(CCHC_TEXT, "cchc-xa.toml")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def answer_for(draw, c):
    if draw(st.integers(0, 9)) == 0:
        return None
    if c.na != "forbidden" and draw(st.integers(0, 9)) == 0:
        return Answer(c.id, na=True, reason="Không phát sinh")
    evidence = ("QĐ 1",) if draw(st.booleans()) else ()
    if c.type == "yes_no":
        return Answer(c.id, value=draw(st.booleans()), evidence=evidence)
    if c.type == "choice":
        return Answer(c.id, value=draw(st.sampled_from([o.id for o in c.options])), evidence=evidence)
    if c.type == "multi":
        ids = [i.id for i in c.items]
        return Answer(c.id, value=tuple(draw(st.lists(st.sampled_from(ids), unique=True))), evidence=evidence)
    if c.type == "ratio":
        d = draw(st.integers(1 if c.na == "forbidden" else 0, 10_000))
        return Answer(c.id, numerator=draw(st.integers(0, d)), denominator=d, evidence=evidence)
    if c.type == "number":
        lo, hi = c.range if c.range else (Fraction(-1000), Fraction(1000))
        value = Fraction(draw(st.integers(int(lo * 100), int(hi * 100))), 100)
        return Answer(c.id, value=value, evidence=evidence)
    if c.type == "count":
        return Answer(c.id, value=draw(st.integers(0, 50)))
    return Answer(c.id, value=draw(st.text(max_size=20)))


@st.composite
def answer_sets(draw, checklist=CCHC):
    answers = {}
    for c in checklist.criteria:
        a = draw(answer_for(c))
        if a is not None:
            answers[c.id] = a
    return answers


@FAST
@given(answer_sets(), st.sampled_from([None, "xa", "phuong", "dac-khu"]))
def test_scores_stay_within_bounds(answers, unit_type):
    r = score(CCHC, answers, unit_type)
    assert 0 <= r.total <= r.applicable_max <= r.max == 100
    for s in r.sections:
        if s.section.is_adjustment:
            assert s.section.min <= s.score <= s.section.max
        else:
            assert 0 <= s.score <= s.applicable_max <= s.max
        for c in s.criteria:
            assert c.status in ("answered", "na", "unanswered", "missing_evidence")
            if not s.section.is_adjustment:
                assert 0 <= c.score <= c.max
            assert c.explanation  # every score says why
    assert -10 <= r.adjustment <= 2
    if r.percent is not None:
        assert 0 <= r.percent <= 100
        assert r.band in {b.label for b in CCHC.bands}


@FAST
@given(answer_sets(), st.sampled_from([None, "xa", "phuong"]),
       st.dictionaries(st.sampled_from(sorted({f for c in CCHC.criteria for f in c.all_fact_ids})),
                       st.integers(0, 5_000)))
def test_sums_are_the_plain_sums_of_their_parts(answers, unit_type, facts):
    """The engine's one-pass section sums (grouped by denominator) agree with summing criterion by criterion."""
    r = score(CCHC, answers, unit_type, facts, ("Báo cáo số 1/BC-UBND",))
    for s in r.sections:
        results = s.criteria
        assert s.raw_score == sum((c.score for c in results), Fraction(0))
        assert s.applicable_max == s.max - sum((c.max for c in results if c.applicable_max != c.max), Fraction(0))
        assert s.critical_failed == tuple(c.id for c in results if c.critical_failed)
        if not s.section.is_adjustment:
            assert s.unanswered == sum(1 for c in results if c.status == "unanswered" and c.criterion.scored)
    normal = [s for s in r.sections if not s.section.is_adjustment]
    assert r.total == sum((s.score for s in normal), Fraction(0))
    assert r.applicable_max == sum((s.applicable_max for s in normal), Fraction(0))


@given(st.lists(st.fractions(max_denominator=10**6), max_size=30))
def test_exact_sum_is_the_sum(values):
    assert exact_sum(values) == sum(values, Fraction(0))


def _shuffled_sections(text: str, seed: int) -> str:
    data = tomllib.loads(text, parse_float=Decimal)
    random.Random(seed).shuffle(data["section"])
    for section in data["section"]:
        random.Random(seed + 1).shuffle(section["criterion"])
    return tomli_w.dumps(data)


@FAST
@given(answer_sets(), st.integers(0, 10_000))
def test_shuffling_sections_does_not_change_totals(answers, seed):
    shuffled = checklist_from_text(_shuffled_sections(CCHC_TEXT, seed))
    a, b = score(CCHC, answers, "xa"), score(shuffled, answers, "xa")
    assert (a.total, a.max, a.applicable_max, a.adjustment, a.percent, a.band, a.provisional) == \
           (b.total, b.max, b.applicable_max, b.adjustment, b.percent, b.band, b.provisional)
    assert sorted(a.critical_failed) == sorted(b.critical_failed)


VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ĐƯƠ", min_size=1, max_size=30).filter(str.strip)


@FAST
@given(VIETNAMESE, VIETNAMESE)
def test_an_nfd_file_scores_like_its_nfc_twin(unit, label):
    checklist_text = CCHC_TEXT.replace("Ban hành đúng hạn, đầy đủ nội dung", label)
    answers_text = EXAMPLE_TEXT.replace("UBND phường An Thạnh (đơn vị giả định)", unit)
    nfc_checklist = checklist_from_text(unicodedata.normalize("NFC", checklist_text))
    nfd_checklist = checklist_from_text(unicodedata.normalize("NFD", checklist_text))
    nfc = answers_from_text(unicodedata.normalize("NFC", answers_text), nfc_checklist)
    nfd = answers_from_text(unicodedata.normalize("NFD", answers_text), nfd_checklist)
    assert nfd.info.unit == unicodedata.normalize("NFC", unit)
    assert nfd_checklist.criterion("A1").options[0].label == unicodedata.normalize("NFC", label)
    assert nfc_checklist.sha256 == nfd_checklist.sha256
    a, b = score(nfc_checklist, nfc.answers, "phuong"), score(nfd_checklist, nfd.answers, "phuong")
    assert [(c.id, c.score, c.explanation) for c in a.criteria] == [(c.id, c.score, c.explanation) for c in b.criteria]


LINE_PREFIX = re.compile(r"^bad\.toml:\d+: ")


def _check_refusal_or_success(text: str) -> None:
    try:
        checklist_from_text(text, "bad.toml")
    except FileProblems as problems:
        for lang in ("vi", "en"):
            rendered = problems.render(lang).splitlines()
            assert rendered and all(LINE_PREFIX.match(line) for line in rendered), rendered


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_checklists_never_give_a_traceback(data):
    text = CCHC_TEXT[:6000]
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(text)))
        kind = data.draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if kind == "delete":
            text = text[:position] + text[position + data.draw(st.integers(1, 40)):]
        elif kind == "insert":
            text = text[:position] + data.draw(st.text(alphabet='[]{}"=.,#\n -_axyz019ễ', max_size=12)) + text[position:]
        else:
            line_start = text.rfind("\n", 0, position) + 1
            line_end = text.find("\n", position)
            text = text[:line_end] + "\n" + text[line_start:line_end] + text[line_end:] if line_end > 0 else text
    _check_refusal_or_success(text)


TOML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.decimals(allow_nan=False, allow_infinity=False, places=2)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
        ["id", "title", "type", "max", "steps", "min", "points", "options", "label", "items", "linear", "floor",
         "target", "each", "limit", "kind", "criterion", "na", "evidence", "range", "applies_to", "x"]), inner, max_size=5),
    max_leaves=20,
)


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["format", "id", "version", "title", "scoring", "section", "unit_types", "tiltle"]),
                       TOML_VALUES, max_size=7))
def test_random_structures_never_give_a_traceback(document):
    try:
        text = tomli_w.dumps(_drop_none(document))
    except (TypeError, ValueError):
        return  # not representable as TOML (e.g. mixed arrays in old writers): nothing to test
    _check_refusal_or_success(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_give_a_traceback(raw):
    from inspector.core.source import decode, parse

    try:
        text = decode(raw, "bad.toml")
        from inspector.core.checklist import build_checklist

        build_checklist(parse(text, "bad.toml"))
    except FileProblems as problems:
        assert all(LINE_PREFIX.match(line) for line in problems.render("en").splitlines())


_LIMIT_LEAVES = st.one_of(
    st.text(max_size=8), st.sampled_from(["a\nb", "x\x07", "\u202e", "ok\t", "\ufffe", "a" * 10]),
    st.integers(min_value=-(10**20), max_value=10**20), st.booleans(), st.none(),
    st.decimals(allow_nan=True, allow_infinity=True, places=None), st.dates(), st.floats(allow_nan=False))


@given(st.recursive(_LIMIT_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["a", "b", "k\x01", "c"]), inner, max_size=4)), max_leaves=30))
def test_the_quick_limits_check_agrees_with_the_full_walk(data):
    """`within_limits` (no paths, the common case) says yes exactly when the full walk finds nothing."""
    from inspector.core import limits

    found = list(limits.walk_problems(data))
    if type(data) in (dict, list):
        assert limits.within_limits(data) == (found == [])
    assert list(limits.data_problems(data)) == found


def test_the_quick_limits_check_counts_depth_as_the_full_walk():
    from inspector.core import limits

    for depth in (limits.MAX_DEPTH - 1, limits.MAX_DEPTH, limits.MAX_DEPTH + 1):
        data: list = []
        for _ in range(depth):
            data = [data]
        assert limits.within_limits(data) == (list(limits.walk_problems(data)) == []), depth
