"""The model's records (core/record.py) and the kept forms of validated checklists (core/checklist_memo.py)."""

from __future__ import annotations

import os
import pickle
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector.core import checklist_memo
from inspector.core.checklist import load_checklist
from inspector.core.model import Answer, Checklist, Criterion
from inspector.core.problems import FileProblems
from inspector.core.record import FrozenError, asdict, astuple, evolve, field, fields, is_record, record

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "checklists" / "cchc-xa.toml"


@record
class Point:
    x: int
    label: str = "?"
    tags: list[str] = field(factory=list)
    cache: dict[str, int] = field(default=None, eq=False, repr=False)


@record
class Counted:
    n: int
    _double: int = field(init=False, eq=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_double", 2 * self.n)


@record(frozen=False)
class Cell:
    value: int = 0


def test_a_record_is_made_compared_and_shown_by_its_fields():
    a, b = Point(1), Point(1, "?", [], {"a": 1})
    assert a == b and hash(Counted(2)) == hash(Counted(2))
    assert a != Point(2) and a != (1, "?")
    assert repr(Point(3, "ba", ["x"])) == "Point(x=3, label='ba', tags=['x'])"
    assert Point(1).tags is not Point(1).tags  # a factory makes one list per record
    assert Counted(4)._double == 8 and Counted(4) == Counted(4) and hash(Counted(4)) == hash(Counted(4))
    assert [f.name for f in fields(Point)] == ["x", "label", "tags", "cache"] and is_record(Point)
    assert not is_record(Point(1)) and not is_record(int)


def test_a_record_cannot_be_changed_only_evolved():
    point = Point(1, "a")
    with pytest.raises(FrozenError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenError):
        del point.label  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.other = 1  # type: ignore[attr-defined]  # slots: no stray attributes either
    moved = evolve(point, x=5)
    assert moved == Point(5, "a") and point == Point(1, "a")
    assert evolve(Counted(2), n=3)._double == 6  # init=False fields are remade
    with pytest.raises(TypeError):
        evolve(point, nope=1)
    cell = Cell()
    cell.value = 3
    assert cell.value == 3
    with pytest.raises(TypeError):
        hash(cell)  # a mutable record is not hashable


def test_records_convert_and_survive_pickling():
    assert asdict(Point(1, "a", ["t"])) == {"x": 1, "label": "a", "tags": ["t"], "cache": None}
    assert astuple(Point(1, "a", ("t",))) == (1, "a", ["t"], None)  # sequences come out lists, as attrs did
    answer = Answer("A1", value=True, evidence=("Biên bản",), self_score=Fraction(1, 2))
    assert pickle.loads(pickle.dumps(answer)) == answer
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]  # a field without a default is required


@given(st.integers(), st.text(), st.lists(st.text(max_size=3), max_size=3))
def test_equal_fields_make_equal_records_and_hashes(x, label, tags):
    one, two = Point(x, label, tuple(tags)), Point(x, label, tuple(tags))  # type: ignore[arg-type]
    assert one == two and hash(one) == hash(two)
    assert (one == Point(x + 1, label, tuple(tags))) is False  # type: ignore[arg-type]


def test_the_model_keeps_its_shape():
    assert is_record(Criterion) and is_record(Checklist)
    with pytest.raises(FrozenError):
        load_checklist(CHECKLIST).criteria[0].weight = Fraction(9)  # type: ignore[misc]


# ---- kept forms of validated checklists


