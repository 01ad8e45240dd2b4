"""What the documents say, as plain fields: the context a DOCX template is rendered with.

Every field a template may use is built here (and listed in docs/templates.md), in the administrative
style of Nghị định 30/2020/NĐ-CP: Vietnamese numbers (8.630; 1,5), dates with days < 10 and months 1–2
zero-padded, a blank left as a dotted line for the team to fill by hand rather than a wrong value.
"""

from __future__ import annotations

import datetime as dt
import re

from inspector.core.criteria import kind_of
from inspector.core.describe import failed_check_lines, missing_evidence
from inspector.core.differences import figure_differences, score_differences
from inspector.core.drafting import (
    draft_shortfalls,
    draft_strengths,
    self_scores,
    shortfalls,
    unexplained_shortfalls,
)
from inspector.core.explain import na_reason_text
from inspector.core.i18n import t
from inspector.core.issuer import in_sentence
from inspector.core.limits import clean_text
from inspector.core.model import (
    ANSWERED,
    HEAD,
    MISSING_EVIDENCE,
    NA,
    UNANSWERED,
    SECRETARY,
    bare_name,
    honorific_of,
    leader,
    role_is,
    split_person,
)
from inspector.core.numbers import show, show_count
from inspector.core.problems import Msg, msg
from inspector.core.profile import profile_sentence
from inspector.exports.common import Exported, answer_text, fact_rows
from inspector.exports.jsonrecord import sealed, short_digest

LANG = "vi"  # official Vietnamese documents, whatever the interface language
MARK = ","
DOTS = "…………"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
_ADMIN_UNIT = re.compile(r"^(ủy ban nhân dân|ubnd)\s+", re.IGNORECASE)
_UNIT_KIND = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+(.+)$", re.IGNORECASE)


def _month(date: dt.date) -> str:
    """Nghị định 30/2020: months 1 and 2 are written with a zero (01, 02), the others without."""
    return f"{date.month:02d}" if date.month <= 2 else str(date.month)


def date_words(date: dt.date | None) -> str:
    """ "ngày 05 tháng 01 năm 2026", "ngày 21 tháng 9 năm 2023": days below 10 and months 1–2 get a zero."""
    if date is None:
        return f"ngày {DOTS} tháng {DOTS} năm {DOTS}"
    return f"ngày {date.day:02d} tháng {_month(date)} năm {date.year}"


def short_date(date: dt.date | None) -> str:
    """ "05/01/2026", "01/9/2023" for a decision's date (the same zero rule as the date line); a dotted blank
    when it is not known."""
    if date is None:
        return DOTS
    return f"{date.day:02d}/{_month(date)}/{date.year}"


def place_of(unit: str) -> str:
    """The place name of the date line: "UBND phường Hưng Định" → "Hưng Định"; a numbered ward keeps its kind
    ("Phường 15"). Always starts with a capital letter."""
    name = _ADMIN_UNIT.sub("", unit.strip())
    kind = _UNIT_KIND.match(name)
    if kind:
        name = kind.group(2) if not kind.group(2).strip().isdigit() else f"{kind.group(1)} {kind.group(2)}"
    name = name.strip() or DOTS
    return name[:1].upper() + name[1:]


def person_line(entry: str) -> dict:
    """One member or representative: the name with its own honorific (none added), and the role."""
    name, role = split_person(entry)
    return {"name": name, "role": role, "line": f"{name}, {role}" if role else name,
            "honorific": honorific_of(name)}


def signer(team: tuple[str, ...]) -> dict:
    """Who signs for the team: the head, or "KT. TRƯỞNG ĐOÀN / PHÓ TRƯỞNG ĐOÀN" when only a deputy leads."""
    found = leader(team)
    if found is None:
        return {"on_behalf": "", "title": "TRƯỞNG ĐOÀN KIỂM TRA", "name": ""}
    name, role = found
    if role == HEAD:  # a signature prints the name alone
        return {"on_behalf": "", "title": "TRƯỞNG ĐOÀN KIỂM TRA", "name": bare_name(name)}
    return {"on_behalf": "KT. TRƯỞNG ĐOÀN", "title": "PHÓ TRƯỞNG ĐOÀN", "name": bare_name(name)}


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in clean_text(text).splitlines() if line.strip()]


NOT_APPLICABLE = "Không áp dụng"


