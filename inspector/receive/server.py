"""The upload page's server: the standard library's ThreadingHTTPServer, one page and one upload, every limit
enforced here.

Why not a web framework: the server lives for one visit on a laptop's hotspot and serves two things; the
standard library has no dependency to vet or keep offline, and a strict reader of our own
(`multipart.py`) accepts exactly the form our page sends — `cgi` is gone from Python 3.13 and the email
package's parser reads a whole body into memory without limits.

The rules, in the order a request meets them:
- only clients of a local network (`network.LOCAL_NETWORKS`, or the `networks` given) are answered;
- only ``/p/TOKEN`` exists (GET: the page; POST: an upload); the token is random, compared in constant time,
  dies with the server, and belongs to the first phone (address) that uses it;
- a connection idle for `idle_seconds` is cut off (a stalled client), so is a request still arriving after
  `request_seconds` (a slow one) — measured on the injected `clock`;
- an upload needs a Content-Length of at most `request_bytes` (refused before its body is read), a
  multipart/form-data body, at most `per_request` photos of at most `photo_bytes` each, at most
  `per_session` in all; each photo must be a JPEG, PNG or HEIC by its bytes;
- every photo of an upload is checked before any is stored; one refused refuses the upload (nothing half
  stored), with a message the phone shows.
"""

from __future__ import annotations

import hmac
import json
import mmap
import secrets
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple


from inspector.core.i18n import t
from inspector.core.photos import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS_PER_REQUEST,
    MAX_PHOTOS_PER_SESSION,
    MAX_REQUEST_BYTES,
    ImageProblem,
    size_text,
)
from inspector.core.record import record
from inspector.receive import multipart
from inspector.receive.network import LOCAL_NETWORKS, bind_problem, is_local
from inspector.receive.page import page
from inspector.store.errors import StoreError

FIELDS = ("photo", "criterion", "caption")
LINGER_BYTES = 4 * 1024 * 1024


@record
class Limits:
    photo_bytes: int = MAX_PHOTO_BYTES
    request_bytes: int = MAX_REQUEST_BYTES
    per_request: int = MAX_PHOTOS_PER_REQUEST
    per_session: int = MAX_PHOTOS_PER_SESSION
    idle_seconds: float = 20.0  # no byte for this long: the client has stalled
    request_seconds: float = 600.0  # one upload may take this long in all (100 MB at ~170 kB/s)
    connections: int = 8


