"""Figures as reports give them: a rate without counts, the documents the figures were read from (the evidence of
every computed criterion), and the unit's profile printed at the opening of the biên bản."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.cli.main import main
from inspector.core.answers import answers_from_text, answers_to_toml
from inspector.core.checklist import checklist_from_text
from inspector.core.describe import missing_evidence
from inspector.core.model import Profile
from inspector.core.problems import FileProblems
from inspector.core.profile import profile_sentence
from inspector.core.scoring import score
from inspector.session import InspectionSession, Refused
from inspector.store.database import Store

CHECKLIST = """\
format = 1
id = "t"
version = "1"
title = "Một cửa"

[[fact]]
id = "dung_han"
label = "Hồ sơ đúng hạn"

[[fact]]
id = "da_gq"
label = "Hồ sơ đã giải quyết"

[[section]]
id = "E"
title = "Giải quyết hồ sơ"

[[section.criterion]]
id = "E1"
title = "Tỷ lệ hồ sơ đúng hạn"
type = "ratio"
max = 6
critical = true
evidence = "required"
facts = { numerator = ["dung_han"], denominator = ["da_gq"] }
steps = [{ min = 98, points = 6 }, { min = 95, points = 4 }, { min = 90, points = 2 }]

[[section.criterion]]
id = "E2"
title = "Tỷ lệ hồ sơ số hóa"
type = "ratio"
max = 4
linear = { floor = 50, target = 100 }

[[section.criterion]]
id = "E3"
title = "Công khai"
type = "yes_no"
max = 2
"""

HEAD = """\
format = 1
[inspection]
checklist = "t"
checklist_version = "1"
unit = "UBND phường Tân An"
date = 2025-12-05
"""


def load(text: str):
    checklist = checklist_from_text(CHECKLIST)
    return checklist, answers_from_text(HEAD + text, checklist)


def result_of(text: str):
    checklist, answers = load(text)
    return score(checklist, answers.answers, None, answers.facts, answers.info.facts_evidence)


def criterion(result, ident):
    return next(r for r in result.criteria if r.id == ident)


def test_a_reported_rate_scores_on_its_percentage_and_says_where_it_came_from():
    result = result_of("""
[answers.E1]
reported_percent = 99.9
reported_source = "Báo cáo số 12/BC-UBND ngày 05/12/2025"
[answers.E2]
reported_percent = 99.75
""")
    e1, e2 = criterion(result, "E1"), criterion(result, "E2")
    assert (e1.status, e1.score) == ("answered", 6)
    assert e1.explanation == "99,9% (tỷ lệ theo Báo cáo số 12/BC-UBND ngày 05/12/2025; không có số hồ sơ) ≥ 98% → 6 điểm"
    # Linear: 4 × 99,75/100 = 3,99.
    assert e2.score == Fraction(399, 100)
    assert e2.explanation == ("99,75% (tỷ lệ báo cáo, chưa ghi nguồn; không có số hồ sơ), từ ngưỡng 50%: "
                              "4 × tỷ lệ/100 → 3,99 điểm")


def test_the_report_a_rate_was_read_from_is_its_evidence_but_an_unsourced_rate_has_none():
    sourced = result_of('[answers.E1]\nreported_percent = 98.7\nreported_source = "Báo cáo 7/BC-UBND"\n')
    assert criterion(sourced, "E1").status == "answered"
    unsourced = result_of("[answers.E1]\nreported_percent = 98.7\n")
    assert criterion(unsourced, "E1").status == "missing_evidence"
    assert missing_evidence(unsourced) == ["E1"]
    assert unsourced.critical_failed == ("E1",)


def test_counts_win_over_a_reported_rate_when_both_are_there():
    result = result_of("""
