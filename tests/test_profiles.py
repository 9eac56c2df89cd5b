"""The test profiles: a missing outside part skips a test, or fails it under UA_REQUIRE_ALL=1."""

from __future__ import annotations

import pytest

from tests import profiles


def test_a_missing_tool_skips_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles, "REQUIRE_ALL", False)
    with pytest.raises(pytest.skip.Exception, match="no-such-tool-ua not installed"):
        profiles.require_tools("no-such-tool-ua", install="apt-get install nothing")


def test_a_missing_tool_fails_when_every_part_is_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(profiles, "REQUIRE_ALL", True)
    with pytest.raises(pytest.fail.Exception, match="UA_REQUIRE_ALL=1 but no-such-tool-ua"):
        profiles.require_tools("no-such-tool-ua", install="apt-get install nothing")


def test_a_present_tool_neither_skips_nor_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles, "REQUIRE_ALL", True)
    profiles.require_tools("sh", install="it is everywhere")


def test_the_thorough_profile_asks_for_more_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profiles, "THOROUGH", False)
    assert profiles.examples(300, 2000) == 300
    monkeypatch.setattr(profiles, "THOROUGH", True)
    assert profiles.examples(300, 2000) == 2000
