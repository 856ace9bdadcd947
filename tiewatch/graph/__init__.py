"""Stage `graph`: see docs/internals.md."""
