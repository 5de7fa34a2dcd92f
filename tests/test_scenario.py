"""Scenario files: every shipped scenario loads; units convert once; errors are one line."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
from _mini_scenario import MINI_TOML as _MINI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from orbitcompute import compare, scenario
from orbitcompute._paths import data_dir
from orbitcompute.errors import InputError

GIGAWATT = (data_dir() / "scenarios" / "gigawatt.toml").read_text()


@pytest.mark.parametrize("name", scenario.list_scenarios())
def test_every_shipped_scenario_loads(name):
    sc = scenario.load(name)
    assert sc.candidates
    assert sc.demand["years"] >= 1


def test_default_scenario_has_what_the_issue_asks():
    sc = scenario.load("gigawatt")
    assert sc.demand["it_power_mw"] == 1000
    assert sc.demand["accelerator"] == "gb200_nvl72"
    assert sc.demand["start_year"] == 2027 and sc.demand["years"] == 6
    kinds = [c.kind for c in sc.candidates]
    assert kinds.count("terrestrial") >= 5
    assert kinds.count("orbital") >= 3
    orbits = {c.name: c.params["orbit"] for c in sc.candidates if c.kind == "orbital"}
    assert any(o.ltan_h == 18 and float(o.altitude_km) == 650 for o in orbits.values())
    assert any(
        float(o.inclination_deg) == 53 and float(o.altitude_km) == 550 for o in orbits.values()
    )


def _with(text: str, old: str, new: str) -> dict:
    assert old in text
    return tomllib.loads(text.replace(old, new, 1))


def test_quantities_with_units_convert_once():
    """ "1 GW" -> 1000 MW; "650 km" -> 650 km; "0.2 USD/g" -> 200 USD/kg."""
    d = _with(GIGAWATT, "it_power_mw = 1000", 'it_power = "1 GW"')
    sc = scenario.parse(d, "t.toml")
    assert_allclose(sc.demand["it_power_mw"], 1000.0)
    d = _with(GIGAWATT, "altitude_km = 650, ltan_h = 18", 'altitude = "650000 m", ltan_h = 18')
    sc = scenario.parse(d, "t.toml")
    assert_allclose(float(sc.candidate("suncatcher_like_dd650").params["orbit"].altitude_km), 650)
    d = _with(
        GIGAWATT,
        "launches_per_year = 100\ndevelopment_years = 2\n\n[[orbital]]\nname = "
        '"starlink_like_550_53"',
        'launches_per_year = 100\ndevelopment_years = 2\nlaunch_price = "0.2 USD/g"\n\n'
        '[[orbital]]\nname = "starlink_like_550_53"',
    )
    sc = scenario.parse(d, "t.toml")
    assert_allclose(sc.candidate("suncatcher_like_dd650").params["launch_price_usd_per_kg"], 200)


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "years = 6 ",
            "yeers = 6 ",
            r"t.toml: \[demand\] yeers=6: unknown key; did you mean 'years'\?",
        ),
        ("years = 6 ", "years = 0 ", r"t.toml: \[demand\] years=0: must be in \[1, 50\]"),
        (
            'site = "memphis_tn"',
            'site = "memphis"',
            r"\[terrestrial.memphis\].*memphis.*did you mean 'memphis_tn'",
        ),
        (
            "satellite_it_power_kw = 100\nlaunch_vehicle",
            "satelite_it_power_kw = 100\nlaunch_vehicle",
            r"t.toml: \[orbital.suncatcher_like_dd650\] satelite_it_power_kw=100: unknown key; "
            r"did you mean 'satellite_it_power_kw'\?",
        ),
        (
            "it_power_mw = 1000",
            'it_power = "1 kg"',
            r"it_power='1 kg': must be a quantity convertible to MW",
        ),
        (
            "discount_rate = 0.08",
            "discount_rate = 1.5",
            r"\[finance\] discount_rate=1.5: must be in \[0, 1\)",
        ),
        (
            'kind = "sun_synchronous", altitude_km = 650',
            'kind = "sunsync", altitude_km = 650',
            r"orbit.kind='sunsync': must be one of .*did you mean 'sun_synchronous'",
        ),
        (
            'accelerator = "gb200_nvl72"',
            'accelerator = "gb200_nvl"',
            r"accelerator='gb200_nvl': unknown accelerator; did you mean 'gb200_nvl72'",
        ),
    ],
)
def test_errors_name_file_key_and_value(old, new, message):
    d = _with(GIGAWATT, old, new)
    with pytest.raises(InputError, match=message):
        from orbitcompute.compare import evaluate

        evaluate(scenario.parse(d, "t.toml"))


def test_unknown_table_and_missing_demand():
    with pytest.raises(InputError, match=r"\[demnd\] unknown table; did you mean 'demand'"):
        scenario.parse({"demnd": {}}, "x.toml")
    with pytest.raises(InputError, match=r"x.toml: \[demand\] is missing"):
        scenario.parse({"scenario": {"name": "x"}}, "x.toml")


def test_syntax_error_is_an_input_error(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[demand\nyears = 3\n")
    with pytest.raises(InputError, match=r"^bad.toml: TOML syntax error"):
        scenario.load(p)


# --- fuzzing: broken files give InputError, never another exception -----------------

_JUNK = st.sampled_from(
    [
        "-1",
        "0",
        "1e99",
        "nan",
        "inf",
        '"x"',
        '"12 parsecs"',
        "[1, 2]",
        "{a = 1}",
        "true",
        '""',
        "-inf",
        '"1 GW"',
        "3.5",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_scenarios_never_crash_the_loader(data):
    lines = GIGAWATT.splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["value", "delete", "key", "dup"]))
    line = lines[i]
    if action == "value" and "=" in line and not line.lstrip().startswith("#"):
        key = line.split("=", 1)[0]
        lines[i] = f"{key}= {data.draw(_JUNK)}"
    elif action == "delete":
        del lines[i]
    elif action == "key" and "=" in line:
        lines[i] = (
            data.draw(st.sampled_from(["yeers", "sitee", "altitude", "foo"]))
            + " ="
            + line.split("=", 1)[1]
        )
    else:
        lines.insert(i, lines[i])
    text = "\n".join(lines)
    try:
        d = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    try:
        sc = scenario.parse(d, "fuzz.toml")
    except InputError as exc:
        msg = str(exc)
        assert msg.startswith("fuzz.toml"), msg
        assert "\n" not in msg
        return
    assert sc.candidates


@pytest.mark.parametrize(
    "old, new",
    [("years = 6 ", "years = -6 "), ("[finance]", "[finanse]"), ('name = "memphis"', "nam = 1")],
)
def test_command_line_prints_one_line_and_exits_2(tmp_path, old, new):
    p = tmp_path / "broken.toml"
    p.write_text(GIGAWATT.replace(old, new, 1))
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", "compare", str(p)], capture_output=True, text=True
    )
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("orbitcompute: error: broken.toml"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_scenario_of_the_wrong_type_is_an_input_error():
    for bad in (None, 5):
        with pytest.raises(InputError, match=rf"^scenario={bad!r}: must be a shipped scenario"):
            scenario.load(bad)
    with pytest.raises(InputError, match=r"^data=None: must be a mapping"):
        scenario.parse(None)
    with pytest.raises(InputError, match=r"^data='gigawatt': must be a mapping"):
        scenario.parse("gigawatt")


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "launch_price_usd_per_kg = { dist",
            "launch_price_usd_kg = { dist",
            r"^t.toml: \[uncertainty\] launch_price_usd_kg=\.\.\.: no placement model has a "
            r"parameter 'launch_price_usd_kg'; did you mean 'launch_price_usd_per_kg'\?",
        ),
        (
            '"memphis.grid_wait_years" = {',
            '"memphs.grid_wait_years" = {',
            r"^t.toml: \[uncertainty\] memphs.grid_wait_years=\.\.\.: no placement 'memphs'.*"
            r"did you mean 'memphis'\?",
        ),
        (
            '"memphis.grid_wait_years" = {',
            '"memphis.grid_wait_yrs" = {',
            r"^t.toml: \[uncertainty\] memphis.grid_wait_yrs=\.\.\.: the terrestrial placement "
            r"'memphis' has no parameter 'grid_wait_yrs'; did you mean 'grid_wait_years'\?",
        ),
        (
            'cooling_quantile = { dist = "uniform", low = 0.05, high = 0.95,',
            'cooling_quantile = 0.5\nx_unused = { dist = "uniform", low = 0.05, high = 0.95,',
            r"^t.toml: \[uncertainty\] cooling_quantile=0.5: must be a table",
        ),
    ],
)
def test_uncertainty_keys_checked_when_loading(old, new, message):
    """An [uncertainty] key that reaches no placement would be sampled and ignored."""
    with pytest.raises(InputError, match=message):
        scenario.parse(_with(GIGAWATT, old, new), "t.toml")


def test_uncertainty_key_no_placement_takes():
    """launch_price_usd_per_kg is a real parameter, but of no placement of a scenario
    with only a terrestrial site."""
    d = tomllib.loads(
        '[demand]\nit_power_mw = 100\nstart_year = 2027\nyears = 5\n[[terrestrial]]\nname = "a"\n'
        'site = "memphis_tn"\n[uncertainty]\nlaunch_price_usd_per_kg = '
        '{dist = "uniform", low = 1, high = 2}\n'
    )
    with pytest.raises(
        InputError,
        match=r"^u.toml: \[uncertainty\] launch_price_usd_per_kg=\.\.\.: no placement of this "
        r"scenario takes this parameter",
    ):
        scenario.parse(d, "u.toml")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('"1/0 MW"', "division by zero"),
        ('"9**9**9 MW"', "powers of powers"),
        ('"10**400 MW"', "exponents of 100 or more"),
    ],
)
def test_runaway_quantities_are_refused(tmp_path, text, fragment):
    """pint would divide by zero, overflow a float, or never return ("9**9**9")."""
    src = (data_dir() / "scenarios" / "gigawatt.toml").read_text()
    path = tmp_path / "q.toml"
    path.write_text(src.replace("it_power_mw = 1000", f"it_power = {text}", 1))
    with pytest.raises(InputError, match=r"^q\.toml: \[demand\] it_power=") as exc:
        scenario.load(path)
    assert fragment in str(exc.value)


def test_a_missing_path_is_not_the_shipped_scenario():
    with pytest.raises(InputError, match=r"^scenario='/nonexistent/gigawatt\.toml': no such file"):
        scenario.load("/nonexistent/gigawatt.toml")
    assert scenario.load("gigawatt.toml").name == scenario.load("gigawatt").name


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "launch_price_usd_per_kg = { dist",
            "launch_vehicle = { dist",
            r"^t.toml: \[uncertainty\] launch_vehicle=\.\.\.: 'launch_vehicle' chooses by name "
            r"or table, not by number, so it cannot be sampled",
        ),
        (
            '"memphis.grid_wait_years" = {',
            '"memphis.site" = {',
            r"^t.toml: \[uncertainty\] memphis.site=\.\.\.: 'site' chooses by name",
        ),
        (
            "launch_price_usd_per_kg = { dist",
            "orbit = { dist",
            r"^t.toml: \[uncertainty\] orbit=\.\.\.: 'orbit' chooses by name",
        ),
    ],
)
def test_uncertainty_refuses_parameters_that_choose_by_name(old, new, message):
    """A site, an orbit or a launch vehicle is a choice, not a number: sampling one
    would hand the model an array of floats where it expects a name."""
    with pytest.raises(InputError, match=message):
        scenario.parse(_with(GIGAWATT, old, new), "t.toml")


def test_tornado_refuses_parameters_that_choose_by_name():
    d = _with(GIGAWATT, "[tornado]\n", "[tornado]\nmode = [1, 2]\n")
    with pytest.raises(InputError, match=r"^t.toml: \[tornado\] mode=\.\.\.: 'mode' chooses"):
        scenario.parse(d, "t.toml")


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'site = "memphis_tn"',
            'site = "memphis_tn"\npue = [1.1, 1.2]',
            r"^t.toml: \[terrestrial.memphis\] pue=\[1.1, 1.2\]: must be one number; to vary "
            r"it, use \[uncertainty\]",
        ),
        (
            "satellite_it_power_kw = 100\nlaunch_vehicle",
            "satellite_it_power_kw = { value = 100 }\nlaunch_vehicle",
            r"^t.toml: \[orbital.suncatcher_like_dd650\] satellite_it_power_kw=\{'value': 100\}: "
            r"must be one number",
        ),
        (
            'name = "memphis"',
            'name = "memphis.tn"',
            r"^t.toml: \[\[terrestrial\]\] #1 name='memphis.tn': must not contain '\.'",
        ),
        (
            'name = "memphis"',
            'name = "none"',
            r"^t.toml: \[\[terrestrial\]\] #1 name='none': .*reserved",
        ),
    ],
)
def test_placement_blocks_hold_one_value_per_number(old, new, message):
    with pytest.raises(InputError, match=message):
        scenario.parse(_with(GIGAWATT, old, new), "t.toml")


def test_placement_list_must_be_an_array_of_tables():
    """``terrestrial = 1`` at the top of the file is no [[terrestrial]] block."""
    d = tomllib.loads("terrestrial = 1\n" + GIGAWATT.split("[[terrestrial]]", 1)[0])
    with pytest.raises(InputError, match=r"^t.toml: terrestrial=1: must be written \[\[terr"):
        scenario.parse(d, "t.toml")


_GAS = ('"memphis.gas_price_usd_per_mmbtu"', '"abilene.gas_price_usd_per_mmbtu"')


def _correlated(entries: str) -> dict:
    return tomllib.loads(GIGAWATT + "\n" + entries)


def test_correlation_entries_pair_uncertainty_keys():
    """[[correlation]] pairs two [uncertainty] keys with a rank correlation."""
    sc = scenario.parse(
        _correlated(f"[[correlation]]\npair = [{_GAS[0]}, {_GAS[1]}]\nrho = 0.9\n"), "t.toml"
    )
    assert sc.correlation == {
        ("memphis.gas_price_usd_per_mmbtu", "abilene.gas_price_usd_per_mmbtu"): 0.9
    }
    assert scenario.load("gigawatt").correlation == {}  # no sourced correlation shipped


@pytest.mark.parametrize(
    "entries, message",
    [
        (
            f"[[correlation]]\npair = [{_GAS[0]}, {_GAS[1]}]\nrh = 0.9\n",
            r"^t.toml: \[\[correlation\]\] #1 rh=\.\.\.: unknown key; did you mean 'rho'\?",
        ),
        (
            f'[[correlation]]\npair = [{_GAS[0]}, "abilene.gas_price_usd_mmbtu"]\nrho = 0.5\n',
            r"^t.toml: \[\[correlation\]\] #1 pair=.*'abilene.gas_price_usd_mmbtu' is not a key "
            r"of \[uncertainty\]; did you mean 'abilene.gas_price_usd_per_mmbtu'\?",
        ),
        (
            f"[[correlation]]\npair = [{_GAS[0]}, {_GAS[0]}]\nrho = 0.5\n",
            r"^t.toml: \[\[correlation\]\] #1 pair=.*: must be two different \[uncertainty\] keys",
        ),
        (
            f"[[correlation]]\npair = [{_GAS[0]}, {_GAS[1]}]\nrho = 1.5\n",
            r"^t.toml: \[\[correlation\]\] #1 rho=1.5: must be a number in \[-1, 1\]",
        ),
        (
            f"[[correlation]]\npair = [{_GAS[0]}, {_GAS[1]}]\nrho = 0.5\n"
            f"source_id = 'nosuch_2024'\n",
            r"^t.toml: \[\[correlation\]\] #1 source_id='nosuch_2024': 'nosuch_2024' is not in "
            r"data/sources.csv",
        ),
        (
            "[correlation]\nrho = 0.5\n",
            r"^t.toml: correlation=.*: must be written \[\[correlation\]\] tables",
        ),
        (
            # a-b and b-c strongly positive but a-c strongly negative: no such joint law
            f"[[correlation]]\npair = [{_GAS[0]}, {_GAS[1]}]\nrho = 0.9\n"
            f'[[correlation]]\npair = [{_GAS[1]}, "richland_parish.gas_price_usd_per_mmbtu"]\n'
            f"rho = 0.9\n"
            f'[[correlation]]\npair = [{_GAS[0]}, "richland_parish.gas_price_usd_per_mmbtu"]\n'
            f"rho = -0.9\n",
            r"^t.toml: \[\[correlation\]\] .*positive semi-definite",
        ),
    ],
)
def test_correlation_entries_are_checked_when_loading(entries, message):
    with pytest.raises(InputError, match=message):
        scenario.parse(_correlated(entries), "t.toml")


# --- audit 3: keyword sets, names, paths, [scenario] and [tornado] ------------------


def _mini(old: str = "", new: str = "") -> dict:
    return tomllib.loads(_MINI.replace(old, new, 1) if old else _MINI)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: scenario.mode_keywords("bogus"), r"^kind='bogus': must be one of terrestrial, "),
        (lambda: scenario.choice_keywords(None), r"^kind=None: must be one of terrestrial, "),
        (lambda: scenario.placement_keywords(1), r"^kind=1: must be one of terrestrial, "),
        (lambda: scenario.mode_keywords(["orbital"]), r"^kind=\['orbital'\]: must be one of "),
        (
            lambda: scenario.mode_keywords("orbital", "nonsense"),
            r"^mode='nonsense': must be one of bottom_up, top_down",
        ),
    ],
)
def test_keyword_sets_refuse_an_unknown_kind_or_mode(call, message):
    """Anything not "terrestrial" used to get the orbital keywords (a list: TypeError), and
    an unknown mode the bottom-up ones."""
    with pytest.raises(InputError, match=message):
        call()


def test_parse_and_override_targets_check_their_arguments():
    """where=5 raised TypeError from Path(where); a string or a list of ints as the
    candidates raised AttributeError."""
    for where in (5, None):
        with pytest.raises(InputError, match=rf"^where={where!r}: must be a string"):
            scenario.parse(_mini(), where)
    with pytest.raises(InputError, match=r"^candidates='abc': must be a sequence of Candidate"):
        scenario.override_targets("abc", "launch_price_usd_per_kg", "w")
    with pytest.raises(InputError, match=r"^candidates=\[1, 2\]: must be a sequence of Cand"):
        scenario.override_targets([1, 2], "dd.x", "w")


@pytest.mark.parametrize("name", ["demand", "finance"])
def test_a_placement_may_not_be_named_demand_or_finance(name):
    """Its "<placement>.<param>" keys would read as demand.* / finance.* overrides."""
    with pytest.raises(InputError, match=rf"^t.toml: \[\[orbital\]\] #1 name='{name}': must not"):
        scenario.parse(_mini('name = "dd"', f'name = "{name}"'), "t.toml")


def test_the_orbital_mode_and_its_keywords_are_checked_when_loading():
    """A bad mode, or a keyword of the other mode, was found only when the model ran,
    with no file name."""
    with pytest.raises(
        InputError, match=r"^t.toml: \[orbital.dd\] mode='sideways': must be one of bottom_up"
    ):
        scenario.parse(_mini('name = "dd"', 'name = "dd"\nmode = "sideways"'), "t.toml")
    with pytest.raises(
        InputError,
        match=r"^t.toml: \[orbital.dd\] satellite_it_power_kw=100: a keyword of the other mode, "
        r"not of mode='top_down'",
    ):
        scenario.parse(_mini('name = "dd"', 'name = "dd"\nmode = "top_down"'), "t.toml")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('name = "mini"', "name = 5", r"^t.toml: \[scenario\] name=5: must be a string"),
        (
            'name = "mini"',
            'name = "mini"\ndescription = {a = 1}',
            r"^t.toml: \[scenario\] description=\{'a': 1\}: must be a string",
        ),
        (
            'name = "mini"',
            'name = "mini"\nsource_id = 5',
            r"^t.toml: \[scenario\] source_id=5: must be a string",
        ),
        (
            'name = "mini"',
            'name = "mini"\nsource_id = "mccalip_2025;nosuch_2024"',
            r"^t.toml: \[scenario\] source_id='mccalip_2025;nosuch_2024': 'nosuch_2024' is not "
            r"in data/sources.csv",
        ),
    ],
)
def test_scenario_table_values_are_strings_and_known_sources(old, new, message):
    """name = 5 became '5', a table became its repr, and a source id went unchecked
    (those of [[correlation]] were checked)."""
    with pytest.raises(InputError, match=message):
        scenario.parse(_mini(old, new), "t.toml")
    assert scenario.load("mccalip_2025").source_id == "mccalip_2025"


@pytest.mark.parametrize(
    "table, message",
    [
        (
            "satellite_power_kw = [1, 2]",  # a top-down keyword; the orbital block is bottom-up
            r"^t.toml: \[tornado\] satellite_power_kw=\.\.\.: no placement of this scenario "
            r"takes this parameter",
        ),
        (
            "launch_price_usd_per_kg = [100, inf]",
            r"^t.toml: \[tornado\] launch_price_usd_per_kg=\[100, inf\]: must be two finite",
        ),
        (
            "launch_price_usd_per_kg = [-inf, 1]",
            r"^t.toml: \[tornado\] launch_price_usd_per_kg=\[-inf, 1\]: must be two finite",
        ),
        (
            '"memphis.launch_price_usd_per_kg" = [1, 2]',
            r"^t.toml: \[tornado\] memphis.launch_price_usd_per_kg=\.\.\.: the terrestrial "
            r"placement 'memphis' has no parameter 'launch_price_usd_per_kg': it is a "
            r"parameter of the orbital placements \(dd\)$",
        ),
        ('"demand.years" = [1, 2]', r"^t.toml: \[tornado\] demand.years=\.\.\.: only demand."),
        (
            '"demand.utilisation" = [0.5, 1.0]\nutilisation = [0.6, 0.9]',
            r"^t.toml: \[tornado\] utilisation=\.\.\.: the same input as demand.utilisation",
        ),
    ],
)
def test_tornado_keys_are_checked_like_uncertainty_keys(table, message):
    """A [tornado] key no placement takes was kept and silently left out; infinite ends
    failed only when tornado() ran, naming an argument the user never passed; a bare
    utilisation next to demand.utilisation gave two identical rows."""
    with pytest.raises(InputError, match=message):
        scenario.parse(tomllib.loads(_MINI + "[tornado]\n" + table + "\n"), "t.toml")


def test_tornado_takes_demand_finance_and_placement_keys():
    """As its docstring says: demand.* / finance.* keys and "<placement>.<param>" (they
    were refused as 'unknown parameter')."""
    sc = scenario.parse(
        tomllib.loads(
            _MINI + '[tornado]\n"demand.utilisation" = [0.5, 1.0]\n'
            '"dd.launch_price_usd_per_kg" = [100, 1000]\n'
            '"finance.discount_rate" = [0.0, 0.1]\n'
        ),
        "t.toml",
    )
    assert sc.tornado == {
        "demand.utilisation": (0.5, 1.0),
        "dd.launch_price_usd_per_kg": (100.0, 1000.0),
        "finance.discount_rate": (0.0, 0.1),
    }


def test_scenario_files_by_suffix_and_with_a_byte_order_mark(tmp_path):
    """An existing file without .toml was reported as 'no such file or shipped scenario';
    a UTF-8 byte-order mark was a TOML syntax error at line 1, column 1."""
    noext = tmp_path / "noext"
    noext.write_text(_MINI)
    with pytest.raises(InputError, match=r"^scenario='.*noext': must be a \.toml file"):
        scenario.load(noext)
    upper = tmp_path / "upper.TOML"
    upper.write_text(_MINI)
    assert scenario.load(upper).name == "mini"  # a TOML file, whatever the case of its suffix
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + _MINI.encode())
    assert scenario.load(bom).name == "mini"


def test_a_name_with_a_directory_is_a_path_not_a_shipped_scenario():
    """'./gigawatt' was resolved to the shipped file (Path drops the './')."""
    with pytest.raises(InputError, match=r"^scenario='\./gigawatt': no such file or shipped"):
        scenario.load("./gigawatt")
    assert scenario.load("gigawatt").name == "gigawatt"


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch, capsys):
    """A file that exists but cannot be read (permission denied; simulated, since
    tests may run as root) is an InputError naming the path and the reason, not a
    PermissionError traceback; the command line prints it on one line, exit 2."""
    from pathlib import Path

    from orbitcompute.cli import main

    f = tmp_path / "noperm.toml"
    f.write_text(_MINI)

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(
        InputError, match=r"^scenario='.*noperm\.toml': cannot read the file \(Permission denied\)"
    ):
        scenario.load(f)
    assert main(["compare", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read the file" in err


def test_terrestrial_utilisation_points_to_the_demand():
    """A terrestrial block's utilisation was 'unknown key; did you mean
    'climate_zone'?': the knobs are [demand] utilisation and the site's load_factor."""
    d = _with(GIGAWATT, 'site = "memphis_tn"', 'site = "memphis_tn"\nutilisation = 0.5')
    with pytest.raises(
        InputError,
        match=r"^t.toml: \[terrestrial.memphis\] utilisation=0.5: not a key of a terrestrial "
        r"placement: .*\[demand\] utilisation.*load_factor",
    ):
        scenario.parse(d, "t.toml")
    sc = scenario.load("gigawatt")
    with pytest.raises(InputError, match=r"^k: not a key .*demand.utilisation.*load_factor"):
        scenario.override_targets(sc.candidates, "memphis.utilisation", "k")


def test_unknown_orbit_key_has_no_stray_space():
    """The message read 'orbit. incl=3'."""
    d = _with(
        GIGAWATT, "altitude_km = 650, ltan_h = 18", "altitude_km = 650, ltan_h = 18, incl = 3"
    )
    with pytest.raises(
        InputError, match=r"^t.toml: \[orbital.suncatcher_like_dd650\] orbit.incl=3: unknown key"
    ):
        scenario.parse(d, "t.toml")


def test_accelerator_and_utilisation_overrides_reach_every_placement():
    """The accelerator's price and power, and utilisation (the demand's), are every
    placement's: a bare key reached only the orbital models, and
    'memphis.accelerator_price_usd' was refused."""
    sc = scenario.load("gigawatt")
    every = tuple(c.name for c in sc.candidates)
    for key in ("accelerator_price_usd", "accelerator_all_in_power_w", "utilisation"):
        assert scenario.override_targets(sc.candidates, key, "k", numeric=True) == every
    for key in ("memphis.accelerator_price_usd", "memphis.accelerator_all_in_power_w"):
        assert scenario.override_targets(sc.candidates, key, "k", numeric=True) == ("memphis",)
    # as [tornado] and [uncertainty] keys of a file too
    d = _with(GIGAWATT, "[tornado]\n", '[tornado]\n"memphis.accelerator_price_usd" = [2e4, 6e4]\n')
    assert scenario.parse(d, "t.toml").tornado["memphis.accelerator_price_usd"] == (2e4, 6e4)


def test_demand_keys_say_start_year_is_the_programme_start():
    """start_year was documented as the first year of operation, but year 0 is when
    construction (terrestrial) or development (orbital) begins; years includes the build."""
    assert "programme starts" in scenario._DEMAND_KEYS["start_year"]
    assert "operation" not in scenario._DEMAND_KEYS["start_year"]
    assert "including the build" in scenario._DEMAND_KEYS["years"]


def test_loading_a_scenario_without_correlation_imports_neither_pandas_nor_scipy_stats():
    """`orbitcompute compare` starts in about 0.3 s because nothing on its path imports
    pandas or scipy.stats (docs/architecture.md, "Start-up path"); loading a scenario
    once imported the analysis package for ``[[correlation]]`` checks even when the
    file has none (1.6-2.0 s of imports). Checked in a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "import sys, orbitcompute.scenario as s; s.load('gigawatt'); "
        "print('pandas' in sys.modules, 'scipy.stats' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_block_may_set_the_price_and_power_of_its_accelerator():
    """A [[terrestrial]] block's accelerator_price_usd was an unknown key ("did you mean
    'accelerator'?") though the override "memphis.accelerator_price_usd" was accepted. Now
    the block sets what the override does. By hand: memphis holds its installed MW x 1e6 /
    3,000 W accelerators at the end, each bought once at 1,000 USD, and replaces 0.09/yr
    of those in service (accelerator-years: the delivered MW by year x 1e6 / 3,000 W)."""
    from orbitcompute import compare

    block = (
        'site = "memphis_tn"\naccelerator_price_usd = 1000.0\naccelerator_all_in_power_w = 3000\n'
    )
    sc = scenario.parse(_with(_MINI, 'site = "memphis_tn"\n', block), "m.toml")
    assert sc.candidate("memphis").params["accelerator_price_usd"] == 1000.0
    r = compare.evaluate(sc, candidates=["memphis"])["memphis"]
    over = {"memphis.accelerator_price_usd": 1000.0, "memphis.accelerator_all_in_power_w": 3000.0}
    plain = scenario.parse(tomllib.loads(_MINI), "m.toml")
    o = compare.evaluate(plain, over, candidates=["memphis"])["memphis"]
    for k in ("lcoc_usd_per_accelerator_hour", "accelerators", "accelerator_capex_usd"):
        assert_allclose(r[k], o[k], rtol=0)
    n = r["installed_it_mw_by_year"][-1] * 1e6 / 3000.0
    assert_allclose(r["accelerators"], n, rtol=1e-12)
    years = r["delivered_it_mw_by_year"].sum() * 1e6 / 3000.0
    assert_allclose(r["accelerator_capex_usd"], 1000.0 * (n + 0.09 * years), rtol=1e-12)
    bad = scenario.parse(
        _with(_MINI, 'site = "memphis_tn"\n', block.replace("1000.0", "-1")), "m.toml"
    )
    with pytest.raises(
        InputError, match=r"^m.toml: \[terrestrial.memphis\] accelerator_price_usd=-1: must be >= 0"
    ):
        compare.evaluate(bad)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("utilisation", "demand.utilisation", r"the same input as utilisation, which is given too"),
        ("demand.utilisation", "utilisation", r"the same input as demand.utilisation, which is"),
        ("finance.discount_rate", "dd.discount_rate", r"conflicts with finance.discount_rate"),
    ],
)
def test_uncertainty_giving_one_value_twice_is_refused_when_loaded(first, second, message):
    """utilisation and demand.utilisation both in [uncertainty] were refused only by the
    first chunk of samples, with the sample arrays in the message and the advice to narrow
    the distribution; now the file is refused when it is loaded, naming both keys."""
    spec = '{ dist = "uniform", low = 0.01, high = 0.09 }'
    text = _MINI + f'[uncertainty]\n"{first}" = {spec}\n"{second}" = {spec}\n'
    with pytest.raises(
        InputError, match=rf"^m.toml: \[uncertainty\] {second}=\.\.\.: {message}"
    ) as e:
        scenario.parse(tomllib.loads(text), "m.toml")
    assert "array" not in str(e.value) and "give one of them" in str(e.value)
    # a placement's own key and a bare key of one parameter are no clash (the own one wins)
    assert scenario.override_conflict(["discount_rate", "dd.discount_rate"]) is None


