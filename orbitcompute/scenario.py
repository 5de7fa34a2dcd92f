"""Scenario files: parse and validate a TOML scenario into plain parameter sets.

A scenario states a demand and the candidate placements::

    [scenario]
    name = "gigawatt"
    description = "1 GW of GB200-class IT load from 2027 for 6 years"

    [demand]
    it_power_mw = 1000            # or: it_power = "1 GW"; or accelerators = 600000
    accelerator = "gb200_nvl72"
    start_year = 2027             # the programme starts: construction / development begins
    years = 6                     # study horizon, including the build
    utilisation = 0.8

    [finance]
    discount_rate = 0.08
    dollar_year = 2025            # a label for the results: prices are not inflated

    [[terrestrial]]
    name = "memphis"
    site = "memphis_tn"
    # any keyword argument of placements.terrestrial.terrestrial_placement

    [[orbital]]
    name = "dawn_dusk_650"
    orbit = { kind = "sun_synchronous", altitude_km = 650, ltan_h = 18 }
    # any keyword argument of placements.orbital.orbital_placement

    [tornado]                     # optional: one-at-a-time ranges
    launch_price_usd_per_kg = [50, 500]
    "demand.utilisation" = [0.5, 1.0]

The keys of ``[tornado]`` and ``[uncertainty]`` are those of an override: a
parameter (for every placement that takes it), ``"<placement>.<param>"`` or one
of ``demand.it_power_mw``, ``demand.utilisation``, ``finance.discount_rate``;
each must reach at least one placement. A bare ``utilisation`` is
``demand.utilisation`` (giving both in ``[uncertainty]`` is an error, as is
``finance.discount_rate`` or ``demand.utilisation`` together with a placement's
own ``discount_rate`` or ``utilisation``), and a bare ``accelerator_price_usd`` or
``accelerator_all_in_power_w`` changes the accelerator of every placement,
terrestrial ones too (see :data:`ACCELERATOR_KEYWORDS`). A
``"<placement>.<param>"`` key wins over a bare key of the same parameter for
that placement, whichever comes first in the table.

Quantities are given either as a number in the key's unit (``altitude_km = 650``)
or as a string with units under the key without its unit suffix
(``altitude = "650 km"``) or with it (``altitude_km = "650 km"``); strings are
parsed with pint and converted once, here. The unit is that of the whole suffix:
``facility_capex = "11.7 USD/W"`` is ``facility_capex_usd_per_mw = 11.7e6``,
``water_available = "1e7 m**3/year"`` is ``water_available_m3_per_year = 1e7``.
A temperature in degC or degF is converted to kelvin
(``junction_max_temperature = "85 degC"`` is ``junction_max_temperature_k = 358.15``).
A placement's number may also be the string ``"inf"`` (how a results file's
metadata records ``inf``, the "no limit" of e.g. ``water_available_m3_per_year``).
An ``orbit`` table holds one orbit: one number per field.
Unknown keys are errors with a did-you-mean, and every error names the file,
the key, the value and what is allowed, e.g.
``gigawatt.toml: [demand] years=0: must be in [1, 50]``. The values of a placement
block are checked by its model when the scenario is evaluated, and those
errors name the file and the block as well
(``gigawatt.toml: [terrestrial.memphis] grid_wait_years=-1: must be >= 0 yr``).

The allowed keys of a placement block are the keyword parameters of the
placement function itself, so the loader never drifts from the models, and
the price and all-in power of the accelerator the placement is levelized with
(:data:`ACCELERATOR_KEYWORDS`), which any block may set, terrestrial ones too,
as the ``"<placement>.<param>"`` override does.
"""

from __future__ import annotations

import inspect
import math
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from orbitcompute._distspec import check_spec
from orbitcompute._paths import data_dir
from orbitcompute._validate import did_you_mean, short_repr
from orbitcompute.errors import InputError

__all__ = [
    "ACCELERATOR_KEYWORDS",
    "OUTER_OVERRIDES",
    "UTILISATION_ALIAS",
    "Candidate",
    "Scenario",
    "choice_keywords",
    "list_scenarios",
    "load",
    "mode_keywords",
    "override_conflict",
    "override_targets",
    "parse",
    "scenario_path",
    "uncertainty_example",
]

#: The demand and finance values an override (or an uncertain input) may change.
OUTER_OVERRIDES = ("demand.it_power_mw", "demand.utilisation", "finance.discount_rate")

#: The accelerator every placement is levelized with (its all-in power and price):
#: a bare override of one of these reaches every placement, terrestrial ones too, and
#: ``"<placement>.<param>"`` (or the same key in a ``[[terrestrial]]`` or ``[[orbital]]``
#: block) one placement, of either kind (for a terrestrial placement, or an orbital one
#: whose model does not take it in its mode, it changes the accelerator its cost is
#: levelized with; see :mod:`orbitcompute.compare`). For that placement a
#: ``"<placement>.<param>"`` override wins over a bare one, and either over its block.
ACCELERATOR_KEYWORDS = ("accelerator_all_in_power_w", "accelerator_price_usd")

#: A bare ``utilisation`` override means ``demand.utilisation``: every placement.
UTILISATION_ALIAS = {"utilisation": "demand.utilisation"}

_TERRESTRIAL_UTILISATION = (
    "not a key of a terrestrial placement: the fraction of accelerator-hours doing useful "
    "work is the scenario's [demand] utilisation (override demand.utilisation), the same "
    "for every placement; the site's average IT load over its capacity is load_factor"
)

# Their allowed values, in a scenario file and as overrides alike:
# (low, high, low included, high included, unit).
_OUTER_RANGES = {
    "demand.it_power_mw": (0.0, 1e6, False, True, "MW"),
    "demand.utilisation": (0.0, 1.0, False, True, ""),
    "finance.discount_rate": (0.0, 1.0, True, False, ""),
}


def _outer_number(where: str, key: str, value: Any) -> float:
    """A ``[demand]`` or ``[finance]`` value of :data:`OUTER_OVERRIDES` (``key`` is
    ``"demand.utilisation"``, ...) checked against its range, as :func:`_number`."""
    lo, hi, lo_in, hi_in, _ = _OUTER_RANGES[key]
    name = key.split(".", 1)[1]
    return _number(where, name, value, lo, hi, lo_open=not lo_in, hi_open=not hi_in)


