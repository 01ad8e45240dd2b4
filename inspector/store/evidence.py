"""Evidence files: copied into the data folder under their SHA-256, in one pass that reads, hashes and copies."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from inspector.core import limits
from inspector.core.i18n import os_error_text
from inspector.store.errors import StoreError


def evidence_problem(source: Path) -> str | None:
    """Why a file may not be copied in as evidence (a catalog key), or None."""
    try:
        if source.is_symlink():
            return "store.evidence_link"
        info = source.stat()
    except OSError:
        return None  # reported by the copy itself, with the system's reason
    if not stat.S_ISREG(info.st_mode):
        return "store.evidence_not_file"
    if info.st_size > limits.MAX_EVIDENCE_BYTES:
        return "store.evidence_too_large"
    return None


def format_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


def evidence_path(folder: Path, sha: str) -> Path:
    return folder / sha[:2] / sha


def copy_in(folder: Path, source: Path, progress: Callable[[int, int], None] | None = None,
            tag: str = "") -> tuple[str, int]:
    """Copy `source` into `folder` under its SHA-256; returns (sha256, size). `progress(done, total)` hears
    each chunk. A symbolic link, a device or a file over MAX_EVIDENCE_BYTES is refused (StoreError) before
    anything is copied; a half-copied file never stays (`tag` names the temporary file of this copy)."""
    problem = evidence_problem(source)
    if problem is not None:
        raise StoreError(problem, format_size(limits.MAX_EVIDENCE_BYTES), str(source))
    temporary = folder / f"incoming-{os.getpid()}-{tag}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(source, flags)  # O_NOFOLLOW: a link swapped in after the check is still refused
        with os.fdopen(handle, "rb") as reader, temporary.open("wb") as writer:
            size = os.fstat(reader.fileno()).st_size
            import hashlib  # here: loading OpenSSL costs every listing 2 ms

            digest, done = hashlib.sha256(), 0
            while chunk := reader.read(1 << 20):
                done += len(chunk)
                if done > limits.MAX_EVIDENCE_BYTES:  # the file grew while being read
                    raise StoreError("store.evidence_too_large", format_size(limits.MAX_EVIDENCE_BYTES),
                                     str(source))
                digest.update(chunk)
                writer.write(chunk)
                if progress is not None:
                    progress(done, max(size, done))
            writer.flush()
            os.fsync(writer.fileno())
        sha = digest.hexdigest()
        target = evidence_path(folder, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, target)
    except OSError as error:
        raise StoreError("store.evidence", os_error_text(error), str(source)) from None
    finally:
        temporary.unlink(missing_ok=True)
    return sha, done
