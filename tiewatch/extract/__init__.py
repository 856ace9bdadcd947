"""Stage `extract`: see docs/internals.md."""
