"""Stage `alerts`: see docs/internals.md."""
