"""Stage `export`: see docs/internals.md."""
