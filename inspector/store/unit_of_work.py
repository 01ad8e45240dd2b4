"""One transaction of the store: every write its modules make goes through a `Unit`.

`Store.transaction()` opens one (`BEGIN IMMEDIATE`) and commits it when the block ends, or rolls it back
on any failure; the store's own methods and its siblings (merge, register, campaigns, self-assessment,
bundles) write answers, figures, findings, history and cached scores with the same methods, so each
table is written one way. `execute` is for the SQL of a sibling's own tables (campaigns, conflicts,
merged bundles).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from inspector.core.engine_version import engine_stamp
from inspector.core.limits import cleaned
from inspector.core.scorecard import Scorecard

if TYPE_CHECKING:
    from inspector.core.model import Answer, Checklist, Findings, InspectionInfo
    from inspector.core.scoring import Result

# What the inspections table caches of a result: answered, to answer, score, percent, band, scorecard.
ScoreColumns = tuple[int, int, str, str | None, str | None, str]


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def answer_json(answer: Answer | None) -> str | None:
    """The stored form of an answer: canonical JSON, so equal answers are equal text."""
    from inspector.core.answer_data import answer_to_data

    if answer is None:
        return None
    return json.dumps(answer_to_data(answer), ensure_ascii=False, sort_keys=True, default=str)


def findings_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def score_columns(result: Result) -> ScoreColumns:
    """What the inspections table caches of a result: answered, to answer, score, percent, band, scorecard."""
    from inspector.core.numbers import to_json_number

    done, total = result.progress()
    percent = None if result.percent is None else str(to_json_number(result.percent))
    return done, total, str(to_json_number(result.final)), percent, result.band, Scorecard.of(result).to_json()


def audit_value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class Rows:
    """Reads of single answers, figures and findings as stored (inside a transaction, or on their own)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def answer_row(self, inspection_id: int, criterion_id: str) -> tuple[str, str, str] | None:
        """(stored JSON, author, when) of an answer, or None."""
        row = self.db.execute("SELECT data, author, updated_at FROM answers WHERE inspection_id = ? AND"
                              " criterion_id = ?", (inspection_id, criterion_id)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def answers(self, inspection_id: int, checklist: Checklist) -> dict[str, Answer]:
        from inspector.core.answer_data import answer_from_data

        return {cid: answer_from_data(cid, json.loads(data), checklist.criterion(cid)) for cid, data in
                self.db.execute("SELECT criterion_id, data FROM answers WHERE inspection_id = ?", (inspection_id,))}

    def fact_row(self, inspection_id: int, fact_id: str) -> tuple[int, str, str] | None:
        """(value, author, when) of a recorded figure, or None."""
        row = self.db.execute("SELECT value, author, updated_at FROM facts WHERE inspection_id = ? AND fact_id = ?",
                              (inspection_id, fact_id)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def facts(self, inspection_id: int) -> dict[str, int]:
        return dict(self.db.execute("SELECT fact_id, value FROM facts WHERE inspection_id = ?", (inspection_id,)))

    def facts_evidence(self, inspection_id: int) -> tuple[str, ...]:
        """The documents an inspection's figures were read from (the evidence of its computed criteria)."""
        from inspector.core.answer_data import facts_evidence_of

        row = self.db.execute("SELECT details FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
        return facts_evidence_of(row[0]) if row else ()

    def findings_row(self, inspection_id: int) -> tuple[dict[str, Any], str] | None:
        """(the stored findings as data, when the inspection last changed), or None when there is none."""
        row = self.db.execute("SELECT findings, updated_at FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
        return (json.loads(row[0]), row[1]) if row else None

    def findings(self, inspection_id: int) -> dict[str, Any] | None:
        """The stored findings as data, or None when there is no such inspection."""
        row = self.db.execute("SELECT findings FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def inspection_with_uid(self, uid: str) -> tuple[int, str] | None:
        """(number, pinned checklist SHA-256) of the inspection a team knows by `uid`, or None."""
        row = self.db.execute("SELECT id, checklist_sha256 FROM inspections WHERE uid = ?", (uid,)).fetchone()
        return (row[0], row[1]) if row else None


class Unit(Rows):
    """The writes of one transaction; `stamp` is its time, `author` who its rows are recorded for."""

    def __init__(self, db: sqlite3.Connection, author: str):
        super().__init__(db)
        self.author, self.stamp = author, now()

    def execute(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Cursor:
        """SQL on the caller's own tables (campaigns, conflicts, merged bundles)."""
        return self.db.execute(sql, args)

    # ---- answers

    def put_answer(self, inspection_id: int, criterion_id: str, data: str, author: str | None = None,
                   at: str | None = None, relayed_by: str = "") -> None:
        """An answer, with who gave it and (when it came in another member's bundle) who relayed it."""
        self.db.execute("INSERT INTO answers (inspection_id, criterion_id, data, updated_at, author, relayed_by) VALUES"
                        " (?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, criterion_id) DO UPDATE SET"
                        " data = excluded.data, updated_at = excluded.updated_at, author = excluded.author,"
                        " relayed_by = excluded.relayed_by",
                        (inspection_id, criterion_id, data, at or self.stamp, self.author if author is None else author,
                         relayed_by))

    def delete_answer(self, inspection_id: int, criterion_id: str) -> None:
        self.db.execute("DELETE FROM answers WHERE inspection_id = ? AND criterion_id = ?", (inspection_id, criterion_id))

    def set_author(self, inspection_id: int, kind: str, item_id: str, author: str) -> None:
        """Who gave an answer (kind "answer") or a figure ("fact"), e.g. several people who gave the same."""
        table, column = ("answers", "criterion_id") if kind == "answer" else ("facts", "fact_id")
        self.db.execute(f"UPDATE {table} SET author = ? WHERE inspection_id = ? AND {column} = ?",
                        (author, inspection_id, item_id))

    # ---- figures
    def add_facts_evidence(self, inspection_id: int, name: str) -> tuple[str, ...]:
        """One more document the figures were read from (kept once); returns the inspection's list."""
        from inspector.core.answer_data import details_from_data

        row = self.db.execute("SELECT details FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
        details = json.loads(row[0]) if row and row[0] else {}
        if not isinstance(details, dict):
            details = {}
        names = tuple(details_from_data(details).get("facts_evidence", ()))
        if name in names:
            return names
        names += (name,)
        details["facts_evidence"] = list(names)
        self.db.execute("UPDATE inspections SET details = ? WHERE id = ?",
                        (json.dumps(details, ensure_ascii=False, sort_keys=True), inspection_id))
        return names

    def put_fact(self, inspection_id: int, fact_id: str, value: int, author: str | None = None,
                 at: str | None = None, relayed_by: str = "") -> None:
        self.db.execute("INSERT INTO facts (inspection_id, fact_id, value, updated_at, author, relayed_by) VALUES"
                        " (?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, fact_id) DO UPDATE SET value = excluded.value,"
                        " updated_at = excluded.updated_at, author = excluded.author, relayed_by = excluded.relayed_by",
                        (inspection_id, fact_id, value, at or self.stamp, self.author if author is None else author,
                         relayed_by))

    def delete_fact(self, inspection_id: int, fact_id: str) -> None:
        self.db.execute("DELETE FROM facts WHERE inspection_id = ? AND fact_id = ?", (inspection_id, fact_id))

    def put_reported_fact(self, inspection_id: int, fact_id: str, value: int) -> None:
        """A figure the unit reported in its self-assessment (kept apart from the team's)."""
        self.db.execute("INSERT INTO reported_facts VALUES (?, ?, ?, ?) ON CONFLICT (inspection_id, fact_id) DO UPDATE"
                        " SET value = excluded.value, updated_at = excluded.updated_at",
                        (inspection_id, fact_id, value, self.stamp))

    # ---- findings (the body of the biên bản)
    def put_findings(self, inspection_id: int, data: Mapping[str, Any], touch: bool = False) -> None:
        """Store the findings (data as `answer_data.findings_to_data` writes it); `touch` marks the inspection
        changed now."""
        if touch:
            self.db.execute("UPDATE inspections SET findings = ?, updated_at = ? WHERE id = ?",
                            (findings_json(data), self.stamp, inspection_id))
        else:
            self.db.execute("UPDATE inspections SET findings = ? WHERE id = ?", (findings_json(data), inspection_id))

    # ---- history
    def audit(self, inspection_id: int, item_id: str | None, field: str, old: str | None, new: str | None,
              author: str | None = None, at: str | None = None, relayed_by: str = "") -> None:
        """One row of the history: what changed, when, who did it (this laptop's inspector by default) and,
        for another member's work that came in a leader's bundle, who relayed it."""
        self.db.execute("INSERT INTO audit (inspection_id, criterion_id, at, field, old, new, author, relayed_by)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (inspection_id, item_id, at or self.stamp, field, old, new,
                                                             self.author if author is None else author, relayed_by))

    def clear_history(self, inspection_id: int) -> None:
        """An inspection's history, emptied for the one that travels with it in a bundle."""
        self.db.execute("DELETE FROM audit WHERE inspection_id = ?", (inspection_id,))

    # ---- the inspection row
    def touch(self, inspection_id: int, result: Result | None, position: str | None = None) -> None:
        """The inspection changed now; its cached score is `result`'s, or (None) recomputed before it is listed."""
        if result is None:
            self.db.execute("UPDATE inspections SET updated_at = ?, scored_by = NULL WHERE id = ?",
                            (self.stamp, inspection_id))
            return
        self.db.execute("UPDATE inspections SET updated_at = ?, answered = ?, to_answer = ?, score = ?, percent = ?,"
                        " band = ?, scorecard = ?, scored_by = ?, position = COALESCE(?, position) WHERE id = ?",
                        (self.stamp, *score_columns(result), engine_stamp(), position, inspection_id))

    def pin_checklist(self, checklist: Checklist) -> None:
        """Keep the checklist's text (and its compact form) under its SHA-256, once."""
        from inspector.core.checklist_form import checklist_to_json

        self.db.execute("INSERT OR IGNORE INTO checklist_texts VALUES (?, ?, ?, ?, ?)",
                        (checklist.sha256, checklist.id, checklist.version, checklist.source,
                         checklist_to_json(checklist)))

    def insert_inspection(self, checklist: Checklist, info: InspectionInfo, answers: dict[str, Answer] | None = None,
                          findings: Findings | None = None, facts: dict[str, int] | None = None,
                          campaign_id: int | None = None, uid: str | None = None, source_sha: str | None = None) -> int:
        """A new inspection with its answers, findings and figures, scored at once (never listed as stale).

        `uid` names the inspection on every laptop of a team; a new one is made when not given."""
        from inspector.core.answer_data import details_to_data
        from inspector.core.scoring import score

        info = cleaned(info)
        answers = answers or {}
        facts = facts or {}
        self.pin_checklist(checklist)
        import uuid  # here, not at the top: listing a store never makes an inspection

        cursor = self.db.execute(
            "INSERT INTO inspections (checklist_sha256, checklist_id, checklist_version, unit, unit_type, date,"
            " period, inspecting_body, team, representatives, created_at, updated_at, to_answer, details, uid, campaign_id,"
            " source_sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (checklist.sha256, checklist.id, checklist.version, info.unit, info.unit_type, info.date.isoformat(),
             info.period, info.inspecting_body, json.dumps(list(info.team), ensure_ascii=False),
             json.dumps(list(info.representatives), ensure_ascii=False), self.stamp, self.stamp,
             sum(s.scored_count for s in checklist.sections if not s.is_adjustment),
             json.dumps(details_to_data(info), ensure_ascii=False, sort_keys=True), uid or uuid.uuid4().hex,
             campaign_id, source_sha))
        number = cursor.lastrowid
        assert number is not None
        self.audit(number, None, "created", None, info.unit)
        self.put_imported(number, answers, findings, facts)
        self.touch(number, score(checklist, answers, info.unit_type, facts, info.facts_evidence, info.period_end))
        return number

    def put_imported(self, inspection_id: int, answers: Mapping[str, Answer], findings: Findings | None,
                     facts: Mapping[str, int]) -> None:
        """An imported file's answers, findings and figures, each audited as imported."""
        from inspector.core.answer_data import findings_to_data

        for cid, answer in answers.items():
            data = answer_json(cleaned(answer))
            assert data is not None  # an answer, never a removal
            self.put_answer(inspection_id, cid, data)
            self.audit(inspection_id, cid, "import", None, data)
        if findings is not None:
            self.put_findings(inspection_id, findings_to_data(cleaned(findings)))
        for fact_id, value in facts.items():
            self.put_fact(inspection_id, fact_id, value)
            self.audit(inspection_id, fact_id, "import", None, str(value))

    def set_origin_key(self, inspection_id: int, key: str) -> None:
        """The key that first sent an inspection outside any campaign: only its bundles change it here."""
        self.db.execute("UPDATE inspections SET origin_key = ? WHERE id = ?", (key, inspection_id))

    def record_evidence_file(self, sha: str, name: str, size: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO evidence_files VALUES (?, ?, ?, ?)", (sha, name, size, self.stamp))