def criterion_note(r, answer) -> str:
    """The table's last column: the measured value, N/A with its reason, missing evidence, the team's note.
    Nothing internal ("chưa trả lời"): an unanswered criterion leaves it empty and is listed before export."""
    parts = []
    if r.status == NA:
        parts.append(f"Không áp dụng: {na_reason_text(r.na_reason, LANG)}")
    elif r.status == ANSWERED and kind_of(r.criterion).measured(r.criterion, r.answer):
        parts.append(answer_text(r.criterion, r.answer, LANG))
    elif r.status == MISSING_EVIDENCE:
        parts.append("thiếu tài liệu kiểm chứng")
    if answer is not None and answer.note and r.status != UNANSWERED:
        parts.append(answer.note)
    return clean_text("; ".join(p for p in parts if p))


def _criterion_row(r, answer) -> dict:
    """One criterion in the score table. A criterion not applicable here prints "Không áp dụng" in place of
    points and counts in no total (unless the checklist counts it as achieved or as zero, then its points)."""
    counted = r.status != NA or bool(r.applicable_max)
    has_max = kind_of(r.criterion).has_max
    return {"kind": "criterion", "stt": r.id, "title": clean_text(r.criterion.title),
            "max": show(r.applicable_max if r.status == NA else r.max, MARK) if has_max and counted else "",
            "self": show(answer.self_score, MARK)
            if answer and answer.self_score is not None and r.status != NA else "",
            "score": "" if r.status == UNANSWERED else show(r.score, MARK) if counted else NOT_APPLICABLE,
            "note": criterion_note(r, answer)}


def _self_total(scores) -> str:
    """The unit's self-score total as it may be printed: "" when none, "10 (6/81 tiêu chí)" when partial."""
    if scores.total is None:
        return ""
    shown = show(scores.total, MARK)
    return f"{shown} ({scores.given}/{scores.of} tiêu chí)" if scores.partial else shown


