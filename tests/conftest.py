"""Test profiles and markers shared by every test file."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# Every property and fuzzing test is reproducible: the same cases on every run, no
# example database, no deadline (a loaded CI machine must not turn speed into failure).
_COMMON = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                              HealthCheck.data_too_large, HealthCheck.large_base_example],
}
settings.register_profile("quick", **_COMMON)
settings.register_profile("thorough", **_COMMON)
settings.load_profile("quick")
