"""Problems found in a checklist or answer file, rendered as `FILE:LINE: path: message`."""

from __future__ import annotations

from fractions import Fraction
from typing import Any


from inspector.core.i18n import t
from inspector.core.record import record, field

Path = tuple[str | int, ...]


def printable(value: object) -> object:
    """Control characters from a file (newlines, ESC) shown escaped, so each message stays one safe line.

    Exact numbers are written as the author writes them in a file (2.675, never 2,68).
    """
    if isinstance(value, Fraction):
        from inspector.core.numbers import plain

        return plain(value)
    if not isinstance(value, str):
        return value
    from inspector.core.limits import visible

    return visible(value, keep="")


@record
class Problem:
    file: str
    line: int | None
    where: tuple[tuple[str, object], ...]  # (catalog key, param) segments, e.g. ("where.section", "C")
    code: str
    params: dict[str, object] = field(factory=dict, eq=False)
    path: Path = field(default=(), eq=False)  # the TOML path, for tools that map it elsewhere

    def message(self, lang: str | None = None) -> str:
        params = {k: (v.render(lang) if isinstance(v, Msg) else printable(v)) for k, v in self.params.items()}
        return t(self.code, lang, **params)

    def where_text(self, lang: str | None = None) -> str:
        parts = []
        for kind, value in self.where:
            value = printable(value)
            if kind == "key":
                parts.append(str(value))
            elif kind == "index":
                parts[-1] = f"{parts[-1]}[{value}]" if parts else f"[{value}]"
            elif kind.endswith("_n"):
                parts.append(t(kind, lang, n=value))
            else:
                parts.append(t(kind, lang, id=value))
        return " › ".join(parts) if parts else t("where.top", lang)

    def render(self, lang: str | None = None) -> str:
        line = self.line if self.line is not None else 1
        return f"{self.file}:{line}: {self.where_text(lang)}: {self.message(lang)}"


class Refusal(Exception):
    """Something a user asked for is refused: a catalog key and its parameters, said in their language."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)

    def message(self) -> str:
        return t(self.key, **{k: v.render() if isinstance(v, Msg) else v for k, v in self.params.items()})


@record
class Msg:
    """A message parameter that is itself a catalog entry, translated when the problem is rendered."""

    key: str
    params: dict[str, object] = field(factory=dict)

    def render(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()


def msg(catalog_key: str, /, **params: object) -> Msg:
    return Msg(catalog_key, params)


class FileProblems(Exception):
    """A file was refused; `problems` holds every problem found, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        super().__init__("\n".join(p.render() for p in self.problems))

    def render(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)


def describe(path: Path, data: dict[str, Any]) -> tuple[tuple[str, object], ...]:
    """Human segments for a TOML path: section C › criterion C1 › steps[2] › min."""
    segments: list[tuple[str, object]] = []
    node: Any = data
    i = 0
    while i < len(path):
        key = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        child = node.get(key) if isinstance(node, dict) else None
        if key in ("section", "criterion", "fact", "check") and isinstance(nxt, int) and isinstance(child, list) and node is not None:
            element = child[nxt] if nxt < len(child) else None
            ident = element.get("id") if isinstance(element, dict) else None
            if isinstance(ident, str) and ident:
                segments.append((f"where.{key}", ident))
            else:
                segments.append((f"where.{key}_n", nxt + 1))
            node = element
            i += 2
            continue
        if key == "answers" and i == 0 and isinstance(nxt, str):
            segments.append(("where.answer", nxt))
            node = child.get(nxt) if isinstance(child, dict) else None
            i += 2
            continue
        if isinstance(key, int):
            segments.append(("index", key + 1))
            node = node[key] if isinstance(node, list) and key < len(node) else None
        else:
            segments.append(("key", key))
            node = child
        i += 1
    return tuple(segments)
