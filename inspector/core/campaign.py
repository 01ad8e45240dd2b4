"""A campaign (đợt kiểm tra): the plan, the decision forming the team, the team with its keys and its
split of the checklist, and the units to visit. Read from a TOML file; stored and carried as plain data."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path as FsPath
from typing import Any


from inspector.core.checks import Checker, did_you_mean, guess_hint
from inspector.core.identity import is_public_key
from inspector.core.limits import name_problem
from inspector.core.issuer import read_issuer
from inspector.core.model import DEPUTY, HEAD, ROLE_SEPARATOR, SECRETARY, Checklist, InspectionInfo, Issuer, Profile
from inspector.core.problems import Path
from inspector.core.profile import read_profile
from inspector.core.record import record, evolve, asdict
from inspector.core.source import Source

HEADER_KEYS = ("name", "checklist", "checklist_version", "period", "inspecting_body", "plan", "decision_number",
               "decision_date", "decision_issuer")
MEMBER_KEYS = ("name", "role", "agency", "key", "sections", "present")
UNIT_KEYS = ("name", "unit_type", "date", "representatives", "profile")
REPRESENTATIVE_KEYS = ("name", "role")


@record
class Member:
    name: str
    role: str = ""
    agency: str = ""
    key: str = ""  # "ed25519:…", the public key that signs this member's bundles
    sections: tuple[str, ...] = ()  # the sections (or single criteria) this member records
    present: bool = True  # False: in the team, but not on the visits (the on-site leader signs the biên bản)

    @property
    def relays(self) -> bool:
        """Gathers and hands on the team's work (Trưởng đoàn, Phó Trưởng đoàn, Thư ký): its bundles may carry
        other members' answers, each still credited to its author."""
        role = self.role.casefold()
        return any(role.startswith(leader.casefold()) for leader in (HEAD, DEPUTY, SECRETARY))

    def covers(self, criterion: str, section: str) -> bool:
        """Whether this member's assigned part includes a criterion (no assignment: everything)."""
        return not self.sections or criterion in self.sections or section in self.sections

    def team_line(self) -> str:
        """As an inspection's team lists people: "Họ tên — Vai trò, Cơ quan"."""
        role = ", ".join(part for part in (self.role, self.agency) if part)
        return f"{self.name} — {role}" if role else self.name


@record
class PlannedUnit:
    name: str
    date: dt.date
    unit_type: str | None = None
    representatives: tuple[str, ...] = ()  # "Họ tên — Chức vụ", as an inspection lists them
    profile: Profile = Profile()  # area, population, the units it was formed from… (the biên bản opens on it)


@record
class Campaign:
    uid: str
    name: str
    checklist: str
    checklist_version: str
    members: tuple[Member, ...] = ()
    units: tuple[PlannedUnit, ...] = ()
    period: str = ""
    inspecting_body: str = ""
    plan: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    decision_issuer: str = ""
    issuer: Issuer = Issuer()  # who issues the thông báo kết luận

    def info_for(self, unit: PlannedUnit) -> InspectionInfo:
        """A unit's inspection header, filled from the campaign (the biên bản's căn cứ come from here)."""
        return InspectionInfo(
            checklist=self.checklist, checklist_version=self.checklist_version, unit=unit.name, date=unit.date,
            unit_type=unit.unit_type, period=self.period, team=tuple(m.team_line() for m in self.members),
            inspecting_body=self.inspecting_body, decision_number=self.decision_number,
            decision_date=self.decision_date, decision_issuer=self.decision_issuer, plan=self.plan,
            representatives=unit.representatives, issuer=self.issuer, profile=unit.profile,
            absent=tuple(m.name for m in self.members if not m.present))

    def member(self, name: str) -> Member | None:
        wanted = " ".join(name.split()).casefold()
        return next((m for m in self.members if m.name.casefold() == wanted), None)

    def member_with_key(self, public: str) -> Member | None:
        return next((m for m in self.members if m.key and m.key == public), None)

    def with_key(self, name: str, public: str) -> Campaign:
        members = tuple(evolve(m, key=public) if m.name.casefold() == name.casefold() else m
                        for m in self.members)
        return evolve(self, members=members)