# Unit suffixes of parameter names and the pint unit each one means. A name's unit
# is that of its longest suffix in this table (sorted below), so the unit of the
# whole name wins: "_usd_per_mw" (USD/MW) over "_mw", "_m3_per_year" over
# "_per_year". A suffix whose unit is None names a ratio that takes a plain number
# (MW of PV AC per MW round the clock), and a match whose stem still ends in "_per"
# (the rest of a compound unit this table does not know) gives no unit either: such
# a key takes a plain number, never a string read in the wrong unit. "USD" is
# pint's own currency dimension here (see _ureg): USD/W converts to USD/MW, but
# no other currency is defined.
_SUFFIX_UNITS: tuple[tuple[str, str | None], ...] = tuple(
    sorted(
        (
            ("_mwac_per_rtc_mw", None),
            ("_usd_per_kwh", "USD/kWh"),
            ("_usd_per_mwh", "USD/MWh"),
            ("_usd_per_kg", "USD/kg"),
            ("_usd_per_kw", "USD/kW"),
            ("_usd_per_mw", "USD/MW"),
            ("_usd_per_w", "USD/W"),
            ("_usd_per_mmbtu", "USD/MMBtu"),
            ("_usd_per_acre", "USD/acre"),
            ("_usd_per_m2", "USD/m**2"),
            ("_usd_per_m3", "USD/m**3"),
            ("_usd_per_launch", "USD"),
            ("_usd_per_year", "USD/year"),
            ("_usd", "USD"),
            ("_w_per_kg", "W/kg"),
            ("_w_per_m2", "W/m**2"),
            ("_kg_per_m2", "kg/m**2"),
            ("_kg_per_m3", "kg/m**3"),
            ("_kg_per_kw", "kg/kW"),
            ("_t_per_mwh", "t/MWh"),
            ("_btu_per_kwh", "Btu/kWh"),
            ("_l_per_kwh", "L/kWh"),
            ("_acres_per_mw", "acre/MW"),
            ("_m3_per_year", "m**3/year"),
            ("_per_year", "1/year"),
            ("_per_mw", "1/MW"),
            ("_wh_per_kg", "Wh/kg"),
            ("_bps", "bit/s"),
            ("_gbps", "Gbit/s"),
            ("_km", "km"),
            ("_m2", "m**2"),
            ("_m3", "m**3"),
            ("_mm", "mm"),
            ("_cm", "cm"),
            ("_m", "m"),
            ("_kg", "kg"),
            ("_t", "t"),
            ("_mw", "MW"),
            ("_kw", "kW"),
            ("_gw", "GW"),
            ("_w", "W"),
            ("_wh", "Wh"),
            ("_mwh", "MWh"),
            ("_deg", "degree"),
            ("_rad", "radian"),
            ("_h", "hour"),
            ("_min", "minute"),
            ("_s", "second"),
            ("_days", "day"),
            ("_years", "year"),
            ("_k", "kelvin"),
            ("_c", "degC"),
            ("_hz", "Hz"),
            ("_ghz", "GHz"),
            ("_nm", "nm"),
            ("_acres", "acre"),
        ),
        key=lambda su: -len(su[0]),
    )
)

_DEMAND_KEYS = {
    "it_power_mw": "IT load to place [MW], > 0",
    "accelerators": "number of accelerators (alternative to it_power_mw), > 0",
    "accelerator": "catalog accelerator name",
    "start_year": (
        "calendar year the programme starts (construction or development begins; year 0 of "
        "the horizon), 2000..2100"
    ),
    "years": "study horizon in years, including the build, 1..50",
    "utilisation": "fraction of accelerator-hours doing useful work, (0, 1]",
    "include_accelerators": "true to add accelerator capex to every placement (default true)",
}
_FINANCE_KEYS = {
    "discount_rate": "real discount rate per year, [0, 1)",
    "dollar_year": (
        "year of the dollars the results are labelled in, 1990..2100 (a label: no "
        "inflation conversion; catalog prices are nominal USD of their sources' years, "
        "2019-2025)"
    ),
}
_SCENARIO_KEYS = {
    "name": "scenario name",
    "description": "one-line description",
    "source_id": "source id(s) of a published analysis this scenario reproduces",
    "note": "free text",
}
_TOP_KEYS = (
    "scenario",
    "demand",
    "finance",
    "terrestrial",
    "orbital",
    "tornado",
    "uncertainty",
    "correlation",
)
#: Keys of one ``[[correlation]]`` entry.
_CORRELATION_KEYS = ("pair", "rho", "source_id", "note")


