"""A merge in words: what each bundle brought, for the command line and the interface alike."""

from __future__ import annotations

from inspector.core.i18n import t
from inspector.core.identity import fingerprint
from inspector.core.numbers import show_count
from inspector.store.merge import MergeReport


def report_lines(name: str, report: MergeReport) -> list[str]:
    """The signer and key, the inspections created, the sender's assigned part, what was taken, kept aside
    and refused; `name` is the bundle as the user named it."""
    lines = [t("merge.signed", file=name, signer=report.signer, fingerprint=fingerprint(report.key))]
    lines += [t("merge.created", id=number, unit=unit) for number, unit in report.created]
    member = report.campaign.member(report.member) if report.member and report.campaign is not None else None
    if member is not None:
        lines.append(t("merge.assigned", name=member.name, parts=", ".join(member.sections) or "—"))
    if report.changed:
        lines.append(t("merge.summary", taken=report.taken, same=report.same, conflicts=report.conflicts,
                       evidence=report.evidence))
    else:
        lines.append(t("merge.nothing_new"))
    if report.settled:
        lines.append(t("merge.settled", count=report.settled))
    lines += [t("merge.held", unit=held.unit, fact=held.fact_id, value=show_count(held.value), reason=held.reason)
              for held in report.held]
    lines += [t("merge.outside", unit=unit, item=item, author=author) for unit, item, author in report.outside]
    if report.standalone and report.created:
        lines.append(t("merge.standalone"))
    return lines


def refused_line(name: str, message: str) -> str:
    """A bundle that was not merged, and why."""
    return f"{name}: {message}"
