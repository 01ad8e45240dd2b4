"""Answers: the rules one answer must follow, and loading an answer file (format 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FsPath
from typing import Any

from inspector.core.answer_rules import answer_errors, answer_problems
from inspector.core.checks import Checker, did_you_mean, guess_hint, type_name
from inspector.core.criteria import TYPES
from inspector.core.figures import figure_problems
from inspector.core.issuer import read_issuer
from inspector.core.profile import profile_for_file, read_profile
from inspector.core.limits import name_problem
from inspector.core.model import (
    INFO_DETAILS,
    Answer,
    AnswerFile,
    Checklist,
    Criterion,
    Findings,
    InspectionInfo,
    Recommendation,
    name_key,
    split_person,
)
from inspector.core.problems import Path
from inspector.core.source import Source, from_text, read

COMMON_ANSWER_KEYS = ("na", "reason", "evidence", "note", "self_score", "self_evidence", "explanation")
INSPECTION_KEYS = ("checklist", "checklist_version", "unit", "unit_type", "date", "period", "team",
                   "inspecting_body", "representatives", "decision_number", "decision_date", "decision_issuer", "plan",
                   "minutes_number", "start_time", "end_time", "issuer", "absent", "facts_evidence", "profile")
RECOMMENDATION_STATUSES = ("chua", "dang", "da")  # chưa / đang / đã thực hiện ("quá hạn" is derived)
FINDINGS_KEYS = ("strengths", "shortfalls", "recommendations", "unit_opinion", "conclusion")
RECOMMENDATION_KEYS = ("text", "responsible", "deadline", "status", "reported_by", "reported_on", "evidence", "report")


__all__ = ["answer_errors", "answer_problems", "build_answers", "load_answers", "answers_from_text", "answers_to_toml"]


def value_keys(criterion: Criterion) -> tuple[str, ...]:
    """The answer's fields that hold the criterion's value (its type decides)."""
    return TYPES[criterion.type].value_keys


def load_answers(path: str | FsPath, checklist: Checklist) -> AnswerFile:
    return build_answers(read(path), checklist)


def answers_from_text(text: str, checklist: Checklist, name: str = "<text>") -> AnswerFile:
    return build_answers(from_text(text, name), checklist)


def build_answers(source: Source, checklist: Checklist) -> AnswerFile:
    check = Checker(source)
    data = source.data
    check.known_keys(data, ("format", "inspection", "facts", "answers", "findings"), ())
    fmt = check.get(data, "format", (), "integer", required=True)
    if fmt is not None and fmt != 1:
        check.problem(("format",), "err.format", value=fmt)
    info = _inspection(check, check.get(data, "inspection", (), "table", required=True), checklist)
    answers: dict[str, Answer] = {}
    for cid, raw in check.get(data, "answers", (), "table", default={}).items():
        path: Path = ("answers", cid)
        criterion = checklist.criterion(cid)
        if criterion is None:
            guess = "" if check.full else did_you_mean(cid, [c.id for c in checklist.criteria])
            check.problem(path, "err.unknown_criterion", value=cid,
                          hint=guess_hint(guess))
            continue
        if not isinstance(raw, dict):
            check.problem(path, "err.answer_table", id=cid)
            continue
        answer = _answer(check, criterion, raw, path)
        if answer is not None:
            answers[cid] = answer
    facts = _facts(check, check.get(data, "facts", (), "table", default={}), checklist)
    _computed_problems(check, checklist, answers, facts)
    findings = _findings(check, check.get(data, "findings", (), "table", default={}))
    check.raise_if_any()
    assert info is not None  # a missing or broken [inspection] was reported above
    return AnswerFile(info=info, answers=answers, findings=findings, facts=facts)


def _facts(check: Checker, raw: dict[str, Any], checklist: Checklist) -> dict[str, int]:
    """`[facts]`: one whole number ≥ 0 per declared fact; returned in checklist order."""
    known = [f.id for f in checklist.facts]
    found: dict[str, int] = {}
    for key, value in raw.items():
        path: Path = ("facts", key)
        if key not in known:
            if not known:
                check.problem(path, "err.no_facts_declared", value=key)
            else:
                check.problem(path, "err.unknown_fact", value=key, allowed=", ".join(known),
                              hint=guess_hint("" if check.full else did_you_mean(key, known)))
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            check.problem(path, "err.fact_value", key=key, got=type_name(value))
            continue
        found[key] = value
    return {ident: found[ident] for ident in known if ident in found}


def _computed_problems(check: Checker, checklist: Checklist, answers: dict[str, Answer], facts: dict[str, int]) -> None:
    """A computed criterion's sums must pass the rules a typed answer would (numerator ≤ denominator, range)."""
    for problem in figure_problems(checklist, facts, answers):
        check.problem(("facts", problem.facts[-1]), problem.code, **problem.params)  # the figures are what to fix


