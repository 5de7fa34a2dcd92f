"""Tests for orbitcompute.power: published hardware, hand calculations, properties."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from orbitcompute import InputError, catalog, power
from orbitcompute.constants import STEFAN_BOLTZMANN_W_PER_M2_K4

# A simple, fully specified array for hand calculations: no temperature effect.
SIMPLE = {
    "cell_efficiency": 0.30,
    "packing_factor": 0.9,
    "inherent_degradation": 0.9,
    "degradation_per_year": 0.025,
    "temperature_coefficient_per_k": 0.0,
    "areal_density_kg_per_m2": 2.0,
    "specific_energy_wh_per_kg": 120.0,
    "discharge_efficiency": 0.9,
}


# --------------------------------------------------------------------------- catalogs


def test_iss_saw_specific_power_from_catalog() -> None:
    """ISS SAW: 31 kW / 1,100 kg = 28.2 W/kg (Nanjangud's ISS table; NASA STS-120 kit)."""
    rec = catalog.get("solar_arrays", "iss_saw")
    assert_allclose(rec["power_w"] / rec["mass_kg"], 28.2, rtol=2e-3)
    assert_allclose(rec["specific_power_w_per_kg"], 28.2, rtol=2e-3)


def test_irosa_specific_power_from_catalog() -> None:
    """iROSA wing: 20 kW / 340 kg = 58.8 W/kg; 340 kg / (18.3 m x 6 m) = 3.10 kg/m2."""
    rec = catalog.get("solar_arrays", "irosa")
    assert_allclose(rec["power_w"] / rec["mass_kg"], 58.8, rtol=2e-3)
    assert_allclose(rec["specific_power_w_per_kg"], 58.8, rtol=2e-3)
    assert_allclose(rec["areal_density_kg_per_m2"], 340 / (18.3 * 6.0), rtol=2e-3)


def test_catalog_rows_internally_consistent() -> None:
    """Heritage rows: W/kg = power/mass and kg/m2 = mass/area (5 %). Class rows:
    areal density = 1361 * eta * packing * I_d / specific power (1 %), how they were derived."""
    df = catalog.load("solar_arrays")
    for name, row in df.iterrows():
        if np.isfinite(row["power_w"]) and np.isfinite(row["mass_kg"]):
            assert_allclose(row["specific_power_w_per_kg"], row["power_w"] / row["mass_kg"], 0.05)
            assert_allclose(row["areal_density_kg_per_m2"], row["mass_kg"] / row["area_m2"], 0.05)
        else:
            w_per_m2 = (
                1361 * row["cell_efficiency"] * row["packing_factor"] * row["inherent_degradation"]
            )
            (
                assert_allclose(
                    row["areal_density_kg_per_m2"], w_per_m2 / row["specific_power_w_per_kg"], 0.01
                ),
                name,
            )
    for name in ("iss_saw", "irosa"):
        r = catalog.get("solar_arrays", name)
        rated = 1361 * r["cell_efficiency"] * r["packing_factor"] * r["area_m2"]
        assert_allclose(rated, r["power_w"], rtol=0.01)


def test_battery_catalog_ranges() -> None:
    df = catalog.load("batteries")
    assert (df["depth_of_discharge"] > df["depth_of_discharge_high_cycle"]).all()
    assert (df["cycle_life_high_cycle"] > df["cycle_life"]).all()
    assert_allclose(
        catalog.value("batteries", "saft_ves180_cell", "specific_energy_wh_per_kg"), 160
    )


# --------------------------------------------------------------------------- low level


def test_degradation_5_and_10_years() -> None:
    """(1 - 0.025)^5: 0.975^2 = 0.950625, ^4 = 0.903687890625, ^5 = 0.881095693359375;
    ^10 = 0.881095693359375^2 = 0.776329620856. With 3.75 %/yr: 0.9625^2 = 0.92640625,
    ^4 = 0.858228540, ^5 = 0.826044970."""
    assert_allclose(power.degradation_factor(0.025, [5, 10]), [0.881095693359, 0.776329620856])
    assert_allclose(power.degradation_factor(0.0375, 5), 0.826044970, rtol=1e-8)
    assert_allclose(power.degradation_factor(0.025, 0), 1.0)


def test_eclipse_geometry_matches_research_values() -> None:
    """Cylindrical shadow at 650 km: f_E(beta=0) = 0.362 and beta* = 65.2 deg; the dawn-dusk
    SSO's June beta of 58.6 deg gives about 19.6 min (research notes, skyfield check)."""
    assert_allclose(1 - power.sunlit_fraction(650, 0), 0.362, atol=1e-3)
    assert_allclose(power.eclipse_duration_s(650, 58.6) / 60, 19.6, atol=0.3)
    assert power.eclipse_duration_s(650, 65.3) == 0.0
    assert_allclose(power.orbital_period_s(650) / 60, 97.7, atol=0.1)


def test_sun_distance_perihelion_aphelion() -> None:
    """Perihelion early January (0.9833 au), aphelion early July (1.0167 au)."""
    r = power.sun_distance_au_from_day([3.0, 185.0])
    assert_allclose(r, [0.9833, 1.0167], atol=2e-4)
    assert_allclose(power.solar_flux_w_per_m2(1.0167), 1361 / 1.0167**2)


def test_cell_temperature_hand_calculation() -> None:
    """alpha = 0.9, eta = 0.3, S = 1361, eps = 0.85 both faces, no temperature coefficient:
    (0.9 - 0.3) * 1361 = 816.6 W/m2 = 2 * 0.85 * 5.670374e-8 * T^4 -> T = 303.38 K."""
    t = power.cell_temperature_k(1361, 0.3, 0.0, 0.9, 0.85)
    assert_allclose(t, 303.38, atol=0.01)
    # Closure: with a temperature coefficient the balance still holds at the returned T.
    t2 = power.cell_temperature_k(1361, 0.3, -0.002, 0.9, 0.85)
    eta = 0.3 * (1 - 0.002 * (t2 - 301.15))
    assert_allclose((0.9 - eta) * 1361, 2 * 0.85 * STEFAN_BOLTZMANN_W_PER_M2_K4 * t2**4, rtol=1e-9)
    # Fixed array at 60 deg is colder than a tracking one.
    assert power.cell_temperature_k(1361, 0.3, -0.002, 0.9, 0.85, np.cos(np.pi / 3)) < t2


def test_cell_temperature_closes_the_balance_on_a_grid_and_where_output_stops() -> None:
    """The balance alpha q = 2 eps sigma T^4 + eta(T) q holds at the returned T to 1e-12
    on a grid of fluxes, degradations and coefficients (eta clipped at 0 where the cell
    is above 301.15 + 1/0.005 = 501 K: the three 5-sun cells with gamma = -0.005/K,
    (0.9 * 6805 / 9.6396e-8)^(1/4) = 502 K and up), and where the
    cell is too hot to produce (gamma = -0.02/K, 5 suns: eta(T) < 0 unclipped) the output
    is 0 and T = (alpha q / (2 eps sigma))^(1/4) = (0.9 * 6805 / 9.6396e-8)^(1/4)
    = 502.0 K (the clipped fixed point), in the same call as cells that do produce."""
    q = np.array([200.0, 700.0, 1361.0, 1400.0, 1361.0 * 5])[:, None, None]
    ld = np.array([0.3, 0.8, 1.0])[None, :, None]
    gam = np.array([0.0, -0.002, -0.005])[None, None, :]
    t = power.cell_temperature_k(q, 0.3, gam, 0.9, 0.85, lifetime_degradation=ld)
    eta = np.maximum(0.3 * ld * (1 + gam * (t - 301.15)), 0.0)  # no output above 501 K
    assert np.sum(eta == 0.0) == 3  # at 5 suns with gamma = -0.005/K: the clipped path
    sink = 2 * 0.85 * STEFAN_BOLTZMANN_W_PER_M2_K4
    assert_allclose(0.9 * q - eta * q, sink * t**4, rtol=1e-12)
    hot = power.cell_temperature_k([1361.0, 1361.0 * 5], 0.3, -0.02, 0.9, 0.85)
    assert_allclose(hot[1], (0.9 * 1361.0 * 5 / sink) ** 0.25, rtol=1e-12)
    assert_allclose(hot[1], 502.0, atol=0.1)
    eta0 = 0.3 * (1 - 0.02 * (hot[0] - 301.15))
    assert_allclose((0.9 - eta0) * 1361.0, sink * hot[0] ** 4, rtol=1e-12)


def test_cell_temperature_is_the_largest_root_of_the_clipped_balance() -> None:
    """Reference: scipy's brentq on the clipped balance
    g(T) = 2 eps sigma T^4 + clip(eta(T), 0, 0.999 alpha) q - alpha q - Q_env, at the
    largest sign change found scanning down from the no-output temperature (the steady
    state reached from the hot, no-output state). A steep gamma gives several roots:
    at gamma = -0.02/K, eta 0.5, alpha 0.92, eps 0.9, Q_env 300 W/m2 they are 233.08,
    290.56 and 351.16 K, and a Newton start on the cold side found 290.56 K (an unstable
    one); with the output capped (gamma = -0.02, eta 0.3, eps 1) the only root is
    57.33 K, where a clipped fixed point stopped at 235.04 K, 69 W/m2 off the balance."""
    from scipy.optimize import brentq

    sigma = STEFAN_BOLTZMANN_W_PER_M2_K4

    def reference(q, eta28, gam, alpha, eps, q_env, ld):
        sink = 2 * eps * sigma

        def g(t):
            eta = np.clip(eta28 * ld * (1 + gam * (t - 301.15)), 0.0, 0.999 * alpha)
            return sink * t**4 + eta * q - alpha * q - q_env

        t0 = ((alpha * q + q_env) / sink) ** 0.25
        grid = np.linspace(t0, 1e-3, 20001)
        v = g(grid)
        if abs(v[0]) <= 1e-12 * (alpha * q + q_env):  # no output at T0: T0 is the root
            return t0
        i = int(np.argmax(np.sign(v[1:]) != np.sign(v[0])))
        return brentq(g, grid[i + 1], grid[i], xtol=1e-13, rtol=1e-15)

    assert_allclose(
        power.cell_temperature_k(1361, 0.5, -0.02, 0.92, 0.9, 1.0, 300.0), 351.164, atol=1e-3
    )
    assert_allclose(power.cell_temperature_k(1361, 0.3, -0.02, 0.9, 1.0), 57.328, atol=1e-3)
    rng = np.random.default_rng(7)
    n = 400
    cases = np.column_stack(
        [
            10 ** rng.uniform(1.0, 4.5, n),  # flux 10 W/m2 to 30 suns
            rng.uniform(0.05, 0.6, n),  # eta_28
            -(10 ** rng.uniform(-4, np.log10(0.02), n)),  # gamma to -0.02/K
            rng.uniform(0.65, 0.95, n),  # alpha
            rng.uniform(0.3, 1.0, n),  # eps
            rng.choice([0.0, 50.0, 300.0], n),  # Q_env
            rng.uniform(0.0, 1.0, n),  # L_d
        ]
    )
    cases[:, 1] = np.minimum(cases[:, 1], cases[:, 3] - 0.01)  # eta_28 < alpha
    q, eta28, gam, alpha, eps, q_env, ld = cases.T
    t = power.cell_temperature_k(q, eta28, gam, alpha, eps, 1.0, q_env, ld)
    ref = np.array([reference(*row) for row in cases])
    assert_allclose(t, ref, rtol=1e-12)


def test_degraded_cell_runs_warmer_hand_calculation() -> None:
    """A degraded cell absorbs the same sunlight but converts less (Fortescue et al. 2011,
    sec. 11.3 balance; SMAD L_d). gamma = 0, alpha = 0.9, eta_28 = 0.3, L_d = 0.5,
    eps = 0.85 both faces: (0.9 - 0.3 * 0.5) * 1361 = 1020.75 W/m2 = 2 * 0.85 * sigma T^4
    -> T = (1020.75 / 9.6396e-8)^(1/4) = 320.785 K (303.38 K at L_d = 1). With a
    temperature coefficient the balance closes at the returned T with
    eta = 0.3 * 0.881 * (1 - 0.002 (T - 301.15))."""
    t = power.cell_temperature_k(1361, 0.3, 0.0, 0.9, 0.85, lifetime_degradation=0.5)
    assert_allclose(t, 320.785, atol=1e-3)
    t2 = power.cell_temperature_k(1361, 0.3, -0.002, 0.9, 0.85, lifetime_degradation=0.881)
    eta = 0.3 * 0.881 * (1 - 0.002 * (t2 - 301.15))
    assert_allclose((0.9 - eta) * 1361, 2 * 0.85 * STEFAN_BOLTZMANN_W_PER_M2_K4 * t2**4, rtol=1e-9)
    with pytest.raises(InputError, match=r"^lifetime_degradation=1\.2: must be in \[0, 1\]"):
        power.cell_temperature_k(1361, 0.3, 0.0, 0.9, 0.85, lifetime_degradation=1.2)


def test_end_of_life_power_uses_the_degraded_cell_temperature() -> None:
    """The EOL output was computed at the beginning-of-life cell temperature (the
    docstring called the difference "a < 1 K effect"). Catalog triple-junction cells
    (eta 0.298, gamma -0.002/K, alpha 0.88, eps 0.80), 1361 W/m2, 10 years at 2.5 %/yr
    (L_d = 0.975^10 = 0.776330): T = 306.060 K at BOL, 314.840 K at EOL (+8.78 K; +4.81 K
    after 5 years), so the EOL power is 1 - (1 - 0.002 * 13.690) / (1 - 0.002 * 4.910)
    = 1.77 % lower: 1361 * 0.298 * 0.972620 * 0.85 * 0.9 * 0.776330 = 234.2746 W/m2
    (238.5041 with the BOL temperature)."""
    cells = (-0.002, 0.88, 0.8)
    r = power.array_power_per_m2_w(1361, 0.298, 0.85, 0.9, 0.025, 10, *cells)
    t_bol = power.cell_temperature_k(1361, 0.298, *cells)
    assert_allclose(t_bol, 306.060, atol=1e-3)
    assert_allclose(r["cell_temperature_k"], 314.840, atol=1e-3)
    assert_allclose(r["cell_temperature_k"] - t_bol, 8.78, atol=0.01)
    five = power.array_power_per_m2_w(1361, 0.298, 0.85, 0.9, 0.025, 5, *cells)
    assert_allclose(five["cell_temperature_k"] - t_bol, 4.81, atol=0.01)
    assert_allclose(r["temperature_factor"], 1 - 0.002 * (314.840 - 301.15), atol=1e-5)
    assert_allclose(r["power_per_m2_w"], 234.2746, rtol=1e-5)
    # and the sized array grows by the same 1/(1 - 0.0177)
    kw = {"cell_efficiency": 0.298, "packing_factor": 0.85, "inherent_degradation": 0.9}
    kw.update(temperature_coefficient_per_k=-0.002, cell_absorptivity=0.88, cell_emissivity=0.8)
    ten = power.size_power_system_for_eclipse(1e6, 0.0, 5700, 10, **kw)
    assert_allclose(ten["array_area_m2"], 1e6 / 0.8 / 234.2746, rtol=1e-5)


def test_too_hot_array_power_is_zero_and_flagged_never_negative() -> None:
    """gamma = -0.02/K with 5000 W/m2 of environment flux: the balance without output
    gives T = ((0.88 * 1361 + 5000) / (2 * 0.8 * sigma))^(1/4) = 511.24 K and
    1 - 0.02 (511.24 - 301.15) = -3.2 < 0. The function returned -875 W/m2 and factor -3.2
    with that temperature (computed for zero output). Now 0 W/m2, factor 0, infeasible
    with the reason; a normal element alongside is unchanged."""
    r = power.array_power_per_m2_w(
        1361, 0.298, 0.85, 0.9, 0.025, 5, -0.02, 0.88, 0.8,
        environment_absorbed_w_per_m2=[0.0, 5000.0],
    )  # fmt: skip
    t_hot = ((0.88 * 1361 + 5000) / (2 * 0.8 * STEFAN_BOLTZMANN_W_PER_M2_K4)) ** 0.25
    assert_allclose(r["cell_temperature_k"][1], t_hot, rtol=1e-12)
    assert_allclose(t_hot, 511.24, atol=0.01)
    assert r["power_per_m2_w"][1] == 0.0 and r["temperature_factor"][1] == 0.0
    assert r["feasible"].tolist() == [True, False]
    assert r["reason"][0] == "" and r["reason"][1] == "cell temperature factor <= 0 (too hot)"
    assert r["power_per_m2_w"][0] > 0


def test_a_very_cold_cell_never_delivers_more_than_it_absorbs() -> None:
    """The catalog's cell (eta 0.298, alpha 0.88, eps 0.80) with gamma = -0.02/K lit at
    cos 0.05 (87 deg): q = 0.05 * 1361 = 68.05 W/m2 and absorbed 0.88 q = 59.884 W/m2.
    The linear gamma extrapolated to a cold cell asks for an efficiency above the
    absorptivity, so the balance of cell_temperature_k caps it at 0.999 alpha: the cell
    sits at T = (0.001 * 59.884 / (2 * 0.8 * sigma))^(1/4) = 28.50 K and delivers
    0.999 * 59.884 = 59.824 W/m2 (packing and I_d 1). The power used the uncapped factor
    1 - 0.02 (28.50 - 301.15) = 6.45: 130.9 W/m2, 2.2 times the sunlight absorbed; and a
    fixed array sized with it came out 2.2 times too small."""
    r = power.array_power_per_m2_w(1361, 0.298, 1.0, 1.0, 0.0, 0.0, -0.02, 0.88, 0.8, 0.05)
    t = (0.001 * 0.88 * 68.05 / (2 * 0.8 * STEFAN_BOLTZMANN_W_PER_M2_K4)) ** 0.25
    assert_allclose(r["cell_temperature_k"], t, rtol=1e-9)
    assert_allclose(t, 28.50, atol=0.01)
    assert_allclose(r["power_per_m2_w"], 0.999 * 0.88 * 68.05, rtol=1e-12)
    assert_allclose(r["temperature_factor"], 0.999 * 0.88 / 0.298, rtol=1e-12)
    assert bool(r["feasible"])
    # with packing, I_d and degradation the cap is on the cell's own efficiency
    r = power.array_power_per_m2_w(1361, 0.298, 0.85, 0.9, 0.025, 5.0, -0.02, 0.88, 0.8, 0.05)
    assert_allclose(r["power_per_m2_w"], 0.999 * 0.88 * 68.05 * 0.85 * 0.9, rtol=1e-12)
    # the sizing follows: area = P_sa / (power per m2)
    p_sa = power.array_power_required_w(1e6, 1e6, 2000.0, 3800.0)
    s = power.size_power_system_for_eclipse(
        1e6, 2000.0, 5800.0, 0.0, pointing="fixed", incidence_deg=np.degrees(np.arccos(0.05)),
        temperature_coefficient_per_k=-0.02, packing_factor=1.0, inherent_degradation=1.0,
    )  # fmt: skip
    assert_allclose(s["array_area_m2"], p_sa / (0.999 * 0.88 * 1361 * 0.05), rtol=1e-9)


def test_end_of_life_floor_makes_a_very_long_mission_infeasible() -> None:
    """A 10,000-year mission was feasible with a 6e113 m2 array. Now a design whose array
    keeps less than MIN_END_OF_LIFE_FRACTION = 0.5 of its output is infeasible, per
    element: 0.975^27 = 0.504806 (feasible), 0.975^28 = 0.492186 (not)."""
    assert power.MIN_END_OF_LIFE_FRACTION == 0.5
    r = power.size_power_system_for_eclipse(1e6, 2000, 5700, [27.0, 28.0, 1e4])
    assert r["feasible"].tolist() == [True, False, False]
    assert_allclose(r["degradation_factor"][:2], [0.504806, 0.492186], atol=1e-6)
    assert r["reason"][0] == ""
    assert all(
        x.startswith("array keeps less than min_end_of_life_fraction") for x in r["reason"][1:]
    )
    assert np.isfinite(r["array_area_m2"][0]) and np.all(np.isnan(r["array_area_m2"][1:]))
    # the floor is a parameter (a design axis like the others)
    r = power.size_power_system_for_eclipse(
        1e6, 2000, 5700, 28.0, min_end_of_life_fraction=[0.5, 0.4]
    )
    assert r["feasible"].tolist() == [False, True]
    for bad in (1.0, -0.1):
        with pytest.raises(InputError, match=r"^min_end_of_life_fraction="):
            power.size_power_system_for_eclipse(1e6, 2000, 5700, 5, min_end_of_life_fraction=bad)


@pytest.mark.parametrize(
    ("kw", "pattern"),
    [
        (
            {"longest_eclipse_s": 6000},
            r"^longest_eclipse_s=6000: must be shorter than orbital_period_s=5700 s",
        ),
        (
            {"longest_eclipse_s": 0},
            r"^longest_eclipse_s=0: must be >= eclipse_duration_s=2000 s",
        ),
        (
            {"longest_eclipse_s": [2500, 1000]},
            r"^longest_eclipse_s=1000: must be >= eclipse_duration_s=2000 s",
        ),
        ({"eclipses_per_year": 1e5}, r"^eclipses_per_year=100000: must be <= 5536\.42"),
        ({"eclipses_per_year": 0}, r"^eclipses_per_year=0: must be > 0 where there is an eclipse"),
    ],
)
def test_eclipse_inputs_are_cross_checked(kw, pattern) -> None:
    """An eclipse longer than the orbit gave a 6.2 MWh battery; longest_eclipse_s=0 with
    a 2000 s eclipse every orbit gave no battery and feasible=True. 5700 s orbits:
    365.25 * 86400 / 5700 = 5536.42 per year, at most one eclipse each."""
    with pytest.raises(InputError, match=pattern):
        power.size_power_system_for_eclipse(1e6, 2000, 5700, 5, **kw)
    # consistent values are accepted
    r = power.size_power_system_for_eclipse(
        1e6, 2000, 5700, 5, longest_eclipse_s=2100, eclipses_per_year=2000
    )
    assert bool(r["feasible"])


def test_altitude_range_and_message_match_the_orbit_package() -> None:
    """power.eclipse_duration_s(50, 0) gave 2360.8 s while orbit.eclipse_fraction(50, 0)
    refused 50 km: both now refuse below MIN_ALTITUDE_KM = 100 km, with one message."""
    from orbitcompute.orbit import eclipse_fraction
    from orbitcompute.orbit.elements import MIN_ALTITUDE_KM

    assert power.MIN_ALTITUDE_KM == MIN_ALTITUDE_KM
    msg = r"^altitude_km=50: must be in \[100, 400000\] km$"
    for call in (
        lambda: power.eclipse_duration_s(50, 0),
        lambda: power.sunlit_fraction(50, 0),
        lambda: power.orbital_period_s(50),
        lambda: eclipse_fraction(50, 0),
    ):
        with pytest.raises(InputError, match=msg):
            call()
    assert_allclose(power.orbital_period_s(100.0), 2 * np.pi * np.sqrt(6478.137**3 / 398600.4418))


def test_smad_array_power_det_and_ppt() -> None:
    """P = 1000 W, Te = 2100 s, Td = 3600 s. PPT: (1000*2100/0.60 + 1000*3600/0.80)/3600
    = (3.5e6 + 4.5e6)/3600 = 2222.22 W. DET: (2100/0.65 + 3600/0.85)*1000/3600 = 2073.9 W."""
    assert_allclose(power.array_power_required_w(1000, 1000, 2100, 3600, "ppt"), 2222.2222)
    assert_allclose(power.array_power_required_w(1000, 1000, 2100, 3600, "det"), 2073.906, 1e-6)
    # No eclipse: only the daylight path efficiency.
    assert_allclose(power.array_power_required_w(1000, 1000, 0, 3600, "ppt"), 1250.0)


def test_dod_versus_cycles() -> None:
    """Power law through (1350, 0.90) and (27394, 0.30): k = ln 3 / ln(27394/1350) = 0.36494;
    at 15 years of LEO (82182 cycles) DoD = 0.30 * 3^(-k) = 0.30 * 0.66998 = 0.2010."""
    d = power.depth_of_discharge_for_cycles([0, 1350, 27394, 82182], 0.9, 1350, 0.3, 27394)
    assert_allclose(d, [0.9, 0.9, 0.3, 0.2010], atol=2e-4)
    assert np.all(np.diff(d) <= 0)


def test_battery_capacity_hand_calculation() -> None:
    """1000 W for 2100 s = 583.33 Wh; / (DoD 0.3 * 0.9) = 2160.49 Wh. No eclipse -> 0."""
    assert_allclose(power.battery_capacity_wh(1000, 2100, 0.3, 0.9), 2160.4938, rtol=1e-7)
    assert power.battery_capacity_wh(1000, 0.0, 0.3, 0.9) == 0.0


# --------------------------------------------------------------------------- sizing


def test_worked_sizing_example() -> None:
    """Hand calculation. Load 1000 W day and night, Te = 35 min = 2100 s, period 95 min
    (Td = 3600 s), PPT, 5 years, 1 au, tracking; cells 30 %, packing 0.9, I_d 0.9,
    2.5 %/yr, no temperature coefficient; 2.0 kg/m2; battery 120 Wh/kg, n = 0.9, DoD 0.3;
    PMAD 40 kg/kW.

    P_sa = 2222.22 W (see the SMAD test).
    P/A_EOL = 1361 * 0.30 * 0.9 * 0.9 * 0.975^5 = 330.723 * 0.8810957 = 291.3986 W/m2.
    A = 2222.22 / 291.3986 = 7.62606 m2; array mass = 15.2521 kg.
    BOL at 1 au = 7.62606 * 330.723 = 2522.11 W; EOL = 2222.22 W.
    Battery = 2160.494 Wh -> 18.0041 kg. PMAD = 40 kg. Total = 73.2562 kg.
    Specific power = 1000 / 73.2562 = 13.651 W/kg.
    """
    r = power.size_power_system_for_eclipse(
        1000, 2100, 5700, 5, depth_of_discharge=0.3, pmad_kg_per_kw=40, **SIMPLE
    )
    assert_allclose(r["array_power_required_w"], 2222.2222, rtol=1e-6)
    assert_allclose(r["array_area_m2"], 7.626056, rtol=1e-5)
    assert_allclose(r["array_mass_kg"], 15.25211, rtol=1e-5)
    assert_allclose(r["bol_power_w"], 2522.11, rtol=1e-5)
    assert_allclose(r["eol_power_w"], 2222.2222, rtol=1e-6)
    assert_allclose(r["battery_capacity_wh"], 2160.494, rtol=1e-6)
    assert_allclose(r["battery_mass_kg"], 18.00412, rtol=1e-5)
    assert_allclose(r["pmad_mass_kg"], 40.0)
    assert_allclose(r["total_mass_kg"], 73.2562, rtol=1e-5)
    assert_allclose(r["specific_power_w_per_kg"], 13.651, rtol=1e-4)
    assert bool(r["feasible"])


def test_aphelion_needs_more_array() -> None:
    """With no temperature coefficient the area scales exactly as r^2."""
    a = [
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, sun_distance_au=r, **SIMPLE)
        for r in (1.0, 1.0167)
    ]
    assert_allclose(a[1]["array_area_m2"] / a[0]["array_area_m2"], 1.0167**2)