# --- round 8: orbit tables, units of compound key names, temperatures ----------------


@pytest.mark.parametrize("value", ["[550, 600]", "[650]"])
def test_an_orbit_field_is_one_number(value):
    """A list inside `orbit` was accepted: compare then crashed with a raw TypeError
    (`only 0-dimensional arrays can be converted`) and the CLI printed a traceback;
    a one-element list was silently accepted."""
    d = _mini("altitude_km = 650", f"altitude_km = {value}")
    with pytest.raises(
        InputError,
        match=rf"^t.toml: \[orbital.dd\] orbit.altitude_km={re.escape(value)}: must be one "
        r"number \(a placement flies one orbit; to compare orbits, give one \[\[orbital\]\] "
        r"block per orbit\)",
    ):
        scenario.parse(d, "t.toml")


def test_the_command_line_refuses_an_orbit_list_in_one_line(tmp_path):
    p = tmp_path / "orbitlist.toml"
    p.write_text(_MINI.replace("altitude_km = 650", "altitude_km = [550, 600]"))
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", "compare", str(p)], capture_output=True, text=True
    )
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "orbit.altitude_km=[550, 600]: must be one number" in err[0]


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "ltan_h = 18",
            "ltan_h = 18, inclination_deg = 98",
            r"^t.toml: \[orbital.dd\] orbit.inclination_deg=98: unknown key; a sun_synchronous "
            r"orbit needs altitude_km, ltan_h \(epoch optional; its inclination is derived "
            r"from the altitude\)$",
        ),
        (
            "altitude_km = 650, ltan_h = 18",
            "ltan_h = 18",
            r"^t.toml: \[orbital.dd\] orbit.altitude_km: missing; a sun_synchronous orbit needs "
            r"altitude_km, ltan_h \(epoch optional; its inclination is derived from the "
            r"altitude\)$",
        ),
        (
            'kind = "sun_synchronous", altitude_km = 650, ltan_h = 18',
            'kind = "circular", altitude_km = 650',
            r"^t.toml: \[orbital.dd\] orbit.inclination_deg: missing; a circular orbit needs "
            r"altitude_km, inclination_deg \(raan_deg, epoch optional\)$",
        ),
        (
            'kind = "sun_synchronous", altitude_km = 650, ltan_h = 18',
            'kind = "geostationary", altitude_km = 650',
            r"^t.toml: \[orbital.dd\] orbit.altitude_km=650: unknown key.*; a geostationary "
            r"orbit takes longitude_deg, epoch \(all optional; its altitude and inclination "
            r"are fixed\)$",
        ),
    ],
)
def test_orbit_fields_list_what_the_kind_takes(old, new, message):
    """An extra field got only a did-you-mean, and a missing one Python's own
    'Orbit.sun_synchronous() missing 1 required positional argument'."""
    with pytest.raises(InputError, match=message):
        scenario.parse(_mini(old, new), "t.toml")