def test_a_checklist_read_again_comes_from_its_kept_form_and_is_the_same(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    first = load_checklist(CHECKLIST)
    kept = list(checklist_memo.folder().glob("*.json"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").count(first.source) == 1
    parsed: list[str] = []
    monkeypatch.setattr("inspector.core.checklist.build_checklist", lambda source: parsed.append(source.name))
    again = load_checklist(CHECKLIST)
    assert parsed == [] and astuple(again) == astuple(first) and again.source == first.source


def test_a_changed_text_or_a_damaged_form_is_parsed_again(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    first = load_checklist(CHECKLIST)
    form = next(checklist_memo.folder().glob("*.json"))
    for damage in ("", "garbage", form.read_text(encoding="utf-8").replace('"cchc-xa"', '"khac"'),
                   form.read_text(encoding="utf-8").replace(" ", "", 1),
                   "other-fingerprint\n" + form.read_text(encoding="utf-8").partition("\n")[2],
                   form.read_text(encoding="utf-8")[:-40],
                   form.read_text(encoding="utf-8")[:-40] + "x" * 40):
        form.write_text(damage, encoding="utf-8")
        again = load_checklist(CHECKLIST)
        assert again.id == "cchc-xa" and astuple(again) == astuple(first), damage[:30]
    copy = tmp_path / "mine.toml"
    copy.write_text(CHECKLIST.read_text(encoding="utf-8").replace('title = "Kiểm tra', 'title = 5 #', 1),
                    encoding="utf-8")
    with pytest.raises(FileProblems):  # a broken copy is never answered from a kept form
        load_checklist(copy)


def test_reading_a_checklist_creates_no_data_folder(monkeypatch, tmp_path):
    home = tmp_path / "none"
    monkeypatch.setenv("INSPECTOR_HOME", str(home))
    assert load_checklist(CHECKLIST).id == "cchc-xa" and not home.exists()


def test_only_the_newest_forms_are_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    monkeypatch.setattr(checklist_memo, "KEPT", 2)
    text = CHECKLIST.read_text(encoding="utf-8")
    for n in range(4):
        path = tmp_path / f"c{n}.toml"
        path.write_text(text.replace('version = "2026.3"', f'version = "2026.{n + 10}"', 1), encoding="utf-8")
        load_checklist(path)
        for i, old in enumerate(sorted(checklist_memo.folder().glob("*.json"))):
            os.utime(old, ns=(n * 10 + i, n * 10 + i))  # distinct times, whatever the file system's clock
    assert len(list(checklist_memo.folder().glob("*.json"))) == 2


def test_a_kept_form_answers_only_for_the_very_text_it_was_made_from(monkeypatch, tmp_path):
    """Its file is named by a CRC of the text: another text under that name (a collision, a copied file) is
    told apart by the text kept in the form, compared whole."""
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    first = load_checklist(CHECKLIST)
    other_text = first.source.replace('version = "2026.3"', 'version = "2026.8"', 1)
    form = next(checklist_memo.folder().glob("*.json"))
    (checklist_memo.folder() / checklist_memo._name(other_text)).write_bytes(form.read_bytes())
    assert checklist_memo.recall(other_text) is None
    assert checklist_memo.recall(first.source) is not None


def test_the_one_file_build_keeps_forms_by_its_own_program_file(monkeypatch, tmp_path):
    """In the one-file build the loader's modules have no files of their own: the program file is the loader."""
    import inspector.core.paths as paths

    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    monkeypatch.setattr(paths, "frozen_dir", lambda: tmp_path)
    assert ":frozen:" in checklist_memo._loader_fingerprint()
    first = load_checklist(CHECKLIST)
    parsed: list[str] = []
    monkeypatch.setattr("inspector.core.checklist.build_checklist", lambda source: parsed.append(source.name))
    assert astuple(load_checklist(CHECKLIST)) == astuple(first) and parsed == []


def test_a_form_that_cannot_be_written_leaves_nothing_behind(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    text = CHECKLIST.read_text(encoding="utf-8")
    checklist_memo.folder().mkdir(parents=True)
    (checklist_memo.folder() / checklist_memo._name(text)).mkdir()  # in the way: the form cannot take its place
    for _ in range(2):
        assert load_checklist(CHECKLIST).id == "cchc-xa"
    assert [p.name for p in checklist_memo.folder().iterdir()] == [checklist_memo._name(text)]


def test_a_kept_form_that_breaks_on_reading_is_never_more_than_a_miss(monkeypatch, tmp_path):
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path))
    first = load_checklist(CHECKLIST)

    def broken(form, text):
        raise ZeroDivisionError

    monkeypatch.setattr("inspector.core.checklist_form.checklist_from_json", broken)
    assert astuple(load_checklist(CHECKLIST)) == astuple(first)
