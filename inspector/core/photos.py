"""Photos as evidence: what a photo is by its bytes, when it was taken, which criterion it belongs to.

Pure rules, no store: the folder import, the upload server and the documents all ask here.

- A photo is a JPEG, a PNG or a HEIC/HEIF **by its first bytes** (a text file named .jpg is no photo);
  a JPEG or PNG must also open in Pillow with at most `MAX_PHOTO_PIXELS` pixels (a decompression bomb is
  refused before it is decoded). A HEIC is kept as it is: this laptop's Pillow cannot draw it.
- Its time is EXIF DateTimeOriginal (with OffsetTimeOriginal when the phone wrote one), else the file's
  modification time. Times are compared as wall clocks: the phones and the laptop are in the same zone.
- The criterion it belongs to is the one worked on nearest in time (the store's history: each answer, note,
  evidence), within `MATCH_WINDOW`; on equal gaps the one worked on after the photo wins (the team
  photographs a document, then records what it saw). Farther than the window: unmatched, to assign by hand.
- A stored photo is an evidence text of its criterion: ``NAME [sha256:PREFIX] · YYYY-MM-DD HH:MM:SS · caption``
  — the form every evidence file has (so bundles and backups carry it), with its time and caption after it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

MAX_PHOTO_BYTES = 25 * 1024 * 1024  # a phone's photo is 2–12 MB; a 48 MP HEIC up to ~20 MB
MAX_REQUEST_BYTES = 100 * 1024 * 1024  # one upload: several photos at once, never a film
MAX_PHOTOS_PER_REQUEST = 30
MAX_PHOTOS_PER_SESSION = 300  # one visit's upload page
MAX_FOLDER_FILES = 2000  # files looked at in one folder import (photos and others)
MAX_PHOTO_PIXELS = 120_000_000  # a 108 MP phone camera fits; a decompression bomb does not
MATCH_WINDOW = dt.timedelta(minutes=15)
MAX_CAPTION_CHARS = 200  # as the upload page's field takes (its maxlength)
RESIZED_SIDE = 1600  # the long side of the copy made for documents, in pixels
KINDS = ("jpeg", "png", "heic")
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
PHOTO_TEXT = re.compile(r"^(?P<name>.*?) \[sha256:(?P<sha>[0-9a-f]{12,64})\]"
                        r"(?: · (?P<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}))?(?: · (?P<caption>.*))?$", re.DOTALL)


def size_text(size: int) -> str:
    """ "25 MB", "40 kB": a limit as people read it."""
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


def sniff(head: bytes) -> str | None:
    """The kind of image the first bytes (at least 12) begin, or None: "jpeg", "png" or "heic"."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "heic"
    return None


