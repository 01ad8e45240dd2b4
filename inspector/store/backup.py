"""The whole store in one file and back: the database through SQLite's backup API (a consistent copy even
while WAL holds recent commits), every evidence file, and a manifest of SHA-256 sums checked on restore."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector import __version__
from inspector.core.files import write_atomically
from inspector.core.problems import Refusal
from inspector.store.database import SCHEMA_VERSION, Store, default_path, now

if TYPE_CHECKING:
    from inspector.core.progress import Progress

FORMAT = "inspector-backup-1"
MAX_ENTRIES = 200_000
MAX_UNPACKED = 64 * 1024 * 1024 * 1024


class BackupProblem(Refusal):
    """A backup that cannot be written or restored, and why."""


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


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
        files = {"inspector.db": _sha(copy)}
        evidence = store.evidence_dir()
        found = sorted(p for p in evidence.rglob("*") if p.is_file() and not p.name.endswith(".part")) \
            if evidence.is_dir() else []
        for done, path in enumerate(found, 1):
            files["evidence/" + path.relative_to(evidence).as_posix()] = _sha(path)
            if progress is not None:
                progress(done, 2 * len(found) + 1)
        manifest = {"format": FORMAT, "program": f"inspector {__version__}", "made_at": now(),
                    "schema": SCHEMA_VERSION, "files": files}
        packed = Path(folder) / "backup.zip"
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            archive.write(copy, "inspector.db")
            for done, path in enumerate(found, len(found) + 1):
                archive.write(path, "evidence/" + path.relative_to(evidence).as_posix())
                if progress is not None:
                    progress(done, 2 * len(found) + 1)
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomically(output, packed.read_bytes())
        except OSError as error:
            from inspector.core.i18n import os_error_text

            raise BackupProblem("backup.unwritable", path=output, detail=os_error_text(error)) from None
    return inspections, len(found)


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
    except (KeyError, ValueError, UnicodeDecodeError):
        raise BackupProblem("restore.not_backup", file=name) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or \
            not isinstance(manifest.get("files"), dict) or "inspector.db" not in manifest["files"]:
        raise BackupProblem("restore.not_backup", file=name)
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise BackupProblem("restore.not_backup", file=name)
    listed = set(manifest["files"])
    present = {i.filename for i in infos} - {"manifest.json"}
    for member in listed | present:
        parts = member.split("/")
        if member not in listed or member not in present or ".." in parts or member.startswith("/") or \
                (member != "inspector.db" and (parts[0] != "evidence" or len(parts) != 3)):
            raise BackupProblem("restore.damaged", file=name, part=member)
    return manifest


def restore(source: Path, force: bool = False, progress: Progress | None = None) -> tuple[tuple[int, int], Path | None]:
    """Replace the store with a backup, every file's hash checked first. A store holding inspections is only
    replaced with `force`, and is itself saved to a backup beside it first (its path is returned)."""
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as error:
        detail = str(error)
        raise BackupProblem("restore.not_backup", file=source, detail=detail) from None
    with archive, tempfile.TemporaryDirectory(prefix="inspector-restore-") as folder:
        manifest = _manifest(archive, str(source))
        unpacked = Path(folder)
        total = len(manifest["files"])
        for done, (member, sha) in enumerate(manifest["files"].items(), 1):
            if progress is not None:
                progress(done, total)
            target = unpacked / member
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as reader, target.open("wb") as writer:
                while chunk := reader.read(1 << 20):
                    writer.write(chunk)
            if _sha(target) != sha:
                raise BackupProblem("restore.damaged", file=source, part=member)
        try:
            check = sqlite3.connect(unpacked / "inspector.db")
            verdict = check.execute("PRAGMA quick_check").fetchone()[0]
            inspections = check.execute("SELECT count(*) FROM inspections").fetchone()[0]
            schema = check.execute("PRAGMA user_version").fetchone()[0]
            check.close()
        except sqlite3.Error:
            raise BackupProblem("restore.damaged", file=source, part="inspector.db") from None
        if verdict != "ok":
            raise BackupProblem("restore.damaged", file=source, part="inspector.db")
        if schema > SCHEMA_VERSION:
            raise BackupProblem("restore.newer", file=source)
        path = default_path()
        saved = None
        if path.exists():
            current = Store(path)
            held = current.inspection_count()
            if held and not force:
                current.close()
                raise BackupProblem("restore.not_empty", n=held)
            if held:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                saved = path.parent / "backups" / f"truoc-khi-khoi-phuc-{stamp}.zip"
                backup(current, saved)
            current.close()
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, (unpacked / "inspector.db").read_bytes())
        files = 0
        for member in manifest["files"]:
            if member.startswith("evidence/"):
                target = path.parent / member
                if not target.exists():
                    write_atomically(target, (unpacked / member).read_bytes())
                files += 1
    Store(path).close()  # migrates a backup made by an older version now, not on the next start
    return (inspections, files), saved
