"""Monte Carlo and Sobol sensitivity of a scenario's whole comparison.

Every candidate placement, orbital and terrestrial, is evaluated by
:func:`orbitcompute.compare.evaluate` on arrays of N samples: one vectorized
call per chunk of samples. Uncertain inputs come from the scenario file's
``[uncertainty]`` table or from ``distributions=``; their keys are override
keys of :func:`~orbitcompute.compare.evaluate`: ``"<param>"`` (every candidate
whose model takes it), ``"<placement>.<param>"`` (one candidate),
``"demand.it_power_mw"``, ``"demand.utilisation"`` or ``"finance.discount_rate"``::

    [uncertainty]
    launch_price_usd_per_kg = {dist = "triangular", low = 50, mode = 200, high = 1000}
    "memphis.electricity_price_usd_per_mwh" = {dist = "normal", mean = 70, sd = 10}

The result gives, per placement, the distribution of the levelized cost and
the probability that the placement is the cheapest feasible one.

References
----------
.. [1] Morgan, M. G., Henrion, M., "Uncertainty: A Guide to Dealing with
   Uncertainty in Quantitative Risk and Policy Analysis", Cambridge University
   Press, 1990, chapter 8 (propagation by Monte Carlo; probabilistic dominance).
"""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from orbitcompute._validate import check_choice, did_you_mean, short_repr
from orbitcompute.analysis.distributions import Distribution, as_distributions
from orbitcompute.analysis.engines import check_engine, chunk_bounds
from orbitcompute.analysis.montecarlo import (
    DEFAULT_CHUNK_SIZE,
    RunResult,
    _seed_sequence,
    check_correlated_chunks,
    extra_metadata_dict,
    monte_carlo,
    probability_cheapest,
    summarize,
    wilson_interval,
)
from orbitcompute.analysis.sampling import METHODS, _check_count, validate_correlation
from orbitcompute.analysis.sensitivity import OrbitcomputeWarning, SobolResult, sobol_indices
from orbitcompute.errors import InputError

__all__ = [
    "ALWAYS_COSTS",
    "DEFAULT_METRIC",
    "DEFAULT_METRICS",
    "ComparisonResult",
    "NonFiniteCostWarning",
    "affected_candidates",
    "comparison_model",
    "monte_carlo_comparison",
    "scenario_distributions",
    "sobol_comparison",
]

#: The cost that decides "cheapest".
DEFAULT_METRIC = "lcoc_usd_per_accelerator_hour"
#: Metrics kept per placement (and sample) by default.
DEFAULT_METRICS = (
    "lcoc_usd_per_accelerator_hour",
    "infra_usd_per_mwh",
    "capex_usd",
    "time_to_full_power_years",
    "feasible",
)


#: Numeric outputs that :func:`orbitcompute.compare.evaluate` gives every placement,
#: orbital or terrestrial, as one number per sample (the levelized costs of compute are
#: the comparison's own; the others both models report): a run whose metric is one of
#: these and that keeps only these and ``feasible`` (the defaults) needs no probe at one
#: point before its samples. ``tests/test_analysis_comparison.py`` checks the claim on
#: every shipped scenario.
ALWAYS_COSTS = frozenset(
    {
        "lcoc_usd_per_accelerator_hour",
        "lcoc_usd_per_pflop_hour",
        "infra_usd_per_mwh",
        "capex_usd",
        "time_to_full_power_years",
    }
)

#: Costs named as examples when a ``metric`` is refused.
COST_EXAMPLES = (
    "lcoc_usd_per_accelerator_hour",
    "lcoc_usd_per_pflop_hour",
    "capex_usd",
    "cost_total_usd",
    "time_to_full_power_years",
)


class NonFiniteCostWarning(OrbitcomputeWarning):
    """A feasible sample has a NaN or infinite cost: a model bug, not an infeasibility.

    Summaries and P(cheapest) leave such samples out (as they do the infeasible
    samples whose cost is NaN), so they would otherwise be dropped unseen.
    """