def test_fixed_array_cosine_loss() -> None:
    """A fixed array at 60 deg incidence needs 1/cos 60 = 2x the area (no temperature term)."""
    kw = {"depth_of_discharge": 0.3, **SIMPLE}
    track = power.size_power_system_for_eclipse(1000, 2100, 5700, 5, **kw)
    fixed = power.size_power_system_for_eclipse(
        1000, 2100, 5700, 5, pointing="fixed", incidence_deg=60, **kw
    )
    assert_allclose(fixed["array_area_m2"] / track["array_area_m2"], 2.0, rtol=1e-9)
    with pytest.raises(InputError, match="incidence_deg"):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, pointing="fixed")


def test_eclipse_free_needs_no_battery_orbit_free() -> None:
    r = power.size_power_system_for_eclipse([1e3, 1e6], 0.0, 5700, 10)
    assert np.all(r["battery_capacity_wh"] == 0.0)
    assert np.all(r["battery_mass_kg"] == 0.0)
    assert np.all(r["cycles"] == 0.0)


def test_catalog_default_array_and_stowed_volume() -> None:
    """flexible_rosa_class: rated 150 W/kg; BOL specific power of the sized array stays near
    it (the cell runs a few K above 28 C here: small temperature loss); 40 kW/m3 stowed."""
    r = power.size_power_system_for_eclipse(1e6, 2100, 5700, 5)
    assert 140 < float(r["array_specific_power_w_per_kg"]) <= 150
    assert_allclose(r["stowed_volume_m3"], r["bol_power_w"] / 40000.0)
    r2 = power.size_power_system_for_eclipse(
        1e6, 2100, 5700, 5, array="rigid_triple_junction_panel"
    )
    assert "stowed_volume_m3" not in r2