@dataclass(frozen=True)
class Candidate:
    """One candidate placement of a scenario: its kind, name and model keywords."""

    kind: str  # "terrestrial" | "orbital"
    name: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: plain numbers in the units their names say."""

    name: str
    description: str
    demand: Mapping[str, Any]
    finance: Mapping[str, Any]
    candidates: tuple[Candidate, ...]
    tornado: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    uncertainty: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    correlation: Mapping[tuple[str, str], float] = field(default_factory=dict)
    source_id: str | None = None
    path: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def candidate(self, name: str) -> Candidate:
        """Return the candidate called ``name`` (InputError with a suggestion otherwise)."""
        names = [c.name for c in self.candidates]
        for c in self.candidates:
            if c.name == name:
                return c
        raise InputError(
            f"placement={name!r}: not in scenario {self.name!r}; available: {', '.join(names)}"
            f"{did_you_mean(name, names)}"
        )


@cache
def _ureg():
    import pint

    # "85 degC" is 358.15 K: a number times an offset unit (degC, degF) is converted to
    # kelvin, which pint otherwise refuses as an ambiguous offset-unit operation
    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.define("USD = [currency]")
    ureg.define("MMBtu = 1e6 * Btu")
    return ureg


def _unit_of(key: str) -> tuple[str, str] | None:
    """Return (suffix, pint unit) for a key with a unit suffix, else None.

    The longest suffix of :data:`_SUFFIX_UNITS` wins. A suffix without a unit (a
    ratio), or a stem that still ends in ``_per`` (the suffix is only the end of a
    compound unit the table does not know), gives None rather than a wrong unit.
    """
    for suffix, unit in _SUFFIX_UNITS:
        if key.endswith(suffix) and len(key) > len(suffix):
            if unit is None or key[: -len(suffix)].endswith("_per"):
                return None
            return suffix, unit
    return None


def _at(where: str, key: str) -> str:
    """``where`` and ``key`` for a message: ``"[demand] years"``, or ``"orbit.altitude"``
    when ``where`` ends in a key prefix (a dot)."""
    return f"{where}{key}" if where.endswith(".") else f"{where} {key}"


# A power of a power, or an exponent of three or more digits: pint would evaluate the
# integer exactly ("9**9**9 MW" never returns). Unit powers such as "m**2" are fine.
_RUNAWAY_POWER = re.compile(r"\*\*\s*[\w.()+-]+\s*\*\*|\*\*\s*\(?\s*[-+]?\d{3,}")


def _check_quantity_text(where: str, key: str, text: str) -> None:
    if _RUNAWAY_POWER.search(text):
        raise InputError(
            f"{_at(where, key)}={text!r}: powers of powers and exponents of 100 or more are not "
            'evaluated; write the number in e-notation (e.g. "1e9 W")'
        )


def _convert_quantity(where: str, key: str, text: str, target_unit: str) -> float:
    import pint

    ureg = _ureg()
    _check_quantity_text(where, key, text)
    try:
        q = ureg.Quantity(text)
        return float(q.to(target_unit).magnitude)
    except (
        pint.errors.DimensionalityError,
        pint.errors.UndefinedUnitError,
        ValueError,
        AttributeError,
        TypeError,
        AssertionError,
        ArithmeticError,  # e.g. "1/0 MW", "10**400 MW"
        pint.errors.DefinitionSyntaxError,
    ) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"{_at(where, key)}={text!r}: must be a quantity convertible to {target_unit} "
            f"({reason})"
        ) from None


def _normalise_units(
    where: str,
    table: Mapping[str, Any],
    allowed: set[str],
    allowed_note: str = "",
    unknown_hint: Callable[[str, str], str] | None = None,
) -> dict[str, Any]:
    """Turn ``altitude = "650 km"`` into ``altitude_km = 650.0`` for allowed keys.

    An unknown key is an error with a did-you-mean, and ``allowed_note`` (what the
    table takes) after it when given. ``unknown_hint(key, did_you_mean)``, when
    given, returns what to say instead of the did-you-mean (``""`` or ``"; ..."``)."""
    out: dict[str, Any] = {}
    # keys of the allowed set by their stem (name without the unit suffix)
    by_stem: dict[str, list[tuple[str, str]]] = {}
    for k in sorted(allowed):
        u = _unit_of(k)
        if u is not None:
            by_stem.setdefault(k[: -len(u[0])], []).append((k, u[1]))
    for key, val in table.items():
        if key in allowed:
            if isinstance(val, str) and _unit_of(key) is not None and _looks_numeric(val):
                out[key] = _convert_quantity(where, key, val, _unit_of(key)[1])  # type: ignore[index]
            else:
                out[key] = val
            continue
        if key in by_stem:
            options = by_stem[key]
            units = " or ".join(u for _, u in options)
            if isinstance(val, bool):
                keys = " or ".join(f for f, _ in options)
                raise InputError(
                    f"{_at(where, key)}={str(val).lower()}: must be a number in {units} "
                    f"(key {keys}) or a string with units, not a boolean"
                )
            if not isinstance(val, str):
                full, unit = options[0]
                raise InputError(
                    f"{_at(where, key)}={_short(val)}: a bare number needs the unit in the key "
                    f"({' or '.join(f for f, _ in options)}) or a string with units "
                    f"(e.g. '{val} {unit}')"
                )
            full, value = _convert_to_one_of(where, key, val, options)
            if full in table:
                raise InputError(
                    f"{_at(where, key)}={val!r}: given twice, also as {full} ({units})"
                )
            out[full] = value
            continue
        choices = sorted(allowed | set(by_stem))
        note = f"; {allowed_note}" if allowed_note else ""
        close = did_you_mean(key, choices)
        if unknown_hint is not None:
            close = unknown_hint(key, close)
        raise InputError(f"{_at(where, key)}={_short(val)}: unknown key{close}{note}")
    return out


def _convert_to_one_of(
    where: str, key: str, text: str, options: list[tuple[str, str]]
) -> tuple[str, float]:
    """Convert ``text`` to the one option whose unit has the same dimensions."""
    import pint

    ureg = _ureg()
    _check_quantity_text(where, key, text)
    try:
        q = ureg.Quantity(text)
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        ValueError,
        AttributeError,
        TypeError,
        AssertionError,
        ArithmeticError,  # e.g. "1/0 MW", "10**400 MW"
    ) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{_at(where, key)}={text!r}: not a quantity ({reason})") from None
    for full, unit in options:
        if q.is_compatible_with(unit):
            return full, _convert_quantity(where, key, text, unit)
    units = " or ".join(u for _, u in options)
    raise InputError(f"{_at(where, key)}={text!r}: must be a quantity convertible to {units}")


def _looks_numeric(text: str) -> bool:
    return bool(re.match(r"^\s*[-+]?(\d|\.\d)", text))


def _short(v: Any) -> str:
    return short_repr(v, 40)


def _number(
    where: str,
    key: str,
    v: Any,
    lo: float,
    hi: float,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
    integer: bool = False,
) -> float:
    if isinstance(v, bool):  # as the file spells it (TOML's true), not Python's True
        raise InputError(f"{where} {key}={str(v).lower()}: must be a number, not a boolean")
    if not isinstance(v, (int, float)):
        text = ""
        if isinstance(v, str):
            # a key with a unit takes text with units ("100 MW"), one without takes none
            unit = _unit_of(key)
            text = (
                f" in {unit[1]} or a quantity with units (e.g. '100 {unit[1]}')"
                if unit
                else "; write it bare: this key takes no unit or quotes"
            )
        raise InputError(f"{where} {key}={_short(v)}: must be a number{text}")
    fv = float(v)
    if fv != fv:
        raise InputError(f"{where} {key}=nan: must be a number")
    bad = fv < lo or fv > hi or (lo_open and fv == lo) or (hi_open and fv == hi)
    if integer and (not math.isfinite(fv) or fv != int(fv)):
        raise InputError(f"{where} {key}={v!r}: must be a whole number")
    if bad:
        lb = "(" if lo_open else "["
        hb = ")" if hi_open else "]"
        raise InputError(f"{where} {key}={v!r}: must be in {lb}{lo:g}, {hi:g}{hb}")
    return int(fv) if integer else fv


#: The kinds of placement (the ``[[terrestrial]]`` and ``[[orbital]]`` blocks).
_KINDS = ("terrestrial", "orbital")
#: The modes of the orbital placement (``mode=`` of
#: :func:`orbitcompute.placements.orbital.orbital_placement`).
_MODES = ("bottom_up", "top_down")
#: Names a candidate may not have: ``"none"`` is the Monte Carlo's row for samples where
#: no placement is feasible; ``demand`` and ``finance`` start the override keys
#: ``demand.*`` and ``finance.*``, so ``"<placement>.<param>"`` could not reach them.
_RESERVED_NAMES = ("none", "demand", "finance")


def _check_kind(kind: Any) -> str:
    """``kind`` if it is a placement kind, else an InputError listing the kinds."""
    if not isinstance(kind, str) or kind not in _KINDS:
        raise InputError(
            f"kind={_short(kind)}: must be one of {', '.join(_KINDS)}"
            f"{did_you_mean(kind, _KINDS) if isinstance(kind, str) else ''}"
        )
    return kind


def _check_mode(mode: Any) -> str:
    """``mode`` if it is an orbital mode, else an InputError listing the modes."""
    if not isinstance(mode, str) or mode not in _MODES:
        raise InputError(
            f"mode={_short(mode)}: must be one of {', '.join(_MODES)}"
            f"{did_you_mean(mode, _MODES) if isinstance(mode, str) else ''}"
        )
    return mode


def _placement_function(kind: str) -> Callable[..., Any]:
    if _check_kind(kind) == "terrestrial":
        from orbitcompute.placements.terrestrial import terrestrial_placement

        return terrestrial_placement
    from orbitcompute.placements.orbital import orbital_placement

    return orbital_placement


def placement_keywords(kind: str) -> frozenset[str]:
    """Keyword parameters a ``[[kind]]`` block may set (the model's own signature).

    Raises
    ------
    InputError
        ``kind`` is not ``"terrestrial"`` or ``"orbital"``.
    """
    return _placement_keywords(_check_kind(kind))


@cache
def _placement_keywords(kind: str) -> frozenset[str]:
    fn = _placement_function(kind)
    sig = inspect.signature(fn)
    # demand arguments, and evaluation options that are not part of a placement
    demand_args = {"it_power_mw", "years", "start_year", "outputs"}
    names = {
        n
        for n, p in sig.parameters.items()
        if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD) and n not in demand_args
    }
    if any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values()):
        # a model taking **design publishes the names it accepts
        module = inspect.getmodule(fn)
        extra = getattr(module, "ACCEPTED_KEYWORDS", None)
        if extra is None:
            raise RuntimeError(
                f"{fn.__name__} takes **kwargs but its module defines no ACCEPTED_KEYWORDS"
            )
        names |= set(extra)
    return frozenset(names)


def choice_keywords(kind: str) -> frozenset[str]:
    """Keywords of a placement kind that choose by name or table, not by number.

    A site, an orbit, a catalog entry, a mode, a power order: these can be set
    in a scenario or an override, but not sampled, swept or scanned (see the
    ``CHOICE_KEYWORDS`` of :mod:`orbitcompute.placements.terrestrial` and
    :mod:`orbitcompute.placements.orbital`).

    Raises
    ------
    InputError
        ``kind`` is not ``"terrestrial"`` or ``"orbital"``.
    """
    return _choice_keywords(_check_kind(kind))


@cache
def _choice_keywords(kind: str) -> frozenset[str]:
    module = inspect.getmodule(_placement_function(kind))
    return frozenset(module.CHOICE_KEYWORDS)  # type: ignore[union-attr]


def mode_keywords(kind: str, mode: str = "bottom_up") -> frozenset[str]:
    """Keyword parameters a placement model takes in one mode.

    Parameters
    ----------
    kind : {"terrestrial", "orbital"}
    mode : str
        The orbital model's ``mode`` (``"bottom_up"`` or ``"top_down"``); the
        terrestrial model has one set of keywords.

    Returns
    -------
    frozenset of str
        For an orbital placement, the keywords shared by both modes and those of
        its own mode (a keyword of the other mode is an error in the model).

    Raises
    ------
    InputError
        ``kind`` is not ``"terrestrial"`` or ``"orbital"``, or ``mode`` is not
        ``"bottom_up"`` or ``"top_down"``.
    """
    return _mode_keywords(_check_kind(kind), _check_mode(mode))


@cache
def _mode_keywords(kind: str, mode: str) -> frozenset[str]:
    if kind != "orbital":
        return placement_keywords(kind)
    from orbitcompute.placements import orbital as om

    own = om.TOP_DOWN_DEFAULTS if mode == "top_down" else om.BOTTOM_UP_DEFAULTS
    return frozenset(
        {"orbit", "mode", "utilisation", "discount_rate"} | set(om.SHARED_DEFAULTS) | set(own)
    )


@cache
def _every_keyword() -> frozenset[str]:
    return placement_keywords("terrestrial") | placement_keywords("orbital")


@cache
def _every_choice_keyword() -> frozenset[str]:
    return choice_keywords("terrestrial") | choice_keywords("orbital")


def _candidate_keywords(cand: Candidate) -> frozenset[str]:
    """The parameters an override may set for ``cand``: its model's keywords in its mode
    and the accelerator it is levelized with (:data:`ACCELERATOR_KEYWORDS`)."""
    return mode_keywords(cand.kind, str(cand.params.get("mode", "bottom_up"))) | frozenset(
        ACCELERATOR_KEYWORDS
    )


def override_targets(
    candidates: Sequence[Candidate],
    key: Any,
    where: str,
    *,
    any_mode: bool = False,
    numeric: bool = False,
) -> tuple[str, ...]:
    """The candidates an override key reaches, after checking the key.

    An override key (of :func:`orbitcompute.compare.evaluate`, an uncertain
    input of a Monte Carlo or a scenario's ``[uncertainty]`` table) is one of
    :data:`OUTER_OVERRIDES` (reaches every candidate), ``"<placement>.<param>"``
    (that candidate; ``param`` must be one of its model's keywords in its
    mode, or one of :data:`ACCELERATOR_KEYWORDS`) or a bare ``"<param>"``
    (every candidate whose model takes it in its mode; possibly none, which the
    caller decides about). A bare ``utilisation`` (``demand.utilisation``) and a
    bare accelerator price or power (:data:`ACCELERATOR_KEYWORDS`, the
    accelerator every placement is levelized with) reach every candidate.

    Parameters
    ----------
    candidates : sequence of Candidate
        The scenario's candidates.
    key : str
        The key as the user wrote it.
    where : str
        Start of the error message, naming the argument and the key, e.g.
        ``"distributions={'launch_price_usd_kg': ...}"``.
    any_mode : bool
        Check ``"<placement>.<param>"`` against every keyword of the placement's
        kind rather than its mode's (when the mode itself is overridden).
    numeric : bool
        The key will be given numbers (a distribution, a sweep, a scan): refuse
        the keywords that choose by name (:func:`choice_keywords`).

    Returns
    -------
    tuple of str
        Names of the candidates the key reaches, in scenario order.

    Raises
    ------
    InputError
        ``"<where>: <reason>"`` for a key that is not a string, names a demand or
        finance value that cannot be overridden, a placement not in the scenario,
        or a parameter that the placement (or, bare, every model) does not take;
        with a did-you-mean. With ``numeric``, also for a keyword that chooses
        by name. ``candidates=...`` when ``candidates`` is not a sequence of
        :class:`Candidate`.
    """
    if isinstance(candidates, (str, bytes, Mapping)) or not isinstance(candidates, Sequence):
        raise InputError(
            f"candidates={_short(candidates)}: must be a sequence of Candidate "
            "(a Scenario's candidates)"
        )
    for c in candidates:
        if not isinstance(c, Candidate):
            raise InputError(
                f"candidates={_short(candidates)}: must be a sequence of Candidate "
                f"(a Scenario's candidates); {_short(c)} is not"
            )
    if not isinstance(key, str):
        raise InputError(
            f"{where}: keys must be strings: '<parameter>', '<placement>.<parameter>' or "
            f"one of {', '.join(OUTER_OVERRIDES)}"
        )
    if key.startswith(("demand.", "finance.")):
        if key not in OUTER_OVERRIDES:
            raise InputError(
                f"{where}: only {', '.join(OUTER_OVERRIDES)} may be overridden"
                f"{did_you_mean(key, OUTER_OVERRIDES)}"
            )
        return tuple(c.name for c in candidates)
    if "." in key:
        head, param = key.split(".", 1)
        names = [c.name for c in candidates]
        cand = next((c for c in candidates if c.name == head), None)
        if cand is None:
            raise InputError(
                f"{where}: no placement {head!r} in the scenario; placements: "
                f"{', '.join(names)}{did_you_mean(head, names)}"
            )
        kind_kw = placement_keywords(cand.kind)
        own = kind_kw | frozenset(ACCELERATOR_KEYWORDS) if any_mode else _candidate_keywords(cand)
        if param not in own:
            mode = cand.params.get("mode", "bottom_up")
            if param in ("utilisation", "utilization") and cand.kind == "terrestrial":
                raise InputError(f"{where}: {_TERRESTRIAL_UTILISATION}")
            if param in kind_kw:
                raise InputError(
                    f"{where}: the {cand.kind} placement {head!r} (mode={mode!r}) has no "
                    f"parameter {param!r}: it belongs to the other mode"
                )
            other = "orbital" if cand.kind == "terrestrial" else "terrestrial"
            if param in placement_keywords(other):
                others = [c.name for c in candidates if c.kind == other]
                which = f" ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''})"
                raise InputError(
                    f"{where}: the {cand.kind} placement {head!r} has no parameter "
                    f"{param!r}: it is a parameter of the {other} placements"
                    + (which if others else "")
                )
            raise InputError(
                f"{where}: the {cand.kind} placement {head!r} has no parameter {param!r}"
                f"{did_you_mean(param, own)}"
            )
        if numeric and param in choice_keywords(cand.kind):
            raise InputError(_not_numeric(where, param))
        return (cand.name,)
    every = _every_keyword()
    if key not in every:
        raise InputError(
            f"{where}: no placement model has a parameter {key!r}{did_you_mean(key, every)}"
        )
    if numeric and key in _every_choice_keyword():
        raise InputError(_not_numeric(where, key))
    if key in UTILISATION_ALIAS:
        return tuple(c.name for c in candidates)
    return tuple(c.name for c in candidates if key in _candidate_keywords(c))


#: An ``[uncertainty]`` entry to suggest, by kind of placement (values of the gigawatt
#: scenario: Starship's catalog price range; Epoch's 1 to 3.6 years of construction).
_UNCERTAINTY_EXAMPLES = (
    "launch_price_usd_per_kg = {dist = 'triangular', low = 50, mode = 200, high = 1000}",
    "construction_years = {dist = 'triangular', low = 1, mode = 2, high = 3.6}",
)


def uncertainty_example(candidates: Sequence[Candidate]) -> str:
    """An ``[uncertainty]`` entry that reaches one of ``candidates``, to suggest in a
    message: a launch price where there is an orbital placement, else a construction
    time (the first of :data:`_UNCERTAINTY_EXAMPLES` that some placement takes)."""
    for entry in _UNCERTAINTY_EXAMPLES:
        key = entry.split(" = ", 1)[0]
        if any(key in _candidate_keywords(c) for c in candidates):
            return entry
    return _UNCERTAINTY_EXAMPLES[0]


def override_conflict(keys: Iterable[Any]) -> tuple[str, str, str] | None:
    """The first two override keys of ``keys`` that set one value twice, or ``None``.

    Checked on the keys alone (before any value is sampled): a bare ``utilisation``
    with ``demand.utilisation`` (the same value, :data:`UTILISATION_ALIAS`), and a
    scenario-wide ``demand.utilisation`` (or ``utilisation``) or
    ``finance.discount_rate`` with a placement's own ``"<placement>.utilisation"`` or
    ``discount_rate`` (bare or ``"<placement>.discount_rate"``), which
    :func:`orbitcompute.compare.evaluate` refuses as well.

    Returns
    -------
    (key, other, reason) or None
        ``key`` is the later of the two; ``reason`` (naming ``other``) says why they
        clash and ends with "give one of them".
    """
    seen: list[str] = []
    for key in keys:
        if not isinstance(key, str):
            continue
        outer = UTILISATION_ALIAS.get(key, key)
        param = key.split(".", 1)[-1]
        for other in seen:
            o_outer = UTILISATION_ALIAS.get(other, other)
            o_param = other.split(".", 1)[-1]
            if outer == o_outer:
                return (
                    key,
                    other,
                    f"the same input as {other}, which is given too (a bare utilisation is "
                    "demand.utilisation, every placement's); give one of them",
                )
            pair = {outer, o_outer}
            own = [k for k in (key, other) if k not in OUTER_OVERRIDES and k != "utilisation"]
            if param != o_param or len(own) != 1:
                continue
            if "demand.utilisation" in pair or "finance.discount_rate" in pair:
                return (
                    key,
                    other,
                    f"conflicts with {other}, which is given too: a placement's own {param} "
                    "and the scenario-wide one (every placement's) cannot both be set; give "
                    "one of them",
                )
        seen.append(key)
    return None


def _not_numeric(where: str, param: str) -> str:
    return (
        f"{where}: {param!r} chooses by name or table, not by number, so it cannot be "
        "sampled, swept or scanned; set it in the placement's block, or compare one "
        "placement per choice"
    )


_ORBIT_KINDS = {
    "circular": ("altitude_km", "inclination_deg", "raan_deg", "epoch"),
    "sun_synchronous": ("altitude_km", "ltan_h", "epoch"),
    "geostationary": ("longitude_deg", "epoch"),
    "keplerian": (
        "semi_major_axis_km",
        "eccentricity",
        "inclination_deg",
        "raan_deg",
        "arg_perigee_deg",
        "mean_anomaly_deg",
        "epoch",
    ),
}


def _orbit_fields(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (required, optional) fields of an ``orbit`` table of ``kind``: those of
    :data:`_ORBIT_KINDS`, required when its ``Orbit`` constructor has no default."""
    from orbitcompute.orbit import Orbit

    sig = inspect.signature(getattr(Orbit, kind))
    fields = _ORBIT_KINDS[kind]
    required = tuple(f for f in fields if sig.parameters[f].default is inspect.Parameter.empty)
    return required, tuple(f for f in fields if f not in required)


#: What an orbit kind's fields do not say, for the messages that list them.
_ORBIT_NOTES = {
    "sun_synchronous": "its inclination is derived from the altitude",
    "geostationary": "its altitude and inclination are fixed",
}


def _orbit_takes(kind: str) -> str:
    """What an orbit table of ``kind`` takes, for a message: ``"a sun_synchronous orbit
    needs altitude_km, ltan_h (epoch optional; its inclination is derived from the
    altitude)"``."""
    required, optional = _orbit_fields(kind)
    if required:
        text = f"a {kind} orbit needs {', '.join(required)}"
        notes = [f"{', '.join(optional)} optional"] if optional else []
    else:
        text = f"a {kind} orbit takes {', '.join(optional)}"
        notes = ["all optional"]
    if kind in _ORBIT_NOTES:
        notes.append(_ORBIT_NOTES[kind])
    return f"{text} ({'; '.join(notes)})" if notes else text


#: Numeric keywords of a placement block that take true or false (as 1 or 0): a switch.
#: Any other numeric keyword given a boolean is an error (TOML ``true`` is no number).
_SWITCHES = frozenset({"solar_enabled"})

#: Strings read as an infinite number (``"inf"`` is how a results file's metadata
#: records ``inf``, e.g. ``water_available_m3_per_year = inf``, the documented "no limit").
_INFINITIES = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf}


def _is_many(v: Any) -> bool:
    """A list, table or array: more than one value where one is expected."""
    return isinstance(v, (list, tuple, set, frozenset, Mapping)) or getattr(v, "ndim", 0) != 0


def _parse_orbit(where: str, spec: Any) -> Any:
    from orbitcompute.orbit import Orbit

    if not isinstance(spec, Mapping):
        raise InputError(
            f"{where} orbit={_short(spec)}: must be a table like "
            '{ kind = "sun_synchronous", altitude_km = 650, ltan_h = 18 }'
        )
    kind = spec.get("kind")
    if not isinstance(kind, str) or kind not in _ORBIT_KINDS:
        raise InputError(
            f"{where} orbit.kind={kind!r}: must be one of {', '.join(_ORBIT_KINDS)}"
            f"{did_you_mean(str(kind), _ORBIT_KINDS)}"
        )
    rest = {k: v for k, v in spec.items() if k != "kind"}
    args = _normalise_units(f"{where} orbit.", rest, set(_ORBIT_KINDS[kind]), _orbit_takes(kind))
    for k, v in args.items():
        # Orbit takes arrays (many orbits), but a placement flies one orbit
        if _is_many(v):
            one = "one date/time" if k == "epoch" else "one number"
            raise InputError(
                f"{where} orbit.{k}={_short(v)}: must be {one} (a placement flies one "
                "orbit; to compare orbits, give one [[orbital]] block per orbit)"
            )
    for k in _orbit_fields(kind)[0]:
        if k not in args:
            raise InputError(f"{where} orbit.{k}: missing; {_orbit_takes(kind)}")
    try:
        return getattr(Orbit, kind)(**args)
    except InputError as exc:
        raise InputError(f"{where} orbit.{exc}") from None
    except TypeError as exc:
        raise InputError(f"{where} orbit: {exc}") from None


def _block_key_hint(kind: str, key: str, close: str) -> str:
    """What to say of a key that a ``[[kind]]`` block does not take, after "unknown key".

    A key of the other kind of block, or a field of an ``orbit`` table, is said to be
    one (a did-you-mean would name an unrelated key of this kind: ``launches_per_year``
    is not ``land_price_usd_per_acre``); else the did-you-mean ``close`` when there is
    one; else where the allowed keys are listed (the model's keyword arguments).
    """
    orbit_fields = {f for fields in _ORBIT_KINDS.values() for f in fields}
    other = "orbital" if kind == "terrestrial" else "terrestrial"
    model = f"orbitcompute.placements.{kind}.{kind}_placement"
    article = "an" if kind == "orbital" else "a"
    listed = (
        f"{article} [[{kind}]] block takes the keyword arguments of {model} (help() lists them)"
    )
    if key in orbit_fields and kind == "orbital":
        return (
            f"; {key} belongs in the block's orbit table, e.g. orbit = "
            '{ kind = "sun_synchronous", altitude_km = 650, ltan_h = 18 }'
        )
    if key in orbit_fields:
        return f"; {key} is a field of the orbit table of an [[orbital]] block; {listed}"
    if key in placement_keywords(other):
        return f"; {key} is a key of [[{other}]] blocks; {listed}"
    return close or f"; {listed}"


def _parse_block(where: str, kind: str, block: Any, index: int) -> Candidate:
    if not isinstance(block, Mapping):
        raise InputError(f"{where} [[{kind}]] #{index + 1}: must be a table")
    name = block.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(
            f"{where} [[{kind}]] #{index + 1} name={name!r}: must be a non-empty string"
        )
    if "." in name or name in _RESERVED_NAMES:
        # "<placement>.<param>" keys split at the first dot; "none" is the Monte
        # Carlo's row for samples where no placement is feasible; "demand.*" and
        # "finance.*" keys are the scenario's own
        raise InputError(
            f"{where} [[{kind}]] #{index + 1} name={name!r}: must not contain '.' "
            "and must not be 'none' (reserved for 'no placement feasible'), 'demand' or "
            "'finance' (reserved for the demand.* and finance.* overrides)"
        )
    w = f"{where} [{kind}.{name}]"
    # the accelerator it is levelized with, as "<placement>.<param>" overrides it
    allowed = set(placement_keywords(kind)) | set(ACCELERATOR_KEYWORDS)
    body = {k: v for k, v in block.items() if k != "name"}
    orbit_spec = body.pop("orbit", None) if kind == "orbital" else None
    if kind == "terrestrial" and "utilisation" in body:
        raise InputError(
            f"{w} utilisation={_short(body['utilisation'])}: {_TERRESTRIAL_UTILISATION}"
        )
    params = _normalise_units(
        w, body, allowed, unknown_hint=lambda k, close: _block_key_hint(kind, k, close)
    )
    if kind == "orbital":
        # the mode decides which keywords the model takes: checked here, with the file
        mode = params.get("mode", "bottom_up")
        try:
            _check_mode(mode)
        except InputError as exc:
            raise InputError(f"{w} {exc}") from None
        own = mode_keywords(kind, mode) | frozenset(ACCELERATOR_KEYWORDS)
        for k in params:
            if k not in own:
                raise InputError(
                    f"{w} {k}={_short(params[k])}: a keyword of the other mode, not of "
                    f"mode={mode!r}"
                )
    choices = choice_keywords(kind)
    for k, v in params.items():
        if k in choices:
            continue
        # a list would evaluate the placement once per element and a table is no number
        if _is_many(v):
            raise InputError(
                f"{w} {k}={_short(v)}: must be one number; to vary it, use [uncertainty], "
                "a sweep or compare --breakeven"
            )
        if isinstance(v, bool) and k not in _SWITCHES:
            # the models' limit checks said only "must be >= 0 MW" of a boolean
            unit = _unit_of(k)
            allowed = f"a number in {unit[1]}" if unit else "a number"
            raise InputError(f"{w} {k}={str(v).lower()}: must be {allowed}, not a boolean")
        if isinstance(v, str) and v.strip().lower() in _INFINITIES:
            # "inf" as a results file's metadata records an infinite value (JSON has no
            # infinity): the scenario recorded there loads back as it was written
            params[k] = _INFINITIES[v.strip().lower()]
    if orbit_spec is not None:
        params["orbit"] = _parse_orbit(w, orbit_spec)
    return Candidate(kind=kind, name=name, params=params)


def _refuse_unknown_keys(where: str, table: Mapping[str, Any], allowed: Sequence[str]) -> None:
    for k in table:
        if k not in allowed:
            raise InputError(
                f"{where} {k}=...: unknown key{did_you_mean(k, allowed)}; "
                f"allowed: {', '.join(allowed)}"
            )


def _check_source_ids(where: str, src: Any, key: str = "source_id") -> None:
    """``src`` is one source id of ``data/sources.csv`` or several joined by ``;``
    (``key`` is how the message names it: ``source_id`` or ``<param>.source_id``)."""
    from orbitcompute import catalog

    if not isinstance(src, str):
        raise InputError(
            f"{where} {key}={_short(src)}: must be a string of data/sources.csv ids joined by ';'"
        )
    # the ids as the csv module reads them: catalog.sources() would import pandas, which
    # `orbitcompute compare` does not need at start-up
    known = set(catalog._rows("sources"))
    for sid in src.split(";"):
        if sid.strip() not in known:
            raise InputError(
                f"{where} {key}={src!r}: {sid.strip()!r} is not in data/sources.csv"
                f"{did_you_mean(sid.strip(), sorted(known))}"
            )


def _parse_correlation(
    where: str, entries: Any, keys: Sequence[str]
) -> dict[tuple[str, str], float]:
    """``[[correlation]]`` entries as ``{(key_a, key_b): rho}``, checked.

    Each entry pairs two keys of ``[uncertainty]`` with a rank correlation in
    [-1, 1]; together they must form a positive semi-definite matrix
    (:func:`orbitcompute.analysis.sampling.validate_correlation`).
    """
    if not isinstance(entries, list):
        raise InputError(
            f"{where}: correlation={_short(entries)}: must be written [[correlation]] tables "
            "with pair = ['<key a>', '<key b>'] and rho = <rank correlation>"
        )
    out: dict[tuple[str, str], float] = {}
    for i, entry in enumerate(entries):
        w = f"{where}: [[correlation]] #{i + 1}"
        if not isinstance(entry, Mapping):
            raise InputError(f"{w}: must be a table with pair and rho")
        _refuse_unknown_keys(w, entry, _CORRELATION_KEYS)
        pair = entry.get("pair")
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(x, str) for x in pair)
            or pair[0] == pair[1]
        ):
            raise InputError(f"{w} pair={_short(pair)}: must be two different [uncertainty] keys")
        for k in pair:
            if k not in keys:
                raise InputError(
                    f"{w} pair={pair!r}: {k!r} is not a key of [uncertainty]{did_you_mean(k, keys)}"
                )
        if (pair[0], pair[1]) in out or (pair[1], pair[0]) in out:
            raise InputError(f"{w} pair={pair!r}: given twice")
        rho = entry.get("rho")
        if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not -1 <= rho <= 1:
            raise InputError(f"{w} rho={_short(rho)}: must be a number in [-1, 1]")
        src = entry.get("source_id")
        if src is not None:
            _check_source_ids(w, src)
        out[(pair[0], pair[1])] = float(rho)
    if out:
        # imported only when there are entries: the analysis package brings scipy.stats
        # and pandas, which `orbitcompute compare` does not need at start-up
        from orbitcompute.analysis.sampling import validate_correlation

        try:
            validate_correlation(out, list(keys))
        except InputError as exc:
            raise InputError(f"{where}: [[correlation]] {exc}") from None
    return out


