"""The local store: SQLite in WAL mode, every answer committed (and audited) before it is shown as saved.

An inspection pins its checklist by SHA-256 and keeps the checklist text, so editing or deleting the
checklist file later never changes a recorded inspection.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from inspector.core import limits
from inspector.core.engine_version import engine_stamp
from inspector.core.i18n import os_error_text
from inspector.core.limits import cleaned
from inspector.core.paths import data_dir
from inspector.core.scorecard import CardRow, Scorecard

if TYPE_CHECKING:
    from inspector.core.model import Answer, Checklist, Findings, InspectionInfo
    from inspector.core.scoring import Result

# The model, the engine and the answer codec are imported where they are used: listing the store (the
# command line's `list`, the interface's home screen) needs none of them unless a cached score is stale.


SCHEMA_VERSION = 9

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
]


class AnswerChanged(Exception):
    """Another window changed this answer since it was read: read it again and reapply the change."""


class StoreError(Exception):
    """A store problem a user can act on; `key` is a catalog entry, `detail` the system's words."""

    def __init__(self, key: str, detail: str = "", path: str = ""):
        self.key, self.detail, self.path = key, detail, path
        super().__init__(f"{key}: {detail}")

    def message(self, lang: str | None = None) -> str:
        from inspector.core.i18n import t

        return t(self.key, lang, path=self.path, detail=self.detail)


class InspectionRow(NamedTuple):
    """One line of the home table: read without loading checklists or answers."""

    id: int
    unit: str
    date: str
    checklist_id: str
    checklist_version: str
    answered: int
    to_answer: int
    score: str | None
    percent: str | None
    band: str | None
    archived: bool
    updated_at: str
    campaign_id: int | None = None

    @property
    def provisional(self) -> bool:
        return self.answered < self.to_answer

    @property
    def shown_band(self) -> str:
        """The band, or "chưa đủ" while criteria are still unanswered: a partial result never reads as final."""
        from inspector.core.i18n import t

        return t("band.partial") if self.provisional else (self.band or "")

    @property
    def shown_date(self) -> str:
        """The inspection date as Vietnamese write it: 15/10/2025."""
        year, month, day = self.date.split("-")
        return f"{day}/{month}/{year}"


class AuditEntry(NamedTuple):
    at: str
    field: str
    old: str | None
    new: str | None
    author: str = ""


class Inspection(NamedTuple):
    """One inspection as stored (a NamedTuple: the store's module is read by `list` and the interface's first
    screen, which must not pay for attrs' import and code generation)."""

    id: int
    info: InspectionInfo
    checklist: Checklist
    answers: dict[str, Answer]
    findings: Findings
    position: str | None
    archived: bool
    facts: dict[str, int] = {}  # the recorded figures (§8); never changed in place
    reported_facts: dict[str, int] = {}  # the figures the unit reported itself
    uid: str = ""  # the inspection's name on every laptop of a team


ANY = object()  # save_answer's `expected` when the caller does not guard against other windows


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def default_path() -> Path:
    return data_dir() / "inspector.db"


def _translate(error: sqlite3.Error, path: Path) -> StoreError:
    text = str(error).lower()
    if "readonly" in text or "read-only" in text or "permission" in text or "unable to open" in text:
        return StoreError("store.readonly", str(error), str(path))
    if "full" in text or "disk i/o" in text:
        return StoreError("store.full", str(error), str(path))
    if "locked" in text or "busy" in text:
        return StoreError("store.busy", str(error), str(path))
    if "not a database" in text or "malformed" in text:
        return StoreError("store.corrupt", str(error), str(path))
    return StoreError("store.failed", str(error), str(path))


