"""A questionnaire (PHQ-9, GAD-7), one question at a time: a digit answers and moves on, left
or backspace goes back, F1 is help now as everywhere. The answers so far are kept as a draft
after each one, and offered back; the entry is saved once every question has its answer."""

from __future__ import annotations

from datetime import timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from doingthework.core.errors import DtwError
from doingthework.core.measures import SCREENING_NOTE, Measure, due, due_window, find, known, result_words
from doingthework.core.models import Measure as MeasureEntry
from doingthework.core.notice import CARE_LINE, newly_noticed
from doingthework.core.periods import Period, local_midnight
from doingthework.tui.screens.base import DtwScreen
from doingthework.tui.screens.modals import ConfirmScreen

DIGITS = [Binding(str(n), f"answer({n})", str(n), show=False) for n in range(10)]


class MeasureScreen(DtwScreen[MeasureEntry | None]):
    DEFAULT_CSS = """
    MeasureScreen #measure-body { padding: 1 2; }
    MeasureScreen #measure-progress { color: $text-muted; }
    MeasureScreen #measure-question { text-style: bold; margin: 1 0; }
    MeasureScreen #measure-result { text-style: bold; }
    MeasureScreen #measure-attribution { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        *DIGITS,
        Binding("left,backspace", "back", "Back a question", id="back_question"),
        Binding("escape", "leave", "Leave", id="leave"),
    ]

    def __init__(self, measure: str = "phq9") -> None:
        super().__init__()
        self.measure_id = measure
        self.measure: Measure  # found in compose, where the app (and the plan's own measures) is at hand
        self.answers: list[int] = []
        self.difficulty: int | None = None
        self.saved: MeasureEntry | None = None
        self._noticed_said = False

    @property
    def draft_name(self) -> str:
        return f"measure-{self.measure.id}"

    def compose(self) -> ComposeResult:
        self.measure = find(self.measure_id, self.app.loaded.plan)
        yield Header(icon="")
        with VerticalScroll(id="measure-body"):
            yield Static(f"{self.measure.title}. {self.measure.stem}", id="measure-stem", markup=False)
            yield Static("", id="measure-progress")
            yield Static("", id="measure-question", markup=False)
            yield Static("", id="measure-answers", markup=False)
            yield Static("", id="measure-result", markup=False)
            yield Static(self.measure.attribution, id="measure-attribution", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show()
        kept = self.app.store.load_draft(self.draft_name)
        if kept is None or not kept[0].get("answers"):
            return
        values, when = kept

        def answer(resume: bool | None) -> None:
            if resume:
                self.answers = [int(a) for a in values["answers"]][: len(self.measure.items)]
            else:
                self.app.store.clear_draft(self.draft_name)
            self.show()

        self.app.push_screen(
            ConfirmScreen(
                f"You started a {self.measure.title} on {when.astimezone():%a %d %b} and didn't finish it.\n"
                "Pick up where you left off?",
                yes="Continue it",
                no="Start fresh",
                escape_answer=True,
                safe=True,
            ),
            answer,
        )

    # ---- what is on screen -------------------------------------------------------------------
    def asking(self) -> str:
        """What the screen asks now: 'item', 'difficulty' or 'done'."""
        if len(self.answers) < len(self.measure.items):
            return "item"
        if self.saved is None and self.measure.difficulty and any(self.answers) and self.difficulty is None:
            return "difficulty"
        return "done"

    def show(self) -> None:
        question = self.query_one("#measure-question", Static)
        answers = self.query_one("#measure-answers", Static)
        progress = self.query_one("#measure-progress", Static)
        result = self.query_one("#measure-result", Static)
        stage = self.asking()
        if stage == "item":
            number = len(self.answers) + 1
            progress.update(f"Question {number} of {len(self.measure.items)} · a digit answers · ← goes back")
            question.update(f"{number}. {self.measure.items[number - 1]}")
            answers.update("\n".join(f"  {value}  {words}" for value, words in self.measure.answers))
            result.update("")
        elif stage == "difficulty":
            progress.update("One last question, not scored")
            question.update(self.measure.difficulty or "")
            answers.update("\n".join(f"  {n}  {words}" for n, words in enumerate(self.measure.difficulty_answers)))
        else:
            progress.update("")
            question.update("")
            answers.update("")
            score = self.measure.score(self.answers)
            result.update(f"{result_words(self.measure, score)}\n{SCREENING_NOTE}\n\nEscape goes back.")

    # ---- answering -----------------------------------------------------------------------------
    def action_answer(self, value: int) -> None:
        stage = self.asking()
        if stage == "item" and value in self.measure.values:
            self.answers.append(value)
            self.app.store.save_draft(self.draft_name, {"answers": self.answers})
            if self.measure.noticed(self.answers) and not self._noticed_said:
                self._noticed_said = True  # right after the answer, once; the questionnaire goes on or can stop
                self.offer_care([CARE_LINE, "You can finish this, or leave it here: nothing is lost."])
        elif stage == "difficulty" and 0 <= value < len(self.measure.difficulty_answers):
            self.difficulty = value
        else:
            return
        if self.asking() == "done" and self.saved is None:
            self.save()
        self.show()

    def action_back(self) -> None:
        if self.saved is not None:
            return
        if self.asking() == "difficulty" or self.difficulty is not None:
            self.difficulty = None
        if self.answers:
            self.answers.pop()
            self.app.store.save_draft(self.draft_name, {"answers": self.answers})
        self.show()

    def save(self) -> None:
        try:
            entry = self.measure.record(self.answers, self.difficulty, at=self.now())
            self.app.store.add(entry)
        except DtwError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        self.saved = entry
        self.app.store.clear_draft(self.draft_name)
        if newly_noticed(entry, self.app.loaded.plan):
            self.app.offer_care([CARE_LINE, "The answer is kept, and the moment is listed under Safety first."], entry)

    def action_leave(self) -> None:
        if self.asking() == "difficulty":  # the closing question is skippable: every answer given is kept
            self.save()
        self.dismiss(self.saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" and (self.saved is not None or not self.answers):
            return None  # shown greyed: nothing to go back to
        return True


class MeasureChooser(DtwScreen[None]):
    """Pick a questionnaire (enter opens it): the built-in ones and the plan's own, those the
    plan says are due marked so, gently."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="back")]
    DEFAULT_CSS = """
    MeasureChooser #chooser-help { padding: 1 2; }
    MeasureChooser #measures { margin: 0 2; height: auto; max-height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("Questionnaires your therapist may ask for. Enter opens one; escape goes back.", id="chooser-help")
        yield OptionList(
            *(Option(self._prompt(m), id=m.id) for m in known(self.app.loaded.plan).values()), id="measures"
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#measures", OptionList).focus()
        if self.app.loaded.plan.due and not self.app.locked:
            self.find_due()

    @staticmethod
    def _prompt(measure: Measure, due: bool = False) -> str:
        return f"{measure.title}  ·  {len(measure.items)} questions" + ("  ·  due" if due else "")

    @work(thread=True, exclusive=True, group="measure-due")
    def find_due(self) -> None:
        """Which are due: read the days the plan's `every_days` need, off the UI thread."""
        plan, today = self.app.loaded.plan, self.now().date()
        since = local_midnight(today - timedelta(days=due_window(plan) - 1))
        found = due(plan, self.app.store.query(Period(since, None)).entries, today)
        self.app.call_from_thread(self._mark_due, found)

    def _mark_due(self, found: list[Measure]) -> None:
        options = self.query_one("#measures", OptionList)
        for measure in found:
            options.replace_option_prompt(measure.id, self._prompt(measure, due=True))

    @on(OptionList.OptionSelected, "#measures")
    def open_measure(self, event: OptionList.OptionSelected) -> None:
        self.app.switch_screen(MeasureScreen(event.option.id or "phq9"))