def _refuse_dotted_key(where: str, table: str, key: str, value: Any, names: list[str]) -> None:
    """An unquoted ``memphis.grid_wait_years = ...`` is, in TOML, the table ``memphis``
    holding ``grid_wait_years``: refuse it as the key it was meant to be, to be quoted
    (it read as "no placement model has a parameter 'memphis'")."""
    if (
        isinstance(value, Mapping)
        and value
        and "dist" not in value
        and (key in names or key in ("demand", "finance"))
    ):
        sub = next(iter(value))
        raise InputError(
            f'{where}: [{table}] {key}.{sub}=...: a dotted key must be quoted ("{key}.{sub}" '
            f"= ...); unquoted, TOML reads it as a table {key!r} holding {sub!r}"
        )


def _outer_range_text(outer: str) -> str:
    """``"(0, 1]"`` or ``"(0, 1e+06] MW"``: the values ``outer`` (of :data:`_OUTER_RANGES`)
    may take, for a message."""
    lo, hi, lo_in, hi_in, unit = _OUTER_RANGES[outer]
    text = f"{'[' if lo_in else '('}{lo:g}, {hi:g}{']' if hi_in else ')'}"
    return f"{text} {unit}" if unit else text


def _within_outer_range(outer: str, x: float, *, ends: bool = False) -> bool:
    """``x`` lies in the range of ``outer`` (of :data:`_OUTER_RANGES`); with ``ends``
    its open ends count as inside (the bound of a continuous distribution, which a draw
    never hits)."""
    lo, hi, lo_in, hi_in, _ = _OUTER_RANGES[outer]
    return lo < x < hi or (x == lo and (lo_in or ends)) or (x == hi and (hi_in or ends))