def test_vectorized_monte_carlo_one_call() -> None:
    rng = np.random.default_rng(1)
    n = 1000
    r = power.size_power_system_for_eclipse(
        rng.uniform(1e5, 1e7, n),
        rng.uniform(0, 2100, n),
        5700,
        rng.uniform(1, 15, n),
        cell_efficiency=rng.uniform(0.2, 0.33, n),
        specific_energy_wh_per_kg=rng.uniform(100, 250, n),
    )
    for k in ("array_area_m2", "total_mass_kg", "battery_capacity_wh"):
        assert r[k].shape == (n,)
        assert np.all(np.isfinite(r[k]))


# --------------------------------------------------------------------------- orbits


def test_dawn_dusk_sso_650_needs_june_battery() -> None:
    """Orbit.sun_synchronous(650, 18): beta dips to ~58.6 deg at the June solstice, below
    beta* = 65.2 deg: ~19.6 min eclipses (research notes, checked with skyfield). Battery =
    load * Te / (DoD * 0.9) for that eclipse, and the array is sized on a June day."""
    from orbitcompute import orbit

    sso = orbit.Orbit.sun_synchronous(650, 18)
    r = power.size_power_system(1e6, sso, 5)
    assert_allclose(r["eclipse_duration_s"] / 60, 19.6, atol=0.5)
    assert_allclose(
        r["battery_capacity_wh"],
        1e6 * r["eclipse_duration_s"] / 3600 / (r["battery_dod"] * 0.9),
        rtol=1e-9,
    )
    assert float(r["battery_capacity_wh"]) > 0
    assert 0.3 < float(r["battery_dod"]) < 0.9
    # The worst day has an eclipse, so the array is larger than the no-eclipse daylight need.
    assert float(r["design_eclipse_duration_s"]) > 0


