"""A whole laptop in one file and back: the database (through SQLite's backup API, a consistent copy even
while its write-ahead log holds recent commits), every evidence file, the signing key (as it is kept: under
its passphrase), the user's own checklists and templates, and the settings — with a manifest of SHA-256 sums.

Restoring checks everything before it changes anything: every member's hash, sizes that do not lie, the
database's integrity and a schema exactly as this program makes it (a backup cannot smuggle in a trigger),
a signing key that differs from this laptop's (replaced only when asked). Then every file is written aside,
a journal lists the moves, and the moves are made, the database last (`restore_journal`): all or nothing,
even when the laptop is switched off halfway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector import __version__
from inspector.core.files import write_atomically
from inspector.core.limits import visible
from inspector.core.problems import Refusal
from inspector.store.database import SCHEMA_VERSION, Store, default_path, now
from inspector.store.restore_journal import (JOURNAL, apply_moves, finish_pending_restore, new_staging,
                                             remove_abandoned_staging, write_journal)
from inspector.store.schema import MIGRATIONS

if TYPE_CHECKING:
    from inspector.core.progress import Progress

FORMAT = "inspector-backup-1"
MAX_ENTRIES = 200_000
MAX_UNPACKED = 64 * 1024 * 1024 * 1024
MAX_MANIFEST = 64 * 1024 * 1024
# What a backup may hold besides the database: evidence under its hash, the key, the user's own files.
MEMBER = re.compile(r"inspector\.db|evidence/[0-9a-f]{2}/[0-9a-f]{64}|keys/(identity\.json|private\.pem)|"
                    r"checklists/[^/\\:]{1,200}\.toml|templates/[^/\\:]{1,200}\.docx|config\.toml")
HEX64 = re.compile(r"[0-9a-f]{64}")
# Everything that can fail while a damaged or hostile zip is read, said as one refusal.
UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError,
              OverflowError, KeyError, IndexError, TypeError, RecursionError)


class BackupProblem(Refusal):
    """A backup that cannot be written or restored, and why."""


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _user_files(folder: Path) -> list[tuple[str, Path]]:
    """(name in the backup, file) of what the user keeps in the data folder besides the store."""
    found = []
    for name in ("keys/identity.json", "keys/private.pem", "config.toml"):
        if (folder / name).is_file():
            found.append((name, folder / name))
    for sub, suffix in (("checklists", ".toml"), ("templates", ".docx")):
        if (folder / sub).is_dir():
            found += [(f"{sub}/{p.name}", p) for p in sorted((folder / sub).iterdir())
                      if p.is_file() and p.suffix == suffix and MEMBER.fullmatch(f"{sub}/{p.name}")]
    return found


def backup(store: Store, output: Path, progress: Progress | None = None) -> tuple[int, int]:
    """Write the backup; returns (inspections, evidence files) it holds. `progress(done, total)` per file."""
    with tempfile.TemporaryDirectory(prefix="inspector-backup-") as folder:
        copy = Path(folder) / "inspector.db"
        target = sqlite3.connect(copy)
        try:
            store.db.backup(target)
            inspections = target.execute("SELECT count(*) FROM inspections").fetchone()[0]
        finally:
            target.close()
        evidence = store.evidence_dir()
        found = [("evidence/" + p.relative_to(evidence).as_posix(), p)
                 for p in sorted(evidence.rglob("*")) if p.is_file() and MEMBER.fullmatch(
                     "evidence/" + p.relative_to(evidence).as_posix())] if evidence.is_dir() else []
        extra = _user_files(store.path.parent)
        members = [("inspector.db", copy), *found, *extra]
        steps = 2 * len(members)
        files = {}
        for done, (name, path) in enumerate(members, 1):
            files[name] = _sha(path)
            if progress is not None:
                progress(done, steps)
        manifest = {"format": FORMAT, "program": f"inspector {__version__}", "made_at": now(),
                    "schema": SCHEMA_VERSION, "files": files}
        packed = Path(folder) / "backup.zip"
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            for done, (name, path) in enumerate(members, len(members) + 1):
                archive.write(path, name)
                if progress is not None:
                    progress(done, steps)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            # A backup holding the signing key is the owner's alone to read, as the key itself is.
            write_atomically(output, packed.read_bytes(), private=any(name.startswith("keys/") for name, _ in members))
        except OSError as error:
            from inspector.core.i18n import os_error_text

            raise BackupProblem("backup.unwritable", path=output, detail=os_error_text(error)) from None
    return inspections, len(found)


# ---- reading a backup: nothing is believed before it is checked
def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key written twice")
    return dict(pairs)


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        info = archive.getinfo("manifest.json")
        if info.file_size > MAX_MANIFEST:
            raise ValueError("manifest too large")
        with archive.open(info) as stream:
            raw = stream.read(MAX_MANIFEST + 1)
        if len(raw) != info.file_size:
            raise ValueError("a size that lies")
        manifest = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except UNREADABLE:
        raise BackupProblem("restore.not_backup", file=name) from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(files, dict) or \
            "inspector.db" not in files or not all(isinstance(v, str) and HEX64.fullmatch(v) for v in files.values()):
        raise BackupProblem("restore.not_backup", file=name)
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise BackupProblem("restore.too_large", file=name)
    names = [i.filename for i in infos]
    if len(names) != len(set(names)):
        raise BackupProblem("restore.damaged", file=name, part=next(n for n in names if names.count(n) > 1))
    listed, present = set(files), set(names) - {"manifest.json"}
    for member in sorted(listed | present):
        if member not in listed or member not in present or not MEMBER.fullmatch(member):
            raise BackupProblem("restore.damaged", file=name, part=member[:200])
    return manifest


def _unpack(archive: zipfile.ZipFile, member: str, sha: str, target: Path, name: str) -> None:
    """One member written to `target`, never more bytes than its header says, its hash checked."""
    try:
        info = archive.getinfo(member)
        digest, written = hashlib.sha256(), 0
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as reader, target.open("wb") as writer:
            while chunk := reader.read(1 << 20):
                written += len(chunk)
                if written > info.file_size:
                    raise ValueError("more bytes than the header says")
                digest.update(chunk)
                writer.write(chunk)
    except UNREADABLE:
        raise BackupProblem("restore.damaged", file=name, part=member) from None
    if written != info.file_size or digest.hexdigest() != sha:
        raise BackupProblem("restore.damaged", file=name, part=member)
    if member.startswith("keys/"):
        os.chmod(target, 0o600)  # only its owner reads the key, as when it was made


def _schema(db: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    return sorted((kind, item, table, " ".join((sql or "").split())) for kind, item, table, sql in
                  db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _check_database(path: Path, name: str) -> int:
    """The number of inspections of a backed-up database whose integrity and schema are this program's."""
    try:
        check = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            verdict = check.execute("PRAGMA quick_check").fetchone()[0]
            schema = check.execute("PRAGMA user_version").fetchone()[0]
            found = _schema(check)
            inspections = check.execute("SELECT count(*) FROM inspections").fetchone()[0] if verdict == "ok" else 0
        finally:
            check.close()
    except sqlite3.Error:
        raise BackupProblem("restore.damaged", file=name, part="inspector.db") from None
    if verdict != "ok":
        raise BackupProblem("restore.damaged", file=name, part="inspector.db")
    if schema > SCHEMA_VERSION:
        raise BackupProblem("restore.newer", file=name)
    reference = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS[:schema]:
            reference.executescript(step)
        expected = _schema(reference)
    finally:
        reference.close()
    if found != expected:  # a trigger, a view or a changed table: not a store this program wrote
        raise BackupProblem("restore.schema", file=name)
    return int(inspections)