@pytest.mark.parametrize(
    "key, text, expected",
    [
        # 11.7 USD/W x 1e6 W/MW = 11.7e6 USD/MW
        ("facility_capex_usd_per_mw", "11.7e6 USD/MW", 11.7e6),
        ("facility_capex", "11.7 USD/W", 11.7e6),
        # 1e7 m3/yr as it is
        ("water_available_m3_per_year", "1e7 m**3/year", 1e7),
        ("water_available", "1e7 m**3/year", 1e7),
        # 0.366 t/MWh = 0.366 kg/kWh = 366 g/kWh
        ("grid_co2_t_per_mwh", "0.366 t/MWh", 0.366),
        ("grid_co2", "366 g/kWh", 0.366),
        # 0.4 FTE per MW = 0.0004 per kW
        ("staff_fte_per_mw", "0.4 / MW", 0.4),
        ("staff_fte", "0.0004 / kW", 0.4),
        # 150 USD/m2 as it is; 0.015 USD/cm2 x 1e4 cm2/m2 = 150 USD/m2
        ("radiator_cost_usd_per_m2", "0.015 USD/cm**2", 150.0),
        # 0.5 g/cm3 x 1e-3 kg/g x 1e6 cm3/m3 = 500 kg/m3
        ("stowed_density_kg_per_m3", "0.5 g/cm**3", 500.0),
        ("stowed_density", "500 kg/m**3", 500.0),
    ],
)
def test_a_compound_unit_is_the_unit_of_the_whole_key(key, text, expected):
    """`_SUFFIX_UNITS` matched a shorter suffix first: facility_capex_usd_per_mw read as
    MW, grid_co2_t_per_mwh as MWh, stowed_density_kg_per_m3 as m**3,
    water_available_m3_per_year as 1/year, staff_fte_per_mw as MW, so each of these
    strings was refused ("must be a quantity convertible to MW"), and the stem form
    was an unknown key."""
    block = "orbital" if key.startswith(("stowed", "radiator")) else "terrestrial"
    d = tomllib.loads(_MINI)
    d[block][0][key] = text
    params = scenario.parse(d, "t.toml").candidates[0 if block == "terrestrial" else 1].params
    full = next(k for k in params if k.startswith(key))
    assert_allclose(params[full], expected, rtol=1e-12)


