"""Distributions and sampling: moments against analytic values, copula, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from orbitcompute import InputError
from orbitcompute.analysis import from_catalog, from_spec, full_factorial, latin_hypercube, sample
from orbitcompute.analysis.distributions import Distribution
from orbitcompute.analysis.sampling import (
    iman_conover,
    open_uniform,
    rank_to_normal_correlation,
    sample_uniform,
    validate_correlation,
)


def test_pert_moments_analytic():
    """Beta-PERT(a=1, m=2, b=9): mean (a + 4m + b)/6 = 3; alpha = 1 + 4(m-a)/(b-a) = 1.5,
    beta = 1 + 4(b-m)/(b-a) = 4.5; var = (b-a)^2 ab/((a+b)^2 (a+b+1)) = 64*6.75/(36*7)."""
    d = from_spec({"dist": "pert", "low": 1, "mode": 2, "high": 9})
    assert_allclose(d.mean(), 3.0, rtol=1e-12)
    assert_allclose(d.std() ** 2, 64 * 6.75 / (36 * 7), rtol=1e-12)


def test_triangular_and_uniform_moments_analytic():
    """Triangular mean (a+m+b)/3, var (a²+b²+m²-ab-am-bm)/18; uniform var (b-a)²/12."""
    a, m, b = 50.0, 200.0, 1000.0
    t = from_spec({"dist": "triangular", "low": a, "mode": m, "high": b})
    assert_allclose(t.mean(), (a + m + b) / 3, rtol=1e-12)
    assert_allclose(t.std() ** 2, (a * a + b * b + m * m - a * b - a * m - b * m) / 18, rtol=1e-12)
    u = from_spec({"dist": "uniform", "low": 2, "high": 5})
    assert_allclose([u.mean(), u.std() ** 2], [3.5, 9 / 12], rtol=1e-12)


def test_normal_and_lognormal_from_percentiles():
    """low/high are the 5th/95th percentiles: normal mean = midpoint, lognormal
    median = sqrt(low*high); the percentiles come back exactly."""
    n = from_spec({"dist": "normal", "low": 10, "high": 30})
    assert_allclose([n.mean(), n.percentile(5), n.percentile(95)], [20, 10, 30], rtol=1e-12)
    ln = from_spec({"dist": "lognormal", "low": 100, "high": 400})
    assert_allclose(
        [ln.percentile(50), ln.percentile(5), ln.percentile(95)], [200, 100, 400], rtol=1e-12
    )
    # lognormal mean = median * exp(sigma^2 / 2)
    ln2 = from_spec({"dist": "lognormal", "median": 2.0, "sigma": 0.5})
    assert_allclose(ln2.mean(), 2.0 * np.exp(0.125), rtol=1e-12)


def test_loguniform_moments_analytic():
    """Log-uniform on [a, b] = [10, 1000] (Hamming 1970): density 1 / (x ln(b/a)), so
    mean = (b - a) / ln(b/a) = 990 / ln 100 = 214.976..., E[x^2] = (b^2 - a^2) / (2 ln(b/a)),
    median = sqrt(a b) = 100, and log10 x is uniform on [1, 3] (10th percentile 10**1.2)."""
    a, b = 10.0, 1000.0
    d = from_spec({"dist": "loguniform", "low": a, "high": b})
    mean = (b - a) / np.log(b / a)
    assert_allclose(mean, 214.9757, rtol=1e-6)
    assert_allclose(d.mean(), mean, rtol=1e-12)
    assert_allclose(d.std() ** 2, (b * b - a * a) / (2 * np.log(b / a)) - mean**2, rtol=1e-12)
    assert_allclose([d.percentile(50), d.percentile(10)], [100.0, 10**1.2], rtol=1e-12)
    assert_allclose(d.ppf(np.array([0.5, 0.1])), [100.0, 10**1.2], rtol=1e-12)


def test_sample_moments_match_analytic():
    """Sample means of 200k draws within 4 standard errors of the analytic means."""
    specs = {
        "a": {"dist": "pert", "low": 1, "mode": 2, "high": 9},
        "b": {"dist": "lognormal", "median": 2.0, "sigma": 0.5},
        "c": {"dist": "triangular", "low": 0, "mode": 0, "high": 3},
        "d": {"dist": "loguniform", "low": 0.05, "high": 60},
    }
    s = sample(specs, 200_000, seed=3)
    for k, spec in specs.items():
        d = from_spec(spec)
        se = d.std() / np.sqrt(200_000)
        assert abs(s[k].mean() - d.mean()) < 4 * se, k


def test_lhs_is_stratified():
    u = sample_uniform(50, 3, np.random.default_rng(0), "lhs")
    for j in range(3):
        assert sorted(np.floor(u[:, j] * 50).astype(int).tolist()) == list(range(50))
    assert np.all((u > 0) & (u < 1))


class _TopGenerator:
    """Stands in for numpy's Generator: every draw is the top 53-bit cell, (2**53 - 1) / 2**53."""

    def random(self, size):
        return np.full(size, (2.0**53 - 1) / 2.0**53)

    def permuted(self, x, axis):
        return x  # the top stratum stays in the last row


