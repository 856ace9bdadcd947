"""Stage `ingest`: see docs/internals.md."""