def _key_fingerprint(identity_file: Path) -> tuple[str, str] | None:
    from inspector.core.identity import fingerprint, is_public_key

    try:
        data = json.loads(identity_file.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not is_public_key(data.get("public")):
        return None
    return data["name"], fingerprint(data["public"])


def restore(source: Path, force: bool = False, progress: Progress | None = None, replace_key: bool = False,
            moving: Callable[[], None] | None = None) -> tuple[tuple[int, int], Path | None]:
    """Replace this laptop's data with a backup's (module docstring: what is checked first). A laptop holding
    inspections or files of its own is replaced only with `force`, saved to a backup beside it first (its
    path is returned); a different signing key only with `replace_key`. `moving` is called as the journal
    is written (tests cut the restore there)."""
    name = str(source)
    try:
        archive = zipfile.ZipFile(source)
    except UNREADABLE:
        raise BackupProblem("restore.not_backup", file=source) from None
    folder = default_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    finish_pending_restore(folder)  # a restore cut off before is made whole first, never mixed with this one
    remove_abandoned_staging(folder)
    with archive:
        manifest = _manifest(archive, name)
        staging = new_staging(folder)
        journal_written = False
        try:
            total = len(manifest["files"])
            for done, (member, sha) in enumerate(manifest["files"].items(), 1):
                if progress is not None:
                    progress(done, total)
                _unpack(archive, member, sha, staging / member, name)
            inspections = _check_database(staging / "inspector.db", name)
            if (staging / "keys" / "identity.json").exists():
                theirs = _key_fingerprint(staging / "keys" / "identity.json")
                if theirs is None:
                    raise BackupProblem("restore.damaged", file=name, part="keys/identity.json")
                mine = _key_fingerprint(folder / "keys" / "identity.json")
                if mine is not None and mine != theirs:
                    if not replace_key:
                        raise BackupProblem("restore.other_key", name=theirs[0], fingerprint=theirs[1], own=mine[0],
                                            own_fingerprint=mine[1])
                    _keep_old_key(folder)
            saved = _save_what_is_here(folder, force)
            moves = [[member, member] for member in manifest["files"] if member != "inspector.db"]
            moves.append(["inspector.db", "inspector.db"])
            _close_for_good(default_path())
            write_journal(folder, staging, moves)
            journal_written = True
            if moving is not None:
                moving()
            try:
                apply_moves(folder, staging, moves)
            except OSError as error:  # a file held open by another program: the next start finishes the moves
                raise BackupProblem("restore.move_failed", detail=visible(str(error)[:200], keep="")) from None
            (folder / JOURNAL).unlink(missing_ok=True)
        except BaseException:
            if not journal_written:  # nothing moved yet: nothing of the backup stays
                shutil.rmtree(staging, ignore_errors=True)
            raise
    shutil.rmtree(staging, ignore_errors=True)
    Store(default_path()).close()  # migrates a backup made by an older version now, not on the next start
    files = sum(1 for member in manifest["files"] if member.startswith("evidence/"))
    return (inspections, files), saved


def _unused(stem: Path, suffix: str = "") -> Path:
    """`stem`-DATE-TIME`suffix`, numbered when two restores fall in the same second (nothing overwritten)."""
    base = f"{stem}-{dt.datetime.now():%Y%m%d-%H%M%S}"
    path, n = Path(base + suffix), 1
    while path.exists():
        n += 1
        path = Path(f"{base}-{n}{suffix}")
    return path


def _keep_old_key(folder: Path) -> None:
    """The signing key a restore replaces, kept in backups/ (only its owner can read it): never lost."""
    kept = _unused(folder / "backups" / "khoa-truoc-khi-khoi-phuc")
    shutil.copytree(folder / "keys", kept)
    for path in (kept, *kept.rglob("*")):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _save_what_is_here(folder: Path, force: bool) -> Path | None:
    """What this laptop holds, saved to a backup first (refused without `force` when it holds inspections)."""
    path = default_path()
    held = 0
    if path.exists():
        current = Store(path)
        try:
            held = current.inspection_count()
            if held and not force:
                raise BackupProblem("restore.not_empty", n=held)
            if not held and not _user_files(folder):
                return None
            saved = _unused(folder / "backups" / "truoc-khi-khoi-phuc", ".zip")
            backup(current, saved)
            return saved
        finally:
            current.close()
    return None


def _close_for_good(path: Path) -> None:
    """Fold the old store's write-ahead log into it (a log left beside the new database would be read into it)."""
    if not path.exists():
        return
    try:
        db = sqlite3.connect(path)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    except sqlite3.Error:
        pass
    for suffix in ("-wal", "-shm"):
        try:
            os.remove(str(path) + suffix)
        except OSError:
            pass
