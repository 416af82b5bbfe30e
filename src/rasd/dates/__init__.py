"""Dates: absolute, partial, fuzzy, Hijri, weekday and relative expressions as intervals."""
