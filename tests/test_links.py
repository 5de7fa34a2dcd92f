"""Tests for orbitcompute.links: link equations, optical rates, RF, catalog links."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from orbitcompute import InputError, catalog, links
from orbitcompute.constants import SPEED_OF_LIGHT_M_PER_S as C


def test_free_space_path_loss_textbook():
    """FSPL_dB = 20 log10(d_km) + 20 log10(f_MHz) + 32.45 (Maral & Bousquet 2009).

    1 km at 2.4 GHz: 0 + 67.60 + 32.45 = 100.05 dB.
    GEO 36 000 km at 12 GHz: 91.13 + 81.58 + 32.45 = 205.16 dB.
    """
    got = links.free_space_path_loss_db(np.array([1e3, 36_000e3]), C / np.array([2.4e9, 12e9]))
    assert_allclose(got, [100.05, 205.16], atol=0.02)


def test_aperture_gain_textbook():
    """G = eta (pi D / lambda)^2.

    0.9 m dish, 10 GHz (lambda = 0.02998 m), eta = 0.7: (pi*0.9/0.02998)^2 = 8.887e3,
    x0.7 = 6.221e3 -> 37.94 dBi. 10 cm telescope at 1550 nm, eta = 1:
    (pi*0.1/1.55e-6)^2 = 4.108e10 -> 106.14 dBi.
    """
    got = links.aperture_gain_db(
        np.array([0.9, 0.1]), np.array([C / 10e9, 1.55e-6]), np.array([0.7, 1.0])
    )
    assert_allclose(got, [37.94, 106.14], atol=0.01)


def test_pointing_loss_gaussian():
    """exp(-2 (e/theta)^2): e = theta/2 gives exp(-0.5) = 0.6065 -> 2.171 dB."""
    assert_allclose(links.pointing_loss_db(5e-6, 10e-6), 2.1715, atol=1e-3)
    assert_allclose(links.pointing_loss_db(0.0, 10e-6), 0.0)


def test_gaussian_beam_far_field_equals_friis():
    """Far field: Gaussian encircled power equals Friis.

    Friis with G_tx = 8/theta^2 and G_rx = (pi D/lambda)^2 (Klein & Degnan 1974).
    """
    lam, w0, d, drx = 1.55e-6, 0.04, 5e6, 0.1
    theta = links.gaussian_beam_divergence_rad(w0, lam)
    friis = links.received_power_w(
        1.0, links.gaussian_beam_gain_db(theta), links.aperture_gain_db(drx, lam), d, lam
    )
    gauss = links.gaussian_beam_received_power_w(1.0, w0, lam, d, drx)
    assert_allclose(gauss, friis, rtol=1e-4)


def test_inverse_square_law_and_cap():
    """Photon-limited rate falls as 1/d^2 in the far field; near field is terminal-capped."""
    d = np.array([1e6, 2e6, 4e6])
    r = links.crosslink_rate_vs_distance("starlink_isl_laser", d)
    ratio = r["photon_limited_rate_bps"][:-1] / r["photon_limited_rate_bps"][1:]
    assert_allclose(ratio, 4.0, rtol=1e-3)
    near = links.crosslink_rate_vs_distance("starlink_isl_laser", np.array([100.0, 1000.0]))
    assert np.all(near["capped"])
    assert_allclose(near["rate_bps"], near["max_rate_bps"])
    # beyond the crossover the rate is photon-limited and below the cap
    far = links.crosslink_rate_vs_distance("starlink_isl_laser", 3 * r["crossover_distance_m"][0])
    assert not far["capped"] and far["rate_bps"] < far["max_rate_bps"]
    assert_allclose(far["rate_bps"] / far["max_rate_bps"], 1 / 9, rtol=1e-3)


def test_dwdm_channels_share_power():
    """n channels share P_rx; total photon-limited rate is unchanged, cap scales with n."""
    one = links.optical_data_rate(1e-6, 1.55e-6, 40.0, 1, 1e11)
    eight = links.optical_data_rate(1e-6, 1.55e-6, 40.0, 8, 1e11)
    # E_ph = 1.2816e-19 J; 1e-6 / (40 E_ph) = 1.9507e11 bit/s photon-limited
    assert_allclose(one["photon_limited_rate_bps"], 1.9507e11, rtol=1e-3)
    assert_allclose(one["rate_bps"], 1e11)
    assert_allclose(eight["rate_bps"], 1.9507e11, rtol=1e-3)
    assert not eight["capped"]


def test_starlink_laser_closes_at_100_gbps():
    """Starlink ISL: 100 Gbps per link over > 5400 km (SpaceX, SPIE 2024).

    Catalog parameters (mostly estimates, see data/optical_terminals.csv) must close
    with a margin that is neither negative nor implausibly large (< 20 dB).
    """
    rec = links.optical_terminal("starlink_isl_laser")
    r = links.crosslink_rate_vs_distance("starlink_isl_laser", rec["demo_distance_m"])
    assert r["rate_bps"] >= 100e9
    assert 0.0 < r["margin_db"] < 20.0


def test_tbird_closes_at_200_gbps_to_octl():
    """TBIRD: 200 Gbps LEO-to-ground into the 1 m OCTL telescope (Schieler et al. 2023)."""
    rec = links.optical_terminal("tbird_space")
    r = links.crosslink_rate_vs_distance(
        "tbird_space", rec["demo_distance_m"], rx_terminal="octl_1m_ground"
    )
    assert_allclose(r["rate_bps"], rec["rate_bps"])
    assert 0.0 < r["margin_db"] < 20.0
    # at zenith (500 km) the margin grows by about 20 log10(1200/500) = 7.6 dB
    z = links.crosslink_rate_vs_distance("tbird_space", 500e3, rx_terminal="octl_1m_ground")
    assert_allclose(z["margin_db"] - r["margin_db"], 20 * np.log10(1200 / 500), atol=0.05)


def test_suncatcher_bench_link_800_gbps_each_way():
    """Suncatcher bench: 800 Gbps each way (1.6 Tbps total) at formation range 100-200 m."""
    r = links.crosslink_rate_vs_distance("suncatcher_bench", np.array([100.0, 200.0]))
    assert_allclose(r["rate_bps"], 800e9)
    assert np.all(r["binding"] == "terminal")
    assert_allclose(2 * r["rate_bps"], 1.6e12)


def test_dvbs2_table_thresholds():
    """ETSI EN 302 307-1 Table 13: QPSK 3/4 needs 4.03 dB; 32APSK 9/10 needs 16.05 dB."""
    r = links.dvbs2_spectral_efficiency(np.array([-3.0, 4.03, 4.5, 20.0]))
    assert list(r["modcod"]) == ["none", "qpsk_3/4", "qpsk_3/4", "32apsk_9/10"]
    assert_allclose(r["spectral_efficiency_bps_per_hz"], [0.0, 1.487473, 1.487473, 4.453027])
    assert not r["feasible"][0]


def test_rf_link_hand_calculation():
    """C/N0 = EIRP + G/T - FSPL + 228.60 dB.

    EIRP 40 dBW, G/T 30 dB/K, 1000 km at 26 GHz: FSPL = 20log10(4 pi 1e6 f / c) = 180.75 dB.
    C/N0 = 40 + 30 - 180.75 + 228.60 = 117.85 dB-Hz. Rs = 1.2e9/1.2 = 1e9 -> Es/N0 = 27.85 dB:
    top MODCOD 32APSK 9/10 -> 4.453 Gbit/s. Shannon (gap 0): 1e9 log2(1 + 10^2.785) = 9.25 Gbit/s.
    """
    r = links.rf_link(
        1e6, 26e9, 1.2e9, eirp_dbw=40.0, g_over_t_db_per_k=30.0, implementation_margin_db=0.0
    )
    assert_allclose(r["cn0_dbhz"], 117.85, atol=0.02)
    assert_allclose(r["rate_bps"], 4.453027e9, rtol=1e-6)
    s = links.rf_link(
        1e6,
        26e9,
        1.2e9,
        eirp_dbw=40.0,
        g_over_t_db_per_k=30.0,
        method="shannon",
        implementation_margin_db=0.0,
    )
    assert_allclose(s["rate_bps"], 9.25e9, rtol=2e-3)


def test_rf_terminal_catalog_link_is_vectorized():
    """Catalog Ka terminals; rate falls with distance, one call on an array of ranges."""
    sp = links.rf_terminal("ka_eess_leo_space")
    gs = links.rf_terminal("ka_gateway_ground_5m")
    r = links.rf_link(
        np.array([600e3, 1200e3, 2500e3]),
        sp["frequency_hz"],
        sp["bandwidth_hz"],
        tx_power_w=sp["tx_power_w"],
        tx_diameter_m=sp["antenna_diameter_m"],
        tx_efficiency=sp["antenna_efficiency"],
        rx_diameter_m=gs["antenna_diameter_m"],
        rx_efficiency=gs["antenna_efficiency"],
        system_noise_temperature_k=gs["system_noise_temperature_k"],
    )
    assert r["rate_bps"].shape == (3,)
    assert np.all(np.diff(r["rate_bps"]) <= 0) and r["rate_bps"][0] > 1e9


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: links.free_space_path_loss_db(-1.0, 1.55e-6), "distance_m"),
        (lambda: links.aperture_gain_db(-0.1, 1.55e-6), "diameter_m"),
        (lambda: links.received_power_w(-1.0, 0, 0, 1e3, 1.55e-6), "tx_power_w"),
        (lambda: links.optical_link(1.0, 0.1, 0.1, -5.0), "distance_m"),
        (lambda: links.optical_link(1.0, -0.1, 0.1, 5.0), "tx_diameter_m"),
        (lambda: links.optical_link(-1.0, 0.1, 0.1, 5.0), "tx_power_w"),
        (lambda: links.crosslink_rate_vs_distance("starlink_isl_laser", -1.0), "distance_m"),
        (lambda: links.aperture_gain_db(1.0, 0.01, 1.5), "efficiency"),
        (lambda: links.optical_data_rate(1e-6, 1.55e-6, 40, 2.5), "n_channels"),
    ],
)
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(InputError, match=name):
        call()


def test_catalog_rows_have_known_sources():
    src = set(catalog.sources().index)
    for kind in ("optical_terminals", "rf_terminals", "ground_sites"):
        df = catalog.load(kind)
        for sid in df["source_id"]:
            for s in str(sid).split(";"):
                assert s.strip() in src, (kind, s)
        documented = set(catalog.schema().query("kind == @kind")["column"])
        generic = {"name", "source_id", "confidence", "note"}
        assert set(df.columns) - generic <= documented, kind
