"""Synthetic checklists for size tests and benchmarks (also imported by benchmarks/)."""


def big_checklist(criteria: int, per_section: int = 100) -> str:
    """A valid checklist of `criteria` yes/no criteria worth 1 point each, in sections of `per_section`."""
    lines = ['format = 1', 'id = "big"', 'version = "1"', 'title = "Bảng kiểm lớn"', ""]
    for s in range(1, criteria // per_section + 1):
        lines += ["[[section]]", f'id = "S{s}"', f'title = "Mục {s}"', ""]
        for c in range(1, per_section + 1):
            lines += ["[[section.criterion]]", f'id = "S{s}-C{c}"', f'title = "Tiêu chí {s}.{c} về niêm yết thủ tục"',
                      'type = "yes_no"', "max = 1", 'guidance = "Xem bảng niêm yết."', ""]
    return "\n".join(lines)
