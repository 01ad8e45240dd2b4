"""A strict multipart/form-data reader for one upload, read from a file the body was spooled to.

Only what the upload page sends is accepted: no preamble, parts with a Content-Disposition of form-data, a
field name from the caller's list, at most `max_parts` parts, headers of at most MAX_PART_HEADER bytes, each
file at most `max_file` bytes, nothing after the closing delimiter but a line break. Anything else is a
`Malformed` with its reason; nothing is guessed.
"""

from __future__ import annotations

import mmap
import re
import unicodedata
from collections.abc import Collection
from typing import NamedTuple

MAX_PART_HEADER = 2048
MAX_FIELD_BYTES = 2000  # a caption, a criterion id
BOUNDARY = re.compile(r"[0-9A-Za-z'()+_,./:=?-]{1,70}")  # RFC 2046 bchars, without the space
_DISPOSITION = re.compile(r'form-data((?:\s*;\s*[a-z*]+="[^"\\\r\n]*")*)\s*$', re.IGNORECASE)
_PARAM = re.compile(r';\s*([a-z*]+)="([^"\\\r\n]*)"', re.IGNORECASE)


class Malformed(Exception):
    """The body is not the form the page sends: `key` names why (a catalog key), `params` its details."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)


class Part(NamedTuple):
    name: str
    filename: str | None  # None: a plain field
    start: int  # where its bytes are in the body
    end: int


def boundary_of(content_type: str) -> bytes:
    """The boundary of a `multipart/form-data; boundary=…` Content-Type; Malformed otherwise."""
    kind, _, rest = content_type.partition(";")
    if kind.strip().lower() != "multipart/form-data":
        raise Malformed("receive.not_form")
    found = re.fullmatch(r'\s*boundary=(?:"([^"]{1,70})"|([^";\s]{1,70}))\s*', rest, re.IGNORECASE)
    value = found and (found.group(1) or found.group(2))
    if not value or not BOUNDARY.fullmatch(value):
        raise Malformed("receive.not_form")
    return value.encode("ascii")


def clean_filename(raw: str) -> str:
    """The name a phone gave a file, without any folder, control characters or more than 120 characters."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    return name.strip()[:120] or "anh"


def parse(body: mmap.mmap | bytes, boundary: bytes, names: Collection[str], max_parts: int, max_file: int,
          max_file_text: str = "") -> list[Part]:
    """The parts of a body; Malformed ("receive.bad_form", "receive.photo_too_large" with the file's name,
    "too_many_parts": the server says how many photos it takes) when the body breaks a rule."""
    delimiter = b"--" + boundary
    if body[:len(delimiter) + 2] != delimiter + b"\r\n":
        raise Malformed("receive.bad_form")
    position = len(delimiter) + 2
    parts: list[Part] = []
    while True:
        if len(parts) >= max_parts:
            raise Malformed("too_many_parts")
        header_end = body.find(b"\r\n\r\n", position, position + MAX_PART_HEADER)
        if header_end < 0:
            raise Malformed("receive.bad_form")
        name, filename = _headers(bytes(body[position:header_end]), names)
        start = header_end + 4
        end = body.find(b"\r\n" + delimiter, start)
        if end < 0:
            raise Malformed("receive.bad_form")
        limit = max_file if filename is not None else MAX_FIELD_BYTES
        if end - start > limit:
            if filename is not None:
                raise Malformed("receive.photo_too_large", name=filename, limit=max_file_text or f"{max_file} B")
            raise Malformed("receive.bad_form")
        parts.append(Part(name, filename, start, end))
        after = end + 2 + len(delimiter)
        tail = bytes(body[after:after + 2])
        if tail == b"--":
            if bytes(body[after + 2:]) not in (b"", b"\r\n"):
                raise Malformed("receive.bad_form")
            return parts
        if tail != b"\r\n":
            raise Malformed("receive.bad_form")
        position = after + 2


def _headers(block: bytes, names: Collection[str]) -> tuple[str, str | None]:
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("receive.bad_form") from None
    disposition = None
    for line in text.split("\r\n"):
        key, colon, value = line.partition(":")
        if not colon:
            raise Malformed("receive.bad_form")
        key = key.strip().lower()
        if key == "content-disposition":
            if disposition is not None:
                raise Malformed("receive.bad_form")
            disposition = value.strip()
        elif key not in ("content-type",):
            raise Malformed("receive.bad_form")
    found = _DISPOSITION.match(disposition or "")
    if found is None:
        raise Malformed("receive.bad_form")
    params: dict[str, str] = {}
    for key, value in _PARAM.findall(found.group(1)):
        if key.lower() in params:
            raise Malformed("receive.bad_form")
        params[key.lower()] = value
    name = params.get("name")
    if name is None or name not in names:
        raise Malformed("receive.bad_form")
    filename = params.get("filename")
    return name, None if filename is None else clean_filename(filename)
