"""Compare placements: demand + candidates -> one honest table.

:func:`compare` runs every candidate of a scenario through its placement model
(:mod:`orbitcompute.placements.terrestrial` or
:mod:`orbitcompute.placements.orbital`), adds the accelerators the same way for
every placement, levelizes cost per accelerator-hour, per PFLOP-hour and per
MWh of IT energy with the scenario's discount rate, and returns a
:class:`Comparison` of tidy pandas frames. The demand's ``start_year`` is the
year the programme starts (construction or development begins: year 0 of every
placement) and ``years`` the study horizon, the build included.

:func:`evaluate` is the vectorized core used by the break-even search, the
tornado and the Monte Carlo (:mod:`orbitcompute.analysis`): any model keyword
may be overridden by an array of N samples and every metric comes back as an
array of N values, in one call per candidate.

Levelized cost of compute
-------------------------
Each placement is levelized with the accelerator it holds: the demand's, or the
one its block names (a bottom-up orbital design's ``accelerator``, with its
``accelerator_all_in_power_w`` and ``accelerator_price_usd`` when given), so
the count, the hours, the price and the PFLOP/s all belong to one accelerator.
With all-in power ``p_a`` (W per accelerator in its server or rack), a
placement delivering on average ``P_t`` MW of IT power in year ``t`` of the
horizon gives ``H_t = (P_t / p_a) * 8760 * u`` useful accelerator-hours at
utilisation ``u``. The accelerators themselves follow the IT power *installed*
at the end of each year, ``I_t`` (``installed_it_mw_by_year``; the delivered
profile where a placement does not report it): power that arrives mid-year
needs all its accelerators from then on, though it delivers only part of the
year. With discount factors ``DF_t`` (end of year,
:func:`orbitcompute.finance.discount_factors`):

``LCOC = (PV(infrastructure costs) + PV(accelerator purchases)) / sum_t H_t DF_t``

where ``(I_t - I_{t-1}) / p_a`` accelerators (the increase, when positive) are
bought in year ``t`` at the unit price and discounted at the end of that year,
and a placement that reports an ``accelerator_annual_failure_rate`` ``lambda`` (a
terrestrial site) also buys ``lambda P_t / p_a`` replacements in year ``t`` (see
"Accelerator failures" below); ``accelerators`` is ``I / p_a`` at the end of the
horizon. A placement that
sizes its own accelerators (the bottom-up orbital model carries cold spares for
failures without repair) reports ``accelerator_capex_discounted_usd``, which is
used instead. The infrastructure cost is the placement's own discounted total,
which never includes accelerators. A scenario may set
``demand.include_accelerators = false`` to levelize infrastructure alone, as
the published analyses that exclude GPUs do. ``LCOC`` per PFLOP-hour divides by the
accelerator's dense BF16 PFLOP/s. This follows the levelized-cost definition of
Short, Packey & Holt, NREL/TP-462-5173 (1995), eq. 5-1.

Cost breakdown
--------------
:attr:`Comparison.breakdown` (and the ``breakdown.<category>.<item>_usd`` outputs of
:func:`evaluate`) lists each placement's undiscounted costs over the horizon. Every
placement has the ``accelerators`` category, on the summary's basis: its items add up
to ``accelerator_capex_usd`` (a site's accelerators, and those of a top-down design
that states none, bought at the unit price as the power arrives, are the ``initial``
item, and a site's replacements of failed ones the ``replacement`` item; a bottom-up
design lists its own ``initial``, ``replacement`` and ``insurance``),
and they are 0 when the scenario sets ``include_accelerators = false``, as the
summary's ``accelerator_capex_usd`` is. The other categories are the
infrastructure and add up to ``cost_total_usd``. So for every placement

``sum of its breakdown = cost_total_usd + accelerator_capex_usd = cost_with_accelerators_usd``

Infrastructure cost per MWh
---------------------------
``infra_usd_per_mwh``, one definition for every placement, is the same
infrastructure present value over the IT energy delivered at the demand's
utilisation, discounted as the hours are:

``infra_usd_per_mwh = PV(infrastructure costs) / (sum_t P_t DF_t * 8760 * u)``

so ``infra_usd_per_mwh * p_a / 1e6`` (the accelerator's all-in power in MW) is the
infrastructure share of ``LCOC`` per accelerator-hour. It is NaN where ``LCOC`` is
(nothing delivered, or no cost). The models' own ``lcoe_usd_per_mwh`` stay in each
placement's results, each on its model's basis (a site's energy at its
``load_factor``, an orbit's at the utilisation it is given): ``infra_usd_per_mwh``
is the one to compare across placements.

The accelerator every placement holds
-------------------------------------
A bare override of ``accelerator_price_usd`` or ``accelerator_all_in_power_w``
(a number or an array of samples) changes the accelerator of every placement:
the one each is levelized with, terrestrial ones too, and the keyword of each
orbital model that takes it (the bottom-up model prices its cold spares with it).
``"<placement>.accelerator_price_usd"`` (or the same key in the placement's
block) changes one placement's, of either kind, and wins over the bare override
for that placement, in either order.
A top-down design that states its own ``accelerator_capex_usd`` (in its block or
an override) keeps that total, 0 included: a stated 0 is a design whose accelerators
cost nothing, not "not stated". One that does not state it buys the accelerators at
the unit price, as a site buys its initial fleet (it buys no replacements). To
leave the accelerators out of every placement, set
``demand.include_accelerators = false``.
A bare ``utilisation`` override is ``demand.utilisation``: every placement; so is
``utilisation`` as the parameter of :func:`breakeven` or a range of :func:`tornado`.

Accelerator failures
--------------------
Accelerator failures are costed on both sides from one number,
``accelerator_annual_failure_rate`` (0.09/yr by default, Meta's Llama 3 fleet rate;
a bare override or Monte Carlo key moves every placement that takes it), read one
way on both: failures per accelerator-year in service, a constant hazard rate
(:mod:`orbitcompute.hardware`; a fraction failed over a time converts with
:func:`orbitcompute.hardware.failure_rate_from_fraction`). An orbital
placement cannot repair: the bottom-up model flies cold spares sized for the longest
a satellite serves within the horizon, the years after development (x1.43 =
exp(0.09 x 4) at 9 %/yr over the 4 years left of a 6-year horizon after 2 years of
development), and replaces failed satellites (an insurance premium, 0 by default, can
be added on top of the replacements). A terrestrial site swaps failed accelerators at once (no hours
lost) and buys the replacements at the unit price, rate x accelerator-years in
service, each year's at its end; with the hours discounted alike, this adds
``price x rate / (8760 h x utilisation)`` to its LCOC (0.54 USD/acc-h for a
41,667 USD accelerator at 9 %/yr and 80 %). A rate of 0 is the other bound: every
failure repaired under warranty at no cost to the operator. A top-down orbital
design keeps the assumptions of the analysis it reproduces.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from orbitcompute import finance
from orbitcompute._validate import (
    check_nonnegative,
    check_positive,
    check_range,
    did_you_mean,
    overflow_error,
    short_repr,
)
from orbitcompute._years import increments_by_year, sum_years
from orbitcompute.constants import HOURS_PER_YEAR
from orbitcompute.errors import InputError
from orbitcompute.scenario import (
    _OUTER_RANGES,
    ACCELERATOR_KEYWORDS,
    UTILISATION_ALIAS,
    Candidate,
    Scenario,
    _placement_function,
    mode_keywords,
    override_conflict,
    override_targets,
)
from orbitcompute.scenario import load as load_scenario

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SUMMARY_COLUMNS",
    "Comparison",
    "breakeven",
    "compare",
    "evaluate",
    "replaced_block_values",
    "tornado",
    "tornado_ranges",
]

#: Summary columns, in display order, with units in the names.
SUMMARY_COLUMNS = (
    "kind",
    "feasible",
    "binding_constraint",
    "delivered_it_mw",
    "max_feasible_it_mw",
    "time_to_first_power_years",
    "time_to_full_power_years",
    "capex_usd",
    "accelerator_capex_usd",
    "opex_usd_per_year",
    "cost_total_usd",
    "cost_total_discounted_usd",
    "lcoc_usd_per_accelerator_hour",
    "lcoc_usd_per_pflop_hour",
    "infra_usd_per_mwh",
    "accelerators",
    "kg_per_kw",
    "mass_to_orbit_t",
    "launches",
    "satellites",
    "land_acres",
    "water_m3_per_year",
    "co2_t_per_year",
)

#: Short headers for the terminal table.
_TABLE_COLUMNS = (
    ("placement", "placement"),
    ("feasible", "hosts all"),
    ("binding_constraint", "binding"),
    ("delivered_it_mw", "IT MW"),
    ("time_to_first_power_years", "first yr"),
    ("time_to_full_power_years", "full yr"),
    ("capex_usd", "capex $B"),
    ("lcoc_usd_per_accelerator_hour", "$/acc-h"),
    ("lcoc_usd_per_pflop_hour", "$/PFLOP-h"),
)
#: Times shown as "never" in the terminal table where they are not finite: ``inf`` (an
#: orbital design that cannot fly) or NaN (a site that builds nothing) both mean that the
#: placement delivers no power at all. JSON and CSV keep the models' values.
_NEVER_COLUMNS = frozenset({"time_to_first_power_years", "time_to_full_power_years"})
#: Second block: footprint, so each block fits a terminal.
_FOOTPRINT_COLUMNS = (
    ("placement", "placement"),
    ("kind", "kind"),
    ("infra_usd_per_mwh", "infra $/MWh"),
    ("mass_to_orbit_t", "orbit t"),
    ("launches", "launches"),
    ("land_acres", "acres"),
    ("water_m3_per_year", "water m3/yr"),
    ("co2_t_per_year", "CO2 t/yr"),
)


# The placement outputs _levelize reads, and the outputs it adds or replaces.
_LEVELIZE_READS = frozenset(
    {
        "delivered_it_mw_by_year",
        "installed_it_mw_by_year",
        "feasible",
        "cost_total_usd",
        "cost_total_discounted_usd",
        "accelerator_capex_usd",
        "accelerator_capex_discounted_usd",
        "accelerator_annual_failure_rate",
    }
)
# Model keywords that describe the accelerators themselves, taken by more than one kind
# of placement (the bottom-up orbital design's cold spares, a site's replacements): the
# same chips everywhere, so a breakeven scan of one moves both placements, as a scan of
# the accelerator's price or power (ACCELERATOR_KEYWORDS) does.
_SHARED_CHIP_KEYWORDS = frozenset({"accelerator_annual_failure_rate"})
# The breakdown category of the accelerators, and its item _levelize adds to (the
# accelerators it buys; a model that sizes its own reports this item and others).
_ACC_BREAKDOWN = "breakdown.accelerators."
_ACC_INITIAL = "breakdown.accelerators.initial_usd"
_ACC_REPLACEMENT = "breakdown.accelerators.replacement_usd"
# Reads a placement may lack (_levelize falls back on the delivered profile, and buys
# no replacements for a placement that reports no failure rate).
_OPTIONAL_READS = frozenset({"installed_it_mw_by_year", "accelerator_annual_failure_rate"})
_LEVELIZE_ADDS = frozenset(
    {
        "accelerators",
        "accelerator_capex_usd",
        "accelerator_hours_per_year",
        "cost_with_accelerators_usd",
        "lcoc_usd_per_accelerator_hour",
        "lcoc_usd_per_pflop_hour",
        "infra_usd_per_mwh",
        "feasible",
        "mass_to_orbit_t",
    }
)


def _model_outputs(fn: Any, metrics: Sequence[str] | None) -> frozenset[str] | None:
    """The outputs a placement model must return for ``metrics`` (``None``: all).

    Only for a model that takes ``outputs=`` and publishes the outputs it always has
    (``COMMON_OUTPUTS`` in its module, e.g. the orbital placement); a metric outside
    those (a mode-specific output) asks for all of them.
    """
    if metrics is None:
        return None
    import inspect

    common = getattr(inspect.getmodule(fn), "COMMON_OUTPUTS", None)
    if common is None:
        return None
    need = {k for k in _LEVELIZE_READS if k in common or k not in _OPTIONAL_READS}
    for m in metrics:
        if m == "mass_to_orbit_t":
            need.add("mass_to_orbit_kg")
        elif m in common:
            need.add(m)
        elif m not in _LEVELIZE_ADDS:
            return None
    return frozenset(need)


@cache
def _catalog_accelerator(name: str) -> tuple[tuple[str, float], ...]:
    """The catalog numbers of one accelerator, NaN where the catalog has none."""
    from orbitcompute import catalog

    rec = catalog.get("accelerators", name)
    out = []
    for k in ("all_in_power_w", "price_usd", "dense_bf16_flops", "tdp_w"):
        v = rec.get(k)
        out.append((k, float(v) if v is not None else float("nan")))
    return tuple(out)


def _accelerator(name: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Catalog numbers of accelerator ``name``, with ``overrides`` of its columns."""
    out: dict[str, Any] = dict(_catalog_accelerator(name))
    out.update(overrides or {})
    if np.ndim(out["all_in_power_w"]) == 0 and not np.isfinite(out["all_in_power_w"]):
        raise InputError(f"accelerator={name!r}: the catalog has no all_in_power_w for it")
    return out


