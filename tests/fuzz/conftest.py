"""Hypothesis profiles for the fuzz tests, and the hostile kinds the CI subset leaves out.

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

# Kinds that break today only because issue 13's per-reader budgets (time, memory, expansion,
# items, depth) and the clipping of fields before SQL are not merged yet; measured on 11e711e:
# hangs or memory past 1 GB (the bombs), DataError tracebacks on PostgreSQL (the rest).
WAITING_FOR_BUDGETS = frozenset({
    "docx-bomb", "docx-table", "emoji-flood", "feed-many", "html-attributes", "html-deep", "html-entities",
    "html-table", "huge-line", "pdf-bomb", "pdf-pages", "telegram-big", "text-big",
})
WAITING_FOR_CLIPPING = frozenset({"overlong-fields", "telegram-nonfinite"})
NOT_IN_CI = WAITING_FOR_BUDGETS | WAITING_FOR_CLIPPING