def test_no_key_is_read_in_a_partial_unit():
    """solar_pv_mwac_per_rtc_mw (MW of PV per MW round the clock, a ratio) was read as
    MW, and 'facility_capex_usd_per' (the name less '_mw') was accepted as a key."""
    assert scenario._unit_of("solar_pv_mwac_per_rtc_mw") is None
    keys = scenario.placement_keywords("terrestrial") | scenario.placement_keywords("orbital")
    for key in keys:
        unit = scenario._unit_of(key)
        if unit is not None:
            assert not key[: -len(unit[0])].endswith("_per"), key
    d = tomllib.loads(_MINI)
    d["terrestrial"][0]["facility_capex_usd_per"] = "12 MW"
    with pytest.raises(
        InputError,
        match=r"^t.toml: \[terrestrial.memphis\] facility_capex_usd_per='12 MW': unknown key",
    ):
        scenario.parse(d, "t.toml")
    d = tomllib.loads(_MINI)
    d["terrestrial"][0]["solar_pv"] = "2 MW"
    with pytest.raises(InputError, match=r"^t.toml: \[terrestrial.memphis\] solar_pv='2 MW'"):
        scenario.parse(d, "t.toml")


@pytest.mark.parametrize(
    "text, kelvin",
    [
        ("85 degC", 358.15),  # 85 + 273.15
        ("185 degF", 358.15),  # (185 - 32) x 5/9 + 273.15 = 85 + 273.15
        ("358.15 K", 358.15),
    ],
)
def test_a_temperature_in_celsius_or_fahrenheit_is_converted_to_kelvin(text, kelvin):
    """'85 degC' was refused with pint's 'Ambiguous operation with offset unit'."""
    d = tomllib.loads(_MINI)
    d["orbital"][0]["junction_max_temperature"] = text
    params = scenario.parse(d, "t.toml").candidate("dd").params
    assert_allclose(params["junction_max_temperature_k"], kelvin, rtol=1e-12)


