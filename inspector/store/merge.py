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


from inspector.core.answer_data import (
    UNIT_AUTHOR,
    answer_from_data,
    findings_from_data,
    info_from_data,
    recommendation_to_data,
    team_part,
    unit_part,
)
from inspector.core.answer_rules import answer_problems
from inspector.core.campaign import (
    Campaign,
    Member,
    campaign_from_data,
    campaign_to_data,
)
from inspector.core.figures import problems_with
from inspector.core.followup import PREFILL_AUTHOR
from inspector.core.identity import current, fingerprint
from inspector.core.model import Checklist, InspectionInfo
from inspector.core.progress import Progress
from inspector.core.record import record, evolve
from inspector.store.bundle import BundleRefused, OpenedBundle
from inspector.store.campaigns import (
    StoredCampaign,
    campaign_by_uid,
    insert_campaign,
    load_campaign,
)
from inspector.store.database import Store, StoreError
from inspector.store.unit_of_work import Rows, Unit

KINDS = ("answer", "unit", "fact", "finding")
FINDING_TEXTS = ("strengths", "shortfalls", "unit_opinion", "conclusion")


@record
class HeldFigure:
    """A figure only the bundle has, kept aside as a conflict: with the figures here it breaks a rule."""

    unit: str
    fact_id: str
    value: int
    reason: str  # the rule it breaks, in words


@record
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
    outside: tuple[tuple[str, str, str], ...] = ()  # (unit, criterion, author): outside the author's part, waiting
    standalone: bool = False  # inspections outside any campaign: only the key that first sent them changes them

    settled: int = 0  # conflicts here settled by a decision the bundle carried

    @property
    def changed(self) -> bool:
        return bool(self.created or self.taken or self.conflicts or self.evidence or self.settled)


@record
class Proposal:
    value: str | None  # the stored JSON of the answer / figure / text; None: nothing recorded
    author: str
    at: str
    current: bool  # what the store holds now


@record
class Conflict:
    number: int
    inspection_id: int
    unit: str
    kind: str
    item_id: str
    proposals: tuple[Proposal, ...]  # the store's value first, then each different one in the order met
    reason: str = ""  # "outside": beyond its author's assigned part; "figures": it breaks the figures' rule


# ---- who may change what: decided by this laptop's records, never by the bundle's own header
NEW_CAMPAIGN = -1  # an inspection of the campaign arriving with the bundle, created here now


@record
class Sender:
    """Who signed a bundle, as this laptop knows them, for one inspection it carries."""

    name: str  # the name their items are credited to
    relays: bool  # may carry other members' items, each still credited to its author
    team: Campaign | None  # the campaign that owns the inspection here (None: outside any campaign)

    def credit(self, claimed: str, item: str) -> tuple[str, str]:
        """(author, relayed by) of an item whose bundle names `claimed` as its author: a plain member's
        bundle carries only their own items; a leader's or secretary's may carry any member's."""
        names = _names(claimed)
        if self.team is None:
            return self.name, ""  # outside a campaign: everything is the sender's (the key that first sent it)
        if not self.relays:
            if self.name.casefold() not in {n.casefold() for n in names}:
                raise BundleRefused("bundle.not_own", signer=self.name, item=item, author=claimed)
            return self.name, ""
        for name in names:
            if name not in PSEUDO_AUTHORS and self.team.member(name) is None:
                raise BundleRefused("bundle.unknown_author", signer=self.name, item=item, author=name,
                                    campaign=self.team.name)
        return ", ".join(names), "" if self.name in names else self.name


PSEUDO_AUTHORS = (UNIT_AUTHOR, PREFILL_AUTHOR)


def _names(authors: str) -> list[str]:
    return sorted({part.strip() for part in authors.split(",") if part.strip()})


def _people(authors: str) -> list[str]:
    """The members among an item's authors (the unit and the register are no one's signature)."""
    return [name for name in _names(authors) if name not in PSEUDO_AUTHORS]


def _member_of(team: Campaign, bundle: OpenedBundle) -> Member:
    """The member whose key signed the bundle, by this laptop's copy of the team."""
    member = team.member_with_key(bundle.key)
    if member is not None:
        return member
    named = team.member(bundle.signer)
    if named is not None and not named.key:
        raise BundleRefused("bundle.member_without_key", signer=bundle.signer, campaign=team.name,
                            fingerprint=fingerprint(bundle.key))
    raise BundleRefused("bundle.not_in_team", signer=bundle.signer, campaign=team.name,
                        fingerprint=fingerprint(bundle.key))


