"""Summaries of a game for the end screen and debriefs (pure: no pygame, no I/O)."""
