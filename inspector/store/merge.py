"""Merging bundles into the store, and the conflicts a merge finds.

Rules, for every answer, figure and findings text: something only the bundle has is taken with its
author; the same value from two people is kept once (both named as its authors); two different values
are a conflict, kept aside with who gave each and when until someone chooses. A value already seen in a
conflict (open or resolved) is never raised again, so merging a bundle twice changes nothing, and
without conflicts the order of bundles does not matter.
"""

from __future__ import annotations

import base64
import json
from typing import Callable

import attrs

from inspector.core.answer_data import (
    answer_from_data,
    findings_from_data,
    info_from_data,
)
from inspector.core.answer_rules import answer_problems
from inspector.core.campaign import Campaign, campaign_from_data
from inspector.core.identity import fingerprint
from inspector.core.model import Checklist
from inspector.core.progress import Progress
from inspector.store.bundle import BundleRefused, OpenedBundle
from inspector.store.campaigns import campaign_by_uid, insert_campaign
from inspector.store.checklist_cache import checklist_to_json
from inspector.store.database import Store, StoreError, now

KINDS = ("answer", "fact", "finding")
FINDING_TEXTS = ("strengths", "shortfalls", "unit_opinion", "conclusion")


@attrs.frozen
class MergeReport:
    signer: str
    key: str
    member: str
    campaign: Campaign | None
    created: tuple[tuple[int, str], ...]  # (inspection number here, unit)
    updated: tuple[tuple[int, str], ...]
    taken: int  # answers and figures this store did not have
    same: int  # given here already, with the same value
    conflicts: int  # new conflicts raised by this bundle
    evidence: int  # files added to the evidence folder
    seen_before: bool  # this very file was merged before

    @property
    def changed(self) -> bool:
        return bool(self.created or self.taken or self.conflicts or self.evidence)


@attrs.frozen
class Proposal:
    value: str | None  # the stored JSON of the answer / figure / text; None: nothing recorded
    author: str
    at: str
    current: bool  # what the store holds now


@attrs.frozen
class Conflict:
    number: int
    inspection_id: int
    unit: str
    kind: str
    item_id: str
    proposals: tuple[Proposal, ...]  # the store's value first, then each different one in the order met


# ---- merging
def merge_bundle(store: Store, bundle: OpenedBundle, progress: Progress | None = None) -> MergeReport:
    """Merge a signed bundle into the store in one transaction (module docstring: the rules); `progress`
    hears each evidence file written and each inspection merged."""
    payload = bundle.payload
    campaign_data = payload.get("campaign")
    incoming = _campaign(campaign_data, bundle) if campaign_data else None
    known = campaign_by_uid(store, incoming.uid) if incoming else None
    team = known.campaign if known else incoming
    if team is not None:
        _check_signer(team, bundle, is_new=known is None)
    checklists = {sha: _checklist(store, sha, text) for sha, text in payload["checklists"].items()}
    plans = [_plan(store, item, checklists[item["checklist_sha256"]]) for item in payload["inspections"]]
    steps = len(payload["evidence"]) + len(payload["inspections"])
    added = _store_evidence(store, payload["evidence"], lambda done: progress(done, steps) if progress else None)
    counts = {"taken": 0, "same": 0, "conflicts": 0}
    created: list[tuple[int, str]] = []
    updated: list[tuple[int, str]] = []
    seen = bool(store._read("SELECT 1 FROM merged_bundles WHERE sha256 = ?", (bundle.sha256,)))

    def work(db):
        for checklist in checklists.values():
            db.execute("INSERT OR IGNORE INTO checklist_texts VALUES (?, ?, ?, ?, ?)",
                       (checklist.sha256, checklist.id, checklist.version, checklist.source,
                        checklist_to_json(checklist)))
        campaign_id = known.id if known else (insert_campaign(store, db, incoming, next(iter(checklists.values())).sha256)
                                              if incoming and checklists else None)
        for done, (item, (checklist, info, local_id)) in enumerate(zip(payload["inspections"], plans), 1):
            if progress:
                progress(len(payload["evidence"]) + done, steps)
            stamp = now()
            if local_id is None:
                number = store.insert_inspection(db, checklist, info, campaign_id=campaign_id, uid=item["uid"])
                db.execute("DELETE FROM audit WHERE inspection_id = ?", (number,))  # the history travels in the bundle
                for at, item_id, field, old, new, author in item.get("history", []):
                    store._audit(db, number, item_id, at, field, old, new, author)
                created.append((number, info.unit))
            else:
                number = local_id
                updated.append((number, info.unit))
            for cid, entry in sorted(item["answers"].items()):
                _merge_value(store, db, number, "answer", cid, entry["data"], entry["author"], entry["at"],
                             bundle.sha256, counts, stamp)
            for fid, entry in sorted(item["facts"].items()):
                _merge_value(store, db, number, "fact", fid, str(entry["value"]), entry["author"], entry["at"],
                             bundle.sha256, counts, stamp)
            _merge_findings(store, db, number, item["findings"], bundle, counts, stamp)
            store._touch(db, number, stamp, None)  # rescored before it is next listed
        db.execute("INSERT OR IGNORE INTO merged_bundles VALUES (?, ?, ?)", (bundle.sha256, bundle.signer, now()))

    store._write(work)
    return MergeReport(bundle.signer, bundle.key, payload.get("member", ""), team, tuple(created), tuple(updated),
                       counts["taken"], counts["same"], counts["conflicts"], added, seen)


