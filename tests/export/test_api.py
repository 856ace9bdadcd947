"""The public surface other stages and plugins rely on."""

import tiewatch.alerts
import tiewatch.export


def test_public_names_are_exported():
    for module in (tiewatch.export, tiewatch.alerts):
        assert all(hasattr(module, name) for name in module.__all__)
    assert {"evaluate", "render_feed", "new_rule", "Alert"} <= set(tiewatch.alerts.__all__)
    assert {"export", "exporters", "Exporter", "ExportOptions"} <= set(tiewatch.export.__all__)


def test_built_in_exporters_arrive_through_entry_points():
    names = set(tiewatch.export.exporters.names())
    assert {"stix", "gexf", "graphml", "gephi", "ftm", "csv", "jsonl"} <= names
    assert all(issubclass(tiewatch.export.exporters.get(n), tiewatch.export.Exporter) for n in names)
