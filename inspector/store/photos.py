"""Photos kept as evidence: the original under its SHA-256 in the evidence folder (as every evidence file,
so bundles and backups carry it), a resized JPEG beside it for documents, and one transaction that records
them on their criteria.

A photo is an evidence text of its criterion's answer (`core.photos.photo_text`); removing one removes the
text (the history keeps it, the original stays in the evidence folder). The resized copies live in
`photo-copies/` next to the evidence folder: made when a photo comes in, made again from the original when
missing (a restored backup, a merged bundle), never needed for a HEIC this laptop's Pillow cannot draw.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from inspector.core.photos import RESIZED_SIDE, exif_time, parse_photo_text, sniff
from inspector.store import evidence
from inspector.store.unit_of_work import answer_json, audit_value

if TYPE_CHECKING:
    from inspector.core.model import Checklist, InspectionInfo
    from inspector.store.database import Inspection, Store


class StoredFile(NamedTuple):
    sha: str
    name: str
    size: int


class StoredPhoto(NamedTuple):
    """One photo of an inspection as its documents and screens show it."""

    criterion_id: str
    position: int  # its place in the answer's evidence (what removing it names)
    text: str  # its evidence text
    name: str
    sha: str
    path: Path  # the original
    size: int
    kind: str  # jpeg, png, heic
    taken: dt.datetime | None
    caption: str


def copies_dir(evidence_dir: Path) -> Path:
    return evidence_dir.parent / "photo-copies"


def resized_path(evidence_dir: Path, sha: str) -> Path:
    return copies_dir(evidence_dir) / f"{sha}.jpg"


def make_resized(original: Path, target: Path) -> bool:
    """A JPEG of at most RESIZED_SIDE pixels a side, turned upright as the phone meant; False when Pillow
    cannot draw the original (a HEIC on this laptop, a damaged file)."""
    from PIL import Image, ImageOps

    temporary = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        with Image.open(original) as image:
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((RESIZED_SIDE, RESIZED_SIDE))
            target.parent.mkdir(parents=True, exist_ok=True)
            upright.convert("RGB").save(temporary, "JPEG", quality=85)
        os.replace(temporary, target)
    except Exception:  # noqa: BLE001 - any image Pillow cannot draw is kept without its copy
        temporary.unlink(missing_ok=True)
        return False
    return True


def resized(evidence_dir: Path, photo: StoredPhoto) -> Path | None:
    """The resized copy of a photo, made now when it is missing; None when it cannot be made."""
    target = resized_path(evidence_dir, photo.sha)
    if target.is_file():
        return target
    if photo.kind == "heic":
        return None
    return target if make_resized(photo.path, target) else None


def keep_original(store: Store, source: Path, tag: str) -> StoredFile:
    """Copy a checked photo into the evidence folder under its SHA-256 (not yet recorded) and make its
    resized copy; StoreError when the disk refuses."""
    sha, size = evidence.copy_in(store.evidence_dir(), source, tag=tag)
    original = store.evidence_path(sha)
    with original.open("rb") as handle:
        kind = sniff(handle.read(32))
    if kind != "heic" and not resized_path(store.evidence_dir(), sha).is_file():
        make_resized(original, resized_path(store.evidence_dir(), sha))
    return StoredFile(sha, source.name, size)


def record_photos(store: Store, inspection_id: int, checklist: Checklist, info: InspectionInfo,
                  additions: Mapping[str, Sequence[str]], files: Sequence[StoredFile]) -> None:
    """Record photos (evidence texts by criterion) and their files in one transaction: all or nothing.

    Each answer changed gets its audit rows like any other change; the inspection is rescored."""
    from inspector.core.record import evolve

    from inspector.core.answer_data import answer_from_data
    from inspector.core.model import Answer
    from inspector.core.scoring import score

    with store.transaction() as unit:
        for file in files:
            unit.record_evidence_file(file.sha, file.name, file.size)
        answers = unit.answers(inspection_id, checklist)
        for criterion_id, texts in additions.items():
            if not texts:
                continue
            row = unit.answer_row(inspection_id, criterion_id)
            old = row[0] if row else None
            current = answer_from_data(criterion_id, json.loads(old), checklist.criterion(criterion_id)) if old \
                else Answer(criterion_id)
            answer = evolve(current, evidence=current.evidence + tuple(texts))
            new = answer_json(answer)
            assert new is not None
            unit.put_answer(inspection_id, criterion_id, new)
            old_data, new_data = json.loads(old) if old else {}, json.loads(new)
            for field in sorted(set(old_data) | set(new_data)):
                if old_data.get(field) != new_data.get(field):
                    unit.audit(inspection_id, criterion_id, field, audit_value(old_data.get(field)),
                               audit_value(new_data.get(field)))
            answers[criterion_id] = answer
        unit.touch(inspection_id, score(checklist, answers, info.unit_type, unit.facts(inspection_id),
                                        unit.facts_evidence(inspection_id), info.period_end))


def find_original(evidence_dir: Path, prefix: str) -> Path | None:
    """The evidence file whose SHA-256 starts with `prefix` (as an answer cites it), or None."""
    folder = evidence_dir / prefix[:2]
    try:
        found = sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and len(p.name) == 64)
    except OSError:
        return None
    return found[0] if found else None


def photos_of(record: Inspection, evidence_dir: Path | None = None) -> list[StoredPhoto]:
    """Every photo of an inspection, in checklist order then as recorded: the evidence files whose bytes are
    an image (a PDF cited as evidence is no photo)."""
    folder = evidence_dir or record.evidence_dir
    if folder is None:
        return []
    found = []
    for c in record.checklist.criteria:
        answer = record.answers.get(c.id)
        for index, text in enumerate(answer.evidence if answer else ()):
            ref = parse_photo_text(text)
            path = find_original(folder, ref.sha_prefix) if ref else None
            if ref is None or path is None:
                continue
            try:
                with path.open("rb") as handle:
                    kind = sniff(handle.read(32))
                size = path.stat().st_size
            except OSError:
                continue
            if kind is None:
                continue
            taken = ref.taken or (exif_time(path) if kind == "jpeg" else None)
            found.append(StoredPhoto(c.id, index, text, ref.name, path.name, path, size, kind, taken, ref.caption))
    return found
