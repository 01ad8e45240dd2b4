"""A backup moves a whole laptop; a restore changes nothing until everything is checked, then everything at once."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from inspector.cli.main import main
from inspector.store.backup import BackupProblem, backup, restore
from inspector.store.database import Store, default_path
from inspector.store.examples import import_examples

ROOT = Path(__file__).resolve().parent.parent


def laptop(home: Path, monkeypatch) -> Store:
    """A laptop's data folder: the examples, an evidence file, a key, a checklist of the user's, settings."""
    monkeypatch.setenv("INSPECTOR_HOME", str(home))
    assert main(["key", "new", "--name", "Nguyễn Văn An", "--no-passphrase"]) == 0
    store = Store()
    import_examples(store)
    photo = home.parent / f"anh-{home.name}.jpg"
    photo.write_bytes(b"\xff\xd8 the notice board " + home.name.encode())
    from inspector.core.model import Answer

    _, text = store.add_evidence_file(photo)
    store.save_answer(1, "A1", Answer("A1", value="day-du", evidence=(text,)))
    (home / "checklists").mkdir(exist_ok=True)
    (home / "checklists" / "rieng.toml").write_text((ROOT / "tests" / "data" / "facts.toml").read_text("utf-8"),
                                                    encoding="utf-8")
    (home / "config.toml").write_text('lang = "vi"\n', encoding="utf-8")
    return store


def test_a_backup_moves_the_whole_laptop(tmp_path, monkeypatch, capsys):
    old = laptop(tmp_path / "cu", monkeypatch)
    target = tmp_path / "sao-luu.zip"
    backup(old, target)
    names = set(zipfile.ZipFile(target).namelist())
    assert target.stat().st_mode & 0o777 == 0o600  # it holds the private key
    assert {"manifest.json", "inspector.db", "keys/identity.json", "keys/private.pem", "checklists/rieng.toml",
            "config.toml"} <= names and any(n.startswith("evidence/") for n in names)
    history = old.audit(1)
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "moi"))
    assert main(["restore", str(target)]) == 0
    new = tmp_path / "moi"
    assert (new / "checklists" / "rieng.toml").read_bytes() == (tmp_path / "cu" / "checklists" / "rieng.toml").read_bytes()
    assert (new / "config.toml").read_text(encoding="utf-8") == 'lang = "vi"\n'
    assert (new / "keys" / "private.pem").stat().st_mode & 0o777 == 0o600
    restored = Store()
    assert restored.audit(1) == history
    (evidence,) = restored.load(1).answers["A1"].evidence
    assert restored.evidence_path(evidence.split("sha256:")[1][:12]).parent.exists()


def test_a_different_signing_key_is_replaced_only_when_asked(tmp_path, monkeypatch, capsys):
    old = laptop(tmp_path / "cu", monkeypatch)
    target = tmp_path / "sao-luu.zip"
    backup(old, target)
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "khac"))
    assert main(["key", "new", "--name", "Trần Thị Bình", "--no-passphrase"]) == 0
    capsys.readouterr()
    assert main(["restore", str(target)]) == 1
    err = capsys.readouterr().err
    assert "bản sao lưu có khóa ký của Nguyễn Văn An (" in err and "khác khóa của máy này (Trần Thị Bình, " in err
    assert "--replace-key" in err
    assert not (tmp_path / "khac" / "inspector.db").exists() or Store().inspection_count() == 0
    assert main(["restore", str(target), "--replace-key"]) == 0
    assert json.loads((tmp_path / "khac" / "keys" / "identity.json").read_text("utf-8"))["name"] == "Nguyễn Văn An"
    (kept,) = (tmp_path / "khac" / "backups").glob("khoa-truoc-khi-khoi-phuc-*")  # the replaced key is never lost
    assert json.loads((kept / "identity.json").read_text("utf-8"))["name"] == "Trần Thị Bình"
    assert (kept / "private.pem").stat().st_mode & 0o777 == 0o600


def rebuilt(source: Path, change) -> bytes:
    """The backup with its members passed through `change(name, data) -> (name, data) | None` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as written:
        for info in archive.infolist():
            found = change(info.filename, archive.read(info))
            if found is not None:
                written.writestr(found[0], found[1])
    return out.getvalue()


