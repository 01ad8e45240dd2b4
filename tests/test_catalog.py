"""One catalog of words, written in one place per key: the core's words in core/, each interface's beside it."""

import ast
import string
from pathlib import Path

import inspector.cli  # noqa: F401  (registers the command line's words, and through it the interface's)
from inspector.core.i18n import CATALOG, LANGUAGES, register

ROOT = Path(__file__).resolve().parent.parent


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_says_the_same_in_both_languages():
    missing = [key for key, entry in CATALOG.items() if any(not entry.get(lang) for lang in LANGUAGES)]
    assert missing == []
    differ = [key for key, entry in CATALOG.items()
              if placeholders(entry["vi"]) != placeholders(entry["en"])
              or ("en_one" in entry and placeholders(entry["en_one"]) != placeholders(entry["en"]))]
    assert differ == []


def catalog_keys(path: Path) -> set[str]:
    """The keys a words module writes (its dict literals of entries)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict) and node.values and all(isinstance(v, ast.Dict) for v in node.values):
            found |= {k.value for k in node.keys if isinstance(k, ast.Constant)}
    return found


def test_the_interfaces_words_live_with_the_interfaces():
    core = set().union(*(catalog_keys(p) for p in (ROOT / "inspector" / "core").glob("i18n*.py")))
    assert sorted(k for k in core if k.split(".")[0] in ("ui", "cli")) == []
    tui, cli = catalog_keys(ROOT / "inspector" / "tui" / "words.py"), catalog_keys(ROOT / "inspector" / "cli" / "words.py")
    assert tui and cli and not (core & tui) and not (core & cli) and not (tui & cli)
    assert core | tui | cli == set(CATALOG)


def test_a_key_written_twice_is_refused():
    import pytest

    with pytest.raises(ValueError, match="written twice"):
        register({"word.yes": {"vi": "Vâng", "en": "Yes"}})