def _findings(check: Checker, raw: dict[str, Any]) -> Findings:
    path: Path = ("findings",)
    check.known_keys(raw, FINDINGS_KEYS, path)
    texts = {key: check.get(raw, key, path, "string", default="") for key in FINDINGS_KEYS if key != "recommendations"}
    recommendations = []
    for i, item in enumerate(check.get(raw, "recommendations", path, "table_list", default=[])):
        ipath = path + ("recommendations", i)
        check.known_keys(item, RECOMMENDATION_KEYS, ipath)
        text = check.get(item, "text", ipath, "string", required=True)
        responsible = check.get(item, "responsible", ipath, "string", default="")
        deadline = check.get(item, "deadline", ipath, "string", default="")
        follow_up = {key: check.get(item, key, ipath, "string", default="") for key in ("reported_by", "report")}
        status = check.get(item, "status", ipath, "string", default="")
        if status and status not in RECOMMENDATION_STATUSES:
            check.problem(ipath + ("status",), "err.rec_status", value=status, allowed=", ".join(RECOMMENDATION_STATUSES))
        reported_on = check.get(item, "reported_on", ipath, "date")
        evidence = check.get(item, "evidence", ipath, "string_list", default=())
        if text:
            recommendations.append(Recommendation(text, responsible, deadline, status, evidence=evidence,
                                                  reported_on=reported_on.isoformat() if reported_on else "",
                                                  **follow_up))
    return Findings(recommendations=tuple(recommendations), **texts)


def _inspection(check: Checker, raw: dict[str, Any] | None, checklist: Checklist) -> InspectionInfo | None:
    if raw is None:
        return None
    path: Path = ("inspection",)
    check.known_keys(raw, INSPECTION_KEYS, path)
    ident = check.get(raw, "checklist", path, "string", required=True)
    version = check.get(raw, "checklist_version", path, "string", required=True)
    if ident is not None and ident != checklist.id:
        check.problem(path + ("checklist",), "err.checklist_mismatch", value=ident, expected=checklist.id)
    elif version is not None and version != checklist.version:
        check.problem(path + ("checklist_version",), "err.version_mismatch", value=version, expected=checklist.version)
    unit = check.get(raw, "unit", path, "string", required=True)
    date = check.get(raw, "date", path, "date", required=True)
    unit_type = check.get(raw, "unit_type", path, "string")
    if unit_type is not None and checklist.unit_types is not None and unit_type not in checklist.unit_types:
        guess = did_you_mean(unit_type, checklist.unit_types)
        check.problem(path + ("unit_type",), "err.unit_type", value=unit_type, allowed=", ".join(checklist.unit_types),
                      hint=guess_hint(guess))
    period = check.get(raw, "period", path, "string", default="")
    team = check.get(raw, "team", path, "string_list", default=())
    body = check.get(raw, "inspecting_body", path, "string", default="")
    representatives = check.get(raw, "representatives", path, "string_list", default=())
    details: dict[str, Any] = {key: check.get(raw, key, path, "date" if key == "decision_date" else "string",
                                              default=None if key == "decision_date" else "")
                               for key in INFO_DETAILS}
    details["issuer"] = read_issuer(check, check.get(raw, "issuer", path, "table"), path + ("issuer",))
    details["absent"] = check.get(raw, "absent", path, "string_list", default=())
    details["facts_evidence"] = check.get(raw, "facts_evidence", path, "string_list", default=())
    for k, name in enumerate(details["facts_evidence"]):
        problem = name_problem(name)
        if problem is not None:
            check.problem(path + ("facts_evidence", k), problem[0], **problem[1])
    details["profile"] = read_profile(check, check.get(raw, "profile", path, "table"), path + ("profile",))
    members = {name_key(split_person(p)[0]) for p in team}
    for k, name in enumerate(details["absent"]):
        if name_key(name) not in members:
            check.problem(path + ("absent", k), "err.absent_not_in_team", value=name)
    for key, names in (("unit", [unit]), ("inspecting_body", [body]), ("team", list(team)),
                       ("representatives", list(representatives))):
        for k, name in enumerate(names):
            problem = name_problem(name) if isinstance(name, str) else None
            if problem is not None:
                check.problem(path + ((key, k) if key in ("team", "representatives") else (key,)), problem[0],
                              **problem[1])
    if None in (ident, version, unit, date):
        return None
    return InspectionInfo(checklist=ident, checklist_version=version, unit=unit, date=date, unit_type=unit_type,
                          period=period, team=team, inspecting_body=body, representatives=representatives, **details)