def test_eclipse_free_orbit_needs_no_battery() -> None:
    """Dawn-dusk SSO at 1500 km: beta* = asin(6378/7878) = 54.1 deg < the orbit's minimum
    beta of about 58 deg, so never in shadow: battery exactly zero."""
    from orbitcompute import orbit

    r = power.size_power_system([1e5, 1e6], orbit.Orbit.sun_synchronous(1500, 18), 5)
    assert np.all(r["battery_capacity_wh"] == 0.0)
    assert np.all(r["battery_mass_kg"] == 0.0)
    assert np.all(r["total_mass_kg"] > 0)


def test_geo_equinox_eclipse_and_dod() -> None:
    """GEO: ~70 min equinox eclipses (69.6 min point-Sun), ~90 per year; over 15 years
    ~1350 cycles -> the 90 % DoD anchor."""
    from orbitcompute import orbit

    r = power.size_power_system(1e6, orbit.Orbit.geostationary(), 15)
    assert_allclose(r["eclipse_duration_s"] / 60, 69.6, atol=1.5)
    assert_allclose(r["battery_dod"], 0.9, atol=0.01)


# --------------------------------------------------------------------------- properties

_fraction = st.floats(0.05, 1.0)


@settings(max_examples=40, deadline=None)
@given(
    eta=st.floats(0.05, 0.45),
    d_eta=st.floats(0.0, 0.2),
    deg=st.floats(0.0, 0.2),
    d_deg=st.floats(0.0, 0.2),
    years=st.floats(0.0, 20.0),
    gamma=st.floats(-0.005, 0.0),
    te=st.floats(0.0, 2500.0),
)
def test_more_degradation_or_lower_efficiency_never_smaller_array(
    eta: float, d_eta: float, deg: float, d_deg: float, years: float, gamma: float, te: float
) -> None:
    # the end-of-life floor (tested on its own) would turn the larger array infeasible
    base = {"temperature_coefficient_per_k": gamma, "min_end_of_life_fraction": 0.0}
    area = [
        power.size_power_system_for_eclipse(
            1e5,
            te,
            5700,
            years,
            cell_efficiency=e,
            degradation_per_year=d,
            **base,
        )["array_area_m2"]
        for e, d in ((eta, deg), (max(eta - d_eta, 0.01), deg), (eta, min(deg + d_deg, 0.5)))
    ]
    assert area[1] >= area[0] * (1 - 1e-12)
    assert area[2] >= area[0] * (1 - 1e-12)


