"""What the command line says when a new inspection follows up an earlier one of the same unit."""

from __future__ import annotations

from inspector.cli.output import say
from inspector.core.followup import figures_text, shown_day
from inspector.core.i18n import t


def announce_follow_up(store, number: int) -> None:
    """After a new inspection: last time's recommendations to check one by one, and the figures taken
    from them (visible, editable)."""
    from inspector.store.register import (
        prefill_from_register,
        previous_inspection,
        register,
    )

    previous = previous_inspection(store, number)
    if previous is None:
        return
    entries = [e for e in register(store, include_archived=True) if e.inspection_id == previous]
    say(t("rec.previous", unit=entries[0].unit, id=previous, date=shown_day(entries[0].date)))
    for e in entries:
        say(f"  {e.ref}  [{t(f'rec.status.{e.status}')}] {e.recommendation.text}")
    say(t("rec.how_to_mark", ref=entries[0].ref))
    changes = prefill_from_register(store, number)
    if changes:
        say(t("rec.prefilled", id=number, figures=figures_text(changes)))