def campaign_to_data(campaign: Campaign) -> dict[str, Any]:
    """Plain JSON data (dates as ISO text), the form kept in the store and carried in bundles."""
    from inspector.core.answer_data import issuer_to_data
    from inspector.core.profile import profile_to_data

    data = asdict(campaign, recurse=True)
    data["decision_date"] = campaign.decision_date.isoformat() if campaign.decision_date else None
    data["units"] = [{"name": u.name, "date": u.date.isoformat(), "unit_type": u.unit_type,
                      "representatives": list(u.representatives),
                      **({"profile": profile_to_data(u.profile)} if u.profile.given else {})} for u in campaign.units]
    data["members"] = [{**asdict(m), "sections": list(m.sections)} for m in campaign.members]
    data["issuer"] = issuer_to_data(campaign.issuer)
    return data


def campaign_from_data(data: dict[str, Any]) -> Campaign:
    """The inverse of campaign_to_data, for data this program wrote (checked again when it comes in a bundle).

    TypeError when a field is not of its kind; ValueError when two members hold one key (a key's bundles
    could not be credited to one person) or a date is no date."""
    from inspector.core.answer_data import issuer_from_data, text_of, texts_of
    from inspector.core.profile import profile_from_data

    if not isinstance(data, dict) or not all(isinstance(data.get(k, []), list) for k in ("members", "units")) or \
            not all(isinstance(x, dict) for k in ("members", "units") for x in data.get(k, ())):
        raise TypeError("campaign")
    decision = data.get("decision_date")
    if decision is not None and not isinstance(decision, str):
        raise TypeError("decision_date")
    if not all(isinstance(m.get("present", True), bool) for m in data.get("members", ())) or \
            not isinstance(data.get("issuer", {}), dict):
        raise TypeError("campaign")
    members = tuple(Member(text_of(m, "name"), text_of(m, "role"), text_of(m, "agency"), text_of(m, "key"),
                           texts_of(m, "sections"), m.get("present", True)) for m in data.get("members", ()))
    keys = [m.key for m in members if m.key]
    if len(keys) != len(set(keys)):
        raise ValueError("a key is listed for two members")
    unit_types = [u.get("unit_type") for u in data.get("units", ())]
    if not all(kind is None or isinstance(kind, str) for kind in unit_types):
        raise TypeError("unit_type")
    return Campaign(
        uid=text_of(data, "uid"), name=text_of(data, "name"), checklist=text_of(data, "checklist"),
        checklist_version=text_of(data, "checklist_version"), members=members,
        units=tuple(PlannedUnit(text_of(u, "name"), dt.date.fromisoformat(text_of(u, "date")), u.get("unit_type"),
                                texts_of(u, "representatives"), profile_from_data(u.get("profile")))
                   for u in data.get("units", ())),
        period=text_of(data, "period"), inspecting_body=text_of(data, "inspecting_body"), plan=text_of(data, "plan"),
        decision_number=text_of(data, "decision_number"),
        decision_date=dt.date.fromisoformat(decision) if decision else None,
        decision_issuer=text_of(data, "decision_issuer"), issuer=issuer_from_data(data.get("issuer", {})))


def header_of(source: Source) -> tuple[str, str | None]:
    """The checklist id and version a campaign file names (to find the checklist before checking the rest)."""
    raw = source.data.get("campaign")
    if not isinstance(raw, dict):
        return "", None
    ref, version = raw.get("checklist"), raw.get("checklist_version")
    return (ref if isinstance(ref, str) else ""), (version if isinstance(version, str) else None)


def build_campaign(source: Source, checklist: Checklist) -> Campaign:
    """The campaign a file describes, every problem reported with its line (FileProblems)."""
    check = Checker(source)
    data = source.data
    check.known_keys(data, ("format", "campaign", "issuer", "member", "unit"), ())
    fmt = check.get(data, "format", (), "integer", required=True)
    if fmt is not None and fmt != 1:
        check.problem(("format",), "err.format", value=fmt)
    raw = check.get(data, "campaign", (), "table", required=True) or {}
    path: Path = ("campaign",)
    check.known_keys(raw, HEADER_KEYS, path)
    name = check.get(raw, "name", path, "string", required=True)
    _names(check, path, name=name)
    texts = {key: check.get(raw, key, path, "string", default="")
             for key in ("period", "inspecting_body", "plan", "decision_number", "decision_issuer")}
    decision_date = check.get(raw, "decision_date", path, "date")
    version = check.get(raw, "checklist_version", path, "string")
    if version is not None and version != checklist.version:
        check.problem(path + ("checklist_version",), "err.version_mismatch", value=version, expected=checklist.version)
    issuer = read_issuer(check, check.get(data, "issuer", (), "table"), ("issuer",))
    members = _members(check, check.get(data, "member", (), "table_list", required=True) or [], checklist)
    units = _units(check, check.get(data, "unit", (), "table_list", required=True) or [], checklist)
    check.raise_if_any()
    return Campaign(uid=uuid.uuid4().hex, name=name, checklist=checklist.id, checklist_version=checklist.version,
                    members=members, units=units, decision_date=decision_date, issuer=issuer, **texts)


