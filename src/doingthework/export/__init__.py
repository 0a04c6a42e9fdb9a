"""Exporters: a small registry of formats, each a class that turns an export's context into text.

Exporters never print and never write files; the command line and the app decide where the
text goes (and make the file private).
"""

from __future__ import annotations

from doingthework.core.errors import BadInput
from doingthework.core.report import ExportContext
from doingthework.export.document import Exporter
from doingthework.export.html import HtmlExporter
from doingthework.export.json_export import JsonExporter
from doingthework.export.markdown import MarkdownExporter

EXPORTERS: dict[str, type[Exporter]] = {cls.name: cls for cls in (MarkdownExporter, JsonExporter, HtmlExporter)}
FORMATS = tuple(EXPORTERS)


def exporter_for(fmt: str) -> Exporter:
    cls = EXPORTERS.get(fmt.strip().lower()) if isinstance(fmt, str) else None
    if cls is None:
        raise BadInput(f"there is no export format called '{fmt}'", hint=f"formats: {', '.join(FORMATS)}")
    return cls()


def export_text(fmt: str, context: ExportContext) -> str:
    """The export in format `fmt` ("md", "json" or "html"); BadInput for any other."""
    return exporter_for(fmt).export(context)


__all__ = ["EXPORTERS", "FORMATS", "ExportContext", "Exporter", "export_text", "exporter_for"]