def _placement_accelerator(scenario: Scenario, params: Mapping[str, Any]) -> dict[str, Any]:
    """The accelerator a placement called with ``params`` holds (see the module docstring).

    Its ``accelerator`` (an orbital design's; else the demand's), with its
    ``accelerator_all_in_power_w`` (> 0 W) and ``accelerator_price_usd`` (>= 0 USD)
    when given: keywords of its model, or, for a placement whose model does not
    take them, overrides of the accelerator it is levelized with
    (:data:`orbitcompute.scenario.ACCELERATOR_KEYWORDS`). Read after the model ran,
    so the values are the ones it checked and used.
    """
    name = params.get("accelerator") or scenario.demand["accelerator"]
    over = {}
    if params.get("accelerator_all_in_power_w") is not None:
        over["all_in_power_w"] = check_positive(
            "accelerator_all_in_power_w", params["accelerator_all_in_power_w"], "W"
        )
    if params.get("accelerator_price_usd") is not None:
        over["price_usd"] = check_nonnegative(
            "accelerator_price_usd", params["accelerator_price_usd"], "USD"
        )
    return _accelerator(name, over)


def _demand_it_power_mw(scenario: Scenario) -> float:
    """The demand's IT power, MW: its ``it_power_mw``, or when it is given as a number of
    ``accelerators``, their count times the demand accelerator's all-in power (W) / 1e6.

    The one place the demand is turned into MW: :func:`evaluate` places this power and
    :meth:`Comparison.to_table` states it.
    """
    d = scenario.demand
    if "it_power_mw" in d:
        return float(d["it_power_mw"])
    return float(d["accelerators"]) * _accelerator(d["accelerator"])["all_in_power_w"] / 1e6


# Parameters that say the same thing two ways: overriding one drops the other
# from the candidate's own parameters.
_ALTERNATIVES = (("launch_price_usd_per_kg", "launch_price_usd_per_launch"),)


def _name_list(name: str, value: Any, what: str) -> list[str]:
    """``value`` as a list of names; a bare string or a non-list is an InputError.

    A bare string is rejected rather than taken as one name, as
    ``orbital_placement(outputs=...)`` does: iterating it would give its letters.
    """
    if isinstance(value, str):
        raise InputError(f"{name}={value!r}: must be a list of {what}, not one string")
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise InputError(f"{name}={short_repr(value)}: must be a list of {what}")
    names = list(value)
    for v in names:
        if not isinstance(v, str):
            raise InputError(f"{name}={short_repr(names)}: must be a list of {what}; {v!r} is not")
    return names


def _split_overrides(
    overrides: Mapping[str, Any] | None, cand: Candidate
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Overrides for this candidate's model, and for the demand/finance layer.

    A bare ``param`` applies to every candidate whose model (in its mode) accepts
    it, and a bare accelerator price or power (:data:`ACCELERATOR_KEYWORDS`) to
    every candidate; ``"<placement>.<param>"`` to that placement only, and it wins
    over a bare key of the same parameter (or of its alternative, see
    :data:`_ALTERNATIVES`) whichever comes first. The keys are checked beforehand by
    :func:`_check_overrides` (which makes a bare ``utilisation`` ``demand.utilisation``).
    """
    mode_allowed = mode_keywords(cand.kind, str(cand.params.get("mode", "bottom_up")))
    model: dict[str, Any] = {}
    bare: dict[str, Any] = {}
    outer: dict[str, Any] = {}
    for key, val in (overrides or {}).items():
        if key.startswith(("demand.", "finance.")) or key in UTILISATION_ALIAS:
            outer[key.split(".", 1)[-1]] = val
            continue
        if "." in key:
            name, param = key.split(".", 1)
            if name == cand.name:
                model[param] = val
        elif key in mode_allowed or key in ACCELERATOR_KEYWORDS:
            bare[key] = val
    own = _own_params(model)
    return {**{k: v for k, v in bare.items() if k not in own}, **model}, outer


def _own_params(params: Iterable[str]) -> set[str]:
    """The parameters that a placement's own override keys of ``params`` (names without
    the placement) set, with their :data:`_ALTERNATIVES`: a bare key of one of these
    is not used for that placement."""
    own = set(params)
    for group in _ALTERNATIVES:
        if own.intersection(group):
            own.update(group)
    return own


def _shadowed_keys(keys: Iterable[str], placement: str) -> set[str]:
    """The bare keys of ``keys`` that do not reach ``placement`` because a
    ``"<placement>.<param>"`` key of the same parameter (or of its alternative) is given
    too: the placement's own key wins."""
    keys = [k for k in keys if isinstance(k, str)]
    own = _own_params(k.split(".", 1)[1] for k in keys if k.startswith(f"{placement}."))
    return {k for k in keys if "." not in k and k in own}


def replaced_block_values(
    scenario: Scenario, keys: Iterable[str], candidates: Iterable[str] | None = None
) -> dict[str, Any]:
    """The values set in placement blocks that overrides of ``keys`` replace.

    An override (a sampled input of ``[uncertainty]``, a tornado end, a break-even
    scan) replaces the value a placement's block sets, as documented; a Monte Carlo
    says which ones, since its samples may then differ from what ``compare`` shows.
    Only values a block sets are named, not catalog defaults. A key replaces the
    block's value of its parameter (and of its alternative spelling, e.g.
    ``launch_price_usd_per_launch`` for ``launch_price_usd_per_kg``);
    ``finance.discount_rate`` and ``demand.utilisation`` (or ``utilisation``) a
    block's ``discount_rate`` and ``utilisation``; a bare key does not reach a
    placement whose own ``"<placement>.<param>"`` key is given too.

    Parameters
    ----------
    scenario : Scenario
    keys : iterable of str
        Override keys, checked beforehand (see :func:`orbitcompute.scenario.override_targets`).
    candidates : iterable of str, optional
        Only these placements (default all).

    Returns
    -------
    dict
        ``{"<placement>.<param>": value set in its block}``, in scenario and block
        order; empty when no block value is replaced.
    """
    given = dict.fromkeys(keys, 0.0)
    chosen = None if candidates is None else set(candidates)
    out: dict[str, Any] = {}
    for cand in scenario.candidates:
        if chosen is not None and cand.name not in chosen:
            continue
        model, outer = _split_overrides(given, cand)
        hit = _own_params([*model, *(k for k in outer if k in ("discount_rate", "utilisation"))])
        out.update({f"{cand.name}.{k}": v for k, v in cand.params.items() if k in hit})
    return out


def _model_params(
    scenario: Scenario, cand: Candidate, model_over: Mapping[str, Any]
) -> dict[str, Any]:
    """The keywords ``cand``'s model is called with, besides the demand, the horizon and
    the discount rate and utilisation of the scenario.

    Its block updated with ``model_over`` (its overrides, see :func:`_split_overrides`;
    overriding one of two :data:`_ALTERNATIVES` drops the other), and the demand's
    accelerator for a placement whose model takes one and that names none.
    """
    from orbitcompute.scenario import placement_keywords

    params = dict(cand.params)
    for group in _ALTERNATIVES:
        if any(k in model_over for k in group):
            for k in group:
                params.pop(k, None)
    params.update(model_over)
    if "accelerator" in placement_keywords(cand.kind) and "accelerator" not in params:
        # a placement carries the demand's accelerator (bottom-up orbital sizes the
        # satellite around it, top-down checks that a satellite holds one; a site
        # chooses its cooling for it)
        params["accelerator"] = scenario.demand["accelerator"]
    return params


def _levelize_only(cand: Candidate, params: dict[str, Any]) -> dict[str, Any]:
    """Take out of ``params`` (and return) the accelerator price and power that
    ``cand``'s model does not take in its mode: they set the accelerator its cost is
    levelized with (:data:`ACCELERATOR_KEYWORDS`), not a model keyword."""
    found = [k for k in ACCELERATOR_KEYWORDS if k in params]
    if not found:
        return {}
    mode = params.get("mode", "bottom_up")
    try:
        takes = mode_keywords(cand.kind, mode if isinstance(mode, str) else "")
    except InputError:  # a bad mode: the model reports it
        return {}
    return {k: params.pop(k) for k in found if k not in takes}


def _check_overrides(scenario: Scenario, overrides: Any) -> dict[str, Any] | None:
    """The overrides, checked; an ``orbit`` given as a table is made an ``Orbit``.

    Every key is checked against the whole scenario (not only the evaluated
    candidates), so a misspelled key is an error wherever it points; a complex
    value is refused (numpy would drop its imaginary part), and the demand and
    finance values are checked against the ranges a scenario file allows
    (``scenario._OUTER_RANGES``; the placement models never see the demand's
    utilisation). A bare ``utilisation`` is ``demand.utilisation``
    (:data:`UTILISATION_ALIAS`, the demand's, for every placement): giving both is
    an error, and so is an accelerator price < 0 or power <= 0.
    """
    if overrides is None:
        return None
    if not isinstance(overrides, Mapping):
        raise InputError(
            f"overrides={short_repr(overrides)}: must be a mapping {{parameter: value or array}}"
        )
    # with the mode itself overridden, the model checks a placement's keys for its mode
    any_mode = any(k == "mode" or (isinstance(k, str) and k.endswith(".mode")) for k in overrides)
    out: dict[str, Any] = {}
    for key, value in overrides.items():
        override_targets(scenario.candidates, key, f"overrides={{{key!r}: ...}}", any_mode=any_mode)
        if np.iscomplexobj(value):
            raise InputError(
                f"{key}={short_repr(value)}: must be a real number or an array of real numbers"
            )
        outer = UTILISATION_ALIAS.get(key, key)
        param = key.split(".", 1)[-1]
        if outer in _OUTER_RANGES:
            lo, hi, lo_in, hi_in, unit = _OUTER_RANGES[outer]
            check_range(key, value, lo, hi, low_inclusive=lo_in, high_inclusive=hi_in, unit=unit)
        elif key == "orbit" or key.endswith(".orbit"):
            value = _orbit_value(key, value)
        elif param == "accelerator_all_in_power_w":
            check_positive(key, value, "W")
        elif param == "accelerator_price_usd":
            check_nonnegative(key, value, "USD")
        if outer != key and outer in overrides:
            raise InputError(
                f"{key}={short_repr(value)}: the same as {outer} (the demand's, for every "
                f"placement), which is given too ({outer}={short_repr(overrides[outer])}); "
                "give one of them"
            )
        out[key] = value
    return out