#: Distributions whose support is [low, high] (the others reach every real number,
#: or every positive one, and are checked sample by sample).
_BOUNDED = ("uniform", "loguniform", "triangular", "pert")


def _refuse_support_outside(where: str, key: str, spec: Mapping[str, Any]) -> None:
    """A bounded distribution of a ``[demand]`` or ``[finance]`` value (whose range is
    known here, :data:`_OUTER_RANGES`) must lie within that range: a uniform(0.5, 1.2)
    of ``demand.utilisation`` loaded, and a sweep refused it only if a sample happened to
    land above 1. An end ON an open bound is kept (a continuous draw never hits it)."""
    outer = UTILISATION_ALIAS.get(key, key)
    dist = str(spec.get("dist", "")).lower()
    if outer not in _OUTER_RANGES or dist not in _BOUNDED:
        return
    for end in ("low", "high"):
        x = float(spec[end])
        if not _within_outer_range(outer, x, ends=True):
            raise InputError(
                f"{where}: [uncertainty] {key}: {end}={x:g}: a {dist} distribution of {key} "
                f"must lie within {_outer_range_text(outer)}"
            )


def parse(data: Mapping[str, Any], where: str = "<scenario>") -> Scenario:
    """Validate a scenario given as a mapping (the parsed TOML).

    Parameters
    ----------
    data : mapping
        The TOML document as a dict.
    where : str
        File name used as the prefix of every error message.

    Raises
    ------
    InputError
        One line naming the file, the key, the value and what is allowed;
        ``data=...`` when ``data`` is not a mapping. The keys of
        ``[uncertainty]`` are checked here as override keys (see
        :func:`override_targets`): each must reach at least one candidate, so
        that no uncertain input is sampled and then ignored; and its distribution
        specs for their ``dist`` name, keys and numbers
        (:func:`orbitcompute._distspec.check_spec`, with the message of a Monte
        Carlo), their ``source_id`` against ``data/sources.csv`` and their
        ``note`` as text. A ``[tornado]`` end outside the range of a ``[demand]``
        or ``[finance]`` value (:data:`OUTER_OVERRIDES`) is refused, and so is a
        bounded ``[uncertainty]`` distribution of one (uniform, log-uniform,
        triangular, PERT) whose ``[low, high]`` leaves that range. Whether a
        sampled value is one the model allows is known only when the samples are
        evaluated.
    """
    if not isinstance(where, str):
        raise InputError(
            f"where={_short(where)}: must be a string (the file name that starts every "
            "error message)"
        )
    if not isinstance(data, Mapping):
        raise InputError(
            f"data={_short(data)}: must be a mapping (the parsed TOML document), "
            f"not {type(data).__name__}"
        )
    for key in data:
        if key not in _TOP_KEYS:
            raise InputError(
                f"{where}: [{key}] unknown table{did_you_mean(key, _TOP_KEYS)}; "
                f"allowed: {', '.join(_TOP_KEYS)}"
            )
    head = data.get("scenario", {})
    if not isinstance(head, Mapping):
        raise InputError(f"{where}: [scenario] must be a table")
    _refuse_unknown_keys(f"{where}: [scenario]", head, _SCENARIO_KEYS)
    for k, v in head.items():
        if not isinstance(v, str):
            raise InputError(f"{where}: [scenario] {k}={_short(v)}: must be a string")
    if "source_id" in head:
        _check_source_ids(f"{where}: [scenario]", head["source_id"])

    # demand
    d = data.get("demand")
    if not isinstance(d, Mapping):
        raise InputError(
            f"{where}: [demand] is missing; it needs it_power_mw (or accelerators), "
            "start_year and years"
        )
    w = f"{where}: [demand]"
    demand = _normalise_units(w, d, set(_DEMAND_KEYS), f"allowed: {', '.join(_DEMAND_KEYS)}")
    if "it_power_mw" in demand and "accelerators" in demand:
        raise InputError(f"{w} give it_power_mw or accelerators, not both")
    if "it_power_mw" not in demand and "accelerators" not in demand:
        raise InputError(f"{w} it_power_mw is missing: give it_power_mw (MW) or accelerators")
    if "it_power_mw" in demand:
        demand["it_power_mw"] = _outer_number(w, "demand.it_power_mw", demand["it_power_mw"])
    if "accelerators" in demand:
        demand["accelerators"] = _number(
            w, "accelerators", demand["accelerators"], 0, 1e9, lo_open=True, integer=True
        )
    for req in ("start_year", "years"):
        if req not in demand:
            raise InputError(f"{w} {req} is missing ({_DEMAND_KEYS[req]})")
    demand["start_year"] = _number(w, "start_year", demand["start_year"], 2000, 2100, integer=True)
    demand["years"] = _number(w, "years", demand["years"], 1, 50, integer=True)
    demand["utilisation"] = _outer_number(w, "demand.utilisation", demand.get("utilisation", 1.0))
    inc = demand.setdefault("include_accelerators", True)
    if not isinstance(inc, bool):
        raise InputError(f"{w} include_accelerators={_short(inc)}: must be true or false")
    acc = demand.setdefault("accelerator", "gb200_nvl72")
    from orbitcompute import catalog

    names = catalog.names("accelerators")
    if acc not in names:
        raise InputError(
            f"{w} accelerator={acc!r}: unknown accelerator{did_you_mean(acc, names)}; "
            f"available: {', '.join(names)}"
        )

    # finance
    f = data.get("finance", {})
    if not isinstance(f, Mapping):
        raise InputError(f"{where}: [finance] must be a table")
    w = f"{where}: [finance]"
    finance = _normalise_units(w, f, set(_FINANCE_KEYS), f"allowed: {', '.join(_FINANCE_KEYS)}")
    finance["discount_rate"] = _outer_number(
        w, "finance.discount_rate", finance.get("discount_rate", 0.0)
    )
    finance["dollar_year"] = _number(
        w, "dollar_year", finance.get("dollar_year", 2025), 1990, 2100, integer=True
    )

    # candidates
    cands: list[Candidate] = []
    for kind in ("terrestrial", "orbital"):
        blocks = data.get(kind, [])
        if isinstance(blocks, Mapping):
            raise InputError(
                f"{where}: [{kind}] must be written [[{kind}]] (one table per candidate)"
            )
        if not isinstance(blocks, list):
            raise InputError(
                f"{where}: {kind}={_short(blocks)}: must be written [[{kind}]] "
                "(one table per candidate)"
            )
        for i, block in enumerate(blocks):
            cands.append(_parse_block(f"{where}:", kind, block, i))
    if not cands:
        raise InputError(f"{where}: no candidates: add at least one [[terrestrial]] or [[orbital]]")
    names = [c.name for c in cands]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise InputError(f"{where}: candidate name {sorted(dup)[0]!r} is used twice")

    # tornado ranges
    tornado: dict[str, tuple[float, float]] = {}
    t = data.get("tornado", {})
    if not isinstance(t, Mapping):
        raise InputError(f"{where}: [tornado] must be a table of [low, high] pairs")
    for k, v in t.items():
        w = f"{where}: [tornado] {k}=..."
        _refuse_dotted_key(where, "tornado", k, v, names)
        # the keys of an override: a bare parameter, "<placement>.<param>" or one of
        # OUTER_OVERRIDES; one that reaches no placement would be listed and never used
        if not override_targets(cands, k, w, numeric=True):
            raise InputError(
                f"{w}: no placement of this scenario takes this parameter (in its mode)"
            )
        if (
            not isinstance(v, list)
            or len(v) != 2
            or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
        ):
            raise InputError(f"{where}: [tornado] {k}={_short(v)}: must be [low, high]")
        if not all(math.isfinite(x) for x in v):
            raise InputError(f"{where}: [tornado] {k}={v!r}: must be two finite numbers")
        if not v[0] < v[1]:
            raise InputError(f"{where}: [tornado] {k}={v!r}: low must be below high")
        outer = UTILISATION_ALIAS.get(k, k)
        if outer in _OUTER_RANGES:
            # the range a [demand] or [finance] value may take is known here: a tornado
            # end outside it is refused now, not only when --tornado evaluates it
            for x in v:
                if not _within_outer_range(outer, x):
                    raise InputError(
                        f"{where}: [tornado] {k}={v!r}: {k}={x:g}: must be in "
                        f"{_outer_range_text(outer)}"
                    )
        tornado[k] = (float(v[0]), float(v[1]))
    for k, same in UTILISATION_ALIAS.items():
        if k in tornado and same in tornado:  # two rows of one input
            raise InputError(
                f"{where}: [tornado] {k}=...: the same input as {same}, which is listed too "
                "(a bare utilisation is demand.utilisation); give one of them"
            )

    unc = data.get("uncertainty", {})
    if not isinstance(unc, Mapping):
        raise InputError(f"{where}: [uncertainty] must be a table")
    for k, v in unc.items():
        shown = "..." if isinstance(v, Mapping) else _short(v)
        w = f"{where}: [uncertainty] {k}={shown}"
        if not isinstance(v, Mapping):
            raise InputError(
                f"{w}: must be a table like {{dist = 'triangular', low = ..., mode = ..., "
                "high = ...}"
            )
        _refuse_dotted_key(where, "uncertainty", k, v, names)
        # a key no placement takes would be sampled and then ignored
        if not override_targets(cands, k, w, numeric=True):
            raise InputError(
                f"{w}: no placement of this scenario takes this parameter (in its mode)"
            )
        # the dist name, keys and numbers, as a Monte Carlo checks them (same message):
        # `compare` refuses a spec that `sweep` would (without importing scipy)
        try:
            check_spec(v, k)
        except InputError as exc:
            raise InputError(f"{where}: [uncertainty] {exc}") from None
        _refuse_support_outside(where, k, v)
        # the documentation keys, as in [scenario] and [[correlation]]
        if "source_id" in v:
            _check_source_ids(f"{where}: [uncertainty]", v["source_id"], f"{k}.source_id")
        if "note" in v and not isinstance(v["note"], str):
            raise InputError(
                f"{where}: [uncertainty] {k}.note={_short(v['note'])}: must be a string"
            )
    clash = override_conflict(unc)
    if clash is not None:
        k, _, why = clash
        raise InputError(f"{where}: [uncertainty] {k}=...: {why}")

    correlation = _parse_correlation(where, data.get("correlation", []), list(unc))

    return Scenario(
        name=head.get("name", Path(where).stem),
        description=head.get("description", ""),
        demand=demand,
        finance=finance,
        candidates=tuple(cands),
        tornado=tornado,
        uncertainty=dict(unc),
        correlation=correlation,
        source_id=head.get("source_id"),
        path=where,
        raw=dict(data),
    )


