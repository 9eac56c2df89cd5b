"""Save migrations: each turns the raw data of format N into format N + 1.

They run one step at a time on the raw JSON data, before validation, so a save
from any past format reaches the current one. Add a step whenever
`SAVE_FORMAT` is raised, and a fixture save of the old format to the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.i18n import _
from game.persistence.format import SAVE_FORMAT

Raw = dict[str, Any]

def _one_news_to_many(raw: Raw) -> Raw:
    """Format 1 had one news a month: each turn record's `event` and `choices` become its
    list of `news`; the news still to decide on is none (one news was all there was), and
    the policy phase no longer keeps the month's news as the current event."""
    state = raw.get("state")
    if not isinstance(state, dict):
        return raw  # damaged: validation says where
    log = state.get("log")
    if isinstance(log, list):
        for record in log:
            if isinstance(record, dict) and "event" in record:
                event, choices = record.pop("event"), record.pop("choices", {})
                record["news"] = [] if event is None else [{"event": event, "choices": choices}]
    state.setdefault("queue", [])
    if state.get("phase") == "policy":
        state["event"] = None
    return raw


#: format N → the function that upgrades raw data of format N to N + 1.
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _one_news_to_many}


class MigrationError(Exception):
    """A save's format cannot be brought up to date (why, in the language in use)."""


def migrate(raw: Raw, target: int = SAVE_FORMAT) -> Raw:
    """Upgrade raw save data step by step to `target`; raises MigrationError if it can't."""
    header = raw.get("header")
    if not isinstance(header, dict) or not isinstance(header.get("format"), int):
        raise MigrationError(_("it has no save format number"))
    version = header["format"]
    if version > target:
        raise MigrationError(_("its format {version} is newer than this game's ({target})")
                             .format(version=version, target=target))
    if version < 1:
        raise MigrationError(_("its format {version} is unknown").format(version=version))
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(_("there is no way to upgrade format {version}")
                                 .format(version=version))
        raw = step(raw)
        version += 1
        raw["header"]["format"] = version
    return raw
