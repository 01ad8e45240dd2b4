"""The local store: SQLite in WAL mode, every answer committed (and audited) before it is shown as saved.

An inspection pins its checklist by SHA-256 and keeps the checklist text, so editing or deleting the
checklist file later never changes a recorded inspection.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from inspector.core.engine_version import engine_stamp
from inspector.core.i18n import os_error_text
from inspector.core.limits import cleaned
from inspector.core.paths import data_dir
from inspector.core.scorecard import CardRow, Scorecard
from inspector.store import evidence
from inspector.store.errors import AnswerChanged, StoreError, translate
from inspector.store.evidence import evidence_problem, format_size
from inspector.store.restore_journal import finish_pending_restore
from inspector.store.schema import MIGRATIONS, SCHEMA_VERSION, NewerSchema, migrate
from inspector.store.unit_of_work import (
    Rows,
    ScoreColumns,
    Unit,
    answer_json,
    audit_value,
    findings_json,
    now,
    score_columns,
)

if TYPE_CHECKING:
    from inspector.core.model import Answer, Checklist, Findings, InspectionInfo
    from inspector.core.progress import Progress
    from inspector.core.scoring import Result

# The model, the engine and the answer codec are imported where they are used: listing the store (the
# command line's `list`, the interface's home screen) needs none of them unless a cached score is stale.

__all__ = ["ANY", "AnswerChanged", "AuditEntry", "Inspection", "InspectionRow", "MIGRATIONS", "SCHEMA_VERSION", "Store",
           "StoreError", "Unit", "answer_json", "default_path", "evidence_problem", "format_size", "now",
           "score_columns"]


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
    relayed_by: str = ""  # who brought another member's change in their bundle (a leader or the secretary)

    @property
    def who(self) -> str:
        """The author, and who relayed their work when someone did: "Trần Thị Bình (qua Lê Văn Cường)"."""
        from inspector.core.i18n import t

        return t("history.relayed", author=self.author, relayer=self.relayed_by) if self.relayed_by else self.author


class Inspection(NamedTuple):
    """One inspection as stored (a NamedTuple: the store's module is read by `list` and the interface's first
    screen, which must not pay for building the model's classes)."""

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
    evidence_dir: Path | None = None  # where its evidence files (and photos) are kept, for the documents


ANY = object()  # save_answer's `expected` when the caller does not guard against other windows


CHECK_EVERY = 7 * 24 * 3600  # seconds: a store unchanged but for this program's own commits is checked weekly


def default_path() -> Path:
    return data_dir() / "inspector.db"


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
        self._trusted: float | None = None  # when the store was last fully checked, if this open checked or trusted it
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            finish_pending_restore(self.path.parent)  # a restore cut off: made whole before anything is read
            self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit reaches the disk before it returns, so a flat battery loses nothing shown saved.
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            try:
                migrate(self.db)
            except NewerSchema as newer:
                raise StoreError("store.newer", str(newer.args[0]), str(self.path)) from None
        except (sqlite3.Error, OSError) as error:
            refused = translate(error, self.path) if isinstance(error, sqlite3.Error) else \
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
            raise translate(last, self.path) from None
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

    def _marker(self) -> Path:
        return self.path.with_name(self.path.name + "-checked")

    def _check_integrity(self) -> None:
        """SQLite's quick check when the store may have been damaged since this program last knew it good.

        It reads every page (111–149 ms for a province's store), so it is not run at every start. The marker
        file `inspector.db-checked` holds the file's identity, size and modification time as this program
        last left it good, and when the last full check ran. It is written after a good check and again
        when a store that was checked (or trusted by its marker) is closed cleanly: SQLite's own commits
        are atomic, so a file changed only through them stays good. Anything else changes the signature
        and the next open checks before anything is written: a crash or power cut (writes left in the WAL,
        or no clean close to renew the marker), another program or a copy over the file, a restore. A
        marker older than CHECK_EVERY is not trusted either (a disk can rot a file at rest).
        """
        signature = self._file_signature()
        try:
            mark, _, when = self._marker().read_text(encoding="ascii").partition(" ")
            if signature is not None and mark == signature and 0 <= time.time() - float(when) < CHECK_EVERY:
                self._trusted = float(when)
                return
        except (OSError, UnicodeDecodeError, ValueError):
            pass
        verdict = self._quick_check()
        if verdict == [("ok",)]:
            self._trusted = time.time()
            if signature is not None and self.read_only is None:
                self._write_marker(signature)
            return
        detail = "; ".join(str(row[0]) for row in verdict)[:300]
        if self.read_only is None:
            self.db.close()
            self._open_read_only(StoreError("store.damaged", detail, str(self.path)))
        self.read_only = StoreError("store.damaged", detail, str(self.path))

    def _quick_check(self) -> list[tuple[str]]:
        try:
            return self.db.execute("PRAGMA quick_check(5)").fetchall()
        except sqlite3.Error as error:
            return [(str(error),)]

    def _write_marker(self, signature: str) -> None:
        try:
            self._marker().write_text(f"{signature} {int(self._trusted or 0)}", encoding="ascii")  # floor: never ahead
        except OSError:
            pass  # checked again next time

    def close(self) -> None:
        """Close the connection; a store checked (or trusted) at open and closed cleanly renews its marker,
        so the next open does not read every page again (see _check_integrity)."""
        if self._trusted is not None and self.read_only is None:
            self._checkpoint()
        self.db.close()
        if self._trusted is not None and self.read_only is None:
            self._trusted_close()

    def _checkpoint(self) -> None:
        """Move the WAL's commits into the file (another connection of this process may keep the WAL)."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # the WAL stays: no marker, checked at the next open

    def __del__(self) -> None:
        # A command's store is let go when the command returns: that is a clean end too.
        if getattr(self, "_trusted", None) is not None and self.read_only is None:
            try:
                self._checkpoint()
                self.db.close()
                self._trusted_close()
            except Exception:  # noqa: BLE001 - never raise from a finaliser (interpreter shutdown)
                pass

    def _trusted_close(self) -> None:
        signature = self._file_signature()  # None while another connection keeps writes in the WAL
        if signature is not None:
            self._write_marker(signature)
        self._trusted = None

    @contextmanager
    def transaction(self) -> Iterator[Unit]:
        """One immediate transaction: `with store.transaction() as unit:` writes through `unit`, committed when
        the block ends, rolled back on any failure (translated into StoreError)."""
        if self.read_only is not None:
            raise self.read_only
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield Unit(self.db, self.author)
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
            raise translate(error, self.path) from None

    def _read(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def rows(self) -> Rows:
        """Single answers, figures and findings as stored, read outside any transaction."""
        return Rows(self.db)

    def query(self, sql: str, args: tuple[Any, ...] | list[Any] = ()) -> list[Any]:
        """Rows of a read of the caller's own tables (campaigns, conflicts, merged bundles), joined with the
        inspections they refer to when they need their unit's name."""
        return self._read(sql, args)

    def data_version(self) -> int:
        """Changes when another connection commits (for refreshing a second window)."""
        version: int = self._read("PRAGMA data_version")[0][0]
        return version

    # ---- inspections
    def create_inspection(self, checklist: Checklist, info: InspectionInfo, answers: dict[str, Answer] | None = None,
                          findings: Findings | None = None, facts: dict[str, int] | None = None,
                          campaign_id: int | None = None, source_sha: str | None = None) -> int:
        """A new inspection, with the answers, findings and facts of an imported file (`source_sha`: its
        content's SHA-256, so the same file is not taken twice by mistake): one transaction, all or nothing."""
        with self.transaction() as unit:
            return unit.insert_inspection(checklist, info, answers, findings, facts, campaign_id,
                                          source_sha=source_sha)

    def imported_from(self, sha: str) -> tuple[int, str, bool] | None:
        """(number, unit, archived) of the inspection an answer file with this content made, or None."""
        rows = self._read("SELECT id, unit, archived FROM inspections WHERE source_sha = ? ORDER BY id LIMIT 1", (sha,))
        return (rows[0][0], rows[0][1], bool(rows[0][2])) if rows else None

    def update_info(self, inspection_id: int, info: InspectionInfo, result: Result | None = None,
                    change: tuple[str, str, str] | None = None) -> None:
        """Store an inspection's header; with `result`, the score it now has (a header part that scores, such as
        the figures' source documents), and with `change` (field, old, new) an entry in its history."""
        from inspector.core.answer_data import details_to_data

        info = cleaned(info)
        with self.transaction() as unit:
            if result is not None:
                unit.touch(inspection_id, result)
            if change is not None:
                unit.audit(inspection_id, None, *change)
            unit.execute("UPDATE inspections SET unit = ?, unit_type = ?, date = ?, period = ?, inspecting_body = ?,"
                         " team = ?, representatives = ?, details = ?, updated_at = ? WHERE id = ?",
                         (info.unit, info.unit_type, info.date.isoformat(), info.period, info.inspecting_body,
                          json.dumps(list(info.team), ensure_ascii=False),
                          json.dumps(list(info.representatives), ensure_ascii=False),
                          json.dumps(details_to_data(info), ensure_ascii=False, sort_keys=True), unit.stamp,
                          inspection_id))

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

    def list_inspections(self, include_archived: bool = False, progress: Progress | None = None) -> list[InspectionRow]:
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

    def card_rows(self, ids: list[int], progress: Progress | None = None) -> list[CardRow]:
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
                                              record.facts, record.info.facts_evidence,
                                              record.info.period_end)).to_json()
                found[number] = CardRow(number, unit, date, f"{cid} {version}", Scorecard.from_json(text))
        missing = [number for number in ids if number not in found]
        if missing:
            raise StoreError("store.no_inspection", str(missing[0]), str(self.path))
        return [found[number] for number in ids]

    def load(self, inspection_id: int) -> Inspection:
        from inspector.core.answer_data import answer_from_data

        record, stored = self.load_stored(inspection_id)
        checklist = record.checklist
        for criterion_id, data in stored.items():
            record.answers[criterion_id] = answer_from_data(criterion_id, json.loads(data),
                                                            checklist.criterion(criterion_id))
        return record

    def load_stored(self, inspection_id: int) -> tuple[Inspection, dict[str, str]]:
        """The inspection without its answers (`answers` empty, to be filled by the caller) and its answers as
        stored (criterion id → JSON text): a province's CSV reads them without making an `Answer` of each."""
        from inspector.core.answer_data import details_from_data, findings_from_data

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
        stored: dict[str, str] = dict(self._read("SELECT criterion_id, data FROM answers WHERE inspection_id = ?",
                                                 (inspection_id,)))
        return Inspection(inspection_id, info, checklist, {}, findings_from_data(json.loads(findings)),
                          position, bool(archived), self.load_facts(inspection_id, checklist),
                          self.load_reported_facts(inspection_id, checklist), uid or "", self.evidence_dir()), stored

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
        given: str | None = rows[0][0]
        if given:
            return given
        with self.transaction() as unit:
            unit.execute("UPDATE inspections SET uid = ? WHERE id = ? AND uid IS NULL", (fresh, inspection_id))
        kept: str = self._read("SELECT uid FROM inspections WHERE id = ?", (inspection_id,))[0][0]
        return kept

    def stale_count(self) -> int:
        """How many inspections' cached scores another engine computed (all of them after a program update)."""
        count: int = self._read("SELECT count(*) FROM inspections WHERE scored_by IS NOT ?", (engine_stamp(),))[0][0]
        return count

    def refresh_stale_scores(self, progress: Progress | None = None) -> dict[int, ScoreColumns]:
        """Recompute the cached score of every inspection not stamped by today's engine; returns them by id.

        Scores are derived data: a program update that changes a rule, or a write that did not pass a
        result, leaves them stale, and nothing stale may reach a list.
        """
        stamp = engine_stamp()
        if not self._read("SELECT 1 FROM inspections WHERE scored_by IS NOT ? LIMIT 1", (stamp,)):
            return {}  # the usual answer, from the index alone
        stale = self._read("SELECT id, unit_type, checklist_sha256, checklist_id, checklist_version, details, period,"
                           " date FROM inspections WHERE scored_by IS NOT ?", (stamp,))
        if not stale:
            return {}
        from inspector.core.answer_data import facts_evidence_of
        from inspector.core.model import period_end
        from inspector.core.scoring import score

        updates = []
        unreadable: set[str] = set()
        for done, (inspection_id, unit_type, sha, cid, version, details, period, day) in enumerate(stale, 1):
            if progress:
                progress(done, len(stale))
            if sha in unreadable:
                continue
            try:
                checklist = self.checklist_of(sha, f"{cid}@{version}")
                result = score(checklist, self.load_answers(inspection_id, checklist), unit_type,
                               self.load_facts(inspection_id, checklist), facts_evidence_of(details),
                               period_end(period or "", dt.date.fromisoformat(day)))
            except (StoreError, ValueError, KeyError, TypeError):
                # A pinned text this program cannot read (a newer format, a damaged copy): the row keeps its
                # last score and opening it says why; one bad inspection never hides the others.
                unreadable.add(sha)
                continue
            updates.append((*score_columns(result), stamp, inspection_id))
        try:
            with self.transaction():
                self.db.executemany("UPDATE inspections SET answered = ?, to_answer = ?, score = ?, percent = ?,"
                                    " band = ?, scorecard = ?, scored_by = ? WHERE id = ?", updates)
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
        from inspector.core.checklist_form import (
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
                with self.transaction() as unit:
                    unit.execute("UPDATE checklist_texts SET parsed = ? WHERE sha256 = ?",
                                 (checklist_to_json(checklist), sha))
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
        with self.transaction() as unit:
            row = unit.fact_row(inspection_id, fact_id)
            old = row[0] if row else None
            if expected is not ANY and old != expected:
                raise AnswerChanged(fact_id)
            if old == value:
                return
            if value is None:
                unit.delete_fact(inspection_id, fact_id)
            else:
                unit.put_fact(inspection_id, fact_id, value)
            unit.audit(inspection_id, fact_id, "fact", None if old is None else str(old),
                       None if value is None else str(value))
            unit.touch(inspection_id, result)

    # ---- answers
    def save_answer(self, inspection_id: int, criterion_id: str, answer: Answer | None,
                    result: Result | None = None, expected: Answer | None | object = ANY) -> None:
        """Store (or with None, clear) one answer with its audit rows; returns once it is on disk.

        With `expected` (the answer the change was made to), raises AnswerChanged instead of writing when
        the stored answer is no longer that one: a second window's change is never silently undone.
        """
        new = answer_json(answer)
        with self.transaction() as unit:
            row = unit.answer_row(inspection_id, criterion_id)
            old = row[0] if row else None
            if expected is not ANY and old != answer_json(expected):  # type: ignore[arg-type]
                raise AnswerChanged(criterion_id)
            if old == new:
                return
            if new is None:
                unit.delete_answer(inspection_id, criterion_id)
            else:
                unit.put_answer(inspection_id, criterion_id, new)
            old_data, new_data = json.loads(old) if old else {}, json.loads(new) if new else {}
            for field in sorted(set(old_data) | set(new_data)):
                if old_data.get(field) != new_data.get(field):
                    unit.audit(inspection_id, criterion_id, field, audit_value(old_data.get(field)),
                               audit_value(new_data.get(field)))
            unit.touch(inspection_id, result, criterion_id)

    def import_answers(self, inspection_id: int, answers: dict[str, Answer], findings: Findings | None,
                       result: Result | None = None, facts: dict[str, int] | None = None,
                       checklist: Checklist | None = None) -> None:
        """Many answers (and figures) in one transaction (an imported file): all or nothing. With the
        `checklist`, the figures must fit those recorded (the figures' rule, read in the same transaction):
        StoreError "store.figures_break" otherwise, nothing written."""
        with self.transaction() as unit:
            if checklist is not None and facts:
                from inspector.core.figures import problems_with

                broken = problems_with(checklist, {**unit.facts(inspection_id), **facts}, set(facts),
                                       {**unit.answers(inspection_id, checklist), **answers})
                if broken:
                    raise StoreError("store.figures_break", broken[0].message(), str(self.path))
            unit.put_imported(inspection_id, answers, findings, facts or {})
            unit.touch(inspection_id, result)

    # ---- what bundles, the register and campaigns read
    def inspection_count(self) -> int:
        count: int = self._read("SELECT count(*) FROM inspections")[0][0]
        return count

    def findings_rows(self, include_archived: bool = True) -> list[tuple[int, str, str, dict[str, Any]]]:
        """(number, unit, ISO date, findings as data) of every inspection, newest first."""
        return [(number, unit, date, json.loads(findings)) for number, unit, date, findings in self._read(
            "SELECT id, unit, date, findings FROM inspections" + ("" if include_archived else " WHERE archived = 0")
            + " ORDER BY date DESC, id DESC")]

    def unit_and_date(self, inspection_id: int) -> tuple[str, str] | None:
        """(unit, ISO date) of an inspection, or None when there is none."""
        rows = self._read("SELECT unit, date FROM inspections WHERE id = ?", (inspection_id,))
        return (rows[0][0], rows[0][1]) if rows else None

    def neighbours(self, inspection_id: int, earlier: bool) -> list[tuple[int, str, str]]:
        """(number, unit, findings JSON) of the other inspections dated on or before this one's (`earlier`,
        newest first) or on or after it (oldest first): where the same unit's last and next visits are."""
        found = self.unit_and_date(inspection_id)
        if found is None:
            return []
        order = "date <= ? ORDER BY date DESC, id DESC" if earlier else "date >= ? ORDER BY date, id"
        return [(number, unit, findings) for number, unit, findings in self._read(
            f"SELECT id, unit, findings FROM inspections WHERE id != ? AND {order}", (inspection_id, found[1]))]

    def answer_rows(self, inspection_id: int) -> list[tuple[str, str, str, str]]:
        """(criterion, stored JSON, author, when) of every answer, by criterion."""
        return [tuple(row) for row in self._read("SELECT criterion_id, data, author, updated_at FROM answers"
                                                  " WHERE inspection_id = ? ORDER BY criterion_id", (inspection_id,))]

    def fact_rows(self, inspection_id: int) -> list[tuple[str, int, str, str]]:
        """(figure, value, author, when) of every recorded figure, by figure."""
        return [tuple(row) for row in self._read("SELECT fact_id, value, author, updated_at FROM facts"
                                                  " WHERE inspection_id = ? ORDER BY fact_id", (inspection_id,))]

    def history_rows(self, inspection_id: int) -> list[list[Any]]:
        """[when, item, field, old, new, author] of every history row, oldest first (as a bundle carries it)."""
        return [list(row) for row in self._read("SELECT at, criterion_id, field, old, new, author FROM audit"
                                                 " WHERE inspection_id = ? ORDER BY id", (inspection_id,))]

    def resolutions(self, inspection_id: int) -> list[dict[str, Any]]:
        """Each conflict settled for this inspection (the last decision per item), as a bundle carries it:
        kind, item, the value chosen (None: nothing), its author, who decided and when."""
        decided: dict[tuple[str, str], dict[str, Any]] = {}
        for kind, item, chosen, by, at, theirs, their_author in self._read(
                "SELECT kind, item_id, chosen, resolved_by, resolved_at, theirs, their_author FROM conflicts"
                " WHERE inspection_id = ? AND resolved_at IS NOT NULL ORDER BY resolved_at, id", (inspection_id,)):
            entry = decided.setdefault((kind, item), {"kind": kind, "item_id": item, "chosen": chosen, "by": by or "",
                                                      "at": at, "author": ""})
            entry.update(chosen=chosen, by=by or "", at=at)
            if chosen is not None and theirs == chosen:
                entry["author"] = their_author
        for (kind, item), entry in decided.items():
            if not entry["author"]:  # the value that was here already: its author is the stored one
                row = (self._read("SELECT author FROM answers WHERE inspection_id = ? AND criterion_id = ?",
                                  (inspection_id, item)) if kind in ("answer", "unit") else
                       self._read("SELECT author FROM facts WHERE inspection_id = ? AND fact_id = ?",
                                  (inspection_id, item)) if kind == "fact" else [])
                entry["author"] = row[0][0] if row else ""
        return list(decided.values())

    def origin_key(self, inspection_id: int) -> str | None:
        """The key that first sent an inspection made outside any campaign; None for one made on this laptop."""
        rows = self._read("SELECT origin_key FROM inspections WHERE id = ?", (inspection_id,))
        return rows[0][0] if rows else None

    def campaign_of(self, inspection_id: int) -> int | None:
        """The number of the campaign an inspection belongs to, or None."""
        rows = self._read("SELECT campaign_id FROM inspections WHERE id = ?", (inspection_id,))
        return rows[0][0] if rows else None

    def campaign_inspection_ids(self, number: int) -> set[int]:
        return {row[0] for row in self._read("SELECT id FROM inspections WHERE campaign_id = ?", (number,))}

    def audit(self, inspection_id: int, criterion_id: str | None = None) -> list[AuditEntry]:
        if criterion_id is None:
            rows = self._read("SELECT at, field, old, new, author, relayed_by FROM audit WHERE inspection_id = ?"
                              " ORDER BY id", (inspection_id,))
        else:
            rows = self._read("SELECT at, field, old, new, author, relayed_by FROM audit WHERE inspection_id = ? AND"
                              " criterion_id = ? ORDER BY id", (inspection_id, criterion_id))
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
        return self.save_findings_since(inspection_id, findings, changed)[0]

    def save_findings_since(self, inspection_id: int, findings: Findings, changed: tuple[str, ...] | None = None,
                            base: Findings | None = None) -> tuple[Findings, tuple[str, ...]]:
        """`save_findings`, comparing and swapping: with `base` (what the edits started from), a changed field
        that another window has changed meanwhile (on disk no longer `base`'s, nor this one's) is not written.
        Returns the findings now stored and those fields, for the person to choose."""
        from inspector.core.record import evolve

        from inspector.core.answer_data import findings_from_data, findings_to_data

        findings = cleaned(findings)
        with self.transaction() as unit:
            stored = unit.findings(inspection_id)
            if stored is None:
                raise StoreError("store.no_inspection", str(inspection_id), str(self.path))
            on_disk = findings_from_data(stored)
            conflicts: tuple[str, ...] = ()
            if base is not None and changed is not None:
                conflicts = tuple(name for name in changed if getattr(on_disk, name) != getattr(base, name)
                                  and getattr(on_disk, name) != getattr(findings, name))
                changed = tuple(name for name in changed if name not in conflicts)
            merged = findings
            if changed is not None:
                merged = evolve(on_disk, **{name: getattr(findings, name) for name in changed})
            old, new = findings_json(stored), findings_json(findings_to_data(merged))
            if old != new:
                unit.put_findings(inspection_id, findings_to_data(merged), touch=True)
                unit.audit(inspection_id, None, "findings", old, new)
        return merged, conflicts

    def set_position(self, inspection_id: int, criterion_id: str) -> None:
        with self.transaction() as unit:
            unit.execute("UPDATE inspections SET position = ? WHERE id = ?", (criterion_id, inspection_id))

    def set_archived(self, inspection_id: int, archived: bool) -> None:
        with self.transaction() as unit:
            unit.execute("UPDATE inspections SET archived = ? WHERE id = ?", (int(archived), inspection_id))
            unit.audit(inspection_id, None, "archived", str(not archived).lower(), str(archived).lower())

    # ---- evidence files
    def evidence_dir(self) -> Path:
        return self.path.parent / "evidence"

    def add_evidence_file(self, source: str | Path, progress: Callable[[int, int], None] | None = None
                          ) -> tuple[str, str]:
        """Copy a file into the store under its SHA-256; returns (sha256, the evidence text to record).

        One pass reads, hashes and copies; `progress(done, total)` is called per chunk. A symbolic link,
        a device or a file over MAX_EVIDENCE_BYTES is refused (StoreError) before anything is copied.
        """
        source = Path(source).expanduser()
        sha, size = evidence.copy_in(self.evidence_dir(), source, progress, tag=str(id(self)))
        with self.transaction() as unit:
            unit.record_evidence_file(sha, source.name, size)
        return sha, f"{source.name} [sha256:{sha[:12]}]"

    def evidence_path(self, sha: str) -> Path:
        return evidence.evidence_path(self.evidence_dir(), sha)

    def evidence_files(self, prefix: str) -> list[tuple[str, str]]:
        """(sha256, name) of the evidence files whose SHA-256 starts with `prefix` (as an answer cites them)."""
        return [(sha, name) for sha, name in self._read("SELECT sha256, name FROM evidence_files WHERE sha256 LIKE ?",
                                                         (prefix + "%",))]

    # ---- where the user left off
    def get_state(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_state(self, key: str, value: str | None) -> None:
        with self.transaction() as unit:
            if value is None:
                unit.execute("DELETE FROM app_state WHERE key = ?", (key,))
            else:
                unit.execute("INSERT INTO app_state VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (key, value))

    def integrity_check(self) -> str:
        verdict: str = self._read("PRAGMA integrity_check")[0][0]
        return verdict


