from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from doingthework.core import config
from doingthework.core.store import Store

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def test_one_line_checkin_records_every_field(dtw, paths):
    saved = dtw.json(
        "checkin",
        "--mood",
        "6",
        "--energy",
        "4",
        "--sleep",
        "7.5",
        "--feeling",
        "anxious",
        "--feeling",
        "Hopeful",
        "--body",
        "tight shoulders",
        "--intention",
        "short walk",
        "--note",
        "slow morning",
        "--private",
    )
    assert saved["kind"] == "checkin" and saved["private"] is True
    assert (saved["mood"], saved["energy"], saved["sleep_hours"]) == (6, 4, 7.5)
    assert saved["feelings"] == ["anxious", "hopeful"]
    assert (saved["body"], saved["intention"], saved["note"]) == ("tight shoulders", "short walk", "slow morning")
    assert saved["scales"] == {}
    assert Store(paths).get(saved["id"]).to_dict() == saved


def test_text_output_is_kind_and_compares_with_the_week(dtw):
    dtw("checkin", "--mood", "4", "--at", "yesterday")
    result = dtw("checkin", "--mood", "6")
    assert result.exit_code == 0
    assert "mood 6, your 7-day average is 5.0" in result.stdout
    assert "You showed up 2 of the last 7 days" in result.stdout
    assert "streak" not in result.stdout.lower()


def test_low_mood_offers_help_on_stderr_and_still_saves(dtw, paths):
    result = dtw("checkin", "--mood", "1", "--json")
    assert result.exit_code == 0 and "dtw help-now" in result.stderr
    assert len(Store(paths).query().entries) == 1


