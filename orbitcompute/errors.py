"""Exceptions raised by orbitcompute."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """Bad input: names the parameter, the value given and what is allowed.

    Examples
    --------
    >>> raise InputError("altitude_km=-5: must be between 160 and 100000 km")
    Traceback (most recent call last):
    ...
    orbitcompute.errors.InputError: altitude_km=-5: must be between 160 and 100000 km
    """
