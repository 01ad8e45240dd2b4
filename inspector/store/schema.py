"""The store's tables and how a store of an older program is brought up to this one's."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 12

# Each entry moves the schema from version i to i + 1; never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE checklist_texts (
        sha256 TEXT PRIMARY KEY,
        checklist_id TEXT NOT NULL,
        version TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE TABLE inspections (
        id INTEGER PRIMARY KEY,
        checklist_sha256 TEXT NOT NULL REFERENCES checklist_texts(sha256),
        checklist_id TEXT NOT NULL,
        checklist_version TEXT NOT NULL,
        unit TEXT NOT NULL,
        unit_type TEXT,
        date TEXT NOT NULL,
        period TEXT NOT NULL DEFAULT '',
        inspecting_body TEXT NOT NULL DEFAULT '',
        team TEXT NOT NULL DEFAULT '[]',
        representatives TEXT NOT NULL DEFAULT '[]',
        findings TEXT NOT NULL DEFAULT '{}',
        position TEXT,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        answered INTEGER NOT NULL DEFAULT 0,
        to_answer INTEGER NOT NULL DEFAULT 0,
        score TEXT,
        percent TEXT,
        band TEXT
    );
    CREATE TABLE answers (
        inspection_id INTEGER NOT NULL REFERENCES inspections(id),
        criterion_id TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (inspection_id, criterion_id)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections(id),
        criterion_id TEXT,
        at TEXT NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT
    );
    CREATE INDEX audit_by_criterion ON audit(inspection_id, criterion_id, id);
    CREATE TABLE evidence_files (
        sha256 TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE app_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    """
    ALTER TABLE checklist_texts ADD COLUMN parsed TEXT;
    """,
    """
    ALTER TABLE inspections ADD COLUMN scored_by TEXT;
    """,
    """
    CREATE TABLE facts (
        inspection_id INTEGER NOT NULL REFERENCES inspections(id),
        fact_id TEXT NOT NULL,
        value INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (inspection_id, fact_id)
    );
    """,
    """
    ALTER TABLE inspections ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
    """,
    """
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        checklist_sha256 TEXT NOT NULL REFERENCES checklist_texts(sha256),
        created_at TEXT NOT NULL
    );
    ALTER TABLE inspections ADD COLUMN uid TEXT;
    ALTER TABLE inspections ADD COLUMN campaign_id INTEGER REFERENCES campaigns(id);
    CREATE UNIQUE INDEX inspections_by_uid ON inspections(uid);
    ALTER TABLE answers ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE facts ADD COLUMN author TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit ADD COLUMN author TEXT NOT NULL DEFAULT '';
    CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        inspection_id INTEGER NOT NULL REFERENCES inspections(id),
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        theirs TEXT NOT NULL,
        their_author TEXT NOT NULL,
        their_at TEXT NOT NULL,
        bundle TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        chosen TEXT,
        UNIQUE (inspection_id, kind, item_id, theirs)
    );
    CREATE TABLE merged_bundles (
        sha256 TEXT PRIMARY KEY,
        signer TEXT NOT NULL,
        merged_at TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE reported_facts (
        inspection_id INTEGER NOT NULL REFERENCES inspections(id),
        fact_id TEXT NOT NULL,
        value INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (inspection_id, fact_id)
    );
    """,
    """
    ALTER TABLE inspections ADD COLUMN scorecard TEXT;
    UPDATE inspections SET scored_by = NULL;
    """,
    """
    ALTER TABLE inspections ADD COLUMN origin_key TEXT;
    ALTER TABLE answers ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE facts ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
    ALTER TABLE conflicts ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE inspections ADD COLUMN source_sha TEXT;
    """,
    # Each inspection's CSV rows as last exported (core/tables.py): any write to what they show drops them.
    """
    CREATE TABLE csv_rows (
        inspection_id INTEGER PRIMARY KEY,
        variant TEXT NOT NULL,
        rows BLOB NOT NULL
    );
    CREATE TRIGGER csv_rows_answers_insert AFTER INSERT ON answers
        BEGIN DELETE FROM csv_rows WHERE inspection_id = NEW.inspection_id; END;
    CREATE TRIGGER csv_rows_answers_update AFTER UPDATE ON answers
        BEGIN DELETE FROM csv_rows WHERE inspection_id IN (OLD.inspection_id, NEW.inspection_id); END;
    CREATE TRIGGER csv_rows_answers_delete AFTER DELETE ON answers
        BEGIN DELETE FROM csv_rows WHERE inspection_id = OLD.inspection_id; END;
    CREATE TRIGGER csv_rows_facts_insert AFTER INSERT ON facts
        BEGIN DELETE FROM csv_rows WHERE inspection_id = NEW.inspection_id; END;
    CREATE TRIGGER csv_rows_facts_update AFTER UPDATE ON facts
        BEGIN DELETE FROM csv_rows WHERE inspection_id IN (OLD.inspection_id, NEW.inspection_id); END;
    CREATE TRIGGER csv_rows_facts_delete AFTER DELETE ON facts
        BEGIN DELETE FROM csv_rows WHERE inspection_id = OLD.inspection_id; END;
    CREATE TRIGGER csv_rows_reported_facts_insert AFTER INSERT ON reported_facts
        BEGIN DELETE FROM csv_rows WHERE inspection_id = NEW.inspection_id; END;
    CREATE TRIGGER csv_rows_reported_facts_update AFTER UPDATE ON reported_facts
        BEGIN DELETE FROM csv_rows WHERE inspection_id IN (OLD.inspection_id, NEW.inspection_id); END;
    CREATE TRIGGER csv_rows_reported_facts_delete AFTER DELETE ON reported_facts
        BEGIN DELETE FROM csv_rows WHERE inspection_id = OLD.inspection_id; END;
    CREATE TRIGGER csv_rows_inspections_insert AFTER INSERT ON inspections
        BEGIN DELETE FROM csv_rows WHERE inspection_id = NEW.id; END;
    CREATE TRIGGER csv_rows_inspections_update AFTER UPDATE ON inspections
        BEGIN DELETE FROM csv_rows WHERE inspection_id IN (OLD.id, NEW.id); END;
    CREATE TRIGGER csv_rows_inspections_delete AFTER DELETE ON inspections
        BEGIN DELETE FROM csv_rows WHERE inspection_id = OLD.id; END;
    """,
    # The home list and the look for stale scores read these few columns of every inspection: from an index
    # holding them, not from the table's rows (each with its scorecard, findings and details).
    """
    CREATE INDEX inspections_listed ON inspections(archived, updated_at DESC, id DESC, unit, date, checklist_id,
        checklist_version, answered, to_answer, score, percent, band, campaign_id);
    CREATE INDEX inspections_scored_by ON inspections(scored_by);
    """,
]


class NewerSchema(Exception):
    """The store was written by a newer program (its schema version is `args[0]`)."""


def statements(script: str) -> list[str]:
    """A migration's statements, a trigger's body (statements between BEGIN and END) kept whole."""
    found, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        found.append(pending.strip())
    return found


def migrate(db: sqlite3.Connection) -> None:
    """Bring the store's schema to SCHEMA_VERSION, one shipped step at a time, each in its own transaction.

    NewerSchema when a newer program wrote it."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    for target in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if db.execute("PRAGMA user_version").fetchone()[0] != target:
                db.execute("ROLLBACK")
                continue
            for statement in statements(MIGRATIONS[target]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
