"""Stage `resolve`: see docs/internals.md."""
