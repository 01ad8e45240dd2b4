"""The engine, type by type and rule by rule, with exact expected scores and explanations."""

from fractions import Fraction as F

import pytest
from conftest import make_answers, make_checklist

from inspector.core.scoring import score
from inspector.core.serialize import result_to_dict


def result_of(body, answers="", scoring="", unit_types="", unit_type=None):
    checklist = make_checklist(unit_types + scoring + body)
    parsed = make_answers(checklist, answers, unit_type)
    return score(checklist, parsed.answers, unit_type)


def criterion(result, cid):
    return next(r for r in result.criteria if r.id == cid)


SECTION = '[[section]]\nid = "S"\ntitle = "Mục"\n'


# ---- yes_no
def test_yes_no():
    body = SECTION + '[[section.criterion]]\nid = "Y"\ntitle = "t"\ntype = "yes_no"\nmax = 1.5\n'
    yes = result_of(body, "[answers.Y]\nvalue = true\n")
    no = result_of(body, "[answers.Y]\nvalue = false\n")
    assert criterion(yes, "Y").score == F("1.5")
    assert criterion(yes, "Y").explanation == "Có → 1,5 điểm"
    assert criterion(no, "Y").score == 0
    assert criterion(no, "Y").explanation == "Không → 0 điểm"


# ---- choice
CHOICE = SECTION + """
[[section.criterion]]
id = "C"
title = "t"
type = "choice"
max = 1.5
options = [
  { id = "du", label = "Đủ, đúng hạn", points = 1.5 },
  { id = "tre", label = "Trễ", points = 0.75 },
  { id = "khong", label = "Không", points = -1 },
]
"""


@pytest.mark.parametrize("option, points", [("du", F("1.5")), ("tre", F("0.75")), ("khong", F(-1))])
def test_choice_gives_the_option_points(option, points):
    r = result_of(CHOICE, f'[answers.C]\nvalue = "{option}"\n')
    assert criterion(r, "C").score == points


def test_choice_explanation_names_the_option():
    r = result_of(CHOICE, '[answers.C]\nvalue = "tre"\n')
    assert criterion(r, "C").explanation == "«Trễ» → 0,75 điểm"


# ---- multi
MULTI_POINTS = SECTION + """
[[section.criterion]]
id = "M"
title = "t"
type = "multi"
max = 1
items = [{ id = "a", label = "A", points = 0.4 }, { id = "b", label = "B", points = 0.4 }, { id = "c", label = "C", points = 0.4 }]
"""
MULTI_SHARE = SECTION + """
[[section.criterion]]
id = "M"
title = "t"
type = "multi"
max = 2
items = [{ id = "a", label = "A" }, { id = "b", label = "B" }, { id = "c", label = "C" }]
"""


def test_multi_with_points_sums_and_caps_at_max():
    two = result_of(MULTI_POINTS, '[answers.M]\nvalue = ["a", "c"]\n')
    three = result_of(MULTI_POINTS, '[answers.M]\nvalue = ["a", "b", "c"]\n')
    assert criterion(two, "M").score == F("0.8")
    assert criterion(three, "M").score == 1
    assert criterion(three, "M").explanation == "3 nội dung đạt: 0,4 + 0,4 + 0,4 = 1,2, tối đa 1 → 1 điểm"


def test_multi_without_points_shares_max_exactly():
    r = result_of(MULTI_SHARE, '[answers.M]\nvalue = ["a"]\n')
    assert criterion(r, "M").score == F(2, 3)
    assert criterion(r, "M").explanation == "1/3 nội dung đạt × 2 → 0,67 điểm"
    none = result_of(MULTI_SHARE, "[answers.M]\nvalue = []\n")
    assert criterion(none, "M").score == 0 and criterion(none, "M").status == "answered"
    assert criterion(none, "M").explanation == "Không nội dung nào đạt → 0 điểm"


# ---- ratio
RATIO_STEPS = SECTION + """
[[section.criterion]]
id = "R"
title = "t"
type = "ratio"
max = 3
steps = [{ min = 100, points = 3 }, { min = 99.95, points = 2 }, { min = 57, points = 1 }]
"""