def _authority(store: Store, bundle: OpenedBundle, incoming: Campaign | None, known: StoredCampaign | None,
               local_id: int | None, unit_name: str, reassigned: Campaign | None = None) -> tuple[Sender, int | None]:
    """Who the signer is for one inspection, and the campaign it belongs to here (NEW_CAMPAIGN: the one
    arriving; None: none). The owner on this laptop decides: an inspection of a campaign here is changed
    only by that campaign's members; one outside any campaign only by the key that first sent it (or this
    laptop's own, for one made here); a campaign new to this laptop is taken only when it lists this
    laptop's key and its signer is one of its members."""
    if local_id is not None:
        owner = store.campaign_of(local_id)
        if owner is not None:
            team = reassigned if reassigned is not None and known is not None and known.id == owner \
                else load_campaign(store, owner).campaign
            member = _member_of(team, bundle)
            return Sender(member.name, member.relays, team), owner
        me = current()
        allowed = store.origin_key(local_id) or (me.public if me is not None else None)
        if bundle.key != allowed:
            raise BundleRefused("bundle.not_origin", unit=unit_name, id=local_id, signer=bundle.signer,
                                fingerprint=fingerprint(bundle.key))
        return Sender(bundle.signer, False, None), None
    if incoming is None:
        return Sender(bundle.signer, False, None), None
    if known is not None:
        team = reassigned or known.campaign
        member = _member_of(team, bundle)
        if not member.relays:  # the head or secretary sets up the campaign's inspections; members fill them in
            raise BundleRefused("bundle.new_from_member", signer=member.name, unit=unit_name, campaign=team.name)
        return Sender(member.name, member.relays, team), known.id
    me = current()
    if me is None or incoming.member_with_key(me.public) is None:
        raise BundleRefused("bundle.campaign_not_mine", campaign=incoming.name, signer=bundle.signer)
    member = _member_of(incoming, bundle)
    if not member.relays:
        raise BundleRefused("bundle.new_from_member", signer=member.name, unit=unit_name, campaign=incoming.name)
    return Sender(member.name, member.relays, incoming), NEW_CAMPAIGN