def test_the_scenario_in_a_results_file_loads_back_with_inf_and_an_epoch(tmp_path):
    """`inf` (the documented "no limit") was written to the metadata as null, so
    parse(meta['scenario']['raw']) failed: water_available_m3_per_year=None: must be a
    number. It is written as "inf" and read back as inf; the epoch (a TOML datetime)
    comes back as ISO text, which the orbit parses."""
    from orbitcompute.analysis import read_parquet, write_parquet
    from orbitcompute.compare import compare

    text = _MINI.replace(
        'site = "memphis_tn"',
        'site = "memphis_tn"\nwater_available_m3_per_year = inf\nland_available_acres = inf\n'
        "grid_headroom_mw = inf",
    ).replace("ltan_h = 18", "ltan_h = 18, epoch = 2026-06-21T00:00:00")
    sc = scenario.parse(tomllib.loads(text), "rt.toml")
    path = write_parquet(tmp_path / "r.parquet", {"x": [1.0]}, {"scenario": {"raw": sc.raw}})
    raw = read_parquet(path)[1]["scenario"]["raw"]
    assert raw["terrestrial"][0]["water_available_m3_per_year"] == "inf"
    again = scenario.parse(raw, "rt.toml")
    memphis = again.candidate("memphis").params
    assert memphis["water_available_m3_per_year"] == float("inf")
    assert memphis["grid_headroom_mw"] == float("inf")
    assert again.candidate("dd").params["orbit"].epoch == sc.candidate("dd").params["orbit"].epoch
    a, b = compare(sc).summary, compare(again).summary
    assert a.equals(b)