@pytest.mark.parametrize(
    "n, d, points, explanation",
    [
        (139, 139, 3, "139/139 = 100% ≥ 100% → 3 điểm"),
        (1999, 2000, 2, "1.999/2.000 = 99,95% ≥ 99,95% → 2 điểm"),
        (57, 100, 1, "57/100 = 57% ≥ 57% → 1 điểm"),
        (56, 100, 0, "56/100 = 56% < 57% → 0 điểm"),
        (5699, 10000, 0, "5.699/10.000 = 56,99% < 57% → 0 điểm"),
    ],
)
def test_ratio_steps_compare_exactly(n, d, points, explanation):
    r = result_of(RATIO_STEPS, f"[answers.R]\nnumerator = {n}\ndenominator = {d}\n")
    assert criterion(r, "R").score == points
    assert criterion(r, "R").explanation == explanation


def test_ratio_explanation_never_rounds_across_a_threshold():
    # 99.9499...% must not read "99,95% < 99,95%".
    r = result_of(RATIO_STEPS, "[answers.R]\nnumerator = 199899\ndenominator = 200000\n")
    assert criterion(r, "R").score == 1
    assert criterion(r, "R").explanation == "199.899/200.000 = 99,9495% ≥ 57% → 1 điểm"


RATIO_LINEAR = SECTION + """
[[section.criterion]]
id = "L"
title = "t"
type = "ratio"
max = 2.5
linear = { floor = 80, target = 100 }
"""


@pytest.mark.parametrize(
    "n, d, points",
    [(79, 100, F(0)), (80, 100, F(2)), (85, 100, F("2.125")), (100, 100, F("2.5")), (1, 3, F(0)), (5, 6, F(25, 12))],
)
def test_ratio_linear(n, d, points):
    r = result_of(RATIO_LINEAR, f"[answers.L]\nnumerator = {n}\ndenominator = {d}\n")
    assert criterion(r, "L").score == points


def test_ratio_linear_explanations():
    below = result_of(RATIO_LINEAR, "[answers.L]\nnumerator = 79\ndenominator = 100\n")
    mid = result_of(RATIO_LINEAR, "[answers.L]\nnumerator = 17\ndenominator = 20\n")
    full = result_of(RATIO_LINEAR, "[answers.L]\nnumerator = 20\ndenominator = 20\n")
    assert criterion(below, "L").explanation == "79/100 = 79% < ngưỡng 80% → 0 điểm"
    assert criterion(mid, "L").explanation == "17/20 = 85%, từ ngưỡng 80%: 2,5 × 85/100 → 2,13 điểm"
    assert criterion(full, "L").explanation == "20/20 = 100% ≥ 100% → 2,5 điểm"


def test_linear_target_below_100_caps_at_max():
    body = SECTION + '[[section.criterion]]\nid = "L"\ntitle = "t"\ntype = "ratio"\nmax = 1\nlinear = { floor = 0, target = 50 }\n'
    r = result_of(body, "[answers.L]\nnumerator = 9\ndenominator = 10\n")
    assert criterion(r, "L").score == 1
    r = result_of(body, "[answers.L]\nnumerator = 1\ndenominator = 10\n")
    assert criterion(r, "L").score == F(1, 5)


# ---- number
NUMBER = SECTION + """
[[section.criterion]]
id = "N"
title = "t"
type = "number"
max = 3
unit = "điểm"
range = [0, 100]
steps = [{ min = 90, points = 3 }, { min = 80, points = 2 }, { min = 70.5, points = 1 }]
"""


@pytest.mark.parametrize("value, points", [("95", 3), ("90", 3), ("89.99", 2), ("70.5", 1), ("70.49", 0), ("0", 0)])
def test_number_steps(value, points):
    r = result_of(NUMBER, f"[answers.N]\nvalue = {value}\n")
    assert criterion(r, "N").score == points


def test_number_explanation_shows_unit():
    r = result_of(NUMBER, "[answers.N]\nvalue = 86.5\n")
    assert criterion(r, "N").explanation == "86,5 điểm ≥ 80 → 2 điểm"


# ---- count, adjustment sections
ADJUST = SECTION + """
[[section.criterion]]
id = "Y"
title = "t"
type = "yes_no"
max = 10

[[section]]
id = "T"
title = "Thưởng, trừ"
kind = "adjustment"
min = -3
max = 1

[[section.criterion]]
id = "P"
title = "phạt"
type = "count"
each = -0.5
limit = -2

[[section.criterion]]
id = "B"
title = "thưởng"
type = "count"
each = 1
limit = 2
"""


