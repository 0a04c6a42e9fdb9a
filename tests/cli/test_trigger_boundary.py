from __future__ import annotations

import pytest

from doingthework.core.store import Store


def test_trigger_add_records_every_flag(dtw, paths):
    saved = dtw.json(
        "trigger",
        "add",
        "--what",
        "email from my boss",
        "--intensity",
        "7",
        "--tag",
        "Work",
        "--tag",
        "work ",
        "--tag",
        "Money",
        "--body",
        "tight chest",
        "--thought",
        "I'll be fired",
        "--feeling",
        "anxious",
        "--feeling",
        "scared",
        "--urge",
        "quit on the spot",
        "--response",
        "went for a walk",
        "--skill",
        "paced breathing",
        "--after",
        "4",
        "--evidence-for",
        "curt tone",
        "--evidence-against",
        "good review last month",
        "--balanced",
        "one email is not a verdict",
        "--belief",
        "60",
        "--private",
        "--at",
        "yesterday",
    )
    assert saved["kind"] == "trigger" and saved["private"] is True
    assert saved["what"] == "email from my boss" and (saved["intensity"], saved["after"]) == (7, 4)
    assert saved["tags"] == ["work", "money"]
    assert saved["feelings"] == ["anxious", "scared"] and saved["skills"] == ["paced breathing"]
    assert (saved["body"], saved["thought"], saved["urge"], saved["response"]) == (
        "tight chest",
        "I'll be fired",
        "quit on the spot",
        "went for a walk",
    )
    assert saved["evidence_for"] == "curt tone" and saved["belief"] == 60
    assert saved["balanced_thought"] == "one email is not a verdict"
    assert Store(paths).get(saved["id"]).to_dict() == saved


def test_trigger_minimal(dtw):
    saved = dtw.json("trigger", "add", "--what", "loud noise", "--intensity", "0")
    assert saved["tags"] == [] and saved["after"] is None and saved["body"] is None
    assert "belief" not in saved


@pytest.mark.parametrize(
    "args, message",
    [
        (["--what", "x", "--intensity", "11"], "between 0 and 10"),
        (["--what", "x", "--intensity", "-1"], "between 0 and 10"),
        (["--what", "x", "--intensity", "5", "--after", "12"], "between 0 and 10"),
        (["--what", "   ", "--intensity", "5"], "what happened"),
        (["--intensity", "5"], "what happened"),
        (["--what", "x"], "--intensity"),
        (["--what", "x", "--intensity", "5", "--feeling", "anxous"], "did you mean 'anxious'"),
        (["--what", "x", "--intensity", "5", "--belief", "101"], "0 and 100"),
        (["--what", "x", "--intensity", "5", "--at", "2100-01-01"], "future"),
        (["--what", "x", "--intensity", "high"], ""),
    ],
)
def test_trigger_bad_input_is_exit_2_and_nothing_written(dtw, paths, args, message):
    result = dtw("trigger", "add", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not paths.entries_dir.exists()


def test_boundary_add_records_every_flag(dtw, paths):
    saved = dtw.json(
        "boundary",
        "add",
        "--boundary",
        "no calls after 9",
        "--outcome",
        "Held",
        "--with",
        "mum",
        "--feeling",
        "proud",
        "--note",
        "I said it kindly",
        "--at",
        "2026-11-01",
        "--private",
    )
    assert saved["kind"] == "boundary" and saved["outcome"] == "held" and saved["with"] == "mum"
    assert saved["feelings"] == ["proud"] and saved["note"] == "I said it kindly" and saved["private"] is True
    assert saved["at"].startswith("2026-11-01T12:00")
    assert Store(paths).get(saved["id"]).to_dict() == saved


@pytest.mark.parametrize("outcome", ["communicated", "held", "bent", "crossed"])
def test_every_outcome_gets_a_kind_word(dtw, outcome):
    result = dtw("boundary", "add", "--boundary", "x", "--outcome", outcome)
    assert result.exit_code == 0 and result.stdout.startswith("Logged.")
    assert "fail" not in result.stdout.lower()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--boundary", "x", "--outcome", "ignored"], "communicated, held, bent, crossed"),
        (["--boundary", "x"], "--outcome"),
        (["--outcome", "held"], "name the boundary"),
        (["--boundary", "x", "--outcome", "held", "--feeling", "zzz"], "not in the list"),
    ],
)
def test_boundary_bad_input(dtw, paths, args, message):
    result = dtw("boundary", "add", *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not paths.entries_dir.exists()


@pytest.mark.parametrize("command, screen", [("trigger", "trigger"), ("boundary", "boundary")])
def test_bare_command_opens_its_screen(dtw, monkeypatch, command, screen):
    opened = []
    monkeypatch.setattr("doingthework.cli.launch.open_app", lambda state, screen: opened.append(screen))
    assert dtw(command).exit_code == 0 and opened == [screen]


def test_log_table_is_readable_and_shows_text_as_written(dtw):
    dtw("trigger", "add", "--what", "email", "--intensity", "7", "--after", "3", "--tag", "work")
    dtw("note", "[bold]not markup[/bold]", "--private")
    out = dtw("log").stdout
    assert "when" in out and "kind" in out and "entry" in out
    assert "email (7 → 3) [work]" in out
    assert "[bold]not markup[/bold]" in out and "(private)" in out


def test_log_tag_filter_is_case_and_space_blind(dtw):
    dtw("trigger", "add", "--what", "a", "--intensity", "5", "--tag", "Work Stuff")
    assert len(dtw.json("log", "--tag", "  work   stuff")) == 1
