"""Photos from phones over the laptop's hotspot or the office's LAN: a small upload page (`server.py`) with its
own strict multipart reader (`multipart.py`), the page itself (`page.py`), where it may listen (`network.py`)
and its address as a QR code in text (`qr.py`). The interface and the command line start it through
`start_receiving`; the photos are stored by the session layer (`session/photos.py`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from inspector.receive.network import local_address
from inspector.receive.server import Limits, Received, ReceiveProblem, ReceiveServer
from inspector.session.photos import Incoming, store_received
from inspector.store.database import Store

DEFAULT_PORT = 8765

__all__ = ["DEFAULT_PORT", "Limits", "ReceiveProblem", "ReceiveServer", "Received", "start_receiving"]


def start_receiving(store: Store, inspection_id: int, current: Callable[[], str | None], bind: str | None = None,
                    port: int = DEFAULT_PORT, limits: Limits = Limits(),
                    on_received: Callable[[list[Received]], None] | None = None, **options) -> ReceiveServer:
    """An upload page for one inspection, listening (not yet started: call `start()` or use `with`).

    `current()` names the criterion on screen (photos sent "to the criterion open on the laptop" go there).
    ReceiveProblem when there is no local network to listen on or the port cannot be opened."""
    record = store.load(inspection_id)
    checklist, path = record.checklist, Path(store.path)
    titles = {c.id: c.title for c in checklist.criteria}
    address = bind or local_address()
    if address is None:
        raise ReceiveProblem("receive.no_network")

    def on_screen() -> tuple[str, str] | None:
        cid = current()
        return (cid, titles[cid]) if cid in titles else None

    def sink(criterion: str, files: list[tuple[Path, str]], caption: str) -> list[tuple[str, str]]:
        cid = criterion or current() or ""
        if cid not in titles:
            raise KeyError(cid)
        own = Store(path)  # the server's threads each use a connection of their own
        try:
            texts = store_received(own, inspection_id, cid, [Incoming(p, n) for p, n in files], caption)
        finally:
            own.close()
        return [(cid, text) for text in texts]

    return ReceiveServer(sink, list(titles.items()), record.info.unit, on_screen, address, port, limits,
                         spool=path.parent, on_received=on_received, **options)
