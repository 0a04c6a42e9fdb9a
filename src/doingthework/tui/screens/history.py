"""History: every entry, newest first; filter, read in full, edit, delete (with undo while open).

Entries are read a chunk of weeks at a time, going back as the list is scrolled, so a long
history never loads at once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from doingthework.core.models import KINDS, Boundary, Entry, Note
from doingthework.core.periods import (
    ZONE_MARGIN,
    Period,
    local_midnight,
    parse_since,
)
from doingthework.core.sanitize import clean_line, clean_text
from doingthework.export import entry_words
from doingthework.tui.screens.base import HIDDEN_QUIT, DtwScreen
from doingthework.tui.screens.modals import ConfirmScreen, DtwDialog

CHUNK = timedelta(weeks=13)
PERIODS = [
    ("Last 7 days", "7d"),
    ("Last 30 days", "30d"),
    ("Last 3 months", "13w"),
    ("Last year", "52w"),
    ("Everything", "all"),
]
KIND_NAMES = {
    "checkin": "Check-ins",
    "trigger": "Triggers",
    "boundary": "Boundaries",
    "practice": "Practice",
    "note": "Notes",
    "session": "Sessions",
    "measure": "Measures",
    "journal": "Journal",
}


def describe(entry: Entry) -> str:
    """An entry in full, as sentences a person reads (export/entry_words.py, as the session page's
    appendix words it), with "�" where a control character was (core/sanitize.py)."""
    return clean_text("\n".join([entry_words.heading(entry), "", *entry_words.sentences(entry)]))


def row_text(entry: Entry, width: int | None) -> str:
    """The entry's line in the list: its words cut to fit, never its status (discussed, the
    boundary's outcome, private), which stays readable at 80 columns."""
    status: list[str] = []
    if isinstance(entry, Note):
        text = entry.text
        if entry.extra.get("discussed"):
            status.append("discussed")
    elif isinstance(entry, Boundary):
        text = entry.boundary + (f" with {entry.with_}" if entry.with_ else "")
        if entry.outcome:
            status.append(entry.outcome)
    else:
        text = entry.summary()
    if entry.private:
        status.append("private")
    text = " ".join(clean_line(text).split())
    tail = f"  ({', '.join(status)})" if status else ""
    if width is not None and len(text) + len(tail) > width:
        text = text[: max(1, width - len(tail) - 1)].rstrip() + "…"
    return text + tail


EDITABLE = ("checkin", "trigger", "boundary", "note")  # the kinds with a form (HistoryScreen.edit)


WHEN_WIDTH = 18  # "▸ Thu 03 Dec 13:02"
CURSOR_GLYPH = "▸"


def when_cell(entry: Entry, cursor: bool = False) -> str:
    """The "when" cell; the cursor's row starts with a glyph, which needs no colour to be seen."""
    return f"{CURSOR_GLYPH if cursor else ' '} {entry.at.astimezone():%a %d %b %H:%M}"


