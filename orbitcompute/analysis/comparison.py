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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from orbitcompute.analysis.distributions import Distribution, as_distributions
from orbitcompute.analysis.montecarlo import (
    DEFAULT_CHUNK_SIZE,
    RunResult,
    monte_carlo,
    probability_cheapest,
    summarize,
)
from orbitcompute.analysis.sensitivity import SobolResult, sobol_indices
from orbitcompute.errors import InputError

__all__ = [
    "DEFAULT_METRIC",
    "DEFAULT_METRICS",
    "ComparisonResult",
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
    "lcoe_usd_per_mwh",
    "capex_usd",
    "time_to_full_power_years",
    "feasible",
)


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
        When neither gives any distribution, or a spec is bad (the message
        names the scenario file).
    """
    sc = _load(scenario)
    specs = distributions if distributions is not None else dict(sc.uncertainty or {})
    if not specs:
        raise InputError(
            f"{sc.path or sc.name}: no [uncertainty] table and no distributions given; add "
            "e.g. [uncertainty] launch_price_usd_per_kg = {dist = 'triangular', low = 50, "
            "mode = 200, high = 1000}"
        )
    try:
        return as_distributions(specs)
    except InputError as exc:
        where = "distributions" if distributions is not None else f"{sc.path}: [uncertainty]"
        raise InputError(f"{where} {exc}") from None


def affected_candidates(scenario: Any, keys: Sequence[str]) -> list[str]:
    """Placements whose results depend on any of the override ``keys``.

    ``"demand.*"`` and ``"finance.*"`` touch every placement,
    ``"<placement>.<param>"`` that placement, and a bare ``"<param>"`` every
    placement whose model takes it. The others are constant over the samples.
    """
    from orbitcompute.scenario import placement_keywords

    sc = _load(scenario)
    names = {c.name for c in sc.candidates}
    hit: set[str] = set()
    for key in keys:
        head = key.split(".", 1)[0] if "." in key else None
        if head in ("demand", "finance"):
            return [c.name for c in sc.candidates]
        if head is not None and head in names:
            hit.add(head)
        else:
            hit |= {c.name for c in sc.candidates if key in placement_keywords(c.kind)}
    return [c.name for c in sc.candidates if c.name in hit]


def comparison_model(
    params: dict[str, np.ndarray],
    *,
    scenario: Any,
    metrics: Sequence[str],
    candidates: Sequence[str] | None = None,
    constant: Mapping[str, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """``{"<placement>.<metric>": array}`` from one vectorized ``compare.evaluate`` call.

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
    """
    from orbitcompute import compare

    m = len(next(iter(params.values())))
    out: dict[str, np.ndarray] = {}
    if candidates is None or len(candidates):
        res = compare.evaluate(scenario, overrides=params, candidates=candidates, metrics=metrics)
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


@dataclass
class ComparisonResult(RunResult):
    """A Monte Carlo of a comparison: samples, and per-placement summaries.

    ``outputs`` are named ``"<placement>.<metric>"``.
    """

    candidates: list[str] = field(default_factory=list)
    metric: str = DEFAULT_METRIC

    def costs(self, metric: str | None = None) -> dict[str, np.ndarray]:
        """``{placement: samples of metric}``."""
        m = metric or self.metric
        return {c: self.outputs[f"{c}.{m}"] for c in self.candidates if f"{c}.{m}" in self.outputs}

    def probability_cheapest(self, metric: str | None = None) -> dict[str, float]:
        """P(placement is the cheapest feasible one), plus ``"none"`` (see
        :func:`~orbitcompute.analysis.montecarlo.probability_cheapest`)."""
        feas = {
            c: self.outputs[f"{c}.feasible"]
            for c in self.candidates
            if f"{c}.feasible" in self.outputs
        }
        return probability_cheapest(self.costs(metric), feas)

    def table(self, percentiles: Sequence[float] = (5, 50, 95), metric: str | None = None) -> Any:
        """One row per placement: P(cheapest) with its standard error, feasible
        share, and mean, standard error and percentiles of the metric.

        The standard error of a probability is ``sqrt(p (1 - p) / n)``.
        """
        import pandas as pd

        m = metric or self.metric
        p = self.probability_cheapest(m)
        stats = summarize(self.costs(m), percentiles)
        rows = []
        for c in self.candidates:
            s = stats.get(c, {})
            feas = self.outputs.get(f"{c}.feasible")
            rows.append(
                {
                    "placement": c,
                    "p_cheapest": p[c],
                    "p_cheapest_se": float(np.sqrt(p[c] * (1 - p[c]) / self.n)),
                    "feasible_fraction": float(np.mean(feas)) if feas is not None else np.nan,
                    **{f"{m}_{k}": v for k, v in s.items() if k not in ("n", "valid_fraction")},
                }
            )
        rows.append(
            {
                "placement": "none",
                "p_cheapest": p["none"],
                "p_cheapest_se": float(np.sqrt(p["none"] * (1 - p["none"]) / self.n)),
            }
        )
        return pd.DataFrame(rows).set_index("placement")

    def to_parquet(self, path: str | Path, extra_metadata: Mapping[str, Any] | None = None) -> Path:
        """All samples to Parquet; the metadata also holds P(cheapest) per placement."""
        extra = {
            "probability_cheapest": self.probability_cheapest(),
            "metric": self.metric,
            **dict(extra_metadata or {}),
        }
        return super().to_parquet(path, extra)


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
    candidates : sequence of str, optional
        Compare only these placements (default every placement of the scenario);
        "cheapest" is then among them.
    seed, method, correlation, chunk_size, engine, scheduler, cluster_options, progress
        As for :func:`~orbitcompute.analysis.montecarlo.monte_carlo`.
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
    """
    import functools

    sc = _load(scenario)
    dists = scenario_distributions(sc, distributions)
    keep = list(dict.fromkeys([*metrics, metric, "feasible"]))
    if candidates is None:
        candidates = [c.name for c in sc.candidates]
    else:
        candidates = list(dict.fromkeys(candidates))
        for name in candidates:
            sc.candidate(name)  # raises with a suggestion
        if not candidates:
            raise InputError("candidates=[]: name at least one placement of the scenario")
    varying = [c for c in affected_candidates(sc, list(dists)) if c in candidates]
    fixed = [c for c in candidates if c not in varying]
    constant: dict[str, np.ndarray] = {}
    if fixed:
        # placements no uncertain input touches: evaluated once, not per chunk
        from orbitcompute import compare

        res = compare.evaluate(sc, candidates=fixed)
        constant = {f"{c}.{k}": np.asarray(res[c][k]) for c in fixed for k in keep if k in res[c]}
    model = functools.partial(
        comparison_model, scenario=sc, metrics=keep, candidates=varying, constant=constant
    )
    if engine != "local":
        # a two-sample call at the medians checks the override keys before a cluster starts
        model({k: np.full(2, d.percentile(50)) for k, d in dists.items()})
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
        metadata={"scenario": _scenario_metadata(sc), "candidates": candidates},
    )
    if not any(k.endswith(f".{metric}") for k in run.outputs):
        raise InputError(f"metric={metric!r}: not a metric of compare.evaluate")
    return ComparisonResult(
        inputs=run.inputs,
        outputs=run.outputs,
        metadata=run.metadata,
        candidates=candidates,
        metric=metric,
    )