class ImageProblem(Exception):
    """Why bytes are no photo we take: a catalog key and its parameters."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        from inspector.core.i18n import t

        return t(self.key, lang, **self.params)


def check_image(path: Path, name: str) -> str:
    """The kind of the photo at `path` (named `name` for messages); ImageProblem when it is none.

    Its bytes decide, not its name; a JPEG or PNG must open in Pillow (its header, not its pixels) and stay
    under MAX_PHOTO_PIXELS. A HEIC is taken on its bytes alone."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(32)
    except OSError:
        raise ImageProblem("photo.unreadable", name=name) from None
    if size > MAX_PHOTO_BYTES:
        raise ImageProblem("photo.too_large", name=name, limit=size_text(MAX_PHOTO_BYTES))
    kind = sniff(head)
    if kind is None:
        raise ImageProblem("photo.not_image", name=name)
    if kind == "heic":
        return kind
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PHOTO_PIXELS:
                raise ImageProblem("photo.too_many_pixels", name=name, mp=width * height // 1_000_000)
            if image.format not in ("JPEG", "PNG", "MPO"):
                raise ImageProblem("photo.not_image", name=name)
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ImageProblem("photo.damaged", name=name) from None
    return kind


def exif_time(path: Path) -> dt.datetime | None:
    """EXIF DateTimeOriginal of a JPEG (aware when the phone wrote OffsetTimeOriginal), or None."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            exif = image.getexif()
            inner = exif.get_ifd(0x8769)
            text, offset = inner.get(36867), inner.get(36881)
    except Exception:  # noqa: BLE001 - any unreadable EXIF is "no time in it", never a crash
        return None
    if not isinstance(text, str):
        return None
    try:
        taken = dt.datetime.strptime(text.strip("\x00 ").strip(), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if isinstance(offset, str):
        match = re.fullmatch(r"([+-])(\d{2}):(\d{2})", offset.strip("\x00 "))
        if match:
            minutes = int(match[2]) * 60 + int(match[3])
            taken = taken.replace(tzinfo=dt.timezone(dt.timedelta(minutes=-minutes if match[1] == "-" else minutes)))
    return taken


def photo_time(path: Path, kind: str | None = None) -> tuple[dt.datetime, str]:
    """When a photo was taken and where that comes from: ("exif") its DateTimeOriginal, else ("file") the
    file's modification time on this laptop's clock."""
    if kind in (None, "jpeg"):
        taken = exif_time(path)
        if taken is not None:
            return taken, "exif"
    return dt.datetime.fromtimestamp(path.stat().st_mtime), "file"


def wall(moment: dt.datetime) -> dt.datetime:
    """The wall-clock time of a moment (its own zone's), naive: what a phone's or the laptop's clock showed."""
    return moment.replace(tzinfo=None)


def parse_stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


class Worked(NamedTuple):
    """A criterion worked on at a moment (one row of the store's history)."""

    criterion_id: str
    at: dt.datetime


class Match(NamedTuple):
    """The criterion a photo goes to (None: none within the window) and the photo's time minus the work's."""

    criterion_id: str | None
    gap: dt.timedelta | None


def _comparable(a: dt.datetime, b: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    if a.tzinfo is not None and b.tzinfo is not None:
        return a, b
    return wall(a), wall(b)


def match_photo(taken: dt.datetime, worked: Sequence[Worked], window: dt.timedelta = MATCH_WINDOW) -> Match:
    """The criterion worked on nearest to `taken`, when within `window`; a tie goes to the later work."""
    best: Match = Match(None, None)
    for item in worked:
        photo, work = _comparable(taken, item.at)
        gap = photo - work
        if abs(gap) > window:
            continue
        if best.gap is None or abs(gap) < abs(best.gap) or (abs(gap) == abs(best.gap) and gap < best.gap):
            best = Match(item.criterion_id, gap)
    return best


def worked_from_history(rows: Iterable[tuple[str | None, str]]) -> list[Worked]:
    """(criterion id, ISO time) rows of the history → the moments each criterion was worked on, in order."""
    found: list[Worked] = []
    for criterion_id, at in rows:
        moment = parse_stamp(at) if criterion_id else None
        if criterion_id and moment is not None:
            bisect.insort(found, Worked(criterion_id, moment), key=lambda w: wall(w.at))
    return found


def gap_text(gap: dt.timedelta | None, lang: str | None = None) -> str:
    """ "2 phút 05 giây trước khi ghi" / "40 giây sau khi ghi" / "cùng lúc"; "—" when there is no match."""
    from inspector.core.i18n import t

    if gap is None:
        return "—"
    seconds = int(abs(gap).total_seconds())
    if seconds == 0:
        return t("photo.gap_same", lang)
    minutes, seconds = divmod(seconds, 60)
    amount = t("photo.gap_min_sec", lang, m=minutes, s=f"{seconds:02d}") if minutes else t("photo.gap_sec", lang,
                                                                                           s=seconds)
    return t("photo.gap_before" if gap < dt.timedelta(0) else "photo.gap_after", lang, amount=amount)


def clock_text(moment: dt.datetime | None) -> str:
    """ "09:32 15/10/2025" (the wall clock); "" when unknown."""
    if moment is None:
        return ""
    moment = wall(moment)
    return f"{moment:%H:%M} {moment:%d/%m/%Y}"


# ---- the evidence text of a stored photo
def photo_text(name: str, sha: str, taken: dt.datetime | None, caption: str = "") -> str:
    """The evidence text a photo is recorded as (its name keeps no "[" that would confuse the reference)."""
    name = " ".join(name.replace("[", "(").replace("]", ")").split()) or "anh"
    text = f"{name} [sha256:{sha[:12]}]"
    if taken is not None:
        text += f" · {wall(taken):%Y-%m-%d %H:%M:%S}"
    caption = " ".join(caption.split())
    if caption:
        text += f" · {caption}"
    return text


class PhotoRef(NamedTuple):
    """What an evidence text says of a file: its name, SHA-256 prefix, time and caption."""

    name: str
    sha_prefix: str
    taken: dt.datetime | None
    caption: str


def parse_photo_text(text: str) -> PhotoRef | None:
    """The file an evidence text names (None: a document's name, no file)."""
    found = PHOTO_TEXT.match(text)
    if found is None:
        return None
    taken = dt.datetime.strptime(found["time"], "%Y-%m-%d %H:%M:%S") if found["time"] else None
    return PhotoRef(found["name"], found["sha"], taken, found["caption"] or "")


def with_caption(text: str, caption: str) -> str | None:
    """The same photo's evidence text with another caption (None when the text names no file)."""
    ref = parse_photo_text(text)
    if ref is None:
        return None
    head = f"{ref.name} [sha256:{ref.sha_prefix}]"
    if ref.taken is not None:
        head += f" · {ref.taken:%Y-%m-%d %H:%M:%S}"
    caption = " ".join(caption.split())
    return f"{head} · {caption}" if caption else head
