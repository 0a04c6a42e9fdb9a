"""The export as JSON: lossless and versioned, the shape `dtw import` reads back.

Only the entries of the period, each exactly as `--json` shows it (extras included); the
computed report is left out, since everything in it can be worked out again from these.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from doingthework.core.models import format_at
from doingthework.core.report import ExportContext
from doingthework.core.sanitize import dumps_json
from doingthework.export.document import Exporter

FORMAT_NAME = "doingthework"
FORMAT_VERSION = 1


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else format_at(moment)


def export_object(context: ExportContext) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": format_at(context.exported_at),
        "since": _when(context.since),
        "until": _when(context.until),
        "entries": [entry.to_dict() for entry in context.entries],
        # added later in version 1, optional: when each entry was last changed, and the entries
        # deleted before the export. `dtw import` keeps what is newer here (docs/data-format.md)
        "revised_at": dict(context.revised_at or {}),
        "deleted": list(context.deleted),
    }


class JsonExporter(Exporter):
    name = "json"

    def export(self, context: ExportContext) -> str:
        # lossless, with control characters, bidi overrides and lone surrogates as \\u escapes
        return dumps_json(export_object(context)) + "\n"
