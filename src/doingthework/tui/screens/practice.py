"""Practice: a chooser, and the timer screen with its breathing guide. Logged the moment it ends."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from doingthework.core.config import Scale
from doingthework.core.errors import DtwError
from doingthework.core.practice import (
    PracticeRun,
    Schedule,
    build_schedule,
    check_rating,
    clock_text,
    length_text,
    pattern_text,
)
from doingthework.core.presets import (
    CYCLE,
    Presets,
    load_presets,
)
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.widgets.breathing_guide import BreathingGuide
from doingthework.tui.widgets.scale_picker import ScalePicker

FRAME_SECONDS = 1 / 20


def rating(name: str, label: str) -> Scale:
    """How someone feels before or after a practice, 0–10."""
    return Scale(name=name, label=label, min=0, max=10, low="not good at all", high="really good")


def countdown(left: float, seconds: float) -> str:
    """The seconds left in a phase: 4, 3, 2, 1 for whole phases; 5.5, 5.4 ... for others; 1:30 from a minute."""
    if float(seconds).is_integer() or left >= 60:
        whole = math.ceil(left - 1e-6)
        return str(whole) if whole < 60 else clock_text(whole)
    return f"{math.ceil(left * 10 - 1e-6) / 10:.1f}"


def app_presets(app) -> Presets:
    return load_presets(app.loaded.plan.practice, str(app.plan_file), app.loaded.plan.dropped_presets)


def open_practice(app, preset: str | None = None, **options: Any) -> None:
    """Open the chooser, or (with a preset) the timer at once. Bad options get a notice, not a crash."""
    if isinstance(app.screen, (PracticeScreen, PracticeChooser)):
        return
    if preset is None:
        app.push_screen(PracticeChooser(options))
        return
    try:
        screen = practice_screen(app, preset, options)
    except DtwError as exc:
        app.notify(exc.message, severity="warning", markup=False)
        return
    app.push_screen(screen)


def practice_screen(app, preset_id: str, options: dict[str, Any]) -> PracticeScreen:
    """Build the timer for `preset_id` with the command line's options (or the chooser's)."""
    config = app.loaded.config
    before = options.get("before")
    check_rating(before, "the before rating")
    preset = app_presets(app).find(preset_id)
    schedule = build_schedule(preset, options.get("minutes"), options.get("rounds"), options.get("delay"))
    return PracticeScreen(
        schedule,
        before=before,
        bells=options.get("bells", config.bells),
        reduced_motion=options.get("reduced_motion", config.reduced_motion),
        clock=options.get("clock"),
    )


class PracticeChooser(DtwScreen[None]):
    """Pick a practice (enter starts it); a before rating can be given first, or skipped."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.options = dict(options or {})

    def compose(self) -> ComposeResult:
        presets = app_presets(self.app)
        yield Header(icon="")
        with Vertical(id="chooser-body"):
            yield Static("Pick a practice; enter starts it at once. Escape stops it any time.", id="chooser-help")
            options = []
            for preset in presets.presets:
                try:
                    length = length_text(build_schedule(preset))
                except DtwError:
                    length = ""
                mine = "" if preset.builtin else "  (your plan)"
                options.append(
                    Option(f"{preset.name}{mine}  ·  {length}\n  [dim]{pattern_text(preset)}[/dim]", id=preset.id)
                )
            yield OptionList(*options, id="presets")
            yield ScalePicker(rating("before", "Before you start: how do you feel? (optional)"), id="before")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # a broken plan preset: said where it can be seen at any size (the list can fill the screen)
        for problem in app_presets(self.app).problems:
            self.notify(problem, severity="warning", timeout=12, markup=False)
        before = self.options.get("before")
        if before is not None:
            self.query_one("#before", ScalePicker).value = before
        self.query_one("#presets", OptionList).focus()

    @on(OptionList.OptionSelected, "#presets")
    def start(self, event: OptionList.OptionSelected) -> None:
        options = {**self.options, "before": self.query_one("#before", ScalePicker).value}
        try:
            screen = practice_screen(self.app, event.option.id or "", options)
        except DtwError as exc:
            self.notify(exc.message, severity="warning", markup=False)
            return
        self.app.switch_screen(screen)


