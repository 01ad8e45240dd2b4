"""Every criterion type is one object that answers for all of its behaviour (core/criteria), and has one
answer widget in the interface. Walking the registry: each type loads from its template, parses what
is typed back into the value it shows, scores and explains each sample answer, shows its value in
documents and spreadsheets, round-trips through the checklist spreadsheet, and has a JSON Schema."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import tomli_w

from inspector.authoring.schema import checklist_schema
from inspector.authoring.sheet import checklist_from_xlsx, checklist_to_xlsx
from inspector.core.checklist import checklist_from_text
from inspector.core.criteria import TYPES, Unreadable, kind_of
from inspector.core.criterion_keys import TYPE_KEYS
from inspector.core.model import Answer
from inspector.core.scoring import score
from inspector.exports.common import answer_text
from inspector.tui.widgets.answers import ANSWER_WIDGETS, AnswerWidget

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(TYPES)


def checklist_with(name: str):
    """A checklist holding one criterion of this type, as the editor's template makes it."""
    kind = TYPES[name]
    criterion = {"id": "Q1", "title": "Tiêu chí mẫu", **kind.template}
    section = {"id": "A", "title": "Mục", "criterion": [criterion]}
    if kind.adjustment_only:
        section = {**section, "kind": "adjustment"}
    normal = {"id": "N", "title": "Mục thường", "criterion": [{"id": "N1", "title": "Có", "type": "yes_no", "max": 1}]}
    document = {"format": 1, "id": "mau", "version": "1", "title": "Mẫu", "section": [normal, section]}
    return checklist_from_text(tomli_w.dumps(document))


def test_every_type_has_an_answer_widget_and_its_words():
    from inspector.core.i18n import CATALOG

    assert set(ANSWER_WIDGETS) == set(TYPES)
    for name in NAMES:
        assert issubclass(ANSWER_WIDGETS[name], AnswerWidget)
        assert f"ctype.{name}" in CATALOG, name
        hint = TYPES[name].hint
        assert not TYPES[name].answer_keys or hint in CATALOG, name  # answered by keys: the keys are said


@pytest.mark.parametrize("name", NAMES)
def test_the_template_loads_and_every_sample_scores_explains_and_reads(name):
    checklist = checklist_with(name)
    c = checklist.criterion("Q1")
    kind = kind_of(c)
    assert c.type == name and c.scored == kind.scored
    samples = kind.samples(c)
    assert samples or not kind.scored  # a scored type shows how it scores
    for answer in samples:
        result = score(checklist, {"N1": Answer("N1", value=True), "Q1": answer}).criteria[1]
        assert result.status in ("answered", "na"), (name, answer)
        if kind.has_max:
            assert 0 <= result.score <= c.max
        assert result.explanation.strip()
        if result.status == "answered" and answer.value != ():  # (a multi with nothing ticked shows nothing)
            assert answer_text(c, answer, "vi").strip()  # what a document or a cell shows of it


@pytest.mark.parametrize("name", NAMES)
def test_what_a_field_shows_is_parsed_back_to_the_same_value(name):
    checklist = checklist_with(name)
    c = checklist.criterion("Q1")
    kind = kind_of(c)
    for answer in kind.samples(c):
        texts = kind.texts(c, answer)
        assert set(texts) == set(kind.value_keys)
        parsed = kind.parse(c, texts)
        assert {key: getattr(answer, key) for key in kind.value_keys} == parsed, (name, texts)
    if name == "ratio":  # a ratio is both numbers or nothing typed at all (Delete clears an answer)
        with pytest.raises(Unreadable):
            kind.parse(c, {key: "" for key in kind.value_keys})
    else:
        assert kind.parse(c, {key: "" for key in kind.value_keys}) == {key: None for key in kind.value_keys}


