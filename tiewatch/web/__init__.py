"""Stage `web`: see docs/internals.md."""
