"""Team work from the command line: keys, campaigns, bundles, merge, conflicts, backup and restore."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from inspector.core.glyphs import glyph
from inspector.cli.output import say, warn
from inspector.cli.signing import unlock
from inspector.cli.store_commands import (
    EXIT_INVALID,
    EXIT_OK,
    inspection_id,
    open_store,
    refuse,
    with_progress,
)
from inspector.core.i18n import decimal_mark, os_error_text, t
from inspector.store.database import StoreError


# ---- keys
def command_key(args) -> int:
    from inspector.core.identity import IdentityError, create, current, fingerprint

    if args.key_command == "new":
        passphrase = None
        if not args.no_passphrase:
            passphrase = os.environ.get("INSPECTOR_PASSPHRASE")
            if passphrase is None:
                if not sys.stdin.isatty():
                    return refuse(t("key.needs_terminal"))
                passphrase = getpass.getpass(t("key.passphrase"))
                if getpass.getpass(t("key.passphrase_again")) != passphrase:
                    return refuse(t("key.passphrase_differs"))
        try:
            made = create(args.name, force=args.force, passphrase=passphrase)
        except IdentityError as refused:
            return refuse(refused.message())
        except OSError as error:
            return refuse(t("key.unwritable", detail=os_error_text(error)))
        say(t("key.created", name=made.name, path=made.folder))
        say(t("key.public", name=made.name, key=made.public, fingerprint=fingerprint(made.public)))
        if passphrase is None:
            warn(t("key.unprotected"))
        return EXIT_OK
    if args.key_command == "show":
        found = current()
        if found is None:
            return refuse(t("key.none"))
        say(t("key.public", name=found.name, key=found.public, fingerprint=fingerprint(found.public)))
        return EXIT_OK
    args.parser.print_help()
    return EXIT_OK


def _signer():
    """This laptop's key, opened for signing: its passphrase from INSPECTOR_PASSPHRASE or typed now."""
    from inspector.core.identity import current

    found = current()
    if found is None:
        raise StoreError("key.none")
    unlock(found)
    return found


# ---- campaigns
def command_campaign(args) -> int:
    handler = {"example": _campaign_example, "new": _campaign_new, "list": _campaign_list, "show": _campaign_show,
               "key": _campaign_key, "assign": _campaign_assign}.get(args.campaign_command)
    if handler is None:
        args.parser.print_help()
        return EXIT_OK
    try:
        return handler(args)
    except StoreError as error:
        return refuse(error.message())


def _campaign_example(args) -> int:
    from inspector.core.campaign import EXAMPLE

    if args.output:
        from inspector.core.files import write_atomically

        path = Path(args.output)
        if path.exists() and not args.force:
            return refuse(t("cli.exists", path=path))
        write_atomically(path, EXAMPLE.encode("utf-8"))
        say(t("campaign.example_written", path=path))
        return EXIT_OK
    print(EXAMPLE, end="")
    return EXIT_OK


def _campaign_new(args) -> int:
    from inspector.core.campaign import campaign_from_file
    from inspector.core.checks import did_you_mean, guess_hint
    from inspector.core.library import known_ids
    from inspector.core.problems import FileProblems
    from inspector.store.campaigns import create_campaign

    try:
        campaign, checklist = campaign_from_file(args.file)
    except FileProblems as problems:
        warn(problems.render())
        return EXIT_INVALID
    except LookupError as missing:
        hint = guess_hint(did_you_mean(str(missing.args[0]), known_ids()))
        return refuse(t("cli.unknown_checklist", ref=missing.args[0], hint=str(hint)))
    number, inspections = create_campaign(open_store(writing=True), campaign, checklist)
    from inspector.store.campaigns import load_campaign

    campaign = load_campaign(open_store(), number).campaign  # with this laptop's own key filled in
    say(t("campaign.created", id=number, name=campaign.name, checklist=checklist.id, version=checklist.version))
    for unit, inspection in zip(campaign.units, inspections):
        say(t("campaign.unit_line", id=inspection, unit=unit.name, date=unit.date.strftime("%d/%m/%Y")))
    from inspector.cli.follow_up_notice import announce_follow_up

    store = open_store(writing=True)
    for inspection in inspections:
        announce_follow_up(store, inspection)
    keyless = [m.name for m in campaign.members if not m.key]
    if keyless:
        warn(t("campaign.keys_missing", names=", ".join(keyless), id=number))
    return EXIT_OK


