"""The full record as JSON, sealed with a digest (SHA-256 of a canonical form) that `verify` checks."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from inspector import __version__
from inspector.core.answer_data import answer_to_data, findings_to_data
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
        "result": scored,
        "findings": findings_to_data(record.findings),
    }


def canonical(data: dict) -> bytes:
    """The bytes the digest covers: every key sorted, no spaces, UTF-8."""
    content = {k: v for k, v in data.items() if k != "digest"}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest_of(data: dict) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


def sealed(exported: Exported) -> dict:
    data = record_data(exported)
    data["digest"] = digest_of(data)
    return data


def short_digest(digest: str) -> str:
    """What is printed on paper: 16 hex digits in groups of four."""
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def to_bytes(exported: Exported) -> bytes:
    return (json.dumps(sealed(exported), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def verify(text: str) -> tuple[bool, str, str]:
    """(intact, digest written in the file, digest of its content)."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a record")
    written = data.get("digest")
    if not isinstance(written, str):
        raise KeyError("digest")
    return written == digest_of(data), written, digest_of(data)
