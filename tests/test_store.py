"""The store: pinning, audit, round trips, crash safety, two writers, clear errors."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from inspector.store.database import SCHEMA_VERSION

from inspector.cli.main import main
from inspector.core.answers import load_answers
from inspector.core.checklist import load_checklist
from inspector.core.model import Answer, Findings, Recommendation
from inspector.core.scoring import score
from inspector.store.database import Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "tests" / "data" / "cchc-xa-2025.1.toml"  # generic flows on a fixed release
EXAMPLE = ROOT / "tests" / "data" / "cchc-xa-2025.1.answers.toml"


@pytest.fixture(autouse=True)
def _release_2025_installed():
    """The answer files here are for cchc-xa 2025.1: the user keeps that release among their checklists."""
    from inspector.core.paths import user_checklist_dir

    user_checklist_dir().mkdir(parents=True, exist_ok=True)
    (user_checklist_dir() / "cchc-xa-2025.1.toml").write_text(CHECKLIST.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.fixture
def example():
    checklist = load_checklist(CHECKLIST)
    return checklist, load_answers(EXAMPLE, checklist)


def test_schema_is_versioned_and_wal(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    Store(tmp_path / "db.sqlite")  # reopening migrates nothing twice


def test_a_version_1_store_is_migrated(tmp_path):
    import sqlite3

    from inspector.store.database import MIGRATIONS

    old = sqlite3.connect(tmp_path / "db.sqlite")
    old.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    old.close()
    store = Store(tmp_path / "db.sqlite")
    store.set_state("last_inspection", "3")
    assert store.get_state("last_inspection") == "3"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_schema_is_refused(tmp_path):
    store = Store(tmp_path / "db.sqlite")
    store.db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "db.sqlite")
    assert caught.value.message("en") == f"{tmp_path / 'db.sqlite'} was written by a newer inspector (schema 99) — update inspector"


@pytest.mark.parametrize("name", ["cchc-xa", "van-thu-luu-tru"])
def test_cached_checklist_form_equals_the_parsed_one(tmp_path, name):
    from inspector.core.checklist_form import (
        checklist_from_json,
        checklist_to_json,
        same,
    )

    checklist = load_checklist(ROOT / "checklists" / f"{name}.toml")
    again = checklist_from_json(checklist_to_json(checklist), checklist.source)
    assert same(again, checklist) and again.source == checklist.source


def test_a_store_without_the_cached_form_parses_the_text(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    store.db.execute("UPDATE checklist_texts SET parsed = NULL")
    assert store.load(number).checklist.criterion("C1").max == 3
    assert store.db.execute("SELECT parsed IS NOT NULL FROM checklist_texts").fetchone()[0] == 1


def test_inspection_pins_its_checklist_text(tmp_path, example):
    checklist, parsed = example
    copy = tmp_path / "mine.toml"
    copy.write_text(CHECKLIST.read_text(encoding="utf-8"), encoding="utf-8")
    pinned = load_checklist(copy)
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(pinned, parsed.info)
    copy.write_text(copy.read_text(encoding="utf-8").replace("max = 3\ncritical = true", "max = 30\ncritical = true"),
                    encoding="utf-8")
    copy.unlink()
    record = store.load(number)
    assert record.checklist.sha256 == checklist.sha256
    assert record.checklist.criterion("C1").max == 3


def test_answers_round_trip_and_audit(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    store.save_answer(number, "C1", Answer("C1", numerator=130, denominator=139, evidence=("QĐ 1",)))
    store.save_answer(number, "C1", Answer("C1", numerator=139, denominator=139, evidence=("QĐ 1",), note="đủ"))
    store.save_answer(number, "E5", Answer("E5", value=checklist.criterion("E5").steps[0].min + 1))
    store.save_answer(number, "E5", None)
    record = store.load(number)
    assert record.answers == {"C1": Answer("C1", numerator=139, denominator=139, evidence=("QĐ 1",), note="đủ")}
    trail = [(e.field, e.old, e.new) for e in store.audit(number, "C1")]
    assert trail == [("denominator", None, "139"), ("evidence", None, '["QĐ 1"]'), ("numerator", None, "130"),
                     ("note", None, "đủ"), ("numerator", "130", "139")]
    assert [(e.field, e.old, e.new) for e in store.audit(number, "E5")] == [("value", None, "91"), ("value", "91", None)]


def test_saving_the_same_answer_twice_writes_no_audit(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    store.save_answer(number, "A7", Answer("A7", value=True))
    store.save_answer(number, "A7", Answer("A7", value=True))
    assert len(store.audit(number, "A7")) == 1


def test_summary_cached_for_the_home_list(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    result = score(checklist, parsed.answers, parsed.info.unit_type)
    store.import_answers(number, parsed.answers, None, result)
    (row,) = store.list_inspections()
    assert (row.unit, row.answered, row.to_answer, row.score, row.percent, row.band) == (
        parsed.info.unit, 75, 75, "73.39", "73.76", "Khá")


def test_archive_is_recoverable(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    store.set_archived(number, True)
    assert store.list_inspections() == [] and store.list_inspections(include_archived=True)[0].archived
    store.set_archived(number, False)
    assert store.list_inspections()[0].id == number


def test_findings_saved(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    findings = Findings(shortfalls="Chưa thanh toán trực tuyến", conclusion="Kết thúc lúc 11 giờ",
                        recommendations=(Recommendation("Triển khai thanh toán trực tuyến", "Văn phòng UBND", "31/12/2025"),))
    store.save_findings(number, findings)
    assert store.load(number).findings == findings


def test_evidence_file_is_hashed_and_copied(tmp_path):
    store = Store(tmp_path / "home" / "db.sqlite")
    photo = tmp_path / "ảnh bảng niêm yết.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    sha, text = store.add_evidence_file(photo)
    assert text == f"ảnh bảng niêm yết.jpg [sha256:{sha[:12]}]"
    photo.unlink()
    assert store.evidence_path(sha).read_bytes() == b"\xff\xd8 not really a jpeg"


def test_import_export_import_gives_the_same_answers(tmp_path, capsys):
    assert main(["import", str(EXAMPLE)]) == 0
    assert "cchc-xa 2025.1" in capsys.readouterr().out
    first = tmp_path / "first.answers.toml"
    assert main(["export", "1", "--format", "answers", "-o", str(first)]) == 0
    assert main(["import", str(first)]) == 0
    second = tmp_path / "second.answers.toml"
    assert main(["export", "2", "-o", str(second)]) == 0
    checklist = load_checklist(CHECKLIST)
    original = load_answers(EXAMPLE, checklist)
    assert load_answers(first, checklist) == original
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_export_never_overwrites_without_force(tmp_path, capsys):
    main(["import", str(EXAMPLE)])
    target = tmp_path / "x.answers.toml"
    target.write_text("giữ nguyên", encoding="utf-8")
    assert main(["--lang", "en", "export", "1", "-o", str(target)]) == 1
    assert capsys.readouterr().err.strip() == f"inspector: {target} already exists — use --force to overwrite it, or choose another name"
    assert target.read_text(encoding="utf-8") == "giữ nguyên"
    assert main(["export", "1", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("format = 1")


def test_export_unknown_inspection(capsys):
    assert main(["--lang", "en", "export", "7", "-o", "x.toml"]) == 1
    assert capsys.readouterr().err.strip() == "inspector: there is no inspection 7 — see them with: inspector list"
    assert main(["--lang", "en", "export", "bảy", "-o", "x.toml"]) == 1
    assert "is not an inspection number" in capsys.readouterr().err


def test_list_command(capsys):
    assert main(["--lang", "en", "list"]) == 0
    assert "No inspections yet" in capsys.readouterr().out
    main(["import", str(EXAMPLE)])
    capsys.readouterr()
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "Thạnh" in out and "75/75" in out and "73,76%" in out and "Khá" in out


def test_read_only_data_directory_gives_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            Store(locked / "db.sqlite")
        assert caught.value.key == "store.readonly"
    finally:
        locked.chmod(0o700)


def test_write_failure_is_a_store_error_and_keeps_earlier_answers(tmp_path, example):
    checklist, parsed = example
    store = Store(tmp_path / "db.sqlite")
    number = store.create_inspection(checklist, parsed.info)
    store.save_answer(number, "A7", Answer("A7", value=True))
    readonly = Store(tmp_path / "db.sqlite")
    readonly.db.execute("PRAGMA query_only = ON")  # every write now fails, as on a read-only medium
    with pytest.raises(StoreError) as caught:
        readonly.save_answer(number, "A8", Answer("A8", value=True))
    assert caught.value.key == "store.readonly"
    assert store.load(number).answers == {"A7": Answer("A7", value=True)}


def test_two_stores_on_one_file_see_each_other(tmp_path, example):
    checklist, parsed = example
    first, second = Store(tmp_path / "db.sqlite"), Store(tmp_path / "db.sqlite")
    number = first.create_inspection(checklist, parsed.info)
    version = second.data_version()
    first.save_answer(number, "A7", Answer("A7", value=True))
    assert second.data_version() != version
    second.save_answer(number, "A8", Answer("A8", value=False))
    assert first.load(number).answers == second.load(number).answers == {
        "A7": Answer("A7", value=True), "A8": Answer("A8", value=False)}
    assert first.integrity_check() == "ok"


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from inspector.core.checklist import load_checklist
    from inspector.core.answers import load_answers
    from inspector.core.model import Answer
    from inspector.store.database import Store

    db, checklist_path, example = sys.argv[1:4]
    checklist = load_checklist(checklist_path)
    store = Store(db)
    number = store.create_inspection(checklist, load_answers(example, checklist).info)
    ids = [c.id for c in checklist.criteria if c.type == "yes_no"]
    i = 0
    while True:
        cid = ids[i % len(ids)]
        store.save_answer(number, cid, Answer(cid, value=bool(i % 2), note=f"lần {i}"))
        print(f"saved {cid} {i}", flush=True)  # shown as saved only after the commit returned
        i += 1
""")