@pytest.mark.parametrize(
    "penalties, bonuses, section_score",
    [(0, 0, 0), (1, 0, F("-0.5")), (3, 0, F("-1.5")), (10, 0, F(-2)), (0, 1, 1), (0, 5, 1), (2, 2, 1), (10, 1, F(-1))],
)
def test_count_limits_and_section_clamp(penalties, bonuses, section_score):
    r = result_of(ADJUST, f"[answers.Y]\nvalue = true\n[answers.P]\nvalue = {penalties}\n[answers.B]\nvalue = {bonuses}\n")
    assert r.adjustment == section_score
    assert r.max == 10 and r.applicable_max == 10  # adjustments add nothing to max
    assert r.final == 10 + section_score


def test_count_explanations():
    r = result_of(ADJUST, "[answers.P]\nvalue = 10\n[answers.B]\nvalue = 1\n")
    assert criterion(r, "P").explanation == "10 lần × -0,5 = -5, giới hạn -2 → -2 điểm"
    assert criterion(r, "B").explanation == "1 lần × 1 → 1 điểm"


def test_section_clamp_applies_to_the_sum():
    body = ADJUST.replace("min = -3", "min = -1")
    r = result_of(body, "[answers.Y]\nvalue = true\n[answers.P]\nvalue = 4\n")
    section = next(s for s in r.sections if s.id == "T")
    assert section.raw_score == -2 and section.score == -1 and r.adjustment == -1


def test_unanswered_adjustment_is_not_provisional():
    r = result_of(ADJUST, "[answers.Y]\nvalue = true\n")
    assert r.provisional is False and r.adjustment == 0


def test_percent_clamped_to_0_and_100():
    low = result_of(ADJUST, "[answers.Y]\nvalue = false\n[answers.P]\nvalue = 4\n")
    assert low.percent == 0
    high = result_of(ADJUST, "[answers.Y]\nvalue = true\n[answers.B]\nvalue = 1\n")
    assert high.percent == 100 and high.final == 11


# ---- text
def test_text_is_unscored_and_never_provisional():
    body = SECTION + '[[section.criterion]]\nid = "Y"\ntitle = "t"\ntype = "yes_no"\nmax = 1\n' \
        '[[section.criterion]]\nid = "X"\ntitle = "ghi nhận"\ntype = "text"\n'
    r = result_of(body, "[answers.Y]\nvalue = true\n")
    assert r.provisional is False and r.max == 1
    with_text = result_of(body, '[answers.Y]\nvalue = true\n[answers.X]\nvalue = "Người dân khen"\n')
    assert criterion(with_text, "X").score == 0 and criterion(with_text, "X").explanation == "Không chấm điểm"


# ---- statuses and N/A policies
TWO = SECTION + """
[[section.criterion]]
id = "A"
title = "t"
type = "yes_no"
max = 4

[[section.criterion]]
id = "B"
title = "t"
type = "yes_no"
max = 6
{extra}
"""


def test_unanswered_keeps_max_and_is_provisional():
    r = result_of(TWO.format(extra=""), "[answers.A]\nvalue = true\n")
    assert criterion(r, "B").status == "unanswered"
    assert criterion(r, "B").explanation == "Chưa trả lời → 0/6 điểm"
    assert (r.total, r.applicable_max, r.percent, r.provisional) == (4, 10, 40, True)


def test_a_note_alone_is_still_unanswered():
    r = result_of(TWO.format(extra=""), '[answers.A]\nvalue = true\n[answers.B]\nnote = "hỏi lại sau"\n')
    assert criterion(r, "B").status == "unanswered" and r.provisional