def test_uniforms_stay_inside_the_open_interval_at_the_top_cell():
    """k = 2**53 - 1 gives (k + 1/2) / 2**53 = 1 - 2**-54, not a double: it must be
    stored as 1 - 2**-53, not rounded (to even) up to 1, where a normal ppf is inf.
    The Latin hypercube's top stratum, (n - 1 + u) / n, must stay below 1 too."""
    top = np.full(3, (2.0**53 - 1) / 2.0**53) + 2.0**-54
    assert np.all(top == 1.0)  # what the midpoint rounds to without the guard
    below_one = np.nextafter(1.0, 0.0)
    u = sample_uniform(4, 2, _TopGenerator(), "random")
    assert_allclose(u, below_one, rtol=0, atol=0)
    h = sample_uniform(10_000, 2, _TopGenerator(), "lhs")
    assert h.max() == below_one
    assert np.all(np.isfinite(from_spec({"dist": "normal", "low": 0, "high": 1}).ppf(h)))


def test_uniforms_are_the_cell_midpoints_of_numpys_53_bit_draws():
    """open_uniform(rng) = (k + 1/2) / 2**53 where k / 2**53 = Generator.random() and
    k = Generator.integers(0, 2**53) for the same seed (numpy takes both from the upper
    53 bits of each 64-bit draw): the two constructions agree bit for bit, so a seed
    gives the samples it gave when open_uniform drew integers."""
    k = np.random.default_rng(5).integers(0, 2**53, size=(1000, 7))
    # exact below 1/2; from 1/2 up, k + 0.5 rounds to even as open_uniform's sum does
    want = (k.astype(float) + 0.5) / 2.0**53
    got = sample_uniform(1000, 7, np.random.default_rng(5), "random")
    np.testing.assert_array_equal(got, want)
    assert got.min() > 0 and got.max() < 1


def test_rank_correlation_achieved():
    """Iman-Conover with Spearman targets 0.7 and -0.4: achieved within 0.02 (n=20000),
    marginals unchanged (LHS column still stratified)."""
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "xyz"}
    corr = {("x", "y"): 0.7, ("x", "z"): -0.4}
    s = sample(specs, 20_000, seed=5, method="lhs", correlation=corr)
    rho = stats.spearmanr(np.column_stack([s["x"], s["y"], s["z"]])).statistic
    assert_allclose(rho[0, 1], 0.7, atol=0.02)
    assert_allclose(rho[0, 2], -0.4, atol=0.02)
    assert_allclose(rho[1, 2], 0.0, atol=0.03)
    assert sorted(np.floor(s["y"] * 20_000).astype(int).tolist()) == list(range(20_000))


def test_rank_to_normal_conversion():
    """Spearman of a bivariate normal is (6/pi) asin(rho/2) (Kruskal 1958): inverse here."""
    rho_s = np.array([-0.9, 0.0, 0.3, 1.0])
    back = 6 / np.pi * np.arcsin(rank_to_normal_correlation(rho_s) / 2)
    assert_allclose(back, rho_s, atol=1e-12)


def test_same_seed_same_samples():
    specs = {"a": {"dist": "normal", "mean": 0, "sd": 1}}
    assert_allclose(sample(specs, 10, seed=7)["a"], sample(specs, 10, seed=7)["a"], rtol=0)
    assert not np.allclose(sample(specs, 10, seed=7)["a"], sample(specs, 10, seed=8)["a"])


