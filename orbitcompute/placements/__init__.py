"""Placement models: one vectorized system model per kind of placement.

Import them by module, e.g. ``orbitcompute.placements.terrestrial`` (site build-out
under power, land and cooling limits) and ``orbitcompute.placements.orbital``.
"""
