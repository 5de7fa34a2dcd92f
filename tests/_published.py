"""Agreement with a published figure to the digits it is published with.

A published "51.095e9" states its value to the nearest 0.001e9: a reproduction agrees
with it when it rounds to it, ``|actual - 51.095e9| <= 0.0005e9``. A relative tolerance
chosen once for every figure would be looser than the source for some figures (a
0.5 % tolerance lets an 8,766 h year pass against a total given to five digits) and
stricter than the rounding for others.
"""

from __future__ import annotations

import re

import numpy as np

_FIGURE = re.compile(r"^-?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$")


def half_unit(published: str) -> float:
    """Half a unit in the last digit of ``published`` ("1166.6" -> 0.05, "8.2e6" -> 5e4).

    Digits before the decimal point all count ("294" -> 0.5): write a figure rounded
    to thousands as "40e3", not "40000".
    """
    m = _FIGURE.match(published.replace(",", "").replace("_", ""))
    if m is None:
        raise ValueError(f"not a published figure: {published!r}")
    decimals = len(m.group(2) or "")
    exponent = int(m.group(3) or 0)
    return 0.5 * 10.0 ** (exponent - decimals)


def assert_rounds_to(actual, published: str, label: str = "") -> None:
    """Assert that ``actual`` rounds to the figure written as ``published``."""
    value = float(published.replace(",", "").replace("_", ""))
    tol = half_unit(published)
    got = float(np.ravel(actual)[0])
    # 1e-12 relative slack for the binary representation of the published decimal
    assert abs(got - value) <= tol * (1 + 1e-9) + 1e-12 * abs(value), (
        f"{label or published}: {got!r} does not round to the published {published} "
        f"(allowed +/- {tol:g})"
    )