def list_scenarios() -> list[str]:
    """Names of the scenarios shipped in ``data/scenarios/``."""
    return sorted(p.stem for p in (data_dir() / "scenarios").glob("*.toml"))


def scenario_path(name_or_path: str | Path) -> Path:
    """Resolve a shipped scenario name (``"gigawatt"``) or a file path.

    An existing file whose name ends in ``.toml`` (in any case) is taken as it
    is. A bare name, with no directory separator (``"gigawatt"`` or
    ``"gigawatt.toml"``), is otherwise a shipped scenario; a string with a
    separator (``"./gigawatt"``, ``"dir/x.toml"``) is always a path, never a
    shipped scenario.

    Raises
    ------
    InputError
        ``name_or_path`` is not a string or path, names an existing file that is
        not a ``.toml`` file or a directory, or names no file and no shipped
        scenario (with a did-you-mean that ignores case).
    """
    if not isinstance(name_or_path, (str, os.PathLike)) or not isinstance(
        os.fspath(name_or_path), str
    ):
        raise InputError(
            f"scenario={_short(name_or_path)}: must be a shipped scenario name "
            f"({', '.join(list_scenarios())}), a path to a TOML file or a loaded Scenario"
        )
    text = os.fspath(name_or_path)
    if not text.strip():  # Path("") is ".", a directory: say what is wrong instead
        raise InputError(
            f"scenario={text!r}: empty; give a shipped scenario name "
            f"({', '.join(list_scenarios())}) or a path to a TOML file"
        )
    p = Path(text)
    is_toml = p.suffix.lower() == ".toml"
    if is_toml and p.is_file():
        return p
    if not any(sep in text for sep in (os.sep, os.altsep) if sep):
        # a bare name: a shipped scenario, by its name or its file name
        shipped = data_dir() / "scenarios" / f"{p.stem if p.suffix == '.toml' else p.name}.toml"
        if text and shipped.is_file():
            return shipped
    if p.is_file():
        raise InputError(f"scenario={text!r}: must be a .toml file")
    avail = list_scenarios()
    if p.is_dir():
        raise InputError(
            f"scenario={text!r}: is a directory, not a scenario file; give a .toml file or "
            f"a shipped scenario: {', '.join(avail)}"
        )
    if is_toml:  # a path that does not exist: not silently a shipped file
        raise InputError(f"scenario={text!r}: no such file")
    # shipped names are lower case: GIGAWATT is as close to gigawatt as Gigawatt is
    raise InputError(
        f"scenario={text!r}: no such file or shipped scenario; shipped: "
        f"{', '.join(avail)}{did_you_mean(text.lower(), avail)}"
    )


def load(name_or_path: str | Path = "gigawatt") -> Scenario:
    """Read and validate a scenario file (or a shipped scenario by name).

    Raises
    ------
    InputError
        ``file.toml: [table] key=value: what is allowed`` on any problem,
        including TOML syntax errors; ``scenario=...: ...`` when ``name_or_path``
        is not a string or path, or names no file and no shipped scenario.
    """
    path = scenario_path(name_or_path)
    where = path.name
    try:
        # utf-8-sig: a byte-order mark (some Windows editors write one) is no TOML
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
    except OSError as exc:  # permission denied, a file that vanished, an I/O error
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"scenario={str(path)!r}: cannot read the file ({reason})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: TOML syntax error: {exc}") from None
    return parse(data, where)
