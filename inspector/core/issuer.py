"""The body that issues the thông báo kết luận: read from a campaign file's `[issuer]` or an answer file's
`[inspection.issuer]`, and written into sentences the way Nghị định 30/2020 (Phụ lục V) capitalises names.
"""

from __future__ import annotations

import re
from typing import Any

from inspector.core.checks import Checker
from inspector.core.limits import name_problem
from inspector.core.model import ISSUER_FIELDS, Issuer
from inspector.core.problems import Path

# Signing on someone's behalf (NĐ 30/2020, Phụ lục I, Phần I, II.7.b): what comes before the head's title.
AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*", re.IGNORECASE)


def read_issuer(check: Checker, raw: dict[str, Any] | None, path: Path) -> Issuer:
    """The `[issuer]` table (every field text, each a name no longer than names are); problems go to `check`."""
    if raw is None:
        return Issuer()
    check.known_keys(raw, ISSUER_FIELDS, path)
    values = {key: check.get(raw, key, path, "string", default="") for key in ISSUER_FIELDS}
    for key, value in values.items():
        problem = field_problem(key, value) if isinstance(value, str) else None
        if problem is not None:
            check.problem(path + (key,), problem[0], **problem[1])
    return Issuer(**{key: " ".join(str(value or "").split()) for key, value in values.items()})


def field_problem(field: str, value: str) -> tuple[str, dict[str, object]] | None:
    """Why one issuer field cannot be kept, as (catalog key, params), or None: the rules of every name, and a
    symbol written as the decree writes one (capitals, groups joined by "-": "SNV", "UBND")."""
    problem = name_problem(value)
    if problem is not None:
        return problem
    if field == "symbol" and value and not re.fullmatch(r"[0-9A-ZĐ]+(?:-[0-9A-ZĐ]+)*", value):
        return "issuer.bad_symbol", {"value": value}
    return None


# Words of an administrative name that stay in lower case inside it, and the generic heads of bodies.
_LEVELS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã", "phường")
_HEADS = ("ủy ban nhân dân", "ủy ban", "hội đồng nhân dân", "văn phòng", "sở", "phòng", "ban", "bộ", "cục", "chi cục",
          "trung tâm", "đoàn")
_ACRONYMS = ("UBND", "HĐND", "CCHC", "TTHC")


def in_sentence(name: str) -> str:
    """A body's name as it is written inside a sentence: "SỞ NỘI VỤ" → "Sở Nội vụ", "UBND TỈNH ĐỒNG NAI" →
    "UBND tỉnh Đồng Nai", "ỦY BAN NHÂN DÂN XÃ TÂN AN" → "Ủy ban nhân dân xã Tân An". A name already written
    in ordinary case is kept as written."""
    name = " ".join(name.split())
    if not name or not name.isupper():
        return name
    words = name.split(" ")
    out: list[str] = []
    i = 0
    place_follows = False
    new_name = True  # the next word starts a proper name (capitalised)
    while i < len(words):
        matched = False
        for phrase in (*_HEADS, *_LEVELS):
            parts = phrase.split(" ")
            if [w.casefold() for w in words[i:i + len(parts)]] == parts:
                head = phrase in _HEADS
                written = " ".join(parts)
                numbered = phrase in _LEVELS and i + len(parts) < len(words) and words[i + len(parts)].isdigit()
                # "Phường 15", "Quận 1": a unit named by a number keeps its kind capitalised (Phụ lục V).
                out.append(written[:1].upper() + written[1:] if (head and not out) or numbered else written)
                i += len(parts)
                place_follows = phrase in _LEVELS
                new_name = True
                matched = True
                break
        if matched:
            continue
        word = words[i]
        if word in _ACRONYMS:
            out.append(word)
        elif place_follows:  # a place name: every syllable capitalised
            out.append(word[:1] + word[1:].lower())
        elif word.casefold() == "và":
            out.append("và")
            new_name = True
            i += 1
            continue
        else:
            out.append(word[:1] + word[1:].lower() if new_name else word.lower())
        new_name = False
        i += 1
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def addressee(issuer: Issuer) -> str:
    """Whom the team reports to: the head of the issuing body ("Giám đốc Sở Nội vụ", "Chủ tịch Ủy ban nhân dân
    xã Tân An"). Empty when no issuer is given."""
    if not issuer.given:
        return ""
    body = in_sentence(issuer.body)
    # "KT. GIÁM ĐỐC": the head is the Giám đốc; "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH": the Chủ tịch heads it.
    collective = issuer.sign_for.upper().startswith("TM.")
    title = (issuer.signer_title if collective or not issuer.sign_for else AUTHORITY.sub("", issuer.sign_for)).strip()
    if not title:
        return body
    title = title[:1].upper() + title[1:].lower()
    if body.casefold().startswith(title.casefold()):
        return body
    return f"{title} {body}"
