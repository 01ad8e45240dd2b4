"""Exact numbers: every point value is a Fraction; rounding happens only for display and export."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from math import lcm

ZERO = Fraction(0)
MAX_TYPED_DIGITS = 30  # longer is a slip of the finger, not a figure from a commune
_TYPED_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_TYPED_WHOLE = re.compile(r"[0-9]+")
# Thousands grouped by a point (Vietnamese), a comma (English) or a space: 8.630, 8,630, 8 630, 1.234.567.
_GROUPED_WHOLE = re.compile(r"[0-9]{1,3}(?:([.,\u00a0\u202f ])[0-9]{3})(?:\1[0-9]{3})*")
HUNDRED = Fraction(100)


def exact(value: int | Decimal | Fraction) -> Fraction:
    """An exact Fraction from a TOML integer or a Decimal parsed from its written form."""
    if isinstance(value, Fraction):
        return value
    return Fraction(value)


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """Σ of Fractions, fast: numerators are added per denominator, then the few groups combined.

    Scores share a handful of denominators (1, 2, 4, 10…), so this avoids a gcd per addition.
    """
    by_denominator: dict[int, int] = {}
    for value in values:
        n, d = value.as_integer_ratio()
        by_denominator[d] = by_denominator.get(d, 0) + n
    return grouped_sum(by_denominator)


def grouped_sum(by_denominator: dict[int, int]) -> Fraction:
    """Σ n/d over {d: n} (numerators already added per denominator), exact; 0 when empty."""
    if len(by_denominator) == 1:
        ((d, n),) = by_denominator.items()
        return Fraction(n, d)
    if not by_denominator:
        return ZERO
    common = lcm(*by_denominator)
    return Fraction(sum(n * (common // d) for d, n in by_denominator.items()), common)


def ratio_percent(numerator: int, denominator: int) -> Fraction:
    """100·n/d exactly: the percentage a ratio criterion is judged on (denominator > 0)."""
    return Fraction(100 * numerator, denominator)


def round_half_away(value: Fraction, places: int = 2) -> Decimal:
    """Round half away from zero to `places` decimals: 2.675 → 2.68, -2.675 → -2.68."""
    scale = 10**places
    scaled = abs(value) * scale
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    if value < 0:
        whole = -whole
    return Decimal(whole).scaleb(-places)


def format_decimal(value: Decimal, decimal_mark: str = ",") -> str:
    """Shortest text for a rounded decimal: 3, 1.5, 2.68 (with the locale's decimal mark)."""
    if value == value.to_integral_value():
        text = str(int(value))
    else:
        text = format(value.normalize(), "f")
    if text == "-0":
        text = "0"
    return text.replace(".", decimal_mark) if decimal_mark != "." else text


@functools.lru_cache(maxsize=8192)
def show(value: Fraction, decimal_mark: str = ",", places: int = 2) -> str:
    """A value as people read it: rounded half away from zero to `places`, no trailing zeros.

    Cached: a province's exports show the same few hundred point values hundreds of thousands of times."""
    return show_parts(value.numerator, value.denominator, decimal_mark, places)


# Below this many units of the last place, the integers' text is what Decimal's 28-digit context gives.
_EXACT_TEXT = 10**27


def show_parts(numerator: int, denominator: int, decimal_mark: str = ",", places: int = 2) -> str:
    """`show` of numerator/denominator (denominator > 0) in integers: no Fraction, Decimal or cache (a ratio's
    percentage is new in nearly every inspection of a province)."""
    scale = 10**places
    whole, rest = divmod(abs(numerator) * scale, denominator)
    if 2 * rest >= denominator:
        whole += 1
    return _scaled_text(-whole if numerator < 0 else whole, places, decimal_mark)


def _scaled_text(whole: int, places: int, decimal_mark: str) -> str:
    """The text of whole/10^places as format_decimal(round_half_away(…)) writes it: 3, 1.5, -0.25."""
    if not -_EXACT_TEXT < whole < _EXACT_TEXT:
        return format_decimal(Decimal(whole).scaleb(-places), decimal_mark)
    units, fraction = divmod(abs(whole), 10**places)
    if not fraction:
        return str(-units if whole < 0 else units)
    digits = str(fraction).rjust(places, "0").rstrip("0")
    return f"{'-' if whole < 0 else ''}{units}{decimal_mark}{digits}"


def show_compared(value: Fraction, thresholds: Fraction | tuple[Fraction, ...], decimal_mark: str = ",") -> str:
    """Show `value` with enough decimals that its comparison with each threshold reads true.

    89.996 shown as "90" next to "< 90" would mislead; this widens it to "89.996". In integers (a province's
    export asks this of every ratio): the shown value w/10^k against a threshold p/q is w·q against p·10^k.
    """
    if not isinstance(thresholds, tuple):
        thresholds = (thresholds,)
    a, b = value.numerator, value.denominator
    bounds = [(th.numerator, th.denominator) for th in thresholds]
    for places in (2, 3, 4, 6):
        scale = 10**places
        whole, rest = divmod(abs(a) * scale, b)
        if 2 * rest >= b:
            whole += 1
        if a < 0:
            whole = -whole
        if all((whole * q >= p * scale) == (a * q >= p * b) and (whole * q == p * scale) == (a * q == p * b)
               for p, q in bounds):
            return _scaled_text(whole, places, decimal_mark)
    return show_parts(a, b, decimal_mark, 8)


def to_json_number(value: Fraction) -> int | float:
    """Points as a JSON number rounded to 2 places."""
    rounded = round_half_away(value, 2)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)


def plain(value: Fraction | int) -> str:
    """Exact text as an author writes it, for messages: 3, 2.675, -0.5 (1/3 when it does not terminate)."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d != 1:
        return f"{value.numerator}/{value.denominator}"
    return format(Decimal(value.numerator) / Decimal(value.denominator), "f")


def parse_number(text: str) -> Fraction | None:
    """A number as people type it: 86.5, 86,5, -2 (a comma is the Vietnamese decimal mark)."""
    text = text.strip().replace(" ", "").replace(",", ".")
    # Plain decimals only: an exponent such as 1e999999999 would take forever to make exact.
    if len(text) > MAX_TYPED_DIGITS or not _TYPED_DECIMAL.fullmatch(text):
        return None
    return Fraction(text)


def parse_whole(text: str) -> int | None:
    """A whole number as people type it: 8630, 8.630, 8,630 or 8 630 (groups of three; 8.63 is no count)."""
    text = text.strip()
    if len(text) > MAX_TYPED_DIGITS:
        return None
    if _GROUPED_WHOLE.fullmatch(text):
        text = re.sub(r"[^0-9]", "", text)
    elif not _TYPED_WHOLE.fullmatch(text):
        return None
    return int(text)


def show_count(value: int, lang_mark: str = ",") -> str:
    """A count for reading: 8.630 in Vietnamese (decimal mark ","), 8,630 in English (decimal mark ".")."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if lang_mark == "," else grouped