def test_full_factorial_and_lhs_grid():
    g = full_factorial({"a": [1, 2, 3], "b": [10, 20]})
    assert list(zip(g["a"], g["b"], strict=True)) == [
        (1, 10),
        (1, 20),
        (2, 10),
        (2, 20),
        (3, 10),
        (3, 20),
    ]
    h = latin_hypercube({"a": (0, 10), "b": {"dist": "uniform", "low": 5, "high": 6}}, 20)
    assert sorted(np.floor(h["a"] / 0.5).astype(int).tolist()) == list(range(20))
    assert np.all((h["b"] > 5) & (h["b"] < 6))


def test_from_catalog_bounds():
    """accelerators.h100_sxm price 25k / 27.5k / 30k (catalog low / value / high)."""
    d = from_catalog("accelerators", "h100_sxm", "price_usd")
    assert_allclose(d.mean(), (25_000 + 27_500 + 30_000) / 3)
    lu = from_catalog("accelerators", "h100_sxm", "price_usd", dist="loguniform")
    assert lu.params == {"low": 25_000.0, "high": 30_000.0}
    assert_allclose(lu.mean(), 5_000 / np.log(1.2), rtol=1e-12)  # (b - a) / ln(b / a)
    with pytest.raises(InputError, match="no tdp_w_low"):
        from_catalog("accelerators", "h100_sxm", "tdp_w")


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ({"dist": "trinagular", "low": 0, "mode": 1, "high": 2}, "did you mean 'triangular'"),
        ({"dist": "uniform", "low": 3, "high": 3}, "low must be below high"),
        ({"dist": "triangular", "low": 0, "mode": 5, "high": 2}, "mode=5"),
        ({"dist": "normal", "mean": 0, "sd": -1}, "sd=-1"),
        ({"dist": "lognormal", "low": -1, "high": 2}, "low > 0"),
        ({"dist": "loguniform", "low": 0, "high": 2}, "loguniform distribution needs low > 0"),
        ({"dist": "loguniform", "low": 1, "mode": 2, "high": 3}, "unknown key"),
        ({"dist": "uniform", "low": 0, "hgih": 1}, "did you mean 'high'"),
        ({"dist": "pert", "low": 0, "high": 1}, "needs the keys"),
        ({"low": 0, "high": 1}, "no 'dist'"),
        ({"dist": "uniform", "low": "a", "high": 1}, "must be a number"),
    ],
)
def test_bad_specs(spec, match):
    with pytest.raises(InputError, match=match):
        from_spec(spec, "p")


@pytest.mark.parametrize(
    ("corr", "match"),
    [
        (np.array([[1, 0.5], [0.4, 1]]), "symmetric"),
        (np.array([[1, 2.0], [2.0, 1]]), "must be in \\[-1, 1\\]"),
        (np.eye(3), "shape"),
        ({("a", "q"): 0.5}, "unknown parameter 'q'"),
        (np.array([[2.0, 0.0], [0.0, 1.0]]), "diagonal"),
    ],
)
def test_bad_correlation(corr, match):
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "ab"}
    with pytest.raises(InputError, match=match):
        sample(specs, 100, correlation=corr)


def test_correlation_not_psd():
    """Pairwise 0.9, 0.9, -0.9 is not a correlation matrix (eigenvalue < 0)."""
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "abc"}
    corr = {("a", "b"): 0.9, ("a", "c"): 0.9, ("b", "c"): -0.9}
    with pytest.raises(InputError, match="positive semi-definite"):
        sample(specs, 100, correlation=corr)


