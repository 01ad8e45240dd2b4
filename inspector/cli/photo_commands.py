"""`inspector evidence import FOLDER --into N` and `inspector receive N`: photos from phones, offline."""

from __future__ import annotations

import threading
from pathlib import Path

from inspector.cli.output import say, warn
from inspector.cli.store_commands import inspection_id, open_store, refuse
from inspector.core.i18n import os_error_text, t
from inspector.core.photos import ImageProblem
from inspector.store.database import StoreError

EXIT_OK, EXIT_INVALID = 0, 1


def command_evidence(args) -> int:
    if args.evidence_command != "import":
        args.parser.print_help()
        return EXIT_INVALID
    from inspector.session.photos import plan_import

    number = inspection_id(args.into)
    if number is None:
        return refuse(t("cli.evidence.into") + f": {args.into}")
    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        return refuse(t("photo.no_folder", folder=str(folder)))
    try:
        store = open_store(writing=bool(args.yes))
        plan = plan_import(store, number, folder)
    except StoreError as error:
        return refuse(error.message())
    except OSError as error:
        return refuse(f"{folder}: {os_error_text(error)}")
    names = {photo.path.name: index for index, photo in enumerate(plan.photos)}
    for given in args.assign or []:
        name, equals, criterion = given.rpartition("=")
        if not equals or not name:
            return refuse(t("cli.evidence.bad_assign", value=given))
        if name not in names:
            return refuse(t("cli.evidence.no_photo", name=name))
        try:
            plan.assign(names[name], None if criterion.strip() == "-" else criterion.strip())
        except KeyError:
            return refuse(t("cli.evidence.no_criterion", id=criterion.strip()))
    for line in plan.lines():
        say(line)
    if not args.yes:
        say(t("photo.not_saved_yet"))
        return EXIT_OK
    if not plan.assigned():
        say(t("photo.nothing"))
        return EXIT_OK
    try:
        added = plan.confirm(store)
    except StoreError as error:
        return refuse(error.message())
    except ImageProblem as problem:
        return refuse(problem.message())
    where = ", ".join(f"{cid} ({n})" for cid, n in added.items()) or "—"
    say(t("photo.saved", n=sum(added.values()), id=number, where=where))
    if plan.unmatched():
        warn(t("photo.unmatched_left", n=len(plan.unmatched())))
    return EXIT_OK


def command_receive(args) -> int:
    from inspector.receive import ReceiveProblem, start_receiving
    from inspector.receive.qr import qr_lines

    number = inspection_id(args.inspection)
    if number is None:
        return refuse(t("cli.receive.inspection") + f": {args.inspection}")
    try:
        store = open_store(writing=True)
        record = store.load(number)
    except StoreError as error:
        return refuse(error.message())
    path = store.path
    chosen = args.criterion.strip() if args.criterion else None
    if chosen is not None and record.checklist.criterion(chosen) is None:
        import difflib

        ids = [c.id for c in record.checklist.criteria]
        near = [i for i in ids if i.casefold() == chosen.casefold()] or difflib.get_close_matches(chosen, ids, n=3)
        hint = t("cli.receive.did_you_mean", ids=", ".join(near)) if near else ""
        return refuse(t("cli.receive.no_criterion", n=number, checklist=record.checklist.id, id=chosen, hint=hint))

    def current() -> str | None:
        """The criterion named by --criterion, else the one the inspection screen was last on (another window
        may be on it)."""
        from inspector.store.database import Store

        if chosen is not None:
            return chosen
        own = Store(path)
        try:
            return own.load(number).position or record.checklist.criteria[0].id
        finally:
            own.close()

    def heard(items) -> None:
        for item in items:
            say(t("cli.receive.got", name=item.name, id=item.criterion_id))

    try:
        server = start_receiving(store, number, current, bind=args.bind, port=args.port, on_received=heard)
    except ReceiveProblem as problem:
        return refuse(problem.message())
    with server:
        say(t("cli.receive.open"))
        for line in qr_lines(server.url):
            print(line)
        print(server.url, flush=True)  # on a line of its own: what a script or a person copies
        say(t("cli.receive.stop_chosen" if chosen else "cli.receive.stop", id=current()))
        wait_until_stopped(args.minutes * 60 if args.minutes else None)
    say(t("cli.receive.stopped", n=len(server.received)))
    return EXIT_OK


def wait_until_stopped(seconds: float | None) -> None:
    """Serve until Ctrl+C, or for `seconds` (--minutes)."""
    try:
        threading.Event().wait(seconds)
    except KeyboardInterrupt:
        pass