def _answer(check: Checker, criterion: Criterion, raw: dict[str, Any], path: Path) -> Answer | None:
    keys = value_keys(criterion)
    before = check.count
    if criterion.computed:  # its value comes from [facts]: only the common keys may be written
        facts = "; ".join(f"{name} = {' + '.join(ids)}" for name, ids in criterion.facts)
        for key in keys:
            if key in raw:
                check.problem(path + (key,), "err.computed_value", id=criterion.id, facts=facts, key=key)
        keys = ()
        if check.count > before:
            return None
    kind = TYPES[criterion.type]
    check.known_keys(raw, COMMON_ANSWER_KEYS + keys + kind.extra_keys, path)
    fields = {key: check.get(raw, key, path, kind.file_kind) for key in kind.value_keys}
    if kind.extra_keys:
        fields["reported_percent"] = check.get(raw, "reported_percent", path, "number")
        fields["reported_source"] = check.get(raw, "reported_source", path, "string", default="")
    na = check.get(raw, "na", path, "boolean", default=False)
    answer = Answer(
        criterion_id=criterion.id,
        na=na,
        reason=check.get(raw, "reason", path, "string", default=""),
        evidence=check.get(raw, "evidence", path, "string_list", default=()),
        note=check.get(raw, "note", path, "string", default=""),
        self_score=check.get(raw, "self_score", path, "number"),
        self_evidence=check.get(raw, "self_evidence", path, "string_list", default=()),
        explanation=check.get(raw, "explanation", path, "string", default=""),
        **fields,
    )
    if check.count > before:  # a value of the wrong kind: its rules cannot be judged
        return None
    for field, code, params in answer_problems(criterion, answer):
        where = next((key for key in (field, "na") if key in raw), None)
        check.problem(path + ((where,) if where else ()), code, **params)
    return answer if check.count == before else None


def answers_to_toml(info: InspectionInfo, answers: dict[str, Answer], checklist: Checklist,
                    findings: Findings | None = None, facts: dict[str, int] | None = None) -> str:
    """An answer file (format 1, with this program's documented extensions), criteria in checklist order."""
    import tomli_w

    from inspector.core.answer_data import answer_to_data, findings_to_data, issuer_to_data

    inspection: dict[str, Any] = {"checklist": info.checklist, "checklist_version": info.checklist_version,
                                  "unit": info.unit}
    if info.unit_type:
        inspection["unit_type"] = info.unit_type
    inspection["date"] = info.date
    for key in ("period", "inspecting_body", *INFO_DETAILS):
        if getattr(info, key):
            inspection[key] = getattr(info, key)
    for key in ("team", "representatives", "absent", "facts_evidence"):
        if getattr(info, key):
            inspection[key] = list(getattr(info, key))
    if info.issuer.given:
        inspection["issuer"] = issuer_to_data(info.issuer)
    if info.profile.given:
        inspection["profile"] = profile_for_file(info.profile)
    document: dict[str, Any] = {"format": 1, "inspection": inspection}
    ordered = {c.id: answer_to_data(answers[c.id], c) for c in checklist.criteria if c.id in answers}
    if facts:
        document["facts"] = {f.id: facts[f.id] for f in checklist.facts if f.id in facts}
    document["answers"] = {cid: data for cid, data in ordered.items() if data}
    if findings is not None and findings_to_data(findings):
        written = findings_to_data(findings)
        for item in written.get("recommendations", ()):
            if item.get("reported_on"):
                item["reported_on"] = dt.date.fromisoformat(item["reported_on"])  # a TOML date, as it is read
        document["findings"] = written
    return tomli_w.dumps(document)