def test_closed_form_inverse_cdfs_match_scipy():
    """Uniform and triangular ppf in closed form equal scipy.stats' ppf."""
    import numpy as np
    from numpy.testing import assert_allclose
    from scipy import stats

    from orbitcompute.analysis.distributions import from_spec

    u = np.linspace(1e-6, 1 - 1e-6, 1001)
    for lo, mode, hi in ((0.0, 0.0, 1.0), (50.0, 500.0, 1000.0), (2.0, 7.0, 7.0)):
        d = from_spec({"dist": "triangular", "low": lo, "mode": mode, "high": hi}, "x")
        ref = stats.triang(c=(mode - lo) / (hi - lo), loc=lo, scale=hi - lo).ppf(u)
        assert_allclose(d.ppf(u), ref, rtol=1e-12, atol=1e-9)
    d = from_spec({"dist": "uniform", "low": -3.0, "high": 5.0}, "x")
    assert_allclose(d.ppf(u), stats.uniform(loc=-3.0, scale=8.0).ppf(u), rtol=1e-12)
    for lo, hi in ((0.05, 60.0), (1e-3, 1e6), (7.0, 7.5)):
        d = from_spec({"dist": "loguniform", "low": lo, "high": hi}, "x")
        assert_allclose(d.ppf(u), stats.loguniform(lo, hi).ppf(u), rtol=1e-12)


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        (
            {"dist": "lognormal", "median": 1, "sigma": 1000},
            r"^p\.sigma=1000: the lognormal distribution is too wide for float64: .* are 0 and "
            r"inf; they must be finite and > 0; .*sigma < 86 for median 1",
        ),
        ({"dist": "lognormal", "low": 1e-200, "high": 1e200}, r"^p\.high=1e\+200: .*too wide"),
        ({"dist": "normal", "mean": 0, "sd": 1e308}, r"^p\.sd=1e\+308: .*too wide"),
        ({"dist": "uniform", "low": -1e308, "high": 1e308}, r"^p\.high=1e\+308: .*too wide"),
        ({"dist": "loguniform", "low": 1e-300, "high": 1e300}, r"^p\.high=1e\+300: .*too wide"),
    ],
)
def test_distributions_too_wide_for_float64(spec, match):
    """Samples of inf (or 0 for a positive quantity) are rejected when the spec is read,
    naming its spread parameter, not discovered in the model."""
    with pytest.raises(InputError, match=match):
        sample({"p": spec}, 1000, seed=0)


def test_wide_but_representable_lognormal_samples_are_finite():
    s = sample({"p": {"dist": "lognormal", "median": 1, "sigma": 80}}, 100_000, seed=0)["p"]
    assert np.all(np.isfinite(s)) and np.all(s > 0)


def test_seed_and_design_arguments_checked():
    specs = {"a": {"dist": "uniform", "low": 0, "high": 1}}
    for bad in ("x", -1, 1.5, True):
        with pytest.raises(InputError, match=rf"^seed={bad!r}: must be a whole number >= 0"):
            latin_hypercube({"a": (0, 1)}, 10, seed=bad)
        with pytest.raises(InputError, match=rf"^seed={bad!r}: must be a whole number >= 0"):
            sample(specs, 10, seed=bad)
    # a Generator, a SeedSequence and None are seeds too
    assert sample(specs, 3, seed=np.random.default_rng(1))["a"].shape == (3,)
    assert latin_hypercube({"a": (0, 1)}, 3, seed=np.random.SeedSequence(1))["a"].shape == (3,)
    assert latin_hypercube({"a": (0, 1)}, 3, seed=None)["a"].shape == (3,)
    with pytest.raises(InputError, match=r"^bounds=None: must be a non-empty mapping"):
        latin_hypercube(None, 10)
    with pytest.raises(InputError, match=r"^bounds=\{\}: must be a non-empty mapping"):
        latin_hypercube({}, 10)
    with pytest.raises(InputError, match=r"^levels=None: must be a non-empty mapping"):
        full_factorial(None)


def test_correlation_naming_an_unknown_input():
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "ab"}
    with pytest.raises(
        InputError,
        match=r"^correlation=\{\('a', 'bb'\): 0.5\}: unknown parameter 'bb'; parameters: a, b; "
        r"did you mean 'b'\?",
    ):
        sample(specs, 100, correlation={("a", "bb"): 0.5})


@pytest.mark.parametrize(
    ("kind", "params", "match"),
    [
        ("uniform", {"low": 1, "high": 0}, r"^distribution: low=1, high=0: low must be below"),
        ("normal", {"mean": 0, "sd": -1}, r"^distribution\.sd=-1: must be > 0"),
        ("foo", {"low": 1, "high": 0}, r"^distribution\.kind='foo': must be one of"),
        ("normal", {"mean": 0}, r"^distribution\.params=.*needs the parameters mean, sd"),
        ("normal", {"mean": 0, "sd": 1e308}, r"^distribution\.sd=1e\+308: .*too wide"),
    ],
)
def test_a_distribution_built_directly_is_checked(kind, params, match):
    """Distribution(...) skipped from_spec's checks: low > high sampled backwards, a
    negative sd gave NaN samples, an unknown kind a KeyError."""
    with pytest.raises(InputError, match=match):
        Distribution(kind, params)


def test_a_distribution_changed_in_place_is_checked_again():
    d = Distribution("uniform", {"low": 0.0, "high": 1.0})
    d.params["low"] = 2.0  # changed in place after it was checked
    with pytest.raises(InputError, match=r"^a: low=2, high=1: low must be below high"):
        sample({"a": d}, 3)