def hostile_backups(good: Path, tmp_path: Path) -> dict[str, bytes]:
    raw = good.read_bytes()
    cases = {}
    with zipfile.ZipFile(good) as archive:
        for info in archive.infolist():  # one bit flipped in the middle of each member's stored bytes
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            flipped = bytearray(raw)
            flipped[start + max(info.compress_size // 2, 0)] ^= 0x01
            cases[f"flip in {info.filename}"] = bytes(flipped)
            lying = bytearray(raw)  # a central-directory size that lies
            at = raw.rfind(info.filename.encode(), 0, len(raw)) - 46 + 24
            lying[at:at + 4] = (info.file_size + 1000).to_bytes(4, "little")
            cases[f"size lies for {info.filename}"] = bytes(lying)
    cases["truncated"] = raw[: len(raw) // 2]
    cases["not a zip"] = b"PK\x03\x04 not really"
    cases["nested manifest"] = rebuilt(good, lambda n, d: (n, b"[" * 100_000 + b"]" * 100_000)
                                       if n == "manifest.json" else (n, d))
    cases["duplicate key"] = rebuilt(good, lambda n, d: (n, d.replace(b'"format": "inspector-backup-1"',
                                                                          b'"format": "inspector-backup-1", "format": 1'))
                                     if n == "manifest.json" else (n, d))
    cases["outside the folder"] = rebuilt(good, lambda n, d: ("../evil.txt", d) if n == "config.toml" else (n, d))
    extra = io.BytesIO(rebuilt(good, lambda n, d: (n, d)))
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("evidence/ab/" + "ab" * 32, b"not listed")
    cases["unlisted member"] = extra.getvalue()
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        database = archive.read("inspector.db")
    poisoned = tmp_path / "poisoned.db"
    poisoned.write_bytes(database)
    db = sqlite3.connect(poisoned)
    db.execute("CREATE TRIGGER wipe AFTER INSERT ON inspections BEGIN DELETE FROM answers; END")
    db.commit()
    db.close()
    import hashlib

    data = poisoned.read_bytes()
    manifest["files"]["inspector.db"] = hashlib.sha256(data).hexdigest()
    cases["trigger"] = rebuilt(good, lambda n, d: (n, data) if n == "inspector.db" else
                               (n, json.dumps(manifest).encode()) if n == "manifest.json" else (n, d))
    return cases


def test_hostile_backups_are_refused_with_one_message_and_change_nothing(tmp_path, monkeypatch):
    old = laptop(tmp_path / "cu", monkeypatch)
    good = tmp_path / "sao-luu.zip"
    backup(old, good)
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "dich"))
    for name, data in hostile_backups(good, tmp_path).items():
        path = tmp_path / f"xau-{len(name)}-{abs(hash(name)) % 10_000}.zip"
        path.write_bytes(data)
        with pytest.raises(BackupProblem) as refused:
            restore(path)
        assert refused.value.message().strip(), name
        assert not (tmp_path / "dich" / "inspector.db").exists() or Store().inspection_count() == 0, name
        assert not list((tmp_path / "dich").glob(".restore-staging*")), name
    with pytest.raises(BackupProblem) as refused:
        restore(good.with_name("khong-co.zip"))
    assert "không phải tệp sao lưu" in refused.value.message()


def test_a_backup_whose_database_carries_a_trigger_is_refused(tmp_path, monkeypatch):
    old = laptop(tmp_path / "cu", monkeypatch)
    good = tmp_path / "sao-luu.zip"
    backup(old, good)
    path = tmp_path / "trigger.zip"
    path.write_bytes(hostile_backups(good, tmp_path)["trigger"])
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "dich"))
    with pytest.raises(BackupProblem) as refused:
        restore(path)
    assert refused.value.message() == (f"{path}: cơ sở dữ liệu trong bản sao lưu có cấu trúc khác với cấu trúc inspector"
                                       " tạo (có thể đã bị sửa) — không khôi phục gì")


def test_a_restore_cut_off_anywhere_leaves_the_old_data_or_the_whole_backup(tmp_path, monkeypatch):
    source = laptop(tmp_path / "nguon", monkeypatch)
    good = tmp_path / "sao-luu.zip"
    backup(source, good)
    expected = {row.unit for row in source.list_inspections()}
    # Cut before the journal: nothing of the backup is here.
    target = laptop(tmp_path / "dich", monkeypatch)
    target.set_archived(2, True)
    target.close()

    def cut():
        raise KeyboardInterrupt

    import inspector.store.backup as module

    real = module._close_for_good
    monkeypatch.setattr(module, "_close_for_good", lambda path: cut())
    with pytest.raises(KeyboardInterrupt):
        restore(good, force=True, replace_key=True)
    monkeypatch.setattr(module, "_close_for_good", real)
    assert {row.id: row.archived for row in Store().list_inspections(include_archived=True)} == {1: False, 2: True}
    # Cut after the journal, before any move: the next start finishes it, the evidence included.
    with pytest.raises(KeyboardInterrupt):
        restore(good, force=True, replace_key=True, moving=cut)
    assert (tmp_path / "dich" / "restore-pending.json").exists()
    after = Store()
    assert {row.unit for row in after.list_inspections(include_archived=True)} == expected
    assert not any(row.archived for row in after.list_inspections(include_archived=True))
    for answer in after.load(1).answers.values():
        for text in answer.evidence:
            if "sha256:" in text:
                prefix = text.split("sha256:")[1][:12]
                assert any(p.name.startswith(prefix) for p in (tmp_path / "dich" / "evidence").rglob("*"))
    assert not (tmp_path / "dich" / "restore-pending.json").exists()
    assert default_path().parent == tmp_path / "dich"
    # Cut again after the journal, then restore straight away: the cut-off restore is finished first, and the
    # new one stages apart from it; no staging folder is left behind.
    with pytest.raises(KeyboardInterrupt):
        restore(good, force=True, replace_key=True, moving=cut)
    restore(good, force=True, replace_key=True)
    assert not (tmp_path / "dich" / "restore-pending.json").exists()
    assert not list((tmp_path / "dich").glob(".restore-staging*"))
    assert {row.unit for row in Store().list_inspections(include_archived=True)} == expected
