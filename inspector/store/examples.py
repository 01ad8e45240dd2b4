"""The bundled worked examples loaded into a store (for screenshots, tests and trying the app)."""

from __future__ import annotations

from inspector.core.answers import load_answers
from inspector.core.library import pinned_checklist
from inspector.core.paths import bundled_checklist_dir
from inspector.store.database import Store

EXAMPLES = ("cchc-xa", "van-thu-luu-tru")


def import_examples(store: Store) -> list[int]:
    """One inspection per bundled example answer file; returns their ids."""
    folder = bundled_checklist_dir()
    ids = []
    for name in EXAMPLES:
        example = folder / "examples" / f"{name}.answers.toml"
        checklist = pinned_checklist(example)  # an example keeps the release it was written for
        parsed = load_answers(example, checklist)
        number = store.create_inspection(checklist, parsed.info, parsed.answers, parsed.findings, parsed.facts)
        ids.append(number)
    return ids