def test_a_checked_distribution_is_reused_until_it_changes():
    """from_spec returns a named Distribution as it is while its kind and parameters are
    those it was checked with (a Monte Carlo call checked every input twice, about 50 us
    each), and checks it again once they change in place; results files record only its
    public fields."""
    from orbitcompute.analysis.io import jsonable

    d = from_spec({"dist": "triangular", "low": 1, "mode": 2, "high": 4}, "a")
    assert from_spec(d, "b") is d
    assert set(jsonable(d)) == {"kind", "params", "name", "spec"}
    d.params["mode"] = 5.0  # changed in place: outside [low, high]
    with pytest.raises(InputError, match=r"^a\.mode=5: must be in \[1, 4\]"):
        from_spec(d, "a")
    d.params["mode"] = 3.0  # a valid change is checked and gives a new Distribution
    e = from_spec(d, "a")
    assert e is not d and e.params["mode"] == 3.0
    assert_allclose(e.mean(), (1 + 3 + 4) / 3)


def test_percentiles_and_quantiles_outside_their_range_are_refused():
    """percentile(150) and ppf(1.5) were NaN or extrapolated (1.5 for a uniform on
    [0, 1]); the 0th percentile of a normal is -inf. Uniform on [2, 6]: the 0th and
    100th percentiles are 2 and 6, ppf(0.25) = 2 + 0.25 * 4 = 3."""
    u = from_spec({"dist": "uniform", "low": 2, "high": 6})
    assert_allclose([u.percentile(0), u.percentile(100), u.ppf(0.25)], [2.0, 6.0, 3.0])
    for q in (150, -5, float("nan"), "50", True):
        with pytest.raises(InputError, match=rf"^q={q!r}: must be a number in \[0, 100\]"):
            u.percentile(q)
    n = from_spec({"dist": "normal", "mean": 0, "sd": 1})
    with pytest.raises(InputError, match=r"^u=0: the normal distribution of x has an infinite"):
        n.percentile(0)
    ln = from_spec({"dist": "lognormal", "median": 1, "sigma": 1})
    assert ln.percentile(0) == 0.0
    with pytest.raises(InputError, match=r"^u=1: the lognormal distribution of x has an inf"):
        ln.ppf(np.array([0.5, 1.0]))
    t = from_spec({"dist": "triangular", "low": 0, "mode": 0.5, "high": 1})
    for bad in ([1.5, -0.5], [0.5, np.nan]):
        with pytest.raises(InputError, match=r"^u=(1\.5|nan): must be a probability in \[0, 1\]"):
            t.ppf(np.array(bad))
    with pytest.raises(InputError, match=r"^u='a': must be probabilities"):
        t.ppf("a")


def test_a_mean_too_large_for_float64_is_refused():
    """Lognormal mean = median exp(sigma**2 / 2): sigma = 40 gives e**800 (inf); sigma =
    2, median 3 gives 3 e**2."""
    assert_allclose(from_spec({"dist": "lognormal", "median": 3, "sigma": 2}).mean(), 3 * np.e**2)
    wide = from_spec({"dist": "lognormal", "median": 1, "sigma": 40})
    with pytest.raises(InputError, match=r"^x\.sigma=40: the mean of this lognormal"):
        wide.mean()
    with pytest.raises(InputError, match=r"^x\.sigma=40: the standard deviation of this"):
        wide.std()


def test_keys_naming_the_same_parameter_are_refused():
    """{1: spec, "1": spec} silently kept one of the two parameters."""
    from orbitcompute.analysis import as_distributions

    spec = {"dist": "uniform", "low": 0, "high": 1}
    with pytest.raises(
        InputError, match=r"^distributions: keys 1 and '1' both name the parameter '1'"
    ):
        as_distributions({1: spec, "1": {"dist": "uniform", "low": 5, "high": 6}})
    with pytest.raises(InputError, match=r"^levels: keys 1 and '1' both name"):
        full_factorial({1: [1.0], "1": [2.0]})


