from decimal import Decimal
from fractions import Fraction

import pytest

from inspector.core.numbers import (
    plain,
    round_half_away,
    show,
    show_compared,
    to_json_number,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2.675", "2.68"), ("-2.675", "-2.68"), ("0.005", "0.01"), ("0.004999", "0.00"),
        ("1.005", "1.01"), ("2.665", "2.67"), ("-0.005", "-0.01"), ("3", "3.00"),
    ],
)
def test_round_half_away_from_zero(value, expected):
    assert round_half_away(Fraction(value)) == Decimal(expected)


def test_thirds_round_exactly():
    assert round_half_away(Fraction(2, 3)) == Decimal("0.67")
    assert round_half_away(Fraction(-2, 3)) == Decimal("-0.67")


@pytest.mark.parametrize(
    "value, mark, expected",
    [(Fraction("2.675"), ".", "2.68"), (Fraction("2.675"), ",", "2,68"), (Fraction(3), ",", "3"),
     (Fraction("1.50"), ",", "1,5"), (Fraction("-0.001"), ".", "0"), (Fraction(100), ".", "100")],
)
def test_show(value, mark, expected):
    assert show(value, mark) == expected


def test_show_compared_widens_misleading_rounding():
    # 89.996 would show as 90 next to "< 90"; it needs three places to read true.
    assert show_compared(Fraction("89.996"), Fraction(90), ".") == "89.996"
    assert show_compared(Fraction("89.5"), Fraction(90), ".") == "89.5"
    assert show_compared(Fraction(90), Fraction(90), ".") == "90"


def test_json_numbers():
    assert to_json_number(Fraction("2.675")) == 2.68
    assert to_json_number(Fraction(3)) == 3 and isinstance(to_json_number(Fraction(3)), int)


def test_plain_is_exact():
    assert plain(Fraction("2.675")) == "2.675"
    assert plain(Fraction(1, 3)) == "1/3"
    assert plain(Fraction(-1, 2)) == "-0.5"