# --- the walkthrough's scenario messages (s27) -------------------------------------------

_SPEC_ERRORS = [
    (
        "{dist = 'triangle', low = 50, mode = 500, high = 1000}",
        "launch_price_usd_per_kg.dist='triangle': must be one of 'uniform', 'loguniform', "
        "'triangular', 'pert', 'normal', 'lognormal'; did you mean 'triangular'?",
    ),
    (
        "{dist = 'triangular', low = 500, mode = 50, high = 1000}",
        "launch_price_usd_per_kg.mode=50: must be in [500, 1000]",
    ),
    (
        "{dist = 'uniform', low = 1000, high = 50}",
        "launch_price_usd_per_kg: low=1000, high=50: low must be below high",
    ),
    (
        "{dist = 'normal', mean = 500}",
        "launch_price_usd_per_kg: a normal distribution needs the keys (mean, sd) or (low, "
        "high); got mean",
    ),
]


@pytest.mark.parametrize("spec, message", _SPEC_ERRORS)
def test_a_broken_distribution_is_refused_when_the_scenario_loads(spec, message):
    """`compare` accepted dist = "triangle" and a mode outside [low, high] and exited 0,
    while `sweep` refused them: the specs are checked when the scenario loads now, with
    the message the Monte Carlo gives (its from_spec, after the file)."""
    from orbitcompute.analysis.distributions import from_spec

    text = _MINI + f"[uncertainty]\nlaunch_price_usd_per_kg = {spec}\n"
    with pytest.raises(InputError) as exc:
        scenario.parse(tomllib.loads(text), "t.toml")
    assert str(exc.value) == f"t.toml: [uncertainty] {message}"
    with pytest.raises(InputError) as direct:
        from_spec(tomllib.loads(f"x = {spec}")["x"], "launch_price_usd_per_kg")
    assert str(direct.value) == message


def test_loading_a_scenario_with_uncertainty_does_not_import_scipy():
    """The spec check at load needs no scipy.stats (1.5 s at `compare`'s start-up)."""
    code = (
        "import sys; from orbitcompute.scenario import load; sc = load('gigawatt'); "
        "assert sc.uncertainty; assert 'scipy.stats' not in sys.modules, 'scipy.stats'; "
        "assert 'orbitcompute.analysis' not in sys.modules, 'analysis'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    "kind, key, said",
    [
        (
            "terrestrial",
            "altitude_km = 500",
            "altitude_km=500: unknown key; altitude_km is a field of the orbit table of an "
            "[[orbital]] block; a [[terrestrial]] block takes the keyword arguments of "
            "orbitcompute.placements.terrestrial.terrestrial_placement (help() lists them)",
        ),
        (
            "terrestrial",
            "launches_per_year = 4",
            "launches_per_year=4: unknown key; launches_per_year is a key of [[orbital]] "
            "blocks; a [[terrestrial]] block takes the keyword arguments of "
            "orbitcompute.placements.terrestrial.terrestrial_placement (help() lists them)",
        ),
        (
            "terrestrial",
            "zzz = 1",
            "zzz=1: unknown key; a [[terrestrial]] block takes the keyword arguments of "
            "orbitcompute.placements.terrestrial.terrestrial_placement (help() lists them)",
        ),
        ("terrestrial", "grid_wait_yrs = 1", "grid_wait_yrs=1: unknown key; did you mean "),
        (
            "orbital",
            "grid_wait_years = 2",
            "grid_wait_years=2: unknown key; grid_wait_years is a key of [[terrestrial]] "
            "blocks; an [[orbital]] block takes the keyword arguments of "
            "orbitcompute.placements.orbital.orbital_placement (help() lists them)",
        ),
        (
            "orbital",
            "altitude_km = 500",
            "altitude_km=500: unknown key; altitude_km belongs in the block's orbit table, "
            'e.g. orbit = { kind = "sun_synchronous", altitude_km = 650, ltan_h = 18 }',
        ),
    ],
)
def test_an_unknown_block_key_says_where_it_belongs_or_what_is_allowed(kind, key, said):
    """`altitude_km = 500` in a [[terrestrial]] block said only "unknown key"; a key of
    the other kind got a did-you-mean of an unrelated one (launches_per_year: 'did you
    mean land_price_usd_per_acre?')."""
    block = 'site = "memphis_tn"' if kind == "terrestrial" else 'launch_vehicle = "starship"'
    name = "memphis" if kind == "terrestrial" else "dd"
    with pytest.raises(InputError) as exc:
        scenario.parse(_with(_MINI, block, f"{block}\n{key}"), "t.toml")
    text = str(exc.value)
    assert text.startswith(f"t.toml: [{kind}.{name}] {said}"), text
    if not said.endswith("did you mean "):
        assert text == f"t.toml: [{kind}.{name}] {said}"


@pytest.mark.parametrize(
    "key, said",
    [
        ("grid_headroom_mw = true", "grid_headroom_mw=true: must be a number in MW, not a boolean"),
        ("pue = false", "pue=false: must be a number, not a boolean"),
        (
            "facility_capex = true",
            "facility_capex=true: must be a number in USD/MW (key facility_capex_usd_per_mw) "
            "or a string with units, not a boolean",
        ),
    ],
)
def test_a_boolean_for_a_number_says_so(key, said):
    """`grid_headroom_mw = true` said "must be >= 0 MW", which true is (as 1);
    `facility_capex = true` (the key without its unit) said "a bare number needs the unit
    in the key ... (e.g. 'True USD/MW')"."""
    with pytest.raises(InputError) as exc:
        scenario.parse(_with(_MINI, 'site = "memphis_tn"', f'site = "memphis_tn"\n{key}'), "t")
    assert str(exc.value) == f"t: [terrestrial.memphis] {said}"


def test_a_switch_still_takes_true_or_false():
    """The keys of _SWITCHES take booleans, in a scenario and in the model."""
    from orbitcompute.placements.terrestrial import terrestrial_placement

    assert scenario._SWITCHES <= scenario.placement_keywords("terrestrial")
    for key in scenario._SWITCHES:
        d = _with(_MINI, 'site = "memphis_tn"', f'site = "memphis_tn"\n{key} = false')
        assert scenario.parse(d, "t").candidate("memphis").params[key] is False
        terrestrial_placement(100.0, 5, site="memphis_tn", **{key: True})