class PracticeScreen(DtwScreen[None]):
    """The timer. space pauses, escape stops at once (and logs), + and - change the length."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("space", "pause", "Pause", id="pause"),
        Binding("space", "resume", "Carry on", id="resume"),
        Binding("escape", "stop", "Stop", id="stop"),
        Binding("escape", "back", "Back", id="back"),
        Binding("plus,equals_sign", "more", "+1 min", key_display="+", id="more"),
        Binding("minus", "less", "−1 min", key_display="-", id="less"),
        Binding("enter", "next", "Next step", id="next"),
        Binding("enter", "back", "Done", show=False, id="done"),
    ]

    def __init__(
        self,
        schedule: Schedule,
        *,
        before: int | None = None,
        bells: bool = True,
        reduced_motion: bool = False,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__()
        self.run = PracticeRun(schedule, clock or time.monotonic, before=before, wall_clock=self.now)
        self.timer = self.run.timer
        self.preset = schedule.preset
        self.bells = bells
        self.reduced_motion = reduced_motion
        self._ended = False  # finish() has run: logged (or nothing to log), the after rating offered
        self._shown: dict[str, str] = {}
        self._ticker: Any = None  # the 20 fps frame timer, stopped once the practice ends
        self._draft = ""  # the grounding note as typed so far (kept even if the app quits under it)

    @property
    def paced(self) -> bool:
        return self.run.paced

    # ---- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="practice-body"):
            with Horizontal(id="practice-top"):
                yield Static(self.preset.name, id="practice-name", markup=False)
                yield Static("", id="practice-round")
            guide = BreathingGuide(id="guide")
            guide.reduced_motion = self.reduced_motion
            guide.shape = self.preset.mode == CYCLE
            yield guide
            yield Static("", id="practice-phase", markup=False)
            yield Static("", id="practice-guidance", markup=False)
            yield Static("", id="practice-time")
            if self.paced:
                yield Input(placeholder="Note them here if you like (optional); enter moves on", id="grounding-note")
            with Vertical(id="practice-after"):
                yield Static("", id="practice-result")
                yield ScalePicker(rating("after", "How do you feel now? (optional)"), id="after")
                yield Static("A digit rates it · enter or escape when you're done", id="practice-after-help")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#practice-after").display = False
        if self.paced:
            self.query_one("#grounding-note", Input).focus()
        self._ticker = self.set_interval(FRAME_SECONDS, self.tick)
        self.handle(self.timer.start())
        self.show()

    def on_unmount(self) -> None:
        """Leaving mid-practice (ctrl+q, SIGTERM, SIGHUP all exit the app): stop and log it."""
        if self._ended or not self.timer.began:
            return
        self._keep_note()
        self.timer.stop()
        self.log_practice()

    # ---- time passing ----------------------------------------------------------------------
    def tick(self) -> None:
        """One frame: let the timer catch up, ring what needs ringing, redraw."""
        if self.timer.done:
            return
        self.handle(self.timer.update())
        self.show()

    def handle(self, events) -> None:
        if any(e.rings for e in events) and self.bells:
            self.app.bell()
        self.run.began_now()
        if self.timer.done and not self._ended:
            self.finish()

    def show(self) -> None:
        timer = self.timer
        guide = self.query_one("#guide", BreathingGuide)
        step = timer.step
        if not timer.began:
            words = f"Starting in {clock_text(timer.delay_left)}" if timer.delay_left else "Ready"
            phase = "Settle in. " + words
        elif self.paced:
            words = step.phase.title
            phase = f"step {timer.index + 1} of {len(timer.schedule.steps)}"
        else:
            words = f"{step.phase.title}  {countdown(timer.step_left or 0, step.seconds or 0)}"
            phase = words
            if self.preset.mode != CYCLE and len(timer.schedule.steps) > 1:
                phase = f"step {timer.index + 1} of {len(timer.schedule.steps)}"
            elif self.preset.mode != CYCLE or self.reduced_motion:
                phase = ""  # the guide already says it in words
        guide.level = timer.level()
        guide.words = words
        self._set("#practice-phase", phase)
        self._set("#practice-guidance", step.phase.guidance or " ".join(self.preset.guidance))
        if timer.schedule.preset.mode == CYCLE:
            self._set("#practice-round", f"round {step.round} of {timer.schedule.rounds}")
        so_far = clock_text(math.floor(timer.elapsed + 1e-6))  # a second counts once it is over
        time_line = f"{so_far} so far"
        if timer.left is not None:
            time_line += f"  ·  {clock_text(math.ceil(timer.left - 1e-6))} left"  # 0:00 left only at the end
        if timer.paused:
            time_line = f"Paused at {so_far} — space to carry on, escape to stop"
        self._set("#practice-time", time_line)

    def _set(self, selector: str, text: str) -> None:
        """Update a line only when its words change, so a frame costs little."""
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text)

    # ---- keys -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        running = not self.timer.done
        if action == "pause":
            return running and not self.timer.paused
        if action == "resume":
            return self.timer.paused
        if action == "stop":
            return running
        if action in ("more", "less"):
            return running and not self.paced
        if action == "next":
            return running and self.paced
        if action == "back":
            return not running
        return True

    def on_screen_suspend(self) -> None:
        """Another screen on top (help now, the palette): the practice waits, paused, for the person."""
        if not self.timer.done and not self.timer.paused:
            self.action_pause()

    def action_pause(self) -> None:
        self.timer.pause()
        self.show()
        self.refresh_bindings()

    def action_resume(self) -> None:
        self.timer.resume()
        self.show()
        self.refresh_bindings()

    def action_stop(self) -> None:
        """escape: stop at once, no questions; what was done is logged (a half-typed note too)."""
        self._keep_note()
        self.timer.stop()
        self.handle([])
        self.show()

    def action_more(self) -> None:
        if self.timer.more():
            self.notify("A minute more.", timeout=2)
        self.show()

    def action_less(self) -> None:
        if not self.timer.less():
            if self.preset.mode == CYCLE:
                self.notify("This is the last round already; escape stops whenever you like.", timeout=3)
            else:
                self.notify("It's as short as it can be now; escape stops whenever you like.", timeout=3)
        self.show()

    def action_next(self) -> None:
        if self.paced and not self.timer.done:
            self._keep_note()
            self.handle(self.timer.advance())
            self.show()

    @on(Input.Submitted, "#grounding-note")
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next()

    @on(Input.Changed, "#grounding-note")
    def _note_changed(self, event: Input.Changed) -> None:
        self._draft = event.value

    def _keep_note(self) -> None:
        if not self.run.keep_note(self._draft):
            return
        self._draft = ""
        fields = self.query("#grounding-note").results(Input)  # gone already when the app is closing
        for field in fields:
            field.value = ""

    # ---- the log ---------------------------------------------------------------------------
    def log_practice(self) -> str | None:
        """Write the entry for a practice that began and has ended or been stopped; no UI.

        Returns why it couldn't be written, or None when it was.
        """
        self._ended = True
        try:
            self.run.log(self.app.store)
        except DtwError as exc:
            return exc.message
        return None

    def finish(self) -> None:
        """Log the practice now that it has ended or been stopped, and offer the after rating."""
        timer = self.timer
        if self._ticker is not None:
            self._ticker.stop()  # nothing moves any more
        result = self.query_one("#practice-result", Static)
        self._ended = True
        problem = self.log_practice() if timer.began else None
        if problem is not None:
            result.update(f"This practice couldn't be logged: {problem}")
        else:
            result.update(self.run.closing_sentence())
        if not timer.began:  # nothing practised yet, so nothing logged and nothing to rate
            self.query_one("#after", ScalePicker).display = False
        for selector in ("#guide", "#practice-phase", "#practice-guidance", "#practice-time"):
            self.query_one(selector).display = False
        if self.paced:
            self.query_one("#grounding-note").display = False
        self.query_one("#practice-after").display = True
        picker = self.query_one("#after", ScalePicker)
        if picker.display:
            picker.focus()
        self.refresh_bindings()

    @on(ScalePicker.Changed, "#after")
    def rate_after(self, event: ScalePicker.Changed) -> None:
        """The after rating updates the entry already logged (a new revision of it)."""
        try:
            self.run.rate_after(self.app.store, event.value)
        except DtwError as exc:
            self.notify(exc.message, severity="warning", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
