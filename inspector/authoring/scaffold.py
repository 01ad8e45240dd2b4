"""A new checklist to start from: valid, with one example of every criterion type."""

from __future__ import annotations

SCAFFOLD = '''\
# Bảng kiểm mới — sửa tiêu đề, mục và tiêu chí; kiểm tra bằng: inspector checklist validate {file}
# Định dạng: docs/checklist-format.md
format = 1
id = "{id}"
version = "1"
title = "Bảng kiểm mới"
unit_types = ["xa", "phuong", "dac-khu"]

[scoring]
na = "rescale"
critical_cap = "Khá"
bands = [
  {{ label = "Tốt", min = 80 }},
  {{ label = "Khá", min = 65 }},
  {{ label = "Trung bình", min = 50 }},
  {{ label = "Yếu", min = 0 }},
]

[[section]]
id = "A"
title = "Mục mẫu"

[[section.criterion]]
id = "A1"
title = "Tiêu chí có/không"
type = "yes_no"
max = 1
guidance = "Việc cần xem tại đơn vị."
basis = ["Nghị định …"]

[[section.criterion]]
id = "A2"
title = "Tiêu chí chọn một mức"
type = "choice"
max = 2
options = [
  {{ id = "dat", label = "Đạt đầy đủ", points = 2 }},
  {{ id = "mot-phan", label = "Đạt một phần", points = 1 }},
  {{ id = "khong", label = "Không đạt", points = 0 }},
]

[[section.criterion]]
id = "A3"
title = "Tiêu chí nhiều nội dung"
type = "multi"
max = 1
items = [
  {{ id = "a", label = "Nội dung thứ nhất" }},
  {{ id = "b", label = "Nội dung thứ hai" }},
]

[[section.criterion]]
id = "A4"
title = "Tiêu chí tỷ lệ theo bậc"
type = "ratio"
max = 3
critical = true
evidence = "required"
numerator = "Số hồ sơ đúng hạn"
denominator = "Tổng số hồ sơ"
steps = [{{ min = 100, points = 3 }}, {{ min = 90, points = 1.5 }}]

[[section.criterion]]
id = "A5"
title = "Tiêu chí tỷ lệ tuyến tính"
type = "ratio"
max = 2
na = "full"
linear = {{ floor = 80, target = 100 }}

[[section.criterion]]
id = "A6"
title = "Tiêu chí số đo"
type = "number"
max = 1
unit = "ngày/tháng"
range = [0, 31]
steps = [{{ min = 4, points = 1 }}, {{ min = 2, points = 0.5 }}]

[[section.criterion]]
id = "A7"
title = "Ghi nhận của đoàn"
type = "text"

[[section]]
id = "T"
title = "Điểm thưởng, điểm trừ"
kind = "adjustment"
min = -5
max = 2

[[section.criterion]]
id = "T1"
title = "Vi phạm (mỗi trường hợp)"
type = "count"
each = -1
limit = -5
'''


def scaffold_text(checklist_id: str, file_name: str = "") -> str:
    return SCAFFOLD.format(id=checklist_id, file=file_name or f"{checklist_id}.toml")
