"""A small scenario (one site, one orbital design) shared by the scenario and compare tests."""

MINI_TOML = """[scenario]
name = "mini"
[demand]
it_power_mw = 100
start_year = 2027
years = 5
utilisation = 0.8
[finance]
discount_rate = 0.08
[[terrestrial]]
name = "memphis"
site = "memphis_tn"
[[orbital]]
name = "dd"
orbit = { kind = "sun_synchronous", altitude_km = 650, ltan_h = 18 }
satellite_it_power_kw = 100
launch_vehicle = "starship"
"""
