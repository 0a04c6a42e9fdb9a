"""Measures: the PHQ-9 and GAD-7 as published, and how a set of answers is scored.

Both questionnaires are reproduced word for word, with the attribution they carry. A score is
a screening score, to talk through with a therapist: never a diagnosis, and dtw never says it is
one. PHQ-9 item 9 opens the way to help now (core/notice.py), calmly, never as an alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from doingthework.core.errors import BadInput

if TYPE_CHECKING:
    from doingthework.core.config import Plan
    from doingthework.core.models import Measure as MeasureEntry

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
    "display or distribute."
)
SCREENING_NOTE = "This is a screening score to talk through with your therapist, not a diagnosis."
HOW_OFTEN = ((0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day"))


@dataclass(frozen=True)
class Band:
    """A range of scores and the plain words for it."""

    low: int
    high: int
    words: str


@dataclass(frozen=True)
class Measure:
    """A questionnaire: its items, the answers each takes (value, words), and how it is read."""

    id: str
    title: str
    stem: str
    items: tuple[str, ...]
    answers: tuple[tuple[int, str], ...] = HOW_OFTEN
    bands: tuple[Band, ...] = ()
    notice_item: int | None = None  # 1-based: an answer at or above `notice_at_or_above` opens the door to help
    notice_at_or_above: int = 1
    difficulty: str | None = None  # an unscored closing question
    difficulty_answers: tuple[str, ...] = ()
    attribution: str = ""
    every_days: int = 14

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for value, _ in self.answers)

    def score(self, answers: list[int]) -> int:
        return sum(answers)

    def band(self, score: int) -> str | None:
        return next((b.words for b in self.bands if b.low <= score <= b.high), None)

    def most(self) -> int:
        return len(self.items) * max(self.values)

    def check(self, answers: list[int], difficulty: int | None = None) -> None:
        """BadInput, naming what is wrong, unless there is one allowed answer for every item."""
        if len(answers) != len(self.items):
            raise BadInput(
                f"the {self.title} has {len(self.items)} questions, so it needs {len(self.items)} answers "
                f"(got {len(answers)})",
                field="answers",
            )
        allowed = self.values
        for number, answer in enumerate(answers, start=1):
            if answer not in allowed:
                raise BadInput(
                    f"answer {number} is {answer}; each answer is one of {', '.join(map(str, allowed))}",
                    field="answers",
                )
        if difficulty is not None and not 0 <= difficulty < len(self.difficulty_answers):
            if not self.difficulty_answers:
                raise BadInput(f"the {self.title} has no difficulty question", field="difficulty")
            raise BadInput(
                f"the difficulty is a number from 0 to {len(self.difficulty_answers) - 1}", field="difficulty"
            )

    def record(
        self, answers: list[int], difficulty: int | None = None, *, at: datetime | None = None, private: bool = False
    ) -> MeasureEntry:
        """The entry for a finished questionnaire (checked first): answers, score, band and title."""
        from doingthework.core.models import Measure as MeasureEntry

        self.check(answers, difficulty)
        score = self.score(answers)
        entry = MeasureEntry(
            measure=self.id,
            title=self.title,
            answers=list(answers),
            score=score,
            band=self.band(score),
            difficulty=difficulty,
            private=private,
        )
        if at is not None:
            entry.at = at
        return entry

    def noticed(self, answers: list[int]) -> bool:
        """Does an answer meet the measure's notice item (PHQ-9: item 9 above 0)?"""
        if self.notice_item is None or len(answers) < self.notice_item:
            return False
        return answers[self.notice_item - 1] >= self.notice_at_or_above


PHQ9 = Measure(
    id="phq9",
    title="PHQ-9",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
        "fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    notice_item=9,
    difficulty=(
        "If you checked off any problems, how difficult have these problems made it for you to do your "
        "work, take care of things at home, or get along with other people?"
    ),
    difficulty_answers=("Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"),
    attribution=ATTRIBUTION,
)

GAD7 = Measure(
    id="gad7",
    title="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=(Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"), Band(15, 21, "severe")),
    attribution=ATTRIBUTION,
)

BUILTIN: dict[str, Measure] = {m.id: m for m in (PHQ9, GAD7)}


def known(plan: Plan | None) -> dict[str, Measure]:
    """Every measure there is: the built-in ones, then the plan's own (core/config.py checks them)."""
    return {**BUILTIN, **(plan.measures if plan is not None else {})}


def find(measure_id: str, plan: Plan | None = None) -> Measure:
    """A measure by its id (phq9, gad7, or one the plan defines), or BadInput naming the choices."""
    choices = known(plan)
    key = measure_id.strip().casefold().replace("-", "")
    if key in choices:
        return choices[key]
    if plan is not None and key in plan.dropped_measures:
        raise BadInput(plan.dropped_measures[key], hint="fix it in plan.toml (`dtw config edit`)")
    raise BadInput(f"there is no measure called '{measure_id}'", hint=f"measures: {', '.join(choices)}")


def title_of(measure_id: str, title: str | None = None) -> str:
    """What to call a filled-in measure: the title it was saved with, the built-in one's, or its id."""
    return title or (BUILTIN[measure_id].title if measure_id in BUILTIN else measure_id)


def parse_answers(text: str) -> list[int]:
    """'0,1,2,1' (or with spaces) as whole numbers; BadInput for anything else."""
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if not parts:
        raise BadInput("--answers needs one number per question, e.g. 0,1,2,1,0,0,1,0,0", field="answers")
    answers = []
    for number, part in enumerate(parts, start=1):
        if not part.isdigit() or len(part) > 3:
            raise BadInput(f"answer {number} should be a number like 0, 1, 2 or 3", field="answers")
        answers.append(int(part))
    return answers


def result_words(measure: Measure, score: int) -> str:
    """'PHQ-9: 7 of 27, mild.' — the score and the band's words, plainly."""
    band = measure.band(score)
    return f"{measure.title}: {score} of {measure.most()}" + (f", {band}." if band else ".")


def change_words(change: int | None) -> str:
    """'2 lower than the one before', 'the same as the one before', or '' with nothing before."""
    if change is None:
        return ""
    if change == 0:
        return "the same as the one before"
    return f"{abs(change)} {'lower' if change < 0 else 'higher'} than the one before"