def _orbit_value(key: str, value: Any) -> Any:
    """An ``orbit`` override as the orbital model takes it: an ``Orbit`` (or ``None``, the
    model's default); a table as in a scenario file is parsed as the loader does."""
    from orbitcompute.orbit import Orbit
    from orbitcompute.scenario import _parse_orbit

    if value is None or isinstance(value, Orbit):
        return value
    if isinstance(value, Mapping):
        try:
            return _parse_orbit("", value)
        except InputError as exc:
            raise InputError(f"{key}={short_repr(value)}: {str(exc).strip()}") from None
    raise InputError(
        f"{key}={short_repr(value)}: must be an orbitcompute.orbit.Orbit or a table like "
        "{'kind': 'sun_synchronous', 'altitude_km': 650, 'ltan_h': 18}"
    )


def _refuse_both(overrides: Mapping[str, Any], cand: Candidate, param: str) -> None:
    """An InputError when ``overrides`` set ``param`` of ``cand`` both scenario-wide
    (``finance.discount_rate``, ``demand.utilisation`` or a bare ``utilisation``) and
    for the placement."""
    if param == "discount_rate":
        outer, own_keys = "finance.discount_rate", (f"{cand.name}.{param}", param)
    else:
        outer = "demand.utilisation" if "demand.utilisation" in overrides else "utilisation"
        own_keys = (f"{cand.name}.{param}",)
    for own in own_keys:
        if own in overrides:
            raise InputError(
                f"{outer}={short_repr(overrides[outer])}: conflicts with the override "
                f"{own}={short_repr(overrides[own])} of placement {cand.name!r}; give one "
                "of them"
            )


def _placement_error(
    scenario: Scenario, cand: Candidate, exc: InputError, model_over: Mapping[str, Any]
) -> str:
    """The message of an error of ``cand``'s model: ``[kind.name] <its message>``, after
    the scenario file when the value at fault is not an override (it is the file's)."""
    text = f"[{cand.kind}.{cand.name}] {exc}"
    head = str(exc).split(":", 1)[0]
    param = head.split("=", 1)[0].strip() if "=" in head else None
    if scenario.path and (param is None or param not in model_over):
        text = f"{scenario.path}: {text}"
    return text


#: Numeric outputs named as examples when a metric is refused (as ``orbitcompute sweep``).
_METRIC_EXAMPLES = (
    "lcoc_usd_per_accelerator_hour",
    "lcoc_usd_per_pflop_hour",
    "capex_usd",
    "cost_total_usd",
    "time_to_full_power_years",
)


def _metric_values(
    res: Mapping[str, Any],
    metric: str,
    placement: str,
    ndim: int = 0,
    need: str = "one number per placement is needed",
    flags: bool = True,
) -> np.ndarray:
    """The numeric output ``metric`` of one placement's result, or an InputError.

    Parameters
    ----------
    res : mapping
        The placement's result (from :func:`evaluate`).
    metric : str
        The output.
    placement : str
        The placement's name, for the message.
    ndim : int
        The dimensions of one number per sample in ``res`` (0 at one point, 1 for a
        scan): an output with more (a by-year series) is refused.
    need : str
        What the caller needs, for the message (in the wording of ``orbitcompute
        sweep``), e.g. ``"a break-even needs a numeric output of both placements"``.
    flags : bool
        Whether a yes/no flag (``feasible``) is taken, as 0 and 1; else it is refused.
    """
    if metric not in res:
        raise InputError(
            f"metric={metric!r}: not an output of placement {placement!r}"
            f"{did_you_mean(metric, res)}"
        )
    v = np.asarray(res[metric])
    if v.dtype.kind not in "biuf":
        raise InputError(f"metric={metric!r}: not a numeric output (its values are {v.dtype})")
    what = ""
    # one number per sample: at one point (ndim 0) a one-value override gives shape (1,)
    if (v.size > 1) if ndim == 0 else (v.ndim > ndim):
        what = "a by-year series (one number per year)"
    elif v.dtype.kind == "b" and not flags:
        what = "a yes/no flag"
    if what:
        raise InputError(
            f"metric={metric!r}: {what}, not a cost; {need}, e.g. {', '.join(_METRIC_EXAMPLES)}"
        )
    return v.astype(float)


def _check_metric(metric: Any) -> str:
    if not isinstance(metric, str):
        raise InputError(f"metric={short_repr(metric)}: must be the name of an output")
    return metric


def _levelize(
    res: dict[str, np.ndarray],
    acc: Mapping[str, float],
    utilisation: np.ndarray,
    discount_rate: np.ndarray,
    include_accelerators: bool = True,
    stated_accelerator_capex: bool = False,
) -> dict[str, np.ndarray]:
    """Add accelerators and levelized costs to a placement result (vectorized).

    The levelized cost of compute and ``infra_usd_per_mwh`` (the infrastructure
    present value over the IT energy delivered at ``utilisation``, discounted as
    the accelerator-hours) are defined in the module docstring.

    The placement's own ``accelerator_capex_discounted_usd`` is used where it is
    finite and positive (a design that sizes its own accelerators), or finite at all
    when ``stated_accelerator_capex`` (the placement's block or an override states its
    ``accelerator_capex_usd``: a stated 0 is kept, not read as "not stated"); elsewhere
    the accelerators are bought at the unit price: the fleet as the installed power
    grows and, where the placement reports an ``accelerator_annual_failure_rate`` (a
    terrestrial site), the replacements of those that fail (rate x accelerator-years
    in service, each year's at its end). ``breakdown.accelerators.*`` is made
    to add up to ``accelerator_capex_usd`` (see "Cost breakdown" in the module
    docstring): the accelerators bought here are the ``initial`` and ``replacement``
    items, and every item is 0 when ``include_accelerators`` is false.

    Reads only the outputs in ``_LEVELIZE_READS`` and adds or replaces those in
    ``_LEVELIZE_ADDS`` (keep both in step: ``evaluate`` asks a model for no more),
    besides the ``breakdown.accelerators.*`` items, which it reads where the model
    returned them (a model asked for fewer outputs is asked for none of them, and
    they are then dropped with the outputs not asked for).
    """
    by_year = np.asarray(res["delivered_it_mw_by_year"], dtype=float)
    # accelerators follow the power installed at the end of each year (power arriving
    # mid-year needs all of them, though it delivers part of the year); the hours
    # follow the year-average delivered power
    installed = res.get("installed_it_mw_by_year")
    installed = by_year if installed is None else np.asarray(installed, dtype=float)
    afr = res.get("accelerator_annual_failure_rate")  # None: no replacements bought
    n_years = by_year.shape[-1]
    power_w = np.asarray(acc["all_in_power_w"], dtype=float)
    price = np.asarray(acc["price_usd"], dtype=float)
    # samples may come from the placement's inputs, its accelerator's power and price,
    # or the demand/finance overrides
    lead = np.broadcast_shapes(
        by_year.shape[:-1],
        installed.shape[:-1],
        np.shape(utilisation),
        np.shape(discount_rate),
        power_w.shape,
        price.shape,
        np.shape(afr) if afr is not None else (),
    )
    u = np.asarray(utilisation, dtype=float)
    # rate.shape + (years,): one row when the rate is not sampled
    df = finance.discount_factors(np.asarray(discount_rate, dtype=float), n_years)

    def pv(x: np.ndarray) -> np.ndarray:
        return finance.discounted_sum(x, df)

    # Accelerators follow the MW (all-in W per accelerator); their hours and purchases
    # are the MW profiles scaled, so sums and present values are taken on the MW
    # profiles and scaled after (no (sample, year) copies of them).
    acc_per_mw = 1e6 / power_w
    n_acc_last = np.broadcast_to(installed[..., -1] * acc_per_mw, lead)
    hours_per_mw = acc_per_mw * HOURS_PER_YEAR
    pv_mw = pv(by_year)
    pv_hours = np.broadcast_to(pv_mw * hours_per_mw * u, lead)
    # the IT energy delivered at the utilisation, discounted as the hours [MWh]
    pv_mwh = np.broadcast_to(pv_mw * HOURS_PER_YEAR * u, lead)
    if not include_accelerators:
        acc_total = np.zeros(lead)
        pv_acc = np.zeros(lead)
    else:
        # The placement may size its own accelerators (cold spares for failures in
        # orbit); decided per sample, so an infeasible sample does not change the others.
        own_pv = np.broadcast_to(
            np.asarray(res.get("accelerator_capex_discounted_usd", 0.0), dtype=float), lead
        )
        own_total = np.broadcast_to(
            np.asarray(res.get("accelerator_capex_usd", 0.0), dtype=float), lead
        )
        use_own = np.isfinite(own_pv)
        if not stated_accelerator_capex:
            # 0 from a placement that sizes no accelerators of its own: not stated
            use_own &= own_pv > 0
        if np.all(use_own):
            acc_total, pv_acc = np.array(own_total), np.array(own_pv)
        else:
            # otherwise bought as the installed power grows, at the unit price, each
            # year's purchase discounted at the end of that year
            increments = increments_by_year(installed)  # MW added each year
            np.maximum(increments, 0.0, out=increments)
            price_per_mw = acc_per_mw * price
            initial = np.broadcast_to(sum_years(increments) * price_per_mw, lead)
            pv_acc = np.broadcast_to(pv(increments) * price_per_mw, lead)
            acc_total = initial
            if afr is not None:
                # failures of the accelerators in service, replaced at once (no hours
                # lost) and paid at the end of the year: rate x accelerator-years
                afr_price = np.asarray(afr, dtype=float) * price_per_mw
                replaced = np.broadcast_to(sum_years(by_year) * afr_price, lead)
                acc_total = initial + replaced
                pv_acc = pv_acc + pv_mw * afr_price
            acc_total = np.where(use_own, own_total, acc_total)
            pv_acc = np.where(use_own, own_pv, pv_acc)
    infra_pv = np.broadcast_to(
        np.asarray(res.get("cost_total_discounted_usd", res.get("cost_total_usd")), dtype=float),
        lead,
    )
    infra_undisc = np.broadcast_to(np.asarray(res.get("cost_total_usd"), dtype=float), lead)
    feasible = np.broadcast_to(np.asarray(res["feasible"], dtype=bool), lead) & (pv_hours > 0)
    delivers = (pv_hours > 0) & np.isfinite(infra_pv)
    with np.errstate(invalid="ignore", divide="ignore"):
        lcoc = np.where(delivers, (infra_pv + pv_acc) / np.where(pv_hours > 0, pv_hours, 1), np.nan)
        infra_mwh = np.where(delivers, infra_pv / np.where(pv_mwh > 0, pv_mwh, 1), np.nan)
        pflops = acc["dense_bf16_flops"] / 1e15
        lcoc_pflop = (
            lcoc / pflops if np.isfinite(pflops) and pflops > 0 else np.full_like(lcoc, np.nan)
        )
    out = dict(res)
    # the breakdown's accelerators add up to accelerator_capex_usd (see "Cost breakdown")
    if not include_accelerators:
        items = [k for k in res if k.startswith(_ACC_BREAKDOWN)] or [_ACC_INITIAL]
        if afr is not None and _ACC_REPLACEMENT not in items:
            items.append(_ACC_REPLACEMENT)  # a site's two lines, both 0
        for k in items:
            out[k] = np.zeros(lead)
    elif not np.all(use_own):
        # bought here, at the unit price: the initial fleet and the replacements
        bought = {_ACC_INITIAL: np.where(use_own, 0.0, initial)}
        if afr is not None:
            bought[_ACC_REPLACEMENT] = np.where(use_own, 0.0, replaced)
        for key, value in bought.items():
            own_item = res.get(key)
            out[key] = value if own_item is None else own_item + value
    out.update(
        accelerators=np.array(n_acc_last),
        accelerator_capex_usd=np.array(acc_total),
        accelerator_hours_per_year=n_acc_last * HOURS_PER_YEAR * u,
        cost_with_accelerators_usd=infra_undisc + acc_total,
        lcoc_usd_per_accelerator_hour=lcoc,
        lcoc_usd_per_pflop_hour=lcoc_pflop,
        infra_usd_per_mwh=infra_mwh,
        feasible=feasible,
    )
    if "mass_to_orbit_kg" in res:
        out["mass_to_orbit_t"] = np.asarray(res["mass_to_orbit_kg"], dtype=float) / 1000.0
    return out