def test_a_directory_or_a_name_in_capitals_is_said_as_such(tmp_path):
    """`compare some_directory/` said "no such file"; `compare GIGAWATT` got no
    did-you-mean although `Gigawatt` did."""
    shipped = ", ".join(scenario.list_scenarios())
    with pytest.raises(InputError) as exc:
        scenario.load(f"{tmp_path}/")
    assert str(exc.value) == (
        f"scenario='{tmp_path}/': is a directory, not a scenario file; give a .toml file or "
        f"a shipped scenario: {shipped}"
    )
    for name in ("GIGAWATT", "Gigawatt", "GigaWat"):
        with pytest.raises(InputError) as exc:
            scenario.load(name)
        assert str(exc.value) == (
            f"scenario={name!r}: no such file or shipped scenario; shipped: {shipped}; "
            "did you mean 'gigawatt'?"
        )


def test_replaced_block_values_names_only_what_a_block_sets():
    """A sampled input replaces the value a placement's block sets (the README's rule):
    the values replaced are named, catalog defaults are not."""
    text = _MINI.replace(
        'launch_vehicle = "starship"',
        'launch_vehicle = "starship"\ndevelopment_years = 7\nlaunch_price_usd_per_launch = 1e8\n'
        "discount_rate = 0.05",
    ).replace('site = "memphis_tn"', 'site = "memphis_tn"\ngrid_wait_years = 1')
    sc = scenario.parse(tomllib.loads(text), "t.toml")
    replaced = compare.replaced_block_values
    assert replaced(sc, ["development_years"]) == {"dd.development_years": 7}
    # the alternative spelling of a launch price is replaced too
    assert replaced(sc, ["launch_price_usd_per_kg"]) == {"dd.launch_price_usd_per_launch": 1e8}
    assert replaced(sc, ["finance.discount_rate"]) == {"dd.discount_rate": 0.05}
    assert replaced(sc, ["memphis.grid_wait_years", "construction_years"]) == {
        "memphis.grid_wait_years": 1
    }
    assert replaced(sc, ["grid_wait_years"], candidates=["dd"]) == {}
    assert replaced(sc, ["launches_per_year", "satellite_annual_failure_rate"]) == {}


def test_the_uncertainty_example_is_one_the_placements_take():
    """A terrestrial-only scenario was told to add launch_price_usd_per_kg, which then
    failed: "no placement of this scenario takes this parameter"."""
    terrestrial = _MINI[: _MINI.index("[[orbital]]")]
    for text, key in ((_MINI, "launch_price_usd_per_kg"), (terrestrial, "construction_years")):
        sc = scenario.parse(tomllib.loads(text), "t.toml")
        entry = scenario.uncertainty_example(sc.candidates)
        assert entry.startswith(f"{key} = {{dist = 'triangular'")
        again = scenario.parse(tomllib.loads(f"{text}[uncertainty]\n{entry}\n"), "t.toml")
        assert list(again.uncertainty) == [key]


@pytest.mark.parametrize(
    "old, new, said",
    [
        ("years = 5", 'years = "60 months"', "[demand] years='60 months'"),
        ("discount_rate = 0.08", 'discount_rate = "8 %"', "[finance] discount_rate='8 %'"),
        ("years = 5", 'years = "5"', "[demand] years='5'"),
    ],
)
def test_text_for_a_key_without_a_unit_says_to_write_it_bare(old, new, said):
    """`years = "60 months"` and `discount_rate = "8 %"` said only "must be a number",
    though keys with a unit take text with units ("100 MW"): these keys take none."""
    with pytest.raises(InputError) as exc:
        scenario.parse(_with(_MINI, old, new), "t")
    assert str(exc.value) == (
        f"t: {said}: must be a number; write it bare: this key takes no unit or quotes"
    )


def test_a_key_of_the_other_kind_of_placement_says_whose_it_is():
    """`abilene.launch_price_usd_per_kg` suggested 'land_price_usd_per_acre' and
    `abilene.utilization` 'climate_zone' (compare audit): the first is an orbital
    placement's parameter, the second the scenario's utilisation in US spelling."""
    sc = scenario.load("gigawatt")
    cases = {
        "abilene.launch_price_usd_per_kg": "the terrestrial placement 'abilene' has no "
        "parameter 'launch_price_usd_per_kg': it is a parameter of the orbital placements "
        "(suncatcher_like_dd650, starlink_like_550_53, dawn_dusk_1000)",
        "dawn_dusk_1000.pue": "the orbital placement 'dawn_dusk_1000' has no parameter "
        "'pue': it is a parameter of the terrestrial placements (memphis, abilene, "
        "northern_virginia, ...)",
        "abilene.utilization": "not a key of a terrestrial placement: the fraction of "
        "accelerator-hours",
    }
    for key, said in cases.items():
        with pytest.raises(InputError) as exc:
            scenario.override_targets(sc.candidates, key, "k")
        assert str(exc.value).startswith(f"k: {said}"), str(exc.value)


# --- audit of scenario loading --------------------------------------------------------


def _toml_candidates(raw: dict) -> list[tuple[str, dict]]:
    """The candidate blocks of a parsed TOML file, terrestrial ones first (the loader's
    order), each as (kind, block)."""
    return [(kind, b) for kind in ("terrestrial", "orbital") for b in raw.get(kind, [])]


@pytest.mark.parametrize("name", scenario.list_scenarios())
def test_every_shipped_scenario_holds_what_its_file_says(name):
    """An independent reading with tomllib: every value the loader keeps is the file's,
    field by field (the shipped files write numbers in the key's unit, so nothing is
    converted), and the defaults it fills in are the documented ones (utilisation 1,
    accelerators included, gb200_nvl72, discount rate 0, dollar year 2025)."""
    path = data_dir() / "scenarios" / f"{name}.toml"
    raw = tomllib.loads(path.read_text())
    sc = scenario.load(name)
    assert (sc.name, sc.description, sc.source_id) == (
        raw["scenario"]["name"],
        raw["scenario"].get("description", ""),
        raw["scenario"].get("source_id"),
    )
    defaults = {"utilisation": 1.0, "include_accelerators": True, "accelerator": "gb200_nvl72"}
    assert dict(sc.demand) == {**defaults, **raw["demand"]}
    assert dict(sc.finance) == {"discount_rate": 0.0, "dollar_year": 2025, **raw["finance"]}
    blocks = _toml_candidates(raw)
    assert [(c.kind, c.name) for c in sc.candidates] == [(k, b["name"]) for k, b in blocks]
    for cand, (_, block) in zip(sc.candidates, blocks, strict=True):
        expected = {k: v for k, v in block.items() if k not in ("name", "orbit")}
        params = {k: v for k, v in cand.params.items() if k != "orbit"}
        assert params == expected, cand.name
        if "orbit" in block:
            orbit, spec = cand.params["orbit"], block["orbit"]
            assert orbit.kind == spec["kind"]
            for key in ("altitude_km", "inclination_deg", "ltan_h"):
                if key in spec:
                    assert_allclose(float(getattr(orbit, key)), spec[key], err_msg=key)
    assert dict(sc.tornado) == {k: (v[0], v[1]) for k, v in raw.get("tornado", {}).items()}
    assert dict(sc.uncertainty) == raw.get("uncertainty", {})


