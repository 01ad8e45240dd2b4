"""Saving the figures a preview read from a one-stop system's report (`core/figure_import/`).

One transaction: the figures must still be those the preview showed (another window may have changed
one meanwhile: refused, nothing written) and must pass the figures' rule with those recorded; each
saved figure gets its audit row ("fact", old → new) and a "source" row naming the file and its SHA-256,
and the file is recorded as the figures' evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspector.store.errors import StoreError

if TYPE_CHECKING:
    from inspector.core.figure_import.preview import Preview
    from inspector.core.model import Answer, Checklist
    from inspector.store.database import Store
    from inspector.store.unit_of_work import Unit

FIGURES_EVIDENCE = "figures_evidence"  # the audit field naming the file the figures were read from


def save_imported_figures(store: Store, inspection_id: int, preview: Preview, checklist: Checklist,
                          answers: dict[str, Answer]) -> dict[str, int]:
    """Write the preview's figures (only those that change); returns them. StoreError "figimp.changed" when a
    figure is no longer what the preview showed, "store.figures_break" when they break the figures' rule."""
    from inspector.core.figures import problems_with

    changes = preview.changes
    with store.transaction() as unit:
        recorded = unit.facts(inspection_id)
        moved = sorted(k for k, before in preview.before.items() if recorded.get(k) != before)
        if moved:
            raise StoreError("figimp.changed", ", ".join(moved), str(store.path))
        if not changes:
            return {}
        broken = problems_with(checklist, {**recorded, **changes}, set(changes), answers)
        if broken:
            raise StoreError("store.figures_break", broken[0].message(), str(store.path))
        for fact_id, value in changes.items():
            old = recorded.get(fact_id)
            unit.put_fact(inspection_id, fact_id, value)
            unit.audit(inspection_id, fact_id, "fact", None if old is None else str(old), str(value))
            unit.audit(inspection_id, fact_id, "source", None, preview.source)
        figures_evidence_recorded(unit, inspection_id, preview.file_name, preview.sha256, tuple(changes))
        unit.touch(inspection_id, preview.result)
    return changes


def figures_evidence_recorded(unit: Unit, inspection_id: int, file_name: str, sha256: str,
                              fact_ids: tuple[str, ...]) -> None:
    """The report file counts as the evidence of the figures it gave: its name joins the inspection's
    `facts_evidence` (the evidence of every computed criterion), and one audit row names it with its SHA-256
    (field "figures_evidence", the figures in the old column)."""
    unit.add_facts_evidence(inspection_id, file_name)
    unit.audit(inspection_id, None, FIGURES_EVIDENCE, ", ".join(fact_ids), f"{file_name} (SHA-256 {sha256})")
