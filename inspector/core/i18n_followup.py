"""The catalog's entries for before and after the visit: the self-assessment workbook, the unit's
explanations, the register of recommendations. Merged into `i18n.CATALOG`."""

FOLLOW_UP_CATALOG: dict[str, dict[str, str]] = {
    # ---- the register
    "store.no_recommendation": {"vi": "không có kiến nghị {detail} — xem: inspector recommendations", "en": "there is no recommendation {detail} — see: inspector recommendations"},
    "err.rec_status": {"vi": "trạng thái \"{value}\" không hợp lệ — dùng một trong: {allowed}", "en": "status \"{value}\" is not valid — use one of: {allowed}"},
    # ---- the inspection screen and the summary
    "fmt.self_assessment": {"vi": "Phiếu tự đánh giá cho đơn vị điền (.xlsx)", "en": "Self-assessment workbook for the unit (.xlsx)"},
    "sa.err.unreadable": {"vi": "không đọc được tệp ({kind}) — mở bằng Excel rồi lưu lại dạng .xlsx", "en": "cannot read the file ({kind}) — open it in Excel and save it again as .xlsx"},
    "sa.err.not_ours": {"vi": "không phải phiếu tự đánh giá do inspector tạo (thiếu trang «Tự đánh giá» hoặc trang ẩn _inspector)", "en": "not a self-assessment workbook written by inspector (no «Tự đánh giá» sheet or hidden _inspector sheet)"},
    "sa.err.format": {"vi": "phiên bản phiếu không được hỗ trợ — xuất phiếu mới bằng inspector self-assessment", "en": "this workbook's version is not supported — write a new one with inspector self-assessment"},
    "sa.err.no_inspection": {"vi": "không tìm thấy cuộc kiểm tra của phiếu này (đơn vị «{unit}») — dùng --into SỐ", "en": "the inspection this workbook was written for is not here (unit «{unit}») — use --into NUMBER"},
    "sa.err.other_checklist": {"vi": "phiếu được lập theo một phiên bản bảng kiểm khác với cuộc kiểm tra", "en": "the workbook was written for another checklist version than the inspection's"},
    "sa.err.formula": {"vi": "{id}: ô có công thức «{value}» — gõ thẳng giá trị (số, hoặc chữ), không dùng công thức", "en": "{id}: the cell holds the formula «{value}» — type the value itself, not a formula"},
    "sa.err.unknown_row": {"vi": "dòng có mã «{id}» không có trong bảng kiểm (đơn vị thêm dòng?) — điền vào dòng của tiêu chí, không thêm dòng", "en": "the row «{id}» is not in the checklist (a row the unit added?) — fill the criterion's own row, add no rows"},
    "sa.err.not_number": {"vi": "{id}: «{value}» không phải là số — nhập điểm như 1 hoặc 1,5", "en": "{id}: «{value}» is not a number — write a score such as 1 or 1.5"},
    "sa.err.out_of_range": {"vi": "{id}: điểm tự chấm {value} nằm ngoài khoảng {low}–{high} của tiêu chí", "en": "{id}: the self-score {value} is outside the criterion's range {low}–{high}"},
    "sa.err.not_count": {"vi": "{id}: «{value}» không phải số nguyên không âm", "en": "{id}: «{value}» is not a whole number ≥ 0"},
}