def _campaign(data: dict, bundle: OpenedBundle) -> Campaign:
    try:
        return campaign_from_data(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BundleRefused("bundle.malformed", file=bundle.sha256[:12], detail="campaign") from None


def _check_signer(team: Campaign, bundle: OpenedBundle, is_new: bool) -> None:
    """The signer must be a member of the campaign's team, with the key the team recorded for them."""
    member = team.member_with_key(bundle.key)
    if member is not None:
        return
    named = team.member(bundle.signer)
    if named is not None and not named.key:
        raise BundleRefused("bundle.member_without_key", signer=bundle.signer, campaign=team.name,
                            fingerprint=fingerprint(bundle.key))
    raise BundleRefused("bundle.not_in_team", signer=bundle.signer, campaign=team.name,
                        fingerprint=fingerprint(bundle.key))


def _checklist(store: Store, sha: str, text) -> Checklist:
    import hashlib

    if not isinstance(text, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
        raise BundleRefused("bundle.malformed", file=sha[:12], detail="checklist")
    try:
        return store.pinned_checklist(sha, text, None, sha[:12])
    except StoreError as error:
        raise BundleRefused("bundle.store", detail=error.message()) from None


def _plan(store: Store, item: dict, checklist: Checklist):
    """Every part of one inspection checked before anything is written: (checklist, header, local number)."""
    try:
        info = info_from_data(item["info"])
    except (KeyError, TypeError, ValueError):
        raise BundleRefused("bundle.malformed", file=item["uid"][:12], detail="info") from None
    for cid, entry in item["answers"].items():
        criterion = checklist.criterion(cid)
        try:
            answer = answer_from_data(cid, json.loads(entry["data"]), criterion)
        except (ValueError, TypeError, AttributeError, ZeroDivisionError):
            answer = None
        if criterion is None or answer is None or answer_problems(criterion, answer):
            raise BundleRefused("bundle.bad_answer", unit=info.unit, item=cid)
    for fid in item["facts"]:
        if checklist.fact(fid) is None:
            raise BundleRefused("bundle.bad_answer", unit=info.unit, item=fid)
    try:
        findings_from_data(item["findings"])
    except (TypeError, AttributeError):
        raise BundleRefused("bundle.malformed", file=item["uid"][:12], detail="findings") from None
    rows = store._read("SELECT id, checklist_sha256 FROM inspections WHERE uid = ?", (item["uid"],))
    if rows and rows[0][1] != checklist.sha256:
        raise BundleRefused("bundle.other_checklist", unit=info.unit, id=rows[0][0])
    return checklist, info, rows[0][0] if rows else None


def _store_evidence(store: Store, files: dict, step: Callable[[int], None]) -> int:
    added = 0
    for done, (sha, entry) in enumerate(files.items(), 1):
        step(done)
        target = store.evidence_path(sha)
        if target.exists():
            continue
        from inspector.core.files import write_atomically

        try:
            write_atomically(target, base64.b64decode(entry["data"]))
        except OSError as error:
            from inspector.core.i18n import os_error_text

            raise BundleRefused("bundle.store", detail=os_error_text(error)) from None
        store._write(lambda db, sha=sha, entry=entry: db.execute(
            "INSERT OR IGNORE INTO evidence_files VALUES (?, ?, ?, ?)", (sha, entry["name"], len(entry["data"]) * 3 // 4,
                                                                      now())))
        added += 1
    return added


def _authors(*names: str) -> str:
    """Several people who gave the same value, in one stable order."""
    found = {part.strip() for name in names for part in name.split(",") if part.strip()}
    return ", ".join(sorted(found))


def _current(db, number: int, kind: str, item_id: str) -> tuple[str | None, str, str]:
    if kind == "answer":
        row = db.execute("SELECT data, author, updated_at FROM answers WHERE inspection_id = ? AND criterion_id = ?",
                         (number, item_id)).fetchone()
    elif kind == "fact":
        row = db.execute("SELECT CAST(value AS TEXT), author, updated_at FROM facts WHERE inspection_id = ? AND"
                         " fact_id = ?", (number, item_id)).fetchone()
    else:
        row = db.execute("SELECT findings, '', updated_at FROM inspections WHERE id = ?", (number,)).fetchone()
        if row is not None:
            text = json.loads(row[0]).get(item_id, "")
            row = (json.dumps(text, ensure_ascii=False), "", row[2]) if text else None
    return (row[0], row[1], row[2]) if row else (None, "", "")


def _put(store: Store, db, number: int, kind: str, item_id: str, value: str, author: str, at: str) -> None:
    if kind == "answer":
        store._put_answer(db, number, item_id, value, at, author)
    elif kind == "fact":
        store._put_fact(db, number, item_id, int(value), at, author)
    else:
        findings = json.loads(db.execute("SELECT findings FROM inspections WHERE id = ?", (number,)).fetchone()[0])
        findings[item_id] = json.loads(value)
        db.execute("UPDATE inspections SET findings = ? WHERE id = ?",
                   (json.dumps(findings, ensure_ascii=False, sort_keys=True), number))


def _set_author(db, number: int, kind: str, item_id: str, author: str) -> None:
    table, column = ("answers", "criterion_id") if kind == "answer" else ("facts", "fact_id")
    db.execute(f"UPDATE {table} SET author = ? WHERE inspection_id = ? AND {column} = ?", (author, number, item_id))


def _merge_value(store: Store, db, number: int, kind: str, item_id: str, value: str, author: str, at: str,
                 bundle: str, counts: dict, stamp: str) -> None:
    current, current_author, _ = _current(db, number, kind, item_id)
    if current is None:
        _put(store, db, number, kind, item_id, value, author, at)
        store._audit(db, number, item_id, stamp, "merged", None, value, author)
        counts["taken"] += 1
    elif current == value:
        counts["same"] += 1
        both = _authors(current_author, author)
        if kind != "finding" and both != current_author:
            _set_author(db, number, kind, item_id, both)
    else:
        cursor = db.execute("INSERT OR IGNORE INTO conflicts (inspection_id, kind, item_id, theirs, their_author,"
                            " their_at, bundle, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (number, kind, item_id, value, author, at, bundle, stamp))
        if cursor.rowcount:
            # A second person's value for something already in conflict joins that conflict.
            counts["conflicts"] += int(not db.execute(
                "SELECT count(*) FROM conflicts WHERE inspection_id = ? AND kind = ? AND item_id = ? AND"
                " resolved_at IS NULL AND id != ?", (number, kind, item_id, cursor.lastrowid)).fetchone()[0])


def _merge_findings(store: Store, db, number: int, findings: dict, bundle: OpenedBundle, counts: dict,
                    stamp: str) -> None:
    for field in FINDING_TEXTS:
        text = findings.get(field)
        if isinstance(text, str) and text.strip():
            _merge_value(store, db, number, "finding", field, json.dumps(text, ensure_ascii=False), bundle.signer,
                         bundle.payload.get("made_at", stamp), bundle.sha256, counts, stamp)
    theirs = findings.get("recommendations") or []
    stored = json.loads(db.execute("SELECT findings FROM inspections WHERE id = ?", (number,)).fetchone()[0])
    mine = stored.get("recommendations", [])
    known = {r.get("text") for r in mine}
    new = [r for r in theirs if isinstance(r, dict) and r.get("text") not in known]
    if new:
        stored["recommendations"] = mine + new
        db.execute("UPDATE inspections SET findings = ? WHERE id = ?",
                   (json.dumps(stored, ensure_ascii=False, sort_keys=True), number))
        store._audit(db, number, None, stamp, "merged", None, json.dumps(new, ensure_ascii=False), bundle.signer)
        counts["taken"] += len(new)


# ---- conflicts
def open_conflicts(store: Store, inspection_id: int | None = None) -> list[Conflict]:
    """Every unresolved conflict, one per answer / figure / text, its proposals side by side."""
    where = "c.resolved_at IS NULL" + ("" if inspection_id is None else " AND c.inspection_id = ?")
    rows = store._read(
        "SELECT c.id, c.inspection_id, i.unit, c.kind, c.item_id, c.theirs, c.their_author, c.their_at"
        " FROM conflicts c JOIN inspections i ON i.id = c.inspection_id WHERE " + where + " ORDER BY c.id",
        () if inspection_id is None else (inspection_id,))
    grouped: dict[tuple, list] = {}
    for row in rows:
        grouped.setdefault((row[1], row[3], row[4]), []).append(row)
    found = []
    for (number, kind, item_id), group in grouped.items():
        current, author, at = _current(store.db, number, kind, item_id)
        proposals = [Proposal(current, author, at, True)]
        for _, _, _, _, _, theirs, their_author, their_at in group:
            if all(p.value != theirs for p in proposals):
                proposals.append(Proposal(theirs, their_author, their_at, False))
        if len(proposals) == 1:
            continue  # the store's value was since set to the proposal: nothing left to choose
        found.append(Conflict(group[0][0], number, group[0][2], kind, item_id, tuple(proposals)))
    return found


def resolve_conflict(store: Store, number: int, choice: int, by: str | None = None) -> Conflict:
    """Keep proposal `choice` (1 = what the store holds) for conflict `number`; written to the history with
    who resolved it. StoreError "store.no_conflict" / "store.bad_choice" when there is no such thing."""
    conflict = next((c for c in open_conflicts(store) if c.number == number), None)
    if conflict is None:
        raise StoreError("store.no_conflict", str(number), str(store.path))
    if not 1 <= choice <= len(conflict.proposals):
        raise StoreError("store.bad_choice", f"{choice} (1–{len(conflict.proposals)})", str(store.path))
    chosen = conflict.proposals[choice - 1]
    current = conflict.proposals[0]
    resolver = by or store.author
    stamp = now()

    def work(db):
        if not chosen.current and chosen.value is not None:
            _put(store, db, conflict.inspection_id, conflict.kind, conflict.item_id, chosen.value, chosen.author, stamp)
        store._audit(db, conflict.inspection_id, conflict.item_id, stamp, "resolved", current.value,
                     json.dumps({"chosen": chosen.value, "author": chosen.author}, ensure_ascii=False), resolver)
        db.execute("UPDATE conflicts SET resolved_at = ?, resolved_by = ?, chosen = ? WHERE inspection_id = ? AND"
                   " kind = ? AND item_id = ? AND resolved_at IS NULL",
                   (stamp, resolver, chosen.value, conflict.inspection_id, conflict.kind, conflict.item_id))
        store._touch(db, conflict.inspection_id, stamp, None)

    store._write(work)
    return conflict
