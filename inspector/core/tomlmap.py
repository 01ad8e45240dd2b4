"""Line numbers for TOML values, computed only when a file has problems to report.

`tomllib` gives values but no positions. This scanner walks text that `tomllib` already accepted
and records the line where each key, table and array element starts, keyed by the same path the
validators use: ("section", 2, "criterion", 0, "steps", 1, "min").
"""

from __future__ import annotations

Path = tuple[str | int, ...]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


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
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                while self.pos < len(self.text) and self.text[self.pos] != "\n":
                    self.pos += 1
            else:
                return

    def skip_string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            end = self.text.find(quote * 3, self.pos + 3)
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
                parts.append(self.skip_string())
            else:
                start = self.pos
                while self.peek() in _BARE and self.peek():
                    self.pos += 1
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
            self.skip_ws(True)
            if self.pos >= len(self.text):
                break
            if self.peek() == "[":
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
                self.lines.setdefault(table, line)
                continue
            self.key_value(table)
        return self.lines

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
        if c == "[":
            self.advance()
            index = 0
            while True:
                self.skip_ws(True)
                if self.peek() == "]":
                    self.advance()
                    return
                if self.peek() == ",":
                    self.advance()
                    continue
                self.value(path + (index,))
                index += 1
        elif c == "{":
            self.advance()
            while True:
                self.skip_ws(False)
                if self.peek() == "}":
                    self.advance()
                    return
                if self.peek() == ",":
                    self.advance()
                    continue
                self.key_value(path)
        elif c in "\"'":
            self.skip_string()
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}\n#":
                self.pos += 1


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