def sobol_comparison(
    scenario: Any = "gigawatt",
    n: int = 1024,
    distributions: Mapping[str, Any] | None = None,
    *,
    metric: str = DEFAULT_METRIC,
    seed: int = 0,
    **kwargs: Any,
) -> SobolResult:
    """Sobol indices of each placement's ``metric`` over the uncertain inputs.

    Outputs are named ``"<placement>.<metric>"``, for the placements that
    depend on the uncertain inputs (the others have no sensitivity); a placement that is
    infeasible in some samples has undefined (NaN) indices and a
    :class:`~orbitcompute.analysis.sensitivity.SobolConvergenceWarning`.
    Other keyword arguments go to
    :func:`~orbitcompute.analysis.sensitivity.sobol_indices`.
    """
    import functools

    sc = _load(scenario)
    dists = scenario_distributions(sc, distributions)
    varying = affected_candidates(sc, list(dists))
    if not varying:
        raise InputError(f"distributions {', '.join(dists)}: no placement depends on them")
    model = functools.partial(comparison_model, scenario=sc, metrics=[metric], candidates=varying)
    outputs = [f"{c}.{metric}" for c in varying]
    return sobol_indices(
        model,
        dists,
        n,
        outputs=outputs,
        seed=seed,
        metadata={"scenario": _scenario_metadata(sc), "metric": metric},
        **kwargs,
    )
