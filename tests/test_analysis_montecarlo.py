"""Monte Carlo, sweeps, engines and Parquet I/O on generic vectorized models."""

from __future__ import annotations

import numpy as np
import pytest
from _mini_scenario import MINI_TOML
from numpy.testing import assert_allclose, assert_array_equal

import orbitcompute
from orbitcompute import InputError
from orbitcompute.analysis import (
    chunk_bounds,
    full_factorial,
    monte_carlo,
    probability_cheapest,
    provenance,
    read_parquet,
    summarize,
    sweep,
    wilson_interval,
    write_parquet,
)

SPECS = {
    "a": {"dist": "triangular", "low": 50, "mode": 200, "high": 1000},
    "b": {"dist": "pert", "low": 1, "mode": 2, "high": 9},
    "c": {"dist": "normal", "mean": -3, "sd": 2},
}


def linear(p):
    """y = 2a - 5b + 10c + 7; analytic E[y] = 2*1250/3 - 5*3 + 10*(-3) + 7."""
    return {"y": 2 * p["a"] - 5 * p["b"] + 10 * p["c"] + 7, "pos": p["c"] > -3}


def test_linear_mean_within_standard_error():
    """E[a] = (50+200+1000)/3 (triangular), E[b] = (1+8+9)/6 = 3 (PERT), E[c] = -3."""
    expected = 2 * 1250 / 3 - 5 * 3 + 10 * (-3) + 7
    r = monte_carlo(linear, SPECS, 50_000, seed=11, chunk_size=12_000)
    s = r.summary().loc["y"]
    assert abs(s["mean"] - expected) < 3 * s["sem"]
    # sem = sd / sqrt(n)
    assert_allclose(s["sem"], np.std(r.outputs["y"], ddof=1) / np.sqrt(50_000), rtol=1e-12)
    # boolean output: fraction true, P(c > mean of a normal) = 0.5
    assert abs(r.summary().loc["pos", "mean"] - 0.5) < 3 * np.sqrt(0.25 / 50_000)


def test_lhs_mean_closer_than_random():
    """For a linear model the LHS estimate of the mean has far smaller error."""
    expected = 2 * 1250 / 3 - 5 * 3 + 10 * (-3) + 7
    r = monte_carlo(linear, SPECS, 5000, seed=1, method="lhs", chunk_size=None)
    assert abs(r.outputs["y"].mean() - expected) < 0.05 * r.summary().loc["y", "sem"] * 3


def test_chunks_one_call_each_and_reproducible():
    calls = []

    def model(p):
        calls.append(len(p["a"]))
        return linear(p)

    r1 = monte_carlo(model, SPECS, 1000, seed=4, chunk_size=300)
    assert calls == [250, 250, 250, 250]
    r2 = monte_carlo(linear, SPECS, 1000, seed=4, chunk_size=300)
    assert_array_equal(r1.outputs["y"], r2.outputs["y"])
    r3 = monte_carlo(linear, SPECS, 1000, seed=5, chunk_size=300)
    assert not np.array_equal(r1.outputs["y"], r3.outputs["y"])
    seeded = monte_carlo(linear, SPECS, 1000, seed=np.random.SeedSequence(4), chunk_size=300)
    assert_array_equal(seeded.outputs["y"], r1.outputs["y"])


def test_chunk_bounds_even():
    assert chunk_bounds(10, 4) == [(0, 4), (4, 7), (7, 10)]
    assert chunk_bounds(5, None) == [(0, 5)]
    with pytest.raises(InputError, match="chunk_size"):
        chunk_bounds(10, 0)


@pytest.mark.parametrize("n", [10.5, "x", -5, 0, float("-inf"), True, np.array([])])
def test_chunk_bounds_refuses_a_sample_count_that_is_not_a_whole_number(n):
    """A negative count returned [(0, -5)]; 10.5 and "x" raised TypeError."""
    with pytest.raises(InputError, match=r"^n=.*: must be a whole number >= 1"):
        chunk_bounds(n, 3)
    assert chunk_bounds(np.int64(7), 3) == [(0, 3), (3, 5), (5, 7)]


def test_map_chunks_refuses_tasks_that_are_not_a_sequence():
    from orbitcompute.analysis import map_chunks

    with pytest.raises(InputError, match=r"^tasks=5: must be a sequence"):
        map_chunks(abs, 5)
    with pytest.raises(InputError, match=r"^func=3: must be a callable"):
        map_chunks(3, [1])
    assert map_chunks(abs, [-1, 2], progress=False) == [1, 2]