class Store:
    """All reads and writes of the inspections database. One connection per Store; cheap to open."""

    def __init__(self, path: str | Path | None = None, check: bool = False):
        """Open (and create or migrate) the store; `check` runs SQLite's quick check first.

        A store that cannot be written (a read-only disk or folder) or that fails the check is opened
        read-only: it still lists and exports, and `read_only` says why every write is refused.
        """
        self.path = Path(path) if path is not None else default_path()
        self.read_only: StoreError | None = None
        # Pinned checklists are immutable and shared by many inspections: one object per text (SHA-256).
        self._checklists: dict[str, Checklist] = {}
        self._author: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit reaches the disk before it returns, so a flat battery loses nothing shown saved.
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except (sqlite3.Error, OSError) as error:
            refused = _translate(error, self.path) if isinstance(error, sqlite3.Error) else \
                StoreError("store.readonly", os_error_text(error), str(self.path))
            if refused.key != "store.readonly" or not self.path.is_file():
                raise refused from None
            self._open_read_only(refused)
        if check:
            self._check_integrity()

    @property
    def author(self) -> str:
        """Who this store's writes are recorded for: this laptop's inspector (key owner, else login name)."""
        if self._author is None:
            from inspector.core.identity import author_name

            self._author = author_name()
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    def _open_read_only(self, reason: StoreError) -> None:
        """What can be read of a store this process may not write: WAL needs -shm, else read it as frozen."""
        for query in ("mode=ro", "immutable=1"):
            try:
                self.db = sqlite3.connect(f"{self.path.as_uri()}?{query}", uri=True, timeout=10,
                                          isolation_level=None, check_same_thread=False)
                self.db.execute("SELECT count(*) FROM inspections").fetchone()
                break
            except sqlite3.Error as error:
                last = error
        else:
            raise _translate(last, self.path) from None
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError("store.readonly_old", str(version), str(self.path))
        self.read_only = StoreError("store.opened_read_only", reason.detail, str(self.path))

    def _file_signature(self) -> str | None:
        """The store file's size and modification time while no write is pending in its WAL, else None."""
        try:
            wal = self.path.with_name(self.path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                return None
            found = self.path.stat()
        except OSError:
            return None
        return f"{found.st_ino}:{found.st_size}:{found.st_mtime_ns}"

    def _check_integrity(self) -> None:
        """SQLite's quick check, once after each change of the file: it reads every page (50 ms for a
        province's 37 MB), so a store unchanged since its last good check is not read again at every command.
        """
        signature = self._file_signature()
        marker = self.path.with_name(self.path.name + "-checked")
        try:
            if signature is not None and marker.read_text(encoding="ascii") == signature:
                return
        except (OSError, UnicodeDecodeError):
            pass
        try:
            verdict = self.db.execute("PRAGMA quick_check(5)").fetchall()
        except sqlite3.Error as error:
            verdict = [(str(error),)]
        if verdict == [("ok",)]:
            if signature is not None and self.read_only is None:
                try:
                    marker.write_text(signature, encoding="ascii")
                except OSError:
                    pass  # checked again next time
            return
        detail = "; ".join(str(row[0]) for row in verdict)[:300]
        if self.read_only is None:
            self.db.close()
            self._open_read_only(StoreError("store.damaged", detail, str(self.path)))
        self.read_only = StoreError("store.damaged", detail, str(self.path))

    def close(self) -> None:
        self.db.close()

    # ---- schema
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("store.newer", str(version), str(self.path))
        for target in range(version, SCHEMA_VERSION):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                if self.db.execute("PRAGMA user_version").fetchone()[0] != target:
                    self.db.execute("ROLLBACK")
                    continue
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {target + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _write(self, work) -> None:
        """Run `work(db)` in one immediate transaction; translate failures into StoreError."""
        if self.read_only is not None:
            raise self.read_only
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                work(self.db)
                self.db.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (a full disk during COMMIT): a second rollback would
                # replace the real reason with "cannot rollback - no transaction is active".
                if self.db.in_transaction:
                    try:
                        self.db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def _read(self, sql: str, args=()) -> list:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise _translate(error, self.path) from None

    def data_version(self) -> int:
        """Changes when another connection commits (for refreshing a second window)."""
        return self._read("PRAGMA data_version")[0][0]

    # ---- inspections
    def create_inspection(self, checklist: Checklist, info: InspectionInfo, answers: dict[str, Answer] | None = None,
                          findings: Findings | None = None, facts: dict[str, int] | None = None,
                          campaign_id: int | None = None) -> int:
        """A new inspection, with the answers, findings and facts of an imported file: one transaction, all or
        nothing."""
        created: list[int] = []

        def work(db):
            created.append(self.insert_inspection(db, checklist, info, answers, findings, facts, campaign_id))

        self._write(work)
        return created[0]

    def insert_inspection(self, db, checklist: Checklist, info: InspectionInfo, answers: dict[str, Answer] | None = None,
                          findings: Findings | None = None, facts: dict[str, int] | None = None,
                          campaign_id: int | None = None, uid: str | None = None) -> int:
        """create_inspection's work inside a caller's transaction (a campaign creates all its units at once).

        `uid` names the inspection on every laptop of a team; a new one is made when not given."""
        import uuid

        from inspector.core.answer_data import details_to_data
        from inspector.core.scoring import score
        from inspector.store.checklist_cache import checklist_to_json

        stamp = now()
        info = cleaned(info)
        answers = answers or {}
        facts = facts or {}
        db.execute("INSERT OR IGNORE INTO checklist_texts VALUES (?, ?, ?, ?, ?)",
                   (checklist.sha256, checklist.id, checklist.version, checklist.source,
                    checklist_to_json(checklist)))
        cursor = db.execute(
            "INSERT INTO inspections (checklist_sha256, checklist_id, checklist_version, unit, unit_type, date,"
            " period, inspecting_body, team, representatives, created_at, updated_at, to_answer, details, uid, campaign_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (checklist.sha256, checklist.id, checklist.version, info.unit, info.unit_type, info.date.isoformat(),
             info.period, info.inspecting_body, json.dumps(list(info.team), ensure_ascii=False),
             json.dumps(list(info.representatives), ensure_ascii=False), stamp, stamp,
             sum(s.scored_count for s in checklist.sections if not s.is_adjustment),
             json.dumps(details_to_data(info), ensure_ascii=False, sort_keys=True), uid or uuid.uuid4().hex,
             campaign_id))
        number = cursor.lastrowid
        assert number is not None
        self._audit(db, number, None, stamp, "created", None, info.unit)
        self._insert_answers(db, number, answers, findings, stamp)
        for fact_id, value in facts.items():
            self._put_fact(db, number, fact_id, value, stamp, self.author)
            self._audit(db, number, fact_id, stamp, "import", None, str(value))
        # Scored at once, so a new inspection is never listed as stale.
        self._touch(db, number, stamp, score(checklist, answers, info.unit_type, facts))
        return number

    def update_info(self, inspection_id: int, info: InspectionInfo) -> None:
        from inspector.core.answer_data import details_to_data

        info = cleaned(info)

        def work(db):
            db.execute("UPDATE inspections SET unit = ?, unit_type = ?, date = ?, period = ?, inspecting_body = ?,"
                       " team = ?, representatives = ?, details = ?, updated_at = ? WHERE id = ?",
                       (info.unit, info.unit_type, info.date.isoformat(), info.period, info.inspecting_body,
                        json.dumps(list(info.team), ensure_ascii=False),
                        json.dumps(list(info.representatives), ensure_ascii=False),
                        json.dumps(details_to_data(info), ensure_ascii=False, sort_keys=True), now(), inspection_id))

        self._write(work)

    def campaign_names(self) -> dict[int, str]:
        """Each campaign's name by number: what the home screen shows of campaigns, read without parsing them."""
        return dict(self._read("SELECT id, name FROM campaigns ORDER BY id"))

    def conflict_counts(self) -> dict[int, int]:
        """How many answers, figures or texts are in an unresolved conflict, per inspection."""
        return dict(self._read("SELECT inspection_id, count(DISTINCT kind || ':' || item_id) FROM conflicts"
                               " WHERE resolved_at IS NULL GROUP BY inspection_id"))

    def inspection_ids(self, include_archived: bool = False) -> list[int]:
        """The inspections' numbers in the home list's order (most recently changed first), read without
        scoring anything."""
        return [row[0] for row in self._read(
            "SELECT id FROM inspections" + ("" if include_archived else " WHERE archived = 0")
            + " ORDER BY updated_at DESC, id DESC")]

    def list_inspections(self, include_archived: bool = False, progress=None) -> list[InspectionRow]:
        """Every inspection's line, with scores the engine would give today (stale ones recomputed first,
        reported to `progress`: after a program update, a province's store takes seconds)."""
        fresh = self.refresh_stale_scores(progress)
        rows = self._read(
            "SELECT id, unit, date, checklist_id, checklist_version, answered, to_answer, score, percent, band,"
            " archived, updated_at, campaign_id FROM inspections" + ("" if include_archived else " WHERE archived = 0")
            + " ORDER BY updated_at DESC, id DESC")
        listed = []
        for (number, unit, date, cid, version, answered, to_answer, points, percent, band, archived, updated,
             campaign) in rows:
            if number in fresh:  # recomputed but perhaps not kept (a read-only store): show today's score
                answered, to_answer, points, percent, band, _ = fresh[number]
            listed.append(InspectionRow(number, unit, date, cid, version, answered, to_answer, points, percent, band,
                                        bool(archived), updated, campaign))
        return listed

    def card_rows(self, ids: list[int], progress=None) -> list[CardRow]:
        """The scorecards of these inspections in this order, as today's engine gives them (stale ones
        recomputed first, reported to `progress`): what a table of many inspections needs, without loading
        a single answer."""
        fresh = self.refresh_stale_scores(progress)
        wanted = set(ids)
        found = {}
        for number, unit, date, cid, version, card in self._read(
                "SELECT id, unit, date, checklist_id, checklist_version, scorecard FROM inspections"):
            if number in wanted:
                text = fresh[number][5] if number in fresh else card
                if text is None:  # never scored (its pinned checklist unreadable): loading it says why
                    from inspector.core.scoring import score

                    record = self.load(number)
                    text = Scorecard.of(score(record.checklist, record.answers, record.info.unit_type,
                                              record.facts)).to_json()
                found[number] = CardRow(number, unit, date, f"{cid} {version}", Scorecard.from_json(text))
        missing = [number for number in ids if number not in found]
        if missing:
            raise StoreError("store.no_inspection", str(missing[0]), str(self.path))
        return [found[number] for number in ids]

    def load(self, inspection_id: int) -> Inspection:
        from inspector.core.answer_data import (
            answer_from_data,
            details_from_data,
            findings_from_data,
        )

        rows = self._read(
            "SELECT i.checklist_id, i.checklist_version, i.unit, i.unit_type, i.date, i.period, i.inspecting_body,"
            " i.team, i.representatives, i.findings, i.position, i.archived, i.checklist_sha256, i.details, i.uid"
            " FROM inspections i WHERE i.id = ?",
            (inspection_id,))
        if not rows:
            raise StoreError("store.no_inspection", str(inspection_id), str(self.path))
        (cid, version, unit, unit_type, date, period, body, team, representatives, findings, position, archived,
         sha, details, uid) = rows[0]
        if not uid and self.read_only is None:
            uid = self.uid(inspection_id)  # an inspection from before uids existed gets one when first read
        checklist = self.checklist_of(sha, f"{cid}@{version}")
        from inspector.core.model import InspectionInfo

        info = InspectionInfo(checklist=cid, checklist_version=version, unit=unit, date=dt.date.fromisoformat(date),
                              unit_type=unit_type, period=period, team=tuple(json.loads(team)),
                              inspecting_body=body, representatives=tuple(json.loads(representatives)),
                              **details_from_data(json.loads(details)))
        answers = {}
        for criterion_id, data in self._read("SELECT criterion_id, data FROM answers WHERE inspection_id = ?",
                                             (inspection_id,)):
            answers[criterion_id] = answer_from_data(criterion_id, json.loads(data), checklist.criterion(criterion_id))
        return Inspection(inspection_id, info, checklist, answers, findings_from_data(json.loads(findings)),
                          position, bool(archived), self.load_facts(inspection_id, checklist),
                          self.load_reported_facts(inspection_id, checklist), uid or "")

    def inspection_by_uid(self, uid: str) -> int | None:
        rows = self._read("SELECT id FROM inspections WHERE uid = ?", (uid,))
        return rows[0][0] if rows else None

    def uid(self, inspection_id: int) -> str:
        """The inspection's name on every laptop of a team; one is given to an inspection made before there
        were uids."""
        import uuid

        fresh = uuid.uuid4().hex
        rows = self._read("SELECT uid FROM inspections WHERE id = ?", (inspection_id,))
        if not rows:
            raise StoreError("store.no_inspection", str(inspection_id), str(self.path))
        if rows[0][0]:
            return rows[0][0]
        self._write(lambda db: db.execute("UPDATE inspections SET uid = ? WHERE id = ? AND uid IS NULL",
                                          (fresh, inspection_id)))
        return self._read("SELECT uid FROM inspections WHERE id = ?", (inspection_id,))[0][0]

    def stale_count(self) -> int:
        """How many inspections' cached scores another engine computed (all of them after a program update)."""
        return self._read("SELECT count(*) FROM inspections WHERE scored_by IS NOT ?", (engine_stamp(),))[0][0]

    def refresh_stale_scores(self, progress=None) -> dict[int, tuple]:
        """Recompute the cached score of every inspection not stamped by today's engine; returns them by id.

        Scores are derived data: a program update that changes a rule, or a write that did not pass a
        result, leaves them stale, and nothing stale may reach a list.
        """
        stamp = engine_stamp()
        stale = self._read("SELECT id, unit_type, checklist_sha256, checklist_id, checklist_version FROM inspections"
                           " WHERE scored_by IS NOT ?", (stamp,))
        if not stale:
            return {}
        from inspector.core.scoring import score

        updates = []
        unreadable: set[str] = set()
        for done, (inspection_id, unit_type, sha, cid, version) in enumerate(stale, 1):
            if progress:
                progress(done, len(stale))
            if sha in unreadable:
                continue
            try:
                checklist = self.checklist_of(sha, f"{cid}@{version}")
                result = score(checklist, self.load_answers(inspection_id, checklist), unit_type,
                               self.load_facts(inspection_id, checklist))
            except (StoreError, ValueError, KeyError, TypeError):
                # A pinned text this program cannot read (a newer format, a damaged copy): the row keeps its
                # last score and opening it says why; one bad inspection never hides the others.
                unreadable.add(sha)
                continue
            updates.append((*score_columns(result), stamp, inspection_id))
        try:
            self._write(lambda db: db.executemany(
                "UPDATE inspections SET answered = ?, to_answer = ?, score = ?, percent = ?, band = ?, scorecard = ?,"
                " scored_by = ? WHERE id = ?", updates))
        except StoreError:
            pass  # a read-only store still lists; the scores shown are computed, just not kept
        return {row[-1]: row[:6] for row in updates}

    def checklist_of(self, sha: str, name: str) -> Checklist:
        """The pinned checklist with this SHA-256, read from the store once per Store."""
        found = self._checklists.get(sha)
        if found is not None:
            return found
        rows = self._read("SELECT text, parsed FROM checklist_texts WHERE sha256 = ?", (sha,))
        if not rows:
            raise StoreError("store.pinned_unreadable", sha, name)
        return self.pinned_checklist(sha, rows[0][0], rows[0][1], name)

    def pinned_checklist(self, sha: str, text: str, parsed: str | None, name: str) -> Checklist:
        """The pinned checklist from its cached form; parsed from its text (and cached) when needed."""
        from inspector.core.problems import FileProblems
        from inspector.store.checklist_cache import (
            checklist_from_json,
            checklist_to_json,
        )

        if sha in self._checklists:
            return self._checklists[sha]
        checklist = checklist_from_json(parsed, text) if parsed else None
        if checklist is None:
            try:
                # Imported here: only a form written by another program version needs the TOML loader.
                from inspector.core.checklist import checklist_from_text

                checklist = checklist_from_text(text, name)
            except FileProblems as problems:
                raise StoreError("store.pinned_unreadable", problems.render(), name) from None
            try:
                self._write(lambda db: db.execute("UPDATE checklist_texts SET parsed = ? WHERE sha256 = ?",
                                                  (checklist_to_json(checklist), sha)))
            except StoreError:
                pass  # a read-only store still opens; it just parses again next time
        self._checklists[sha] = checklist
        return checklist

    def load_answers(self, inspection_id: int, checklist: Checklist) -> dict[str, Answer]:
        from inspector.core.answer_data import answer_from_data

        return {cid: answer_from_data(cid, json.loads(data), checklist.criterion(cid))
                for cid, data in self._read("SELECT criterion_id, data FROM answers WHERE inspection_id = ?",
                                            (inspection_id,))}

    def load_facts(self, inspection_id: int, checklist: Checklist) -> dict[str, int]:
        """The recorded figures, in checklist order (facts the checklist no longer declares are left out)."""
        if not checklist.facts:
            return {}
        stored = dict(self._read("SELECT fact_id, value FROM facts WHERE inspection_id = ?", (inspection_id,)))
        return {f.id: stored[f.id] for f in checklist.facts if f.id in stored}

    def load_reported_facts(self, inspection_id: int, checklist: Checklist) -> dict[str, int]:
        """The figures the unit reported in its self-assessment, in checklist order."""
        if not checklist.facts:
            return {}
        stored = dict(self._read("SELECT fact_id, value FROM reported_facts WHERE inspection_id = ?",
                                 (inspection_id,)))
        return {f.id: stored[f.id] for f in checklist.facts if f.id in stored}

    def save_fact(self, inspection_id: int, fact_id: str, value: int | None, result: Result | None = None,
                  expected: int | None | object = ANY) -> None:
        """Record (or with None, clear) one figure with its audit row; returns once it is on disk.

        With `expected`, raises AnswerChanged when another window changed the figure meanwhile.
        """
        stamp = now()

        def work(db):
            row = db.execute("SELECT value FROM facts WHERE inspection_id = ? AND fact_id = ?",
                             (inspection_id, fact_id)).fetchone()
            old = row[0] if row else None
            if expected is not ANY and old != expected:
                raise AnswerChanged(fact_id)
            if old == value:
                return
            if value is None:
                db.execute("DELETE FROM facts WHERE inspection_id = ? AND fact_id = ?", (inspection_id, fact_id))
            else:
                self._put_fact(db, inspection_id, fact_id, value, stamp, self.author)
            self._audit(db, inspection_id, fact_id, stamp, "fact", None if old is None else str(old),
                        None if value is None else str(value))
            self._touch(db, inspection_id, stamp, result)

        self._write(work)

    # ---- answers
    def save_answer(self, inspection_id: int, criterion_id: str, answer: Answer | None,
                    result: Result | None = None, expected: Answer | None | object = ANY) -> None:
        """Store (or with None, clear) one answer with its audit rows; returns once it is on disk.

        With `expected` (the answer the change was made to), raises AnswerChanged instead of writing when
        the stored answer is no longer that one: a second window's change is never silently undone.
        """
        stamp = now()
        new = answer_json(answer)

        def work(db):
            row = db.execute("SELECT data FROM answers WHERE inspection_id = ? AND criterion_id = ?",
                             (inspection_id, criterion_id)).fetchone()
            old = row[0] if row else None
            if expected is not ANY and old != answer_json(expected):  # type: ignore[arg-type]
                raise AnswerChanged(criterion_id)
            if old == new:
                return
            if new is None:
                db.execute("DELETE FROM answers WHERE inspection_id = ? AND criterion_id = ?",
                           (inspection_id, criterion_id))
            else:
                self._put_answer(db, inspection_id, criterion_id, new, stamp, self.author)
            old_data, new_data = json.loads(old) if old else {}, json.loads(new) if new else {}
            for field in sorted(set(old_data) | set(new_data)):
                if old_data.get(field) != new_data.get(field):
                    self._audit(db, inspection_id, criterion_id, stamp, field, _audit_value(old_data.get(field)),
                                _audit_value(new_data.get(field)))
            self._touch(db, inspection_id, stamp, result, criterion_id)

        self._write(work)

    def import_answers(self, inspection_id: int, answers: dict[str, Answer], findings: Findings | None,
                       result: Result | None = None, facts: dict[str, int] | None = None) -> None:
        """Many answers (and figures) in one transaction (an imported file): all or nothing."""
        stamp = now()

        def work(db):
            self._insert_answers(db, inspection_id, answers, findings, stamp)
            for fact_id, value in (facts or {}).items():
                self._put_fact(db, inspection_id, fact_id, value, stamp, self.author)
                self._audit(db, inspection_id, fact_id, stamp, "import", None, str(value))
            self._touch(db, inspection_id, stamp, result)

        self._write(work)

    def _insert_answers(self, db, inspection_id: int, answers: dict[str, Answer], findings: Findings | None,
                        stamp: str) -> None:
        from inspector.core.answer_data import findings_to_data

        for cid, answer in answers.items():
            data = answer_json(cleaned(answer))
            assert data is not None  # an answer, never a removal
            self._put_answer(db, inspection_id, cid, data, stamp, self.author)
            self._audit(db, inspection_id, cid, stamp, "import", None, data)
        if findings is not None:
            db.execute("UPDATE inspections SET findings = ? WHERE id = ?",
                       (json.dumps(findings_to_data(cleaned(findings)), ensure_ascii=False, sort_keys=True),
                        inspection_id))

    def _audit(self, db, inspection_id: int, item_id: str | None, stamp: str, field: str, old: str | None,
               new: str | None, author: str | None = None) -> None:
        """One row of the history: what changed, when, and who did it (this laptop's inspector by default)."""
        db.execute("INSERT INTO audit (inspection_id, criterion_id, at, field, old, new, author) VALUES"
                   " (?, ?, ?, ?, ?, ?, ?)", (inspection_id, item_id, stamp, field, old, new,
                                              self.author if author is None else author))

    @staticmethod
    def _put_fact(db, inspection_id: int, fact_id: str, value: int, stamp: str, author: str) -> None:
        db.execute("INSERT INTO facts (inspection_id, fact_id, value, updated_at, author) VALUES (?, ?, ?, ?, ?)"
                   " ON CONFLICT (inspection_id, fact_id) DO UPDATE SET value = excluded.value,"
                   " updated_at = excluded.updated_at, author = excluded.author",
                   (inspection_id, fact_id, value, stamp, author))

    @staticmethod
    def _put_answer(db, inspection_id: int, criterion_id: str, data: str, stamp: str, author: str) -> None:
        db.execute("INSERT INTO answers (inspection_id, criterion_id, data, updated_at, author) VALUES (?, ?, ?, ?, ?)"
                   " ON CONFLICT (inspection_id, criterion_id) DO UPDATE SET data = excluded.data,"
                   " updated_at = excluded.updated_at, author = excluded.author",
                   (inspection_id, criterion_id, data, stamp, author))

    def _touch(self, db, inspection_id: int, stamp: str, result: Result | None, position: str | None = None) -> None:
        if result is None:  # the cached score no longer matches the answers: recomputed before it is listed
            db.execute("UPDATE inspections SET updated_at = ?, scored_by = NULL WHERE id = ?", (stamp, inspection_id))
            return
        db.execute("UPDATE inspections SET updated_at = ?, answered = ?, to_answer = ?, score = ?, percent = ?,"
                   " band = ?, scorecard = ?, scored_by = ?, position = COALESCE(?, position) WHERE id = ?",
                   (stamp, *score_columns(result), engine_stamp(), position, inspection_id))

    def audit(self, inspection_id: int, criterion_id: str | None = None) -> list[AuditEntry]:
        if criterion_id is None:
            rows = self._read("SELECT at, field, old, new, author FROM audit WHERE inspection_id = ? ORDER BY id",
                              (inspection_id,))
        else:
            rows = self._read("SELECT at, field, old, new, author FROM audit WHERE inspection_id = ? AND criterion_id = ?"
                              " ORDER BY id", (inspection_id, criterion_id))
        return [AuditEntry(*row) for row in rows]

    # ---- the rest of the record
    def load_findings(self, inspection_id: int) -> Findings:
        from inspector.core.answer_data import findings_from_data

        rows = self._read("SELECT findings FROM inspections WHERE id = ?", (inspection_id,))
        if not rows:
            raise StoreError("store.no_inspection", str(inspection_id), str(self.path))
        return findings_from_data(json.loads(rows[0][0]))

    def save_findings(self, inspection_id: int, findings: Findings, changed: tuple[str, ...] | None = None) -> Findings:
        """Store the findings; with `changed` (field names), only those fields are written over what is on
        disk, so another window's edit of another field is kept. Returns the findings now stored."""
        import attrs

        from inspector.core.answer_data import findings_from_data, findings_to_data

        stamp = now()
        findings = cleaned(findings)
        stored: list[Findings] = []

        def work(db):
            row = db.execute("SELECT findings FROM inspections WHERE id = ?", (inspection_id,)).fetchone()
            if row is None:
                raise StoreError("store.no_inspection", str(inspection_id), str(self.path))
            old = row[0]
            merged = findings
            if changed is not None:
                on_disk = findings_from_data(json.loads(old))
                merged = attrs.evolve(on_disk, **{name: getattr(findings, name) for name in changed})
            stored.append(merged)
            new = json.dumps(findings_to_data(merged), ensure_ascii=False, sort_keys=True)
            if old == new:
                return
            db.execute("UPDATE inspections SET findings = ?, updated_at = ? WHERE id = ?", (new, stamp, inspection_id))
            self._audit(db, inspection_id, None, stamp, "findings", old, new)

        self._write(work)
        return stored[0]

    def set_position(self, inspection_id: int, criterion_id: str) -> None:
        self._write(lambda db: db.execute("UPDATE inspections SET position = ? WHERE id = ?",
                                          (criterion_id, inspection_id)))

    def set_archived(self, inspection_id: int, archived: bool) -> None:
        stamp = now()

        def work(db):
            db.execute("UPDATE inspections SET archived = ? WHERE id = ?", (int(archived), inspection_id))
            self._audit(db, inspection_id, None, stamp, "archived", str(not archived).lower(), str(archived).lower())

        self._write(work)

    # ---- evidence files
    def evidence_dir(self) -> Path:
        return self.path.parent / "evidence"

    def add_evidence_file(self, source: str | Path, progress=None) -> tuple[str, str]:
        """Copy a file into the store under its SHA-256; returns (sha256, the evidence text to record).

        One pass reads, hashes and copies; `progress(done, total)` is called per chunk. A symbolic link,
        a device or a file over MAX_EVIDENCE_BYTES is refused (StoreError) before anything is copied.
        """
        import hashlib

        source = Path(source).expanduser()
        problem = evidence_problem(source)
        if problem is not None:
            raise StoreError(problem, format_size(limits.MAX_EVIDENCE_BYTES), str(source))
        folder = self.evidence_dir()
        temporary = folder / f"incoming-{os.getpid()}-{id(self)}.part"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
            handle = os.open(source, flags)  # O_NOFOLLOW: a link swapped in after the check is still refused
            with os.fdopen(handle, "rb") as reader, temporary.open("wb") as writer:
                size = os.fstat(reader.fileno()).st_size
                digest, done = hashlib.sha256(), 0
                while chunk := reader.read(1 << 20):
                    done += len(chunk)
                    if done > limits.MAX_EVIDENCE_BYTES:  # the file grew while being read
                        raise StoreError("store.evidence_too_large", format_size(limits.MAX_EVIDENCE_BYTES),
                                         str(source))
                    digest.update(chunk)
                    writer.write(chunk)
                    if progress is not None:
                        progress(done, max(size, done))
                writer.flush()
                os.fsync(writer.fileno())
            sha = digest.hexdigest()
            target = self.evidence_path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, target)
        except OSError as error:
            raise StoreError("store.evidence", os_error_text(error), str(source)) from None
        finally:
            temporary.unlink(missing_ok=True)
        self._write(lambda db: db.execute("INSERT OR IGNORE INTO evidence_files VALUES (?, ?, ?, ?)",
                                          (sha, source.name, done, now())))
        return sha, f"{source.name} [sha256:{sha[:12]}]"

    def evidence_path(self, sha: str) -> Path:
        return self.evidence_dir() / sha[:2] / sha

    # ---- where the user left off
    def get_state(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_state(self, key: str, value: str | None) -> None:
        if value is None:
            self._write(lambda db: db.execute("DELETE FROM app_state WHERE key = ?", (key,)))
        else:
            self._write(lambda db: db.execute("INSERT INTO app_state VALUES (?, ?) ON CONFLICT (key)"
                                              " DO UPDATE SET value = excluded.value", (key, value)))

    def integrity_check(self) -> str:
        return self._read("PRAGMA integrity_check")[0][0]


def evidence_problem(source: Path) -> str | None:
    """Why a file may not be copied in as evidence (a catalog key), or None."""
    try:
        if source.is_symlink():
            return "store.evidence_link"
        info = source.stat()
    except OSError:
        return None  # reported by the copy itself, with the system's reason
    if not stat.S_ISREG(info.st_mode):
        return "store.evidence_not_file"
    if info.st_size > limits.MAX_EVIDENCE_BYTES:
        return "store.evidence_too_large"
    return None


def format_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


def score_columns(result: Result) -> tuple[int, int, str, str | None, str | None, str]:
    """What the inspections table caches of a result: answered, to answer, score, percent, band, scorecard."""
    from inspector.core.numbers import to_json_number

    done, total = result.progress()
    percent = None if result.percent is None else str(to_json_number(result.percent))
    return done, total, str(to_json_number(result.final)), percent, result.band, Scorecard.of(result).to_json()


def answer_json(answer: Answer | None) -> str | None:
    """The stored form of an answer: canonical JSON, so equal answers are equal text."""
    from inspector.core.answer_data import answer_to_data

    if answer is None:
        return None
    return json.dumps(answer_to_data(answer), ensure_ascii=False, sort_keys=True, default=str)


def _audit_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
