"""Stage `bench`: see docs/internals.md."""
