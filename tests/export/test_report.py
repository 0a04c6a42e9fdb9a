"""The report's numbers and lists, on small data sets worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from doingthework.core.calendar import SPARK_CHARS, sparkline
from doingthework.core.config import CheckinPlan, Plan, Question, Scale
from doingthework.core.errors import BadInput
from doingthework.core.insights import Summary
from doingthework.core.models import Boundary, CheckIn, Note, Practice, Session, Trigger
from doingthework.core.report import (
    SECTION_IDS,
    SPARK_MAX_DAYS,
    Count,
    ExportContext,
    Homework,
    build_report,
)

TZ = timezone(timedelta(hours=-5))


def at(day: int, hour: int = 9, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def context(entries=(), previous=(), notes=(), plan=None, since=None, until=None, **kw) -> ExportContext:
    return ExportContext(
        entries=list(entries),
        previous=list(previous),
        open_notes=list(notes),
        plan=plan or Plan(),
        since=at(2, 0) if since is None else since,
        until=at(16, 0) if until is None else until,
        exported_at=kw.pop("exported_at", at(15, 20)),
        **kw,
    )


def test_section_ids_are_the_contract():
    assert SECTION_IDS == (
        "safety",
        "agenda",
        "diary",
        "checkins",
        "triggers",
        "boundaries",
        "practice",
        "measures",
        "thoughts",
        "appendix",
    )


# ---- the period -------------------------------------------------------------------------


def test_empty_period_has_no_sections():
    report = build_report(context(full=True))
    assert report.sections() == []
    assert (report.first_day, report.last_day, report.days_in_period, report.entries) == (
        date(2026, 3, 2),
        date(2026, 3, 15),
        14,
        0,
    )


def test_open_period_starts_with_the_first_entry_and_ends_on_export_day():
    report = build_report(
        ExportContext(
            entries=[CheckIn(id="a", at=at(10), mood=5)],
            previous=[],
            open_notes=[],
            plan=Plan(),
            since=None,
            until=None,
            exported_at=at(12, 8),
        )
    )
    assert (report.first_day, report.last_day) == (date(2026, 3, 10), date(2026, 3, 12))
    assert report.checkins.days_in_period == 3
    assert report.checkins.scales[0].sparkline == SPARK_CHARS[3] + "  "  # 5 on 1–10: 4/9 × 7 = 3.1 → level 3


def test_open_period_with_nothing_is_the_export_day():
    report = build_report(ExportContext([], [], [], Plan(), None, None, at(12, 8)))
    assert report.first_day == report.last_day == date(2026, 3, 12)


def test_days_are_counted_in_the_export_time_zone():
    # 23:30 on the 2nd in UTC-5 is the 3rd in UTC; the report counts it on the 2nd, where the person lives
    late = datetime(2026, 3, 3, 4, 30, tzinfo=UTC)
    report = build_report(context([CheckIn(id="a", at=late, mood=5), CheckIn(id="b", at=at(2, 8), mood=7)]))
    assert report.checkins.days_checked_in == 1
    assert report.checkins.scales[0].sparkline[0] == SPARK_CHARS[round((6 - 1) / 9 * 7)]


# ---- check-ins --------------------------------------------------------------------------


def test_a_single_day():
    entries = [
        CheckIn(id="a", at=at(5, 8), mood=3, energy=4, sleep_hours=6),
        CheckIn(id="b", at=at(5, 21), mood=6, energy=8),
    ]
    report = build_report(context(entries, since=at(5, 0), until=at(6, 0), exported_at=at(5, 22)))
    section = report.checkins
    assert (section.checkins, section.days_checked_in, section.days_in_period) == (2, 1, 1)
    mood, energy, sleep = section.scales
    assert (mood.name, mood.now) == ("mood", Summary(4.5, 3, 6, 2))
    assert (energy.now.mean, energy.now.low, energy.now.high) == (6, 4, 8)
    assert (sleep.name, sleep.unit, sleep.now) == ("sleep", " h", Summary(6, 6, 6, 1))
    # daily means: mood 4.5 on 1–10 → (3.5/9)*7 = 2.72 → level 3; sleep 6 on 0–12 → 3.5 → level 4 (half up)
    assert mood.sparkline == SPARK_CHARS[3]
    assert sleep.sparkline == SPARK_CHARS[4]


def test_gaps_and_days_checked_in():
    entries = [CheckIn(id=str(d), at=at(d), mood=m) for d, m in ((2, 1), (3, 10), (7, 5), (7, 6), (15, 10))]
    section = build_report(context(entries)).checkins
    assert (section.checkins, section.days_checked_in, section.days_in_period) == (5, 4, 14)
    line = section.scales[0].sparkline
    assert len(line) == 14
    assert line == "▁█   ▅       █"  # 7th: mean 5.5 → 3.5 → level 4 (▅)
    assert [t.name for t in section.scales] == ["mood"]  # energy and sleep had no values: left out


def test_comparison_with_the_period_before():
    now = [CheckIn(id="a", at=at(3), mood=6, energy=5), CheckIn(id="b", at=at(4), mood=8)]
    before = [
        CheckIn(id="c", at=at(20, month=2), mood=4, sleep_hours=7),
        CheckIn(id="d", at=at(25, month=2), mood=5),
        Note(id="n", at=at(21, month=2), text="x"),
    ]
    scales = {t.name: t for t in build_report(context(now, before)).checkins.scales}
    assert scales["mood"].now.mean == 7 and scales["mood"].before == Summary(4.5, 4, 5, 2)
    assert scales["energy"].before == Summary(None, None, None, 0)
    assert "sleep" not in scales  # nothing this period, so no comparison row


def test_plan_scales_feelings_body_and_notes():
    plan = Plan(
        checkin=CheckinPlan(
            scales=[Scale(name="urge", label="Urge", min=0, max=5)],
            questions=[Question(name="win", prompt="One small win?")],
        )
    )
    entries = [
        CheckIn(
            id="a",
            at=at(3),
            feelings=["anxious", "tired"],
            body="Tight chest; shoulders",
            intention="walk",
            scales={"urge": 5, "old": 2},
            extra={"answers": {"win": "called Sam", "gone": "kept"}},
        ),
        CheckIn(
            id="b", at=at(4), feelings=["tired"], body="tight  chest,\nheavy", note="  ", scales={"urge": 0, "old": 4}
        ),
        CheckIn(id="c", at=at(4, 18), feelings=["calm", "anxious", "tired"], note="line one\nline two"),
    ]
    section = build_report(context(entries, plan=plan)).checkins
    assert [t.name for t in section.scales] == ["urge", "old"]
    urge, old = section.scales
    assert (urge.label, urge.now) == ("Urge", Summary(2.5, 0, 5, 2))
    assert urge.sparkline[1:3] == "█▁"  # on the plan's own 0–5
    assert old.sparkline[1:3] == "▁█"  # a scale no longer in the plan: its own values set the range
    assert section.feelings == [Count("tired", 3), Count("anxious", 2), Count("calm", 1)]
    # a body note as written: a comma or a line break never splits it into things noticed
    assert section.body == [Count("Tight chest; shoulders", 1), Count("tight chest, heavy", 1)]
    assert [(d.day.day, d.parts) for d in section.days] == [
        (3, [("Intention", "walk"), ("One small win?", "called Sam"), ("gone", "kept")]),
        (4, [("Note", "line one\nline two")]),
    ]


def test_scales_hidden_in_the_plan_still_report_old_values():
    plan = Plan(checkin=CheckinPlan(hide=["mood"]))
    section = build_report(context([CheckIn(id="a", at=at(3), mood=2)], plan=plan)).checkins
    assert [(t.label, t.now.n) for t in section.scales] == [("Mood", 1)]


def test_sparkline_levels_and_gaps():
    assert sparkline([1, 10, None, 5.5], 1, 10) == "▁█ ▅"
    assert sparkline([-3, 99], 0, 10) == "▁█"  # out of range is clamped, never an error
    assert sparkline([4, None], 4, 4) == "▄ "  # a range of one value: the middle
    assert sparkline([], 1, 10) == ""
    assert [sparkline([v], 0, 7) for v in range(8)] == list(SPARK_CHARS)


def test_sparkline_is_capped_to_the_last_days():
    since = datetime(2025, 11, 1, tzinfo=TZ)
    entries = [CheckIn(id="first", at=since + timedelta(hours=9), mood=1), CheckIn(id="last", at=at(15), mood=10)]
    section = build_report(context(entries, since=since)).checkins
    assert section.days_in_period == (date(2026, 3, 15) - date(2025, 11, 1)).days + 1 > SPARK_MAX_DAYS
    assert len(section.scales[0].sparkline) == SPARK_MAX_DAYS
    assert section.spark_last_day == date(2026, 3, 15)
    assert section.spark_first_day == date(2026, 3, 15) - timedelta(days=SPARK_MAX_DAYS - 1)
    assert section.scales[0].sparkline.endswith("█") and section.scales[0].now.n == 2  # numbers still count every day


# ---- safety first -----------------------------------------------------------------------


def test_safety_lists_every_signal_and_help_now():
    plan = Plan(checkin=CheckinPlan(scales=[Scale(name="urge", label="Urge", min=0, max=5, risk_at_or_above=4)]))
    entries = [
        CheckIn(id="low", at=at(3), mood=1),
        CheckIn(id="fine", at=at(4), mood=2, scales={"urge": 3}),
        CheckIn(id="urge", at=at(5), mood=6, scales={"urge": 4}),
        CheckIn(id="help", at=at(6), mood=5, extra={"opened_help_now": True}),
        CheckIn(id="no-help", at=at(7), extra={"opened_help_now": False}),
        Trigger(id="t", at=at(8), what="x", intensity=8),
        Trigger(id="t10", at=at(9), what="x", intensity=10),
    ]
    items = build_report(context(entries, plan=plan)).safety.items
    assert [(i.at.day, i.kind, i.signals, i.opened_help_now) for i in items] == [
        (3, "checkin", ["mood 1"], False),
        (4, "checkin", ["mood 2"], False),
        (5, "checkin", ["urge 4"], False),
        (6, "checkin", [], True),
        (9, "trigger", ["a trigger at 10 of 10"], False),
    ]


def test_no_safety_section_when_all_is_calm():
    assert build_report(context([CheckIn(id="a", at=at(3), mood=5)])).safety is None


# ---- triggers ---------------------------------------------------------------------------


def test_triggers_by_normalised_tag_with_peak_and_drop():
    entries = [
        Trigger(
            id="1",
            at=at(3, 8),
            what="email",
            intensity=6,
            after=2,
            tags=["Work", "work "],
            body="tight chest",
            skills=["Breathing"],
            thought="I'll fail",
        ),
        Trigger(
            id="2",
            at=at(4, 9),
            what="call",
            intensity=9,
            tags=["WORK", " family"],
            body="Tight chest, hot face",
            skills=["breathing", "walk"],
            thought="i'll  fail",
        ),
        Trigger(id="3", at=at(5, 10), what="photos", intensity=None, after=1, tags=[]),
        Trigger(id="4", at=at(6, 11), what="crowd", intensity=4, after=5, tags=["  "]),
    ]
    section = build_report(context(entries)).triggers
    assert section.count == 4
    assert [(t.tag, t.count, t.peak) for t in section.by_tag] == [("work", 2, 9), ("family", 1, 9)]
    assert section.untagged == 2
    # both ratings: 6→2 and 4→5; drop mean (4 + -1)/2 = 1.5
    assert section.drop == Summary(1.5, -1, 4, 2)
    assert (section.intensity.mean, section.after.mean) == (5, 3.5)
    assert section.skills == [Count("Breathing", 2), Count("walk", 1)]
    assert [(t.what, t.intensity, t.after, t.tags) for t in section.lines] == [
        ("email", 6, 2, ["work", "work"]),
        ("call", 9, None, ["work", "family"]),
        ("photos", None, 1, []),
        ("crowd", 4, 5, []),
    ]
    # each trigger's own chain, in order, only the parts written: nothing pooled across triggers
    assert [t.chain for t in section.lines[:2]] == [
        [("Thought", "I'll fail"), ("In the body", "tight chest"), ("Skills", "Breathing")],
        [("Thought", "i'll fail"), ("In the body", "Tight chest, hot face"), ("Skills", "breathing, walk")],
    ]
    assert build_report(context(entries)).thoughts is None


def test_thought_records_in_full():
    trigger = Trigger(
        id="1",
        at=at(3, 8),
        what="email",
        intensity=6,
        thought="I'll fail",
        feelings=["anxious"],
        extra={
            "evidence_for": "late once",
            "balanced_thought": "mostly on time",
            "belief": 70,
            "rerated": "anxious 30%",
        },
    )
    (record,) = build_report(context([trigger])).thoughts.records
    assert record.parts == [
        ("Situation", "email"),
        ("Thought", "I'll fail"),
        ("Feelings", "anxious"),
        ("Evidence for the thought", "late once"),
        ("A more balanced thought", "mostly on time"),
        ("Belief in the balanced thought", "70%"),
        ("Feelings now, re-rated", "anxious 30%"),
    ]


# ---- boundaries, practice, agenda -------------------------------------------------------


def test_boundaries_by_outcome_and_person():
    entries = [
        Boundary(id="1", at=at(3), boundary="no email", with_="Boss", outcome="held", extra={"helped": "phone away"}),
        Boundary(id="2", at=at(4), boundary="no shifts", with_="boss ", outcome="crossed", note="next week"),
        Boundary(id="3", at=at(5), boundary="quiet time", with_=None, outcome=None),
    ]
    section = build_report(context(entries)).boundaries
    assert [(c.label, c.count) for c in section.by_outcome] == [
        ("communicated", 0),
        ("held", 1),
        ("bent", 0),
        ("crossed", 1),
        ("not noted", 1),
    ]
    assert section.by_person == [Count("Boss", 2)]
    assert [(b.at.day, b.boundary, b.with_, b.outcome, b.details) for b in section.lines] == [
        (3, "no email", "Boss", "held", [("what helped", "phone away")]),
        (4, "no shifts", "boss", "crossed", [("note", "next week")]),
        (5, "quiet time", None, None, []),
    ]


def test_practice_minutes_completion_and_change():
    plan = Plan(practice=[{"id": "mine", "name": "My own breath"}])
    entries = [
        Practice(id="1", at=at(3), preset="box", actual_seconds=240, completed=True, before=3, after=6),
        Practice(id="2", at=at(4), preset="mine", actual_seconds=600, completed=False, before=5),
        Practice(id="3", at=at(5), preset="box", actual_seconds=90, completed=True, before=6, after=5),
        Practice(id="4", at=at(6), preset="gone", actual_seconds=None, completed=False),
    ]
    section = build_report(context(entries, plan=plan)).practice
    assert (section.count, section.minutes, section.completed, section.stopped) == (4, 15.5, 2, 2)
    assert [(p.preset, p.times, p.minutes) for p in section.by_preset] == [
        ("My own breath", 1, 10),
        ("Box breathing", 2, 5.5),
        ("gone", 1, 0),
    ]
    assert section.change == Summary(1, -1, 3, 2)
    assert (section.before.mean, section.after.mean) == (4.5, 5.5)


def test_agenda_open_notes_and_homework():
    notes = [
        Note(id="2", at=at(5), text="sleep"),
        Note(id="1", at=at(20, month=2), text="from before the period"),
        Note(id="3", at=at(6), text="done", extra={"discussed": True}),
    ]
    section = build_report(context([], notes=notes, plan=Plan(homework=["breathe", "  "]))).agenda
    assert [n.text for n in section.notes] == ["sleep"]
    assert ([n.text for n in section.older], section.older_count) == (["from before the period"], 1)
    assert section.homework == [Homework("breathe")]
    assert build_report(context([])).agenda is None


def test_appendix_lists_every_entry_only_with_full():
    entries = [
        CheckIn(id="a", at=at(3), mood=4, private=True),
        Session(id="s", at=at(4), date="2026-03-04"),
        Note(id="n", at=at(5), text="hi"),
    ]
    assert build_report(context(entries)).appendix is None
    items = build_report(context(entries, full=True)).appendix.items
    assert [i.entry.id for i in items] == ["a", "s", "n"]


# ---- sections and sources ---------------------------------------------------------------


def test_sections_choose_what_is_built():
    entries = [CheckIn(id="a", at=at(3), mood=1), Trigger(id="t", at=at(3), what="x")]
    report = build_report(context(entries, plan=Plan(homework=["h"]), sections=frozenset({"triggers", "agenda"})))
    assert [name for name, _ in report.sections()] == ["agenda", "triggers"]
    with pytest.raises(BadInput):
        build_report(context(entries, sections=frozenset({"triggers", "secrets"})))


def test_only_the_entries_given_make_the_sections():
    previous = [
        CheckIn(id="p", at=at(20, month=2), mood=1, extra={"opened_help_now": True}),
        Trigger(id="pt", at=at(21, month=2), what="before"),
        Boundary(id="pb", at=at(22, month=2), boundary="b", outcome="held"),
    ]
    report = build_report(context([Note(id="n", at=at(3), text="a note, not a bring-to-session item")], previous))
    assert report.sections() == []  # a note in the period is not on the agenda unless the caller says it is open


def test_entries_out_of_order_are_put_in_order():
    entries = [Trigger(id="2", at=at(5), what="later"), Trigger(id="1", at=at(3), what="earlier")]
    assert [t.what for t in build_report(context(entries)).triggers.lines] == ["earlier", "later"]


def test_measures_section_lists_each_score_band_and_change_from_the_one_before():
    from doingthework.core.models import Measure as MeasureEntry
    from doingthework.export import export_text

    earlier = MeasureEntry(measure="phq9", answers=[1] * 9, score=9, band="mild", at=at(1, 9) - timedelta(days=20))
    filled = [
        MeasureEntry(measure="phq9", answers=[1] * 8 + [0], score=8, band="mild", at=at(2, 9)),
        MeasureEntry(measure="gad7", answers=[3] * 5 + [0, 0], score=15, band="severe", at=at(3, 9)),
        MeasureEntry(measure="phq9", answers=[1] * 8 + [0], score=8, band="mild", at=at(5, 9)),
    ]
    report = build_report(context(filled, [earlier]))
    assert [(m.title, m.score, m.band, m.change) for m in report.measures.lines] == [
        ("PHQ-9", 8, "mild", -1),
        ("GAD-7", 15, "severe", None),
        ("PHQ-9", 8, "mild", 0),
    ]
    page = export_text("md", context(filled, [earlier]))
    assert "## Measures" in page and "PHQ-9: 8 of 27, mild, 1 lower than the one before." in page
    assert "GAD-7: 15 of 21, severe." in page and "not a diagnosis" in page
    assert build_report(context([], [earlier])).measures is None


# ---- the diary card ---------------------------------------------------------------------


def test_the_diary_card_has_a_dated_row_a_day_blank_where_nothing_was_noted_never_zero():
    plan = Plan(checkin=CheckinPlan(scales=[Scale("urge", "Urge", 0, 5)], skills=True))
    entries = [
        CheckIn(id="a", at=at(3, 8), mood=4, scales={"urge": 0}, extra={"skills": ["observe"]}),
        CheckIn(id="b", at=at(3, 20), mood=7),
        Trigger(id="t1", at=at(3, 12), what="x", intensity=6, urge="leave", skills=["breathe"]),
        Trigger(id="t2", at=at(3, 13), what="y", intensity=8, urge="shout"),
        Boundary(id="bd", at=at(5), boundary="b", outcome="held"),
        Practice(id="p", at=at(5), preset="box", actual_seconds=150, completed=False),
    ]
    diary = build_report(context(entries, plan=plan, since=at(3, 0), until=at(6, 0))).diary
    assert diary.columns == ["Mood", "Urge", "Trigger", "Urges noted", "Skills", "Boundaries", "Practice"]
    assert diary.words == [False, False, False, True, True, True, True]
    assert [(d.day, cells) for d, cells in diary.days] == [
        (3, ["5.5", "0", "8", "leave; shout", "breathe, observe", None, None]),  # a rating of 0 is kept
        (4, [None] * 7),  # a day with nothing: blank, never 0
        (5, [None, None, None, None, None, "held", "2 min 30 s"]),
    ]
    assert not diary.cut


def test_the_plan_chooses_the_diary_cards_columns():
    plan = Plan(diary_columns=["feelings", "mood", "practice"])
    entries = [CheckIn(id="a", at=at(3), mood=4, energy=2, feelings=["calm", "tired"])]
    diary = build_report(context(entries, plan=plan, since=at(3, 0), until=at(4, 0))).diary
    assert diary.columns == ["Feelings", "Mood", "Practice"]
    assert diary.days == [(date(2026, 3, 3), ["calm, tired", "4", None])]


def test_a_long_period_shows_the_latest_days_of_the_card():
    entries = [CheckIn(id=str(i), at=at(1) + timedelta(days=i), mood=5) for i in range(0, 200, 10)]
    diary = build_report(context(entries, since=at(1, 0), until=at(1, 0) + timedelta(days=200))).diary
    assert len(diary.days) == SPARK_MAX_DAYS and diary.cut
    assert diary.days[-1][0] == (at(1, 0) + timedelta(days=199)).date()


def test_diary_columns_in_plan_toml_are_checked():
    from pathlib import Path

    from doingthework.core.config import parse_plan, parse_toml

    text = b'[diary_card]\ncolumns = ["Mood", "focus", "urges", "sleep"]\n[[checkin.scales]]\nname = "focus"\n'
    plan, warnings = parse_plan(parse_toml(text, Path("plan.toml")), "plan.toml", text)
    assert plan.diary_columns == ["mood", "focus", "urges", "sleep"] and warnings == []
    text = b'[diary_card]\ncolumns = ["mood", "moods"]\n'
    plan, warnings = parse_plan(parse_toml(text, Path("plan.toml")), "plan.toml", text)
    assert plan.diary_columns == ["mood"]
    assert warnings and "'diary_card.columns' has 'moods', which is not a column" in warnings[0]


@pytest.mark.parametrize(
    "written, kept",
    [
        ("everything feels pointless\nsecond line", "everything feels pointless\nsecond line"),
        ("  one \r\n\r\n\r\n two  \n", "one\n\ntwo"),
        ("\n\nfirst,  with a comma\n", "first, with a comma"),
        ("a\tb", "a b"),
    ],
)
def test_free_text_keeps_its_line_breaks_and_commas_as_written(written, kept):
    entries = [
        Note(id="n", at=at(3), text=written),
        Trigger(id="t", at=at(3), what=written, thought=written, extra={"evidence_for": written}),
        Boundary(id="b", at=at(3), boundary="b", note=written),
        CheckIn(id="c", at=at(3), note=written, body=written),
    ]
    report = build_report(context(entries, notes=[entries[0]]))
    assert [n.text for n in report.agenda.notes] == [kept]
    (line,) = report.triggers.lines
    assert line.what == kept and ("Thought", kept) in line.chain
    assert ("Evidence for the thought", kept) in report.thoughts.records[0].parts
    assert report.boundaries.lines[0].details == [("note", kept)]
    assert report.checkins.days[0].parts == [("Note", kept)]
    assert [c.label for c in report.checkins.body] == [" ".join(kept.split())]  # one thing noticed, not split