def document_fields(exported: Exported) -> dict:
    """The context of the biên bản and the thông báo kết luận templates."""
    record, result = exported.record, exported.result
    info, checklist, findings = record.info, record.checklist, record.findings
    answers = record.answers
    per_section, overall = self_scores(result, answers)

    rows, summary = [], []
    for number, s in enumerate(result.sections, 1):
        own = per_section[s.id]
        roman = ROMAN[number - 1] if number <= len(ROMAN) else str(number)
        section_row = {"kind": "section", "stt": roman, "ma": s.id, "title": clean_text(s.section.title),
                       "max": "" if s.section.is_adjustment else show(s.applicable_max, MARK),
                       "self": show(own.total, MARK) if own.total is not None else "", "score": show(s.score, MARK),
                       "note": "",
                       "ty_le": show(s.score * 100 / s.applicable_max, MARK, 1) + "%"
                       if s.applicable_max and not s.section.is_adjustment else ""}
        rows.append(section_row)
        summary.append(section_row)
        for r in s.criteria:
            if r.criterion.scored:
                rows.append(_criterion_row(r, answers.get(r.id)))
    done, total = result.progress()
    present = info.present_team()
    leader = signer(present)
    secretary = next((bare_name(split_person(p)[0]) for p in present if role_is(p, SECRETARY)), "")
    representative = bare_name(split_person(info.representatives[0])[0]) if info.representatives else ""
    decision = (f"Quyết định số {info.decision_number or DOTS} ngày {short_date(info.decision_date)} của "
                f"{info.decision_issuer or DOTS} về việc thành lập Đoàn kiểm tra công tác cải cách hành chính")
    digest = sealed(exported)["digest"]
    facts = [{"stt": str(i), "label": clean_text(label),
              "value": "chưa ghi nhận" if value is None else show_count(value, MARK) + (f" {unit}" if unit else "")}
             for i, (_, label, value, unit) in enumerate(fact_rows(exported), 1)]
    critical = [f"{r.id} ({r.criterion.title})" for r in result.criteria if r.id in result.critical_failed]
    minutes_number = clean_text(info.minutes_number)
    from inspector.exports.photos import appendix_rows

    return {
        "phu_luc_anh": appendix_rows(exported),  # the Phụ lục ảnh (exports/photos.py)
        # header
        "co_quan": clean_text(info.inspecting_body or DOTS).upper(),
        "so_bien_ban": minutes_number or f"{DOTS}/BB-ĐKT",
        "so_bien_ban_that": minutes_number,
        "co_quan_ten": clean_text(info.inspecting_body) or "Đoàn kiểm tra",
        "dia_danh": place_of(info.unit),
        "ngay_thang": date_words(info.date),
        "ngay_kiem_tra": date_words(info.date),
        "nam": str(info.date.year),
        "don_vi": clean_text(info.unit),
        "thoi_ky": clean_text(info.period) or DOTS,
        "ho_so_don_vi": clean_text(profile_sentence(info.profile, info.unit, LANG)),
        "nguon_so_lieu": "; ".join(clean_text(name) for name in info.facts_evidence),
        # căn cứ and the working session
        "can_cu_quyet_dinh": clean_text(decision),
        "can_cu_ke_hoach": clean_text(info.plan),
        "gio_bat_dau": clean_text(info.start_time) or f"{DOTS} giờ {DOTS}",
        "gio_ket_thuc": clean_text(info.end_time) or f"{DOTS} giờ {DOTS}",
        # people: the members there that day (an absent head stays in the campaign, not in the biên bản)
        "doan": [person_line(p) for p in present] or [{"name": DOTS, "role": "", "line": DOTS, "honorific": ""}],
        "dai_dien": [person_line(p) for p in info.representatives] or
                    [{"name": DOTS, "role": "", "line": DOTS, "honorific": ""}],
        # scope and results
        "bang_kiem": clean_text(f"{checklist.title} (mã {checklist.id}, phiên bản {checklist.version})"),
        "muc": summary,
        "dong": rows,
        "tong_toi_da": show(result.applicable_max, MARK),
        "tong_tu_cham": show(overall.total, MARK) if overall.total is not None else "",
        "tong_tu_cham_bang": _self_total(overall),
        "tu_cham_mot_phan": f"{overall.given}/{overall.of} tiêu chí" if overall.partial else "",
        "tong_diem": show(result.total, MARK),
        "diem_toi_da": show(result.max, MARK),
        "diem_thuong_tru": show(result.adjustment, MARK) if result.adjustment else "",
        "diem_cuoi": show(result.final, MARK),
        "ty_le": show(result.percent, MARK) + "%" if result.percent is not None else "",
        "xep_loai": (f"{result.band} ({t('band.provisional', LANG)})" if result.provisional else result.band)
        if result.band else "",
        "diem_liet": ", ".join(critical),
        "xep_loai_bi_gioi_han": clean_text(checklist.critical_cap or "") if result.band_capped else "",
        "tam_tinh": f"còn {total - done} tiêu chí chưa chấm" if result.provisional else "",
        "so_lieu": facts,
        "so_lieu_chua_khop": [clean_text(line) for line in failed_check_lines(result, LANG)],
        # where the unit's self-assessment and the team differ
        "lech_diem": [{"stt": d.criterion.id, "title": clean_text(d.criterion.title), "self": show(d.self_score, MARK),
                       "score": show(d.inspected, MARK), "giai_trinh": clean_text(d.explanation)}
                      for d in score_differences(result, answers)],
        "so_lieu_lech": [clean_text(f"{f.fact.label}: đơn vị báo cáo {show_count(f.reported, MARK)}, Đoàn kiểm tra "
                                    f"ghi nhận {show_count(f.recorded, MARK) if f.recorded is not None else 'chưa ghi'}")
                         for f in figure_differences(checklist, result.facts, record.reported_facts)],
        # findings
        # What the team wrote; where it wrote nothing, the draft from the result (facts, not praise).
        "uu_diem": paragraphs(findings.strengths) or paragraphs(draft_strengths(result, LANG)),
        "ton_tai": paragraphs(findings.shortfalls) or paragraphs(draft_shortfalls(result, answers, LANG)) or ["Không."],
        "han_bao_cao": report_back(findings),
        "kien_nghi": [{"stt": str(i), "noi_dung": clean_text(r.text).rstrip("."),
                       "thuc_hien": clean_text(r.responsible), "thoi_han": clean_text(r.deadline)}
                      for i, r in enumerate(findings.recommendations, 1)],
        "y_kien_don_vi": paragraphs(findings.unit_opinion) or ["Thống nhất với kết quả kiểm tra."],
        "ket_luan": paragraphs(findings.conclusion),
        # signatures: the leader there that day
        "ky_thay": leader["on_behalf"],
        "chuc_danh_ky": leader["title"],
        "nguoi_ky": leader["name"],
        "thu_ky": secretary,
        "dai_dien_ky": representative,
        # the thông báo kết luận: the issuing body's own document
        **issuer_fields(info),
        # the record behind the paper
        "ma_du_lieu": short_digest(digest),
    }