@settings(max_examples=40, deadline=None)
@given(
    load=st.floats(1.0, 1e10),
    # no eclipse, or one of at least a microsecond: a subnormal duration (5e-324 s)
    # underflows the battery energy to exactly 0, which says nothing about the model
    te=st.one_of(st.just(0.0), st.floats(1e-6, 4000.0)),
    # up to 20 years: the catalog rows keep >= 0.5 of their output (3 %/yr: 0.97^20 = 0.54)
    years=st.floats(0.0, 20.0),
    eta_share=st.floats(0.01, 0.99),
    pf=_fraction,
    alpha=_fraction,
    eps=st.floats(0.5, 1.0),
    spec=st.floats(10.0, 1000.0),
    array=st.sampled_from(sorted(catalog.load("solar_arrays").index)),
    battery=st.sampled_from(sorted(catalog.load("batteries").index)),
)
def test_mass_positive_and_finite(
    load: float,
    te: float,
    years: float,
    eta_share: float,
    pf: float,
    alpha: float,
    eps: float,
    spec: float,
    array: str,
    battery: str,
) -> None:
    """Valid physical input: fractions in (0, 1], efficiency below absorptivity, IR
    emittance >= 0.5 (space cells and coverglass are 0.8-0.9; a near-mirror back with a
    steep temperature coefficient can overheat, which is flagged infeasible, tested below)."""
    r = power.size_power_system_for_eclipse(
        load,
        te,
        5700,
        years,
        array=array,
        battery=battery,
        cell_efficiency=eta_share * alpha,
        packing_factor=pf,
        cell_absorptivity=alpha,
        cell_emissivity=eps,
        specific_energy_wh_per_kg=spec,
    )
    assert bool(r["feasible"])
    for k in ("array_mass_kg", "pmad_mass_kg", "total_mass_kg", "array_area_m2"):
        assert np.isfinite(r[k]) and r[k] > 0, k
    assert np.isfinite(r["battery_mass_kg"]) and r["battery_mass_kg"] >= 0
    assert (r["battery_mass_kg"] > 0) == (te > 0)


