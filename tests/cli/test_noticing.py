"""Noticing on the command line: one calm line naming `dtw help-now` and where such moments go,
never alarm words, never a different exit code; and every one of them on the session page's
"Safety first", with the date, what fired and whether help now was opened."""

from __future__ import annotations

import json

import pytest

HARD = [
    ("checkin", "--mood", "2"),
    ("checkin", "--mood", "3", "--feeling", "hopeless", "--note", "I want to disappear"),
    ("trigger", "add", "--what", "the call", "--intensity", "10", "--urge", "to self-harm"),
    ("trigger", "add", "--what", "the call", "--intensity", "9"),
    ("trigger", "add", "--what", "the call", "--intensity", "3", "--thought", "I want to die"),
    ("boundary", "add", "--boundary", "no calls", "--outcome", "crossed", "--feeling", "hopeless"),
    ("note", "I keep thinking I should end it all"),
]
ORDINARY = [
    ("checkin", "--mood", "3", "--feeling", "sad"),
    ("trigger", "add", "--what", "the call", "--intensity", "8", "--urge", "to hide"),
    ("boundary", "add", "--boundary", "no calls", "--outcome", "crossed"),
    ("note", "ask about the weekend"),
]
ALARM_WORDS = ("crisis", "emergency", "danger", "urgent", "warning", "risk")


@pytest.mark.parametrize("args", HARD, ids=lambda a: " ".join(a[2:4]) or a[0])
def test_a_hard_moment_gets_one_calm_line_and_the_door(dtw, args):
    result = dtw(*args)
    assert result.exit_code == 0
    assert result.stdout.count("dtw help-now") == 1
    assert "Safety first" in result.stdout
    assert not any(word in result.output.lower() for word in ALARM_WORDS)


@pytest.mark.parametrize("args", ORDINARY, ids=lambda a: " ".join(a[2:4]) or a[0])
def test_an_ordinary_moment_gets_the_ordinary_thanks(dtw, args):
    result = dtw(*args)
    assert result.exit_code == 0 and "help-now" not in result.output


def test_with_json_stdout_stays_json_and_the_line_goes_to_stderr(dtw):
    result = dtw("checkin", "--mood", "1", "--json")
    assert json.loads(result.stdout)["mood"] == 1
    assert "dtw help-now" in result.stderr


def test_noticing_off(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("[safety.notice]\noff = true\n")
    for args in HARD:
        assert "help-now" not in dtw(*args).output


def test_the_plan_can_add_words(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text('[safety.notice]\nwords = ["dark place"]\n')
    assert "dtw help-now" in dtw("note", "back in the dark place").stdout
    assert "help-now" not in dtw("note", "ask about the weekend").output


def test_a_private_moment_is_noticed_but_stays_off_the_page(dtw):
    result = dtw("checkin", "--mood", "1", "--note", "PRIVATE-WORDS", "--private")
    assert "dtw help-now" in result.stdout and "private" in result.stdout and "Safety first" not in result.stdout
    page = dtw("export", "--since", "7d", "--output", "-").stdout
    assert "Safety first" not in page and "PRIVATE-WORDS" not in page
    assert "Safety first" in dtw("export", "--since", "7d", "--output", "-", "--include-private").stdout


def test_every_signal_since_the_start_of_the_period_is_on_the_page(dtw):
    dtw("checkin", "--mood", "2", "--at", "today")
    dtw("trigger", "add", "--what", "SECRET-CALL", "--intensity", "10", "--urge", "SECRET-URGE to self-harm")
    dtw("boundary", "add", "--boundary", "no calls", "--outcome", "crossed", "--feeling", "hopeless")
    dtw("note", "I keep thinking I should end it all")
    dtw("checkin", "--mood", "7")
    page = dtw("export", "--since", "7d", "--output", "-").stdout
    safety = page.split("## Safety first", 1)[1].split("\n## ", 1)[0]
    for what in (
        "check-in: mood 2",
        "trigger: a trigger at 10 of 10, words the plan watches for, in the urge",
        "boundary: the feeling hopeless",
        "note: words the plan watches for, in the note",
    ):
        assert what in safety, safety
    assert "mood 7" not in safety
    assert "SECRET" not in safety  # what fired, never the person's words
    assert safety.count("\n- **") == 4  # each with its date and time as the lead