[facts]
dung_han = 90
da_gq = 100
[answers.E1]
reported_percent = 99.9
reported_source = "Báo cáo"
evidence = ["Trích xuất Hệ thống một cửa"]
""")
    e1 = criterion(result, "E1")
    assert e1.score == 2
    assert e1.explanation == "90/100 = 90% ≥ 90% → 2 điểm"


@pytest.mark.parametrize("value, shown", [("100.5", "100.5"), ("-1", "-1")])
def test_a_rate_outside_0_to_100_is_refused_at_its_line(value, shown):
    with pytest.raises(FileProblems) as raised:
        load(f"[answers.E2]\nreported_percent = {value}\n")
    assert raised.value.render() == (f"<text>:8: trả lời E2 › reported_percent: tỷ lệ báo cáo {shown}% không hợp lệ"
                                     " — nhập tỷ lệ từ 0 đến 100")


def test_a_source_without_a_rate_is_refused():
    with pytest.raises(FileProblems) as raised:
        load('[answers.E2]\nreported_source = "Báo cáo"\n')
    assert "có nguồn tỷ lệ nhưng chưa có tỷ lệ" in raised.value.render()


def test_a_rate_is_only_for_ratios():
    with pytest.raises(FileProblems) as raised:
        load("[answers.E3]\nvalue = true\nreported_percent = 50\n")
    assert "reported_percent" in raised.value.render()


def test_the_figures_sources_are_the_evidence_of_computed_criteria():
    without = result_of("[facts]\ndung_han = 987\nda_gq = 1000\n")
    assert criterion(without, "E1").status == "missing_evidence"
    assert without.critical_failed == ("E1",)
    text = HEAD.replace('date = 2025-12-05\n', 'date = 2025-12-05\nfacts_evidence = ["Báo cáo 07a kỳ 2025"]\n')
    checklist = checklist_from_text(CHECKLIST)
    answers = answers_from_text(text + "[facts]\ndung_han = 987\nda_gq = 1000\n", checklist)
    assert answers.info.facts_evidence == ("Báo cáo 07a kỳ 2025",)
    result = score(checklist, answers.answers, None, answers.facts, answers.info.facts_evidence)
    e1 = criterion(result, "E1")
    assert (e1.status, e1.score, e1.answer.evidence) == ("answered", 6, ("Báo cáo 07a kỳ 2025",))
    assert result.critical_failed == () and missing_evidence(result) == []


def test_an_answer_file_keeps_rates_sources_and_profile_when_written_back():
    text = HEAD.replace('date = 2025-12-05\n', '''date = 2025-12-05
facts_evidence = ["Báo cáo 07a"]

[inspection.profile]
area_km2 = 12.5
population = 45210
neighbourhoods = 12
formed_from = ["xã Tân Phú", "xã Phú Lộc"]
counters = 14
staff = 14
''') + '[answers.E1]\nreported_percent = 99.9\nreported_source = "Báo cáo 12"\n'
    checklist = checklist_from_text(CHECKLIST)
    first = answers_from_text(text, checklist)
    assert first.info.profile == Profile(Fraction(25, 2), 45210, 12, ("xã Tân Phú", "xã Phú Lộc"), 14, 14)
    again = answers_from_text(answers_to_toml(first.info, first.answers, checklist, first.findings, first.facts),
                              checklist)
    assert again.info == first.info
    assert again.answers == first.answers
    assert again.answers["E1"].reported_percent == Fraction(999, 10)


def test_profile_problems_name_their_key():
    text = HEAD + '[inspection.profile]\npopulation = -3\ncounters = "14"\nwards = 2\n'
    with pytest.raises(FileProblems) as raised:
        answers_from_text(text, checklist_from_text(CHECKLIST))
    rendered = raised.value.render()
    assert rendered.splitlines() == [
        "<text>:8: inspection › profile › population: `population` = -3 không hợp lý — nhập số từ 0 đến 10.000.000",
        '<text>:9: inspection › profile › counters: `counters` phải là số nguyên, không phải string "14" — ví dụ '
        "counters = 14",
        "<text>:10: inspection › profile › wards: khóa `wards` không có trong định dạng — các khóa được dùng: "
        "area_km2, population, neighbourhoods, formed_from, counters, staff"]


def test_the_profile_sentence_of_the_bien_ban():
    profile = Profile(Fraction(25, 2), 45210, 12, ("xã Tân Phú", "xã Phú Lộc"), 14, 14)
    assert profile_sentence(profile, "UBND phường Tân An") == (
        "Phường Tân An có diện tích 12,5 km², dân số 45.210 người, 12 thôn, ấp, khu phố; được thành lập trên cơ sở "
        "xã Tân Phú, xã Phú Lộc. Trung tâm Phục vụ hành chính công có 14 quầy, 14 công chức.")
    assert profile_sentence(Profile(counters=3), "Ủy ban nhân dân xã Bình Lợi") == (
        "Trung tâm Phục vụ hành chính công có 3 quầy.")
    assert profile_sentence(Profile(population=1200), "Ủy ban nhân dân xã Bình Lợi") == (
        "Xã Bình Lợi có dân số 1.200 người.")
    assert profile_sentence(Profile()) == ""


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=0, max_value=100, max_denominator=1000))
def test_a_reported_rate_scores_as_the_same_percentage_of_counts_would(percent):
    checklist = checklist_from_text(CHECKLIST)
    from inspector.core.model import Answer

    reported = Answer("E2", reported_percent=percent)
    counted = Answer("E2", numerator=percent.numerator, denominator=percent.denominator * 100)
    by_rate = criterion(score(checklist, {"E2": reported}), "E2").score
    by_counts = criterion(score(checklist, {"E2": counted}), "E2").score
    assert by_rate == by_counts


def test_score_json_through_the_command_line(tmp_path, capsys):
    (tmp_path / "t.toml").write_text(CHECKLIST, encoding="utf-8")
    answers = tmp_path / "a.toml"
    answers.write_text(HEAD + '[answers.E1]\nreported_percent = 96\nreported_source = "Báo cáo 5"\n', encoding="utf-8")
    assert main(["score", str(tmp_path / "t.toml"), str(answers), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    e1 = next(c for c in data["criteria"] if c["id"] == "E1")
    assert e1["score"] == 4


def test_the_session_records_a_rate_and_the_sources(tmp_path):
    checklist = checklist_from_text(CHECKLIST)
    store = Store(tmp_path / "s.db")
    try:
        answers = answers_from_text(HEAD, checklist)
        number = store.create_inspection(checklist, answers.info)
        session = InspectionSession(store, number)
        with pytest.raises(Refused) as refused:
            session.set_reported_rate("E1", "120", "")
        assert refused.value.field == "reported_percent"
        assert session.answer("E1") is None
        session.set_reported_rate("E1", "98,7%", "Báo cáo  12/BC-UBND")
        assert session.answer("E1").reported_percent == Fraction(987, 10)
        assert session.answer("E1").reported_source == "Báo cáo 12/BC-UBND"
        assert session.criterion_result("E1").score == 6
        session.set_fact("dung_han", "90")
        session.set_fact("da_gq", "100")
        # Counts win, and their evidence is the figures' source, not the rate's.
        assert session.criterion_result("E1").status == "missing_evidence"
        session.save_facts_evidence(["Báo cáo 07a", " ", "Báo cáo 07a"])
        assert session.info.facts_evidence == ("Báo cáo 07a",)
        assert session.criterion_result("E1").score == 2
        reopened = InspectionSession(store, number)
        assert reopened.info.facts_evidence == ("Báo cáo 07a",)
        assert reopened.criterion_result("E1").answer.evidence == ("Báo cáo 07a",)
        assert [e.field for e in reopened.history() if e.field == "facts_evidence"] == ["facts_evidence"]
    finally:
        store.close()


def test_a_reported_rate_is_shown_as_given_and_compared_exactly():
    result = result_of('[answers.E1]\nreported_percent = 97.999\nreported_source = "Báo cáo"\n')
    e1 = criterion(result, "E1")
    assert e1.explanation == "97,999% (tỷ lệ theo Báo cáo; không có số hồ sơ) ≥ 95% → 4 điểm"
    with pytest.raises(FileProblems) as raised:
        load("[answers.E2]\nreported_percent = nan\n")
    assert raised.value.render() == (
        "<text>:8: trả lời E2 › reported_percent: số nan nằm ngoài giới hạn — chỉ nhận số thập phân thông thường,"
        " dưới 15 chữ số phần nguyên, không viết dạng mũ (1e9)")


LATER_DUTY = CHECKLIST.replace('''[[section.criterion]]
id = "E3"''', '''[[section.criterion]]
id = "E4"
title = "Biên lai điện tử"
type = "yes_no"
max = 1
applies_from = 2027-01-01

[[section.criterion]]
id = "E3"''')


@pytest.mark.parametrize("period, visit, applies", [
    ("Năm 2026", "2027-01-15", False),  # visited in 2027, the period inspected ends 31/12/2026
    ("Từ 01/10/2026 đến 31/03/2027", "2027-04-02", True),
    ("6 tháng đầu năm 2027", "2027-07-01", True),
    ("", "2026-12-07", False),  # no period written: the visit's day
    ("", "2027-01-01", True),
])
def test_a_duty_from_a_later_day_is_not_applicable_to_earlier_periods(period, visit, applies):
    checklist = checklist_from_text(LATER_DUTY)
    head = HEAD.replace("date = 2025-12-05", f"date = {visit}\nperiod = \"{period}\"")
    answers = answers_from_text(head, checklist)
    result = score(checklist, answers.answers, None, answers.facts, (), answers.info.period_end)
    e4 = criterion(result, "E4")
    if applies:
        assert e4.status == "unanswered" and result.applicable_max == 13
    else:
        assert e4.status == "na" and result.applicable_max == 12
        end = answers.info.period_end.strftime("%d/%m/%Y")
        assert e4.explanation == (f"Không áp dụng (chỉ áp dụng cho kỳ kiểm tra kết thúc từ ngày 01/01/2027; kỳ này "
                                  f"kết thúc ngày {end}) → không tính 1 điểm vào điểm tối đa")


def test_a_day_that_is_no_day_is_refused_in_the_checklist():
    from inspector.core.problems import FileProblems as Problems

    with pytest.raises(Problems) as raised:
        checklist_from_text(LATER_DUTY.replace("applies_from = 2027-01-01", 'applies_from = "sau Tết"'))
    assert "`applies_from` = sau Tết không phải ngày — viết như 2027-01-01" in raised.value.render()


@pytest.mark.parametrize("data, refused", [
    ({"reported_percent": "500", "reported_source": "x"}, True),  # a forged rate past 100
    ({"reported_percent": "99.9", "reported_source": 5}, True),  # a source that is no text
    ({"reported_percent": [1], "reported_source": ""}, True),
    ({"reported_percent": "999/10", "reported_source": "Báo cáo 12"}, False),
])
def test_a_rate_arriving_in_a_bundle_passes_the_same_rules_as_a_file(data, refused):
    """What a merge does with each answer of a bundle (store/merge.py `_plan`): read it, then the answer rules."""
    from inspector.core.answer_data import answer_from_data
    from inspector.core.answer_rules import answer_problems

    criterion = checklist_from_text(CHECKLIST).criterion("E2")
    try:
        answer = answer_from_data("E2", data, criterion)
    except (ValueError, TypeError):
        answer = None
    assert (answer is None or bool(answer_problems(criterion, answer))) is refused
