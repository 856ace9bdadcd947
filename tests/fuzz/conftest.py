"""Hypothesis profiles for the fuzz tests.

    pytest tests/fuzz                              # profile "ci": a few hundred cases, fixed seed
    pytest tests/fuzz --hypothesis-profile=release # many more, for a release (with `tiewatch bench fuzz`)
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(derandomize=True, deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                      HealthCheck.data_too_large, HealthCheck.large_base_example])
settings.register_profile("ci", max_examples=25, **_COMMON)
settings.register_profile("release", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
