"""Line numbers for TOML values, computed only when a file has problems to report.

`tomllib` gives values but no positions. This scanner walks text that `tomllib` already accepted
and records the line where each key, table and array element starts, keyed by the same path the
validators use: ("section", 2, "criterion", 0, "steps", 1, "min").
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]


def _escaped(text: str, index: int, start: int) -> bool:
    """Whether the character at `index` follows an odd run of backslashes (no further back than `start`)."""
    run = 0
    while index - run - 1 >= start and text[index - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _unescaped(raw: str) -> str:
    """A quoted key's text as tomllib reads it ("a\\u0041" is "aA"), so its path matches."""
    import tomllib

    try:
        key: str = tomllib.loads(f'k = "{raw}"')["k"]  # a basic string always reads as a str
        return key
    except (tomllib.TOMLDecodeError, ValueError):
        return raw


_BARE = re.compile(r"[A-Za-z0-9_-]*")
_WS = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_WS_NEWLINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self.aot_counts: dict[Path, int] = {}

    # -- low level
    def peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.text[i] if i < len(self.text) else ""

    def advance(self, n: int = 1) -> None:
        chunk = self.text[self.pos : self.pos + n]
        self.line += chunk.count("\n")
        self.pos += n

    def skip_ws(self, newlines: bool) -> None:
        pattern = _WS_NEWLINES if newlines else _WS
        end = pattern.match(self.text, self.pos).end()  # type: ignore[union-attr]  # matches empty text too
        if end > self.pos:
            self.advance(end - self.pos)

    def skip_string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            end = self.pos + 3
            while True:  # a backslash escapes the next character in a basic string: \""" does not close it
                end = self.text.find(quote * 3, end)
                if end < 0 or quote == "'" or not _escaped(self.text, end, self.pos + 3):
                    break
                end += 1
            end = len(self.text) if end < 0 else end + 3
            while end < len(self.text) and self.text[end] == quote:  # """a"""" ends with quotes
                end += 1
            value = self.text[self.pos + 3 : end - 3]
            self.advance(end - self.pos)
            return value
        i = self.pos + 1
        while i < len(self.text) and self.text[i] != quote and self.text[i] != "\n":
            if quote == '"' and self.text[i] == "\\":
                i += 1
            i += 1
        value = self.text[self.pos + 1 : i]
        self.advance(i + 1 - self.pos)
        return value

    def read_key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_ws(False)
            c = self.peek()
            if c in "\"'":
                raw = self.skip_string()
                parts.append(_unescaped(raw) if c == '"' and "\\" in raw else raw)
            else:
                start = self.pos
                self.pos = _BARE.match(self.text, start).end()  # type: ignore[union-attr]
                parts.append(self.text[start : self.pos])
            self.skip_ws(False)
            if self.peek() == ".":
                self.advance()
                continue
            return parts

    # -- structure
    def resolve(self, keys: list[str]) -> Path:
        """A table header's keys → concrete path, stepping into the last element of each array of tables."""
        path: Path = ()
        for key in keys:
            path = path + (key,)
            if path in self.aot_counts:
                path = path + (self.aot_counts[path] - 1,)
        return path

    def scan(self) -> dict[Path, int]:
        table: Path = ()
        while self.pos < len(self.text):
            before = self.pos
            self.skip_ws(True)
            if self.pos >= len(self.text):
                break
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            if self.pos == before:  # text the scanner does not understand: step over it, never loop
                self.advance()
        return self.lines

    def header(self) -> Path:
        is_array = self.peek(1) == "["
        self.advance(2 if is_array else 1)
        keys = self.read_key()
        self.advance(2 if is_array else 1)
        line = self.line
        if is_array:
            parent = self.resolve(keys[:-1]) + (keys[-1],)
            index = self.aot_counts.get(parent, 0)
            self.aot_counts[parent] = index + 1
            self.lines.setdefault(parent, line)
            table = parent + (index,)
        else:
            table = self.resolve(keys)
        for end in range(1, len(table) + 1):  # [a.b.c] also writes tables a and a.b
            self.lines.setdefault(table[:end], line)
        return table

    def key_value(self, table: Path) -> None:
        line = self.line
        keys = self.read_key()
        path = table
        for key in keys:
            path = path + (key,)
            self.lines.setdefault(path, line)
        self.advance()  # '='
        self.skip_ws(False)
        self.value(path)

    def value(self, path: Path) -> None:
        self.lines.setdefault(path, self.line)
        c = self.peek()
        if c in "[{":
            self.container(path, "]" if c == "[" else "}")
        elif c in "\"'":
            self.skip_string()
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}\n#":
                self.pos += 1

    def container(self, path: Path, close: str) -> None:
        """An array or inline table; stops at the end of the text and always moves forward."""
        self.advance()
        index = 0
        while self.pos < len(self.text):
            before = self.pos
            self.skip_ws(close == "]")
            c = self.peek()
            if c == close:
                self.advance()
                return
            if c == ",":
                self.advance()
            elif close == "]":
                self.value(path + (index,))
                index += 1
            else:
                self.key_value(path)
            if self.pos == before:
                self.advance()


def value_lines(text: str) -> dict[Path, int]:
    """Map each path in the TOML document to the line where it is written."""
    try:
        return _Scanner(text).scan()
    except Exception:  # a scanner slip must never hide the real problem report
        return {}


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest written ancestor."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def deep_line(text: str, limit: int) -> int | None:
    """The line where brackets outside strings and comments first nest deeper than `limit`.

    A plain loop over the text, for files too deep for any parser that recurses.
    """
    depth, line, i, n = 0, 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            scanner = _Scanner(text)
            scanner.pos = i
            scanner.skip_string()
            line += text.count("\n", i, scanner.pos)
            i = max(scanner.pos, i + 1)
            continue
        elif c in "[{":
            depth += 1
            if depth > limit:
                return line
        elif c in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return None