@pytest.mark.parametrize(
    "policy, score, applicable, percent, explanation",
    [
        ("rescale", 0, 4, 100, "Không áp dụng (Không phát sinh) → không tính 6 điểm vào điểm tối đa"),
        ("full", 6, 10, 100, "Không áp dụng (Không phát sinh) → được điểm tối đa 6 điểm"),
        ("zero", 0, 10, 40, "Không áp dụng (Không phát sinh) → 0/6 điểm"),
    ],
)
def test_na_policies(policy, score, applicable, percent, explanation):
    r = result_of(TWO.format(extra=f'na = "{policy}"'),
                  '[answers.A]\nvalue = true\n[answers.B]\nna = true\nreason = "Không phát sinh"\n')
    b = criterion(r, "B")
    assert (b.status, b.score, b.applicable_max) == ("na", score, applicable - 4)
    assert r.applicable_max == applicable and r.percent == percent
    assert b.explanation == explanation
    assert r.provisional is False


def test_default_na_policy_comes_from_scoring_table():
    r = result_of(TWO.format(extra=""), '[answers.A]\nvalue = true\n[answers.B]\nna = true\nreason = "x"\n',
                  scoring='[scoring]\nna = "full"\n')
    assert criterion(r, "B").score == 6


def test_zero_denominator_is_na_with_engine_reason():
    body = SECTION + '[[section.criterion]]\nid = "R"\ntitle = "t"\ntype = "ratio"\nmax = 2\nna = "full"\n' \
        'steps = [{ min = 100, points = 2 }]\n'
    r = result_of(body, "[answers.R]\nnumerator = 0\ndenominator = 0\n")
    assert criterion(r, "R").status == "na" and criterion(r, "R").score == 2
    assert criterion(r, "R").explanation == "Không áp dụng (không phát sinh, mẫu số = 0) → được điểm tối đa 2 điểm"


def test_applies_to_makes_other_unit_types_na_rescale():
    body = TWO.format(extra='applies_to = ["xa"]\nna = "full"')
    r = result_of(body, "[answers.A]\nvalue = true\n", unit_types='unit_types = ["xa", "phuong"]\n', unit_type="phuong")
    b = criterion(r, "B")
    assert (b.status, b.score, b.applicable_max, r.applicable_max, r.provisional) == ("na", 0, 0, 4, False)
    assert b.explanation == 'Không áp dụng (không áp dụng cho loại đơn vị "phuong") → không tính 6 điểm vào điểm tối đa'
    same = result_of(body, "[answers.A]\nvalue = true\n", unit_types='unit_types = ["xa", "phuong"]\n', unit_type="xa")
    assert criterion(same, "B").status == "unanswered"


def test_missing_required_evidence_scores_zero_and_keeps_max():
    body = TWO.format(extra='evidence = "required"')
    r = result_of(body, "[answers.A]\nvalue = true\n[answers.B]\nvalue = true\n")
    assert criterion(r, "B").status == "missing_evidence" and criterion(r, "B").score == 0
    assert r.applicable_max == 10
    assert criterion(r, "B").explanation == "Thiếu tài liệu kiểm chứng bắt buộc → 0/6 điểm"
    ok = result_of(body, '[answers.A]\nvalue = true\n[answers.B]\nvalue = true\nevidence = ["QĐ 12"]\n')
    assert criterion(ok, "B").score == 6


# ---- bands and critical criteria
BANDS = """[scoring]
critical_cap = "Khá"
bands = [{ label = "Xuất sắc", min = 90 }, { label = "Tốt", min = 80 }, { label = "Khá", min = 70 }, { label = "Yếu", min = 0 }]
"""
CRIT = SECTION + """
[[section.criterion]]
id = "K"
title = "điểm liệt"
type = "ratio"
max = 10
critical = true
steps = [{{ min = 90, points = 10 }}]
{extra}

[[section.criterion]]
id = "R"
title = "t"
type = "ratio"
max = 90
linear = {{ floor = 0, target = 100 }}
"""


@pytest.mark.parametrize("n, band", [(100, "Xuất sắc"), (90, "Xuất sắc"), (89, "Tốt"), (80, "Tốt"), (79, "Khá"), (70, "Khá"), (69, "Yếu")])
def test_band_edges(n, band):
    r = result_of(CRIT.format(extra=""), f"[answers.K]\nnumerator = 1\ndenominator = 1\n[answers.R]\nnumerator = {n - 10}\ndenominator = 90\n", scoring=BANDS)
    assert r.percent == n and r.band == band