class EntryScreen(DtwDialog[str | None]):
    """One entry in full. Returns "edit", "delete", "erase" or None."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="close"),
        Binding("e", "dismiss('edit')", "Edit", id="edit"),
        Binding("d", "dismiss('delete')", "Delete", id="delete"),
        Binding("r", "dismiss('erase')", "Erase", id="erase"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        keys = "d delete · r erase for good · escape close"
        if self.entry.kind in EDITABLE:
            keys = "e edit · " + keys
        with Vertical(id="entry-dialog"):
            with VerticalScroll():
                yield Static(describe(self.entry), markup=False, id="entry-text")
            yield Static(keys, id="entry-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "dismiss" and parameters == ("edit",):
            return self.entry.kind in EDITABLE  # a practice or a session has no form to edit it in
        return True


class HistoryScreen(DtwScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("enter", "open", "Read", show=False),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("d", "delete", "Delete", id="delete"),
        Binding("u", "undo", "Undo", id="undo"),  # short: every key fits the footer at 80 columns
        Binding("x", "discussed", "Discussed", id="discussed"),
        Binding("slash", "search", "Search", id="search"),
        HIDDEN_QUIT,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.loaded_back_to: datetime | None = None  # how far back the list has been read
        self.start: datetime | None = None  # where the chosen period begins (None: everything)
        self.deleted: list[Entry] = []
        self._filter_timer: Timer | None = None
        self._loading = False
        self._generation = 0  # bumped by every reload, so a late chunk from old filters is ignored
        self._return_to: str | None = None  # the entry whose row gets the cursor once it is shown again
        self._marked: str | None = None  # the entry whose row shows the cursor glyph
        self._damaged = 0

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="history-filters"):
            yield Select([(KIND_NAMES[k], k) for k in KINDS], prompt="All kinds", id="filter-kind")
            yield Select(PERIODS, value="30d", allow_blank=False, id="filter-period")
            yield Input(placeholder="tag", id="filter-tag")
            yield Input(placeholder="search text (/)", id="filter-search")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("when", key="when", width=WHEN_WIDTH)
        table.add_column("kind", key="kind", width=9)
        table.add_column("entry", key="entry")
        table.focus()
        self.reload()

    # ---- loading, a chunk at a time -----------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        kind = self.query_one("#filter-kind", Select).value
        tag = self.query_one("#filter-tag", Input).value.strip()
        search = self.query_one("#filter-search", Input).value.strip()
        return {"kinds": None if kind is Select.NULL else [kind], "tag": tag or None, "search": search or None}

    def reload(self, keep: str | None = None) -> None:
        """Read the list again; with `keep`, the cursor comes back to that entry's row."""
        self._return_to = keep
        self._generation += 1
        self._loading = False
        self.entries = []
        self._marked = None
        self.query_one(DataTable).clear()
        period = self.query_one("#filter-period", Select).value
        self.start = parse_since(str(period), self.now())
        self.loaded_back_to = None
        self.load_more()

    def has_more(self) -> bool:
        if self.loaded_back_to is None:
            return True
        if self.start is not None:
            return self.loaded_back_to > self.start
        first = self.app.store.first_month()
        if first is None:
            return False
        earliest = local_midnight(date(int(first[:4]), int(first[5:7]), 1)) - ZONE_MARGIN
        return self.loaded_back_to > earliest

    def load_more(self) -> None:
        if self._loading or not self.has_more():
            return
        self._loading = True
        until = self.loaded_back_to
        since = (until or local_midnight(self.now().date() + timedelta(days=1))) - CHUNK
        if self.start is not None:
            since = max(since, self.start)
        self.query_one("#history-status", Static).update("Looking back…")
        self.read_chunk(self._generation, since, until, self.filters())

    @work(thread=True, group="history")
    def read_chunk(self, generation: int, since: datetime, until: datetime | None, filters: dict[str, Any]) -> None:
        result = self.app.store.query(Period(since, until), **filters)
        self.app.call_from_thread(
            self.show_chunk, generation, since, list(reversed(result.entries)), len(result.damage)
        )

    def show_chunk(self, generation: int, since: datetime, entries: list[Entry], damaged: int) -> None:
        if generation != self._generation:
            return  # the filters changed while this chunk was read
        self._loading = False
        self.loaded_back_to = since
        table = self.query_one(DataTable)
        width = self.entry_width()
        for entry in entries:
            if entry.id in table.rows:
                continue
            self.entries.append(entry)
            # a Text, never a str: DataTable reads a str as markup, and "[work]" would vanish
            table.add_row(when_cell(entry), entry.kind, Text(row_text(entry, width)), key=entry.id)
        self._damaged = damaged
        self.show_count()
        if self._return_to is not None and self._return_to in table.rows:
            table.move_cursor(row=table.get_row_index(self._return_to))  # the row just acted on
            self._return_to = None
        if self.has_more() and table.row_count < 30:
            self.load_more()  # fill the screen before waiting for a scroll

    def show_count(self) -> None:
        note = f" · {self._damaged} line(s) could not be read; `dtw doctor` explains" if self._damaged else ""
        more = " · scroll down for more" if self.has_more() else ""
        count = len(self.entries)
        self.query_one("#history-status", Static).update(f"{count} {'entry' if count == 1 else 'entries'}{more}{note}")

    def entry_width(self) -> int | None:
        """Room for the entry column: the table less the other columns and the cells' padding."""
        width = self.query_one(DataTable).size.width
        return max(20, width - WHEN_WIDTH - 9 - 6 - 2) if width else None

    @on(DataTable.RowHighlighted)
    def mark_the_cursor_row(self) -> None:
        """The row the keys act on carries a glyph, so it shows without colour too (NO_COLOR)."""
        table = self.query_one(DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        by_id = {e.id: e for e in self.entries if e.id in (self._marked, key)}
        if self._marked is not None and self._marked != key and self._marked in by_id and self._marked in table.rows:
            table.update_cell(self._marked, "when", when_cell(by_id[self._marked]))
        self._marked = None
        if key in by_id:
            table.update_cell(key, "when", when_cell(by_id[key], cursor=True))
            self._marked = key

    @on(DataTable.RowHighlighted)
    def near_the_end(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # "e Edit" only where there is a form for the entry
        if event.cursor_row >= event.data_table.row_count - 5:
            self.load_more()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            entry = self.current()
            return entry is None or entry.kind in EDITABLE
        return True

    # ---- filters ------------------------------------------------------------------------
    @on(Select.Changed)
    def filter_chosen(self) -> None:
        if self.is_mounted and self.query(DataTable):
            self.reload()

    @on(Input.Changed)
    def filter_typed(self) -> None:
        if self._filter_timer:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(0.3, self.reload)

    @on(Input.Submitted)
    def filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    # ---- reading, editing, deleting -------------------------------------------------------
    def current(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not table.row_count or not table.has_focus:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self.entries if e.id == key), None)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        entry = self.current()
        if entry is None:
            return

        def chosen(action: str | None) -> None:
            if action == "edit":
                self.edit(entry)
            elif action == "delete":
                self.delete(entry)
            elif action == "erase":
                self.erase(entry)

        self.app.push_screen(EntryScreen(entry), chosen)

    def action_edit(self) -> None:
        entry = self.current()
        if entry:
            self.edit(entry)

    def action_delete(self) -> None:
        entry = self.current()
        if entry:
            self.delete(entry)

    def edit(self, entry: Entry) -> None:
        from doingthework.tui.screens.boundary import BoundaryScreen
        from doingthework.tui.screens.checkin import CheckinScreen
        from doingthework.tui.screens.note import NoteScreen
        from doingthework.tui.screens.trigger import TriggerScreen

        forms = {"checkin": CheckinScreen, "trigger": TriggerScreen, "boundary": BoundaryScreen, "note": NoteScreen}
        form = forms.get(entry.kind)
        if form is None:
            self.notify(f"A {entry.kind} entry can't be edited here yet; it is kept as it is.")
            return
        self.app.push_screen(form(editing=entry), lambda saved: self.reload(keep=entry.id) if saved else None)

    def delete(self, entry: Entry) -> None:
        self.app.store.delete(entry.id)
        self.deleted.append(entry)
        self._remove_row(entry)
        self.notify("Deleted. Press u to undo while this screen is open.", timeout=6)

    def erase(self, entry: Entry) -> None:
        """Delete, and remove every revision of it from this device's files, after a question
        whose focused answer keeps it (core/store.py erase; data-format.md says what it can't reach)."""

        def answer(sure: bool | None) -> None:
            if not sure:
                return
            _, elsewhere = self.app.store.erase(entry.id)
            self._remove_row(entry)
            more = " Copies in other devices' files stay hidden until those devices compact." if elsewhere else ""
            self.notify(f"Erased from this device's files. This can't be undone.{more}", timeout=8)

        self.app.push_screen(
            ConfirmScreen(
                "Erase this entry for good? Its words are removed from this device's files, "
                "and it can't be brought back.",
                yes="Erase",
                no="Keep it",
            ),
            answer,
        )

    def _remove_row(self, entry: Entry) -> None:
        self.entries = [e for e in self.entries if e.id != entry.id]
        table = self.query_one(DataTable)
        row = table.get_row_index(entry.id)
        table.remove_row(entry.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))  # its neighbour
            self.mark_the_cursor_row()  # the same row number: no highlight event comes
        self.show_count()

    def action_discussed(self) -> None:
        """A note talked through in session leaves the next export's agenda (x again brings it back)."""
        entry = self.current()
        if entry is None or entry.kind != "note":
            self.notify("x marks a note for your session as discussed.")
            return
        discussed = not entry.extra.get("discussed")
        extra = {k: v for k, v in entry.extra.items() if k != "discussed"}
        if discussed:
            extra["discussed"] = True
        self.app.store.update(replace(entry, extra=extra))
        self.notify("Marked as discussed; it leaves the next export's agenda." if discussed else "Back on the agenda.")
        self.reload(keep=entry.id)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo.")
            return
        entry = self.deleted.pop()
        self.app.store.add(entry)  # a newer revision of the same id brings it back
        self.notify("Brought back.")
        self.reload(keep=entry.id)
