"""One catalog for every user-facing string, Vietnamese first, English second.

`t(key, **params)` formats the message in the current language. The language is chosen once per
process (CLI `--lang`, the `INSPECTOR_LANG` variable, or the config file) with `set_language`.
"""

from __future__ import annotations

import os

LANGUAGES = ("vi", "en")
_language = os.environ.get("INSPECTOR_LANG", "vi") if os.environ.get("INSPECTOR_LANG") in LANGUAGES else "vi"


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _language = lang


def language() -> str:
    return _language


def decimal_mark(lang: str | None = None) -> str:
    """Vietnamese writes 2,68; English 2.68."""
    return "," if (lang or _language) == "vi" else "."


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    entry = CATALOG[key]
    text = entry.get(lang or _language) or entry["en"]
    return text.format(**params) if params else text


CATALOG: dict[str, dict[str, str]] = {
    # ---- where a problem is (path segments)
    "where.section": {"vi": "mục {id}", "en": "section {id}"},
    "where.section_n": {"vi": "mục thứ {n}", "en": "section #{n}"},
    "where.criterion": {"vi": "tiêu chí {id}", "en": "criterion {id}"},
    "where.criterion_n": {"vi": "tiêu chí thứ {n}", "en": "criterion #{n}"},
    "where.answer": {"vi": "trả lời {id}", "en": "answer {id}"},
    "where.top": {"vi": "tệp", "en": "file"},
    # ---- file-level problems
    "err.read": {"vi": "không đọc được tệp: {reason} — kiểm tra đường dẫn và quyền đọc",
                 "en": "cannot read the file: {reason} — check the path and read permission"},
    "err.utf8": {"vi": "không phải UTF-8 hợp lệ (byte 0x{byte} ở cột {col}) — lưu tệp với mã hóa UTF-8",
                 "en": "not valid UTF-8 (byte 0x{byte} at column {col}) — save the file as UTF-8"},
    "err.toml": {"vi": "lỗi cú pháp TOML ở cột {col}: {detail} — kiểm tra dấu ngoặc kép, ngoặc vuông và dấu '=' trên dòng này",
                 "en": "TOML syntax error at column {col}: {detail} — check the quotes, brackets and '=' on this line"},
    # ---- generic key problems
    "err.missing": {"vi": "thiếu khóa bắt buộc `{key}` — thêm {example}",
                    "en": "missing required key `{key}` — add {example}"},
    "err.unknown_key": {"vi": "khóa `{key}` không có trong định dạng{hint}",
                        "en": "unknown key `{key}`{hint}"},
    "hint.did_you_mean": {"vi": " — ý bạn là `{guess}`?", "en": " — did you mean `{guess}`?"},
    "hint.guess": {"vi": " (ý bạn là `{guess}`?)", "en": " (did you mean `{guess}`?)"},
    "hint.allowed": {"vi": " — các khóa được dùng: {allowed}", "en": " — allowed keys: {allowed}"},
    "err.type": {"vi": "`{key}` phải là {expected}, không phải {got} — {example}",
                 "en": "`{key}` must be {expected}, not {got} — {example}"},
    "err.empty": {"vi": "`{key}` không được để trống — điền nội dung", "en": "`{key}` must not be empty — write some text"},
    "err.one_of": {"vi": "`{key}` = \"{value}\" không hợp lệ{hint} — chọn một trong: {allowed}",
                   "en": "`{key}` = \"{value}\" is not valid{hint} — choose one of: {allowed}"},
    "err.positive": {"vi": "`{key}` = {value} phải lớn hơn 0 — ví dụ {key} = 1",
                     "en": "`{key}` = {value} must be greater than 0 — for example {key} = 1"},
    "err.format": {"vi": "format = {value} chưa được hỗ trợ — phiên bản này đọc format = 1",
                   "en": "format = {value} is not supported — this version reads format = 1"},
    "err.id_pattern": {"vi": "mã \"{value}\" không hợp lệ — {rule}", "en": "id \"{value}\" is not valid — {rule}"},
    "rule.checklist_id": {"vi": "chỉ dùng chữ thường không dấu, số, '.', '_' hoặc '-', bắt đầu bằng chữ hoặc số",
                          "en": "use lowercase ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"},
    "rule.item_id": {"vi": "chỉ dùng chữ không dấu, số, '.', '_' hoặc '-', bắt đầu bằng chữ hoặc số",
                     "en": "use ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"},
    "err.duplicate": {"vi": "mã {what} \"{value}\" bị trùng (đã có ở dòng {first}) — mỗi mã phải là duy nhất",
                      "en": "duplicate {what} id \"{value}\" (first at line {first}) — each id must be unique"},
    "what.section": {"vi": "mục", "en": "section"},
    "what.criterion": {"vi": "tiêu chí", "en": "criterion"},
    "what.option": {"vi": "phương án", "en": "option"},
    "what.item": {"vi": "nội dung", "en": "item"},
    # ---- checklist rules
    "err.no_sections": {"vi": "bảng kiểm chưa có mục nào — thêm ít nhất một [[section]]",
                        "en": "the checklist has no sections — add at least one [[section]]"},
    "err.no_criteria": {"vi": "mục chưa có tiêu chí nào — thêm ít nhất một [[section.criterion]]",
                        "en": "the section has no criteria — add at least one [[section.criterion]]"},
    "err.bands_order": {"vi": "các mức xếp loại phải ghi theo `min` giảm dần: {value} không nhỏ hơn {previous} — sắp xếp lại từ cao xuống thấp",
                        "en": "bands must be written in strictly descending `min`: {value} is not below {previous} — order them from highest to lowest"},
    "err.critical_cap": {"vi": "critical_cap = \"{value}\" không phải nhãn của mức xếp loại nào{hint} — dùng một trong: {allowed}",
                         "en": "critical_cap = \"{value}\" is not a band label{hint} — use one of: {allowed}"},
    "err.critical_cap_no_bands": {"vi": "critical_cap cần có `bands` — thêm bands hoặc bỏ critical_cap",
                                  "en": "critical_cap needs `bands` — add bands or remove critical_cap"},
    "err.forbidden_default": {"vi": "\"forbidden\" chỉ dùng được cho từng tiêu chí — ở [scoring] chọn một trong: rescale, full, zero",
                              "en": "\"forbidden\" is only allowed on a criterion — in [scoring] choose one of: rescale, full, zero"},
    "err.unit_type": {"vi": "loại đơn vị \"{value}\" không có trong unit_types{hint} — dùng một trong: {allowed}",
                      "en": "unit type \"{value}\" is not in unit_types{hint} — use one of: {allowed}"},
    "err.kind": {"vi": "kind = \"{value}\" không hợp lệ — chỉ có kind = \"adjustment\" (mục điểm thưởng/điểm trừ), hoặc bỏ khóa này",
                 "en": "kind = \"{value}\" is not valid — the only kind is \"adjustment\" (bonus/penalty section), or leave it out"},
    "err.clamp_normal": {"vi": "`{key}` chỉ dùng cho mục điểm thưởng/điểm trừ — thêm kind = \"adjustment\" hoặc bỏ `{key}`",
                         "en": "`{key}` is only for adjustment sections — add kind = \"adjustment\" or remove `{key}`"},
    "err.clamp_order": {"vi": "min = {min} lớn hơn max = {max} — min phải ≤ max",
                        "en": "min = {min} is greater than max = {max} — min must be ≤ max"},
    "err.max_not_used": {"vi": "tiêu chí loại {type} không chấm theo `max` — bỏ khóa max",
                         "en": "a {type} criterion has no `max` — remove the max key"},
    "err.count_normal": {"vi": "tiêu chí loại count chỉ dùng trong mục điểm thưởng/điểm trừ — chuyển sang mục có kind = \"adjustment\"",
                         "en": "count criteria belong in adjustment sections only — move it to a section with kind = \"adjustment\""},
    "err.key_for_type": {"vi": "khóa `{key}` không dùng cho tiêu chí loại {type} — bỏ khóa này, hoặc đổi type",
                         "en": "key `{key}` is not used by a {type} criterion — remove it, or change the type"},
    "err.min_items": {"vi": "`{key}` cần ít nhất {n} phần tử — thêm {example}",
                      "en": "`{key}` needs at least {n} entries — add {example}"},
    "err.points_over_max": {"vi": "points = {points} vượt quá max = {max} của tiêu chí — giảm điểm hoặc tăng max",
                            "en": "points = {points} exceeds the criterion's max = {max} — lower the points or raise max"},
    "err.items_points_mixed": {"vi": "chỉ một số nội dung có `points` — ghi points cho tất cả các nội dung, hoặc bỏ hết để chia đều",
                               "en": "only some items have `points` — give every item points, or none to share max equally"},
    "err.ratio_rule": {"vi": "tiêu chí tỷ lệ cần đúng một trong `steps` hoặc `linear` — {fix}",
                       "en": "a ratio criterion needs exactly one of `steps` or `linear` — {fix}"},
    "fix.ratio_none": {"vi": "thêm steps = [{{ min = 100, points = … }}] hoặc linear = {{ floor = 80, target = 100 }}",
                       "en": "add steps = [{{ min = 100, points = … }}] or linear = {{ floor = 80, target = 100 }}"},
    "fix.ratio_both": {"vi": "bỏ một trong hai", "en": "remove one of them"},
    "err.steps_order": {"vi": "các bậc phải ghi theo `min` giảm dần: {value} không nhỏ hơn {previous} — sắp xếp lại từ cao xuống thấp",
                        "en": "steps must be written in strictly descending `min`: {value} is not below {previous} — order them from highest to lowest"},
    "err.linear_order": {"vi": "linear cần 0 ≤ floor < target (đang là floor = {floor}, target = {target}) — ví dụ {{ floor = 80, target = 100 }}",
                         "en": "linear needs 0 ≤ floor < target (got floor = {floor}, target = {target}) — for example {{ floor = 80, target = 100 }}"},
    "err.range": {"vi": "range phải là [thấp, cao] với thấp ≤ cao — ví dụ range = [0, 100]",
                  "en": "range must be [low, high] with low ≤ high — for example range = [0, 100]"},
    "err.each_zero": {"vi": "each = 0 không cộng hay trừ điểm nào — dùng số âm cho điểm trừ, số dương cho điểm thưởng",
                      "en": "each = 0 adds nothing — use a negative number for a penalty, a positive one for a bonus"},
    "err.limit_sign": {"vi": "limit = {limit} phải cùng dấu với each = {each} (mức sàn cho điểm trừ, mức trần cho điểm thưởng) — ví dụ limit = {example}",
                       "en": "limit = {limit} must have the same sign as each = {each} (a floor for penalties, a ceiling for bonuses) — for example limit = {example}"},
    # ---- answer files
    "err.checklist_mismatch": {"vi": "tệp trả lời dành cho bảng kiểm \"{value}\", không phải \"{expected}\" — chấm với bảng kiểm \"{value}\" hoặc sửa checklist",
                               "en": "the answers are for checklist \"{value}\", not \"{expected}\" — score them with \"{value}\" or fix `checklist`"},
    "err.version_mismatch": {"vi": "tệp trả lời dành cho phiên bản \"{value}\", bảng kiểm là phiên bản \"{expected}\" — chấm với đúng phiên bản, không tự chấm lại",
                             "en": "the answers are for version \"{value}\" but the checklist is version \"{expected}\" — score them with that version; nothing is re-scored silently"},
    "err.unknown_criterion": {"vi": "bảng kiểm không có tiêu chí \"{value}\"{hint} — kiểm tra mã tiêu chí",
                              "en": "the checklist has no criterion \"{value}\"{hint} — check the criterion id"},
    "err.unknown_option": {"vi": "không có phương án \"{value}\"{hint} — chọn một trong: {allowed}",
                           "en": "there is no option \"{value}\"{hint} — choose one of: {allowed}"},
    "err.unknown_item": {"vi": "không có nội dung \"{value}\"{hint} — dùng các mã: {allowed}",
                         "en": "there is no item \"{value}\"{hint} — use the ids: {allowed}"},
    "err.repeated_item": {"vi": "nội dung \"{value}\" được đánh dấu hai lần — mỗi mã chỉ ghi một lần",
                          "en": "item \"{value}\" is ticked twice — list each id once"},
    "err.ratio_order": {"vi": "tử số {n} lớn hơn mẫu số {d} — tử số phải ≤ mẫu số",
                        "en": "numerator {n} is greater than denominator {d} — the numerator must be ≤ the denominator"},
    "err.negative": {"vi": "`{key}` = {value} không được âm — nhập số nguyên ≥ 0",
                     "en": "`{key}` = {value} must not be negative — enter a whole number ≥ 0"},
    "err.ratio_pair": {"vi": "tỷ lệ cần cả `numerator` và `denominator` — thêm {missing}",
                       "en": "a ratio needs both `numerator` and `denominator` — add {missing}"},
    "err.out_of_range": {"vi": "giá trị {value} nằm ngoài khoảng [{lo}, {hi}] — nhập giá trị trong khoảng này",
                         "en": "value {value} is outside the range [{lo}, {hi}] — enter a value in that range"},
    "err.na_forbidden": {"vi": "tiêu chí này không cho phép \"không áp dụng\" (na = \"forbidden\") — ghi câu trả lời",
                         "en": "this criterion does not allow N/A (na = \"forbidden\") — record an answer"},
    "err.na_forbidden_zero": {"vi": "mẫu số = 0 nghĩa là \"không áp dụng\", nhưng tiêu chí này không cho phép (na = \"forbidden\") — nhập mẫu số > 0",
                              "en": "denominator = 0 means N/A, which this criterion does not allow (na = \"forbidden\") — enter a denominator > 0"},
    "err.na_reason": {"vi": "câu trả lời \"không áp dụng\" cần lý do — thêm reason = \"…\"",
                      "en": "an N/A answer needs a reason — add reason = \"…\""},
    "err.na_with_value": {"vi": "câu trả lời \"không áp dụng\" không có giá trị — bỏ `{key}` hoặc bỏ na = true",
                          "en": "an N/A answer has no value — remove `{key}` or na = true"},
    "err.reason_without_na": {"vi": "`reason` chỉ dùng khi na = true — thêm na = true hoặc bỏ reason",
                              "en": "`reason` is only used with na = true — add na = true or remove reason"},
    "err.self_score_range": {"vi": "điểm tự chấm {value} vượt quá điểm tối đa {max} — nhập số từ 0 đến {max}",
                             "en": "self score {value} exceeds the maximum {max} — enter a number from 0 to {max}"},
    "err.answer_table": {"vi": "câu trả lời phải là một bảng [answers.{id}] — ví dụ value = true",
                         "en": "an answer must be a table [answers.{id}] — for example value = true"},
    # ---- type names for err.type
    "type.string": {"vi": "chuỗi văn bản", "en": "a string"},
    "type.integer": {"vi": "số nguyên", "en": "an integer"},
    "type.number": {"vi": "số", "en": "a number"},
    "type.boolean": {"vi": "true/false", "en": "true or false"},
    "type.table": {"vi": "bảng", "en": "a table"},
    "type.array": {"vi": "danh sách", "en": "a list"},
    "type.date": {"vi": "ngày (ví dụ 2025-09-21)", "en": "a date (e.g. 2025-09-21)"},
    "type.string_list": {"vi": "danh sách chuỗi", "en": "a list of strings"},
    "type.table_list": {"vi": "danh sách bảng", "en": "a list of tables"},
    "type.pair": {"vi": "cặp hai số [thấp, cao]", "en": "a pair of numbers [low, high]"},
    "example.write": {"vi": "ví dụ {key} = {sample}", "en": "for example {key} = {sample}"},
    # ---- score explanations (one line per criterion)
    "exp.yes": {"vi": "Có → {points} điểm", "en": "Yes → {points} points"},
    "exp.no": {"vi": "Không → 0 điểm", "en": "No → 0 points"},
    "exp.choice": {"vi": "«{label}» → {points} điểm", "en": "“{label}” → {points} points"},
    "exp.multi_points": {"vi": "{n} nội dung đạt: {terms} = {sum}{cap} → {points} điểm",
                         "en": "{n} items ticked: {terms} = {sum}{cap} → {points} points"},
    "exp.multi_cap": {"vi": ", tối đa {max}", "en": ", at most {max}"},
    "exp.multi_none": {"vi": "Không nội dung nào đạt → 0 điểm", "en": "No item ticked → 0 points"},
    "exp.multi_share": {"vi": "{n}/{total} nội dung đạt × {max} → {points} điểm",
                        "en": "{n}/{total} items ticked × {max} → {points} points"},
    "exp.ratio_step": {"vi": "{n}/{d} = {p}% ≥ {min}% → {points} điểm", "en": "{n}/{d} = {p}% ≥ {min}% → {points} points"},
    "exp.ratio_below": {"vi": "{n}/{d} = {p}% < {min}% → 0 điểm", "en": "{n}/{d} = {p}% < {min}% → 0 points"},
    "exp.linear_below": {"vi": "{n}/{d} = {p}% < ngưỡng {floor}% → 0 điểm", "en": "{n}/{d} = {p}% < floor {floor}% → 0 points"},
    "exp.linear_full": {"vi": "{n}/{d} = {p}% ≥ {target}% → {points} điểm", "en": "{n}/{d} = {p}% ≥ {target}% → {points} points"},
    "exp.linear": {"vi": "{n}/{d} = {p}%, từ ngưỡng {floor}%: {max} × {p}/{target} → {points} điểm",
                   "en": "{n}/{d} = {p}%, at or above floor {floor}%: {max} × {p}/{target} → {points} points"},
    "exp.number_step": {"vi": "{value}{unit} ≥ {min} → {points} điểm", "en": "{value}{unit} ≥ {min} → {points} points"},
    "exp.number_below": {"vi": "{value}{unit} < {min} → 0 điểm", "en": "{value}{unit} < {min} → 0 points"},
    "exp.count": {"vi": "{k} lần × {each} → {points} điểm", "en": "{k} times × {each} → {points} points"},
    "exp.count_limited": {"vi": "{k} lần × {each} = {raw}, giới hạn {limit} → {points} điểm",
                          "en": "{k} times × {each} = {raw}, limited to {limit} → {points} points"},
    "exp.text": {"vi": "Không chấm điểm", "en": "Not scored"},
    "exp.unanswered": {"vi": "Chưa trả lời → 0/{max} điểm", "en": "Not answered → 0/{max} points"},
    "exp.missing_evidence": {"vi": "Thiếu tài liệu kiểm chứng bắt buộc → 0/{max} điểm",
                             "en": "Required evidence missing → 0/{max} points"},
    "exp.na_rescale": {"vi": "Không áp dụng ({reason}) → không tính {max} điểm vào điểm tối đa",
                       "en": "N/A ({reason}) → its {max} points leave the applicable maximum"},
    "exp.na_full": {"vi": "Không áp dụng ({reason}) → được điểm tối đa {max} điểm",
                    "en": "N/A ({reason}) → full {max} points"},
    "exp.na_zero": {"vi": "Không áp dụng ({reason}) → 0/{max} điểm", "en": "N/A ({reason}) → 0/{max} points"},
    "reason.zero_denominator": {"vi": "không phát sinh, mẫu số = 0", "en": "nothing arose, denominator = 0"},
    "reason.unit_type": {"vi": "không áp dụng cho loại đơn vị \"{unit_type}\"", "en": "does not apply to unit type \"{unit_type}\""},
}