class ReceiveProblem(Exception):
    """The server cannot start: a catalog key and its parameters (what to do, and the folder import)."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)


class Received(NamedTuple):
    criterion_id: str
    name: str
    size: int
    text: str  # its evidence text


class Refusal(Exception):
    """An answer to the phone: the HTTP status and the Vietnamese message."""

    def __init__(self, status: int, key: str, **params: object):
        self.status, self.text = status, t(key, "vi", **params)
        super().__init__(self.text)


# What stores the photos: (criterion id or "" for the one on screen, [(temporary path, name)], caption) → the
# evidence texts; raises ImageProblem, KeyError (an unknown criterion).
Sink = Callable[[str, list[tuple[Path, str]], str], list[tuple[str, str]]]


class ReceiveServer:
    """One upload page for one inspection, until `stop()`."""

    def __init__(self, sink: Sink, criteria: list[tuple[str, str]], unit: str,
                 current: Callable[[], tuple[str, str] | None], bind: str, port: int = 0,
                 limits: Limits = Limits(), clock: Callable[[], float] = time.monotonic,
                 networks=LOCAL_NETWORKS, spool: Path | None = None,
                 on_received: Callable[[list[Received]], None] | None = None):
        problem = bind_problem(bind)
        if problem is not None:
            raise ReceiveProblem(problem, address=bind)
        self.sink, self.criteria, self.unit, self.current = sink, criteria, unit, current
        self.limits, self.clock, self.networks, self.spool = limits, clock, networks, spool
        self.on_received = on_received
        self.token = secrets.token_urlsafe(12)
        self.owner: str | None = None  # the phone the token belongs to, once one has used it
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(limits.connections)
        try:
            self.httpd = _HTTPServer((bind, port), _Handler, self)
        except OSError as error:
            raise ReceiveProblem("receive.cannot_listen", address=bind, port=port, detail=error.strerror or str(error)
                                 ) from None
        self.address, self.port = str(self.httpd.server_address[0]), int(self.httpd.server_address[1])
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.address}]" if ":" in str(self.address) else self.address
        return f"http://{host}:{self.port}/p/{self.token}"

    def start(self) -> None:
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                       name="inspector-receive", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop listening; the token dies with the server."""
        self.token = secrets.token_urlsafe(24)  # nothing still in flight can match the old one
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def __enter__(self) -> ReceiveServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- what the handler asks
    def authorize(self, client: str, token: str) -> None:
        if not is_local(client, self.networks):
            raise Refusal(HTTPStatus.FORBIDDEN, "receive.outside")
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            raise Refusal(HTTPStatus.FORBIDDEN, "receive.bad_token")
        with self.lock:
            if self.owner is None:
                self.owner = client
            elif self.owner != client:
                raise Refusal(HTTPStatus.FORBIDDEN, "receive.other_phone")

    def page_bytes(self, nonce: str) -> bytes:
        with self.lock:
            received = [f"{r.criterion_id}: {r.name}" for r in reversed(self.received)]
        limits = {"count": self.limits.per_request, "photo": self.limits.photo_bytes,
                  "photo_text": size_text(self.limits.photo_bytes), "request": self.limits.request_bytes,
                  "too_many": t("receive.too_many", "vi", limit=self.limits.per_request),
                  "too_large": t("receive.photo_too_large", "vi", name="{name}",
                                 limit=size_text(self.limits.photo_bytes)),
                  "request_too_large": t("receive.request_too_large", "vi",
                                         limit=size_text(self.limits.request_bytes)),
                  "sending": t("receive.sending", "vi"), "lost": t("receive.lost", "vi"),
                  "broken": t("receive.broken", "vi")}
        return page(nonce, self.unit, self.criteria, self.current(), received, limits)

    def take(self, files: list[tuple[Path, str]], criterion: str, caption: str) -> list[Received]:
        with self.lock:  # one upload stored at a time: the session's count stays exact
            if len(self.received) + len(files) > self.limits.per_session:
                raise Refusal(HTTPStatus.TOO_MANY_REQUESTS, "receive.session_full", limit=self.limits.per_session,
                              n=len(self.received))
            try:
                stored = self.sink(criterion, files, caption)
            except ImageProblem as problem:
                raise Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "receive.refused_photo",
                              reason=problem.message("vi")) from None
            except KeyError:
                raise Refusal(HTTPStatus.BAD_REQUEST, "receive.unknown_criterion", id=criterion) from None
            except StoreError as error:
                raise Refusal(HTTPStatus.INTERNAL_SERVER_ERROR, "receive.not_saved", detail=error.message("vi")
                              ) from None
            items = [Received(cid, name, path.stat().st_size, text)
                     for (path, name), (cid, text) in zip(files, stored)]
            self.received.extend(items)
        if self.on_received is not None:
            self.on_received(items)
        return items


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type, owner: ReceiveServer):
        self.owner = owner
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers
    server_version = "inspector"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.owner.limits.idle_seconds)  # a stalled phone is cut off

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the standard library's name
        pass  # the terminal belongs to the interface

    def handle(self) -> None:
        owner = self.server.owner
        if not owner.slots.acquire(blocking=False):
            self.close_connection = True
            self.request_version, self.command, self.requestline = "HTTP/1.0", "", ""
            try:
                self._answer(Refusal(HTTPStatus.SERVICE_UNAVAILABLE, "receive.busy"))
            except OSError:
                pass
            return
        try:
            super().handle()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            owner.slots.release()

    # ---- the two things served
    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self._serve(upload=False)

    def do_POST(self) -> None:  # noqa: N802
        self._serve(upload=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(Refusal(HTTPStatus.METHOD_NOT_ALLOWED, "receive.not_here"))

    def _serve(self, upload: bool) -> None:
        owner = self.server.owner
        try:
            if not is_local(self.client_address[0], owner.networks):
                raise Refusal(HTTPStatus.FORBIDDEN, "receive.outside")
            parts = self.path.split("?", 1)[0].split("/")
            if len(parts) != 3 or parts[0] or parts[1] != "p":
                raise Refusal(HTTPStatus.NOT_FOUND, "receive.not_here")
            owner.authorize(self.client_address[0], parts[2])
            if upload:
                self._upload()
            else:
                nonce = secrets.token_urlsafe(12)
                self._send(HTTPStatus.OK, owner.page_bytes(nonce), "text/html; charset=utf-8", nonce)
        except Refusal as refusal:
            self._answer(refusal)
        except TimeoutError:
            self._answer(Refusal(HTTPStatus.REQUEST_TIMEOUT, "receive.stalled"))

    def _upload(self) -> None:
        owner = self.server.owner
        limits = owner.limits
        if self.headers.get("Transfer-Encoding"):
            raise Refusal(HTTPStatus.LENGTH_REQUIRED, "receive.no_length")
        length_text = self.headers.get("Content-Length", "")
        if not length_text.isdigit():
            raise Refusal(HTTPStatus.LENGTH_REQUIRED, "receive.no_length")
        length = int(length_text)
        if length > limits.request_bytes:
            raise Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "receive.request_too_large",
                          limit=size_text(limits.request_bytes))
        try:
            boundary = multipart.boundary_of(self.headers.get("Content-Type", ""))
        except multipart.Malformed as bad:
            raise Refusal(HTTPStatus.BAD_REQUEST, bad.key, **bad.params) from None
        folder = Path(tempfile.mkdtemp(prefix="inspector-upload-", dir=owner.spool))
        try:
            body_path = folder / "body"
            self._spool(body_path, length)
            files, fields = self._parts(body_path, boundary, folder)
            if not files:
                raise Refusal(HTTPStatus.BAD_REQUEST, "receive.no_photo")
            items = owner.take(files, fields.get("criterion", ""), fields.get("caption", ""))
            names = [f"{item.criterion_id}: {item.name}" for item in items]
            body = json.dumps({"ok": True, "message": t("receive.done", "vi", n=len(items)), "received": names},
                              ensure_ascii=False).encode()
            self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _spool(self, target: Path, length: int) -> None:
        """The body, read to a file: a stalled client hits the socket's timeout, a slow one the deadline."""
        owner = self.server.owner
        started, left = owner.clock(), length
        self.unread = length
        with target.open("wb") as out:
            while left:
                chunk = self.rfile.read1(min(left, 1 << 16))
                if not chunk:
                    raise Refusal(HTTPStatus.BAD_REQUEST, "receive.cut_short")
                out.write(chunk)
                left -= len(chunk)
                self.unread = left
                if owner.clock() - started > owner.limits.request_seconds:
                    raise Refusal(HTTPStatus.REQUEST_TIMEOUT, "receive.too_slow")

    def _parts(self, body_path: Path, boundary: bytes, folder: Path) -> tuple[list[tuple[Path, str]], dict[str, str]]:
        limits = self.server.owner.limits
        files: list[tuple[Path, str]] = []
        fields: dict[str, str] = {}
        if body_path.stat().st_size == 0:
            raise Refusal(HTTPStatus.BAD_REQUEST, "receive.bad_form")
        with body_path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as body:
            try:
                parts = multipart.parse(body, boundary, FIELDS, limits.per_request + len(FIELDS), limits.photo_bytes,
                                         size_text(limits.photo_bytes))
            except multipart.Malformed as bad:
                if bad.key == "too_many_parts":
                    raise Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "receive.too_many", limit=limits.per_request
                                  ) from None
                status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE if bad.key != "receive.bad_form" else HTTPStatus.BAD_REQUEST
                raise Refusal(status, bad.key, **bad.params) from None
            photos = [p for p in parts if p.name == "photo" and p.filename is not None and p.end > p.start]
            if len(photos) > limits.per_request:
                raise Refusal(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "receive.too_many", limit=limits.per_request)
            for part in parts:
                if part.name == "photo":
                    continue
                if part.name in fields:
                    raise Refusal(HTTPStatus.BAD_REQUEST, "receive.bad_form")
                try:
                    fields[part.name] = body[part.start:part.end].decode("utf-8").strip()
                except UnicodeDecodeError:
                    raise Refusal(HTTPStatus.BAD_REQUEST, "receive.bad_form") from None
            for number, part in enumerate(photos, 1):
                path = folder / f"photo-{number}"
                with path.open("wb") as out:
                    for start in range(part.start, part.end, 1 << 20):
                        out.write(body[start:min(part.end, start + (1 << 20))])
                files.append((path, part.filename or f"anh-{number}"))
        return files, fields

    # ---- answers
    def _answer(self, refusal: Refusal) -> None:
        body = json.dumps({"ok": False, "message": refusal.text}, ensure_ascii=False).encode()
        self.close_connection = True
        try:
            self._send(refusal.status, body, "application/json; charset=utf-8")
            self.wfile.flush()
            self._linger()
        except OSError:
            pass  # the client has gone

    def _linger(self) -> None:
        """After a refusal in the middle of a body: read (and drop) a little of what the client is still sending,
        so that closing does not reset the connection before the phone has read why."""
        left = min(getattr(self, "unread", 0), LINGER_BYTES)
        if not left:
            return
        self.connection.shutdown(socket.SHUT_WR)
        while left > 0:
            chunk = self.rfile.read1(min(left, 1 << 16))
            if not chunk:
                break
            left -= len(chunk)

    def _send(self, status: int, body: bytes, kind: str, nonce: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Connection", "close")
        if nonce:
            self.send_header("Content-Security-Policy",
                             f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
                             "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        self.end_headers()
        self.wfile.write(body)