def test_huge_designs_refused_before_allocating(monkeypatch):
    """With 1 GB of memory: 10**15 samples of 2 inputs need 48 bytes each (uniform
    matrix, its transposed copy, the samples); 1000**6 combinations of 6 levels need
    6 x 8 = 48 bytes each. Both were MemoryErrors (or numpy's ValueError at 10**19)."""
    from orbitcompute.analysis import montecarlo

    monkeypatch.setattr(montecarlo, "_physical_memory_bytes", lambda: 10**9)
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "ab"}
    for n in (10**15, 10**19):
        with pytest.raises(InputError, match=rf"^n={n}: the samples .*\(48 bytes per sample\)"):
            sample(specs, n)
    with pytest.raises(InputError, match=r"^n=10000000000: the samples"):
        latin_hypercube({"a": (0, 1), "b": (0, 1)}, 10**10)
    with pytest.raises(
        InputError,
        match=r"^levels: 1000 x 1000 x 1000 x 1000 x 1000 x 1000 = 1,000,000,000,000,000,000 "
        r"combinations: the grid of every combination would take 48,000,000,000 GB",
    ):
        full_factorial({f"p{i}": np.arange(1000) for i in range(6)})


def test_low_level_sampling_arguments_checked():
    rng = np.random.default_rng(0)
    cases = [
        (lambda: open_uniform(None, (2,)), r"^rng=None: must be a numpy\.random\.Generator"),
        (lambda: open_uniform(rng, (-1,)), r"^shape=\(-1,\): must be a tuple of whole numbers"),
        (lambda: sample_uniform(-1, 2, rng), r"^n=-1: must be a whole number >= 1"),
        (lambda: sample_uniform(2.5, 2, rng), r"^n=2\.5: must be a whole number >= 1"),
        (lambda: iman_conover(rng.random(10), np.eye(1), rng), r"^u: shape \(10,\): must be"),
        (
            lambda: iman_conover(rng.random((10, 2)), np.eye(3), rng),
            r"^rank_corr: shape \(3, 3\) must be \(2, 2\)",
        ),
        (lambda: rank_to_normal_correlation("a"), r"^rank_corr='a': must be a number"),
        (lambda: rank_to_normal_correlation(2.0), r"^rank_corr=2: a rank correlation must"),
        (
            lambda: validate_correlation([[1, 0.5], [0.5, 1]], ["a", "b"], tol=-1),
            r"^tol=-1: must be a finite number >= 0",
        ),
        (
            lambda: validate_correlation([[1, 0.5], [0.5, 1]], ["a", "b"], tol=np.nan),
            r"^tol=nan: must be a finite number >= 0",
        ),
        (
            lambda: validate_correlation([[1, 0], [0, 1]], "ab"),
            r"^names='ab': must be a list of parameter names",
        ),
        (
            lambda: sample(
                {k: {"dist": "uniform", "low": 0, "high": 1} for k in "ab"},
                10,
                correlation={("a", "b"): [0.5, 0.5]},
            ),
            r"^correlation\[\('a', 'b'\)\]=\[0\.5, 0\.5\]: must be a single number",
        ),
    ]
    for call, match in cases:
        with pytest.raises(InputError, match=match):
            call()
    # a list is an array: the columns keep their values, reordered
    u = [[0.1, 0.6], [0.2, 0.7], [0.3, 0.8], [0.4, 0.9], [0.5, 0.95]]
    got = iman_conover(u, np.array([[1.0, 0.5], [0.5, 1.0]]), rng)
    assert_allclose(np.sort(got, axis=0), np.array(u))


@pytest.mark.parametrize(
    ("dist", "shown"),
    [(None, "None"), (3, "3"), ("Unifrom", "'Unifrom'")],
)
def test_a_bad_dist_name_is_reported_as_given(dist, shown):
    """dist=None was reported as the text 'none' (str(None).lower()), dist=3 as '3'."""
    with pytest.raises(
        InputError, match=rf"^p\.dist={shown}: must be one of 'uniform', 'loguniform'"
    ):
        from_spec({"dist": dist, "low": 0, "high": 1}, "p")


def test_a_correlation_pair_given_in_both_orders_is_refused():
    """{(a, b): 0.8, (b, a): -0.8} silently kept the last value (achieved Spearman -0.8);
    a scenario's [[correlation]] refuses the same pair given twice, and so does this."""
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "ab"}
    message = (
        r"^correlation\[\('b', 'a'\)\]=-0\.8: the same pair as correlation\[\('a', 'b'\)\]=0\.8;"
        r" give each pair once"
    )
    with pytest.raises(InputError, match=message):
        sample(specs, 100, correlation={("a", "b"): 0.8, ("b", "a"): -0.8})
    with pytest.raises(InputError, match=r"^correlation\[\('b', 'a'\)\]=0\.5: the same pair"):
        validate_correlation({("a", "b"): 0.5, ("b", "a"): 0.5}, ["a", "b"])


