"""Photos coming into an inspection: a folder copied from a phone (previewed, then confirmed) and the photos a
phone uploads (checked, then stored). Nothing is stored before every photo of the batch has passed its checks
and, for a folder, before the person has confirmed the preview.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from inspector.core.i18n import t
from inspector.core.photos import (
    MATCH_WINDOW,
    MAX_FOLDER_FILES,
    ImageProblem,
    Match,
    Worked,
    check_image,
    clock_text,
    gap_text,
    match_photo,
    parse_photo_text,
    photo_text,
    photo_time,
    worked_from_history,
)
from inspector.store.database import Store
from inspector.store.photos import StoredFile, keep_original, record_photos


class Candidate(NamedTuple):
    """One photo of a folder: when it was taken (and from where: "exif" or "file"), the criterion it matched."""

    path: Path
    kind: str
    taken: dt.datetime
    source: str
    match: Match


class ImportStopped(Exception):
    """The person stopped a folder import (Esc on the screen): nothing was recorded."""


def _check_stop(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportStopped


class Skipped(NamedTuple):
    path: Path
    reason: str


class ImportPlan:
    """What a folder import would do; `assign` changes a photo's criterion by hand; `confirm` stores it."""

    def __init__(self, inspection_id: int, folder: Path, photos: list[Candidate], skipped: list[Skipped],
                 criteria: dict[str, str], too_many: int = 0):
        self.inspection_id, self.folder = inspection_id, folder
        self.photos, self.skipped, self.criteria, self.too_many = photos, skipped, criteria, too_many
        self.chosen: dict[int, str | None] = {i: p.match.criterion_id for i, p in enumerate(photos)}

    def assign(self, index: int, criterion_id: str | None) -> None:
        """Put photo `index` on a criterion (None: leave it out); KeyError for a criterion not on the list."""
        if criterion_id is not None and criterion_id not in self.criteria:
            raise KeyError(criterion_id)
        self.chosen[index] = criterion_id

    def unmatched(self) -> list[int]:
        return [i for i, cid in self.chosen.items() if cid is None]

    def assigned(self) -> list[tuple[Candidate, str]]:
        return [(self.photos[i], cid) for i, cid in sorted(self.chosen.items()) if cid is not None]

    def lines(self, lang: str | None = None) -> list[str]:
        """The preview: photo → criterion with the gap, then the photos to assign by hand and those refused."""
        out = [t("photo.preview_head", lang, n=len(self.photos), folder=str(self.folder))]
        for i, photo in enumerate(self.photos):
            cid = self.chosen[i]
            when = f"{clock_text(photo.taken)} ({t('photo.source_' + photo.source, lang)})"
            if cid is None:
                continue
            if cid == photo.match.criterion_id:
                gap = gap_text(photo.match.gap, lang)
            else:
                gap = t("photo.by_hand", lang)
            out.append(f"  {photo.path.name}  {when}  →  {cid}  ({gap})")
        unmatched = self.unmatched()
        if unmatched:
            out.append(t("photo.unmatched_head", lang, n=len(unmatched),
                         minutes=int(MATCH_WINDOW.total_seconds() // 60)))
            for i in unmatched:
                photo = self.photos[i]
                out.append(f"  [{i + 1}] {photo.path.name}  {clock_text(photo.taken)} "
                           f"({t('photo.source_' + photo.source, lang)})")
        if self.skipped:
            out.append(t("photo.skipped_head", lang, n=len(self.skipped)))
            out.extend(f"  {s.path.name}: {s.reason}" for s in self.skipped)
        if self.too_many:
            out.append(t("photo.folder_too_many", lang, n=self.too_many, limit=MAX_FOLDER_FILES))
        return out

    def confirm(self, store: Store, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> dict[str, int]:
        """Copy the assigned photos in and record them in one transaction; returns photos added per criterion
        (a photo already on its criterion is not added twice). StoreError when the disk refuses; ImageProblem
        when a file changed since the preview and is no photo now (nothing recorded then); ImportStopped when
        `cancelled()` turns true before the transaction (nothing recorded: the originals already copied stay
        in the evidence folder, unreferenced, as after any refused evidence)."""
        from inspector.core.model import Answer

        record = store.load(self.inspection_id)
        assigned = self.assigned()
        for photo, _ in assigned:
            _check_stop(cancelled)
            check_image(photo.path, photo.path.name)  # it may have changed since the preview
        files: list[StoredFile] = []
        additions: dict[str, list[str]] = {}
        for done, (photo, cid) in enumerate(assigned, 1):
            _check_stop(cancelled)
            stored = keep_original(store, photo.path, tag=uuid.uuid4().hex)
            have = {ref.sha_prefix for ref in map(parse_photo_text, (record.answers.get(cid) or Answer(cid)).evidence)
                    if ref is not None} | {parse_photo_text(text).sha_prefix  # type: ignore[union-attr]
                                           for text in additions.get(cid, [])}
            if stored.sha[:12] not in have:
                files.append(stored)
                additions.setdefault(cid, []).append(photo_text(photo.path.name, stored.sha, photo.taken))
            if progress is not None:
                progress(done, len(assigned))
        _check_stop(cancelled)
        if additions:
            record_photos(store, self.inspection_id, record.checklist, record.info, additions, files)
        return {cid: len(texts) for cid, texts in additions.items()}


def worked_on(store: Store, inspection_id: int, criteria: Sequence[str]) -> list[Worked]:
    """When each criterion was worked on, from the store's history (figures and the record itself left out)."""
    known = set(criteria)
    return worked_from_history((row[1], row[0]) for row in store.history_rows(inspection_id) if row[1] in known)


def folder_files(folder: Path) -> tuple[list[Path], int]:
    """The regular files under `folder` (links left out), by name, at most MAX_FOLDER_FILES; and how many more."""
    found: list[Path] = []
    more = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode) or name.startswith("."):
                continue
            if len(found) >= MAX_FOLDER_FILES:
                more += 1
            else:
                found.append(path)
    return found, more


def plan_import(store: Store, inspection_id: int, folder: Path, window: dt.timedelta = MATCH_WINDOW,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Read a folder of photos (nothing is stored): each photo's time and the criterion it matches.
    OSError when the folder cannot be read. `progress(done, total)` after each file looked at; ImportStopped
    when `cancelled()` turns true (it is asked before each file)."""
    record = store.load(inspection_id)
    criteria = {c.id: c.title for c in record.checklist.criteria}
    if not folder.is_dir():
        raise FileNotFoundError(2, os.strerror(2), str(folder))
    worked = worked_on(store, inspection_id, list(criteria))
    files, more = folder_files(folder)
    photos, skipped = [], []
    for done, path in enumerate(files):
        _check_stop(cancelled)
        if progress is not None:
            progress(done, len(files))
        try:
            kind = check_image(path, path.name)
        except ImageProblem as problem:
            skipped.append(Skipped(path, problem.message()))
            continue
        taken, source = photo_time(path, kind)
        photos.append(Candidate(path, kind, taken, source, match_photo(taken, worked, window)))
    if progress is not None:
        progress(len(files), len(files))
    photos.sort(key=lambda p: (p.taken.replace(tzinfo=None), p.path.name))
    return ImportPlan(inspection_id, folder, photos, skipped, criteria, more)


# ---- photos a phone uploads
class Incoming(NamedTuple):
    """A photo received (in a temporary file) with the name the phone gave it."""

    path: Path
    name: str


def store_received(store: Store, inspection_id: int, criterion_id: str, photos: Sequence[Incoming],
                   caption: str = "", now: Callable[[], dt.datetime] = dt.datetime.now) -> list[str]:
    """Check every photo, then keep and record them all on one criterion; returns their evidence texts.
    ImageProblem (naming the photo) when one is no photo: nothing is stored. KeyError for an unknown
    criterion. The time is the photo's EXIF time, else the moment it arrived."""
    record = store.load(inspection_id)
    if record.checklist.criterion(criterion_id) is None:
        raise KeyError(criterion_id)
    kinds = [check_image(photo.path, photo.name) for photo in photos]
    files, texts = [], []
    for photo, kind in zip(photos, kinds):
        taken, source = photo_time(photo.path, kind)
        if source != "exif":
            taken = now()
        stored = keep_original(store, photo.path, tag=uuid.uuid4().hex)
        files.append(StoredFile(stored.sha, photo.name, stored.size))
        texts.append(photo_text(photo.name, stored.sha, taken, caption))
    record_photos(store, inspection_id, record.checklist, record.info, {criterion_id: texts}, files)
    return texts