def test_plan_scales_and_risk_signals(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text(
        "[[checkin.scales]]\nname = 'focus'\nmin = 0\nmax = 5\n"
        "[[checkin.scales]]\nname = 'urge'\nmin = 0\nmax = 5\nrisk_at_or_above = 4\n"
    )
    saved = dtw.json("checkin", "--scale", "focus=3", "--scale", "urge=2")
    assert saved["scales"] == {"focus": 3, "urge": 2}
    assert "dtw help-now" in dtw("checkin", "--scale", "urge=4").stdout  # the care line, after the thank-you


def test_at_back_dates(dtw):
    assert dtw.json("checkin", "--mood", "5", "--at", "2026-01-02T08:30")["at"].startswith("2026-01-02T08:30")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--mood", "11"], "mood must be between 1 and 10"),
        (["--mood", "0"], "mood must be between 1 and 10"),
        (["--energy", "-1"], "energy must be between 1 and 10"),
        (["--sleep", "25"], "sleep must be between 0 and 24"),
        (["--feeling", "anxous"], "did you mean 'anxious'"),
        (["--feeling", "zzzz"], "not in the list"),
        (["--scale", "focus=3"], "no check-in scale called 'focus'"),
        (["--scale", "focus"], "NAME=VALUE"),
        (["--scale", "focus=high"], "needs a whole number"),
        (["--scale", "focus=2.5"], "needs a whole number"),
        (["--answer", "gratitude=tea"], "no check-in question"),
        (["--as", "evening", "--mood", "5"], "not a check-in kind"),
        (["--mood", "5", "--at", "2100-01-01"], "future"),
        (["--mood", "five"], ""),
    ],
)
def test_bad_values_exit_2_and_write_nothing(dtw, paths, args, message):
    result = dtw("checkin", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not paths.entries_dir.exists()


def test_hidden_fields_are_refused(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[checkin]\nhide = ['mood']\n")
    result = dtw("checkin", "--mood", "5")
    assert result.exit_code == 2 and "hides mood" in result.stderr


def test_no_values_opens_the_checkin_screen(dtw, monkeypatch):
    opened = []
    monkeypatch.setattr("doingthework.cli.launch.open_app", lambda state, screen: opened.append(screen))
    assert dtw("checkin").exit_code == 0 and opened == ["checkin"]


def test_the_shipped_dbt_diary_card_works(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    shutil.copy(EXAMPLES / "dbt-diary-card.toml", paths.plan_file)
    loaded = config.load(paths.config_dir)
    assert loaded.warnings == []
    assert [s.name for s in loaded.plan.checkin.scales][:2] == ["sadness", "anger"]
    saved = dtw.json(
        "checkin", "--mood", "5", "--scale", "sadness=3", "--scale", "acted_use=0", "--scale", "urge_self_harm=1"
    )
    assert saved["scales"] == {"sadness": 3, "acted_use": 0, "urge_self_harm": 1}
    result = dtw("checkin", "--scale", "acted_self_harm=1")
    assert "dtw help-now" in result.stdout
    assert dtw("checkin", "--scale", "acted_use=2").exit_code == 2
    # its diary card on the session page has the columns the example names
    assert loaded.plan.diary_columns[:2] == ["sadness", "anger"] and loaded.plan.diary_columns[-1] == "skills"
    page = dtw("export", "--output", "-", "--since", "7d").stdout
    assert "| Day | Sadness | Anger | Fear | Shame | Joy | Urge to self-harm |" in page


def test_kinds_and_questions_from_the_plan(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text(
        "[checkin]\nkinds = ['morning', 'evening']\n"
        "[[checkin.questions]]\nname = 'gratitude'\nprompt = 'One thing I am grateful for'\n"
    )
    saved = dtw.json("checkin", "--as", "evening", "--answer", "gratitude=warm tea", "--mood", "7")
    assert saved["checkin_kind"] == "evening" and saved["answers"] == {"gratitude": "warm tea"}


def test_an_unknown_feeling_is_not_repeated_back(dtw):
    result = dtw("checkin", "--feeling", "my boss yelled at me")
    assert result.exit_code == 2 and "my boss yelled" not in result.output


@pytest.mark.parametrize("args", [["--json"], ["--private"], ["--at", "yesterday"], ["--as", "morning"]])
def test_options_without_answers_record_nothing_and_open_nothing(dtw, paths, monkeypatch, args):
    monkeypatch.setattr("doingthework.cli.launch.open_app", lambda state, screen: pytest.fail("opened the app"))
    result = dtw("checkin", *args)
    assert result.exit_code == 2 and "nothing to record" in result.stderr
    assert result.stdout == ""


def test_a_plan_mood_scale_offers_help_at_its_bottom_two_points(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[[checkin.scales]]\nname = 'mood'\nmin = 0\nmax = 5\n")
    saved = dtw.json("checkin", "--mood", "0")
    assert saved["mood"] == 0 and saved["scales"] == {}
    assert "dtw help-now" in dtw("checkin", "--mood", "0").stdout
    assert "dtw help-now" in dtw("checkin", "--mood", "1").stdout
    assert "dtw help-now" not in dtw("checkin", "--mood", "2").output


def test_hidden_feelings_are_refused(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[checkin]\nhide = ['feelings']\n")
    assert dtw("checkin", "--feeling", "calm").exit_code == 2


def test_a_plans_own_feelings_match_whatever_their_case(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[checkin]\nfeelings = ['Anxious', ' Held  Up ']\n")
    assert dtw.json("checkin", "--feeling", "anxious", "--feeling", "HELD UP")["feelings"] == ["anxious", "held up"]


@pytest.mark.parametrize("value", ["seven", "nan", "inf", "", "7h"])
def test_sleep_that_is_not_a_number_gets_a_plain_message(dtw, value):
    result = dtw("checkin", "--sleep", value)
    assert result.exit_code == 2
    assert "--sleep takes a number of hours, like 7.5" in result.stderr
    assert "Invalid value" not in result.output and "Traceback" not in result.output


def test_sleep_with_a_decimal_comma(dtw):
    assert dtw.json("checkin", "--sleep", "7,5")["sleep_hours"] == 7.5
