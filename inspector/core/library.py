"""Finding checklists: bundled ones and the user's own, by id or by file path."""

from __future__ import annotations

from pathlib import Path


from inspector.core.checklist import load_checklist
from inspector.core.model import Checklist
from inspector.core.paths import bundled_checklist_dir, user_checklist_dir
from inspector.core.problems import FileProblems
from inspector.core.record import record


@record
class Entry:
    path: Path
    origin: str  # "user" | "bundled"
    checklist: Checklist | None = None
    problems: FileProblems | None = None

    @property
    def id(self) -> str:
        return self.checklist.id if self.checklist else self.path.stem


def checklist_files() -> list[tuple[Path, str]]:
    """User checklists first: a user's copy of a bundled checklist is found before the original."""
    found: list[tuple[Path, str]] = []
    for directory, origin in ((user_checklist_dir(), "user"), (bundled_checklist_dir(), "bundled")):
        if directory.is_dir():
            found.extend((p, origin) for p in sorted(directory.glob("*.toml")) if not p.name.endswith(".answers.toml"))
    return found


ARCHIVE = "versions"


def archived_checklist_files() -> list[Path]:
    """Earlier releases of the bundled checklists (checklists/versions/<id>-<version>.toml), kept so that an
    inspection pinned to one of them still loads and scores as it did. Never listed, never the default."""
    folder = bundled_checklist_dir() / ARCHIVE
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def all_checklists() -> list[Entry]:
    entries = []
    for path, origin in checklist_files():
        try:
            entries.append(Entry(path, origin, load_checklist(path)))
        except FileProblems as problems:
            entries.append(Entry(path, origin, problems=problems))
    return entries


HEADER_BYTES = 16384  # a checklist's top-level keys come after at most a page of comments


def checklist_header(path: Path) -> tuple[str, str] | None:
    """A checklist file's id and version read from its top-level keys alone, or None when that cannot be
    told cheaply. Only ever used to skip a file that is not the one asked for: the file chosen is always
    read and validated whole, and any doubt (a cut inside a multi-line value, a bad byte) means None."""
    import tomllib

    from inspector.core.source import decode

    try:
        with path.open("rb") as handle:
            raw = handle.read(HEADER_BYTES)
        raw = raw[:raw.rfind(b"\n") + 1]  # whole lines only: never a character cut in two
        text = decode(raw, str(path))
    except (OSError, FileProblems):
        return None
    head = []
    for line in text.split("\n"):
        if line.lstrip().startswith("["):  # the first table: top-level keys all come before it
            break
        head.append(line)
    else:
        return None  # no table in the first lines: the file is read whole
    try:
        data = tomllib.loads("\n".join(head))
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    found_id, found_version = data.get("id"), data.get("version")
    if isinstance(found_id, str) and isinstance(found_version, str):
        return found_id, found_version
    return None


def find_checklist(ref: str, version: str | None = None) -> Checklist:
    """A checklist from a file path or an id; with `version`, prefer the copy of that version.

    Raises LookupError when no checklist has that id, FileProblems when the file is invalid.
    """
    path = Path(ref)
    if path.suffix == ".toml" or path.exists():
        return load_checklist(path)
    # Another version of the checklist, kept in case no copy of the one asked for is found.
    other_versions: list[Path] = []
    # Files named after the id are the common case: try them before reading every file.
    files = checklist_files()
    named = [(p, o) for p, o in files if p.stem == ref]
    others = [(p, o) for p, o in files if p.stem != ref]
    for group in (named, others):
        for file, _origin in group:
            header = checklist_header(file)
            if header is not None and header[0] != ref:
                continue
            if header is not None and version is not None and header[1] != version:
                other_versions.append(file)
                continue
            try:
                checklist = load_checklist(file)
            except FileProblems:
                if group is named:
                    raise
                continue
            if checklist.id == ref:
                if version is None or checklist.version == version:
                    return checklist
                other_versions.append(file)
    if version is not None:  # an earlier release, archived with the bundled checklists
        for file in archived_checklist_files():
            if not file.stem.startswith(f"{ref}-"):
                continue
            header = checklist_header(file)
            if header is not None and header != (ref, version):
                continue
            checklist = load_checklist(file)
            if checklist.id == ref and checklist.version == version:
                return checklist
    for file in other_versions:  # no copy of that version anywhere: the answers then say which they need
        try:
            return load_checklist(file)
        except FileProblems:
            if file.stem == ref:  # a broken file named after the id is that checklist: say what is wrong
                raise
    raise LookupError(ref)


def pinned_checklist(answers: Path) -> Checklist:
    """The checklist an answer file names in [inspection] (id and checklist_version): the current release, or
    the archived one of that version. Raises LookupError when the file names none that can be found."""
    import tomllib

    with answers.open("rb") as handle:
        inspection = tomllib.load(handle).get("inspection", {})
    ref, version = inspection.get("checklist"), inspection.get("checklist_version")
    if not isinstance(ref, str) or not isinstance(version, str):
        raise LookupError(str(answers))
    return find_checklist(ref, version)


def known_ids() -> list[str]:
    return sorted({e.id for e in all_checklists()})
