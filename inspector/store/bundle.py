"""Bundles: what one laptop hands another — inspections with their pinned checklist, answers (each with its
author), figures, findings, history and evidence files — signed by the inspector who made it.

The file is three parts: a first line naming the format, a line with the signer, the public key and the
signature, then the content (JSON). The signature covers the first line, the signer and key, and every
byte of the content, so a single changed byte anywhere makes the bundle refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from pathlib import Path
from typing import Any, NoReturn


from inspector import __version__
from inspector.core import limits
from inspector.core.answer_data import findings_to_data, info_to_data, team_part
from inspector.core.identity import Identity, fingerprint, signature_valid
from inspector.core.model import Findings
from inspector.core.problems import Msg, Refusal
from inspector.core.progress import Progress
from inspector.core.record import record
from inspector.store.database import Store, StoreError, now

MAGIC = b"inspector-bundle 1\n"
SUFFIX = ".inspector"
MAX_BUNDLE_BYTES = 512 * 1024 * 1024  # evidence photos travel inside
EVIDENCE_REF = re.compile(r"\[sha256:([0-9a-f]{12,64})\]")


class BundleRefused(Refusal):
    """Why a bundle is not taken, as a catalog key and its parameters."""


@record
class OpenedBundle:
    payload: dict[str, Any]
    signer: str
    key: str
    sha256: str  # of the whole file: a bundle merged twice is recognised

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)


# ---- making a bundle
def build_bundle(store: Store, inspection_ids: list[int], member: str = "", campaign_uid: str | None = None,
                 progress: Progress | None = None) -> dict[str, Any]:
    """The content of a bundle of these inspections (and their campaign), ready to be signed; `progress`
    hears each inspection packed (with its evidence files)."""
    from inspector.core.identity import current
    from inspector.store.campaigns import (
        campaign_by_uid,
        inspection_campaign,
        load_campaign,
    )

    inspections, checklists, evidence = [], {}, {}
    campaign = campaign_by_uid(store, campaign_uid) if campaign_uid else None
    # One bundle, one owner: the receiver files every new inspection under the campaign the bundle names.
    owners = {inspection_campaign(store, number) for number in inspection_ids}
    if campaign is not None:
        owners.add(campaign.id)
    if len(owners) > 1:
        raise StoreError("bundle.mixed", ", ".join(str(n) for n in inspection_ids))
    me = current()
    for done, number in enumerate(inspection_ids, 1):
        if progress:
            progress(done - 1, len(inspection_ids))
        record = store.load(number)
        uid = store.uid(number)
        owner = inspection_campaign(store, number)
        if campaign is None and owner is not None:
            campaign = load_campaign(store, owner)
        sha = record.checklist.sha256
        checklists[sha] = record.checklist.source
        # A member who does not gather the team's work sends only their own: what others wrote reaches the
        # secretary from its authors (a merge refuses a plain member's bundle that carries others' items).
        sender = load_campaign(store, owner).campaign.member_with_key(me.public) if owner and me else None
        own = _OwnWork(sender.name, me.name if me else sender.name) if sender is not None and not sender.relays \
            else None
        answers, facts = {}, {}
        for cid, data, author, at in store.answer_rows(number):
            if own is None:
                answers[cid] = {"data": data, "author": author, "at": at}
            elif own.wrote(author) and (team := team_part(json.loads(data))):
                answers[cid] = {"data": json.dumps(team, ensure_ascii=False, sort_keys=True), "author": own.member,
                                "at": at}
        for fid, value, author, at in store.fact_rows(number):
            if own is None or own.wrote(author):
                facts[fid] = {"value": value, "author": own.member if own else author, "at": at}
        history = [row for row in store.history_rows(number) if own is None or own.wrote(row[5])]
        if own is not None:
            history = [[*row[:5], own.member, *row[6:]] for row in history]
        for cid, answer in record.answers.items():
            if own is not None and cid not in answers:
                continue  # only the evidence of what this bundle carries
            for text in answer.evidence:
                for prefix in EVIDENCE_REF.findall(text):
                    evidence.update(_evidence_files(store, prefix))
        # A member's bundle carries their own answers and figures only: the conclusions, recommendations and
        # the unit's self-assessment are the head's or secretary's to send.
        findings = findings_to_data(record.findings if own is None else Findings())
        inspections.append({"uid": uid, "checklist_sha256": sha, "info": info_to_data(record.info),
                            "answers": answers, "facts": facts, "findings": findings,
                            "history": history, "resolutions": store.resolutions(number) if own is None else []})
    from inspector.core.campaign import campaign_to_data

    return {"bundle_format": 1, "program": f"inspector {__version__}", "made_at": now(), "member": member,
            "campaign": campaign_to_data(campaign.campaign) if campaign else None, "checklists": checklists,
            "inspections": inspections, "evidence": evidence}


@record
class _OwnWork:
    """A plain member's own items: written under their campaign name or their key's name (the same person),
    always sent under the campaign name the team knows them by."""

    member: str
    key_name: str

    def wrote(self, author: str) -> bool:
        names = {part.strip().casefold() for part in author.split(",")}
        return self.member.casefold() in names or self.key_name.casefold() in names


def _evidence_files(store: Store, prefix: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for sha, name in store.evidence_files(prefix):
        try:
            data = store.evidence_path(sha).read_bytes()
        except OSError:
            continue  # listed but gone from the disk: the answer still names it, the file cannot travel
        found[sha] = {"name": name, "data": base64.b64encode(data).decode("ascii")}
    return found


def _signed_header(signer: str, key: str) -> bytes:
    return json.dumps({"key": key, "signer": signer}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _header_line(signer: str, key: str, signature: str) -> bytes:
    return json.dumps({"key": key, "signature": signature, "signer": signer}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8") + b"\n"


def seal(payload: dict[str, Any], identity: Identity) -> bytes:
    """The bundle file's bytes, signed by `identity`."""
    content = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"
    signature = identity.sign(MAGIC + _signed_header(identity.name, identity.public) + b"\n" + content)
    return MAGIC + _header_line(identity.name, identity.public, signature) + content


