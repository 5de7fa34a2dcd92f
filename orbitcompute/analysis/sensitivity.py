"""Global sensitivity: Sobol first- and total-order indices with SALib.

The Saltelli design (a scrambled Sobol' sequence in the unit cube, N (D + 2)
rows) is mapped through each parameter's inverse CDF and the model is
evaluated on the whole matrix in one vectorized call (or in chunks on an
engine). SALib estimates the indices with the Saltelli (2010) / Jansen
estimators and bootstrap confidence intervals. A
:class:`SobolConvergenceWarning` is issued (and ``converged`` is False) when the
half-width of a confidence interval (``S1_conf`` or ``ST_conf``) exceeds
``ci_threshold``, when an index falls outside [0, 1] by more than its interval,
or when a first-order index exceeds its total-order index by more than their
intervals: then the run needs more samples. An index or interval that is
undefined (NaN: an output that is constant, not finite in some samples, or
constant on the base samples A and B, whose variance the estimators divide by)
also counts as not converged.

The bootstrap resamples the N base samples as if they were independent draws; the
scrambled Sobol' design is more even than that, so its actual error is usually
smaller than the interval says (Ishigami function, N = 2048, seeds 0 to 19: mean
95 % half-widths 0.019 to 0.062, 5 to 9 times 1.96 times the standard deviation of
the estimates over the seeds, 0.0015 to 0.0042). The intervals, and ``converged``,
are then conservative.

Reproducibility: the same ``seed`` gives the same indices and intervals, on any
engine and with any ``chunk_size`` (the Saltelli design is deterministic and
chunks only split its evaluation). The scrambling of the Sobol' sequence and
the bootstrap are seeded with integers derived from
``numpy.random.SeedSequence(seed)`` (never 0, which SALib would treat as "no
seed").

Indices assume independent inputs, so there is no correlation option here.

References
----------
.. [1] Sobol', I. M., "Global sensitivity indices for nonlinear mathematical
   models and their Monte Carlo estimates", Mathematics and Computers in
   Simulation 55(1-3), 271-280, 2001.
.. [2] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M.,
   Tarantola, S., "Variance based sensitivity analysis of model output. Design
   and estimator for the total sensitivity index", Computer Physics
   Communications 181(2), 259-270, 2010, Table 2 (estimators (b) and (f)).
.. [3] Herman, J., Usher, W., "SALib: An open-source Python library for
   Sensitivity Analysis", Journal of Open Source Software 2(9), 97, 2017.
.. [4] Ishigami, T., Homma, T., "An importance quantification technique in
   uncertainty analysis for computer models", Proceedings of ISUMA '90,
   398-403, 1990 (the test function used in the tests).
"""

from __future__ import annotations

import functools
import math
import numbers
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from orbitcompute._validate import check_flag
from orbitcompute.analysis.distributions import (
    EXTREME_PROBABILITIES,
    Distribution,
    as_distributions,
)
from orbitcompute.analysis.engines import check_engine, chunk_bounds
from orbitcompute.analysis.montecarlo import (
    Model,
    _check_model,
    _check_progress,
    _grid_chunk,
    _run_collected,
    check_result_memory,
    run_provenance,
    user_metadata,
)
from orbitcompute.analysis.sampling import _check_count
from orbitcompute.errors import InputError

__all__ = [
    "SOBOL_RECORDED",
    "OrbitcomputeWarning",
    "SobolConvergenceWarning",
    "SobolResult",
    "sobol_indices",
]


#: The metadata :func:`sobol_indices` records itself (a ``metadata=`` key may not be one).
SOBOL_RECORDED = (
    "analysis",
    "n",
    "n_evaluations",
    "seed",
    "conf_level",
    "num_resamples",
    "ci_threshold",
    "distributions",
    "provenance",
)


class OrbitcomputeWarning(UserWarning):
    """Base class of orbitcompute's warnings."""


