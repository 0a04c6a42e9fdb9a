"""Exporters: a small registry of formats, each a class that turns an export's context into text.

Exporters never print and never write files; the command line and the app decide where the
text goes (and make the file private).
"""

from __future__ import annotations

import importlib

from doingthework.core.errors import BadInput
from doingthework.core.report import ExportContext
from doingthework.export.document import Exporter

# A format's module is imported only when that format is asked for.
EXPORTERS: dict[str, tuple[str, str]] = {
    "md": ("doingthework.export.markdown", "MarkdownExporter"),
    "json": ("doingthework.export.json_export", "JsonExporter"),
    "html": ("doingthework.export.html", "HtmlExporter"),
    "csv": ("doingthework.export.csv_export", "CsvExporter"),
}
FORMATS = tuple(EXPORTERS)


def exporter_class(fmt: str) -> type[Exporter]:
    where = EXPORTERS.get(fmt.strip().lower()) if isinstance(fmt, str) else None
    if where is None:
        raise BadInput(f"there is no export format called '{fmt}'", hint=f"formats: {', '.join(FORMATS)}")
    module, name = where
    exporter: type[Exporter] = getattr(importlib.import_module(module), name)
    return exporter


def exporter_for(fmt: str) -> Exporter:
    return exporter_class(fmt)()


def export_text(fmt: str, context: ExportContext) -> str:
    """The export in format `fmt` ("md", "json", "html" or "csv"); BadInput for any other."""
    return exporter_for(fmt).export(context)


__all__ = ["EXPORTERS", "FORMATS", "ExportContext", "Exporter", "export_text", "exporter_class", "exporter_for"]