@pytest.mark.parametrize(
    "entry, said",
    [
        (
            "{dist = 'uniform', low = 100, high = 500, source_id = 'no_such_source'}",
            "launch_price_usd_per_kg.source_id='no_such_source': 'no_such_source' is not in "
            "data/sources.csv",
        ),
        (
            "{dist = 'uniform', low = 100, high = 500, source_id = 5}",
            "launch_price_usd_per_kg.source_id=5: must be a string of data/sources.csv ids "
            "joined by ';'",
        ),
        (
            "{dist = 'uniform', low = 100, high = 500, note = 5}",
            "launch_price_usd_per_kg.note=5: must be a string",
        ),
    ],
)
def test_uncertainty_source_ids_and_notes_are_checked(entry, said):
    """A distribution's source_id was kept unchecked ('nope' loaded), while [scenario]
    and [[correlation]] source ids are checked against data/sources.csv."""
    text = _MINI + f"[uncertainty]\nlaunch_price_usd_per_kg = {entry}\n"
    with pytest.raises(InputError) as exc:
        scenario.parse(tomllib.loads(text), "t.toml")
    assert str(exc.value) == f"t.toml: [uncertainty] {said}"
    good = text.replace("'no_such_source'", "'starcloud_whitepaper_2024'")
    if good != text:
        sc = scenario.parse(tomllib.loads(good), "t.toml")
        assert sc.uncertainty["launch_price_usd_per_kg"]["source_id"] == "starcloud_whitepaper_2024"


@pytest.mark.parametrize("name", ["mccalip_2025", "starcloud_2024", "suncatcher_2025"])
def test_a_scenario_citing_a_source_loads_without_pandas(name):
    """[scenario] source_id was checked with catalog.sources(), which imports pandas:
    loading mccalip_2025 took 1.4 s instead of 0.3 s (the start-up path of `compare`)."""
    code = (
        f"import sys, orbitcompute.scenario as s; s.load({name!r}); print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


@pytest.mark.parametrize(
    "table, said",
    [
        (
            '[tornado]\n"demand.utilisation" = [0.5, 1.5]',
            "[tornado] demand.utilisation=[0.5, 1.5]: demand.utilisation=1.5: must be in (0, 1]",
        ),
        (
            "[tornado]\nutilisation = [0.0, 1.0]",
            "[tornado] utilisation=[0.0, 1.0]: utilisation=0: must be in (0, 1]",
        ),
        (
            '[tornado]\n"finance.discount_rate" = [-0.1, 0.1]',
            "[tornado] finance.discount_rate=[-0.1, 0.1]: finance.discount_rate=-0.1: must be "
            "in [0, 1)",
        ),
        (
            '[tornado]\n"demand.it_power_mw" = [10, 2e6]',
            "[tornado] demand.it_power_mw=[10, 2000000.0]: demand.it_power_mw=2e+06: must be "
            "in (0, 1e+06] MW",
        ),
    ],
)
def test_tornado_ranges_of_demand_and_finance_are_checked_when_loading(table, said):
    """[demand] utilisation = 1.5 is refused when the file loads, but a [tornado] range
    reaching 1.5 loaded, and `compare` without --tornado ran; its range is known at load."""
    with pytest.raises(InputError) as exc:
        scenario.parse(tomllib.loads(_MINI + table + "\n"), "t.toml")
    assert str(exc.value) == f"t.toml: {said}"


def test_tornado_ranges_of_demand_and_finance_may_reach_an_included_end():
    """(0, 1] includes 1 and [0, 1) includes 0: ranges ending there load."""
    text = _MINI + (
        '[tornado]\n"demand.utilisation" = [0.5, 1.0]\n"finance.discount_rate" = [0, 0.2]\n'
    )
    sc = scenario.parse(tomllib.loads(text), "t.toml")
    assert sc.tornado == {"demand.utilisation": (0.5, 1.0), "finance.discount_rate": (0.0, 0.2)}


@pytest.mark.parametrize(
    "table, key",
    [
        ("[tornado]\nmemphis.grid_wait_years = [0, 2]", "tornado] memphis.grid_wait_years"),
        ("[tornado]\ndemand.utilisation = [0.5, 1]", "tornado] demand.utilisation"),
        (
            "[uncertainty]\nmemphis.grid_wait_years = {dist = 'uniform', low = 0, high = 2}",
            "uncertainty] memphis.grid_wait_years",
        ),
    ],
)
def test_an_unquoted_dotted_key_is_told_to_be_quoted(table, key):
    """`memphis.grid_wait_years = [0, 2]` (unquoted) is, in TOML, a table 'memphis'; it
    said "no placement model has a parameter 'memphis'"."""
    with pytest.raises(InputError) as exc:
        scenario.parse(tomllib.loads(_MINI + table + "\n"), "t.toml")
    name, sub = key.split("] ", 1)[1].split(".")
    assert str(exc.value) == (
        f't.toml: [{key}=...: a dotted key must be quoted ("{name}.{sub}" = ...); unquoted, '
        f"TOML reads it as a table {name!r} holding {sub!r}"
    )


@pytest.mark.parametrize("text", ["hundred", "inf"])
def test_text_for_a_key_with_a_unit_says_it_takes_units(text):
    """`it_power_mw = "hundred"` said "write it bare: this key takes no unit or quotes",
    but it_power_mw takes "100 MW"."""
    with pytest.raises(InputError) as exc:
        scenario.parse(_with(_MINI, "it_power_mw = 100", f'it_power_mw = "{text}"'), "t")
    assert str(exc.value) == (
        f"t: [demand] it_power_mw='{text}': must be a number in MW or a quantity with units "
        "(e.g. '100 MW')"
    )


def test_a_distribution_number_given_as_text_is_one_number():
    """`high = "1.0"` said "must be a number or an array of numbers": a spec takes one."""
    text = (
        _MINI + "[uncertainty]\nlaunch_price_usd_per_kg = {dist = 'uniform', low = 1, high = '9'}\n"
    )
    with pytest.raises(InputError) as exc:
        scenario.parse(tomllib.loads(text), "t")
    assert str(exc.value) == "t: [uncertainty] launch_price_usd_per_kg.high='9': must be a number"


@pytest.mark.parametrize(
    "old, new, said",
    [
        (
            "utilisation = 0.8",
            "utilisation = 0.8\nhorizon = 6",
            "[demand] horizon=6: unknown key; allowed: it_power_mw, accelerators, accelerator, "
            "start_year, years, utilisation, include_accelerators",
        ),
        (
            "discount_rate = 0.08",
            "discount_rate = 0.08\ninflation = 0.02",
            "[finance] inflation=0.02: unknown key; allowed: discount_rate, dollar_year",
        ),
    ],
)
def test_an_unknown_demand_or_finance_key_lists_the_allowed_ones(old, new, said):
    """`horizon = 6` in [demand] said only "unknown key" (no close key to suggest), not
    what the table takes, as [scenario] and the blocks do."""
    with pytest.raises(InputError) as exc:
        scenario.parse(_with(_MINI, old, new), "t")
    assert str(exc.value) == f"t: {said}"


@pytest.mark.parametrize(
    "old, new, said",
    [
        ("years = 5", "years = true", "[demand] years=true"),
        ("it_power_mw = 100", "it_power_mw = false", "[demand] it_power_mw=false"),
        ("discount_rate = 0.08", "discount_rate = true", "[finance] discount_rate=true"),
    ],
)
def test_a_boolean_demand_or_finance_value_is_shown_as_written(old, new, said):
    """`years = true` said "years=True: must be a number" (Python's spelling), where a
    block's boolean says "=true: ..., not a boolean"."""
    with pytest.raises(InputError) as exc:
        scenario.parse(_with(_MINI, old, new), "t")
    assert str(exc.value) == f"t: {said}: must be a number, not a boolean"


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_scenario_name_is_refused_as_empty(name):
    """scenario.load('') said "scenario='': is a directory" (Path('') is '.'); the command
    line printed the same."""
    with pytest.raises(InputError, match=rf"^scenario={name!r}: empty; give a shipped scenario"):
        scenario.load(name)
    proc = subprocess.run(
        [sys.executable, "-m", "orbitcompute", "compare", name], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "empty; give a shipped scenario name" in proc.stderr