class SobolConvergenceWarning(OrbitcomputeWarning):
    """Sobol indices have not converged: use more samples."""


@dataclass
class SobolResult:
    """Sobol indices per output.

    Attributes
    ----------
    indices : dict[str, pandas.DataFrame]
        Per output: one row per parameter, columns ``S1, S1_conf, ST, ST_conf``
        (``*_conf`` is the half-width of the bootstrap confidence interval).
    converged : dict[str, bool]
        Per output: whether every convergence check passed.
    reasons : dict[str, list[str]]
        Per output: the failed checks.
    n_evaluations : int
        Model evaluations, ``N (D + 2)``.
    metadata : dict
        Spec of the run.
    """

    indices: dict[str, Any]
    converged: dict[str, bool]
    reasons: dict[str, list[str]]
    n_evaluations: int
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> Any:
        """Long form: ``output, parameter, S1, S1_conf, ST, ST_conf, converged``."""
        import pandas as pd

        if not self.indices:
            return pd.DataFrame(
                columns=["output", "parameter", "S1", "S1_conf", "ST", "ST_conf", "converged"]
            )
        frames = []
        for out, df in self.indices.items():
            f = df.reset_index(names="parameter")
            f.insert(0, "output", out)
            f["converged"] = self.converged[out]
            frames.append(f)
        return pd.concat(frames, ignore_index=True)


def _checks(s: dict[str, np.ndarray], names: Sequence[str], threshold: float) -> list[str]:
    reasons = []
    for i, p in enumerate(names):
        s1, c1, st, ct = s["S1"][i], s["S1_conf"][i], s["ST"][i], s["ST_conf"][i]
        if not np.all(np.isfinite([s1, c1, st, ct])):
            # NaN compares False with every threshold: it must not pass as converged
            reasons.append(
                f"{p}: S1={s1:.3f} +/-{c1:.3f}, ST={st:.3f} +/-{ct:.3f} not finite (undefined)"
            )
            continue
        if c1 > threshold or ct > threshold:
            reasons.append(
                f"{p}: confidence half-width S1 +/-{c1:.3f}, ST +/-{ct:.3f} > {threshold:g}"
            )
        if st < -ct or st > 1 + ct:
            reasons.append(f"{p}: ST={st:.3f} outside [0, 1] beyond its interval")
        if s1 < -c1 or s1 > 1 + c1:
            reasons.append(f"{p}: S1={s1:.3f} outside [0, 1] beyond its interval")
        if s1 > st + c1 + ct:
            reasons.append(f"{p}: S1={s1:.3f} > ST={st:.3f} beyond their intervals")
    return reasons


def _salib_seeds(seed: int) -> tuple[int, int]:
    """Integers seeding the Sobol' scrambling and the bootstrap, from ``SeedSequence(seed)``.

    SALib's analyze seeds its bootstrap only ``if seed:``, so 0 would be unseeded (other
    confidence intervals on every call); these are in [1, 2**63 - 1].
    """
    state = np.random.SeedSequence(int(seed)).generate_state(2, dtype=np.uint64)
    return tuple(int(x) % (2**63 - 1) + 1 for x in state)  # type: ignore[return-value]


def _scaled_output(y: np.ndarray) -> np.ndarray:
    """``y`` times a power of 2 so that its largest magnitude is in [0.5, 1).

    Sobol indices do not change when the output is scaled, and a power of 2 is exact;
    SALib normalises ``(Y - mean) / std`` and a ``std`` of values near 1e300 overflows
    (it returned zeros: a silently wrong "no sensitivity").
    """
    big = float(np.max(np.abs(y)))
    return np.ldexp(y, -math.frexp(big)[1]) if big > 0 else y


#: SALib's estimators return 0 where the variance of the normalised output over the
#: base samples A and B is at most float64's epsilon (``first_order``, ``total_order``).
_EPS = float(np.finfo(float).eps)