def test_overheated_array_is_infeasible_not_an_error() -> None:
    """alpha = 1, eps = 0.05, gamma = -0.02/K: (1 - eta) 1361 = 2 * 0.05 sigma T^4 -> T ~ 600 K,
    1 - 0.02 (T - 301) < 0: no power. Flagged, with NaN only in the infeasible element."""
    r = power.size_power_system_for_eclipse(
        1000,
        2100,
        5700,
        5,
        cell_absorptivity=1.0,
        cell_emissivity=[0.85, 0.05],
        temperature_coefficient_per_k=-0.02,
    )
    assert list(r["feasible"]) == [True, False]
    assert r["reason"][1] and not r["reason"][0]
    assert np.isfinite(r["total_mass_kg"][0]) and np.isnan(r["total_mass_kg"][1])


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("eta", [0.0, -0.1, 1.2])
def test_bad_efficiency(eta: float) -> None:
    with pytest.raises(InputError, match=r"cell_efficiency="):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, cell_efficiency=eta)


def test_negative_load() -> None:
    with pytest.raises(InputError, match=r"load_w=-5"):
        power.size_power_system_for_eclipse(-5, 2100, 5700, 5)


@pytest.mark.parametrize("dod", [0.0, 1.5, -0.2])
def test_bad_depth_of_discharge(dod: float) -> None:
    with pytest.raises(InputError, match=r"depth_of_discharge="):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, depth_of_discharge=dod)
    with pytest.raises(InputError, match=r"depth_of_discharge="):
        power.battery_capacity_wh(1000, 2100, dod)


def test_other_bad_input() -> None:
    with pytest.raises(InputError, match="regulation"):
        power.array_power_required_w(1, 1, 1, 1, "mppt")
    with pytest.raises(InputError, match=r"^array='rosa': .*did you mean"):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, array="rosa")
    with pytest.raises(InputError, match="eclipse_duration_s"):
        power.size_power_system_for_eclipse(1000, 6000, 5700, 5)
    with pytest.raises(InputError, match="cell_efficency"):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, cell_efficency=0.3)
    with pytest.raises(InputError, match=r"cell_efficiency=0\.95: must be < cell_absorptivity"):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, cell_efficiency=0.95)
    with pytest.raises(InputError, match="method"):
        power.size_power_system(1000, None, 5, method="skyfield")


# ------------------------------------------------------------- bad input and its names


@pytest.mark.parametrize("year", [np.nan, None, "5", "2026", 1.5, 2026.5, np.inf, True, [2026]])
def test_sun_distance_year_must_be_a_whole_calendar_year(year) -> None:
    """nan/None/inf raised raw errors, "5" and 1.5 were silently read as year 5 and 1."""
    with pytest.raises(InputError, match=r"^year="):
        power.sun_distance_au_from_day(10.0, year=year)


@pytest.mark.parametrize("year", [1e300, 1899, 2101, -50000, 10**6])
def test_sun_distance_year_outside_the_formula_validity(year) -> None:
    with pytest.raises(InputError, match=r"^year=.*\[1900, 2100\]"):
        power.sun_distance_au_from_day(10.0, year=year)


def test_sun_distance_year_accepts_whole_floats_and_numpy_integers() -> None:
    want = power.sun_distance_au_from_day(185.0, year=2030)
    for y in (2030.0, np.int64(2030), np.array(2030)):
        assert float(power.sun_distance_au_from_day(185.0, year=y)) == float(want)


def test_size_power_years_none_is_reported_as_none() -> None:
    with pytest.raises(InputError, match=r"^years=None:"):
        power.size_power_system_for_eclipse(1000, 2100, 5700, None, **SIMPLE)


def test_mission_that_degrades_the_array_to_nothing_is_infeasible_not_inf() -> None:
    """(1 - 0.025)^years: at 1e300 years it underflows to 0, which asked for an
    infinite array (mass inf, EOL power NaN, yet feasible). Now: infeasible with the
    reason, the array numbers NaN only there (also with no end-of-life floor); a
    15-year sample alongside is unchanged: (0.975)^15 = 0.68388."""
    years = np.array([15.0, 1e300])
    for floor in (0.5, 0.0):
        r = power.size_power_system_for_eclipse(
            1000, 2100, 5700, years, min_end_of_life_fraction=floor, **SIMPLE
        )
        assert r["feasible"].tolist() == [True, False]
        assert r["reason"][0] == "" and r["reason"][1].startswith("array keeps less than")
    one = power.size_power_system_for_eclipse(1000, 2100, 5700, 15.0, **SIMPLE)
    assert_allclose(r["degradation_factor"][0], 0.975**15, rtol=1e-12)
    for k in ("array_area_m2", "array_mass_kg", "total_mass_kg", "eol_power_w"):
        assert np.isnan(r[k][1]), k
        assert float(r[k][0]) == float(one[k]), k
    assert not np.any(np.isinf(r["total_mass_kg"]))


def test_mission_whose_cycle_count_overflows_names_years() -> None:
    """eclipses_per_year * years beyond 1.8e308: the years are at fault."""
    with pytest.raises(InputError, match=r"^years=1e\+308: too long"):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 1e308, **SIMPLE)


@pytest.mark.parametrize(
    "call",
    [
        lambda h: power.eclipse_duration_s(h, 0.0),
        lambda h: power.orbital_period_s(h),
        lambda h: power.sunlit_fraction(h, 0.0),
    ],
)
@pytest.mark.parametrize("altitude_km", [1e300, 1e150, 400_001.0, 0.0, 50.0, 99.9, np.nan])
def test_orbit_geometry_altitude_outside_the_earth_orbit_range(call, altitude_km) -> None:
    """1e300 km gave NaN with an overflow warning ((R + h)^3): the geometry holds
    for an Earth orbit, up to MAX_ALTITUDE_KM (400,000 km, beyond the Moon)."""
    with pytest.raises(InputError, match=r"^altitude_km="):
        call(altitude_km)


