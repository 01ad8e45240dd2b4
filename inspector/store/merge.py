"""Merging bundles into the store, and the conflicts a merge finds.

Rules, for every answer, figure and findings text: something only the bundle has is taken with its
author; the same value from two people is kept once (both named as its authors); two different values
are a conflict, kept aside with who gave each and when until someone chooses. A value already seen in a
conflict (open or resolved) is never raised again, so merging a bundle twice changes nothing, and
without conflicts the order of bundles does not matter. A figure only the bundle has that, with the
figures here, breaks the figures' rule (core.figures: a numerator above its denominator…) is a conflict
too: the secretary decides, and no merge ever stores a score above its maximum.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Callable

import attrs

from inspector.core.answer_data import (
    answer_from_data,
    findings_from_data,
    info_from_data,
)
from inspector.core.answer_rules import answer_problems
from inspector.core.campaign import Campaign, campaign_from_data
from inspector.core.figures import problems_with
from inspector.core.identity import fingerprint
from inspector.core.model import Checklist, InspectionInfo
from inspector.core.progress import Progress
from inspector.store.bundle import BundleRefused, OpenedBundle
from inspector.store.campaigns import campaign_by_uid, insert_campaign
from inspector.store.database import Store, StoreError
from inspector.store.unit_of_work import Rows, Unit

KINDS = ("answer", "fact", "finding")
FINDING_TEXTS = ("strengths", "shortfalls", "unit_opinion", "conclusion")


@attrs.frozen
class HeldFigure:
    """A figure only the bundle has, kept aside as a conflict: with the figures here it breaks a rule."""

    unit: str
    fact_id: str
    value: int
    reason: str  # the rule it breaks, in words


@attrs.frozen
class MergeReport:
    signer: str
    key: str
    member: str
    campaign: Campaign | None
    created: tuple[tuple[int, str], ...]  # (inspection number here, unit)
    taken: int  # answers and figures this store did not have
    same: int  # given here already, with the same value
    conflicts: int  # new conflicts raised by this bundle
    evidence: int  # files added to the evidence folder
    held: tuple[HeldFigure, ...] = ()  # figures kept aside (also counted in `conflicts`)

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
    held: list[HeldFigure] = []
    with store.transaction() as unit:
        for checklist in checklists.values():
            unit.pin_checklist(checklist)
        campaign_id = known.id if known else (insert_campaign(unit, incoming, next(iter(checklists.values())).sha256)
                                              if incoming and checklists else None)
        for done, (item, (checklist, info, local_id)) in enumerate(zip(payload["inspections"], plans), 1):
            if progress:
                progress(len(payload["evidence"]) + done, steps)
            if local_id is None:
                number = unit.insert_inspection(checklist, info, campaign_id=campaign_id, uid=item["uid"])
                unit.clear_history(number)  # the history travels in the bundle
                for at, item_id, field, old, new, author in item.get("history", []):
                    unit.audit(number, item_id, field, old, new, author, at)
                created.append((number, info.unit))
            else:
                number = local_id
            merge = Merging(unit, number, bundle.sha256, counts)
            for cid, entry in sorted(item["answers"].items()):
                merge.value("answer", cid, entry["data"], entry["author"], entry["at"])
            held += merge.figures(checklist, info.unit, item["facts"])
            merge.findings(item["findings"], bundle.signer, payload.get("made_at", unit.stamp))
            unit.touch(number, None)  # rescored before it is next listed
        unit.execute("INSERT OR IGNORE INTO merged_bundles VALUES (?, ?, ?)", (bundle.sha256, bundle.signer, unit.stamp))
    return MergeReport(bundle.signer, bundle.key, payload.get("member", ""), team, tuple(created),
                       counts["taken"], counts["same"], counts["conflicts"], added, tuple(held))


def _campaign(data: dict[str, Any], bundle: OpenedBundle) -> Campaign:
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


def _checklist(store: Store, sha: str, text: object) -> Checklist:
    import hashlib

    if not isinstance(text, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
        raise BundleRefused("bundle.malformed", file=sha[:12], detail="checklist")
    try:
        return store.pinned_checklist(sha, text, None, sha[:12])
    except StoreError as error:
        raise BundleRefused("bundle.store", detail=error.message()) from None


def _plan(store: Store, item: dict[str, Any], checklist: Checklist) -> tuple[Checklist, InspectionInfo, int | None]:
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
    for fid, entry in item["facts"].items():
        value = entry.get("value") if isinstance(entry, dict) else None
        if checklist.fact(fid) is None or isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise BundleRefused("bundle.bad_answer", unit=info.unit, item=fid)
    try:
        findings_from_data(item["findings"])
    except (TypeError, AttributeError):
        raise BundleRefused("bundle.malformed", file=item["uid"][:12], detail="findings") from None
    found = store.rows().inspection_with_uid(item["uid"])
    if found is not None and found[1] != checklist.sha256:
        raise BundleRefused("bundle.other_checklist", unit=info.unit, id=found[0])
    return checklist, info, found[0] if found else None


def _store_evidence(store: Store, files: dict[str, Any], step: Callable[[int], None]) -> int:
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
        with store.transaction() as unit:
            unit.record_evidence_file(sha, entry["name"], len(entry["data"]) * 3 // 4)
        added += 1
    return added


def _authors(*names: str) -> str:
    """Several people who gave the same value, in one stable order."""
    found = {part.strip() for name in names for part in name.split(",") if part.strip()}
    return ", ".join(sorted(found))


def current_value(rows: Rows, number: int, kind: str, item_id: str) -> tuple[str | None, str, str]:
    """(stored value as text, author, when) of an answer, a figure or a findings text; (None, "", "") if none."""
    if kind == "answer":
        return rows.answer_row(number, item_id) or (None, "", "")
    if kind == "fact":
        found = rows.fact_row(number, item_id)
        return (str(found[0]), found[1], found[2]) if found else (None, "", "")
    stored = rows.findings_row(number)
    text = stored[0].get(item_id, "") if stored else ""
    return (json.dumps(text, ensure_ascii=False), "", stored[1]) if stored and text else (None, "", "")


def put_value(unit: Unit, number: int, kind: str, item_id: str, value: str, author: str, at: str) -> None:
    if kind == "answer":
        unit.put_answer(number, item_id, value, author, at)
    elif kind == "fact":
        unit.put_fact(number, item_id, int(value), author, at)
    else:
        findings = unit.findings(number) or {}
        findings[item_id] = json.loads(value)
        unit.put_findings(number, findings)


class Merging:
    """One inspection of a bundle being merged into the store, inside the merge's transaction."""

    def __init__(self, unit: Unit, number: int, bundle: str, counts: dict[str, int]):
        self.unit, self.number, self.bundle, self.counts = unit, number, bundle, counts

    def value(self, kind: str, item_id: str, value: str, author: str, at: str) -> None:
        """Taken when only the bundle has it, kept once when the same, a conflict when different."""
        current, current_author, _ = current_value(self.unit, self.number, kind, item_id)
        if current is None:
            put_value(self.unit, self.number, kind, item_id, value, author, at)
            self.unit.audit(self.number, item_id, "merged", None, value, author)
            self.counts["taken"] += 1
        elif current == value:
            self.counts["same"] += 1
            both = _authors(current_author, author)
            if kind != "finding" and both != current_author:
                self.unit.set_author(self.number, kind, item_id, both)
        else:
            self.conflict(kind, item_id, value, author, at)

    def conflict(self, kind: str, item_id: str, value: str, author: str, at: str) -> bool:
        """Keep a value aside for someone to choose; False when it was kept aside (or chosen) before."""
        cursor = self.unit.execute("INSERT OR IGNORE INTO conflicts (inspection_id, kind, item_id, theirs,"
                                   " their_author, their_at, bundle, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   (self.number, kind, item_id, value, author, at, self.bundle, self.unit.stamp))
        if cursor.rowcount:
            # A second person's value for something already in conflict joins that conflict.
            self.counts["conflicts"] += int(not self.unit.execute(
                "SELECT count(*) FROM conflicts WHERE inspection_id = ? AND kind = ? AND item_id = ? AND"
                " resolved_at IS NULL AND id != ?", (self.number, kind, item_id, cursor.lastrowid)).fetchone()[0])
        return bool(cursor.rowcount)

    def figures(self, checklist: Checklist, unit_name: str, facts: dict[str, Any]) -> list[HeldFigure]:
        """The bundle's figures: a figure only the bundle has is taken unless, with the figures here, it breaks
        the figures' rule (core.figures) — then it waits as a conflict for the secretary, never stored."""
        held = []
        recorded = self.unit.facts(self.number)
        answers = self.unit.answers(self.number, checklist)
        for fid, entry in sorted(facts.items()):
            value = int(entry["value"])
            if fid not in recorded:
                trial = {**recorded, fid: value}
                broken = problems_with(checklist, trial, {fid}, answers)
                if broken:
                    if self.conflict("fact", fid, str(value), entry["author"], entry["at"]):  # said once, when new
                        held.append(HeldFigure(unit_name, fid, value, broken[0].message()))
                    continue
                recorded = trial
            self.value("fact", fid, str(value), entry["author"], entry["at"])
        return held

    def findings(self, findings: dict[str, Any], signer: str, at: str) -> None:
        for field in FINDING_TEXTS:
            text = findings.get(field)
            if isinstance(text, str) and text.strip():
                self.value("finding", field, json.dumps(text, ensure_ascii=False), signer, at)
        theirs = findings.get("recommendations") or []
        stored = self.unit.findings(self.number) or {}
        mine = stored.get("recommendations", [])
        known = {r.get("text") for r in mine}
        new = [r for r in theirs if isinstance(r, dict) and r.get("text") not in known]
        if new:
            stored["recommendations"] = mine + new
            self.unit.put_findings(self.number, stored)
            self.unit.audit(self.number, None, "merged", None, json.dumps(new, ensure_ascii=False), signer)
            self.counts["taken"] += len(new)


# ---- conflicts
def open_conflicts(store: Store, inspection_id: int | None = None) -> list[Conflict]:
    """Every unresolved conflict, one per answer / figure / text, its proposals side by side."""
    where = "c.resolved_at IS NULL" + ("" if inspection_id is None else " AND c.inspection_id = ?")
    rows = store.query(
        "SELECT c.id, c.inspection_id, i.unit, c.kind, c.item_id, c.theirs, c.their_author, c.their_at"
        " FROM conflicts c JOIN inspections i ON i.id = c.inspection_id WHERE " + where + " ORDER BY c.id",
        () if inspection_id is None else (inspection_id,))
    grouped: dict[tuple[int, str, str], list[Any]] = {}
    for row in rows:
        grouped.setdefault((row[1], row[3], row[4]), []).append(row)
    found = []
    current_rows = store.rows()
    for (number, kind, item_id), group in grouped.items():
        current, author, at = current_value(current_rows, number, kind, item_id)
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
    checklist = store.load(conflict.inspection_id).checklist if conflict.kind == "fact" else None
    with store.transaction() as unit:
        if checklist is not None and not chosen.current and chosen.value is not None:
            _check_figure(unit, checklist, conflict, int(chosen.value))
        if not chosen.current and chosen.value is not None:
            put_value(unit, conflict.inspection_id, conflict.kind, conflict.item_id, chosen.value, chosen.author,
                      unit.stamp)
        unit.audit(conflict.inspection_id, conflict.item_id, "resolved", current.value,
                   json.dumps({"chosen": chosen.value, "author": chosen.author}, ensure_ascii=False), resolver)
        unit.execute("UPDATE conflicts SET resolved_at = ?, resolved_by = ?, chosen = ? WHERE inspection_id = ? AND"
                     " kind = ? AND item_id = ? AND resolved_at IS NULL",
                     (unit.stamp, resolver, chosen.value, conflict.inspection_id, conflict.kind, conflict.item_id))
        unit.touch(conflict.inspection_id, None)
    return conflict


def _check_figure(unit: Unit, checklist: Checklist, conflict: Conflict, value: int) -> None:
    """A figure chosen in a conflict must fit the figures recorded now (the rule every figure follows)."""
    number = conflict.inspection_id
    broken = problems_with(checklist, {**unit.facts(number), conflict.item_id: value}, {conflict.item_id},
                           unit.answers(number, checklist))
    if broken:
        raise StoreError("store.figure_breaks_rule", broken[0].message())