def _members(check: Checker, raw: list[dict[str, Any]], checklist: Checklist) -> tuple[Member, ...]:
    members: list[Member] = []
    parts = [s.id for s in checklist.sections] + [c.id for c in checklist.criteria]
    seen: set[str] = set()
    keys: dict[str, str] = {}  # key → the member who holds it
    for i, item in enumerate(raw):
        path: Path = ("member", i)
        check.known_keys(item, MEMBER_KEYS, path)
        name = check.get(item, "name", path, "string", required=True)
        role = check.get(item, "role", path, "string", default="")
        agency = check.get(item, "agency", path, "string", default="")
        key = check.get(item, "key", path, "string", default="")
        sections = check.get(item, "sections", path, "string_list", default=())
        present = check.get(item, "present", path, "boolean", default=True)
        if key and not is_public_key(key):
            check.problem(path + ("key",), "campaign.bad_key", value=key)
        elif key and key in keys and name is not None:
            check.problem(path + ("key",), "campaign.shared_key", value=" ".join(name.split()), other=keys[key])
        elif key and name is not None:
            keys[key] = " ".join(name.split())
        for part in sections:
            if part not in parts:
                check.problem(path + ("sections",), "campaign.unknown_part", value=part,
                              hint=guess_hint(did_you_mean(part, parts)))
        if name is None:
            continue
        _names(check, path, name=name, role=role, agency=agency)
        name = " ".join(name.split())
        if name.casefold() in seen:
            check.problem(path + ("name",), "campaign.duplicate_member", value=name)
        seen.add(name.casefold())
        members.append(Member(name, role, agency, key, tuple(sections), present is not False))
    return tuple(members)


def _names(check: Checker, path: Path, **names: object) -> None:
    """A name past what any name is (too long, or with marks that reorder how it reads) is a problem at its key."""
    for key, name in names.items():
        problem = name_problem(name) if isinstance(name, str) else None
        if problem is not None:
            check.problem(path + (key,), problem[0], **problem[1])


def _units(check: Checker, raw: list[dict[str, Any]], checklist: Checklist) -> tuple[PlannedUnit, ...]:
    units: list[PlannedUnit] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path: Path = ("unit", i)
        check.known_keys(item, UNIT_KEYS, path)
        name = check.get(item, "name", path, "string", required=True)
        date = check.get(item, "date", path, "date", required=True)
        unit_type = check.get(item, "unit_type", path, "string")
        if unit_type is not None and checklist.unit_types is not None and unit_type not in checklist.unit_types:
            check.problem(path + ("unit_type",), "err.unit_type", value=unit_type,
                          allowed=", ".join(checklist.unit_types),
                          hint=guess_hint(did_you_mean(unit_type, checklist.unit_types)))
        people = _representatives(check, check.get(item, "representatives", path, "table_list", default=[]) or [],
                                  path + ("representatives",))
        profile = read_profile(check, check.get(item, "profile", path, "table"), path + ("profile",))
        if name is None or date is None:
            continue
        _names(check, path, name=name)
        if isinstance(date, dt.datetime):
            date = date.date()
        if name.casefold() in seen:
            check.problem(path + ("name",), "campaign.duplicate_unit", value=name)
        seen.add(name.casefold())
        units.append(PlannedUnit(name, date, unit_type, people, profile))
    return tuple(units)