def test_orbit_geometry_at_the_altitude_bound() -> None:
    """At 400,000 km: a = 406,378.137 km, T = 2 pi sqrt(a^3 / mu) = 2.5781e6 s
    (29.84 days); the Earth's shadow is a thin cylinder (beta = 0):
    f_E = asin(R / a) / pi = 0.0049961, T_e = f_E T = 12,881 s."""
    h = power.MAX_ALTITUDE_KM
    a = 6378.137 + h
    t = 2 * np.pi * np.sqrt(a**3 / 398600.4418)
    assert_allclose(power.orbital_period_s(h), t, rtol=1e-9)
    assert_allclose(power.orbital_period_s(h), 2.5781e6, rtol=1e-4)
    assert_allclose(
        power.eclipse_duration_s(h, 0.0), np.arcsin(6378.137 / a) / np.pi * t, rtol=1e-9
    )
    assert_allclose(power.eclipse_duration_s(h, 0.0), 12881.0, rtol=1e-4)


@pytest.mark.parametrize("bad", [["flexible_rosa_class"], np.array(["irosa"]), None])
def test_catalog_names_must_be_one_string(bad) -> None:
    """Lists and arrays raised TypeError (unhashable) in the catalog look-up."""
    with pytest.raises(InputError, match=r"^array="):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, array=bad)
    with pytest.raises(InputError, match=r"^battery="):
        power.size_power_system_for_eclipse(1000, 2100, 5700, 5, battery=bad)


# ------------------------------------------------------- audit fixes (2026-11-21 fuzz)

_NUMERIC_KEYS = (
    "array_area_m2",
    "array_mass_kg",
    "array_power_required_w",
    "bol_power_w",
    "eol_power_w",
    "cell_temperature_k",
    "degradation_factor",
    "design_eclipse_duration_s",
    "battery_capacity_wh",
    "total_mass_kg",
    "specific_power_w_per_kg",
)


def test_array_solar_constant_is_a_design_axis_orbit_free() -> None:
    """An array solar constant was read as the day axis: every element got the area of
    the first (825.58 m2 three times). With no temperature coefficient P/A is
    proportional to S, so the area of the worked example (7.626056 m2 at 1361 W/m2)
    scales as 1361 / S: 1300 -> 7.98390 m2, 1420 -> 7.30920 m2. Each element equals
    the scalar call, also for a 3x2 solar constant broadcast with a (3, 1) load."""
    s = np.array([1300.0, 1361.0, 1420.0])
    kw = {"depth_of_discharge": 0.3, "pmad_kg_per_kw": 40, **SIMPLE}
    r = power.size_power_system_for_eclipse(1000, 2100, 5700, 5, solar_constant_w_per_m2=s, **kw)
    assert_allclose(r["array_area_m2"], 7.626056 * 1361 / s, rtol=1e-5)
    assert_allclose(r["array_area_m2"], [7.98390, 7.626056, 7.30920], rtol=1e-5)
    for i, si in enumerate(s):
        one = power.size_power_system_for_eclipse(
            1000, 2100, 5700, 5, solar_constant_w_per_m2=si, **kw
        )
        for k in _NUMERIC_KEYS:
            assert_allclose(r[k][i], one[k], rtol=1e-12, err_msg=k)
    # Catalog array (temperature coefficient != 0), 3x2 flux broadcast with a (3, 1) load.
    s2 = np.array([[1300.0, 1340.0], [1361.0, 1380.0], [1400.0, 1420.0]])
    load = np.array([[1e5], [2e5], [3e5]])
    r2 = power.size_power_system_for_eclipse(load, 2000, 5700, 5, solar_constant_w_per_m2=s2)
    assert r2["array_area_m2"].shape == (3, 2)
    for i, j in np.ndindex(3, 2):
        one = power.size_power_system_for_eclipse(
            load[i, 0], 2000, 5700, 5, solar_constant_w_per_m2=s2[i, j]
        )
        for k in _NUMERIC_KEYS:
            assert_allclose(r2[k][i, j], one[k], rtol=1e-12, err_msg=k)


def test_array_solar_constant_is_a_design_axis_with_an_orbit() -> None:
    """size_power_system raised a raw ValueError (shapes (3,) and (365,)). A (3, 1)
    solar constant with two orbits gives (3, 2) results equal to the scalar calls, and
    a larger solar constant needs a smaller array."""
    from orbitcompute import orbit

    s = np.array([[1300.0], [1361.0], [1420.0]])
    alt = np.array([550.0, 1200.0])
    r = power.size_power_system(1e5, orbit.Orbit.circular(alt, 53), 5, solar_constant_w_per_m2=s)
    assert r["array_area_m2"].shape == (3, 2)
    assert np.all(np.diff(r["array_area_m2"], axis=0) < 0)
    for i, j in np.ndindex(3, 2):
        one = power.size_power_system(
            1e5, orbit.Orbit.circular(alt[j], 53), 5, solar_constant_w_per_m2=s[i, 0]
        )
        for k in _NUMERIC_KEYS:
            assert_allclose(r[k][i, j], one[k], rtol=1e-12, err_msg=k)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("cell_efficiency", "0.3"),
        ("cell_efficiency", None),
        ("cell_absorptivity", True),
        ("specific_energy_wh_per_kg", "200"),
        ("environment_absorbed_w_per_m2", "5"),
        ("environment_absorbed_w_per_m2", True),
        ("environment_absorbed_w_per_m2", "abc"),
        ("environment_absorbed_w_per_m2", None),
        ("environment_absorbed_w_per_m2", object()),
        ("solar_constant_w_per_m2", "1361"),
    ],
)
def test_sizing_inputs_must_be_numbers(key: str, value: object) -> None:
    """Text and booleans were converted by np.asarray(x, dtype=float) ("0.3" -> 0.3,
    True -> 1), "abc" and object() raised raw ValueError/TypeError, None gave "=nan" or
    silently fell back to the catalog value."""
    pattern = rf"^{key}=.*: must be a number"
    with pytest.raises(InputError, match=pattern):
        power.size_power_system_for_eclipse(1e5, 2100, 5700, 5, **{key: value})
    from orbitcompute import orbit

    with pytest.raises(InputError, match=pattern):
        power.size_power_system(1e5, orbit.Orbit.circular(550, 53), 5, **{key: value})


@pytest.mark.parametrize(
    "call",
    [
        lambda a, b: power.eclipse_duration_s(500 * a, 10 * b),
        lambda a, b: power.degradation_factor(0.02 * a, 5 * b),
        lambda a, b: power.array_power_required_w(a, b, 2100, 3600),
        lambda a, b: power.battery_capacity_wh(1000 * a, 2100 * b, 0.3),
        lambda a, b: power.depth_of_discharge_for_cycles(a, 0.9 * b, 1350, 0.3, 27394),
        lambda a, b: power.cell_temperature_k(1361 * a, 0.3 * b, -0.002, 0.9, 0.85),
        lambda a, b: power.array_power_per_m2_w(
            1361 * a, 0.3 * b, 0.9, 0.9, 0.02, 5, -0.002, 0.9, 0.85
        ),
        lambda a, b: power.size_power_system_for_eclipse(1e5 * a, 2100, 5700, 5 * b),
        lambda a, b: power.size_power_system_for_eclipse(
            1e5, 2100, 5700, 5, cell_efficiency=0.3 * a, solar_constant_w_per_m2=1361 * b
        ),
    ],
)
def test_arrays_that_do_not_broadcast_are_named(call) -> None:
    """Shapes (3,) and (2,) raised numpy's raw ValueError."""
    with pytest.raises(InputError, match=r"^array arguments do not broadcast together: .*\(3,\)"):
        call(np.ones(3), np.ones(2))