# ---- merging
def merge_bundle(store: Store, bundle: OpenedBundle, progress: Progress | None = None) -> MergeReport:
    """Merge a signed bundle into the store in one transaction (module docstring: the rules); `progress`
    hears each evidence file written and each inspection merged."""
    payload = bundle.payload
    campaign_data = payload.get("campaign")
    incoming = _campaign(campaign_data, bundle) if campaign_data else None
    known = campaign_by_uid(store, incoming.uid) if incoming else None
    checklists = {sha: _checklist(store, sha, text) for sha, text in payload["checklists"].items()}
    plans = [_plan(store, item, checklists[item["checklist_sha256"]]) for item in payload["inspections"]]
    reassigned = _reassigned(store, bundle, incoming, known)
    grants = [_authority(store, bundle, incoming, known, local_id, info.unit, reassigned)
              for _, info, local_id in plans]
    for item, (sender, _) in zip(payload["inspections"], grants):  # every author proven before anything is written
        for cid, entry in item["answers"].items():
            author, _ = sender.credit(entry["author"], cid)
            if team_part(json.loads(entry["data"])) and not _people(author):
                raise BundleRefused("bundle.pseudo_author", signer=sender.name, item=cid, author=author)
        for fid, entry in item["facts"].items():
            author, _ = sender.credit(entry["author"], fid)
            if not _people(author) and author != PREFILL_AUTHOR:
                raise BundleRefused("bundle.pseudo_author", signer=sender.name, item=fid, author=author)
    team = known.campaign if known else incoming
    steps = len(payload["evidence"]) + len(payload["inspections"])
    added = _store_evidence(store, payload["evidence"], lambda done: progress(done, steps) if progress else None)
    counts = {"taken": 0, "same": 0, "conflicts": 0}
    created: list[tuple[int, str]] = []
    held: list[HeldFigure] = []
    outside: list[tuple[str, str, str]] = []
    with store.transaction() as unit:
        for checklist in checklists.values():
            unit.pin_checklist(checklist)
        new_campaign: int | None = None
        for done, (item, (checklist, info, local_id), (sender, campaign_id)) in enumerate(
                zip(payload["inspections"], plans, grants), 1):
            if progress:
                progress(len(payload["evidence"]) + done, steps)
            if campaign_id == NEW_CAMPAIGN:
                if new_campaign is None:
                    assert incoming is not None
                    new_campaign = insert_campaign(unit, incoming, checklist.sha256)
                campaign_id = new_campaign
            if local_id is None:
                number = unit.insert_inspection(checklist, info, campaign_id=campaign_id, uid=item["uid"])
                if campaign_id is None:
                    unit.set_origin_key(number, bundle.key)  # outside a campaign: only this key changes it
                unit.clear_history(number)  # the history travels in the bundle
                for at, item_id, field, old, new, author in _history(item, sender):
                    unit.audit(number, item_id, field, old, new, author, at,
                               relayed_by="" if author == sender.name else sender.name)
                created.append((number, info.unit))
            else:
                number = local_id
            merge = Merging(unit, number, bundle.sha256, counts, sender, checklist)
            for cid, entry in sorted(item["answers"].items()):
                if not merge.answer(cid, entry):
                    outside.append((info.unit, cid, sender.credit(entry["author"], cid)[0]))
            held += merge.figures(info.unit, item["facts"])
            merge.findings(item["findings"], sender.name, payload.get("made_at", unit.stamp))
            if sender.relays:  # after the values, so it settles the conflicts this very bundle opened
                merge.resolutions(item.get("resolutions", []))
            unit.touch(number, None)  # rescored before it is next listed
        if reassigned is not None and known is not None:
            unit.execute("UPDATE campaigns SET data = ? WHERE id = ?", (_canonical(campaign_to_data(reassigned)), known.id))
        unit.execute("INSERT OR IGNORE INTO merged_bundles VALUES (?, ?, ?)", (bundle.sha256, bundle.signer, unit.stamp))
    return MergeReport(bundle.signer, bundle.key, payload.get("member", ""), team, tuple(created),
                       counts["taken"], counts["same"], counts["conflicts"], added, tuple(held), tuple(outside),
                       standalone=any(sender.team is None for sender, _ in grants), settled=counts.get("settled", 0))


def _reassigned(store: Store, bundle: OpenedBundle, incoming: Campaign | None,
                known: StoredCampaign | None) -> Campaign | None:
    """The team here with the assignments of the campaign a leader or secretary sent, when only those differ
    (the same members, the same keys): a reassignment travels signed. Anything else in it changes nothing."""
    if incoming is None or known is None:
        return None
    sender = known.campaign.member_with_key(bundle.key)
    if sender is None or not sender.relays:
        return None
    here = {(m.name, m.key): m.sections for m in known.campaign.members}
    there = {(m.name, m.key): m.sections for m in incoming.members}
    if here.keys() != there.keys() or here == there:
        return None
    return evolve(known.campaign, members=tuple(evolve(m, sections=there[(m.name, m.key)])
                                                      for m in known.campaign.members))


def _history(item: dict[str, Any], sender: Sender) -> list[list[Any]]:
    """The history rows that travel with a new inspection and that the signer may vouch for: all of them
    from a leader or secretary (who relays the team's work), only their own from a plain member."""
    rows = [row for row in item.get("history", []) if isinstance(row, list) and len(row) == 6
            and all(isinstance(v, str) or v is None for v in row)]
    return rows if sender.relays or sender.team is None else [row for row in rows if row[5] == sender.name]


