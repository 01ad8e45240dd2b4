"""The inspection's status line: live total, percent, band, progress, critical failures, saved or not,
and one line for each check the figures fail."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from inspector.core.describe import failed_check_lines, missing_evidence
from inspector.core.i18n import decimal_mark, t
from inspector.core.numbers import show
from inspector.core.scoring import Result
from inspector.tui.text import literal, set_text


KEPT_LINES = 2  # the totals and one line of warnings; failed checks beyond it come and go with the figures


class InspectionStatus(Static):
    """Keeps the height it has grown to while its width stays: a warning that comes and goes with each answer
    (a missing piece of evidence) leaves a blank line instead of moving every widget below it up and down,
    and a keypress is then drawn without laying the whole screen out again."""

    kept_lines = 0
    kept_width = 0

    def show(self, r: Result, saved: bool) -> None:
        mark = decimal_mark()
        done, total = r.progress()
        provisional = f" ({t('ui.insp.provisional')})" if r.provisional else ""
        parts = [t("ui.insp.total", score=show(r.total, mark), applicable=show(r.applicable_max, mark))]
        if r.adjustment:
            parts.append(t("ui.insp.adjust", value=show(r.adjustment, mark)))
        if r.percent is not None:
            parts.append(f"{show(r.percent, mark)}%" + (f" {r.band}{provisional}" if r.band else ""))
        parts.append(t("ui.insp.progress", done=done, total=total) + provisional)
        status = Text(" │ ".join(parts))
        if r.critical_failed:
            status.append(" │ " + t("ui.insp.critical", ids=", ".join(r.critical_failed)), style="bold red")
        lacking = missing_evidence(r)
        if lacking:  # 18/18 answered is not "done" while these score 0 for want of their evidence
            status.append(" │ " + t("ui.insp.no_evidence", ids=", ".join(lacking)), style="bold yellow")
        status.append(" │ ")
        status.append(t("ui.insp.saved") if saved else t("ui.insp.not_saved"),
                      style="green" if saved else "bold white on red")
        for line in failed_check_lines(r):  # one line each, under the totals: the figures need a look
            status.append("\n")
            status.append(literal(line, "bold red"))
        width = self.content_size.width
        if width > 0:
            if width != self.kept_width:
                self.kept_lines, self.kept_width = 0, width
            lines = len(status.wrap(self.app.console, width))
            if lines < self.kept_lines:
                status.append("\n" * (self.kept_lines - lines))
            self.kept_lines = min(max(self.kept_lines, lines), KEPT_LINES)
        set_text(self, status)