def issuer_fields(info) -> dict:
    """The thông báo kết luận's header, number, place, signature and recipients, from the body that decided
    the inspection; dotted blanks where it is not given (the export lists what is missing)."""
    issuer = info.issuer
    body = clean_text(issuer.body)
    parent = clean_text(issuer.parent)
    symbol = clean_text(issuer.symbol)
    recipients = [clean_text(info.unit)]
    if parent:
        recipients.append(f"{in_sentence(parent)} (để báo cáo)")
    recipients += ["Thành viên Đoàn kiểm tra", "Lưu: VT"]
    return {
        "tb_chu_quan": parent.upper(),
        "tb_co_quan": body.upper() or DOTS,
        "tb_co_quan_cau": in_sentence(body) if body else DOTS,
        "so_thong_bao": f"{DOTS}/TB-{symbol or DOTS}",
        "tb_dia_danh": clean_text(issuer.place) or DOTS,
        # The văn thư dates and numbers the notice when it is issued (Nghị định 30/2020, Điều 15).
        "tb_ngay": "ngày …… tháng …… năm ……",
        "tb_ky_thay": clean_text(issuer.sign_for).upper(),
        "tb_chuc_vu": clean_text(issuer.signer_title).upper() or DOTS,
        "tb_nguoi_ky": clean_text(issuer.signer),
        "tb_noi_nhan": [f"{line};" for line in recipients[:-1]] + [f"{recipients[-1]}."],
    }


def report_back(findings) -> str:
    """When the unit reports back: the latest recommendation deadline written as a date, else a blank."""
    dates = []
    for r in findings.recommendations:
        for found in re.findall(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", r.deadline):
            try:
                dates.append(dt.date(int(found[2]), int(found[1]), int(found[0])))
            except ValueError:
                continue
    return date_words(max(dates)) if dates else date_words(None)


def minutes_blanks(exported: Exported) -> list[Msg]:
    """What the biên bản would print as a dotted blank, or would say without a reason (shown before exporting;
    the team may export anyway)."""
    info, findings = exported.record.info, exported.record.findings
    missing = []
    if leader(info.present_team()) is None:
        missing.append(msg("blank.team_head"))
    if not info.representatives:
        missing.append(msg("blank.representative"))
    if not info.decision_number or not info.decision_date or not info.decision_issuer:
        missing.append(msg("blank.decision"))
    if not info.start_time or not info.end_time:
        missing.append(msg("blank.times"))
    if not findings.conclusion.strip():
        missing.append(msg("blank.conclusion"))
    if not info.inspecting_body:
        missing.append(msg("blank.body"))
    return missing + _result_blanks(exported)


def _result_blanks(exported: Exported) -> list[Msg]:
    """Criteria still unanswered, shortfalls without a reason, shortfalls without any recommendation."""
    result, answers, findings = exported.result, exported.record.answers, exported.record.findings
    found = []
    unanswered = [r.id for s in result.sections if not s.section.is_adjustment for r in s.criteria
                  if r.criterion.scored and r.status == UNANSWERED]  # no bonus or penalty is no blank
    if unanswered:
        shown = ", ".join(unanswered[:12]) + (", …" if len(unanswered) > 12 else "")
        found.append(msg("blank.unanswered", n=len(unanswered), ids=shown))
    lacking = missing_evidence(result)
    if lacking:
        found.append(msg("blank.missing_evidence", n=len(lacking), ids=", ".join(lacking)))
    if not findings.shortfalls.strip():  # the team's own words replace the draft and its reasons
        silent = unexplained_shortfalls(result, answers)
        if silent:
            found.append(msg("blank.shortfall_reason", ids=", ".join(r.id for r in silent)))
    if shortfalls(result, answers) and not findings.recommendations:
        found.append(msg("blank.recommendations"))
    return found


def conclusion_blanks(exported: Exported) -> list[Msg]:
    """What the thông báo kết luận lacks: above all the body that issues it (never invented as the team)."""
    issuer = exported.record.info.issuer
    missing = []
    if not issuer.given:
        missing.append(msg("blank.issuer"))
    else:
        for field, key in (("symbol", "blank.issuer_symbol"), ("place", "blank.issuer_place"),
                           ("signer_title", "blank.issuer_title")):
            if not getattr(issuer, field):
                missing.append(msg(key))
    return missing + _result_blanks(exported)
