"""Campaigns in the store: created with one inspection per unit, listed with their units' results."""

from __future__ import annotations

import json


from inspector.core.campaign import Campaign, campaign_from_data, campaign_to_data
from inspector.core.model import Checklist
from inspector.core.record import record
from inspector.store.database import InspectionRow, Store, StoreError
from inspector.store.unit_of_work import Unit


@record
class StoredCampaign:
    id: int
    campaign: Campaign
    created_at: str


def create_campaign(store: Store, campaign: Campaign, checklist: Checklist) -> tuple[int, list[int]]:
    """The campaign and each unit's inspection, header filled in: one transaction, all or nothing.

    The creator's own public key is filled in when the team lists them without one (they are on this
    laptop: their key is known)."""
    from inspector.core.identity import current

    me = current()
    listed = campaign.member(me.name) if me is not None else None
    if me is not None and listed is not None and not listed.key:
        campaign = campaign.with_key(listed.name, me.public)
    with store.transaction() as unit:
        unit.pin_checklist(checklist)
        number = insert_campaign(unit, campaign, checklist.sha256)
        made = [unit.insert_inspection(checklist, campaign.info_for(planned), campaign_id=number)
                for planned in campaign.units]
    return number, made


def insert_campaign(unit: Unit, campaign: Campaign, sha: str) -> int:
    """A campaign in the caller's transaction (a new one, or one first seen in a bundle)."""
    cursor = unit.execute("INSERT INTO campaigns (uid, name, data, checklist_sha256, created_at) VALUES"
                          " (?, ?, ?, ?, ?)", (campaign.uid, campaign.name, _json(campaign), sha, unit.stamp))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _json(campaign: Campaign) -> str:
    return json.dumps(campaign_to_data(campaign), ensure_ascii=False, sort_keys=True)


def list_campaigns(store: Store) -> list[StoredCampaign]:
    return [StoredCampaign(number, campaign_from_data(json.loads(data)), created)
            for number, data, created in store.query("SELECT id, data, created_at FROM campaigns ORDER BY id")]


def load_campaign(store: Store, number: int) -> StoredCampaign:
    rows = store.query("SELECT data, created_at FROM campaigns WHERE id = ?", (number,))
    if not rows:
        raise StoreError("store.no_campaign", str(number), str(store.path))
    return StoredCampaign(number, campaign_from_data(json.loads(rows[0][0])), rows[0][1])


def campaign_by_uid(store: Store, uid: str) -> StoredCampaign | None:
    rows = store.query("SELECT id FROM campaigns WHERE uid = ?", (uid,))
    return load_campaign(store, rows[0][0]) if rows else None


def find_campaign(store: Store, ref: str) -> StoredCampaign:
    """A campaign by its number, or by (a unique part of) its name."""
    if ref.isdigit():
        return load_campaign(store, int(ref))
    wanted = ref.casefold()
    found = [c for c in list_campaigns(store) if wanted in c.campaign.name.casefold()]
    if len(found) != 1:
        raise StoreError("store.no_campaign" if not found else "store.campaign_ambiguous", ref, str(store.path))
    return found[0]


def save_campaign(store: Store, number: int, campaign: Campaign) -> None:
    with store.transaction() as unit:
        unit.execute("UPDATE campaigns SET data = ?, name = ? WHERE id = ?", (_json(campaign), campaign.name, number))


def campaign_inspections(store: Store, number: int) -> list[InspectionRow]:
    """The campaign's inspections in the plan's order (by date, then unit), with today's scores."""
    ids = store.campaign_inspection_ids(number)
    rows = [row for row in store.list_inspections(include_archived=True) if row.id in ids]
    return sorted(rows, key=lambda row: (row.date, row.unit, row.id))


def inspection_campaign(store: Store, inspection_id: int) -> int | None:
    return store.campaign_of(inspection_id)
