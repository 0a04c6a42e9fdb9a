"""`dtw measure`: in one line or question by question, never a partial save."""

from __future__ import annotations

import json

import pytest

from doingthework.core.store import Store


def test_answers_in_one_line_are_saved_with_the_score_and_band(dtw, paths):
    saved = dtw.json("measure", "phq9", "--answers", "0,1,2,1,0,0,1,0,0", "--difficulty", "1")
    assert {k: saved[k] for k in ("kind", "measure", "answers", "score", "band", "difficulty")} == {
        "kind": "measure",
        "measure": "phq9",
        "answers": [0, 1, 2, 1, 0, 0, 1, 0, 0],
        "score": 5,
        "band": "mild",
        "difficulty": 1,
    }
    assert Store(paths).get(saved["id"]).to_dict() == saved
    said = dtw("measure", "gad7", "--answers", "1 1 1 1 1 1 1")
    assert said.exit_code == 0 and "GAD-7: 7 of 21, mild." in said.stdout and "not a diagnosis" in said.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["phq9", "--answers", "0,1"],
        ["phq9", "--answers", "0,1,2,1,0,0,1,0,4"],
        ["phq9", "--answers", "a,b,c,d,e,f,g,h,i"],
        ["phq9", "--answers", "0,0,0,0,0,0,0,0,0", "--difficulty", "4"],
        ["gad7", "--answers", "0,0,0,0,0,0,0", "--difficulty", "1"],
        ["nope", "--answers", "1"],
        ["phq9"],  # no terminal to ask in
    ],
)
def test_bad_answers_are_exit_2_and_nothing_is_written(dtw, paths, args):
    result = dtw("measure", *args)
    assert result.exit_code == 2 and result.stderr.startswith("dtw: "), result.output
    assert not paths.entries_dir.exists()


def test_item_9_meets_you_with_the_way_to_help_now(dtw):
    result = dtw("measure", "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert result.exit_code == 0 and "dtw help-now" in result.stdout
    quiet = dtw("measure", "phq9", "--answers", "3,3,3,3,3,3,3,3,0")
    assert "dtw help-now" not in quiet.stdout  # a high score alone is not item 9


def test_question_by_question_in_a_terminal(dtw, paths, monkeypatch):
    from doingthework.cli import measure as measure_cli

    monkeypatch.setattr(measure_cli, "can_ask", lambda: True)
    result = dtw("measure", "phq9", "--plain", input="1\n1\n0\n2\n0\n0\n0\n0\n1\n2\n")
    assert result.exit_code == 0, result.output
    assert "Over the last 2 weeks" in result.stdout and "dtw help-now" in result.stdout
    (entry,) = Store(paths).query().entries
    assert entry.answers == [1, 1, 0, 2, 0, 0, 0, 0, 1] and entry.score == 5 and entry.difficulty == 2


def test_measure_list(dtw):
    result = dtw("measure", "list")
    assert result.exit_code == 0 and "phq9" in result.stdout and "gad7" in result.stdout


def test_stats_shows_each_measure_last_mean_count_and_change(dtw):
    for answers in ("1,1,1,1,1,1,1,1,0", "1,1,1,1,1,0,0,0,0", "0,0,0,0,0,0,0,0,0"):
        assert dtw("measure", "phq9", "--answers", answers).exit_code == 0
    assert dtw("measure", "gad7", "--answers", "3,3,3,0,0,0,0").exit_code == 0
    numbers = dtw.json("stats")
    assert numbers["measures"] == {
        "phq9": {"title": "PHQ-9", "last": 0, "band": "minimal", "mean": 4.3, "n": 3, "change": -5},
        "gad7": {"title": "GAD-7", "last": 9, "band": "mild", "mean": 9.0, "n": 1, "change": None},
    }
    text = dtw("stats").stdout
    assert "PHQ-9: 0 (minimal) most recently; 3 in this period, average 4.3; 5 lower than the one before." in text
    assert "GAD-7: 9 (mild) most recently." in text


def test_measures_go_out_and_come_back_through_export_and_import(dtw, paths, tmp_path):
    for answers in ("1,1,1,1,1,1,1,1,0", "0,0,0,0,0,0,0,0,1"):
        assert dtw("measure", "phq9", "--answers", answers).exit_code == 0
    assert dtw("measure", "gad7", "--answers", "3,3,3,0,0,0,0").exit_code == 0
    before = {e.id: e.to_dict() for e in Store(paths).query().entries}
    exported = tmp_path / "out.json"
    assert dtw("export", "--format", "json", "--since", "all", "-o", str(exported)).exit_code == 0
    kinds = [e["kind"] for e in json.loads(exported.read_text())["entries"]]
    assert kinds.count("measure") == 3
    for path in paths.entries_dir.iterdir():
        path.unlink()
    result = dtw("import", str(exported))
    assert result.exit_code == 0 and "3 new" in result.stdout
    assert {e.id: e.to_dict() for e in Store(paths).query().entries} == before


@pytest.mark.parametrize(
    "change, words",
    [
        ({"answers": [4, 0, 0, 0, 0, 0, 0, 0, 0], "score": 4}, "answer 1 is 4"),
        ({"answers": [0, 0, 0], "score": 0}, "has 9 questions"),
        ({"difficulty": 7}, "the difficulty is a number from 0 to 3"),
        ({"score": 99}, "'score' must be the sum of the answers"),
        ({"answers": ["1", 0, 0, 0, 0, 0, 0, 0, 0]}, "answers"),
    ],
)
def test_an_imported_measure_follows_the_rules_of_dtw_measure(dtw, paths, tmp_path, change, words):
    assert dtw("measure", "phq9", "--answers", "1,1,1,1,1,1,1,1,0").exit_code == 0
    exported = tmp_path / "out.json"
    assert dtw("export", "--format", "json", "--since", "all", "-o", str(exported)).exit_code == 0
    data = json.loads(exported.read_text())
    data["entries"][0].update(change, id="f" * 16)
    exported.write_text(json.dumps(data))
    files = {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()}
    result = dtw("import", str(exported))
    assert result.exit_code == 2 and words in result.output and "entry 1 can't be used" in result.output
    assert {p.name: p.read_bytes() for p in paths.entries_dir.iterdir()} == files  # nothing written


def test_a_measure_this_dtw_does_not_know_is_imported_on_the_models_rules(dtw, paths, tmp_path):
    assert dtw("measure", "phq9", "--answers", "1,1,1,1,1,1,1,1,0").exit_code == 0
    exported = tmp_path / "out.json"
    assert dtw("export", "--format", "json", "--since", "all", "-o", str(exported)).exit_code == 0
    data = json.loads(exported.read_text())
    data["entries"][0].update(measure="weekly", title="Weekly check", answers=[5, 2], score=7, band=None, id="e" * 16)
    exported.write_text(json.dumps(data))
    assert dtw("import", str(exported)).exit_code == 0
    assert [e.summary() for e in Store(paths).query(kinds=["measure"]).entries if e.measure == "weekly"] == [
        "Weekly check 7"
    ]