#: What overflows when the levelizing does (the message of :func:`_levelize_overflow`).
_LEVELIZE_OVERFLOW = "the accelerator count, hours and costs of the levelized cost"
# The outputs of _levelize that an overflow there makes infinite (finite inputs).
_LEVELIZE_SCALED = _LEVELIZE_ADDS - {"feasible", "mass_to_orbit_t"}


def _levelize_overflow(args: Mapping[str, Any], given: Mapping[str, Any]) -> InputError:
    """The InputError for a :func:`_levelize` call (keywords ``args``) that overflowed
    float64.

    An accelerator power far too small (``accelerator_all_in_power_w=1e-300`` W: 1e306
    accelerators per MW) or a price far too large makes the accelerator count, hours or
    costs overflow. The call is repeated with overflows ignored to find the first sample
    whose outputs went infinite, and :func:`~orbitcompute._validate.overflow_error` names
    the input of ``given`` (the placement's keywords, its accelerator's power and price,
    the demand and the discount rate) farthest from 1 at that sample, so that a scan over
    1e-300 ... 1e300 blames the value that overflowed, not the largest of the scan.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        out = _levelize(**args)
    shapes = [np.shape(out[k]) for k in _LEVELIZE_SCALED]
    bad = np.zeros(np.broadcast_shapes(*shapes), dtype=bool)
    for k in _LEVELIZE_SCALED:
        bad |= np.isinf(np.asarray(out[k], dtype=float))
    at = dict(given)
    if bad.any() and bad.ndim:
        i = int(np.flatnonzero(bad)[0])
        for k, v in given.items():
            try:
                a = np.asarray(v, dtype=float)
                at[k] = float(np.broadcast_to(a, bad.shape).flat[i]) if a.ndim else v
            except (TypeError, ValueError):
                continue  # not a number (a name, a table) or not of the samples' shape
    return overflow_error(at, _LEVELIZE_OVERFLOW)


def evaluate(
    scenario: Scenario | str | Path,
    overrides: Mapping[str, Any] | None = None,
    candidates: Sequence[str] | None = None,
    metrics: Sequence[str] | None = None,
) -> dict[str, dict[str, np.ndarray]]:
    """Evaluate every candidate of a scenario, vectorized over override arrays.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A validated scenario, a shipped scenario name or a file path.
    overrides : mapping, optional
        ``{"launch_price_usd_per_kg": array}`` applies to every candidate whose
        model accepts the parameter (in its mode); ``{"<placement>.<param>": array}``
        to one, and for that one it wins over a bare key of the same parameter (or
        of its other form, ``launch_price_usd_per_launch`` for
        ``launch_price_usd_per_kg``), in either order. ``accelerator_price_usd`` (>= 0 USD) and
        ``accelerator_all_in_power_w`` (> 0 W) apply to every candidate, terrestrial
        ones too: they are the accelerator each is levelized with (see the module
        docstring). ``"demand.it_power_mw"`` (in (0, 1e6] MW), ``"demand.utilisation"``
        (in (0, 1]; a bare ``"utilisation"`` is the same, and giving both is an
        ``InputError``) and ``"finance.discount_rate"`` (in [0, 1)) change the demand
        and the finance of every placement, also of one whose block sets its own
        ``utilisation`` or ``discount_rate``: an explicit override is the
        caller's intent (a tornado, sweep or Monte Carlo of the scenario's rate
        moves every placement). Given together with a placement's own
        ``discount_rate`` (or ``utilisation``) override, bare or
        ``"<placement>.<param>"``, it is an ``InputError`` naming both. Arrays of
        N samples broadcast: each candidate is evaluated in ONE call. Every key
        is checked against the whole scenario, also when ``candidates`` leaves
        its placement out: a parameter no model has, a placement not in the
        scenario or a parameter that placement does not take is an ``InputError``
        with a did-you-mean. An ``orbit`` is an :class:`~orbitcompute.orbit.Orbit`
        or a table as in a scenario file (``{"kind": "sun_synchronous",
        "altitude_km": 650, "ltan_h": 18}``).
    candidates : sequence of str, optional
        Evaluate only these placements: a list of names (one name as a bare
        string is an ``InputError``, as for ``metrics``).
    metrics : sequence of str, optional
        Keep only these outputs of each placement (those it has). Each placement's
        other outputs are dropped as soon as it is evaluated, so a Monte Carlo
        holds one placement's working arrays at a time instead of all of them.
        A model that takes ``outputs=`` (the orbital placement) is asked only for
        the metrics and what the levelized cost needs, when each metric is one
        of its ``COMMON_OUTPUTS`` or added here; the values are the same.
        A name that no placement of the scenario outputs is an ``InputError`` (the
        other placements are evaluated at their own values only to check a name
        the evaluated ones lack).

    Returns
    -------
    dict
        ``{placement: {metric: ndarray}}`` with the placement model's metrics
        plus ``accelerators``, ``accelerator_capex_usd``,
        ``lcoc_usd_per_accelerator_hour``, ``lcoc_usd_per_pflop_hour``, each
        with the accelerator the placement holds, and ``infra_usd_per_mwh``
        (see the module docstring).

    Raises
    ------
    InputError
        A bad key or value (``param=value: ...``); a value of a placement's block
        that its model refuses names the scenario file and the block
        (``gigawatt.toml: [terrestrial.memphis] grid_wait_years=-1: ...``).
    """
    from orbitcompute.scenario import placement_keywords

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    overrides = _check_overrides(sc, overrides)
    chosen = list(sc.candidates)
    if candidates is not None:
        names = _name_list("candidates", candidates, "placement names")
        for n in names:
            sc.candidate(n)  # raises with a suggestion
        chosen = [c for c in chosen if c.name in set(names)]
    if metrics is not None:
        metrics = _name_list("metrics", metrics, "output names")
    seen: set[str] = set()
    results: dict[str, dict[str, np.ndarray]] = {}
    demand_mw = _demand_it_power_mw(sc)
    for cand in chosen:
        allowed = placement_keywords(cand.kind)
        model_over, outer = _split_overrides(overrides, cand)
        it_mw = outer.get("it_power_mw", demand_mw)
        util = outer.get("utilisation", sc.demand["utilisation"])
        rate = outer.get("discount_rate", sc.finance["discount_rate"])
        params = _model_params(sc, cand, model_over)
        # A placement's own rate or utilisation (its block or an override) levelizes its
        # hours too: costs and output are discounted at one rate. An explicit scenario-wide
        # override (finance.discount_rate, demand.utilisation) replaces its block's value.
        for param, value in (("discount_rate", rate), ("utilisation", util)):
            if param not in allowed:
                continue
            if param in outer:
                _refuse_both(overrides or {}, cand, param)
                params[param] = value
            elif param == "discount_rate":
                rate = params.setdefault(param, value)
            else:
                util = params.setdefault(param, value)
        # an accelerator price or power the model does not take (a terrestrial site's, a
        # top-down design's price) is the accelerator its cost is levelized with
        levelize_only = _levelize_only(cand, params)
        fn = _placement_function(cand.kind)
        keep = _model_outputs(fn, metrics)
        if keep is not None:
            # only what the metrics and the levelizing need (lower peak memory)
            params["outputs"] = keep
        try:
            res = fn(
                it_power_mw=it_mw,
                years=int(sc.demand["years"]),
                start_year=int(sc.demand["start_year"]),
                **params,
            )
        except InputError as exc:
            raise InputError(_placement_error(sc, cand, exc, model_over)) from None
        res = {k: np.asarray(v) for k, v in res.items()}
        try:
            acc = _placement_accelerator(sc, {**params, **levelize_only})
        except InputError as exc:
            raise InputError(_placement_error(sc, cand, exc, model_over)) from None
        args = {
            "res": res,
            "acc": acc,
            "utilisation": util,
            "discount_rate": rate,
            "include_accelerators": bool(sc.demand.get("include_accelerators", True)),
            # a top-down design's own total, 0 included (the model reports 0 too when
            # none is stated: only the block or an override tells the two apart)
            "stated_accelerator_capex": "accelerator_capex_usd" in params,
        }
        try:
            with np.errstate(over="raise"):  # an overflow is reported, below
                res = _levelize(**args)
        except FloatingPointError:
            given = {
                **params,
                "accelerator_all_in_power_w": acc["all_in_power_w"],
                "accelerator_price_usd": acc["price_usd"],
                "it_power_mw": it_mw,
                "utilisation": util,
                "discount_rate": rate,
            }
            exc = _levelize_overflow(args, given)
            raise InputError(_placement_error(sc, cand, exc, model_over)) from None
        if metrics is not None:
            seen.update(res)
            res = {k: res[k] for k in metrics if k in res}
        results[cand.name] = res
    missing = [k for k in metrics or () if k not in seen] if chosen else []
    others = [c.name for c in sc.candidates if c.name not in results]
    if missing and others:
        # an output of another kind of placement (a Monte Carlo of some placements keeps
        # run-wide metrics): look at the rest of the scenario, at its own values
        for res in evaluate(sc, candidates=others).values():
            seen.update(res)
    for k in missing:
        if k not in seen:
            raise InputError(
                f"metrics={short_repr(metrics)}: {k!r} is not an output of the scenario's "
                "placements"
                f"{did_you_mean(k, seen)}"
            )
    return results


def _scalar(v: Any) -> Any:
    a = np.asarray(v)
    if a.ndim == 0:
        x = a.item()
        return x
    if a.size == 1:
        return a.ravel()[0].item()
    return a


class Comparison:
    """The result of :func:`compare`: tidy frames plus the raw model outputs.

    The frames are built on first access, so the command line, which prints the
    table or JSON from the plain rows, never imports pandas.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per placement; columns in :data:`SUMMARY_COLUMNS` (units in names).
    breakdown : pandas.DataFrame
        Long form: ``placement, category, item, value, unit``. A placement's values
        add up to its ``cost_total_usd + accelerator_capex_usd``; its
        ``accelerators`` lines to ``accelerator_capex_usd`` (0 when the scenario
        excludes accelerators), the others to ``cost_total_usd`` (module docstring,
        "Cost breakdown").
    timeline : pandas.DataFrame
        ``placement, year, delivered_it_mw``.
    results : dict
        The raw named arrays from each placement model.
    """

    def __init__(self, scenario: Scenario, results: dict[str, dict[str, np.ndarray]]) -> None:
        self.scenario = scenario
        self.results = results
        self._rows, self._brows, self._trows = _rows(scenario, results)

    def __repr__(self) -> str:
        return f"Comparison(scenario={self.scenario.name!r}, placements={list(self._rows)})"

    @cached_property
    def summary(self) -> pd.DataFrame:
        import pandas as pd

        df = pd.DataFrame.from_dict(self._rows, orient="index")
        return df[[c for c in SUMMARY_COLUMNS if c in df.columns]]

    @cached_property
    def breakdown(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self._brows, columns=["placement", "category", "item", "value", "unit"])

    @cached_property
    def timeline(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self._trows, columns=["placement", "year", "delivered_it_mw"])

    def to_table(self) -> str:
        """An aligned plain-text table for the terminal.

        Placement names are printed whole; each column's numbers in one notation
        (:func:`orbitcompute.cli._format.column`), rounded to the digits shown.
        """
        from orbitcompute.cli._format import UNLIMITED, column, is_number, table

        unlimited = False

        def block(columns: tuple[tuple[str, str], ...]) -> str:
            nonlocal unlimited
            rows = []
            for name, row in self._rows.items():
                vals: list[Any] = []
                for col, _ in columns:
                    if col == "placement":
                        vals.append(name)
                        continue
                    v = row.get(col)
                    if col == "capex_usd" and v is not None and v == v:
                        v = (v + (row.get("accelerator_capex_usd") or 0.0)) / 1e9
                    vals.append(v)
                rows.append(vals)
            for i, (col, head) in enumerate(columns):
                if col in _NEVER_COLUMNS:
                    # "never" (see the legend) for no power at all: inf from an orbital
                    # design that cannot fly, NaN from a site that builds nothing; the
                    # column is pre-formatted (its numbers in one notation), right-aligned
                    # as the other numbers
                    finite = [
                        float(r[i]) if r[i] is not None and math.isfinite(r[i]) else None
                        for r in rows
                    ]
                    cells = [
                        "never" if f is None else c
                        for c, f in zip(column(finite), finite, strict=True)
                    ]
                    width = max([len(head), *map(len, cells)])
                    for r, c in zip(rows, cells, strict=True):
                        r[i] = c.rjust(width)
                else:
                    unlimited = unlimited or any(
                        is_number(r[i]) and math.isinf(float(r[i])) for r in rows
                    )
            # placement names whole (the first column): two names sharing their first
            # 24 characters stay two rows; other text cut where it stays distinct
            return table([h for _, h in columns], rows, max_width=24)

        d = self.scenario.demand
        fin = self.scenario.finance
        if "it_power_mw" in d:
            what = f"{d['it_power_mw']:,.0f} MW IT of {d['accelerator']}"
        else:  # given as a number of accelerators: their IT power, as evaluate places it
            mw = _demand_it_power_mw(self.scenario)
            what = f"{d['accelerators']:,.0f} {d['accelerator']} ({mw:,.4g} MW IT)"
        desc = str(self.scenario.description or "").strip()  # none: the name, not "x: "
        head = (
            f"{self.scenario.name}{': ' + desc if desc else ''}\n"
            f"demand: {what} from {d['start_year']} for "
            f"{d['years']} years at utilisation {d['utilisation']:.0%}; discount rate "
            f"{fin['discount_rate']:.1%} ({fin['dollar_year']} USD)\n"
        )
        if d.get("include_accelerators", True):
            capex, hours = "includes", "accelerator-hours; "
        else:
            capex, hours = (
                "excludes",
                "accelerator-hours (infrastructure only, as the scenario sets);\n",
            )
        foot = (
            "\nhosts all: can host the whole demand within the horizon; binding: the constraint "
            "that limits it;\nfirst yr, full yr: years from the start to first and to full "
            "power (never: it delivers none);\n"
            f"capex $B {capex} accelerators; $/acc-h and $/PFLOP-h: levelized cost of compute over"
            f"\ndelivered {hours}infra $/MWh: infrastructure cost per MWh of IT energy\ndelivered "
            "at the utilisation, discounted as for $/acc-h (no accelerators); n/a: undefined\n"
            "(nothing delivered, or a design that cannot fly)."
        )
        body = block(_TABLE_COLUMNS) + "\n\nfootprint\n" + block(_FOOTPRINT_COLUMNS)
        if unlimited:  # an infinite value: a quantity with no limit (JSON's "inf")
            foot += f"\n{UNLIMITED}: no limit (inf in JSON and CSV)."
        return head + "\n" + body + "\n" + foot

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        """The summary as an HTML table under the scenario's name and description
        (escaped; no empty paragraph when the scenario has no description).

        Each numeric column in one notation with 4 significant figures
        (:func:`orbitcompute.cli._format.column`): ``844,917`` beside ``1,456,478``,
        not ``8.449e+05`` beside ``5,306``; n/a where undefined, "never" for a time
        to power that is not finite (as the terminal table), "unlimited" for inf.
        """
        import html

        import pandas as pd

        from orbitcompute.cli._format import column, is_number

        head = f"<h4>{html.escape(self.scenario.name)}</h4>"
        if self.scenario.description:
            head += f"<p>{html.escape(self.scenario.description)}</p>"
        df = self.summary
        shown = {}
        for col in df.columns:
            values = [v.item() if isinstance(v, np.generic) else v for v in df[col]]
            if not values or isinstance(values[0], bool) or not all(map(is_number, values)):
                shown[col] = df[col]
                continue
            cells = column(values, 4)
            if col in _NEVER_COLUMNS:
                cells = [
                    c if math.isfinite(v) else "never" for c, v in zip(cells, values, strict=True)
                ]
            shown[col] = pd.Series(cells, index=df.index, dtype=object)
        return head + pd.DataFrame(shown, index=df.index).to_html(na_rep="n/a")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: scenario, summary rows, breakdown and timeline.

        Numbers are plain floats and ints. JSON has no infinity or NaN: an unlimited
        value (``inf``, e.g. the ``max_feasible_it_mw`` of a site with no binding
        limit) is written as the string ``"inf"`` (``"-inf"``), and an undefined value
        (NaN, e.g. the cost of a placement that delivers nothing) as ``null``, so
        the two are not confused.
        """

        def clean(v: Any) -> Any:
            if isinstance(v, (np.floating, float)):
                if np.isnan(v):
                    return None
                return float(v) if np.isfinite(v) else ("inf" if v > 0 else "-inf")
            if isinstance(v, (np.integer,)):
                return int(v)
            if isinstance(v, np.bool_):
                return bool(v)
            return v

        summary = [
            {"placement": name, **{k: clean(row.get(k)) for k in SUMMARY_COLUMNS if k in row}}
            for name, row in self._rows.items()
        ]
        return {
            "scenario": {
                "name": self.scenario.name,
                "description": self.scenario.description,
                "demand": dict(self.scenario.demand),
                "finance": dict(self.scenario.finance),
            },
            "summary": summary,
            "breakdown": [{k: clean(v) for k, v in r.items()} for r in self._brows],
            "timeline": [{k: clean(v) for k, v in r.items()} for r in self._trows],
        }

    def to_json(self, path: str | Path | None = None) -> str:
        """Serialize to JSON (and write it to ``path`` if given)."""
        text = json.dumps(self.to_dict(), indent=2)
        if path is not None:
            Path(path).write_text(text)
        return text

    def to_csv(self, path: str | Path | None = None) -> str:
        """The summary as CSV (written to ``path`` if given)."""
        text = self.summary.rename_axis("placement").to_csv()
        if path is not None:
            Path(path).write_text(text)
        return text