def test_critical_failure_caps_band_and_is_named():
    r = result_of(CRIT.format(extra=""), "[answers.K]\nnumerator = 1\ndenominator = 2\n[answers.R]\nnumerator = 90\ndenominator = 90\n", scoring=BANDS)
    assert r.percent == 90 and r.uncapped_band == "Xuất sắc"
    assert r.band == "Khá" and r.critical_failed == ("K",) and r.band_capped


def test_critical_failure_never_raises_a_lower_band():
    r = result_of(CRIT.format(extra=""), "[answers.K]\nnumerator = 0\ndenominator = 2\n[answers.R]\nnumerator = 10\ndenominator = 90\n", scoring=BANDS)
    assert r.band == "Yếu" and r.critical_failed == ("K",)


def test_critical_missing_evidence_fails():
    r = result_of(CRIT.format(extra='evidence = "required"'), "[answers.K]\nnumerator = 1\ndenominator = 1\n[answers.R]\nnumerator = 90\ndenominator = 90\n", scoring=BANDS)
    assert r.critical_failed == ("K",) and r.band == "Khá"


def test_unanswered_critical_does_not_fail():
    r = result_of(CRIT.format(extra=""), "[answers.R]\nnumerator = 90\ndenominator = 90\n", scoring=BANDS)
    assert r.critical_failed == () and r.provisional


def test_without_cap_the_band_stands_but_failures_are_listed():
    r = result_of(CRIT.format(extra=""), "[answers.K]\nnumerator = 0\ndenominator = 1\n[answers.R]\nnumerator = 90\ndenominator = 90\n",
                  scoring=BANDS.replace('critical_cap = "Khá"\n', ""))
    assert r.band == "Xuất sắc" and r.critical_failed == ("K",)


def test_no_applicable_max_means_no_percent_and_no_band():
    body = TWO.format(extra="")
    r = result_of(body, '[answers.A]\nna = true\nreason = "x"\n[answers.B]\nna = true\nreason = "y"\n', scoring=BANDS)
    assert r.applicable_max == 0 and r.percent is None and r.band is None
    assert result_to_dict(r)["percent"] is None and result_to_dict(r)["band"] is None


def test_explanations_follow_the_language():
    from inspector.core import i18n

    body = SECTION + '[[section.criterion]]\nid = "R"\ntitle = "t"\ntype = "ratio"\nmax = 1.5\nsteps = [{ min = 90, points = 1.5 }]\n'
    r = result_of(body, "[answers.R]\nnumerator = 139\ndenominator = 139\n")
    i18n.set_language("en")
    assert criterion(r, "R").explanation == "139/139 = 100% ≥ 90% → 1.5 points"


def test_rescore_equals_a_full_score_after_each_change():
    from pathlib import Path

    from inspector.core.answers import load_answers
    from inspector.core.checklist import load_checklist
    from inspector.core.model import Answer
    from inspector.core.scoring import rescore

    root = Path(__file__).resolve().parent.parent
    checklist = load_checklist(root / "checklists" / "versions" / "cchc-xa-2026.2.toml")  # the example's release
    answers = dict(load_answers(root / "checklists" / "examples" / "cchc-xa.answers.toml", checklist).answers)
    result = score(checklist, answers, "phuong")
    changes = [Answer("C1", numerator=100, denominator=139), None, Answer("T2", value=9),
               Answer("E1", numerator=1, denominator=2, evidence=("x",)), Answer("A5", na=True, reason="x")]
    for cid, change in zip(["C1", "D3", "T2", "E1", "A5"], changes):
        if change is None:
            answers.pop(cid, None)
        else:
            answers[cid] = change
        result = rescore(result, change, cid, "phuong")
        full = score(checklist, answers, "phuong")
        assert (result.total, result.applicable_max, result.adjustment, result.percent, result.band,
                result.provisional, result.critical_failed, result.progress()) == \
               (full.total, full.applicable_max, full.adjustment, full.percent, full.band,
                full.provisional, full.critical_failed, full.progress())
    assert result.critical_failed == ("C1", "E1") and result.provisional  # C1 now lacks its required evidence