def test_dask_engine_matches_local():
    """Same seed: identical samples and outputs on a 2-worker LocalCluster."""
    kw = {"seed": 9, "chunk_size": 400, "method": "lhs", "correlation": {("a", "b"): 0.5}}
    loc = monte_carlo(linear, SPECS, 2000, **kw)
    dsk = monte_carlo(
        linear,
        SPECS,
        2000,
        engine="dask",
        cluster_options={"n_workers": 2, "processes": False},
        **kw,
    )
    for k in loc.inputs:
        assert_array_equal(loc.inputs[k], dsk.inputs[k])
    assert_array_equal(loc.outputs["y"], dsk.outputs["y"])


def test_sweep_full_factorial():
    g = full_factorial({"x": [1, 2, 3], "z": [0.5, 1.5]})
    r = sweep(lambda p: {"y": p["x"] * p["z"]}, g, chunk_size=4)
    assert_allclose(r.outputs["y"], [0.5, 1.5, 1, 3, 1.5, 4.5])
    with pytest.raises(InputError, match="different lengths"):
        sweep(lambda p: {"y": p["x"]}, {"x": [1, 2], "z": [1]})


def test_probability_cheapest():
    """Sample 0: a cheapest; 1: b (a infeasible); 2: none feasible; 3: a (b NaN)."""
    costs = {"a": np.array([1.0, 1.0, 5.0, 2.0]), "b": np.array([2.0, 3.0, 1.0, np.nan])}
    feas = {"a": np.array([True, False, False, True]), "b": np.array([True, True, False, True])}
    p = probability_cheapest(costs, feas)
    assert p == {"a": 0.5, "b": 0.25, "none": 0.25}
    assert_allclose(sum(p.values()), 1.0)
    with pytest.raises(InputError, match="same length"):
        probability_cheapest({"a": np.ones(3), "b": np.ones(2)})
    # guarded: a misspelt keyword names itself (the guard had slipped onto the
    # function inserted above it, wilson_interval)
    with pytest.raises(InputError, match=r"^feasable=.*did you mean 'feasible'\?"):
        probability_cheapest(costs, feasable=feas)


