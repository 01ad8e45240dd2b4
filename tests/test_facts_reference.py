"""Random checklists with facts, scored by the engine and by a small independent reading of §8 written here."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from inspector.core.answers import answers_from_text
from inspector.core.checklist import checklist_from_text
from inspector.core.problems import FileProblems
from inspector.core.scoring import score

FACT_IDS = ["f1", "f2", "f3", "f4", "f5"]


@st.composite
def cases(draw):
    """(checklist text, answer text, a description of both for the reference)."""
    criteria = []
    for index in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["ratio", "number"]))
        if kind == "ratio":
            sources = {"numerator": draw(st.lists(st.sampled_from(FACT_IDS), min_size=1, max_size=2)),
                       "denominator": draw(st.lists(st.sampled_from(FACT_IDS), min_size=1, max_size=3))}
        else:
            sources = {"value": draw(st.lists(st.sampled_from(FACT_IDS), min_size=1, max_size=2))}
        steps = sorted(draw(st.lists(st.integers(0, 100), min_size=1, max_size=3, unique=True)), reverse=True)
        criteria.append({"id": f"C{index + 1}", "type": kind, "sources": sources, "steps": steps,
                         "evidence": draw(st.booleans()), "na": draw(st.booleans()) and draw(st.booleans()),
                         "has_evidence": draw(st.booleans())})
    checks = [{"left": draw(st.lists(st.sampled_from(FACT_IDS), min_size=1, max_size=2)),
               "op": draw(st.sampled_from(["==", "<=", ">="])),
               "right": draw(st.lists(st.sampled_from(FACT_IDS), min_size=1, max_size=2))}
              for _ in range(draw(st.integers(0, 3)))]
    facts = {f: draw(st.integers(0, 50)) for f in FACT_IDS if draw(st.integers(0, 5))}
    return criteria, checks, facts


def toml_list(ids) -> str:
    return "[" + ", ".join(f'"{i}"' for i in ids) + "]"


def texts(criteria, checks, facts) -> tuple[str, str]:
    lines = ['format = 1', 'id = "r"', 'version = "1"', 'title = "R"', ""]
    for f in FACT_IDS:
        lines += ["[[fact]]", f'id = "{f}"', f'label = "{f}"', ""]
    for i, c in enumerate(checks):
        lines += ["[[check]]", f'id = "k{i}"', f'label = "k{i}"', f"left = {toml_list(c['left'])}",
                  f'op = "{c["op"]}"', f"right = {toml_list(c['right'])}", ""]
    lines += ["[[section]]", 'id = "S"', 'title = "S"', ""]
    for c in criteria:
        sources = ", ".join(f"{k} = {toml_list(v)}" for k, v in c["sources"].items())
        steps = ", ".join(f"{{ min = {m}, points = {len(c['steps']) - j} }}" for j, m in enumerate(c["steps"]))
        lines += ["[[section.criterion]]", f'id = "{c["id"]}"', f'title = "{c["id"]}"', f'type = "{c["type"]}"',
                  f"max = {len(c['steps'])}", f"facts = {{ {sources} }}", f"steps = [{steps}]"]
        if c["evidence"]:
            lines.append('evidence = "required"')
        lines.append("")
    answers = ['format = 1', '[inspection]', 'checklist = "r"', 'checklist_version = "1"', 'unit = "U"',
               "date = 2026-01-01", "", "[facts]"] + [f"{k} = {v}" for k, v in facts.items()] + [""]
    for c in criteria:
        table = []
        if c["na"]:
            table += ["na = true", 'reason = "không phát sinh"']
        if c["has_evidence"]:
            table.append('evidence = ["sổ"]')
        if table:
            answers += [f"[answers.{c['id']}]", *table, ""]
    return "\n".join(lines), "\n".join(answers)


def reference(criteria, checks, facts):
    """§8 read directly: (status, points) per criterion, or None when the file must be refused; failed checks."""
    def total(ids):
        return None if any(i not in facts for i in ids) else sum(facts[i] for i in ids)

    results = {}
    for c in criteria:
        if c["na"]:
            results[c["id"]] = ("na", Fraction(0))
            continue
        sums = {k: total(v) for k, v in c["sources"].items()}
        if any(v is None for v in sums.values()):
            results[c["id"]] = ("unanswered", Fraction(0))
            continue
        if c["type"] == "ratio":
            n, d = sums["numerator"], sums["denominator"]
            if n > d:
                return None, None  # an answer error: the figures are refused
            if d == 0:
                results[c["id"]] = ("na", Fraction(0))
                continue
            measured = Fraction(100 * n, d)
        else:
            measured = Fraction(sums["value"])
        if c["evidence"] and not c["has_evidence"]:
            results[c["id"]] = ("missing_evidence", Fraction(0))
            continue
        points = next((len(c["steps"]) - j for j, m in enumerate(c["steps"]) if measured >= m), 0)
        results[c["id"]] = ("answered", Fraction(points))
    failed = []
    for i, check in enumerate(checks):
        left, right = total(check["left"]), total(check["right"])
        if left is None or right is None:
            continue
        holds = {"==": left == right, "<=": left <= right, ">=": left >= right}[check["op"]]
        if not holds:
            failed.append(f"k{i}")
    return results, failed


@settings(max_examples=200, deadline=None)
@given(cases())
def test_engine_agrees_with_a_direct_reading_of_section_8(case):
    criteria, checks, facts = case
    checklist_text, answer_text = texts(criteria, checks, facts)
    checklist = checklist_from_text(checklist_text, "r.toml")
    expected, failed = reference(criteria, checks, facts)
    try:
        parsed = answers_from_text(answer_text, checklist, "r.answers.toml")
    except FileProblems as refused:
        assert expected is None, refused.render("en")
        assert all(": facts › " in line and "is greater than denominator" in line
                   for line in refused.render("en").splitlines())
        return
    assert expected is not None
    result = score(checklist, parsed.answers, None, parsed.facts)
    assert {r.id: (r.status, r.score) for r in result.criteria} == expected
    assert [c.id for c in result.checks_failed] == failed
    assert dict(result.facts) == facts