def _campaign(data: dict[str, Any], bundle: OpenedBundle) -> Campaign:
    try:
        return campaign_from_data(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BundleRefused("bundle.malformed", file=bundle.sha256[:12], detail="campaign") from None


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
        except (ValueError, TypeError, AttributeError, ZeroDivisionError, OverflowError, KeyError):
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
    """(stored value as text, author, when) of the team's part of an answer ("answer"), the unit's part
    ("unit"), a figure or a findings text; (None, "", "") when there is none."""
    if kind in ("answer", "unit"):
        row = rows.answer_row(number, item_id)
        part = _part(kind, json.loads(row[0])) if row else {}
        if not part:
            return None, "", ""
        assert row is not None
        return _canonical(part), (UNIT_AUTHOR if kind == "unit" else row[1]), row[2]
    if kind == "fact":
        found = rows.fact_row(number, item_id)
        return (str(found[0]), found[1], found[2]) if found else (None, "", "")
    stored = rows.findings_row(number)
    text = stored[0].get(item_id, "") if stored else ""
    return (json.dumps(text, ensure_ascii=False), "", stored[1]) if stored and text else (None, "", "")


def _part(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    return unit_part(data) if kind == "unit" else team_part(data)


def _canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def put_value(unit: Unit, number: int, kind: str, item_id: str, value: str, author: str, at: str,
              relayed_by: str = "") -> None:
    """Store one value: an answer's team part or unit part (the other part kept), a figure, a findings text."""
    if kind in ("answer", "unit"):
        row = unit.answer_row(number, item_id)
        stored = json.loads(row[0]) if row else {}
        kept = team_part(stored) if kind == "unit" else unit_part(stored)
        data = {**kept, **json.loads(value)}
        if kind == "unit" and row is not None and team_part(stored):
            author, relayed_by = row[1], ""  # the team's author stays the row's author
        elif kind == "unit":
            author = UNIT_AUTHOR
        unit.put_answer(number, item_id, _canonical(data), author, at, relayed_by)
    elif kind == "fact":
        unit.put_fact(number, item_id, int(value), author, at, relayed_by)
    else:
        findings = unit.findings(number) or {}
        findings[item_id] = json.loads(value)
        unit.put_findings(number, findings)


class Merging:
    """One inspection of a bundle being merged into the store, inside the merge's transaction."""

    def __init__(self, unit: Unit, number: int, bundle: str, counts: dict[str, int], sender: Sender,
                 checklist: Checklist):
        self.unit, self.number, self.bundle, self.counts = unit, number, bundle, counts
        self.sender, self.checklist = sender, checklist

    def value(self, kind: str, item_id: str, value: str, author: str, at: str, relayed_by: str = "") -> None:
        """Taken when only the bundle has it, kept once when the same, a conflict when different."""
        current, current_author, _ = current_value(self.unit, self.number, kind, item_id)
        if current is None:
            put_value(self.unit, self.number, kind, item_id, value, author, at, relayed_by)
            self.unit.audit(self.number, item_id, "merged", None, value, author, relayed_by=relayed_by)
            self.counts["taken"] += 1
        elif current == value:
            self.counts["same"] += 1
            both = _authors(current_author, author)
            if kind in ("answer", "fact") and both != current_author:
                self.unit.set_author(self.number, kind, item_id, both)
        else:
            self.conflict(kind, item_id, value, author, at)

    def answer(self, cid: str, entry: dict[str, Any]) -> bool:
        """An answer: its team part and the unit's part merged apart (they never conflict with each other).
        False when its team part waits because it lies outside its author's assigned part."""
        author, relayed_by = self.sender.credit(entry["author"], cid)
        data = json.loads(entry["data"])
        unit_fields = unit_part(data) if self.sender.relays or self.sender.team is None else {}
        if unit_fields:  # the unit's own figures and self-assessment come through the head or secretary
            self.value("unit", cid, _canonical(unit_fields), UNIT_AUTHOR, entry["at"], relayed_by)
        team = team_part(data)
        if not team:
            return True
        if self._outside(cid, author):
            current, _, _ = current_value(self.unit, self.number, "answer", cid)
            if current is None:  # nobody here disagrees: the head or secretary decides whether to take it
                self.conflict("answer", cid, _canonical(team), author, entry["at"], reason="outside")
                return False
        self.value("answer", cid, _canonical(team), author, entry["at"], relayed_by)
        return True

    def _outside(self, cid: str, author: str) -> bool:
        """Whether an answer lies outside its author's assigned part (the leader decides whether to take it)."""
        team = self.sender.team
        criterion = self.checklist.criterion(cid)
        if team is None or criterion is None:
            return False
        members = [team.member(name) for name in _names(author) if name not in PSEUDO_AUTHORS]
        return bool(members) and not any(m is not None and m.covers(cid, criterion.section_id) for m in members)

    def conflict(self, kind: str, item_id: str, value: str, author: str, at: str, reason: str = "") -> bool:
        """Keep a value aside for someone to choose; False when it was kept aside (or chosen) before."""
        cursor = self.unit.execute("INSERT OR IGNORE INTO conflicts (inspection_id, kind, item_id, theirs,"
                                   " their_author, their_at, bundle, opened_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?,"
                                   " ?, ?)", (self.number, kind, item_id, value, author, at, self.bundle,
                                              self.unit.stamp, reason))
        if cursor.rowcount:
            # A second person's value for something already in conflict joins that conflict.
            self.counts["conflicts"] += int(not self.unit.execute(
                "SELECT count(*) FROM conflicts WHERE inspection_id = ? AND kind = ? AND item_id = ? AND"
                " resolved_at IS NULL AND id != ?", (self.number, kind, item_id, cursor.lastrowid)).fetchone()[0])
        return bool(cursor.rowcount)

    def figures(self, unit_name: str, facts: dict[str, Any]) -> list[HeldFigure]:
        """The bundle's figures: a figure only the bundle has is taken unless, with the figures here, it breaks
        the figures' rule (core.figures) — then it waits as a conflict for the secretary, never stored."""
        held = []
        recorded = self.unit.facts(self.number)
        answers = self.unit.answers(self.number, self.checklist)
        for fid, entry in sorted(facts.items()):
            value = int(entry["value"])
            author, relayed_by = self.sender.credit(entry["author"], fid)
            if fid not in recorded:
                trial = {**recorded, fid: value}
                broken = problems_with(self.checklist, trial, {fid}, answers)
                if broken:
                    if self.conflict("fact", fid, str(value), author, entry["at"], reason="figures"):
                        held.append(HeldFigure(unit_name, fid, value, broken[0].message()))  # said once, when new
                    continue
                recorded = trial
            self.value("fact", fid, str(value), author, entry["at"], relayed_by)
        return held

    def findings(self, findings: dict[str, Any], signer: str, at: str) -> None:
        """The conclusions and recommendations: the head's or secretary's to write (a member's are not taken)."""
        if self.sender.team is not None and not self.sender.relays:
            return
        for field in FINDING_TEXTS:
            text = findings.get(field)
            if isinstance(text, str) and text.strip():
                self.value("finding", field, json.dumps(text, ensure_ascii=False), signer, at)
        theirs = findings_from_data(findings).recommendations  # checked in _plan; stored in this program's form
        stored = self.unit.findings(self.number) or {}
        mine = stored.get("recommendations", [])
        known = {r.get("text") for r in mine}
        new = [recommendation_to_data(r) for r in theirs if r.text.strip() and r.text not in known]
        if new:
            stored["recommendations"] = mine + new
            self.unit.put_findings(self.number, stored)
            self.unit.audit(self.number, None, "merged", None, json.dumps(new, ensure_ascii=False), signer)
            self.counts["taken"] += len(new)

    def resolutions(self, decided: list[Any]) -> int:
        """Decisions a leader or secretary made on their laptop, taken here for the conflicts this laptop has
        on the same items: the value they chose — one of the values in dispute here, credited as here — is
        kept, and the conflict is settled with who decided. A decision on anything not in dispute here
        changes nothing (it can never overwrite a value). Returns how many conflicts it settled."""
        settled = 0
        for entry in decided:
            if not isinstance(entry, dict) or entry.get("kind") not in KINDS or \
                    not isinstance(entry.get("item_id"), str) or not isinstance(entry.get("chosen"), (str, type(None))):
                continue
            kind, item_id, chosen = entry["kind"], entry["item_id"], entry["chosen"]
            proposals = self._in_dispute(kind, item_id)
            match = next((p for p in proposals if p.value == chosen), None)
            if match is None:
                continue  # nothing in dispute here, or a value nobody proposed here
            by = entry.get("by") if isinstance(entry.get("by"), str) and self.sender.team is not None and \
                self.sender.team.member(entry["by"]) is not None else self.sender.name
            current = proposals[0].value
            if not match.current and chosen is not None:
                if kind == "fact" and problems_with(self.checklist, {**self.unit.facts(self.number),
                                                                     item_id: int(chosen)}, {item_id},
                                                    self.unit.answers(self.number, self.checklist)):
                    continue  # it does not fit the figures here: the conflict stays for someone to settle
                put_value(self.unit, self.number, kind, item_id, chosen, match.author, match.at, self.sender.name)
            self.unit.audit(self.number, item_id, "resolved", current,
                            json.dumps({"chosen": chosen, "author": match.author}, ensure_ascii=False), by,
                            relayed_by=self.sender.name if by != self.sender.name else "")
            self.unit.execute("UPDATE conflicts SET resolved_at = ?, resolved_by = ?, chosen = ? WHERE"
                              " inspection_id = ? AND kind = ? AND item_id = ? AND resolved_at IS NULL",
                              (self.unit.stamp, by, chosen, self.number, kind, item_id))
            settled += 1
        self.counts["settled"] = self.counts.get("settled", 0) + settled
        return settled

    def _in_dispute(self, kind: str, item_id: str) -> list[Proposal]:
        """The values of this laptop's open conflict on an item (what is held here first), or [] when none."""
        rows = self.unit.execute("SELECT theirs, their_author, their_at FROM conflicts WHERE inspection_id = ? AND"
                                 " kind = ? AND item_id = ? AND resolved_at IS NULL ORDER BY id",
                                 (self.number, kind, item_id)).fetchall()
        if not rows:
            return []
        current, author, at = current_value(self.unit, self.number, kind, item_id)
        proposals = [Proposal(current, author, at, True)]
        for theirs, their_author, their_at in rows:
            if kind == "answer":
                theirs = _canonical(team_part(json.loads(theirs)))
            if all(p.value != theirs for p in proposals):
                proposals.append(Proposal(theirs, their_author, their_at, False))
        return proposals if len(proposals) > 1 else []



# ---- conflicts
def open_conflicts(store: Store, inspection_id: int | None = None) -> list[Conflict]:
    """Every unresolved conflict, one per answer / figure / text, its proposals side by side."""
    where = "c.resolved_at IS NULL" + ("" if inspection_id is None else " AND c.inspection_id = ?")
    rows = store.query(
        "SELECT c.id, c.inspection_id, i.unit, c.kind, c.item_id, c.theirs, c.their_author, c.their_at, c.reason"
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
        for _, _, _, _, _, theirs, their_author, their_at, _ in group:
            if kind == "answer":  # kept whole by an older version: only its team part is in dispute
                theirs = _canonical(team_part(json.loads(theirs)))
            if all(p.value != theirs for p in proposals):
                proposals.append(Proposal(theirs, their_author, their_at, False))
        if len(proposals) == 1:
            continue  # the store's value was since set to the proposal: nothing left to choose
        reason = next((row[8] for row in group if row[8]), "")
        found.append(Conflict(group[0][0], number, group[0][2], kind, item_id, tuple(proposals), reason))
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


# ---- many conflicts, one decision
def member_choices(store: Store, member: str, inspection_ids: set[int] | None = None,
                   parts: tuple[str, ...] = ()) -> list[tuple[Conflict, int]]:
    """Each open conflict (of these inspections, of these sections or criteria) where `member` gave one of the
    values, with the number of that value: "take Bình's values for section H", to preview, then to apply."""
    wanted = " ".join(member.split()).casefold()
    chosen = []
    for conflict in open_conflicts(store):
        if inspection_ids is not None and conflict.inspection_id not in inspection_ids:
            continue
        if parts and not _in_parts(store, conflict, parts):
            continue
        choice = next((i for i, p in enumerate(conflict.proposals, 1)
                       if wanted in {name.casefold() for name in _names(p.author)}), None)
        if choice is not None:
            chosen.append((conflict, choice))
    return chosen


def _in_parts(store: Store, conflict: Conflict, parts: tuple[str, ...]) -> bool:
    if conflict.kind not in ("answer", "unit"):
        return False  # figures and texts belong to no section
    criterion = store.load(conflict.inspection_id).checklist.criterion(conflict.item_id)
    return criterion is not None and (criterion.id in parts or criterion.section_id in parts)


def resolve_many(store: Store, choices: list[tuple[Conflict, int]], by: str | None = None
                 ) -> tuple[list[Conflict], list[tuple[Conflict, str]]]:
    """Apply the choices one by one (each written to the history with who decided); those refused (a figure
    that does not fit, a conflict settled meanwhile) are returned with the reason, the rest are done."""
    done, refused = [], []
    for conflict, choice in choices:
        try:
            done.append(resolve_conflict(store, conflict.number, choice, by))
        except StoreError as error:
            refused.append((conflict, error.message()))
    return done, refused