# ---- reading one
READ_CHUNK = 4 * 1024 * 1024


def read_bundle(path: str | Path, progress: Progress | None = None) -> OpenedBundle:
    """The bundle in `path`, its signature checked; `progress` hears the bytes read (a bundle with a
    team's photos runs to hundreds of megabytes)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BUNDLE_BYTES:
            raise BundleRefused("bundle.too_large", file=path, limit=MAX_BUNDLE_BYTES // (1024 * 1024))
        data = bytearray()
        with path.open("rb") as stream:
            while chunk := stream.read(READ_CHUNK):
                data += chunk
                if progress:
                    progress(min(len(data), size), size)
        raw = bytes(data)
    except OSError as error:
        from inspector.core.i18n import os_error_text

        raise BundleRefused("bundle.unreadable", file=path, detail=os_error_text(error)) from None
    return open_bundle(raw, str(path))


def open_bundle(raw: bytes, name: str) -> OpenedBundle:
    """The bundle's content once its signature is checked; BundleRefused says why not."""
    if not raw.startswith(MAGIC):
        near = len(raw) > len(MAGIC) and sum(a != b for a, b in zip(raw, MAGIC)) <= 2
        raise BundleRefused("bundle.tampered" if near else "bundle.not_bundle", file=name)
    header, newline, content = raw[len(MAGIC):].partition(b"\n")
    try:
        fields = json.loads(header.decode("utf-8")) if newline else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        fields = None
    if not isinstance(fields, dict) or set(fields) != {"key", "signature", "signer"} or \
            not all(isinstance(v, str) for v in fields.values()):
        raise BundleRefused("bundle.tampered", file=name)
    signer, key, signature = fields["signer"], fields["key"], fields["signature"]
    signed = MAGIC + _signed_header(signer, key) + b"\n" + content
    # The header must be exactly as this program writes it, so no byte of the file is outside the check.
    if header + b"\n" != _header_line(signer, key, signature) or not signature_valid(key, signature, signed):
        raise BundleRefused("bundle.tampered", file=name)
    try:
        payload = json.loads(content.decode("utf-8"), parse_int=_bounded_int, parse_float=_bounded_float,
                             parse_constant=_refuse, object_pairs_hook=_one_each)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRefused("bundle.malformed", file=name, detail="JSON") from None
    _check_shape(payload, name)
    return OpenedBundle(payload, signer, key, hashlib.sha256(raw).hexdigest())


def _bounded_int(text: str) -> int:
    number = limits.bounded_whole(text)
    if isinstance(number, limits.Unbounded):
        raise ValueError(text)
    return number


