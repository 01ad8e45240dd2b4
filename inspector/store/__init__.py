"""The local SQLite store: inspections, answers, audit, pinned checklists and the scores derived from them."""