@pytest.mark.parametrize("name,texts,field,message", [
    ("ratio", {"numerator": "abc", "denominator": "5"}, "numerator", '"abc" không phải số nguyên ≥ 0 — nhập ví dụ 139'),
    ("ratio", {"numerator": "5", "denominator": ""}, "denominator", "Nhập cả tử số và mẫu số"),
    ("number", {"value": "1e9"}, "value", '"1e9" không phải là số — nhập số, ví dụ 1,5'),
    ("count", {"value": "-2"}, "value", '"-2" không phải số nguyên ≥ 0 — nhập ví dụ 139'),
    ("yes_no", {"value": "có lẽ"}, "value", '"có lẽ" không phải có/không — nhập có hoặc không'),
    ("choice", {"value": "dta"}, "value", 'không có phương án "dta" (ý bạn là `dat`?) — chọn một trong: dat, khong'),
])
def test_text_that_is_no_value_is_refused_with_its_field_and_reason(name, texts, field, message):
    c = checklist_with(name).criterion("Q1")
    with pytest.raises(Unreadable) as refused:
        kind_of(c).parse(c, texts)
    assert (refused.value.field, refused.value.message("vi")) == (field, message)


def test_typed_text_in_the_ways_people_write_it():
    ratio = checklist_with("ratio").criterion("Q1")
    assert kind_of(ratio).parse(ratio, {"numerator": "8.455", "denominator": "8 630"}) == \
        {"numerator": 8455, "denominator": 8630}
    number = checklist_with("number").criterion("Q1")
    assert kind_of(number).parse(number, {"value": "86,5"}) == {"value": Fraction("86.5")}
    choice = checklist_with("choice").criterion("Q1")
    for typed in ("2", "khong", "Không đạt"):
        assert kind_of(choice).parse(choice, {"value": typed}) == {"value": "khong"}
    multi = checklist_with("multi").criterion("Q1")
    assert kind_of(multi).parse(multi, {"value": "2; a"}) == {"value": ("a", "b")}
    yes_no = checklist_with("yes_no").criterion("Q1")
    assert [kind_of(yes_no).parse(yes_no, {"value": w})["value"] for w in ("Có", "x", "không", "0")] == \
        [True, True, False, False]


@pytest.mark.parametrize("name", NAMES)
def test_keys_on_the_list_answer_only_the_types_that_read_them(name):
    c = checklist_with(name).criterion("Q1")
    kind = kind_of(c)
    for key in ("yes", "no", *map(str, range(1, 10))):
        edit = kind.keyed(c, key)
        if key not in kind.answer_keys:
            assert edit is None
        elif edit is not None:
            changed = edit(Answer("Q1", na=True, reason="x"))
            assert not changed.na and changed.value is not None


@pytest.mark.parametrize("name", NAMES)
def test_the_checklist_spreadsheet_keeps_every_key_of_the_type(tmp_path, name):
    checklist = checklist_with(name)
    path = tmp_path / "c.xlsx"
    path.write_bytes(checklist_to_xlsx(checklist))
    again, _ = checklist_from_xlsx(path)
    assert again.criterion("Q1") == checklist.criterion("Q1")


@pytest.mark.parametrize("name", NAMES)
def test_the_schema_accepts_the_template_and_refuses_a_key_of_another_type(name):
    import jsonschema

    validator = jsonschema.Draft202012Validator(checklist_schema())
    kind = TYPES[name]
    criterion = {"id": "Q1", "title": "T", **json.loads(json.dumps(kind.template))}
    section = {"id": "A", "title": "M", "criterion": [criterion], **({"kind": "adjustment"} if kind.adjustment_only else {})}
    document = {"format": 1, "id": "mau", "version": "1", "title": "Mẫu", "section": [section]}
    assert list(validator.iter_errors(document)) == []
    foreign = next(key for other, keys in TYPE_KEYS.items() if other != name for key in keys
                   if key not in TYPE_KEYS[name])
    criterion[foreign] = "x"
    assert list(validator.iter_errors(document)) != []


def test_the_architecture_document_names_every_place_a_new_type_touches():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for place in ("core/criteria/", "tui/widgets/answers.py", "ctype.", "tests/test_criterion_types.py"):
        assert place in text, place


def test_a_text_criterion_may_be_marked_na_in_a_file_but_is_not_offered_it():
    from inspector.core.answer_rules import answer_problems

    c = checklist_with("text").criterion("Q1")
    assert answer_problems(c, Answer("Q1", na=True, reason="Không phát sinh")) == []
    assert kind_of(c).may_be_na(c) and not kind_of(c).offers_na(c)
