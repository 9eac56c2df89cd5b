"""Unlikely Allies: a turn-based diplomacy game about the US and Mexico, 2018–2020."""

__version__ = "0.1.0"