def test_wilson_interval_matches_scipy_and_wilson_1927():
    """Against scipy.stats.binomtest(...).proportion_ci(method="wilson") over counts
    from 0 to n; by hand, k = 0 of n = 10 at 95 %: [0, z**2 / (n + z**2)] =
    [0, 3.84146 / 13.84146] = [0, 0.277533] (z = 1.959964); the 90 % interval is
    narrower; arrays broadcast."""
    from scipy.stats import binomtest

    for n in (1, 7, 40, 1000):
        k = np.arange(n + 1)
        low, high = wilson_interval(k / n, n)
        for conf in (0.95, 0.9):
            lo_c, hi_c = wilson_interval(k / n, n, conf)
            for i in range(0, n + 1, max(1, n // 17)):
                ci = binomtest(int(k[i]), n).proportion_ci(conf, "wilson")
                assert_allclose([lo_c[i], hi_c[i]], [ci.low, ci.high], rtol=1e-12, atol=1e-15)
        assert np.all((low <= k / n) & (k / n <= high))
    # low <= p <= high exactly, also where rounding put the centre a hair off p = 0 or 1
    # (a low bound of 1e-20 above p = 0 made notebook 07's error bars negative)
    many = np.arange(1, 20_001)
    for p in (0.0, 1.0):
        lo, hi = wilson_interval(p, many)
        assert np.all((lo <= p) & (p <= hi)) and np.all((lo >= 0) & (hi <= 1))
    z2 = 1.959963984540054**2
    assert_allclose(wilson_interval(0.0, 10), (0.0, z2 / (10 + z2)), rtol=1e-14)
    assert_allclose(wilson_interval(0.0, 10), (0.0, 0.277533), rtol=2e-6)
    lo90, hi90 = wilson_interval(0.3, 10, 0.9)
    lo95, hi95 = wilson_interval(0.3, 10)
    assert lo95 < lo90 < 0.3 < hi90 < hi95
    lo, hi = wilson_interval(np.array([[0.0], [0.5]]), np.array([10, 100]))
    assert lo.shape == hi.shape == (2, 2)
    for bad, match in [
        ({"proportion": 1.5, "n": 10}, r"^proportion=1\.5: must be in \[0, 1\]"),
        ({"proportion": np.nan, "n": 10}, "proportion=nan"),
        ({"proportion": 0.5, "n": 0}, r"^n=0: must be in \[1, inf\]"),
        ({"proportion": 0.5, "n": 10, "confidence": 1.0}, r"^confidence=1: must be in \(0, 1\)"),
    ]:
        with pytest.raises(InputError, match=match):
            wilson_interval(**bad)


def test_summarize_ignores_nan_and_reports_fraction():
    s = summarize({"y": np.array([1.0, 2.0, 3.0, np.nan])}, (50,))
    assert s["y"]["mean"] == 2.0 and s["y"]["p50"] == 2.0 and s["y"]["valid_fraction"] == 0.75


def test_model_output_shape_checked():
    with pytest.raises(InputError, match="one value per sample"):
        monte_carlo(lambda p: {"y": np.ones(3)}, SPECS, 10)
    with pytest.raises(InputError, match="must return a mapping"):
        monte_carlo(lambda p: p["a"], SPECS, 10)


def test_nested_outputs_flattened_and_filtered():
    def model(p):
        return {"orbit": {"cost": p["a"], "ok": p["a"] > 0}, "site": {"cost": p["b"]}}

    r = monte_carlo(model, SPECS, 10, outputs=["*.cost"])
    assert sorted(r.outputs) == ["orbit.cost", "site.cost"]


def test_parquet_round_trip(tmp_path):
    r = monte_carlo(linear, SPECS, 500, seed=2, metadata={"scenario": {"name": "t", "x": (1, 2)}})
    path = r.to_parquet(tmp_path / "r.parquet")
    df, meta = read_parquet(path)
    assert_array_equal(df["y"].to_numpy(), r.outputs["y"])
    assert_array_equal(df["a"].to_numpy(), r.inputs["a"])
    assert df["pos"].dtype == bool
    assert meta["scenario"] == {"name": "t", "x": [1, 2]}
    assert meta["distributions"]["a"] == {
        "dist": "triangular",
        "low": 50.0,
        "mode": 200.0,
        "high": 1000.0,
    }
    assert meta["n"] == 500 and meta["seed_entropy"] == 2
    # the software and the reference data that made it
    prov = meta["provenance"]
    assert prov["packages"]["numpy"] == np.__version__
    assert prov["orbitcompute"] == orbitcompute.__version__
    assert prov == provenance() and len(prov["catalog_sha256"]) == 64
    p2 = write_parquet(tmp_path / "m.parquet", {"q": np.arange(3.0)}, {"v": np.float64(np.nan)})
    assert read_parquet(p2)[1] == {"v": None}
    with pytest.raises(InputError, match="no such file"):
        read_parquet(tmp_path / "missing.parquet")
    with pytest.raises(InputError, match=r"^path=.*does not exist"):
        r.to_parquet(tmp_path / "missing" / "r.parquet")


def test_unreachable_dask_scheduler_is_an_input_error():
    """A malformed address fails at once; an address where nothing listens fails on a plain
    socket connect (within dask's connect timeout, set to 1 s here) before a Client starts
    its event-loop thread; both name the scheduler."""
    import dask

    with pytest.raises(InputError, match=r"^scheduler='foo': cannot connect"):
        monte_carlo(linear, SPECS, 10, engine="dask", scheduler="foo")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(InputError, match=r"^scheduler='tcp://127\.0\.0\.1:9': cannot connect"):
            monte_carlo(linear, SPECS, 10, engine="dask", scheduler="tcp://127.0.0.1:9")


def test_a_server_that_accepts_and_never_answers_is_an_input_error():
    """distributed's connect bounds only the TCP connect by its connect timeout and then
    waits without limit for the dask handshake, so a Client hung forever on a server that
    accepts and stays silent; now the handshake is checked first within that timeout (2 s
    here). The call runs in a thread so that a hang fails the test after 15 s; the check
    leaves no thread or event loop behind, and a real scheduler's address passes it."""
    import re
    import socket
    import threading
    import time

    import dask
    from distributed import LocalCluster

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    accepted = []

    def accept_and_stay_silent():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed at the end of the test
                return
            accepted.append(conn)

    outcome = []

    def call():
        try:
            monte_carlo(linear, SPECS, 10, engine="dask", scheduler=f"tcp://127.0.0.1:{port}")
        except Exception as exc:
            outcome.append(exc)

    threading.Thread(target=accept_and_stay_silent, daemon=True).start()
    before = set(threading.enumerate())
    caller = threading.Thread(target=call, daemon=True)
    try:
        with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
            start = time.monotonic()
            caller.start()
            caller.join(15)
            elapsed = time.monotonic() - start
    finally:
        server.close()
        for conn in accepted:
            conn.close()
    assert not caller.is_alive(), "still connecting after 15 s"
    assert 1.5 < elapsed < 15, elapsed
    assert len(outcome) == 1 and isinstance(outcome[0], InputError), outcome
    assert re.match(
        rf"scheduler='tcp://127\.0\.0\.1:{port}': cannot connect to a dask scheduler there "
        r"\(something accepted the connection but sent no dask handshake within 2 s\); give",
        str(outcome[0]),
    ), outcome[0]
    assert set(threading.enumerate()) <= before  # no check thread or Client loop left
    with LocalCluster(
        n_workers=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        r = monte_carlo(
            linear, SPECS, 10, seed=3, engine="dask", scheduler=cluster.scheduler_address
        )
    assert_array_equal(r.outputs["y"], monte_carlo(linear, SPECS, 10, seed=3).outputs["y"])


def test_bad_arguments():
    with pytest.raises(InputError, match="n=0"):
        monte_carlo(linear, SPECS, 0)
    with pytest.raises(InputError, match="did you mean 'dask'"):
        monte_carlo(linear, SPECS, 10, engine="dusk")
    with pytest.raises(InputError, match="method"):
        monte_carlo(linear, SPECS, 10, method="sobol")
    with pytest.raises(InputError, match="seed"):
        monte_carlo(linear, SPECS, 10, seed=-1)


def test_empty_input_is_an_error_not_nan():
    with pytest.raises(InputError, match=r"^values\['a'\]=array\(\[\], dtype=float64\): no"):
        summarize({"a": np.array([])})
    with pytest.raises(InputError, match=r"^values=\{\}: must be a non-empty mapping"):
        summarize({})
    with pytest.raises(InputError, match=r"^percentiles=\[5\.0, 150\.0\]: 150 must be in"):
        summarize({"a": np.ones(3)}, (5, 150))
    with pytest.raises(InputError, match=r"^costs\['a'\]=\[\]: no samples"):
        probability_cheapest({"a": np.array([])})
    with pytest.raises(InputError, match=r"^costs=\{\}: must be a non-empty mapping"):
        probability_cheapest({})
    with pytest.raises(InputError, match=r"^feasible\['a'\]: shape \(2,\), expected \(3,\)"):
        probability_cheapest({"a": np.ones(3)}, {"a": np.ones(2, dtype=bool)})


def test_summary_reports_the_values_it_leaves_out():
    """summarize() takes statistics over the finite values; ``n`` and ``valid_fraction``
    say how many that is, so a dropped NaN shows (all-NaN: NaN statistics, n = 0)."""
    s = summarize({"y": np.array([1.0, np.nan, 3.0]), "z": np.array([np.nan, np.nan])})
    assert s["y"]["n"] == 2 and s["y"]["valid_fraction"] == pytest.approx(2 / 3)
    assert s["y"]["mean"] == 2.0
    assert s["z"]["n"] == 0 and s["z"]["valid_fraction"] == 0 and np.isnan(s["z"]["mean"])
    r = monte_carlo(lambda p: {"y": np.where(p["a"] > 500, np.nan, p["a"])}, SPECS, 200)
    row = r.summary().loc["y"]
    assert 0 < row["valid_fraction"] < 1 and row["n"] == np.isfinite(r.outputs["y"]).sum()


def test_output_patterns_and_grid_checked():
    with pytest.raises(InputError, match=r"^outputs='y': must be a list of output names"):
        monte_carlo(linear, SPECS, 10, outputs="y")
    with pytest.raises(
        InputError, match=r"^outputs=\['yy'\]: 'yy' matches no model output; outputs: y, pos"
    ):
        monte_carlo(linear, SPECS, 10, outputs=["yy"])
    with pytest.raises(InputError, match=r"^grid=None: must be a non-empty mapping"):
        sweep(linear, None)
    with pytest.raises(InputError, match=r"^x=nan: must be a finite number"):
        sweep(lambda p: {"y": p["x"]}, {"x": [1.0, np.nan]})


def test_a_run_larger_than_memory_is_refused_before_it_starts(monkeypatch):
    """With 1 MB of memory: two float64 inputs take 16 bytes per sample, so 100,000
    samples need 1.6 MB before any chunk is drawn; at 50,000 samples the inputs fit
    (0.8 MB) but with the model's two float64 outputs (32 bytes per sample, 1.6 MB) the
    first chunk is refused before the results are allocated. Before, a huge n hung
    while spawning seeds or was killed when the memory ran out."""
    from orbitcompute.analysis import montecarlo

    monkeypatch.setattr(montecarlo, "_physical_memory_bytes", lambda: 1_000_000)
    calls = []

    def model(p):
        calls.append(1)
        return {"y": p["a"] + p["b"], "z": p["a"]}

    specs = {k: {"dist": "uniform", "low": 0, "high": 1} for k in ("a", "b")}
    with pytest.raises(
        InputError,
        match=r"^n=100000: the sampled inputs would take 0.0016 GB \(16 bytes per sample\), more "
        r"than this machine's 0.001 GB of memory",
    ):
        monte_carlo(model, specs, 100_000, progress=False)
    assert calls == []
    with pytest.raises(
        InputError, match=r"^n=50000: the inputs and outputs of every sample .*\(32 "
    ):
        monte_carlo(model, specs, 50_000, chunk_size=1_000, progress=False)
    assert calls == [1]
    assert monte_carlo(model, specs, 20_000, progress=False).outputs["y"].shape == (20_000,)


def test_a_server_that_is_no_dask_scheduler_is_an_input_error():
    """A web server at the address answers with text; distributed read its first 8 bytes
    ('HTTP/1.1') as a frame length and tried to allocate 3 EiB (a MemoryError traceback)."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer():  # every connection: the check's plain socket, then the Client's
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed at the end of the test
                return
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n" * 4)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        with pytest.raises(
            InputError, match=rf"^scheduler='tcp://127\.0\.0\.1:{port}': something listens there"
        ):
            monte_carlo(linear, SPECS, 10, engine="dask", scheduler=f"tcp://127.0.0.1:{port}")
    finally:
        server.close()


def test_a_placement_named_none_is_refused():
    """'none' is the key of the share with no feasible placement: a placement of that
    name was overwritten (P = 0 for every placement, the values summing to 0)."""
    with pytest.raises(InputError, match=r"^costs: a placement is named 'none'"):
        probability_cheapest({"none": np.array([1.0, 2.0]), "b": np.array([np.nan, np.nan])})


@pytest.mark.parametrize(
    "flags",
    [np.array(["no", "no"]), np.array([np.nan, 0.0]), np.array([0.5, 0.0]), np.array([1, 0])],
)
def test_feasible_flags_must_be_booleans(flags):
    """Any truthy value (the text 'no', NaN, 0.5) used to count as feasible."""
    costs = {"a": np.array([1.0, 3.0]), "b": np.array([2.0, 1.0])}
    with pytest.raises(InputError, match=r"^feasible\['a'\]=.*: must be booleans"):
        probability_cheapest(costs, {"a": flags})
    with pytest.raises(InputError, match=r"^feasible=\[True\]: must be a mapping"):
        probability_cheapest(costs, [True])
    assert probability_cheapest(costs, {"a": np.array([False, True])}) == {
        "a": 0.0,
        "b": 1.0,
        "none": 0.0,
    }


def test_summary_of_values_near_the_float64_limit():
    """[1e308, 1e308]: mean 1e308, std 0 (the sum overflowed: mean and std inf).
    [1e300, -1e300, 1e300]: mean 1e300 / 3; deviations (2/3, -4/3, 2/3) 1e300, so
    std = sqrt((4/9 + 16/9 + 4/9) / 2) 1e300 = sqrt(4/3) 1e300 (the squares overflowed).
    [1e-200, 3e-200]: std = sqrt(2) 1e-200 (the squares underflowed to 0).
    [1.5e308, -1.5e308]: std = sqrt(2) 1.5e308 is above 1.8e308: an InputError."""
    s = summarize({"y": np.array([1e308, 1e308])})["y"]
    assert_allclose([s["mean"], s["std"], s["sem"], s["p50"]], [1e308, 0.0, 0.0, 1e308])
    s = summarize({"y": np.array([1e300, -1e300, 1e300])})["y"]
    assert_allclose([s["mean"], s["std"]], [1e300 / 3, np.sqrt(4 / 3) * 1e300], rtol=1e-14)
    assert_allclose(s["sem"], s["std"] / np.sqrt(3), rtol=1e-14)
    s = summarize({"y": np.array([1e-200, 3e-200])})["y"]
    assert_allclose([s["mean"], s["std"]], [2e-200, np.sqrt(2) * 1e-200], rtol=1e-14)
    with pytest.raises(InputError, match=r"^values\['y'\]: the standard deviation"):
        summarize({"y": np.array([1.5e308, -1.5e308])})


def test_percentile_keys_are_exact():
    """99.99999 was labelled p100 and 2.5 / 2.500001 shared one key (a value lost).
    Linear interpolation on 0..99: the q-th percentile is 99 q / 100."""
    s = summarize({"y": np.arange(100.0)}, [2.5, 2.500001, 99.99999, 50])["y"]
    assert_allclose(
        [s["p2.5"], s["p2.500001"], s["p99.99999"], s["p50"]],
        [2.475, 99 * 2.500001 / 100, 99 * 99.99999 / 100, 49.5],
        rtol=1e-12,
    )
    assert "p100" not in s


@pytest.mark.parametrize("size", ["5", float("nan"), float("inf"), 2.5, 0, True])
def test_chunk_size_checked_before_the_run(size):
    calls = []

    def model(p):
        calls.append(1)
        return linear(p)

    with pytest.raises(InputError, match=r"^chunk_size=.*: must be a whole number >= 1, or None"):
        monte_carlo(model, SPECS, 10, chunk_size=size)
    with pytest.raises(InputError, match=r"^chunk_size=.*: must be a whole number >= 1, or None"):
        sweep(model, {"a": [1.0, 2.0, 3.0]}, chunk_size=size)
    assert calls == []


def test_too_many_chunks_refused_before_seeds_are_spawned(monkeypatch):
    """2e8 samples in chunks of 10 would be 2e7 chunks (and 2e7 spawned seeds): at most
    MAX_CHUNKS = 100,000, so chunks of at least 2e8 / 1e5 = 2,000 samples."""
    from orbitcompute.analysis import montecarlo
    from orbitcompute.analysis.engines import MAX_CHUNKS

    monkeypatch.setattr(montecarlo, "_physical_memory_bytes", lambda: 10**12)

    assert MAX_CHUNKS == 100_000
    with pytest.raises(
        InputError,
        match=r"^chunk_size=10: 200,000,000 samples in chunks of 10 would be 20,000,000 "
        r"chunks, more than 100,000 .*use chunk_size >= 2,000$",
    ):
        monte_carlo(linear, {"a": SPECS["a"]}, 2 * 10**8, chunk_size=10)
    assert len(chunk_bounds(10**6, 10)) == MAX_CHUNKS


def test_model_progress_and_grid_keys_checked():
    with pytest.raises(InputError, match=r"^model=5: must be a function"):
        monte_carlo(5, SPECS, 10)
    with pytest.raises(InputError, match=r"^model=5: must be a function"):
        sweep(5, {"a": [1.0]})
    with pytest.raises(InputError, match=r"^progress='no': must be True, False or None"):
        monte_carlo(linear, SPECS, 10, progress="no")
    with pytest.raises(InputError, match=r"^grid: keys 1 and '1' both name the parameter '1'"):
        sweep(lambda p: {"y": p["1"]}, {1: [1.0, 2.0], "1": [3.0, 4.0]})


def test_run_result_extra_metadata_must_be_a_mapping(tmp_path):
    """``{**metadata, **[1]}`` was a raw TypeError; nothing is written."""
    res = monte_carlo(lambda p: {"y": p["a"]}, {"a": {"dist": "uniform", "low": 0, "high": 1}}, 4)
    with pytest.raises(InputError, match=r"^extra_metadata=\[1\]: must be a mapping"):
        res.to_parquet(tmp_path / "r.parquet", [1])
    assert not (tmp_path / "r.parquet").exists()


def test_chunks_too_small_for_a_correlation_are_refused_before_the_run():
    """Two correlated inputs need 2 + 2 = 4 samples per chunk; n = 10 in chunks of 2 is
    refused before any model call (it said "n=2 ... per chunk" from inside the run)."""
    calls = []

    def model(p):
        calls.append(1)
        return {"y": p["a"] + p["b"]}

    u = {"dist": "uniform", "low": 0, "high": 1}
    with pytest.raises(InputError, match=r"^chunk_size=2: splits n=10 into chunks of 2 .*>= 5"):
        monte_carlo(model, {"a": u, "b": u}, 10, correlation={("a", "b"): 0.5}, chunk_size=2)
    assert calls == []


def _counting_model():
    calls = []

    def model(p):
        calls.append(len(p["a"]))
        return {"y": p["a"]}

    return model, calls


UNIT = {"a": {"dist": "uniform", "low": 0, "high": 1}}


def test_the_run_records_exactly_its_documented_keys():
    from orbitcompute.analysis.montecarlo import MC_RECORDED, SWEEP_RECORDED

    assert set(monte_carlo(linear, SPECS, 10).metadata) == set(MC_RECORDED)
    assert set(sweep(lambda p: {"y": p["a"]}, {"a": [1.0]}).metadata) == set(SWEEP_RECORDED)


@pytest.mark.parametrize("key", ["seed_entropy", "chunk_size", "distributions", "n"])
def test_metadata_may_not_overwrite_the_run_record(key):
    """metadata={'seed_entropy': 99} replaced the seed in the record (and the Parquet file)
    with one that did not make the samples; refused before any sample is drawn."""
    model, calls = _counting_model()
    with pytest.raises(
        InputError, match=rf"^metadata=\{{'{key}': 99\}}: '{key}' is recorded by the run itself"
    ):
        monte_carlo(model, UNIT, 100, seed=3, metadata={key: 99})
    with pytest.raises(InputError, match=r"^metadata=\{'parameters': 1\}: 'parameters' is rec"):
        sweep(model, {"a": [1.0, 2.0]}, metadata={"parameters": 1})
    assert calls == []
    r = monte_carlo(model, UNIT, 100, seed=3, metadata={"scenario": "s"})
    assert r.metadata["seed_entropy"] == 3 and r.metadata["scenario"] == "s"


def test_metadata_not_a_mapping_is_refused_before_the_run():
    """metadata=[1] raised a raw TypeError after all the samples were computed."""
    model, calls = _counting_model()
    for run in (
        lambda: monte_carlo(model, UNIT, 100, metadata=[1]),
        lambda: sweep(model, {"a": [1.0]}, metadata=[1]),
    ):
        with pytest.raises(InputError, match=r"^metadata=\[1\]: must be a mapping"):
            run()
    assert calls == []


def test_extra_metadata_may_not_overwrite_the_run_record(tmp_path):
    r = monte_carlo(linear, SPECS, 10, seed=4)
    with pytest.raises(InputError, match=r"^extra_metadata=\{'seed_entropy': 5\}: 'seed_entr"):
        r.to_parquet(tmp_path / "r.parquet", {"seed_entropy": 5})


def test_a_spawned_seed_sequence_reruns_from_the_metadata(tmp_path):
    """Only the entropy (5) was recorded, not the spawn key (1,), so seed=5 gave other
    samples; SeedSequence(seed_entropy, spawn_key=seed_spawn_key), read back from the
    Parquet file, gives the same ones."""
    ss = np.random.SeedSequence(5).spawn(2)[1]
    r = monte_carlo(linear, SPECS, 50, seed=ss, chunk_size=20)
    assert r.metadata["seed_entropy"] == 5 and r.metadata["seed_spawn_key"] == [1]
    meta = read_parquet(r.to_parquet(tmp_path / "s.parquet"))[1]
    again = monte_carlo(
        linear,
        meta["distributions"],
        meta["n"],
        seed=np.random.SeedSequence(meta["seed_entropy"], spawn_key=meta["seed_spawn_key"]),
        chunk_size=meta["chunk_size"],
        method=meta["method"],
    )
    for k in r.inputs:
        assert_array_equal(again.inputs[k], r.inputs[k])
    assert monte_carlo(linear, SPECS, 10, seed=7).metadata["seed_spawn_key"] == []
    with pytest.raises(InputError, match=r"^seed=SeedSequence\(pool_size=8\): only the default"):
        monte_carlo(linear, SPECS, 10, seed=np.random.SeedSequence(1, pool_size=8))


def test_cluster_options_with_the_local_engine_are_refused():
    """They were silently ignored (scheduler= was already refused)."""
    from orbitcompute.analysis import map_chunks

    model, calls = _counting_model()
    opts = {"n_workers": 8, "bogus_option": 1}
    message = r"^cluster_options=\{'n_workers': 8, 'bogus_option': 1\}: only used with engine="
    with pytest.raises(InputError, match=message):
        monte_carlo(model, UNIT, 10, cluster_options=opts)
    with pytest.raises(InputError, match=message):
        sweep(model, {"a": [1.0]}, cluster_options=opts)
    with pytest.raises(InputError, match=message):
        map_chunks(model, [], cluster_options=opts)
    with pytest.raises(InputError, match=r"^cluster_options=5: must be a mapping"):
        monte_carlo(model, UNIT, 10, engine="dask", cluster_options=5)
    assert calls == []
    assert monte_carlo(model, UNIT, 10, cluster_options={}).n == 10


@pytest.mark.parametrize(
    ("values", "got"),
    [(np.arange(4.0).reshape(2, 2), r"an array of shape \(2, 2\)"), (3.0, "a single value")],
)
def test_sweep_refuses_a_design_that_is_not_1d(values, got):
    """A (2, 2) array was flattened into 4 design points."""
    model, calls = _counting_model()
    with pytest.raises(InputError, match=rf"^grid=\{{'a': \.\.\.\}}: must be a 1-D array.*{got}"):
        sweep(model, {"a": values})
    assert calls == []


# --- a scenario's Monte Carlo (s27): what it replaces, and which input it blames --------

_TWO_SITES = (
    MINI_TOML.replace(
        'launch_vehicle = "starship"\n', 'launch_vehicle = "starship"\ndevelopment_years = 7\n'
    )
    + """[[terrestrial]]
name = "abilene"
site = "abilene_tx"
[[terrestrial]]
name = "reno"
site = "reno_nv"
[uncertainty]
"abilene.grid_wait_years" = { dist = "triangular", low = 0.0, mode = 0.0, high = 2.0 }
"memphis.grid_wait_years" = { dist = "triangular", low = LOW, mode = 0.0, high = 1.0 }
grid_wait_years = { dist = "uniform", low = 0.0, high = 1.0 }
development_years = { dist = "triangular", low = 1.75, mode = 2.0, high = 5.0 }
"""
)


def _two_sites(low: float) -> object:
    import tomllib

    from orbitcompute.scenario import parse

    return parse(tomllib.loads(_TWO_SITES.replace("LOW", str(low))), "two.toml")


def test_a_comparison_records_the_block_values_its_samples_replace():
    """development_years = 7 in a block was replaced by [uncertainty]'s 1.75-5 yr without
    a word (compare: infeasible; sweep: feasible in some samples). The result's metadata
    names the block values the samples replace (not the catalog defaults)."""
    from orbitcompute.analysis import monte_carlo_comparison

    sc = _two_sites(0.0)
    res = monte_carlo_comparison(sc, 20, progress=False)
    assert res.metadata["replaced_block_values"] == {"dd.development_years": 7}
    only = monte_carlo_comparison(sc, 20, candidates=["memphis", "reno"], progress=False)
    assert only.metadata["replaced_block_values"] == {}


def test_a_refused_sample_names_only_the_keys_that_reach_the_placement():
    """low = -3 for memphis.grid_wait_years named every *.grid_wait_years key ("...,
    memphis.grid_wait_years, abilene.grid_wait_years, ... (7 keys)") while only memphis's
    samples were bad; the bare key (reno's), shadowed for memphis by its own, is not named
    either."""
    from orbitcompute.analysis import monte_carlo_comparison

    with pytest.raises(InputError) as exc:
        monte_carlo_comparison(_two_sites(-3.0), 200, progress=False)
    assert str(exc.value).startswith(
        "two.toml: [uncertainty] memphis.grid_wait_years: a sampled value is outside what "
        "the model allows ([terrestrial.memphis] grid_wait_years=-"
    ), str(exc.value)


def test_progress_bar_by_default_only_on_a_terminal_and_for_several_chunks(monkeypatch):
    """progress=None: a bar only when stderr is a terminal and there is more than one
    chunk; True or False as told."""
    import io
    import sys

    from orbitcompute.analysis.engines import progress_enabled

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert [progress_enabled(None, 5), progress_enabled(True, 5)] == [False, True]
    monkeypatch.setattr(sys, "stderr", Tty())
    assert [progress_enabled(None, 5), progress_enabled(None, 1)] == [True, False]
    assert progress_enabled(False, 5) is False


def test_a_tie_for_cheapest_goes_to_the_placement_listed_first():
    """By hand: samples 1 and 3 tie (2.0 against 2.0, 5.0 against 5.0), sample 2 has b
    cheaper; each tie goes to the one listed first, so a, b in that order gives a 2/3,
    b 1/3, and listed b, a gives b 1. The sweep command's note says so."""
    from orbitcompute.analysis.montecarlo import probability_cheapest
    from orbitcompute.cli.sweep import COST_NOTE

    a, b = np.array([2.0, 4.0, 5.0]), np.array([2.0, 3.0, 5.0])
    first = probability_cheapest({"a": a, "b": b})
    assert_allclose([first["a"], first["b"], first["none"]], [2 / 3, 1 / 3, 0.0])
    other = probability_cheapest({"b": b, "a": a})
    assert_allclose([other["b"], other["a"]], [1.0, 0.0])
    assert "a tie goes to the placement listed first" in " ".join(COST_NOTE.split())
