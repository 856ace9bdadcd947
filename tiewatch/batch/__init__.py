"""Stage `batch`: the ingest pipeline (read -> extract -> store -> graph refresh) and the executors
it runs on (see docs/internals.md)."""

from tiewatch.batch.executor import Executor, LocalExecutor, executors
from tiewatch.batch.pipeline import IngestReport, Skip, ingest

__all__ = ["Executor", "IngestReport", "LocalExecutor", "Skip", "executors", "ingest"]