@pytest.mark.parametrize(
    "spec",
    [
        {"dist": "triangle", "low": 1, "mode": 2, "high": 3},
        {"dist": None, "low": 1, "high": 3},
        {"low": 1, "high": 3},
        {"dist": "uniform", "low": 1, "hgh": 3},
        {"dist": "pert", "low": 1, "mode": 2},
        {"dist": "triangular", "low": 5, "mode": 1, "high": 9},
        {"dist": "uniform", "low": 3, "high": 3},
        {"dist": "lognormal", "median": 2, "sigma": -1},
        {"dist": "loguniform", "low": 0, "high": 3},
        {"dist": "normal", "mean": True, "sd": 1},
        {"dist": "normal", "mean": [1, 2], "sd": 1},
        {"dist": "uniform", "low": "a", "high": 3},
        [1, 2],
    ],
)
def test_the_spec_check_at_load_is_the_monte_carlos(spec):
    """A scenario's [uncertainty] specs are checked when it loads (without scipy) by the
    function from_spec runs first: the same message for the same spec."""
    from orbitcompute._distspec import check_spec

    with pytest.raises(InputError) as at_load:
        check_spec(spec, "k")
    with pytest.raises(InputError) as sampled:
        from_spec(spec, "k")
    assert str(at_load.value) == str(sampled.value)


def test_the_spec_check_reports_the_first_bad_number_in_the_spec_order():
    """The numbers were read in the order of a set (which changes from run to run), so of
    two bad numbers either could be named."""
    from orbitcompute._distspec import check_spec

    for spec, first in (
        ({"dist": "uniform", "low": "a", "high": "b"}, "k.low='a'"),
        ({"dist": "uniform", "high": "b", "low": "a"}, "k.high='b'"),
    ):
        with pytest.raises(InputError, match=f"^{first}: must be a number"):
            check_spec(spec, "k")
    kind, chosen, values = check_spec({"dist": "Normal", "high": 3, "low": 1}, "k")
    assert (kind, chosen, list(values)) == ("normal", ("low", "high"), ["high", "low"])


class _BottomGenerator:
    """Stands in for numpy's Generator: every draw is the bottom 53-bit cell, k = 0."""

    def random(self, size):
        return np.zeros(size)

    def permuted(self, x, axis):
        return x  # the bottom stratum stays in the first row


def test_latin_hypercube_stays_above_the_smallest_probability_sampling_can_reach():
    """The bottom stratum's draw is (0 + u) / n with u = 2**-54 at the bottom cell:
    2**-54 / 10,000 = 5.6e-21, below EXTREME_PROBABILITIES[0] = 2**-54, the smallest
    probability at which a distribution is checked to have a finite (and, for a
    lognormal, > 0) quantile. A lognormal of median 1 and sigma 85 passes that check
    (its quantile at 2**-54 is exp(-85 * 8.2924) = 1.6e-306), but at 5.6e-21
    (z = -9.35) it is exp(-795), which underflows to 0. The design now stops at 2**-54,
    inside the bottom stratum [0, 1e-4)."""
    from orbitcompute.analysis.distributions import EXTREME_PROBABILITIES

    n = 10_000
    h = sample_uniform(n, 2, _BottomGenerator(), "lhs")
    assert h.min() == EXTREME_PROBABILITIES[0] == 2.0**-54
    assert np.all(h[0] == 2.0**-54)  # only the bottom stratum's draw moves
    assert_allclose(h[1:, 0], np.arange(1, n) / n, rtol=1e-15)  # (k + 2**-54) / n
    d = from_spec({"dist": "lognormal", "median": 1.0, "sigma": 85.0})
    assert stats.lognorm(85.0).ppf(2.0**-54 / n) == 0.0  # what the old design gave
    x = d.ppf(h[:, 0])
    assert x.min() > 0
    assert_allclose(x.min(), np.exp(85.0 * stats.norm.ppf(2.0**-54)), rtol=1e-12)