def _one_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object with each key once (a key written twice would show readers another value than merged)."""
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key written twice")
    return dict(pairs)


def _bounded_float(text: str) -> float:
    """A JSON number with a fraction or exponent, within the bounds every number keeps (1e400 is refused)."""
    number = limits.bounded_decimal(text)
    if isinstance(number, limits.Unbounded):
        raise ValueError(text)
    return float(number)


def _refuse(name: str) -> NoReturn:
    raise ValueError(name)


def _check_shape(payload: Any, name: str) -> None:
    """The parts merge relies on have the types it expects (a signed bundle from a newer or broken program),
    and every text follows the rules every file does (no control or reordering marks, no endless text)."""
    def bad(detail: str) -> NoReturn:
        raise BundleRefused("bundle.malformed", file=name, detail=detail)

    if isinstance(payload, dict):
        texts = {key: value for key, value in payload.items() if key not in ("evidence", "checklists")}
        for path, code, params in limits.data_problems(texts):
            raise BundleRefused("bundle.bad_text", file=name, where=" › ".join(map(str, path))[:200],
                                detail=Msg(code, params))
        for item in payload.get("inspections", []) if isinstance(payload.get("inspections"), list) else []:
            info = item.get("info") if isinstance(item, dict) else None
            people = (info.get("team", []) + info.get("representatives", [])
                      if isinstance(info, dict) and isinstance(info.get("team", []), list)
                      and isinstance(info.get("representatives", []), list) else [])
            for text in [info.get("unit"), info.get("inspecting_body"), *people] if isinstance(info, dict) else []:
                problem = limits.name_problem(text) if isinstance(text, str) else None
                if problem is not None:
                    raise BundleRefused("bundle.bad_text", file=name, where="info", detail=Msg(*problem))
            answers = item.get("answers") if isinstance(item, dict) else None
            for cid, entry in answers.items() if isinstance(answers, dict) else ():
                try:  # an answer travels as JSON text: what it says is held to the same rules once decoded
                    decoded = json.loads(entry["data"], parse_float=_bounded_float, parse_int=_bounded_int)
                except (TypeError, KeyError, ValueError, RecursionError):
                    continue  # refused with its own message when the inspection is read
                for path, code, params in limits.data_problems(decoded):
                    raise BundleRefused("bundle.bad_text", file=name, where=" › ".join(map(str, (cid, *path)))[:200],
                                        detail=Msg(code, params))
        files = payload.get("evidence")
        for entry in files.values() if isinstance(files, dict) else ():
            shown = entry.get("name") if isinstance(entry, dict) else None
            problem = limits.name_problem(shown) if isinstance(shown, str) else None
            if problem is not None:
                raise BundleRefused("bundle.bad_text", file=name, where="evidence", detail=Msg(*problem))

    if not isinstance(payload, dict) or payload.get("bundle_format") != 1:
        bad("bundle_format")
    for key, kind in (("checklists", dict), ("inspections", list), ("evidence", dict), ("member", str)):
        if not isinstance(payload.get(key), kind):
            bad(key)
    if payload.get("campaign") is not None and not isinstance(payload["campaign"], dict):
        bad("campaign")
    for item in payload["inspections"]:
        if not isinstance(item, dict) or not isinstance(item.get("uid"), str) or \
                item.get("checklist_sha256") not in payload["checklists"]:
            bad("inspections")
        for key in ("answers", "facts", "info", "findings"):
            if not isinstance(item.get(key), dict):
                bad(key)
        history = item.get("history", [])
        if not isinstance(history, list) or not all(
                isinstance(row, list) and len(row) == 6 and all(isinstance(v, str) or v is None for v in row)
                for row in history):
            bad("history")
        for entry in item["answers"].values():
            if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("data", "author", "at")):
                bad("answers")
        for entry in item["facts"].values():
            if not isinstance(entry, dict) or not isinstance(entry.get("value"), int) or \
                    isinstance(entry.get("value"), bool) or entry["value"] < 0 or \
                    not all(isinstance(entry.get(k), str) for k in ("author", "at")):
                bad("facts")
    for sha, entry in payload["evidence"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("data"), str) or not isinstance(entry.get("name"), str):
            bad("evidence")
        try:
            data = base64.b64decode(entry["data"], validate=True)
        except (binascii.Error, ValueError):
            bad("evidence")
        if hashlib.sha256(data).hexdigest() != sha:
            raise BundleRefused("bundle.evidence_hash", file=name, evidence=entry["name"])


def bundle_error(error: StoreError) -> BundleRefused:
    return BundleRefused("bundle.store", detail=error.message())
