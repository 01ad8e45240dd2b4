"""The full record as JSON, sealed with a digest (SHA-256 of a canonical form) that `verify` checks."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal


from inspector import __version__
from inspector.core import limits
from inspector.core.answer_data import answer_to_data, findings_to_data
from inspector.core.problems import Msg, msg
from inspector.core.record import record
from inspector.core.serialize import result_to_dict
from inspector.exports.common import Exported

RECORD_FORMAT = "inspector-record-1"


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record_data(exported: Exported) -> dict:
    record, result = exported.record, exported.result
    info, checklist = record.info, record.checklist
    scored = result_to_dict(result, info)
    scored.pop("checklist")
    inspection = scored.pop("inspection")
    inspection.update({"id": record.id, "inspecting_body": info.inspecting_body,
                       "representatives": list(info.representatives)})
    return {
        "record_format": RECORD_FORMAT,
        "program": f"inspector {__version__}",
        "inspection": inspection,
        "checklist": {"id": checklist.id, "version": checklist.version, "title": checklist.title,
                      "sha256": checklist.sha256, "text": checklist.source},
        "answers": {c.id: _plain(answer_to_data(record.answers[c.id])) for c in checklist.criteria
                    if c.id in record.answers},
        "facts": dict(record.facts),
        "reported_facts": dict(record.reported_facts),
        "result": scored,
        "findings": findings_to_data(record.findings),
    }


def canonical(data: dict) -> bytes:
    """The bytes the digest and the signature cover: every key sorted, no spaces, UTF-8."""
    content = {k: v for k, v in data.items() if k not in ("digest", "signature")}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest_of(data: dict) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def sealed(exported: Exported, sign: bool = False) -> dict:
    """The record with its digest and, with `sign` and a key on this laptop, its author's signature: anyone
    can recompute a digest after editing, only the key's holder can sign again."""
    data = record_data(exported)
    data["digest"] = digest_of(data)
    if sign:
        from inspector.core.identity import current

        identity = current()
        if identity is not None:
            data["signature"] = {"signer": identity.name, "key": identity.public,
                                 "value": identity.sign(canonical(data))}
    return data


def short_digest(digest: str) -> str:
    """What is printed on paper: 16 hex digits in groups of four."""
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def to_bytes(exported: Exported) -> bytes:
    return (json.dumps(sealed(exported, sign=True), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class NotARecord(ValueError):
    """The text is not a record this program wrote; `reason` (a Msg) says why, `line` where when known."""

    def __init__(self, reason: Msg, line: int | None = None):
        super().__init__(reason.render())
        self.reason, self.line = reason, line


def _refuse_constant(name: str) -> float:
    raise NotARecord(msg("record.constant", value=name))


def _one_each(pairs: list[tuple[str, object]]) -> dict:
    """An object with each key once: a key written twice would let a reader see another value than the one
    the digest and signature cover."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise NotARecord(msg("record.duplicate_key", key=key))
        seen.add(key)
    return dict(pairs)


def parse_record(text: str) -> dict:
    """A record's JSON, read with the same limits as every other file: no RecursionError, no huge ints, no key
    written twice."""
    if len(text) > limits.MAX_FILE_BYTES:
        raise NotARecord(msg("record.too_large", limit=limits.MAX_FILE_BYTES // (1024 * 1024)))
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_constant=_refuse_constant, object_pairs_hook=_one_each)
    except json.JSONDecodeError as error:
        raise NotARecord(msg("record.syntax", col=error.colno, detail=error.msg), error.lineno) from None
    except RecursionError:
        raise NotARecord(msg("record.too_deep")) from None
    if not isinstance(data, dict):
        raise NotARecord(msg("record.not_object"))
    written = data.get("digest")
    if not isinstance(written, str):
        raise NotARecord(msg("record.no_digest"))
    return data


def _bounded_int(text: str) -> int:
    number = limits.bounded_whole(text)
    if isinstance(number, limits.Unbounded):
        raise NotARecord(msg("err.number_bounds", value=limits.shown_number(text), digits=limits.MAX_WHOLE_DIGITS))
    return number


@record
class Verdict:
    intact: bool  # the digest matches the content (and the signature, when there is one, is valid)
    written: str  # the digest written in the file
    actual: str  # the digest of its content
    signer: str = ""  # who signed, when signed
    key: str = ""
    signature_valid: bool | None = None  # None: not signed


def verify(text: str) -> Verdict:
    """What the file says about itself and whether it holds; NotARecord when it is no record."""
    data = parse_record(text)
    written, actual = data["digest"], digest_of(data)
    signature = data.get("signature")
    if signature is None:
        return Verdict(written == actual, written, actual)
    from inspector.core.identity import signature_valid

    if not isinstance(signature, dict) or not all(isinstance(signature.get(k), str) for k in ("signer", "key", "value")):
        return Verdict(False, written, actual, "?", "", False)
    valid = signature_valid(signature["key"], signature["value"], canonical(data))
    return Verdict(written == actual and valid, written, actual, signature["signer"], signature["key"], valid)