def _base_rows(y: np.ndarray, n: int, d: int) -> np.ndarray:
    """The values of ``y`` on the base samples, rows A and B of the Saltelli design (the
    first and last of each group of ``d + 2`` rows), as an (n, 2) array."""
    return y.reshape(n, d + 2)[:, [0, -1]]


def _base_variance(y: np.ndarray, n: int, d: int) -> float:
    """Variance over the base samples (rows A and B) of ``y`` normalised as SALib does it.

    SALib's ``analyze`` normalises ``y`` to ``(y - mean) / std`` (so the variance
    returned is a share of the total) and divides each estimator by the variance of
    the 2 N values on rows A and B (:func:`_base_rows`); at most :data:`_EPS` it
    returns 0 for every index, with intervals of 0.
    """
    z = (y - y.mean()) / y.std()
    return float(np.var(_base_rows(z, n, d)))


def _wanted_outputs(outs: Mapping[str, np.ndarray], outputs: Sequence[str] | None) -> list[str]:
    """The outputs analysed: ``outputs``, each a numeric one of ``outs``, else every
    numeric one; an InputError when one is not (or none is) numeric."""
    numeric = [k for k, v in outs.items() if np.asarray(v).dtype.kind in "biuf"]
    wanted = list(outputs) if outputs is not None else numeric
    if not wanted:
        raise InputError(
            f"model: no numeric output to analyse; outputs: {', '.join(outs) or 'none'}"
        )
    for k in wanted:
        if k not in numeric:
            raise InputError(
                f"outputs: {k!r} is not a numeric model output; outputs: {', '.join(numeric)}"
            )
    return wanted


