"""Stage `batch`: see docs/internals.md."""
