"""The checklist and answer models: immutable records (core/record.py) built by the loaders."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any
from inspector.core.record import record, field


NA_POLICIES: tuple[str, ...] = ("rescale", "full", "zero")
CRITERION_NA_POLICIES: tuple[str, ...] = NA_POLICIES + ("forbidden",)
EVIDENCE_POLICIES: tuple[str, ...] = ("required", "optional", "none")

# What became of a criterion once scored (the engine decides; every front end shows these).
ANSWERED, NA, UNANSWERED, MISSING_EVIDENCE = "answered", "na", "unanswered", "missing_evidence"
STATUSES: tuple[str, ...] = (ANSWERED, NA, UNANSWERED, MISSING_EVIDENCE)


@record
class Option:
    id: str
    label: str
    points: Fraction


@record
class Item:
    id: str
    label: str
    points: Fraction | None = None


@record
class Step:
    min: Fraction
    points: Fraction


@record
class Linear:
    floor: Fraction
    target: Fraction


@record
class Band:
    label: str
    min: Fraction


@record
class Criterion:
    id: str
    title: str
    type: str  # a name in inspector.core.criteria.TYPES, whose object holds every rule of the type
    max: Fraction
    section_id: str
    critical: bool = False
    evidence: str = "optional"
    na: str = "rescale"  # the effective policy: the criterion's own or the checklist default
    applies_to: tuple[str, ...] | None = None
    applies_from: dt.date | None = None  # only for inspection periods ending on or after this day (a new duty)
    guidance: str = ""
    basis: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    items: tuple[Item, ...] = ()
    steps: tuple[Step, ...] = ()
    linear: Linear | None = None
    numerator_label: str = ""
    denominator_label: str = ""
    unit: str = ""
    range: tuple[Fraction, Fraction] | None = None
    each: Fraction | None = None
    limit: Fraction | None = None
    # Computed from recorded figures (§8): (("numerator", ids), ("denominator", ids)) or (("value", ids),).
    facts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    scored: bool = True  # earns points (its type decides; set by the loader)

    @property
    def unit_suffix(self) -> str:
        """What follows a measured value: " hồ sơ", or "%" with no space, or nothing."""
        if not self.unit:
            return ""
        return self.unit if self.unit == "%" else f" {self.unit}"

    @property
    def computed(self) -> bool:
        return bool(self.facts)

    def fact_ids(self, key: str) -> tuple[str, ...]:
        """The facts summed for `key` ("numerator", "denominator" or "value"); () when none."""
        return next((ids for name, ids in self.facts if name == key), ())

    @property
    def all_fact_ids(self) -> tuple[str, ...]:
        """Every fact the criterion uses, once each, in the order written."""
        return tuple(dict.fromkeys(i for _, ids in self.facts for i in ids))

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def step_for(self, measured: Fraction) -> Step | None:
        """The step that gives the points for a measured value (steps run highest first), or None."""
        return next((s for s in self.steps if s.min <= measured), None)

    @property
    def thresholds(self) -> tuple[Fraction, ...]:
        """The values at which the points change, for showing a measured value without misleading rounding."""
        if self.linear is not None:
            return (self.linear.floor, self.linear.target)
        return tuple(s.min for s in self.steps)


@record
class Fact:
    """A figure recorded once per inspection (a non-negative whole count) that criteria may be computed from."""

    id: str
    label: str
    unit: str = ""
    guidance: str = ""


CHECK_OPERATORS: tuple[str, ...] = ("==", "<=", ">=")


@record
class Check:
    """A rule the recorded facts must satisfy: sum(left) op sum(right). Reported, never scored."""

    id: str
    label: str
    left: tuple[str, ...]
    op: str
    right: tuple[str, ...]

    def holds(self, left: int, right: int) -> bool:
        return left == right if self.op == "==" else left <= right if self.op == "<=" else left >= right


@record
class Section:
    id: str
    title: str
    criteria: tuple[Criterion, ...]
    kind: str = "normal"  # "normal" | "adjustment"
    min: Fraction | None = None
    max: Fraction | None = None
    description: str = ""
    # Σ criterion max, computed once (scoring reads it for every inspection).
    max_points: Fraction = field(init=False, eq=False, repr=False)
    scored_count: int = field(init=False, eq=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "max_points", sum((c.max for c in self.criteria), Fraction(0)))
        object.__setattr__(self, "scored_count", sum(1 for c in self.criteria if c.scored))

    @property
    def is_adjustment(self) -> bool:
        return self.kind == "adjustment"


@record
class Checklist:
    id: str
    version: str
    title: str
    sections: tuple[Section, ...]
    description: str = ""
    unit_types: tuple[str, ...] | None = None
    na: str = "rescale"
    critical_cap: str | None = None
    bands: tuple[Band, ...] = ()
    format: int = 1
    sha256: str = ""
    source: str = field(default="", repr=False, eq=False)
    facts: tuple[Fact, ...] = ()
    checks: tuple[Check, ...] = ()
    _by_id: dict[str, Criterion] = field(init=False, repr=False, eq=False)
    _positions: dict[str, tuple[int, int]] = field(init=False, repr=False, eq=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for s in self.sections for c in s.criteria})
        object.__setattr__(self, "_positions", {c.id: (i, j) for i, s in enumerate(self.sections)
                                                for j, c in enumerate(s.criteria)})

    def position(self, criterion_id: str) -> tuple[int, int]:
        """(section index, index within the section) of a criterion."""
        return self._positions[criterion_id]

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for s in self.sections for c in s.criteria)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return self._by_id.get(criterion_id)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def computed_from(self, fact_id: str) -> tuple[Criterion, ...]:
        """The criteria computed from a fact (rescored when it changes)."""
        return tuple(c for c in self.criteria if fact_id in c.all_fact_ids)

    @property
    def max_points(self) -> Fraction:
        return sum((s.max_points for s in self.sections if not s.is_adjustment), Fraction(0))


@record
class Answer:
    """One recorded answer. `value` is typed by the criterion: bool, str, tuple[str, ...], Fraction, int."""

    criterion_id: str
    value: Any = None  # its type follows the criterion type, checked by answer_problems
    numerator: int | None = None
    denominator: int | None = None
    na: bool = False
    reason: str = ""
    evidence: tuple[str, ...] = ()
    note: str = ""
    self_score: Fraction | None = None  # the unit's own score (tự chấm)
    self_evidence: tuple[str, ...] = ()  # what the unit says it will show (from its self-assessment)
    explanation: str = ""  # the unit's giải trình where its score and the team's differ
    # A ratio known only as a percentage from a report ("99,9% đúng hạn", no counts): scored on it while no
    # counts are recorded; counts, typed or computed, always win.
    reported_percent: Fraction | None = None
    reported_source: str = ""  # where the percentage was read: "Báo cáo số 12/BC-UBND ngày 05/12/2025"

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.numerator is not None or self.reported_percent is not None

    @property
    def on_reported_rate(self) -> bool:
        """Scored on a reported percentage: no counts recorded."""
        return self.reported_percent is not None and self.numerator is None and self.value is None

    @property
    def evidenced(self) -> bool:
        """Whether its evidence is recorded: documents named, or the report a reported rate was read from."""
        return bool(self.evidence) or (self.on_reported_rate and bool(self.reported_source.strip()))

    @property
    def is_empty(self) -> bool:
        """Nothing left worth keeping: no value, not N/A, no evidence, note or anything from the unit."""
        return not (self.na or self.has_value or self.evidence or self.note or self.self_score is not None
                    or self.self_evidence or self.explanation)


HEAD, DEPUTY, SECRETARY, MEMBER = "Trưởng đoàn", "Phó Trưởng đoàn", "Thư ký", "Thành viên"
TEAM_ROLES: tuple[str, ...] = (HEAD, DEPUTY, SECRETARY, MEMBER)
ROLE_SEPARATOR = " — "


@record
class Issuer:
    """The body that decided the inspection and issues its thông báo kết luận under its own header and number
    (Sở Nội vụ, UBND tỉnh, or a commune's UBND for its own inspection), and who signs for it."""

    body: str = ""  # "SỞ NỘI VỤ" (in capitals in the header)
    parent: str = ""  # the body above it: "UBND TỈNH ĐỒNG NAI" (empty for a UBND)
    symbol: str = ""  # the abbreviation of its numbers: "SNV" → "…/TB-SNV"
    place: str = ""  # the date line's place: "Đồng Nai"
    sign_for: str = ""  # "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN" (empty when the head signs in person)
    signer_title: str = ""  # "PHÓ GIÁM ĐỐC", "CHỦ TỊCH"
    signer: str = ""  # the name (may be left for later)

    @property
    def given(self) -> bool:
        return bool(self.body.strip())


ISSUER_FIELDS: tuple[str, ...] = ("body", "parent", "symbol", "place", "sign_for", "signer_title", "signer")


@record
class Profile:
    """The unit as a report opens on it: area, population, neighbourhoods, the former units it was formed from
    (the 01/7/2025 merger), and its one-stop's counters and staff. Every part is optional."""

    area_km2: Fraction | None = None
    population: int | None = None
    neighbourhoods: int | None = None  # khu phố, ấp, thôn, tổ dân phố
    formed_from: tuple[str, ...] = ()  # "xã Tân Phú", "xã Phú Lộc"
    counters: int | None = None  # quầy at the Trung tâm Phục vụ hành chính công
    staff: int | None = None  # công chức working there

    @property
    def given(self) -> bool:
        return any(getattr(self, name) not in (None, ()) for name in PROFILE_FIELDS)


PROFILE_FIELDS: tuple[str, ...] = ("area_km2", "population", "neighbourhoods", "formed_from", "counters", "staff")
PROFILE_COUNTS: tuple[str, ...] = ("population", "neighbourhoods", "counters", "staff")


@record
class InspectionInfo:
    checklist: str
    checklist_version: str
    unit: str
    date: dt.date
    unit_type: str | None = None
    period: str = ""
    team: tuple[str, ...] = ()  # "Họ tên — Vai trò", as format 1 writes them
    inspecting_body: str = ""  # extension: the body that sent the team (Sở Nội vụ tỉnh …)
    representatives: tuple[str, ...] = ()  # extension: the unit's people present, "Họ tên — Chức vụ"
    # Extensions for the biên bản's header and căn cứ (all optional; a blank prints as a dotted line).
    decision_number: str = ""  # the decision forming the team: "125/QĐ-UBND"
    decision_date: dt.date | None = None
    decision_issuer: str = ""  # "Chủ tịch UBND thành phố Thuận An"
    plan: str = ""  # the inspection plan: "Kế hoạch số 45/KH-UBND ngày 10/3/2023 của UBND thành phố"
    minutes_number: str = ""  # the biên bản's own number: "12/BB-ĐKT"
    start_time: str = ""  # the working session: "08 giờ 00"
    end_time: str = ""
    issuer: Issuer = Issuer()  # who issues the thông báo kết luận (empty: not given yet)
    absent: tuple[str, ...] = ()  # names of team members not there on the day (the biên bản lists who was)
    facts_evidence: tuple[str, ...] = ()  # the documents the figures were read from: evidence of computed criteria
    profile: Profile = Profile()

    @property
    def period_end(self) -> dt.date:
        """The last day of the period inspected: the latest date written in `period` ("Từ 01/01/2026 đến
        30/9/2026" → 30/9/2026), else the end of the latest year in it ("Năm 2026" → 31/12/2026), else the
        visit's date."""
        return period_end(self.period, self.date)

    def present_team(self) -> tuple[str, ...]:
        """The team lines of the members who were there (all of them unless some are marked absent)."""
        away = {name_key(name) for name in self.absent}
        return tuple(p for p in self.team if name_key(split_person(p)[0]) not in away)


# InspectionInfo fields kept in the store's `details` column and the answer file's [inspection] (extensions).
INFO_DETAILS: tuple[str, ...] = ("decision_number", "decision_date", "decision_issuer", "plan", "minutes_number",
                                 "start_time", "end_time")
HONORIFICS: tuple[str, ...] = ("Ông", "Bà")


_DAY = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def period_end(period: str, visit: dt.date) -> dt.date:
    """The last day a period's text names (see InspectionInfo.period_end)."""
    days = []
    for day, month, year in _DAY.findall(period):
        try:
            days.append(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    if days:
        return max(days)
    years = [int(y) for y in _YEAR.findall(period)]
    return dt.date(max(years), 12, 31) if years else visit


def name_key(name: str) -> str:
    """A person's name as compared: spaces collapsed, case-blind."""
    return " ".join(name.split()).casefold()


def split_person(entry: str) -> tuple[str, str]:
    """"Nguyễn Văn A — Trưởng đoàn" → ("Nguyễn Văn A", "Trưởng đoàn")."""
    name, _, role = entry.partition(ROLE_SEPARATOR)
    return name.strip(), role.strip()


def role_is(entry: str, role: str) -> bool:
    """Whether a team line gives that role, however it goes on ("Họ tên — Trưởng đoàn kiểm tra",
    "— Phó Trưởng đoàn, Sở Tư pháp"): its role starts with it."""
    return split_person(entry)[1].casefold().startswith(role.casefold())


def leader(team: tuple[str, ...] | list[str]) -> tuple[str, str] | None:
    """(name, role) of who leads the team and signs for it: the Trưởng đoàn, else a Phó Trưởng đoàn (who signs
    "KT. TRƯỞNG ĐOÀN"); None when the team has neither."""
    for role in (HEAD, DEPUTY):
        found = next((split_person(entry)[0] for entry in team if role_is(entry, role)), None)
        if found is not None:
            return found, role
    return None


def honorific_of(name: str) -> str:
    """The honorific a name already starts with ("Bà Nguyễn Thị Hoài Thu" → "Bà"), or ""."""
    first = name.split(" ", 1)[0] if " " in name else ""
    return first if first in HONORIFICS or first.lower() in ("đ/c", "đồng") else ""


def bare_name(name: str) -> str:
    """The name without its honorific: what a signature block prints under the signature."""
    honorific = honorific_of(name)
    rest = name[len(honorific):].strip() if honorific else name
    return rest[len("chí"):].strip() if honorific.lower() == "đồng" and rest.lower().startswith("chí") else rest


@record
class Recommendation:
    text: str
    responsible: str = ""
    deadline: str = ""
    # Follow-up (the register): "" or "chua" not done, "dang" in progress, "da" done; overdue is derived.
    status: str = ""
    reported_by: str = ""  # who reported on it (the unit's officer, or the team member who checked)
    reported_on: str = ""  # when, ISO date
    evidence: tuple[str, ...] = ()  # what shows it was done
    report: str = ""  # what was reported


@record
class Findings:
    """What the team writes after scoring: the body of the biên bản."""

    strengths: str = ""  # ưu điểm, kết quả đạt được
    shortfalls: str = ""  # tồn tại, hạn chế
    recommendations: tuple[Recommendation, ...] = ()  # kiến nghị
    unit_opinion: str = ""  # ý kiến của đơn vị được kiểm tra
    conclusion: str = ""  # kết luận


@record
class AnswerFile:
    info: InspectionInfo
    answers: dict[str, Answer] = field(factory=dict)
    findings: Findings = field(factory=Findings)
    facts: dict[str, int] = field(factory=dict)  # the recorded figures (§8), in checklist order