def test_drafted_shortfalls_list_judged_criteria_below_max_only():
    from inspector.core.drafting import draft_shortfalls, self_score_totals

    body = TWO.format(extra='evidence = "required"') + '[[section.criterion]]\nid = "C"\ntitle = "Ba"\ntype = "yes_no"\nmax = 1\n'
    checklist = make_checklist(body)
    parsed = make_answers(checklist, '[answers.A]\nvalue = false\nnote = "thiếu"\nself_score = 4\n[answers.B]\nvalue = true\n')
    r = score(checklist, parsed.answers)
    # One sentence for the section; largest loss first; what was found, the team's note, the points.
    assert draft_shortfalls(r, parsed.answers, "vi") == (
        "Mục (đạt 0/11 điểm): t — chưa có tài liệu kiểm chứng (0/6 điểm); t — chưa đạt yêu cầu: thiếu (0/4 điểm).")
    assert self_score_totals(r, parsed.answers) == {"S": 4}


def test_drafts_read_as_sentences_grouped_by_section_with_titles_values_and_reasons():
    from inspector.core.drafting import draft_shortfalls, draft_strengths, self_scores, unexplained_shortfalls

    body = """
[[section]]
id = "A"
title = "Chỉ đạo, điều hành"

[[section.criterion]]
id = "A1"
title = "Ban hành Kế hoạch CCHC năm"
type = "choice"
max = 2
options = [{ id = "dung-han", label = "Đúng hạn", points = 2 }, { id = "muon", label = "Ban hành muộn", points = 1 }]

[[section.criterion]]
id = "A2"
title = "Tỷ lệ hồ sơ đúng hạn"
type = "ratio"
max = 2
steps = [{ min = 100, points = 2 }, { min = 90, points = 1 }]

[[section.criterion]]
id = "A3"
title = "Họp giao ban CCHC"
type = "yes_no"
max = 1

[[section]]
id = "B"
title = "Một cửa"

[[section.criterion]]
id = "B1"
title = "TTHC được niêm yết"
type = "yes_no"
max = 1

[[section.criterion]]
id = "B2"
title = "Trang thiết bị"
type = "multi"
max = 2
items = [{ id = "a", label = "Máy tính" }, { id = "b", label = "Ghế chờ" }]
"""
    checklist = make_checklist(body)
    parsed = make_answers(checklist, """
[answers.A1]
value = "muon"
self_score = 2
[answers.A2]
numerator = 95
denominator = 100
note = "5 hồ sơ trễ"
[answers.A3]
value = false
[answers.B1]
value = true
na = false
self_score = 1
[answers.B2]
value = ["a"]
""")
    r = score(checklist, parsed.answers)
    assert draft_shortfalls(r, parsed.answers, "vi").splitlines() == [
        # equal losses keep the checklist's order
        "Chỉ đạo, điều hành (đạt 2/5 điểm): ban hành Kế hoạch CCHC năm — ban hành muộn (1/2 điểm); tỷ lệ hồ sơ "
        "đúng hạn — đạt 95/100 = 95%: 5 hồ sơ trễ (1/2 điểm); họp giao ban CCHC — chưa đạt yêu cầu (0/1 điểm).",
        "Một cửa (đạt 2/3 điểm): trang thiết bị — còn thiếu: Ghế chờ (1/2 điểm)."]
    assert draft_strengths(r, "vi") == "Một cửa (đạt 2/3 điểm): đạt điểm tối đa 1/2 tiêu chí, trong đó TTHC được niêm yết."
    assert [x.id for x in unexplained_shortfalls(r, parsed.answers)] == ["A3"]  # a bare "no" says no reason
    per, overall = self_scores(r, parsed.answers)
    assert (overall.total, overall.given, overall.of, overall.partial) == (3, 2, 5, True)


def test_a_result_never_reads_as_complete_while_a_required_evidence_is_missing():
    from inspector.core.describe import summary_lines

    body = TWO.format(extra='evidence = "required"')
    checklist = make_checklist(body)
    parsed = make_answers(checklist, '[answers.A]\nvalue = true\n[answers.B]\nvalue = true\n')
    r = score(checklist, parsed.answers)
    texts = [line.text for line in summary_lines(r, "vi")]
    assert "Kết quả chính thức: đã trả lời mọi tiêu chí" in texts
    assert "Còn 1 tiêu chí thiếu tài liệu kiểm chứng bắt buộc (được 0 điểm): B" in texts
    assert "1 criterion lacks its required evidence (scored 0): B" in [line.text for line in summary_lines(r, "en")]
