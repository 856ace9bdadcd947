"""Stage `export`: the graph in the formats other tools read, and analyst briefs.

Exporters live in the `exporters` registry (group `tiewatch.exporters`); the built-in ones are
declared as entry points in pyproject.toml, exactly as a third-party package would declare its own.
"""

from tiewatch.export.exporter import ExportOptions, Exporter, Selection, export, exporters, prepare_target

__all__ = ["ExportOptions", "Exporter", "Selection", "export", "exporters", "prepare_target"]