def _load(scenario: Any) -> Any:
    from orbitcompute.scenario import Scenario
    from orbitcompute.scenario import load as load_scenario

    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def scenario_distributions(
    scenario: Any, distributions: Mapping[str, Any] | None = None
) -> dict[str, Distribution]:
    """The uncertain inputs: ``distributions`` if given, else the scenario's ``[uncertainty]``.

    Raises
    ------
    InputError
        When neither gives any distribution (an empty ``distributions`` mapping
        is refused as such, whether or not the scenario has a table), or a spec
        is bad (the message names the scenario file).
    """
    sc = _load(scenario)
    if distributions is not None and not isinstance(distributions, Mapping):
        raise InputError(
            f"distributions={short_repr(distributions)}: must be a mapping {{override_key: spec}}"
        )
    if distributions is not None and not distributions:
        raise InputError(
            "distributions={}: empty; give at least one {override_key: spec}, or leave it out "
            f"to sample the [uncertainty] table of {sc.path or sc.name}"
        )
    specs = distributions if distributions is not None else dict(sc.uncertainty or {})
    if not specs:
        from orbitcompute.scenario import uncertainty_example

        raise InputError(
            f"{sc.path or sc.name}: no [uncertainty] table and no distributions given; add "
            f"e.g. [uncertainty] {uncertainty_example(sc.candidates)}"
        )
    try:
        return as_distributions(specs)
    except InputError as exc:
        where = "distributions" if distributions is not None else f"{sc.path}: [uncertainty]"
        raise InputError(f"{where} {exc}") from None


def affected_candidates(scenario: Any, keys: Sequence[str], name: str = "keys") -> list[str]:
    """Placements whose results depend on any of the override ``keys``.

    ``"demand.*"`` and ``"finance.*"`` touch every placement,
    ``"<placement>.<param>"`` that placement, and a bare ``"<param>"`` every
    placement whose model takes it in its mode. The others are constant over the
    samples.

    Raises
    ------
    InputError
        ``"<name>={'<key>': ...}: ..."`` for a key that is no override key of the
        scenario (see :func:`orbitcompute.scenario.override_targets`);
        ``keys`` not a list of names (one name as a bare string is refused, not
        split into its letters).
    """
    from orbitcompute.compare import _name_list
    from orbitcompute.scenario import override_targets

    sc = _load(scenario)
    hit: set[str] = set()
    for key in _name_list(name, keys, "override keys"):
        hit.update(override_targets(sc.candidates, key, f"{name}={{{key!r}: ...}}", numeric=True))
    return [c.name for c in sc.candidates if c.name in hit]


