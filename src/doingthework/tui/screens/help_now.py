"""Help now: the person's own safety plan and crisis lines, one key from anywhere."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from doingthework.core.safety import (
    ADD_YOUR_OWN,
    NOT_A_SERVICE,
    OPENING,
    OPENING_NO_PLAN,
    help_now_sections,
    read_safety_sections,
)
from doingthework.tui.screens.base import DtwScreen


class HelpNowScreen(DtwScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def compose(self) -> ComposeResult:
        sections, note = read_safety_sections(self.app.plan_file, self.app.store.paths.last_good_dir / "plan.toml")
        has_plan = any(key != "crisis_lines" for key in sections)
        yield Header(icon="")
        with VerticalScroll(id="help-body"):
            yield Static(OPENING if has_plan else OPENING_NO_PLAN, id="help-opening")
            for index, (title, items) in enumerate(help_now_sections(sections)):
                yield Static(title, classes="help-title", id="help-crisis-title" if index == 0 else None)
                yield Static(
                    "\n".join(f"• {item}" for item in items),
                    classes="help-items",
                    markup=False,
                    id="help-crisis-lines" if index == 0 else None,
                )
                if index == 0 and note:
                    yield Static(note, classes="help-note", markup=False)
            if not has_plan:
                yield Static(ADD_YOUR_OWN, classes="help-add-your-own", markup=False)
            yield Static(NOT_A_SERVICE, id="help-not-a-service")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