def _sobol_chunk(
    params: dict[str, np.ndarray], *, model: Model, wanted: Sequence[str] | None
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """One chunk of the Saltelli design, its outputs checked at once (the first chunk
    reports an output that is missing or not numeric, not the end of the run)."""
    params, outs = _grid_chunk(params, model=model, keep=None)
    _wanted_outputs(outs, wanted)
    return params, outs


def sobol_indices(
    model: Model,
    distributions: Mapping[str, Mapping[str, Any] | Distribution],
    n: int,
    *,
    outputs: Sequence[str] | None = None,
    seed: int = 0,
    conf_level: float = 0.95,
    num_resamples: int = 200,
    ci_threshold: float = 0.05,
    chunk_size: int | None = None,
    engine: str = "local",
    scheduler: Any = None,
    cluster_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
    warn: bool = True,
    metadata: Mapping[str, Any] | None = None,
) -> SobolResult:
    """First- and total-order Sobol indices of a vectorized model [1]_ [2]_ [3]_.

    Parameters
    ----------
    model : callable
        ``model({param: array (m,)}) -> {output: array (m,)}``.
    distributions : Mapping[str, spec or Distribution]
        Independent uncertain parameters (at least 2).
    n : int
        Base sample size N, a power of 2 >= 2 (the model runs N (D + 2) times).
    outputs : sequence of str, optional
        Outputs to analyse (numeric ones); default every numeric output.
    seed : int
        Seeds the scrambled Sobol' sequence and the bootstrap: the same seed gives
        the same indices and intervals (any ``chunk_size``, any engine).
    conf_level : float
        Confidence level of the intervals, in (0, 1).
    num_resamples : int
        Bootstrap resamples (>= 2: an interval is the spread of the resamples).
    ci_threshold : float
        Largest acceptable confidence half-width (absolute, in index units).
    chunk_size, engine, scheduler, cluster_options, progress
        As for :func:`~orbitcompute.analysis.montecarlo.monte_carlo`;
        ``chunk_size=None`` (the default) evaluates the whole Saltelli matrix in
        one call. The indices do not depend on ``chunk_size``.
    warn : bool
        Issue :class:`SobolConvergenceWarning` when an output has not converged
        (its indices are undefined, e.g. a constant output, or its intervals too
        wide).
    metadata : Mapping, optional
        Extra metadata recorded with the result; its keys must differ from those
        the run records itself (:data:`SOBOL_RECORDED`).

    Returns
    -------
    SobolResult
        An output whose values are all equal, or not all finite, or equal on all the
        base samples (rows A and B of the design, whose variance the estimators divide
        by: a rare event that only the cross samples hit) has NaN indices,
        ``converged`` False and a :class:`SobolConvergenceWarning`.

    Raises
    ------
    InputError
        Before the run: a model that is not callable, ``n`` not a power of 2 >= 2 or
        too large for memory, fewer than 2 parameters, a bad ``seed``,
        ``conf_level``, ``num_resamples``, ``ci_threshold``, ``warn``,
        ``progress`` or ``chunk_size``, ``outputs`` as one string or empty,
        ``engine``, ``scheduler`` or ``cluster_options`` given with
        ``engine="local"``, ``metadata`` (not a mapping, or a key the run records).
        At the first chunk (the whole run when ``chunk_size`` is None): an output
        the model does not have or that is not numeric, or no numeric output.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    _check_model(model)
    dists = as_distributions(distributions)
    n = _check_count("n", n)
    if n == 1:  # every bootstrap resample of one row is that row: intervals of zero width
        raise InputError(
            "n=1: the bootstrap intervals of one base sample have zero width, so no index "
            "could be told unconverged; use a power of 2 >= 2 (a few hundred or more, as a rule)"
        )
    if n & (n - 1):
        lower = 1 << (n.bit_length() - 1)
        raise InputError(
            f"n={n}: the Sobol' sequence needs a power of 2, e.g. {lower} or {lower * 2}"
        )
    names = list(dists)
    if len(names) < 2:
        raise InputError(f"distributions: {len(names)} parameter(s); Sobol indices need >= 2")
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InputError(f"seed={seed!r}: must be a whole number >= 0")
    if isinstance(conf_level, (bool, np.bool_)) or not isinstance(conf_level, numbers.Real):
        raise InputError(f"conf_level={conf_level!r}: must be a number in (0, 1)")
    if not 0 < conf_level < 1:
        raise InputError(f"conf_level={conf_level!r}: must be in (0, 1)")
    conf_level = float(conf_level)
    if (
        isinstance(num_resamples, (bool, np.bool_))
        or not isinstance(num_resamples, (int, np.integer))
        or num_resamples < 2
    ):
        raise InputError(
            f"num_resamples={num_resamples!r}: must be a whole number >= 2 (a confidence "
            "interval is the spread of the bootstrap resamples)"
        )
    num_resamples = int(num_resamples)
    if isinstance(ci_threshold, (bool, np.bool_)) or not isinstance(ci_threshold, numbers.Real):
        raise InputError(f"ci_threshold={ci_threshold!r}: must be a number > 0")
    if not ci_threshold > 0:
        raise InputError(f"ci_threshold={ci_threshold!r}: must be > 0")
    ci_threshold = float(ci_threshold)
    check_flag("warn", warn)
    _check_progress(progress)
    if isinstance(outputs, str):
        raise InputError(f"outputs={outputs!r}: must be a list of output names, not one string")
    if outputs is not None:
        outputs = list(dict.fromkeys(outputs))
        if not outputs or not all(isinstance(k, str) for k in outputs):
            raise InputError(
                f"outputs={outputs!r}: must be a non-empty list of output names (or None "
                "for every numeric output)"
            )
    extra = user_metadata(metadata, SOBOL_RECORDED)
    check_engine(engine, scheduler, cluster_options)
    n_eval = n * (len(names) + 2)
    # the design (SALib's base matrix of 2 D columns and the Saltelli matrix of D), the
    # inputs mapped through each ppf, and at least one output, per base sample
    check_result_memory(
        "n",
        n,
        8 * (len(names) + 2) * (3 * len(names) + 1),
        f"the Saltelli design of n (D + 2) = {n_eval:,} model evaluations",
        advice="use a smaller n (a power of 2)",
    )
    bounds = chunk_bounds(n_eval, chunk_size)
    sample_seed, bootstrap_seed = _salib_seeds(seed)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    u = sobol_sample.sample(problem, n, calc_second_order=False, scramble=True, seed=sample_seed)
    # keep every point strictly inside (0, 1) so each ppf is finite (shift <= 2**-54);
    # the top cell's midpoint 1 - 2**-54 is no double and would round to 1
    u = (np.floor(u * 2.0**53) + 0.5) / 2.0**53
    np.clip(u, *EXTREME_PROBABILITIES, out=u)
    grid = {k: dists[k].ppf(u[:, i]) for i, k in enumerate(names)}
    del u
    tasks = [{k: a[lo:hi] for k, a in grid.items()} for lo, hi in bounds]
    func = functools.partial(_sobol_chunk, model=model, wanted=outputs)
    collector = _run_collected(
        func,
        tasks,
        bounds,
        desc="sobol",
        engine=engine,
        scheduler=scheduler,
        cluster_options=cluster_options,
        progress=progress,
    )
    outs = collector.outputs
    wanted = _wanted_outputs(outs, outputs)

    import pandas as pd

    indices, converged, reasons = {}, {}, {}
    for k in wanted:
        y = outs[k].astype(float)
        bad = int(np.count_nonzero(~np.isfinite(y)))
        nan = np.full(len(names), np.nan)
        if bad:
            s = {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
            why = [
                f"{bad} of {y.size} model values are not finite (e.g. infeasible); "
                "Sobol indices are undefined"
            ]
        elif np.all(y == y[0]):
            s = {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
            why = [
                f"all {y.size} model values are {y[0]:g} (zero variance): no input changes "
                "this output, and Sobol indices (shares of its variance) are undefined"
            ]
        elif (base := _base_variance(_scaled_output(y), n, len(names))) <= _EPS:
            s = {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
            ab = _base_rows(y, n, len(names))
            constant = ab.min() == ab.max()
            if constant:
                spread = f"is {ab[0, 0]:g} on all"
            else:
                spread = f"has {base:.2g} of its variance over the"
            why = [
                f"the output {spread} {2 * n} base samples (rows A and B of the Saltelli design) "
                f"and changes {'' if constant else 'almost '}only on the cross samples: the "
                "estimators divide by its variance over A and B, so the Sobol indices are "
                "undefined (SALib gives 0); increase n"
            ]
        else:
            res = sobol_analyze.analyze(
                problem,
                _scaled_output(y),
                calc_second_order=False,
                num_resamples=num_resamples,
                conf_level=conf_level,
                seed=bootstrap_seed,
            )
            s = {c: np.asarray(res[c], dtype=float) for c in ("S1", "S1_conf", "ST", "ST_conf")}
            why = _checks(s, names, ci_threshold)
        indices[k] = pd.DataFrame(s, index=pd.Index(names, name="parameter"))
        converged[k] = not why
        reasons[k] = why
        if why and warn:
            warnings.warn(
                f"Sobol indices of {k!r} with N={n} have not converged: "
                + "; ".join(why[:3])
                + ("; ..." if len(why) > 3 else "")
                + ". Increase n.",
                SobolConvergenceWarning,
                stacklevel=2,
            )
    meta = {
        "analysis": "sobol",
        "n": n,
        "n_evaluations": n_eval,
        "seed": seed,
        "conf_level": conf_level,
        "num_resamples": num_resamples,
        "ci_threshold": ci_threshold,
        "distributions": {k: d.to_spec() for k, d in dists.items()},
        "provenance": run_provenance(),
        **extra,
    }
    return SobolResult(
        indices=indices,
        converged=converged,
        reasons=reasons,
        n_evaluations=n_eval,
        metadata=meta,
    )