class _CopiedScoresGenerator:
    """numpy's Generator, except that the first ``permuted`` leaves its columns in
    order: the normal scores of every column are then the same (correlation 1)."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.permutations = 0

    def random(self, size):
        return self.rng.random(size)

    def permuted(self, x, axis):
        self.permutations += 1
        return x.copy() if self.permutations == 1 else self.rng.permuted(x, axis=axis)


def test_iman_conover_redraws_scores_whose_correlation_is_singular():
    """Iman-Conover whitens the permuted scores by the Cholesky factor of their sample
    correlation E. Permutations that make two columns equal (or reversed) give a
    singular E: about 8 % of draws for n = 4, d = 2 (n = d + 2, the smallest chunk
    allowed), where numpy's Cholesky raised LinAlgError (not an InputError), and for
    n = 5, d = 3 some passed the Cholesky by rounding and divided by 1e-17 (random
    ranks). Such scores are now drawn again."""
    # seeds of sample() that raised LinAlgError before (n = 4, d = 2)
    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in "ab"}
    for seed in (30, 37, 99):
        s = sample(specs, 4, seed=seed, method="lhs", correlation={("a", "b"): 0.5})
        for k in "ab":  # still a Latin hypercube: one sample in each quarter
            assert sorted(np.floor(s[k] * 4).astype(int).tolist()) == [0, 1, 2, 3]
    # equal score columns on the first draw: drawn again, not whitened by 1 / 0
    rng = _CopiedScoresGenerator(1)
    u = np.column_stack([np.arange(1, 9) / 9.0, np.arange(1, 9) / 9.0])
    got = iman_conover(u, np.array([[1.0, 0.3], [0.3, 1.0]]), rng)
    assert rng.permutations == 2
    assert_allclose(np.sort(got, axis=0), u)


@pytest.mark.parametrize(
    ("lo", "mode", "hi"),
    [(0.0, 1e-200, 2e-200), (1e-160, 3e-160, 4e-160), (1e300, 1.5e300, 1.7e308)],
)
def test_triangular_quantiles_at_tiny_and_huge_scales_match_scipy(lo, mode, hi):
    """The closed form multiplied two lengths, u (b - a) (m - a): below a width of about
    1e-146 that underflowed to 0, so every sample below the mode came out as low and every
    one above it as high (a two-point distribution); above about 1e154 it overflowed and the
    spec was refused as "too wide for float64". scipy.stats.triang gives the reference."""
    u = np.array([2.0**-54, 1e-9, 0.05, 0.3, 0.5, 0.7, 0.95, 1 - 2.0**-53])
    d = from_spec({"dist": "triangular", "low": lo, "mode": mode, "high": hi}, "x")
    ref = stats.triang(c=(mode - lo) / (hi - lo), loc=lo, scale=hi - lo).ppf(u)
    assert_allclose(d.ppf(u), ref, rtol=1e-12)


@pytest.mark.parametrize(("low", "high"), [(1e-160, 1e-155), (1e-200, 1e-150), (1e150, 1e160)])
def test_lognormal_from_tiny_or_huge_percentiles_gives_them_back(low, high):
    """median = sqrt(low high): a product below 2.2e-308 lost digits (5th and 95th
    percentiles off by 7.6e-10 for 1e-160 and 1e-155) or became 0 (refused as
    "median=0", a key the spec did not give); above 1.8e308 it overflowed (refused as too
    wide, though sigma = ln(high / low) / 3.29 = 7)."""
    d = from_spec({"dist": "lognormal", "low": low, "high": high}, "x")
    assert_allclose([d.percentile(5), d.percentile(95)], [low, high], rtol=1e-13)
    assert_allclose(d.percentile(50), np.sqrt(low) * np.sqrt(high), rtol=1e-15)


def test_pert_lamb_is_bounded_where_the_beta_moments_stay_finite():
    """PERT(1, 2, 3) with shape lamb is 1 + 2 Beta(a, a), a = 1 + lamb / 2, whose standard
    deviation is 2 sqrt(a^2 / ((2a)^2 (2a + 1))) = 1 / sqrt(2a + 1), by hand 1e-50 at
    lamb = 1e100. Above about 5e102 the (a + b)^3 of the variance overflows and scipy gave
    a standard deviation of 0 without a word (and at 1e200 an error naming ``high``): a
    lamb above MAX_PERT_LAMB (1e100) is refused, naming it."""
    d = from_spec({"dist": "pert", "low": 1, "mode": 2, "high": 3, "lamb": 1e100}, "x")
    assert_allclose(d.std(), 1.0 / np.sqrt(2.0 + 1e100 + 1.0), rtol=1e-12)
    for lamb in (1e101, 1e150, 1e200):
        with pytest.raises(InputError, match=r"^x\.lamb=.*: must be <= 1e\+100"):
            from_spec({"dist": "pert", "low": 1, "mode": 2, "high": 3, "lamb": lamb}, "x")