def test_sigkill_mid_answering_loses_nothing_shown_saved(tmp_path):
    db = tmp_path / "db.sqlite"
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(CHECKLIST), str(EXAMPLE)],
                               stdout=subprocess.PIPE, text=True)
    saved: dict[str, int] = {}
    for line in process.stdout:
        _, cid, i = line.split()
        saved[cid] = int(i)
        if int(i) >= 150:
            break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    store = Store(db)
    assert store.integrity_check() == "ok"
    answers = store.load(1).answers
    for cid, i in saved.items():
        # the last answer shown as saved is there (a later, unshown one may be too)
        assert answers[cid].note in (f"lần {i}", f"lần {i + len(saved)}")


def test_a_store_made_by_the_previous_release_is_migrated_and_keeps_its_2025_inspections(tmp_path):
    """Schema 4 (the release before facts) with an inspection on cchc-xa 2025.1: opened by this version it
    gains the facts table, keeps the pinned 2025.1 checklist and scores it exactly as before."""
    import sqlite3

    from inspector.core.checklist import load_checklist as load
    from inspector.core.scoring import score
    from inspector.store.database import MIGRATIONS, SCHEMA_VERSION
    from inspector.store.examples import import_examples

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript(";".join(MIGRATIONS[:4]) + "; PRAGMA user_version = 4;")
    checklist = load(CHECKLIST)
    parsed = load_answers(EXAMPLE, checklist)
    text = CHECKLIST.read_text(encoding="utf-8")
    old.execute("INSERT INTO checklist_texts (sha256, checklist_id, version, text) VALUES (?, ?, ?, ?)",
                (checklist.sha256, "cchc-xa", "2025.1", text))
    old.execute("INSERT INTO inspections (checklist_sha256, checklist_id, checklist_version, unit, unit_type, date,"
                " created_at, updated_at) VALUES (?, 'cchc-xa', '2025.1', 'UBND phường An Thạnh', 'phuong',"
                " '2025-10-15', '2025-10-15T08:00:00+07:00', '2025-10-15T08:00:00+07:00')", (checklist.sha256,))
    from inspector.store.database import answer_json

    for cid, answer in parsed.answers.items():
        old.execute("INSERT INTO answers VALUES (1, ?, ?, '2025-10-15T08:00:00+07:00')", (cid, answer_json(answer)))
    old.commit()
    old.close()

    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 12
    record = store.load(1)
    assert record.checklist.version == "2025.1" and record.facts == {}
    before = score(checklist, parsed.answers, "phuong")
    after = score(record.checklist, record.answers, "phuong", record.facts)
    assert (after.total, after.percent, after.band) == (before.total, before.percent, before.band)
    [row] = store.list_inspections()
    assert (row.checklist_version, row.percent, row.band) == ("2025.1", "73.76", "Khá")
    # the same store takes a new inspection on 2026.1 with its figures
    new_ids = import_examples(store)
    assert store.load(new_ids[0]).facts["hs_tiep_nhan"] == 8750
    assert store.load(1).checklist.version == "2025.1"


def test_a_partial_inspection_never_lists_a_band_as_if_final(capsys):
    from inspector.store.examples import import_examples

    import_examples(Store())
    rows = {row.checklist_id: row for row in Store().list_inspections()}
    assert rows["van-thu-luu-tru"].provisional and rows["van-thu-luu-tru"].shown_band == "chưa đủ"
    assert rows["cchc-xa"].shown_band == "Khá"
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "39% chưa đủ" in out and "Yếu" not in out


def test_the_same_file_imported_twice_is_refused_with_the_inspection_it_made(tmp_path, capsys):
    assert main(["import", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(["import", str(EXAMPLE)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"inspector: {EXAMPLE} đã được nhập: cuộc kiểm tra số 1 (")
    assert err.endswith(") — thêm --again nếu muốn một bản sao")
    assert main(["import", str(EXAMPLE), "--again"]) == 0
    assert "cuộc kiểm tra số 2" in capsys.readouterr().out