def _input_targets(
    sc: Any, keys: Sequence[str], explicit: bool, candidates: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """The compared placements the uncertain inputs reach, and the keys that reach none
    of them (only from the scenario's table), after checking every key.

    Each key must be an override key of the scenario that reaches at least one of
    its placements; one given in ``distributions=`` must reach a compared one
    (``candidates``), else it would be sampled and ignored. A key of the
    scenario's ``[uncertainty]`` table may serve placements left out of the
    comparison. At least one compared placement must depend on the inputs.

    Two keys that set one value twice (``utilisation`` and ``demand.utilisation``;
    see :func:`orbitcompute.scenario.override_conflict`) are refused, and a bare key
    does not reach a placement whose own ``"<placement>.<param>"`` key is given too
    (that one wins): a bare key left reaching no placement is refused.
    """
    from orbitcompute.compare import _shadowed_keys
    from orbitcompute.scenario import override_conflict, override_targets

    def at(key: str) -> str:
        if explicit:
            return f"distributions={{{key!r}: ...}}"
        return f"{sc.path or sc.name}: [uncertainty] {key}=..."

    compared = [c.name for c in sc.candidates] if candidates is None else list(candidates)
    varying: set[str] = set()
    unused: list[str] = []
    # every key checked first (a bad key before a clash), each reach computed once
    reaches = {key: override_targets(sc.candidates, key, at(key), numeric=True) for key in keys}
    clash = override_conflict(keys)
    if clash is not None:
        raise InputError(f"{at(clash[0])}: {clash[2]}")
    shadowed: dict[str, set[str]] = {}  # per placement, computed once
    for key in keys:
        where = at(key)
        reach = reaches[key]
        if not reach:
            raise InputError(
                f"{where}: no placement of scenario {sc.name!r} takes this parameter (in its "
                "mode), so its samples would change nothing"
            )
        for c in reach:
            if c not in shadowed:
                shadowed[c] = _shadowed_keys(keys, c)
        own = [c for c in reach if key in shadowed[c]]
        if own and len(own) == len(reach):
            theirs = [k for k in keys if "." in k and k.split(".", 1)[0] in own]
            raise InputError(
                f"{where}: every placement it reaches has its own input too "
                f"({', '.join(theirs)}), which wins, so its samples would change nothing; "
                "leave it out"
            )
        reach = tuple(c for c in reach if c not in own)
        hit = [c for c in reach if c in compared]
        if explicit and not hit:
            raise InputError(
                f"{where}: reaches none of the compared placements (candidates={compared!r}); "
                f"it applies to {', '.join(reach)}"
            )
        varying.update(hit)
        if not hit:
            unused.append(key)
    if not varying:
        raise InputError(
            f"candidates={compared!r}: no uncertain input of the [uncertainty] table of "
            f"{sc.path or sc.name} reaches these placements, so nothing would vary; give "
            "distributions= for them"
        )
    return [c for c in compared if c in varying], unused


def comparison_model(
    params: dict[str, np.ndarray],
    *,
    scenario: Any,
    metrics: Sequence[str],
    candidates: Sequence[str] | None = None,
    constant: Mapping[str, np.ndarray] | None = None,
    unused: Sequence[str] = (),
    source: str = "params=",
) -> dict[str, np.ndarray]:
    """``{"<placement>.<metric>": array}`` from one vectorized ``compare.evaluate`` call.

    The model of a Monte Carlo, a Sobol analysis or a sweep
    (:func:`~orbitcompute.analysis.montecarlo.sweep` of a
    :func:`~orbitcompute.analysis.sampling.full_factorial` or
    :func:`~orbitcompute.analysis.sampling.latin_hypercube` design) of a
    scenario. Every parameter name is checked against the scenario on each call
    (names only, before any placement is evaluated): it must reach one of the
    evaluated placements, or it would be sampled and change nothing.

    Parameters
    ----------
    params : dict[str, ndarray]
        Override arrays of m samples (keys as for ``compare.evaluate``).
    scenario : Scenario
    metrics : sequence of str
        Metrics kept per placement.
    candidates : sequence of str, optional
        Evaluate only these placements (default all).
    constant : Mapping[str, ndarray], optional
        Outputs of placements the overrides do not touch, evaluated once per
        run; broadcast to m samples.
    unused : sequence of str, optional
        Keys of ``params`` known to reach none of ``candidates`` (inputs of the
        scenario's ``[uncertainty]`` table for placements a Monte Carlo leaves
        out); they are not checked.
    source : str, optional
        Where the values come from, to name in the message when a placement
        refuses one (e.g. ``"gigawatt.toml: [uncertainty]"``).

    Raises
    ------
    InputError
        ``params`` not a non-empty mapping of 1-D arrays of equal length;
        ``"params={'<key>': ...}: ..."`` for a key that is no override key of the
        scenario or reaches none of the evaluated placements;
        ``"<source> <key>: a sampled value is outside what the model allows
        (...)"`` when a placement refuses a value.
    """
    from orbitcompute import compare
    from orbitcompute.scenario import override_targets

    sc = _load(scenario)
    m = _sample_count(params)
    evaluated = None if candidates is None else set(candidates)
    # a placement's own key of a parameter wins over a bare one: the bare keys each
    # placement with its own keys does not take
    owners = {k.split(".", 1)[0] for k in params if "." in k}
    shadowed = {c: compare._shadowed_keys(params, c) for c in owners}
    for key in params:
        if key in unused:
            continue
        where = f"params={{{key!r}: ...}}"
        reach = override_targets(sc.candidates, key, where, numeric=True)
        reach = tuple(c for c in reach if key not in shadowed.get(c, ()))
        if not (reach if evaluated is None else evaluated.intersection(reach)):
            raise InputError(
                f"{where}: reaches none of the evaluated placements "
                f"({'all' if evaluated is None else sorted(evaluated)}), so it would change "
                "nothing"
            )
    out: dict[str, np.ndarray] = {}
    if candidates is None or len(candidates):
        try:
            res = compare.evaluate(sc, overrides=params, candidates=candidates, metrics=metrics)
        except InputError as exc:
            raise InputError(_refused_sample(str(exc), params, source)) from None
        out = {
            f"{c}.{k}": np.asarray(r[k])
            for c, r in res.items()
            if candidates is None or c in candidates
            for k in metrics
            if k in r
        }
    for k, v in (constant or {}).items():
        out[k] = np.broadcast_to(v, (m,))
    return out


def _sample_count(params: Any) -> int:
    """The number of samples m of ``params``: a non-empty mapping of 1-D arrays of m."""
    if not isinstance(params, Mapping) or not params:
        raise InputError(
            f"params={short_repr(params)}: must be a non-empty mapping "
            "{override_key: 1-D array of samples}"
        )
    lengths = {}
    for key, v in params.items():
        try:
            shape = np.shape(v) if isinstance(v, (np.ndarray, list, tuple)) else ()
        except ValueError:  # a ragged list
            shape = (None, None)
        if len(shape) != 1:
            got = (
                "a single value"
                if not shape
                else "a ragged list"
                if None in shape
                else f"an array of shape {shape}"
            )
            raise InputError(f"params={{{key!r}: ...}}: must be a 1-D array of samples; got {got}")
        lengths[key] = shape[0]
    if len(set(lengths.values())) > 1:
        got = ", ".join(f"{k!r}: {m}" for k, m in lengths.items())
        raise InputError(f"params: the sample arrays must have equal lengths; got {got}")
    return next(iter(lengths.values()))


@dataclass
class ComparisonResult(RunResult):
    """A Monte Carlo of a comparison: samples, and per-placement summaries.

    ``outputs`` are named ``"<placement>.<metric>"``.
    """

    candidates: list[str] = field(default_factory=list)
    metric: str = DEFAULT_METRIC

    @property
    def unused_inputs(self) -> list[str]:
        """Inputs of the scenario's ``[uncertainty]`` table that were drawn but reach
        none of the compared placements (they serve placements left out by
        ``candidates``); recorded in ``metadata["unused_inputs"]``, so it survives
        :meth:`to_parquet`. Empty when ``distributions=`` was given (each of those
        keys must reach a compared placement)."""
        return list(self.metadata.get("unused_inputs", []))

    def costs(self, metric: str | None = None) -> dict[str, np.ndarray]:
        """``{placement: samples of metric}``."""
        m = metric or self.metric
        return {c: self.outputs[f"{c}.{m}"] for c in self.candidates if f"{c}.{m}" in self.outputs}

    def probability_cheapest(self, metric: str | None = None) -> dict[str, float]:
        """P(placement is the cheapest feasible one), plus ``"none"`` (see
        :func:`~orbitcompute.analysis.montecarlo.probability_cheapest`).

        A sample with a non-finite cost is out of the running. For an infeasible
        sample that is expected (``feasible_fraction`` of :meth:`table` counts
        them); for a feasible one it is a model bug, reported by a
        :class:`NonFiniteCostWarning`.
        """
        feas = {
            c: self.outputs[f"{c}.feasible"]
            for c in self.candidates
            if f"{c}.feasible" in self.outputs
        }
        costs = self.costs(metric)
        _warn_nonfinite_feasible(costs, feas, metric or self.metric)
        return probability_cheapest(costs, feas)

    def table(self, percentiles: Sequence[float] = (5, 50, 95), metric: str | None = None) -> Any:
        """One row per placement: P(cheapest) with its standard error and 95 %
        interval, feasible share, and mean, standard error and percentiles of the
        metric.

        The standard error of a probability is ``sqrt(p (1 - p) / n)``, 0 where no
        sample or every sample wins; ``p_cheapest_low`` and ``p_cheapest_high``
        bound its 95 % Wilson score interval [1]_
        (:func:`~orbitcompute.analysis.montecarlo.wilson_interval`), which
        stays informative there: below ``z**2 / (n + z**2)``, about 3.84 / n, where
        no sample wins. Both assume independent samples (see
        :func:`~orbitcompute.analysis.montecarlo.summarize` for Latin hypercube
        sampling, under which they are conservative). The
        statistics of the metric are over its finite samples (see
        :func:`~orbitcompute.analysis.montecarlo.summarize`): those of infeasible
        samples that deliver part of the demand are included, the NaN costs of
        samples that deliver nothing are left out; a feasible sample with a
        non-finite cost issues a :class:`NonFiniteCostWarning`.

        References
        ----------
        .. [1] Wilson, E. B., "Probable inference, the law of succession, and
           statistical inference", J. Am. Stat. Assoc. 22(158), 209-212, 1927.
        """
        import pandas as pd

        m = metric or self.metric
        p = self.probability_cheapest(m)
        stats = summarize(self.costs(m), percentiles)

        def share(c: str) -> dict[str, float]:
            low, high = wilson_interval(p[c], self.n)
            return {
                "p_cheapest": p[c],
                "p_cheapest_se": float(np.sqrt(p[c] * (1 - p[c]) / self.n)),
                "p_cheapest_low": float(low),
                "p_cheapest_high": float(high),
            }

        rows = []
        for c in self.candidates:
            s = stats.get(c, {})
            feas = self.outputs.get(f"{c}.feasible")
            rows.append(
                {
                    "placement": c,
                    **share(c),
                    "feasible_fraction": float(np.mean(feas)) if feas is not None else np.nan,
                    **{f"{m}_{k}": v for k, v in s.items() if k not in ("n", "valid_fraction")},
                }
            )
        rows.append({"placement": "none", **share("none")})
        return pd.DataFrame(rows).set_index("placement")

    def to_parquet(self, path: str | Path, extra_metadata: Mapping[str, Any] | None = None) -> Path:
        """All samples to Parquet; the metadata also holds P(cheapest) per placement.

        ``extra_metadata`` keys must differ from those the file records (the run's
        metadata, ``probability_cheapest`` and ``metric``).
        """
        user = extra_metadata_dict(
            extra_metadata, [*self.metadata, "probability_cheapest", "metric"]
        )
        extra = {
            "probability_cheapest": self.probability_cheapest(),
            "metric": self.metric,
            **user,
        }
        return super().to_parquet(path, extra)


def _refused_sample(message: str, keys: Sequence[str], source: str) -> str:
    """Name the sampled input a placement refused (its model's message says which, and
    ``[kind.name]`` which placement: only the keys that reach it), or the ``demand.*`` /
    ``finance.*`` input whose range check refused it (its message starts with the key)."""
    from orbitcompute.compare import _shadowed_keys

    own = [k for k in keys if message.startswith(f"{k}=")]
    if own:
        return (
            f"{source} {own[0]}: a sampled value is outside what the model allows "
            f"({message}); narrow the distribution"
        )
    if not message.startswith("["):  # not a placement's own check (e.g. a metric name)
        return message
    # the keys that reach the placement named: its own, and the bare ones it does not
    # have its own key of (not "memphis.x" for abilene's x)
    at = re.match(r"\[\w+\.([^\]]+)\] ", message)
    if at is not None:
        shadowed = _shadowed_keys(keys, at[1])
        keys = [
            k
            for k in keys
            if k.startswith(("demand.", "finance."))
            or (k.split(".", 1)[0] == at[1] if "." in k else k not in shadowed)
        ] or list(keys)
    named = [
        k for k in keys if re.search(rf"(^|\] |\+ ){re.escape(k.rsplit('.', 1)[-1])}[=+ ]", message)
    ]
    return (
        f"{source} {', '.join(named or keys)}: a sampled value is outside what the model "
        f"allows ({message}); narrow the distribution"
    )


def _source(sc: Any, distributions: Any) -> str:
    return "distributions=" if distributions is not None else f"{sc.path or sc.name}: [uncertainty]"


def _warn_nonfinite_feasible(
    costs: Mapping[str, np.ndarray], feasible: Mapping[str, np.ndarray], metric: str
) -> None:
    """Warn for each placement with feasible samples whose cost is NaN or infinite."""
    for c, cost in costs.items():
        a = np.asarray(cost)
        if c not in feasible or a.dtype.kind not in "biuf":
            continue
        bad = int(np.count_nonzero(np.asarray(feasible[c], dtype=bool) & ~np.isfinite(a)))
        if bad:
            warnings.warn(
                f"{c}.{metric}: {bad} of {a.size} samples are feasible but not finite (NaN or "
                "inf), a model error; the summary statistics and P(cheapest) leave them out",
                NonFiniteCostWarning,
                stacklevel=3,
            )


def _probe(
    sc: Any,
    dists: Mapping[str, Distribution],
    varying: Sequence[str],
    keep: Sequence[str],
    source: str,
    metric: str,
) -> dict[str, dict[str, np.ndarray]]:
    """The kept outputs of the placements the inputs reach, at the inputs' medians.

    One evaluation at one point (scalars, no sample drawn), so that a name in
    ``metrics`` (did-you-mean) and what the ``metric`` is (a number, a yes/no
    flag, text, a by-year series) are known before a run of N samples.
    """
    from orbitcompute import compare

    medians = {k: float(d.percentile(50)) for k, d in dists.items()}
    try:
        return compare.evaluate(sc, overrides=medians, candidates=list(varying), metrics=keep)
    except InputError as exc:
        text = _refused_sample(str(exc), list(medians), source)
        if text.startswith("metrics=") and f": {metric!r} is not an output" in text:
            # an unknown name: say it of metric= itself
            text = f"metric={metric!r}:{text.split(f': {metric!r}', 1)[1]}"
        raise InputError(text) from None


def _check_metric_outputs(
    metric: str,
    outputs: Mapping[str, Mapping[str, Any]],
    candidates: Sequence[str],
    keep: Sequence[str],
    *,
    cheapest: bool = True,
) -> None:
    """Refuse a ``metric`` that some placement lacks, or that is not one number per sample.

    ``outputs`` are each placement's outputs at one point (scalar inputs): a
    by-year series has a year axis there. "Cheapest" (``cheapest=True``) ranks
    the placements by the lowest value of one number per sample, so text
    (``binding_constraint``) or a yes/no flag (``feasible``, which made the
    first feasible placement "cheapest") is no cost either; Sobol indices
    (``cheapest=False``) take a flag (its variance is that of the share of
    samples where it holds), not text.
    """
    lacking = [c for c in candidates if metric not in outputs[c]]
    if lacking:
        if cheapest:
            tail = (
                "'cheapest' compares one metric across the compared placements, so choose one "
                f"they all have (e.g. {DEFAULT_METRIC}, capex_usd) or compare only placements "
                "that have it"
            )
        else:
            tail = (
                "choose one every placement the inputs reach has (e.g. "
                f"{DEFAULT_METRIC}, capex_usd) or leave out with candidates= those that lack it"
            )
        raise InputError(f"metric={metric!r}: not an output of {', '.join(lacking)}; {tail}")
    for name in candidates:
        value = np.asarray(outputs[name][metric])
        if value.ndim:
            what = "a by-year series (one number per year)"
        elif value.dtype.kind == "b" and cheapest:
            what = "a yes/no flag"
        elif value.dtype.kind not in "biuf":
            what = f"text (e.g. {str(value.ravel()[0])!r} for {name})" if value.size else "text"
        else:
            continue
        numbers = sorted(
            {
                k
                for c in candidates
                for k, v in outputs[c].items()
                if k in keep and np.ndim(v) == 0 and np.asarray(v).dtype.kind in "iuf"
            }
        )
        if cheapest:
            need = (
                "not a cost; 'cheapest' needs a numeric output of every compared placement, "
                "lowest wins"
            )
        else:
            need = (
                "not one number per sample; Sobol indices need a numeric output of every "
                "placement the inputs reach"
            )
        raise InputError(
            f"metric={metric!r}: {what}, {need}, e.g. {', '.join(COST_EXAMPLES)}"
            f"{did_you_mean(metric, numbers)}"
        )


def _check_kept_outputs(
    metrics: Sequence[str], outputs: Mapping[str, Mapping[str, Any]], candidates: Sequence[str]
) -> None:
    """Refuse a name of ``metrics`` that is a by-year series (a year axis at one point):
    a run keeps one value per sample (it failed after the first chunk, or as a raw
    numpy broadcast error for a placement no input touches)."""
    for k in metrics:
        if any(k in outputs[c] and np.ndim(outputs[c][k]) for c in candidates):
            raise InputError(
                f"metrics={short_repr(list(metrics))}: {k!r} is a by-year series (one number "
                "per year); a Monte Carlo keeps one value per sample of each placement"
            )


def _check_candidates(sc: Any, candidates: Any) -> list[str]:
    """The compared placements: every one of the scenario, or the named ones (checked)."""
    from orbitcompute.compare import _name_list

    if candidates is None:
        return [c.name for c in sc.candidates]
    names = list(dict.fromkeys(_name_list("candidates", candidates, "placement names")))
    for name in names:
        sc.candidate(name)  # raises with a suggestion
    if not names:
        raise InputError("candidates=[]: name at least one placement of the scenario")
    return names


def _scenario_metadata(sc: Any) -> dict[str, Any]:
    return {
        "name": sc.name,
        "path": sc.path,
        "description": sc.description,
        "source_id": sc.source_id,
        "raw": dict(sc.raw),
    }


def monte_carlo_comparison(
    scenario: Any = "gigawatt",
    n: int = 10_000,
    distributions: Mapping[str, Any] | None = None,
    *,
    candidates: Sequence[str] | None = None,
    seed: int | None = 0,
    method: str = "random",
    correlation: Any = None,
    metric: str = DEFAULT_METRIC,
    metrics: Sequence[str] = DEFAULT_METRICS,
    chunk_size: int | None = DEFAULT_CHUNK_SIZE,
    engine: str = "local",
    scheduler: Any = None,
    cluster_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
) -> ComparisonResult:
    """Monte Carlo of every placement of a scenario, orbital and terrestrial alike.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A scenario, a shipped scenario name or a TOML file.
    n : int
        Number of samples.
    distributions : Mapping, optional
        ``{override_key: spec}``; default: the scenario's ``[uncertainty]`` table.
        Every key must reach a placement of the scenario (see
        :func:`orbitcompute.scenario.override_targets`), and a key given here
        must reach one of the compared placements: otherwise it would be sampled
        and change nothing. A key of the scenario's table may serve placements
        left out by ``candidates``.
    candidates : sequence of str, optional
        Compare only these placements (default every placement of the scenario);
        "cheapest" is then among them. A list of names: one name as a bare
        string is an ``InputError``.
    correlation : optional
        As for :func:`~orbitcompute.analysis.montecarlo.monte_carlo`. Default:
        the scenario's ``[[correlation]]`` entries when its ``[uncertainty]``
        table is sampled (not with ``distributions=``).
    seed, method, chunk_size, engine, scheduler, cluster_options, progress
        As for :func:`~orbitcompute.analysis.montecarlo.monte_carlo`. The results
        depend on ``seed`` and on ``chunk_size`` (default 25,000 samples per chunk, so
        ``n <= 25,000`` is one chunk): the same seed with another chunk size gives
        other, equally valid samples; the engine never changes them.
    metric : str
        The cost compared for "cheapest" (default levelized cost per
        accelerator-hour).
    metrics : sequence of str
        Metrics kept per placement and sample (``feasible`` is always kept).

    Returns
    -------
    ComparisonResult
        ``.table()`` (percentiles and P(cheapest) per placement),
        ``.probability_cheapest()``, ``.to_parquet(path)``.

    Raises
    ------
    InputError
        Before any placement is evaluated: a bad scenario, spec, key (with a
        did-you-mean), candidate, ``n``, ``method``, ``seed``, ``correlation``,
        ``engine``, a ``scheduler`` or ``cluster_options`` with ``engine="local"``;
        no uncertain input reaching the compared placements. Before any sample
        is drawn, from one evaluation of the compared placements at the
        inputs' medians: an unknown ``metric`` or ``metrics`` name (with a
        did-you-mean); a ``metric`` that some compared placement lacks, or that
        is not a cost (text such as ``binding_constraint``, a yes/no flag such
        as ``feasible``, a by-year series); a by-year series in ``metrics``; a
        median that a placement's model refuses.
    """
    import functools

    from orbitcompute.compare import _check_metric, _name_list, replaced_block_values

    sc = _load(scenario)
    dists = scenario_distributions(sc, distributions)
    metric = _check_metric(metric)
    metrics = _name_list("metrics", metrics, "output names")
    keep = list(dict.fromkeys([*metrics, metric, "feasible"]))
    candidates = _check_candidates(sc, candidates)
    # everything that needs no model call is checked before the first one
    n = _check_count("n", n)
    check_choice("method", method, METHODS)
    _seed_sequence(seed)
    check_engine(engine, scheduler, cluster_options)
    bounds = chunk_bounds(n, chunk_size)  # checks chunk_size
    if correlation is None and distributions is None and sc.correlation:
        correlation = dict(sc.correlation)  # checked against the table when loaded
    if validate_correlation(correlation, list(dists)) is not None:
        check_correlated_chunks(n, chunk_size, bounds, len(dists))
    varying, unused = _input_targets(sc, list(dists), distributions is not None, candidates)
    fixed = [c for c in candidates if c not in varying]
    source = _source(sc, distributions)
    # the metric names, and what the metric is, from one evaluation at one point (the
    # inputs' medians) before any sample is drawn or a cluster started
    # (not needed, and skipped, when only outputs every placement has are kept: it costs
    # one evaluation of every placement, about 2 us per sample of a 10,000-sample run)
    probe = metric not in ALWAYS_COSTS or not ALWAYS_COSTS.issuperset(set(keep) - {"feasible"})
    at_one_point = _probe(sc, dists, varying, keep, source, metric) if probe else {}
    constant: dict[str, np.ndarray] = {}
    if fixed:
        # placements no uncertain input touches: evaluated once, not per chunk
        from orbitcompute import compare

        res = compare.evaluate(sc, candidates=fixed)
        at_one_point.update(res)
        constant = {f"{c}.{k}": np.asarray(res[c][k]) for c in fixed for k in keep if k in res[c]}
    if probe:
        _check_metric_outputs(metric, at_one_point, candidates, keep)
        _check_kept_outputs(metrics, at_one_point, candidates)
    model = functools.partial(
        comparison_model,
        scenario=sc,
        metrics=keep,
        candidates=varying,
        constant=constant,
        unused=unused,
        source=source,
    )
    run = monte_carlo(
        model,
        dists,
        n,
        seed=seed,
        method=method,
        correlation=correlation,
        chunk_size=chunk_size,
        engine=engine,
        scheduler=scheduler,
        cluster_options=cluster_options,
        progress=progress,
        metadata={
            "scenario": _scenario_metadata(sc),
            "candidates": candidates,
            "unused_inputs": unused,
            # values set in the compared placements' blocks that the samples replace
            "replaced_block_values": replaced_block_values(sc, list(dists), candidates),
        },
    )
    return ComparisonResult(
        inputs=run.inputs,
        outputs=run.outputs,
        metadata=run.metadata,
        candidates=candidates,
        metric=metric,
    )


#: Arguments of :func:`~orbitcompute.analysis.sensitivity.sobol_indices` that
#: :func:`sobol_comparison` sets itself, and what to use instead.
_SOBOL_SET_HERE = {
    "model": "the scenario's placements are the model",
    "distributions": "give distributions= (third argument)",
    "n": "give n= (second argument)",
    "outputs": "the outputs are '<placement>.<metric>': choose them with candidates= and metric=",
    "metadata": "the scenario and the metric are recorded; add to the result's .metadata",
}


def _check_sobol_keywords(kwargs: Mapping[str, Any]) -> None:
    """Refuse a keyword that :func:`sobol_indices` does not take or that is set here."""
    passed = [p for p in inspect.signature(sobol_indices).parameters if p not in _SOBOL_SET_HERE]
    own = ["scenario", "n", "distributions", "candidates", "metric", "seed"]
    for key, value in kwargs.items():
        given = f"{key}={short_repr(value)}"
        if key == "correlation":
            raise InputError(
                f"{given}: Sobol indices assume independent inputs, so sobol_comparison takes "
                "no correlation; monte_carlo_comparison does"
            )
        if key in _SOBOL_SET_HERE:
            raise InputError(f"{given}: set by sobol_comparison itself; {_SOBOL_SET_HERE[key]}")
        if key not in passed:
            choices = sorted({*own, *passed} - {"n"})
            raise InputError(
                f"{given}: not a keyword argument of sobol_comparison (it takes "
                f"{', '.join(choices)}){did_you_mean(key, choices)}"
            )


def sobol_comparison(
    scenario: Any = "gigawatt",
    n: int = 1024,
    distributions: Mapping[str, Any] | None = None,
    *,
    candidates: Sequence[str] | None = None,
    metric: str = DEFAULT_METRIC,
    seed: int = 0,
    **kwargs: Any,
) -> SobolResult:
    """Sobol indices of each placement's ``metric`` over the uncertain inputs.

    Outputs are named ``"<placement>.<metric>"``, for the compared placements
    (``candidates``, default all) that depend on the uncertain inputs (the others
    have no sensitivity); every input must reach a placement (as for
    :func:`monte_carlo_comparison`, checked before the run); a placement that is
    infeasible in some samples has undefined (NaN) indices and a
    :class:`~orbitcompute.analysis.sensitivity.SobolConvergenceWarning`.
    Other keyword arguments (``conf_level``, ``num_resamples``,
    ``ci_threshold``, ``chunk_size``, ``engine``, ``scheduler``,
    ``cluster_options``, ``progress``, ``warn``) go to
    :func:`~orbitcompute.analysis.sensitivity.sobol_indices`.

    Raises
    ------
    InputError
        Before the run: a keyword argument ``sobol_indices`` does not take (with a
        did-you-mean), ``correlation`` (the indices assume independent inputs),
        or one set here (``outputs``, ``metadata``); a bad scenario, spec, key or
        candidate, ``engine``, a ``scheduler`` or ``cluster_options`` with
        ``engine="local"``, as for :func:`monte_carlo_comparison`. Before any sample is
        drawn (one evaluation at the inputs' medians): an unknown ``metric`` (with
        a did-you-mean), one that a placement the inputs reach lacks, text or a
        by-year series (a yes/no flag is taken: its indices are those of the
        share of samples where it holds).
    """
    import functools

    _check_sobol_keywords(kwargs)
    check_engine(
        kwargs.get("engine", "local"), kwargs.get("scheduler"), kwargs.get("cluster_options")
    )
    sc = _load(scenario)
    dists = scenario_distributions(sc, distributions)
    compared = _check_candidates(sc, candidates)
    if distributions is None and sc.correlation:
        warnings.warn(
            f"{sc.path or sc.name}: [[correlation]] is not applied: Sobol indices assume "
            "independent inputs",
            OrbitcomputeWarning,
            stacklevel=2,
        )
    varying, unused = _input_targets(sc, list(dists), distributions is not None, compared)
    if not varying:
        raise InputError(f"distributions {', '.join(dists)}: no placement depends on them")
    from orbitcompute.compare import _check_metric

    metric = _check_metric(metric)
    source = _source(sc, distributions)
    # the metric, from one evaluation at the inputs' medians before any sample is drawn
    if metric not in ALWAYS_COSTS:
        at_one_point = _probe(sc, dists, varying, [metric], source, metric)
        _check_metric_outputs(metric, at_one_point, varying, [metric], cheapest=False)
    model = functools.partial(
        comparison_model,
        scenario=sc,
        metrics=[metric],
        candidates=varying,
        unused=unused,
        source=source,
    )
    outputs = [f"{c}.{metric}" for c in varying]
    return sobol_indices(
        model,
        dists,
        n,
        outputs=outputs,
        seed=seed,
        metadata={"scenario": _scenario_metadata(sc), "metric": metric, "candidates": compared},
        **kwargs,
    )