def _representatives(check: Checker, raw: list[dict[str, Any]], path: Path) -> tuple[str, ...]:
    """`representatives = [{ name = "…", role = "…" }]` → "Họ tên — Chức vụ" lines, as an inspection keeps them."""
    lines = []
    for i, item in enumerate(raw):
        where = path + (i,)
        check.known_keys(item, REPRESENTATIVE_KEYS, where)
        name = check.get(item, "name", where, "string", required=True)
        role = check.get(item, "role", where, "string", default="")
        _names(check, where, name=name, role=role)
        if name:
            name, role = " ".join(name.split()), " ".join((role or "").split())
            lines.append(f"{name}{ROLE_SEPARATOR}{role}" if role else name)
    return tuple(lines)


EXAMPLE = """\
# Đợt kiểm tra cải cách hành chính — sửa rồi tạo bằng: inspector campaign new TỆP.toml
format = 1

[campaign]
name = "Kiểm tra công tác CCHC năm 2026"
checklist = "cchc-xa"                 # mã bảng kiểm (inspector checklist list)
period = "Năm 2026"
inspecting_body = "Sở Nội vụ tỉnh …"
plan = "Kế hoạch số …/KH-SNV ngày …/…/2026 của Sở Nội vụ"
decision_number = "…/QĐ-SNV"
decision_date = 2026-03-15
decision_issuer = "Giám đốc Sở Nội vụ"

# Cơ quan ban hành thông báo kết luận (cơ quan quyết định kiểm tra) và người ký.
[issuer]
body = "SỞ NỘI VỤ"                    # tên cơ quan, chữ in hoa
parent = "UBND TỈNH …"                # cơ quan chủ quản (để trống nếu là UBND)
symbol = "SNV"                        # chữ viết tắt trong số văn bản: …/TB-SNV
place = "…"                           # địa danh ở dòng ngày tháng
sign_for = "KT. GIÁM ĐỐC"             # để trống nếu người đứng đầu ký
signer_title = "PHÓ GIÁM ĐỐC"
signer = ""                           # họ tên người ký (có thể điền sau)

# Mỗi thành viên: họ tên, vai trò, cơ quan, khóa công khai (inspector key show) và phần được phân công.
[[member]]
name = "Nguyễn Văn An"
role = "Trưởng đoàn"
agency = "Sở Nội vụ"
key = ""                              # dán khóa "ed25519:…" của thành viên vào đây
sections = ["A", "B"]

[[member]]
name = "Trần Thị Bình"
role = "Thư ký"
agency = "Sở Nội vụ"
key = ""
sections = ["C", "D"]

# Thành viên vắng trong các buổi kiểm tra: thêm present = false (vẫn có tên trong đoàn; người chủ trì tại
# buổi kiểm tra, ví dụ Phó Trưởng đoàn, ký biên bản "KT. TRƯỞNG ĐOÀN").

# Mỗi đơn vị được kiểm tra: tên, loại (xa / phuong / dac_khu), ngày kiểm tra dự kiến và người đại diện.
[[unit]]
name = "UBND phường …"
unit_type = "phuong"
date = 2026-04-10
representatives = [{ name = "Ông …", role = "Chủ tịch UBND phường" }]
# Thông tin về đơn vị (không bắt buộc; in ở đầu biên bản): diện tích (km²), dân số, số thôn/ấp/khu phố, các đơn vị
# cũ hợp thành từ 01/7/2025, số quầy và công chức tại Trung tâm Phục vụ hành chính công.
# profile = { area_km2 = 12.5, population = 45210, neighbourhoods = 12, formed_from = ["phường A", "xã B"], counters = 14, staff = 14 }
"""


def campaign_from_file(path: str | FsPath) -> tuple[Campaign, Checklist]:
    """The campaign a file describes and the checklist it names (found by id, the version if given).

    Raises FileProblems for a broken file (every problem with its line), LookupError(ref) for a checklist
    id nobody has."""
    from inspector.core.library import find_checklist
    from inspector.core.problems import FileProblems, Problem
    from inspector.core.source import read

    source = read(path)
    ref, version = header_of(source)
    if not ref:
        raise FileProblems([Problem(str(path), 1, (("key", "campaign"),), "err.missing",
                                    {"key": "checklist", "example": 'checklist = "cchc-xa"'})])
    checklist = find_checklist(ref, version)
    return build_campaign(source, checklist), checklist