def _rows(
    sc: Scenario, results: dict[str, dict[str, np.ndarray]]
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Summary rows by placement, breakdown rows and timeline rows, as plain Python."""
    rows: dict[str, dict[str, Any]] = {}
    brows: list[dict[str, Any]] = []
    trows: list[dict[str, Any]] = []
    for cand in sc.candidates:
        if cand.name not in results:
            continue
        res = results[cand.name]
        row: dict[str, Any] = {"kind": cand.kind}
        for col in SUMMARY_COLUMNS[1:]:
            if col in res:
                row[col] = _scalar(res[col])
            else:
                row[col] = np.nan if col not in ("binding_constraint",) else ""
        if cand.kind == "terrestrial":
            for col in ("mass_to_orbit_t", "launches", "satellites"):
                row[col] = row[col] if row[col] == row[col] else 0.0
        rows[cand.name] = row
        for key, val in res.items():
            if key.startswith("breakdown."):
                _, category, item = key.split(".", 2)
                unit = "USD"
                for suffix, u in (("_usd_per_year", "USD/year"), ("_usd", "USD")):
                    if item.endswith(suffix):
                        item, unit = item[: -len(suffix)], u
                        break
                brows.append(
                    {
                        "placement": cand.name,
                        "category": category,
                        "item": item,
                        "value": float(_scalar(val)),
                        "unit": unit,
                    }
                )
        years = np.asarray(res.get("year", np.arange(sc.demand["years"]) + sc.demand["start_year"]))
        mw = np.asarray(res["delivered_it_mw_by_year"], dtype=float).reshape(-1)[-years.size :]
        for y, v in zip(years.reshape(-1), mw, strict=True):
            trows.append({"placement": cand.name, "year": int(y), "delivered_it_mw": float(v)})
    return rows, brows, trows


def compare(scenario: Scenario | str | Path = "gigawatt") -> Comparison:
    """Run every candidate placement of a scenario and compare them.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A validated :class:`~orbitcompute.scenario.Scenario`, a shipped scenario
        name (``"gigawatt"``, ``"mccalip_2025"``, ...) or a path to a TOML file.

    Returns
    -------
    Comparison
        ``summary``, ``breakdown`` and ``timeline`` frames, ``to_json()``,
        ``to_csv()``, ``to_table()`` and an HTML view for notebooks.

    Examples
    --------
    >>> from orbitcompute import compare
    >>> c = compare.compare("gigawatt")            # doctest: +SKIP
    >>> c.summary[["feasible", "lcoc_usd_per_accelerator_hour"]]  # doctest: +SKIP
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    return Comparison(sc, evaluate(sc))


def _check_two_placements(placement: Any, against: Any) -> None:
    """Refuse a break-even of a placement against itself (it always matches itself).

    The message names both arguments in its opening (``against='x', placement='x':
    ...``), so the command line's :func:`orbitcompute.cli.as_options` names them as
    its options (``--against='x', --placement='x': ...``); one check serves both.
    """
    if against == placement:
        raise InputError(
            f"against={against!r}, placement={placement!r}: must name two different "
            "placements (a placement always matches itself)"
        )


def breakeven(
    scenario: Scenario | str | Path,
    placement: str,
    against: str,
    parameter: str = "launch_price_usd_per_kg",
    bounds: tuple[float, float] | None = None,
    metric: str = "lcoc_usd_per_accelerator_hour",
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Value of ``parameter`` at which ``placement`` matches ``against`` on ``metric``.

    The placement's metric is evaluated on a grid of the parameter in ONE
    vectorized call; a grid value equal to the target is the break-even, and a
    sign change of the difference is refined with Brent's method
    (:func:`scipy.optimize.brentq`). The refined value is checked: where the
    metric steps over the target (a placement's power arriving a month later,
    one more launch) rather than crossing it, the difference left at the end
    (more than 1e-6 of the metric) says so, and the next sign change of the
    scan is tried, up to the first 16 (:data:`_MAX_CROSSINGS`); if none is a
    crossing, no break-even is reported, with where the metric jumps. Two
    crossings within one step of the grid (129 points) cancel and are not seen.

    ``overrides`` (as in :func:`evaluate`, one value each) apply to both placements,
    except that the scan replaces an override of the scanned parameter for
    ``placement`` (bare or ``"<placement>.<param>"``, or of its other form,
    ``launch_price_usd_per_launch`` for ``launch_price_usd_per_kg``; its value only
    centres the default ``bounds``). For a parameter that moves both placements, an
    ``"<against>.<param>"`` override keeps ``against``'s value fixed: ``target`` and
    ``targets`` are computed with it, and the scan moves ``placement`` alone.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A scenario, a shipped scenario name or a TOML file.
    placement : str
        The placement whose ``parameter`` is varied.
    against : str
        The reference placement, at its own values.
    parameter : str
        A keyword of ``placement``'s model (in its mode), the price or power
        of the accelerator (``accelerator_price_usd``,
        ``accelerator_all_in_power_w``), or one of ``"demand.utilisation"`` (also
        written ``"utilisation"``, as in an override and :func:`tornado`),
        ``"demand.it_power_mw"`` and ``"finance.discount_rate"``. The accelerator
        (:data:`~orbitcompute.scenario.ACCELERATOR_KEYWORDS`, and its
        ``accelerator_annual_failure_rate``, the same chips' on every placement that
        takes it), the demand and the finance are every placement's, so their scan
        moves both placements: the break-even is the value at which the two cost the
        same, each with that value. Any other parameter moves ``placement`` only, and so does
        ``"<placement>.<param>"`` (e.g. ``"dawn_dusk_1000.utilisation"``, the
        orbital model's own utilisation, or its own accelerator price).
    bounds : (float, float), optional
        ``(low, high)`` range searched, ``low < high``, both finite; a
        geometric grid when ``low > 0``. Default: ``(0.001, 0.999)`` for a
        dimensionless share (a name ending in ``fraction``, ``fraction_per_year``,
        ``_rate``, ``_factor``, ``_share``, ``availability``, ``quantile`` or
        ``utilisation``); else ``(v / 100, 100 v)`` around the value ``v`` the
        placement's model uses: the one set in its block of the scenario (or by
        a one-value entry of ``overrides``), else its default, e.g. the site's
        row of ``data/sites.csv`` for ``facility_capex_usd_per_mw`` or
        ``grid_wait_years``, the launch vehicle's price per kg for
        ``launch_price_usd_per_kg`` (Starship: 500, so ``(5, 50000)``), the
        accelerator's price for ``accelerator_price_usd``, a ``data/bus.csv``
        row or the model's fixed default. A ``v`` of 0 (e.g.
        ``backup_capex_usd``, or Memphis's ``grid_wait_years``), ``inf`` (no
        limit) or no single number (``pue``, set by the cooling design) cannot
        be scaled: give ``bounds``.
    metric : str
        A numeric output of both placements.
    overrides : mapping, optional
        As for :func:`evaluate`, with one value per key (the scan compares one
        metric with one target).

    Returns
    -------
    dict
        ``found`` (bool), ``value`` (float or None), ``message`` ("no break-even
        in range" when the difference keeps its sign; "no break-even: ... jumps
        over the target at ..." when it only steps over it), ``jump_at`` (the
        parameter value of that step, else None), ``target`` (the reference
        metric: at its own values, or for an accelerator price or power, at the
        break-even when one is found), and the grid used with the two metrics
        on it (``grid``, ``values``, and ``targets``, the reference metric on the
        grid: ``target`` throughout unless the parameter moves both placements).
        ``infeasible_ranges`` lists the parts of the grid where a placement's metric
        is undefined (NaN: a design that cannot fly, nothing delivered), which
        hold no break-even: dicts ``placement``, ``low`` and ``high`` (the first
        and last values of the run where it is undefined) and ``binding_constraint``
        (there), e.g. ``vehicle_payload`` for a satellite heavier than the launcher's
        payload; ``[]`` when the metric is defined over the whole grid. An edge
        between a defined and an undefined part is located between the two grid
        values that straddle it, to 1e-9 of its value (an edge at 0: to 1e-18 of
        the grid step), so that the ranges do not depend on the ``bounds``; where
        the binding constraint changes inside an undefined run, the run is split at
        the grid value. When no break-even
        is found, the message names them ("<placement> is infeasible for
        <parameter> in [a, b] (<binding>); no break-even where it is defined:
        [c, d]") instead of "no break-even in range".

    Raises
    ------
    InputError
        An unknown placement, parameter or metric (with a did-you-mean), the
        same placement as ``placement`` and ``against``, a parameter that
        chooses by name, ``bounds`` that are not two finite numbers with
        ``low < high``, ``bounds`` that leave the values the placement's model
        allows for the parameter (``bounds=...: the scan of ... leaves what the
        model allows``), an override the model refuses (its own error, whatever
        the bounds), an override with more than one value, or no
        ``bounds`` for a parameter (not a share) whose value in use is not a
        finite number > 0 (naming the value); an override that the scan of a
        scenario-wide value conflicts with (a placement's own ``utilisation`` or
        ``discount_rate`` against ``demand.utilisation`` or
        ``finance.discount_rate``).
    """
    from scipy.optimize import brentq

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    cand = sc.candidate(placement)
    sc.candidate(against)
    _check_two_placements(placement, against)
    if not isinstance(parameter, str):
        raise InputError(f"parameter={short_repr(parameter)}: must be a parameter name")
    # the override key scanned; a demand, finance or accelerator value is every
    # placement's (as an override means it), "<placement>.<param>" the placement's own
    key = UTILISATION_ALIAS.get(parameter, parameter)
    # a demand or finance key is checked as one (a misspelled one is refused with the
    # three that may be scanned), not as a keyword of the placement
    outer_key = key.startswith(("demand.", "finance."))
    shared = outer_key or key in ACCELERATOR_KEYWORDS or key in _SHARED_CHIP_KEYWORDS
    if not shared and not key.startswith(f"{placement}."):
        key = f"{placement}.{parameter}"
    own_param = key.split(".", 1)[1] if not shared else None
    override_targets(
        sc.candidates,
        key if outer_key else f"{placement}.{key.split('.', 1)[-1]}",
        f"parameter={parameter!r}",
        numeric=True,
    )
    metric = _check_metric(metric)
    base = _check_overrides(sc, overrides) or {}
    for k, v in base.items():
        if np.size(v) != 1:
            raise InputError(
                f"overrides={{{k!r}: {short_repr(v)}}}: breakeven takes one value per "
                "override (it scans one parameter against one target); to compare several, "
                "call it once per value"
            )
    # the scan replaces the placement's value of the parameter (bare or its own key; a
    # bare accelerator, demand or finance key for both); "<against>.<param>" stays
    replaced = {key, UTILISATION_ALIAS.get(key, key)}
    if shared:
        replaced |= {k for k, v in UTILISATION_ALIAS.items() if v == key}
        replaced.add(f"{placement}.{key}")
    else:
        # and its other form (_ALTERNATIVES), as the placement's own key replaces a bare one
        replaced |= {f"{placement}.{k}" for k in _own_params([own_param])}
    scan_base = {k: v for k, v in base.items() if k not in replaced}
    clash = override_conflict([*scan_base, key])
    if clash is not None:
        first, other, why = clash
        bad = other if first == key else first
        if key in (first, other):
            why = (
                f"conflicts with the scan of {key} (parameter={parameter!r}): a "
                "placement's own value and the scenario-wide one cannot both be set; leave "
                "it out"
            )
        raise InputError(f"overrides={{{bad!r}: {short_repr(base[bad])}}}: {why}")
    if bounds is None:
        bounds = _default_bounds(sc, cand, own_param or key, base)
    lo, hi = _two_numbers(f"bounds={short_repr(bounds)}", bounds)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise InputError(f"bounds={short_repr(bounds)}: must be finite numbers")
    if not lo < hi:
        raise InputError(f"bounds={short_repr(bounds)}: low must be below high")
    need = "a break-even needs a numeric output of both placements"
    ref = _metric_values(
        evaluate(sc, base, candidates=[against])[against], metric, against, 0, need, False
    )
    target = float(np.ravel(ref)[0])
    # the accelerator's price or power, the demand and the finance are every
    # placement's: they move both sides
    names = [placement, against] if shared else [placement]
    grid = np.geomspace(lo, hi, 129) if lo > 0 else np.linspace(lo, hi, 129)
    result: dict[str, Any] = {
        "parameter": parameter,
        "placement": placement,
        "against": against,
        "metric": metric,
        "target": target,
        "bounds": (lo, hi),
        "grid": grid,
        "values": np.full(grid.shape, np.nan),
        "targets": np.full(grid.shape, target),
        "jump_at": None,
        "infeasible_ranges": [],
    }
    if not shared and not np.isfinite(target):
        result.update(found=False, value=None, message=f"{against} delivers nothing: no break-even")
        return result

    def scan(x: np.ndarray, which: list[str]) -> dict[str, Any]:
        # the placements of ``which`` at the parameter values ``x``: one call
        try:
            return evaluate(sc, {**scan_base, key: x}, candidates=which)
        except InputError as exc:
            error = exc
        # the overrides without the scan: an error of theirs (a value the model refuses
        # whatever the bounds) is raised as it is
        evaluate(sc, scan_base, candidates=which)
        raise InputError(
            f"bounds=({lo:g}, {hi:g}): the scan of {parameter} leaves what the model "
            f"allows ({error}); choose bounds inside it"
        ) from None

    res = scan(grid, names)
    vals = np.broadcast_to(
        _metric_values(res[placement], metric, placement, 1, need, False), grid.shape
    )
    if shared:
        targets = np.broadcast_to(
            _metric_values(res[against], metric, against, 1, need, False), grid.shape
        )
        result["targets"] = targets
    else:
        targets = np.full(grid.shape, target)
    diff = vals - targets
    ok = np.isfinite(diff)
    result["values"] = vals
    # where a placement's metric is undefined (a design that cannot fly): no break-even
    # there, and the messages below say so rather than dropping that part of the range
    finite = {placement: np.isfinite(vals)}
    if shared:
        finite[against] = np.isfinite(targets)

    def defined_at(x: np.ndarray, which: list[str]) -> dict[str, np.ndarray]:
        # whether each placement of ``which`` has a metric at the values ``x``: one call
        r = scan(x, which)
        return {
            n: np.isfinite(
                np.broadcast_to(_metric_values(r[n], metric, n, 1, need, False), x.shape)
            )
            for n in which
        }

    # the edges between the defined and the undefined parts, located between the grid
    # values that straddle them, so that the ranges do not depend on the bounds
    edges = _refine_edges(defined_at, grid, finite)
    undefined = _undefined_ranges(placement, vals, res[placement], grid, edges)
    if shared:
        undefined += _undefined_ranges(against, targets, res[against], grid, edges)
    result["infeasible_ranges"] = undefined
    where = _undefined_message(
        undefined, parameter, metric, _defined_ranges(ok, grid, finite, edges)
    )
    # in scan order: a grid value on the target, or a cell whose ends straddle it
    on_target = ok & (diff == 0)
    straddles = ok[:-1] & ok[1:] & (np.sign(diff[:-1]) * np.sign(diff[1:]) < 0)
    events = np.nonzero(on_target[:-1] | straddles)[0].tolist()
    if on_target[-1]:
        events.append(grid.size - 1)
    if not events:
        result.update(
            found=False,
            value=None,
            message=where or f"no break-even in range [{lo:g}, {hi:g}] of {parameter}",
        )
        return result

    seen: dict[float, float] = {}
    refs: dict[float, float] = {}

    def f(x: float) -> float:
        if x not in seen:
            v = evaluate(sc, {**scan_base, key: np.array([x])}, candidates=names)
            refs[x] = float(np.ravel(v[against][metric])[0]) if shared else target
            seen[x] = float(np.ravel(v[placement][metric])[0]) - refs[x]
        return seen[x]

    jump: tuple[float, float, float] | None = None
    for i in events[:_MAX_CROSSINGS]:
        if on_target[i]:
            x = float(grid[i])
            result.update(found=True, value=x, message=f"break-even at {parameter}={x:,.4g}")
            if shared:
                result["target"] = float(targets[i])
            return result
        a, b = float(grid[i]), float(grid[i + 1])
        fa, fb = f(a), f(b)  # the scalar evaluation, as brentq sees it
        if not (math.isfinite(fa) and math.isfinite(fb)):
            continue
        if fa == 0.0 or fb == 0.0 or np.sign(fa) == np.sign(fb):
            # on the target, or the vectorized scan and the scalar evaluation differ in
            # the last bits there: the end nearer the target is the crossing
            x = a if abs(fa) <= abs(fb) else b
        else:
            # a step tolerance relative to the values (a parameter of 1e-8 is located
            # to 1e-12 of it, not to 1e-12 absolute); brentq needs one > 0
            xtol = max(1e-12 * max(abs(a), abs(b)), np.finfo(float).tiny)
            x = brentq(f, a, b, xtol=xtol, maxiter=200)
        tol = _BREAKEVEN_RTOL * max(
            abs(targets[i]), abs(targets[i + 1]), abs(vals[i]), abs(vals[i + 1])
        )
        if abs(f(x)) <= tol:
            result.update(found=True, value=float(x), message=f"break-even at {parameter}={x:,.4g}")
            if shared:
                result["target"] = refs[x]
            return result
        if jump is None:
            # the metric steps over the target: its values on either side of the step
            left = max((p for p in seen if p <= x and np.sign(seen[p]) == np.sign(fa)), default=a)
            right = min((p for p in seen if p >= x and np.sign(seen[p]) == np.sign(fb)), default=b)
            jump = (float(x), seen[left] + refs[left], seen[right] + refs[right])
    if jump is None:
        result.update(
            found=False,
            value=None,
            message=where or f"no break-even in range [{lo:g}, {hi:g}] of {parameter}",
        )
        return result
    x, before, after = jump
    goal, before_s, after_s = _distinct_numbers(refs[x] if shared else target, before, after)
    result.update(
        found=False,
        value=None,
        jump_at=x,
        message=(
            f"no break-even: {metric} jumps over the target "
            f"{goal} at {parameter}={x:,.4g} (from {before_s} to {after_s})"
        )
        + (f" ({where})" if where else ""),
    )
    return result


def _distinct_numbers(*values: float) -> list[str]:
    """``values`` formatted ``",.4g"``, or with more significant digits (up to 12) where
    that makes different values print differently (a step of 1e-4 of the metric over the
    target: "from 35.159 to 35.161", not "from 35.16 to 35.16")."""
    out = [f"{v:,.4g}" for v in values]
    for digits in range(5, 13):
        if len(set(out)) == len(set(values)):
            break
        out = [f"{v:,.{digits}g}" for v in values]
    return out


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """``(first, last)`` indices of each run of True in a 1-d boolean array."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(
        zip(
            np.nonzero(edges == 1)[0].tolist(),
            (np.nonzero(edges == -1)[0] - 1).tolist(),
            strict=True,
        )
    )


#: Where a scanned metric turns from defined to undefined (or back) between two grid
#: values, :func:`_refine_edges` locates the edge to this fraction of its value ...
_EDGE_RTOL = 1e-9
#: ... evaluating this many values inside each bracket per call (one call for all) ...
_EDGE_POINTS = 31
#: ... in at most this many calls (32**12 ~ 1e18: an edge at 0, which no fraction of
#: its value can reach, is then located to 1e-18 of its grid cell).
_EDGE_CALLS = 12


def _refine_edges(
    defined_at: Any, grid: np.ndarray, finite: Mapping[str, np.ndarray]
) -> dict[tuple[str, int], tuple[float, float]]:
    """Locate each edge between the parts of a scan where a placement's metric is defined
    and where it is not, between the two grid values that straddle it.

    Parameters
    ----------
    defined_at : callable
        ``defined_at(x, names)``: ``{name: bool array}``, whether each placement of
        ``names`` has a finite metric at the parameter values ``x`` (one vectorized call).
    grid : ndarray
        The scan's grid, increasing.
    finite : mapping
        ``{placement: bool array}``: whether its metric is finite at each grid value.

    Returns
    -------
    dict
        ``{(placement, i): (a, b)}`` for each grid cell ``i`` whose ends differ: ``a``
        the last value found with ``grid[i]``'s state and ``b`` the first with
        ``grid[i + 1]``'s, ``b - a`` at most :data:`_EDGE_RTOL` of their size (or
        after :data:`_EDGE_CALLS` calls, each narrowing every bracket 32-fold: an edge
        at 0). With several edges inside one cell, the first from ``grid[i]`` is found.
    """
    brackets: dict[tuple[str, int], tuple[float, float, bool]] = {}
    for name, ok in finite.items():
        for i in np.nonzero(ok[:-1] != ok[1:])[0].tolist():
            brackets[(name, i)] = (float(grid[i]), float(grid[i + 1]), bool(ok[i]))
    for _ in range(_EDGE_CALLS):
        active = [
            k for k, (a, b, _) in brackets.items() if b - a > _EDGE_RTOL * max(abs(a), abs(b))
        ]
        if not active:
            break
        inner = {}
        for k in active:
            a, b, _ = brackets[k]
            space = np.geomspace if 0 < 2 * a < b else np.linspace
            inner[k] = space(a, b, _EDGE_POINTS + 2)[1:-1]
        state = defined_at(
            np.concatenate(list(inner.values())), sorted({name for name, _ in active})
        )
        start = 0
        for k in active:
            a, b, left = brackets[k]
            x = np.concatenate(([a], inner[k], [b]))
            st = np.concatenate(([left], state[k[0]][start : start + inner[k].size], [not left]))
            start += inner[k].size
            j = int(np.argmax(st != left))  # the first change of state from a
            brackets[k] = (float(x[j - 1]), float(x[j]), left)
    return {k: (a, b) for k, (a, b, _) in brackets.items()}


def _undefined_ranges(
    name: str,
    vals: np.ndarray,
    res: Mapping[str, Any],
    grid: np.ndarray,
    edges: Mapping[tuple[str, int], tuple[float, float]],
) -> list[dict[str, Any]]:
    """The runs of the scan grid where ``name``'s metric is not finite, split by the
    binding constraint there: ``{"placement", "low", "high", "binding_constraint"}``.

    ``low`` and ``high`` are the first and last values where it is undefined: at an edge
    with a defined part, the one :func:`_refine_edges` located (``edges``); at the end of
    the scan or where the binding constraint changes, the grid value."""
    bad = ~np.isfinite(vals)
    if not bad.any():
        return []
    binding = res.get("binding_constraint")
    binding = np.broadcast_to(np.asarray("none" if binding is None else binding), grid.shape)
    # a change of binding constraint inside an undefined run starts a new one
    label = np.where(bad, binding.astype(str), "")
    out = []
    for first, last in _runs(bad):
        cut = np.nonzero(label[first + 1 : last + 1] != label[first:last])[0] + first + 1
        for a, b in zip([first, *cut.tolist()], [*(cut - 1).tolist(), last], strict=True):
            low = edges[(name, a - 1)][1] if a == first and a > 0 else float(grid[a])
            end = b == last and b < grid.size - 1
            out.append(
                {
                    "placement": name,
                    "low": low,
                    "high": edges[(name, b)][0] if end else float(grid[b]),
                    "binding_constraint": str(label[a]),
                }
            )
    return out


def _defined_ranges(
    ok: np.ndarray,
    grid: np.ndarray,
    finite: Mapping[str, np.ndarray],
    edges: Mapping[tuple[str, int], tuple[float, float]],
) -> list[tuple[float, float]]:
    """``(low, high)`` of each run of the scan where every placement's metric is defined
    (``ok``), its ends at the edges :func:`_refine_edges` located: a run starts where
    the last placement undefined before it becomes defined, and ends where the first
    becomes undefined after it."""
    out = []
    for i, j in _runs(ok):
        low, high = float(grid[i]), float(grid[j])
        if i > 0:
            starts = [edges[(n, i - 1)][1] for n, f in finite.items() if not f[i - 1]]
            low = max(starts, default=low)
        if j < grid.size - 1:
            ends = [edges[(n, j)][0] for n, f in finite.items() if not f[j + 1]]
            high = min(ends, default=high)
        out.append((low, high))
    return out


def _undefined_message(
    undefined: list[dict[str, Any]],
    parameter: str,
    metric: str,
    defined: list[tuple[float, float]],
) -> str:
    """``"<placement> is infeasible for <parameter> in [a, b] (<binding>); no
    break-even where it is defined: [c, d]"``, or "" when the metric is defined
    everywhere on the grid."""
    if not undefined:
        return ""
    names = list(dict.fromkeys(u["placement"] for u in undefined))
    parts = []
    for name in names:
        spans = " and ".join(
            f"[{u['low']:g}, {u['high']:g}] ("
            + (
                u["binding_constraint"]
                if u["binding_constraint"] not in ("", "none")
                else f"no binding constraint; {metric} undefined"
            )
            + ")"
            for u in undefined
            if u["placement"] == name
        )
        parts.append(f"{name} is infeasible for {parameter} in {spans}")
    spans = " and ".join(f"[{a:g}, {b:g}]" for a, b in defined)
    both = "it is" if len(names) == 1 else "both are"
    tail = (
        f"no break-even where {both} defined: {spans}"
        if spans
        else f"no break-even: {metric} is undefined over the whole range"
    )
    return "; ".join([*parts, tail])


#: A refined break-even must match the target to this fraction of the metric; a larger
#: difference left at the end is a step of the metric over the target, not a crossing.
_BREAKEVEN_RTOL = 1e-6
#: At most this many sign changes of one scan are refined (each takes ~10-40 evaluations).
_MAX_CROSSINGS = 16


def _two_numbers(where: str, value: Any) -> tuple[float, float]:
    """``(low, high)`` from a list, tuple or 1-d array of two real numbers.

    A string, a mapping (whose keys iteration would give), a set (no order), text
    numbers (``"1"``), booleans and complex numbers are refused: ``<where>: must be
    (low, high), two numbers``.
    """
    bad = InputError(f"{where}: must be (low, high), two numbers")
    if isinstance(value, np.ndarray):
        if value.shape != (2,) or value.dtype.kind not in "iuf":
            raise bad
        return float(value[0]), float(value[1])
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise bad
    for x in value:
        if isinstance(x, (bool, np.bool_)) or not isinstance(
            x, (int, float, np.integer, np.floating)
        ):
            raise bad
    return float(value[0]), float(value[1])


#: Name endings of dimensionless shares, scanned over (0.001, 0.999) by default.
_SHARE_ENDINGS = (
    "fraction",
    "fraction_per_year",
    "_rate",
    "_factor",
    "_share",
    "availability",
    "quantile",
    "utilisation",
)


def _default_bounds(
    scenario: Scenario,
    cand: Candidate,
    parameter: str,
    overrides: Mapping[str, Any] | None = None,
) -> tuple[float, float]:
    """The default scan of :func:`breakeven` (see its ``bounds``).

    ``(0.001, 0.999)`` for a share; else ``(v / 100, 100 v)`` around the value ``v``
    the placement's model uses (set in its block or by a one-value override, else its
    default); an ``InputError`` asking for ``bounds`` when ``v`` is not a finite
    number > 0.
    """
    if parameter.endswith(_SHARE_ENDINGS):
        return (0.001, 0.999)
    model_over, outer = _split_overrides(overrides, cand)
    scalars = {k: v for k, v in model_over.items() if np.ndim(v) == 0}
    params = _model_params(scenario, cand, scalars)
    if parameter == "demand.it_power_mw":
        value = float(outer.get("it_power_mw", _demand_it_power_mw(scenario)))
    else:
        value = _value_in_use(scenario, cand, parameter, params)
    if value is not None and math.isfinite(value) and value > 0:
        return (value / 100.0, value * 100.0)
    where = f"the {cand.kind} placement {cand.name!r}"
    ask = "pass bounds=(low, high)"
    if value is None:
        raise InputError(
            f"parameter={parameter!r}: no default scan: {where} has no single default "
            "number for it (its model derives it from the demand or the design, or the "
            f"catalog has none); {ask}"
        )
    if parameter in scalars:
        source = "set by overrides"
    else:
        source = "set in the scenario" if parameter in params else "its default"
    raise InputError(
        f"parameter={parameter!r}: no default scan: {where} uses {parameter}={value:g} "
        f"({source}), and the default scan, 100x either side, needs a finite value > 0; "
        f"{ask}"
    )


def _value_in_use(
    scenario: Scenario, cand: Candidate, parameter: str, params: Mapping[str, Any]
) -> float | None:
    """The number ``cand``'s model uses for ``parameter`` when called with ``params``
    (for an accelerator price or power, that of the accelerator it is levelized with)."""
    if parameter in ACCELERATOR_KEYWORDS:
        try:
            acc = _placement_accelerator(scenario, params)
        except InputError as exc:
            raise InputError(f"[{cand.kind}.{cand.name}] {exc}") from None
        value = acc[parameter.removeprefix("accelerator_")]
        return float(value) if np.ndim(value) == 0 and np.isfinite(value) else None
    if cand.kind == "terrestrial":
        from orbitcompute.placements.terrestrial import _parameter_value
    else:
        from orbitcompute.placements.orbital import _parameter_value
    try:
        return _parameter_value(parameter, params)
    except InputError as exc:
        raise InputError(f"[{cand.kind}.{cand.name}] {exc}") from None


def tornado_ranges(
    scenario: Scenario | str | Path, placement: str
) -> dict[str, tuple[float, float]]:
    """The ranges of the scenario's ``[tornado]`` table that apply to one placement.

    The table serves every placement of the scenario, with the keys of an
    override: a bare parameter applies to a placement whose model takes it in
    its mode, ``"<placement>.<param>"`` to that placement only (it wins over a
    bare key of the same parameter), and ``"demand.it_power_mw"``,
    ``"demand.utilisation"`` or ``"finance.discount_rate"`` to every placement.

    Returns
    -------
    dict
        ``{parameter: (low, high)}`` in table order, a placement's own key under
        its parameter's name (as :func:`tornado` takes ``ranges``); empty when
        no parameter of the table applies (then :func:`tornado` without
        ``ranges`` raises).
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    sc.candidate(placement)
    return {param: pair for param, (_, pair) in _tornado_table(sc, placement).items()}


def _tornado_table(sc: Scenario, placement: str) -> dict[str, tuple[str, tuple[float, float]]]:
    """``{parameter: (key in the [tornado] table, (low, high))}`` for one placement."""
    where = sc.path or sc.name
    out: dict[str, tuple[str, tuple[float, float]]] = {}
    own: set[str] = set()
    for key, (lo, hi) in sc.tornado.items():
        reach = override_targets(sc.candidates, key, f"{where}: [tornado] {key}=...", numeric=True)
        if placement not in reach:
            continue
        param = key
        if not key.startswith(("demand.", "finance.")) and "." in key:
            param = key.split(".", 1)[1]
            own.add(param)
        elif param in own:
            continue  # the placement's own range of this parameter wins
        out[param] = (key, (float(lo), float(hi)))
    return out


def tornado(
    scenario: Scenario | str | Path,
    placement: str,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    metric: str = "lcoc_usd_per_accelerator_hour",
) -> pd.DataFrame:
    """One-at-a-time sensitivity of one placement's metric.

    Each parameter is set to its low and its high value (from ``ranges``, else
    the scenario's ``[tornado]`` table), two values in one vectorized call,
    others at their base. Rows are sorted by swing, largest first, after the rows
    whose range reaches a value where the metric is not finite (see ``note``). Any
    placement, terrestrial or orbital, may be analysed.

    Where the metric is undefined at an end of a range (NaN: e.g. a development
    time that leaves nothing delivered within the horizon, or a design that cannot
    fly there), ``metric_low`` or ``metric_high`` is NaN and so is ``swing``: there is
    no number to rank by, and the row's ``note`` says which end and why.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A scenario, a shipped scenario name or a TOML file.
    placement : str
        The placement analysed.
    ranges : mapping, optional
        ``{parameter: (low, high)}``, two finite numbers (a list, tuple or
        array) with ``low < high``; a parameter is a keyword of the placement's
        model (in its mode) or the price or power of the accelerator it is
        levelized with (``accelerator_price_usd``, ``accelerator_all_in_power_w``,
        for a terrestrial placement too), also written ``"<placement>.<param>"``,
        or one of ``"demand.it_power_mw"``, ``"demand.utilisation"`` (also
        written ``"utilisation"``), ``"finance.discount_rate"``. Default: the
        scenario's ``[tornado]`` table, of which the parameters this placement takes are used (the
        table serves every placement of the scenario; see :func:`tornado_ranges`).
    metric : str
        A numeric output of the placement.

    Returns
    -------
    pandas.DataFrame
        ``parameter, low, high, metric_low, metric_high, base, swing, note``.
        ``note`` is ``""`` where the metric is finite at both ends and at the base;
        else it says, for the base (``"base: ..."``, first) and each end where the
        metric is not finite, why, from the placement's outputs there, e.g.
        ``"high=100: lcoc_usd_per_accelerator_hour undefined: nothing delivered within
        the 6-year horizon (binding constraint: horizon)"``; such rows come first.

    Raises
    ------
    InputError
        An unknown placement or metric; a parameter of ``ranges`` that the
        placement does not take (with a did-you-mean); a range that is not two
        finite numbers with ``low < high``; no ``ranges`` and a ``[tornado]``
        table that names no parameter of this placement; a low or high value
        the model refuses (naming the range and, for the scenario's table, the
        file and its key).
    """
    import pandas as pd

    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    cand = sc.candidate(placement)
    metric = _check_metric(metric)
    table: dict[str, tuple[str, tuple[float, float]]] = {}
    if ranges is None:
        table = _tornado_table(sc, placement)
        ranges = {param: pair for param, (_, pair) in table.items()}
        if not ranges:
            mode = f" (mode={cand.params['mode']!r})" if "mode" in cand.params else ""
            raise InputError(
                f"placement={placement!r}: the [tornado] table of scenario {sc.name!r} names "
                f"no parameter of this {cand.kind} placement{mode}; give "
                "ranges={parameter: (low, high)}"
            )
    elif not isinstance(ranges, Mapping) or not ranges:
        raise InputError(
            f"ranges={short_repr(ranges)}: must be a non-empty mapping {{parameter: (low, high)}}"
        )
    keys: dict[str, str] = {}  # parameter -> override key
    for param in ranges:
        where = f"ranges={{{param!r}: ...}}"
        if not isinstance(param, str):
            raise InputError(f"{where}: keys must be parameter names")
        if param.startswith(("demand.", "finance.")):
            key = param
        elif param in UTILISATION_ALIAS:  # the demand's, as an override key means it
            key = UTILISATION_ALIAS[param]
        elif param.startswith(f"{placement}."):
            key = param  # this placement's own key, as an override names it
        else:
            key = f"{placement}.{param}"
        override_targets(sc.candidates, key, where, numeric=True)
        keys[param] = key
    checked: dict[str, tuple[float, float]] = {}
    for param, pair in ranges.items():
        where = f"ranges[{param!r}]={short_repr(pair)}"
        lo, hi = _two_numbers(where, pair)
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise InputError(f"{where}: must be finite numbers")
        if not lo < hi:
            raise InputError(f"{where}: low must be below high")
        checked[param] = (lo, hi)
    res = evaluate(sc, candidates=[placement])[placement]
    need = "a tornado needs one number of the placement per value"
    base = float(_metric_values(res, metric, placement, 0, need))
    years = int(sc.demand["years"])
    # at its own values the metric may be undefined too (nothing delivered): every row
    # says so, since its swing is then not about the base
    base_note = [] if math.isfinite(base) else ["base: " + _undefined_note(res, metric, 0, years)]
    rows = []
    for param, (lo, hi) in checked.items():
        key = keys[param]
        try:
            out = evaluate(sc, {key: np.array([lo, hi])}, candidates=[placement])[placement]
        except InputError as exc:
            if param in table:  # the scenario's [tornado] table: name the file and key
                where = f"{sc.path or sc.name}: [tornado] {table[param][0]}=[{lo:g}, {hi:g}]"
            else:
                where = f"ranges[{param!r}]=({lo:g}, {hi:g})"
            raise InputError(f"{where}: {exc}") from None
        v = np.broadcast_to(_metric_values(out, metric, placement, 1, need), (2,))
        notes = base_note + [
            f"{end}={x:g}: " + _undefined_note(out, metric, i, years)
            for i, (end, x) in enumerate((("low", lo), ("high", hi)))
            if not math.isfinite(v[i])
        ]
        with np.errstate(invalid="ignore"):  # inf - inf: NaN, and the note says why
            swing = float(abs(v[1] - v[0]))
        rows.append(
            {
                "parameter": param,
                "low": lo,
                "high": hi,
                "metric_low": float(v[0]),
                "metric_high": float(v[1]),
                "base": base,
                "swing": swing,
                "note": "; ".join(notes),
            }
        )
    # first the ranges that reach a value where the metric is not finite (a design that
    # delivers nothing), in table order; then by swing, largest first
    rows.sort(key=lambda r: (r["note"] == "", -r["swing"] if r["note"] == "" else 0.0))
    return pd.DataFrame(
        rows,
        columns=["parameter", "low", "high", "metric_low", "metric_high", "base", "swing", "note"],
    )


def _undefined_note(res: Mapping[str, Any], metric: str, i: int, years: int) -> str:
    """Why ``metric`` is not finite in sample ``i`` of a placement's result ``res``: e.g.
    ``"lcoc_usd_per_accelerator_hour undefined: nothing delivered within the 6-year
    horizon (binding constraint: horizon)"``."""

    def at(key: str) -> Any:
        # the output's value in sample i of the two (None: not an output)
        v = res.get(key)
        return None if v is None else np.broadcast_to(np.asarray(v), (2,))[i]

    value = float(at(metric))
    what = f"{metric} {'undefined' if math.isnan(value) else f'is {value:g}'}"
    binding = "" if at("binding_constraint") is None else str(at("binding_constraint"))
    delivered = at("delivered_it_mw")
    nothing = delivered is not None and not float(delivered) > 0
    why = f": nothing delivered within the {years}-year horizon" if nothing else ""
    tail = f" (binding constraint: {binding})" if binding not in ("", "none") else ""
    return what + why + tail
