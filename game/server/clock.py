"""Time on the server, through one object that tests replace (never the clock itself)."""

from __future__ import annotations

import time
from datetime import datetime, timezone


class Clock:
    """The real time: seconds for intervals, and the date for records."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start, never going back (rate limits, deadlines)."""
        return time.monotonic()

    def now(self) -> str:
        """The current UTC time, ISO 8601, to the second."""
        return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class ShiftedClock(Clock):
    """The real time moved forward by the seconds written in a file: how a test of a
    whole server (another process) makes a deadline pass without waiting for it
    (`UA_CLOCK_FILE`). A missing or unreadable file moves it by nothing."""

    def __init__(self, path: str) -> None:
        self.path = path

    def shift(self) -> float:
        try:
            with open(self.path, encoding="utf-8") as handle:
                return float(handle.read().strip() or 0)
        except (OSError, ValueError):
            return 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.shift()

    def now(self) -> str:
        return datetime.fromtimestamp(time.time() + self.shift(), timezone.utc).replace(
            microsecond=0).isoformat()


class FakeClock(Clock):
    """A clock a test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.seconds = start

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.seconds += seconds

    def now(self) -> str:
        return datetime.fromtimestamp(1_700_000_000 + self.seconds, timezone.utc).isoformat()