def _campaign_list(args) -> int:
    from inspector.store.campaigns import campaign_inspections, list_campaigns

    store = open_store()
    found = list_campaigns(store)
    if not found:
        say(t("campaign.none"))
        return EXIT_OK
    for stored in found:
        rows = campaign_inspections(store, stored.id)
        done = sum(1 for row in rows if not row.provisional)
        say(t("campaign.list_line", id=stored.id, name=stored.campaign.name, units=len(rows), done=done,
              checklist=f"{stored.campaign.checklist} {stored.campaign.checklist_version}"))
    return EXIT_OK


def _campaign_show(args) -> int:
    from inspector.core.identity import fingerprint
    from inspector.core.numbers import show
    from inspector.exports.consolidate import consolidate
    from inspector.store.campaigns import find_campaign

    store = open_store()
    stored = find_campaign(store, args.campaign)
    campaign = stored.campaign
    say(f"{t('campaign.heading', id=stored.id)}: {campaign.name}")
    for label, value in ((t("campaign.checklist"), f"{campaign.checklist} {campaign.checklist_version}"),
                         (t("campaign.body"), campaign.inspecting_body), (t("campaign.plan"), campaign.plan),
                         (t("campaign.decision"), " ".join(filter(None, (
                             campaign.decision_number,
                             campaign.decision_date.strftime("%d/%m/%Y") if campaign.decision_date else "",
                             campaign.decision_issuer))))):
        if value:
            say(f"  {label}: {value}")
    say(t("campaign.team"))
    for member in campaign.members:
        key = fingerprint(member.key) if member.key else t("campaign.no_key")
        parts = ", ".join(member.sections) or "—"
        say(f"  • {member.team_line()} [{key}] — {t('campaign.assigned')}: {parts}")
    summary = consolidate(store, stored.id)
    mark = decimal_mark()
    say(t("campaign.ranking"))
    for line in summary.ranking:
        percent = f"{show(line.percent, mark)}%" if line.percent is not None else "—"
        bar = "█" * (int(line.percent or 0) // 5)
        conflicts = f"  {glyph('⚠')} {t('campaign.open_conflicts', n=line.conflicts)}" if line.conflicts else ""
        rank = f"{line.rank}." if line.rank else "—"
        say(f"  {rank:>3} [{line.inspection_id}] {line.unit}: {line.answered}/{line.to_answer}, "
            f"{percent} {line.band}{conflicts}  {bar}")
    if summary.sections:
        say(t("campaign.by_section"))
        for line in summary.ranking:
            cells = []
            for section in summary.sections:
                share = summary.section_percent.get((line.inspection_id, section.id))
                cells.append(f"{section.id} {show(share, mark, 1)}%" if share is not None else f"{section.id} —")
            say(f"  {line.unit}: " + " · ".join(cells))
    if summary.common_failures:
        say(t("campaign.common_failures"))
        for failure in summary.common_failures:
            say(f"  {failure.criterion_id} ({failure.count}/{len(summary.ranking)}): {failure.title}")
    return EXIT_OK


def _campaign_key(args) -> int:
    from inspector.core.identity import fingerprint, is_public_key
    from inspector.store.campaigns import find_campaign, save_campaign

    key = args.key.strip()
    if not is_public_key(key) and Path(key).is_file():
        try:
            key = Path(key).read_text(encoding="utf-8").split()[-1].strip()
        except (OSError, UnicodeDecodeError, IndexError):
            pass
    if not is_public_key(key):
        return refuse(t("campaign.bad_key", value=args.key[:60]))
    store = open_store(writing=True)
    stored = find_campaign(store, args.campaign)
    if stored.campaign.member(args.member) is None:
        names = ", ".join(m.name for m in stored.campaign.members)
        return refuse(t("campaign.no_member", name=args.member, names=names))
    member = stored.campaign.member(args.member)
    assert member is not None
    holder = stored.campaign.member_with_key(key)
    if holder is not None and holder.name != member.name:  # one key, two people: whose bundle would it be?
        return refuse(t("campaign.shared_key", value=member.name, other=holder.name))
    save_campaign(store, stored.id, stored.campaign.with_key(member.name, key))
    say(t("campaign.key_set", name=member.name, fingerprint=fingerprint(key), campaign=stored.campaign.name))
    return EXIT_OK


def _campaign_assign(args) -> int:
    """The head or secretary gives a member other sections; the next bundles carry the change, signed."""
    from inspector.core.record import evolve

    from inspector.store.campaigns import find_campaign, save_campaign

    store = open_store(writing=True)
    stored = find_campaign(store, args.campaign)
    member = stored.campaign.member(args.member)
    if member is None:
        return refuse(t("campaign.no_member", name=args.member, names=", ".join(m.name for m in stored.campaign.members)))
    from inspector.core.library import find_checklist

    checklist = find_checklist(stored.campaign.checklist, stored.campaign.checklist_version)
    known = [s.id for s in checklist.sections] + [c.id for c in checklist.criteria]
    parts = tuple(part.strip() for part in args.parts.split(",") if part.strip())
    unknown = [part for part in parts if part not in known]
    if unknown:
        return refuse(t("campaign.unknown_part", value=unknown[0], hint=""))
    members = tuple(evolve(m, sections=parts) if m is member else m for m in stored.campaign.members)
    save_campaign(store, stored.id, evolve(stored.campaign, members=members))
    say(t("campaign.reassigned", name=member.name, parts=", ".join(parts) or "—", campaign=stored.campaign.name))
    return EXIT_OK


# ---- bundles
def command_bundle(args) -> int:
    from inspector.core.files import write_atomically
    from inspector.store.bundle import SUFFIX, build_bundle, seal
    from inspector.store.campaigns import campaign_inspections, find_campaign

    try:
        identity = _signer()
        store = open_store()
        numbers = []
        for value in args.inspections:
            number = inspection_id(value)
            if number is None:
                return refuse(t("cli.bad_id", value=value))
            store.load(number)  # says clearly when there is no such inspection
            numbers.append(number)
        campaign_uid = None
        if args.campaign:
            stored = find_campaign(store, args.campaign)
            campaign_uid = stored.campaign.uid
            numbers = numbers or [row.id for row in campaign_inspections(store, stored.id)]
            if args.member and stored.campaign.member(args.member) is None:
                names = ", ".join(m.name for m in stored.campaign.members)
                return refuse(t("campaign.no_member", name=args.member, names=names))
        if not numbers:
            return refuse(t("bundle.need_what"))
        payload = with_progress(lambda progress: build_bundle(store, numbers, args.member or "", campaign_uid,
                                                              progress), "bundle.working")
    except StoreError as error:
        return refuse(error.message())
    output = Path(args.output)
    if output.is_dir():
        output = output / f"{identity.name.replace(' ', '-')}{SUFFIX}"
    if output.exists() and not args.force:
        return refuse(t("cli.exists", path=output))
    try:
        write_atomically(output, seal(payload, identity))
    except OSError as error:
        return refuse(t("cli.write_failed", path=output, detail=os_error_text(error)))
    say(t("bundle.written", path=output, n=len(numbers), signer=identity.name))
    return EXIT_OK


def command_merge(args) -> int:
    from inspector.exports.merge_text import refused_line, report_lines
    from inspector.store.bundle import BundleRefused, read_bundle
    from inspector.store.merge import merge_bundle, open_conflicts

    status = EXIT_OK
    try:
        store = open_store(writing=True)
    except StoreError as error:
        return refuse(error.message())
    for file in args.files:
        try:
            report = with_progress(lambda progress, file=file: merge_bundle(store, read_bundle(file, progress), progress),
                                   "merge.working", file=file)
        except (BundleRefused, StoreError) as refused:
            warn(f"inspector: {refused_line(file, refused.message())}")
            status = EXIT_INVALID
            continue
        for line in report_lines(file, report):
            say(line)
    pending = open_conflicts(store)
    if pending:
        say(t("merge.conflicts_pending", n=len(pending)))
    return status


def command_conflicts(args) -> int:
    from inspector.store.merge import open_conflicts

    number = None
    if args.inspection:
        number = inspection_id(args.inspection)
        if number is None:
            return refuse(t("cli.bad_id", value=args.inspection))
    try:
        store = open_store()
        found = open_conflicts(store, number)
    except StoreError as error:
        return refuse(error.message())
    if not found:
        say(t("conflict.none"))
        return EXIT_OK
    from inspector.exports.conflict_text import reason_text

    for conflict in found:
        say(_conflict_heading(store, conflict))
        if conflict.reason:
            say(f"  {reason_text(conflict)}")
        for i, proposal in enumerate(conflict.proposals, 1):
            mark = f" ({t('conflict.current')})" if proposal.current else ""
            say(f"  [{i}] {proposal.author or '?'}, {proposal.at[:16].replace('T', ' ')}{mark}: "
                f"{_proposal_text(store, conflict, proposal.value)}")
        say(t("conflict.how", number=conflict.number))
    return EXIT_OK


def _conflict_heading(store, conflict) -> str:
    from inspector.exports.conflict_text import conflict_item

    item = conflict_item(conflict, store.load(conflict.inspection_id).checklist)
    return t("conflict.heading", number=conflict.number, unit=conflict.unit, id=conflict.inspection_id, item=item)


def _proposal_text(store, conflict, value: str | None) -> str:
    from inspector.exports.conflict_text import proposal_text

    return proposal_text(conflict, value, store.load(conflict.inspection_id).checklist)


def command_resolve(args) -> int:
    from inspector.store.merge import resolve_conflict

    if args.member:
        return _resolve_for_member(args)
    if args.conflict is None or args.take is None:
        return refuse(t("cli.resolve.need"))
    try:
        store = open_store(writing=True)
        conflict = resolve_conflict(store, args.conflict, args.take)
    except StoreError as error:
        return refuse(error.message())
    chosen = conflict.proposals[args.take - 1]
    say(t("conflict.resolved", number=conflict.number, author=chosen.author or "?", by=store.author))
    return EXIT_OK


def _resolve_for_member(args) -> int:
    """Every open conflict in scope settled with one member's values: previewed, applied with --yes."""
    from inspector.store.campaigns import campaign_inspections, find_campaign
    from inspector.store.merge import member_choices, resolve_many

    try:
        store = open_store(writing=args.yes)
        scope = None
        if args.inspection:
            number = inspection_id(args.inspection)
            if number is None:
                return refuse(t("cli.bad_id", value=args.inspection))
            scope = {number}
        elif args.campaign:
            scope = {row.id for row in campaign_inspections(store, find_campaign(store, args.campaign).id)}
        choices = member_choices(store, args.member, scope, tuple(args.section))
    except StoreError as error:
        return refuse(error.message())
    if not choices:
        say(t("cli.resolve.none_of", name=args.member))
        return EXIT_OK
    say(t("cli.resolve.preview", name=args.member, n=len(choices)))
    for conflict, choice in choices:
        current, chosen = conflict.proposals[0], conflict.proposals[choice - 1]
        say(f"  {_conflict_heading(store, conflict)}: {_proposal_text(store, conflict, current.value)} → "
            f"{_proposal_text(store, conflict, chosen.value)}")
    if not args.yes:
        say(t("cli.resolve.confirm"))
        return EXIT_OK
    done, refused = resolve_many(store, choices)
    for conflict, reason in refused:
        warn(t("cli.resolve.refused", number=conflict.number, reason=reason))
    say(t("cli.resolve.done", n=len(done), name=args.member, by=store.author))
    return EXIT_INVALID if refused else EXIT_OK


# ---- backup and restore
def command_backup(args) -> int:
    from inspector.store.backup import BackupProblem, backup

    output = Path(args.output)
    if output.exists() and not args.force:
        return refuse(t("cli.exists", path=output))
    try:
        store = open_store()
        counts = with_progress(lambda progress: backup(store, output, progress), "backup.working")
    except StoreError as error:
        return refuse(error.message())
    except BackupProblem as problem:
        return refuse(problem.message())
    say(t("backup.written", path=output, inspections=counts[0], files=counts[1]))
    return EXIT_OK


def command_restore(args) -> int:
    from inspector.store.backup import BackupProblem, restore

    try:
        counts, saved = with_progress(lambda progress: restore(Path(args.file), args.force, progress,
                                                               replace_key=args.replace_key), "restore.working")
    except StoreError as error:
        return refuse(error.message())
    except BackupProblem as problem:
        return refuse(problem.message())
    if saved is not None:
        say(t("restore.saved_previous", path=saved))
    say(t("restore.done", file=args.file, inspections=counts[0], files=counts[1]))
    return EXIT_OK