def test_cell_temperature_with_a_vanishing_emissivity_names_it() -> None:
    """(0.9 - 0.3) * 1361 / (2 * 1e-300 * sigma) overflows: cell_temperature_k returned
    inf with a RuntimeWarning, array_power_per_m2_w said "cell_temperature_k=inf"."""
    with pytest.raises(InputError, match=r"^cell_emissivity=1e-300: too small"):
        power.cell_temperature_k(1361.0, 0.3, -0.002, 0.9, 1e-300)
    with pytest.raises(InputError, match=r"^cell_emissivity=1e-300: too small"):
        power.array_power_per_m2_w(1361.0, 0.3, 0.9, 0.9, 0.02, 5, -0.002, 0.9, 1e-300)
    with pytest.raises(InputError, match=r"^cell_emissivity=1e-300: too small"):
        power.size_power_system_for_eclipse(1e5, 2100, 5700, 5, cell_emissivity=1e-300)


def test_overflow_from_far_too_large_inputs_is_an_input_error() -> None:
    """array_power_per_m2_w(flux_w_per_m2=1e300) returned -inf with a RuntimeWarning
    (T ~ 5.6e76 K makes the temperature factor ~ -1e74). Such a cell is far too hot to
    deliver power: 0 W/m2, reported infeasible with its reason (no warning). Where T^4
    itself overflows, the flux is named. A vanishing emissivity is not blamed for a far
    too large flux."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = power.array_power_per_m2_w(1e300, 0.3, 0.9, 0.9, 0.02, 5, -0.002, 0.9, 0.85)
        assert r["power_per_m2_w"] == 0.0 and not r["feasible"]
        assert r["reason"] == "cell temperature factor <= 0 (too hot)"
        with pytest.raises(InputError, match=r"^flux_w_per_m2=1e\+306: too large"):
            power.cell_temperature_k(1e306, 0.3, -0.002, 0.9, 0.85)
        r = power.size_power_system_for_eclipse(1e5, 2100, 5700, 5, solar_constant_w_per_m2=1e300)
        assert not r["feasible"] and r["reason"] == "cell temperature factor <= 0 (too hot)"


def test_eclipse_longer_than_the_period_message_gives_both_values() -> None:
    with pytest.raises(
        InputError, match=r"^eclipse_duration_s=6000: must be shorter than orbital_period_s=5700 s"
    ):
        power.size_power_system_for_eclipse(1e5, [2000.0, 6000.0], 5700, 5)


def test_size_power_system_unknown_argument_did_you_mean() -> None:
    """Only the _for_eclipse variant suggested the closest name."""
    from orbitcompute import orbit

    o = orbit.Orbit.circular(550, 53)
    with pytest.raises(InputError, match=r"^cel_efficiency=0\.3: .*did you mean 'cell_efficiency'"):
        power.size_power_system(1e5, o, 5, cel_efficiency=0.3)
    with pytest.raises(InputError, match=r"^regulaton='ppt': .*did you mean 'regulation'"):
        power.size_power_system(1e5, o, 5, regulaton="ppt")


def test_array_power_per_m2_outputs_share_one_shape() -> None:
    """degradation_factor stayed 0-d (and cell_temperature_k with an array packing
    factor) while power_per_m2_w was (3,). Each element equals the scalar call; with
    gamma = 0 the hand value is P/A = 1361 * 0.3 * 0.9 * 0.9 * 0.975^5 = 291.3986 W/m2."""
    eff = np.array([0.28, 0.30, 0.32])
    args = (0.9, 0.9, 0.025, 5, 0.0, 0.9, 0.85)
    r = power.array_power_per_m2_w(1361.0, eff, *args)
    assert {k: v.shape for k, v in r.items()} == dict.fromkeys(r, (3,))
    assert_allclose(r["power_per_m2_w"][1], 291.3986, rtol=1e-6)
    for i, e in enumerate(eff):
        one = power.array_power_per_m2_w(1361.0, e, *args)
        for k in r:
            if r[k].dtype.kind in "fb":
                assert_allclose(r[k][i], one[k], rtol=1e-12, err_msg=k)
            else:
                assert r[k][i] == one[k], k
    r = power.array_power_per_m2_w(1361.0, 0.3, np.array([0.8, 0.9]), *args[1:])
    assert {k: v.shape for k, v in r.items()} == dict.fromkeys(r, (2,))


@pytest.mark.parametrize("days", [1.5, 0, True, "365", None, np.nan, 36526])
def test_size_power_system_days_must_be_a_whole_number(days) -> None:
    """days=1.5 was accepted although the profile has whole days."""
    from orbitcompute import orbit

    with pytest.raises(
        InputError, match=r"^days=.*: must be a whole number of days in \[1, 36525\]"
    ):
        power.size_power_system(1e5, orbit.Orbit.circular(550, 53), 5, days=days)


def test_size_power_system_days_accepts_a_whole_float() -> None:
    from orbitcompute import orbit

    o = orbit.Orbit.circular(550, 53)
    a = power.size_power_system(1e5, o, 5, days=30.0)
    b = power.size_power_system(1e5, o, 5, days=30)
    assert float(a["array_area_m2"]) == float(b["array_area_m2"])


def test_many_lives_of_one_orbit_are_sized_on_the_days_that_can_be_the_worst(monkeypatch):
    """size_power_system for an array of mission lives that all close (one orbit, every
    other input one value) sizes them on only the days that can be the worst for some
    life of a 9-point grid (every day where some life does not close), and gives, key by
    key, exactly what each life sized alone on all 365 days gives (three orbits; lives
    0-30 years, some past the array's end-of-life floor, and 41 lives of 0-8 years)."""
    from orbitcompute import orbit

    days_sized = []
    core = power._size_core

    def spy(**kw):
        days_sized.append(np.shape(kw["eclipse_day_s"])[-1])
        return core(**kw)

    for orb in (orbit.Orbit.sun_synchronous(650.0, 18.0), orbit.Orbit.circular(550.0, 53.0),
                orbit.Orbit.circular(400.0, 97.0)):  # fmt: skip
        for lives in (np.array([0.0, 1.0, 2.37, 4.25, 9.0, 25.0, 30.0]), np.linspace(0, 8, 41)):
            monkeypatch.setattr(power, "_size_core", spy)
            days_sized.clear()
            many = power.size_power_system(1000.0, orb, lives, pmad_kg_per_kw=0.0)
            monkeypatch.setattr(power, "_size_core", core)
            alone = [power.size_power_system(1000.0, orb, y, pmad_kg_per_kw=0.0) for y in lives]
            for k in many:
                np.testing.assert_array_equal(many[k], [a[k] for a in alone], err_msg=k)
            # pruned where every life closes; lives past the end-of-life floor: every day
            closes = lives.max() <= 8.0
            assert many["feasible"].all() == closes
            assert (days_sized[-1] < 365) == closes
