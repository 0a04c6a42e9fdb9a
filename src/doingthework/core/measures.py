"""Measures: the PHQ-9 and GAD-7 as published, and how a set of answers is scored.

Both questionnaires are reproduced word for word, with the attribution they carry. A score is
a screening score, to talk through with a therapist: never a diagnosis, and dtw never says it is
one. PHQ-9 item 9 opens the way to help now (core/notice.py), calmly, never as an alarm.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from doingthework.core.errors import BadInput, ConfigError

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
DEFAULT_EVERY_DAYS = 14  # a measure the plan switches on is due this often, unless it says otherwise
MAX_ITEMS = 60


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


def define(raw: dict[str, Any], where: str) -> Measure:
    """The plan's own questionnaire from its `[[measures]]` table, whose types core/config.py has
    checked; ConfigError naming the key (`where` is e.g. 'measures[1]') for anything that can't work.

    Answers are whole numbers from 0 to 9, so that one key answers on the Measure screen."""
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        raise ConfigError(f"'{where}.title' is needed: what to call it, e.g. \"Weekly check\"")
    items = tuple(" ".join(item.split()) for item in raw.get("items", []))
    if not items or not all(items):
        raise ConfigError(f"'{where}.items' needs at least one question, and none of them empty")
    if len(items) > MAX_ITEMS:
        raise ConfigError(f"'{where}.items' can have at most {MAX_ITEMS} questions")
    answers: tuple[tuple[int, str], ...] = HOW_OFTEN
    if "answers" in raw:
        answers = tuple((a.get("value"), " ".join(str(a.get("label", "")).split())) for a in raw["answers"])
        for number, (value, label) in enumerate(answers):
            if value is None or not label:
                raise ConfigError(f"'{where}.answers[{number}]' needs a value and a label")
            if not 0 <= value <= 9:
                raise ConfigError(f"'{where}.answers[{number}].value' should be from 0 to 9 (one key answers it)")
        values = [value for value, _ in answers]
        if len(answers) < 2 or len(set(values)) != len(values):
            raise ConfigError(f"'{where}.answers' needs at least two answers, each with a value of its own")
        answers = tuple(sorted(answers))
    most = len(items) * max(value for value, _ in answers)
    bands = tuple(
        Band(b.get("low", 0), b.get("high", most), " ".join(b.get("words", "").split())) for b in raw.get("bands", [])
    )
    for number, band in enumerate(bands):
        if not band.words or not 0 <= band.low <= band.high <= most:
            raise ConfigError(
                f"'{where}.bands[{number}]' needs words, and low and high from 0 to {most} (the highest score), "
                "low no more than high"
            )
    ordered = sorted(bands, key=lambda b: b.low)
    if any(later.low <= earlier.high for earlier, later in pairwise(ordered)):
        raise ConfigError(f"'{where}.bands' overlap: each score should fall in one band at most")
    notice = raw.get("notice")
    notice_item, at_or_above = None, 1
    if notice is not None:
        notice_item, at_or_above = notice.get("item"), notice.get("at_or_above", 1)
        if notice_item is None or not 1 <= notice_item <= len(items):
            raise ConfigError(f"'{where}.notice.item' should be a question's number, from 1 to {len(items)}")
        if not any(value >= at_or_above for value, _ in answers) or at_or_above < 1:
            raise ConfigError(f"'{where}.notice.at_or_above' should be an answer's value above 0")
    return Measure(
        id=raw["id"].strip().casefold(),
        title=" ".join(raw["title"].split()),
        stem=" ".join(raw.get("stem", "").split()),
        items=items,
        answers=answers,
        bands=tuple(ordered),
        notice_item=notice_item,
        notice_at_or_above=at_or_above,
    )


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


def due_window(plan: Plan) -> int:
    """How many days back `due` needs to see: the longest `every_days` of those switched on."""
    return max(plan.due.values(), default=0)


def due(plan: Plan, entries: Iterable[object], today: date) -> list[Measure]:
    """The measures the plan switches on that are due today: none filled in over their last
    `every_days` days (today counts as one). `entries` need go back only `due_window` days.

    Due is a gentle reminder, never a debt: it does not grow, and nothing says how late."""
    from doingthework.core.models import Measure as MeasureEntry

    last: dict[str, date] = {}
    for entry in entries:
        if isinstance(entry, MeasureEntry):
            day = entry.at.astimezone().date()
            last[entry.measure] = max(day, last.get(entry.measure, day))
    choices = known(plan)
    return [
        choices[measure_id]
        for measure_id, every in plan.due.items()
        if measure_id in choices and (measure_id not in last or (today - last[measure_id]).days >= every)
    ]


def due_words(measures: list[Measure]) -> str:
    """'PHQ-9 is due', 'PHQ-9 and GAD-7 are due' ('' for none)."""
    titles = [m.title for m in measures]
    if not titles:
        return ""
    names = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    return f"{names} {'is' if len(titles) == 1 else 'are'} due"


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
