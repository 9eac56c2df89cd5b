"""How hard the tests look: a quick default profile, and a thorough one for CI.

`UA_PROFILE=thorough` (set by `.ci/run` for its second pass) raises the number of
cases of every property and fuzzing test; `UA_REQUIRE_ALL=1` turns a missing outside
part (Xvfb, Chromium, PostgreSQL) from a skip into a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

THOROUGH = os.environ.get("UA_PROFILE", "") == "thorough"
REQUIRE_ALL = os.environ.get("UA_REQUIRE_ALL", "") == "1"


def examples(quick: int, thorough: int) -> int:
    """The number of cases a property or fuzzing test runs under the active profile."""
    return thorough if THOROUGH else quick


def require_tools(*tools: str, install: str) -> None:
    """Skip the test when a tool is missing, or fail under UA_REQUIRE_ALL=1."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed ({install})"
    if REQUIRE_ALL:
        pytest.fail(f"UA_REQUIRE_ALL=1 but {reason}")
    pytest.skip(reason)
