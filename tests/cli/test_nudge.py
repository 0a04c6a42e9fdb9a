"""`dtw nudge`: one kind line or nothing, fast, never an error at the prompt (core/nudge.py).

"Now" is a parameter (`nudge_line(..., now=)`, `serve(now=)`): tests pass a fixed moment;
the subprocess tests use the real clock with a plan that lets the nudge speak all day.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doingthework.core import insights, nudge
from doingthework.core.measures import BUILTIN, due_words
from doingthework.core.models import CheckIn, Measure, Note, Session
from doingthework.core.paths import resolve_paths
from doingthework.core.periods import Period, months_between
from doingthework.core.store import Store

TODAY = date(2026, 11, 18)  # a Wednesday, mid-month
MORNING = datetime.combine(TODAY, time(9, 30)).astimezone()
LATE = datetime.combine(TODAY, time(22, 15)).astimezone()


def at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour, 0)).astimezone()


def line(paths, now: datetime = MORNING) -> str:
    """What the prompt shows: the line, or '' when the nudge is quiet."""
    try:
        return nudge.nudge_line(str(paths.data_dir), str(paths.config_dir), str(paths.state_dir), now.timestamp())
    except nudge.Quiet:
        return ""


def write_plan(paths, text: str) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    (paths.config_dir / "plan.toml").write_text(text)


def add(store: Store, entry, when: datetime):
    entry.at = when
    return store.add(entry)


@pytest.fixture
def used(paths, store):
    """A data folder in use: yesterday's check-in."""
    add(store, CheckIn(mood=5), at(TODAY - timedelta(days=1)))
    return store


# ---- what it says -------------------------------------------------------------------------------
def test_no_check_in_today_within_the_hours_says_check_in(paths, used):
    assert line(paths) == "check in when you're ready (dtw checkin)"


def test_outside_the_hours_it_says_nothing(paths, used):
    assert line(paths, LATE) == ""
    assert line(paths, datetime.combine(TODAY, time(7, 59)).astimezone()) == ""
    assert line(paths, datetime.combine(TODAY, time(8, 0)).astimezone()) != ""


def test_the_plan_chooses_the_hours_even_across_midnight(paths, used):
    write_plan(paths, '[nudge]\nfrom = "20:00"\nuntil = "02:00"\n')
    assert line(paths, LATE) == "check in when you're ready (dtw checkin)"
    assert line(paths, MORNING) == ""


def test_off_says_nothing(paths, used):
    write_plan(paths, "[nudge]\noff = true\n")
    assert line(paths) == ""


def test_done_today_says_nothing(paths, used):
    add(used, CheckIn(mood=6), at(TODAY))
    assert line(paths) == ""


def test_a_deleted_check_in_does_not_count(paths, used):
    entry = add(used, CheckIn(mood=6), at(TODAY))
    used.delete(entry.id)
    assert line(paths) == "check in when you're ready (dtw checkin)"


def test_session_tomorrow_counts_open_notes(paths, used):
    add(used, CheckIn(mood=6), at(TODAY))
    add(used, Session(date=(TODAY + timedelta(days=1)).isoformat()), at(TODAY + timedelta(days=1), 12))
    add(used, Note(text="sleep"), at(TODAY - timedelta(days=20)))  # last month's file
    add(used, Note(text="my sister"), at(TODAY))
    add(used, Note(text="talked about", extra={"discussed": True}), at(TODAY))
    add(used, Note(text="long ago"), at(TODAY - timedelta(days=40)))  # beyond Home's 30 days
    assert line(paths) == "session tomorrow: 2 things to bring"


def test_session_tomorrow_with_nothing_noted(paths, used):
    add(used, CheckIn(mood=6), at(TODAY))
    add(used, Session(date=(TODAY + timedelta(days=1)).isoformat()), at(TODAY + timedelta(days=1), 12))
    assert line(paths) == "session tomorrow"


def test_the_check_in_comes_before_the_session(paths, used):
    add(used, Session(date=(TODAY + timedelta(days=1)).isoformat()), at(TODAY + timedelta(days=1), 12))
    assert line(paths) == "check in when you're ready (dtw checkin)"


def test_a_measure_due(paths, used):
    write_plan(paths, '[[measures]]\nid = "phq9"\n[[measures]]\nid = "gad7"\nevery_days = 30\n')
    add(used, CheckIn(mood=6), at(TODAY))
    assert line(paths) == "PHQ-9 and GAD-7 are due, whenever you're ready (dtw measure list)"
    add(used, BUILTIN["gad7"].record([0] * 7), at(TODAY - timedelta(days=29)))
    assert line(paths) == "PHQ-9 is due, whenever you're ready (dtw measure phq9)"
    add(used, BUILTIN["phq9"].record([0] * 9), at(TODAY - timedelta(days=13)))
    assert line(paths) == ""


def test_the_words_for_measures_are_core_measures_words():
    for ids in (["phq9"], ["phq9", "gad7"]):
        titles = [BUILTIN[i].title for i in ids]
        assert nudge.measure_words(titles, ids).startswith(due_words([BUILTIN[i] for i in ids]) + ", ")


# ---- when it can't say: nothing, exit 0 -------------------------------------------------------
def test_a_broken_plan_prints_nothing_and_check_names_it(paths, used, capsys):
    write_plan(paths, '[nudge]\nfrom = "8 in the morning"\n')
    assert nudge.serve(now=MORNING.timestamp()) == 0
    assert capsys.readouterr().out == ""
    assert nudge.serve(check=True, now=MORNING.timestamp()) == 1
    said = capsys.readouterr().out
    assert "nudge.from" in said and "plan.toml" in said and "says nothing" in said


def test_a_plan_toml_syntax_error_prints_nothing(paths, used, capsys):
    write_plan(paths, "[nudge\n")
    assert nudge.serve(now=MORNING.timestamp()) == 0
    assert capsys.readouterr().out == ""


def test_a_missing_data_folder_prints_nothing(paths, capsys):
    assert nudge.serve(now=MORNING.timestamp()) == 0
    assert capsys.readouterr().out == ""
    assert nudge.serve(check=True, now=MORNING.timestamp()) == 0  # nothing to fix: a new install
    assert "no data folder" in capsys.readouterr().out


def test_an_encrypted_folder_prints_nothing_and_never_asks(paths, used, capsys):
    from doingthework.core import encryption

    encryption.encrypt(used, "correct horse", kdf={"name": "scrypt", "n": 2**10, "r": 8, "p": 1})
    assert line(paths) == ""  # no passphrase source at all: it would raise if it asked
    assert nudge.serve(check=True, now=MORNING.timestamp()) == 0
    assert "encrypted" in capsys.readouterr().out


def test_a_damaged_line_is_skipped_and_check_names_it(paths, used, capsys):
    add(used, CheckIn(mood=6), at(TODAY))
    month = next(paths.entries_dir.glob(f"{TODAY:%Y-%m}.*.jsonl"))
    with month.open("ab") as f:
        f.write(b"{not json\n")
    assert line(paths) == ""
    assert nudge.serve(check=True, now=MORNING.timestamp()) == 1
    assert "can't be read" in capsys.readouterr().out


def test_the_plan_is_read_once_until_it_changes(paths, used):
    write_plan(paths, "[nudge]\noff = true\n")
    assert line(paths) == ""
    assert (paths.state_dir / nudge.CACHE_NAME).stat().st_mode & 0o777 == 0o600
    write_plan(paths, "[nudge]\noff = false\n# longer, so the change shows even on a coarse clock\n")
    assert line(paths) != ""


# ---- the same rules as the rest of dtw --------------------------------------------------------
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1)),
    minutes=st.integers(-14 * 60, 14 * 60),
)
def test_local_day_is_datetimes(text, minutes):
    from datetime import timezone

    moment = text.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    expected = moment.astimezone().date()
    iso = moment.isoformat(timespec="seconds" if not moment.microsecond else "microseconds")
    assert nudge.local_day_of(iso) == nudge.civil_days(expected.year, expected.month, expected.day)
    assert nudge.civil_date(nudge.civil_days(expected.year, expected.month, expected.day)) == (
        expected.year,
        expected.month,
        expected.day,
    )


@given(day=st.dates(min_value=date(1971, 1, 3), max_value=date(2200, 1, 1)), span=st.integers(0, 400))
def test_months_read_are_the_stores(day, span):
    first, last = at(day - timedelta(days=span), 0), at(day, 23)
    lo, hi = months_between(first, last)
    days = nudge.civil_days(day.year, day.month, day.day)
    months = nudge.months_around(days - span, days)
    assert min(months) == lo and max(months) == hi


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    offsets=st.lists(
        st.tuples(st.sampled_from(["checkin", "note", "session", "measure"]), st.integers(-45, 2), st.booleans()),
        max_size=12,
    ),
    hour=st.integers(0, 23),
    measures=st.booleans(),
)
def test_one_line_at_most_and_the_same_facts_as_the_store(paths, offsets, hour, measures):
    shutil.rmtree(paths.data_dir, ignore_errors=True)
    shutil.rmtree(paths.state_dir, ignore_errors=True)
    write_plan(paths, '[[measures]]\nid = "phq9"\n' if measures else "")
    store = Store(paths)
    store.add(CheckIn(mood=3))
    for kind, offset, flag in offsets:
        day = TODAY + timedelta(days=offset)
        if kind == "checkin":
            entry = add(store, CheckIn(mood=4), at(day, 10))
        elif kind == "note":
            entry = add(store, Note(text="x", extra={"discussed": True} if flag else {}), at(day, 11))
        elif kind == "session":
            entry = add(store, Session(date=day.isoformat()), at(day, 12))
        else:
            entry = add(store, BUILTIN["phq9"].record([0] * 9), at(day, 13))
        if flag and kind != "note":
            store.delete(entry.id)
    now = datetime.combine(TODAY, time(hour, 5)).astimezone()
    said = line(paths, now)
    assert "\n" not in said and "\x1b" not in said
    # what the store says, computed the long way
    month = store.query(Period(at(TODAY - timedelta(days=29), 0), None)).entries
    checked_in = any(isinstance(e, CheckIn) and e.at.astimezone().date() == TODAY for e in month)
    tomorrow = any(isinstance(e, Session) and e.date == (TODAY + timedelta(days=1)).isoformat() for e in month)
    notes = insights.open_notes(month)
    assert nudge.OPEN_NOTES_DAYS == insights.OPEN_NOTES_DAYS  # the same look-back as Home's
    measured = [
        e for e in store.query(Period(at(TODAY - timedelta(days=13), 0), None)).entries if isinstance(e, Measure)
    ]
    if not 8 <= hour < 21:
        assert said == ""
    elif not checked_in:
        assert said == nudge.CHECK_IN
    elif tomorrow:
        assert said == nudge.session_words(notes)
    elif measures and not measured:
        assert said.startswith("PHQ-9 is due")
    else:
        assert said == ""


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/config", "XDG_STATE_HOME": "/x/state"},
        {"XDG_DATA_HOME": "relative", "XDG_STATE_HOME": ""},
        {"DTW_DATA_DIR": "~/d", "DTW_CONFIG_DIR": "/c", "DTW_STATE_DIR": "/s"},
    ],
)
def test_locations_are_resolve_paths(env, monkeypatch, tmp_path):
    for var in (
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "DTW_DATA_DIR",
        "DTW_CONFIG_DIR",
        "DTW_STATE_DIR",
    ):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    for flags in ((None, None), ("/flag/d", "/flag/c")):
        expected = resolve_paths(*flags)
        got = nudge.locations(*flags)
        assert got == (str(expected.data_dir), str(expected.config_dir), str(expected.state_dir))


# ---- through the command line -------------------------------------------------------------------
def test_the_typer_command_serves_the_same(dtw, paths, used):
    write_plan(paths, '[nudge]\nfrom = "00:00"\nuntil = "00:00"\n')
    result = dtw("nudge")
    assert result.exit_code == 0 and result.stdout == "check in when you're ready (dtw checkin)\n"
    assert dtw("nudge", "--help").exit_code == 0
    assert dtw("nudge", "--install", "tcsh").exit_code == 2


def run_dtw(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "doingthework", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def test_at_the_prompt_a_fresh_process_imports_no_cli_library(paths, used):
    write_plan(paths, '[nudge]\nfrom = "00:00"\nuntil = "00:00"\n')
    code = (
        "import sys\nsys.argv = ['dtw', 'nudge']\nfrom doingthework.__main__ import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(sys.modules)\nimport json\nprint(json.dumps(loaded), file=sys.__stderr__)"
    )
    loaded = []
    for _ in range(2):  # the first run reads plan.toml and keeps its facts; the second is a prompt's
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
        assert result.stdout == "check in when you're ready (dtw checkin)\n"
        loaded.append(set(json.loads(result.stderr.strip().splitlines()[-1])))
    roots = {m.split(".")[0] for m in loaded[0] | loaded[1]}
    assert not roots & {"typer", "click", "pydantic", "rich", "textual", "cryptography"}
    assert not any(m.startswith("doingthework.cli") for m in loaded[1])
    # on a prompt's run, nothing that costs more than Python's own start-up
    assert not {m.split(".")[0] for m in loaded[1]} & {"re", "json", "tomllib", "datetime", "platformdirs", "typing"}


def test_a_fresh_process_honours_the_global_options(paths, used, tmp_path):
    write_plan(paths, '[nudge]\nfrom = "00:00"\nuntil = "00:00"\n')
    elsewhere = tmp_path / "elsewhere"
    result = run_dtw(["--data-dir", str(elsewhere), "nudge"])
    assert (result.returncode, result.stdout) == (0, "")  # no data folder there: nothing
    result = run_dtw([f"--data-dir={paths.data_dir}", "--config-dir", str(paths.config_dir), "nudge"])
    assert (result.returncode, result.stdout) == (0, "check in when you're ready (dtw checkin)\n")
    assert run_dtw(["nudge", "--check"]).returncode == 0
    assert run_dtw(["nudge", "--help"]).stdout.count("--install") == 1


def test_exit_0_and_no_output_whatever_is_wrong(paths, tmp_path):
    (tmp_path / "file").write_text("")
    for env in ({"DTW_DATA_DIR": str(tmp_path / "file")}, {"DTW_CONFIG_DIR": str(tmp_path / "file")}, {"HOME": ""}):
        result = run_dtw(["nudge"], **env)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


# ---- the shell snippets -------------------------------------------------------------------------
@pytest.mark.parametrize("shell, check", [("bash", ["bash", "-n"]), ("zsh", ["zsh", "-n"]), ("fish", ["fish", "-n"])])
def test_the_snippets_are_valid_shell(shell, check, tmp_path):
    if shutil.which(check[0]) is None:
        pytest.skip(f"{check[0]} is not installed here")
    result = run_dtw(["nudge", "--install", shell])
    assert result.returncode == 0
    assert "dtw nudge" in result.stdout and "\x1b" not in result.stdout
    rc = tmp_path / "rc"
    rc.write_text(result.stdout)
    checked = subprocess.run([*check, str(rc)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_the_bash_snippet_keeps_prompt_command_and_adds_itself_once(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed here")
    rc = tmp_path / "rc"
    rc.write_text(nudge.install_text("bash"))
    script = (
        f'PROMPT_COMMAND="history -a;"\n. {rc}\n. {rc}\nprintf "%s|" "$PROMPT_COMMAND"; false; __dtw_nudge; echo "$?"'
    )
    result = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, check=False)
    assert result.stdout == "history -a;\n__dtw_nudge|1\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_at_the_prompt_a_full_stdout_is_still_silence(paths, used):
    write_plan(paths, '[nudge]\nfrom = "00:00"\nuntil = "00:00"\n')
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "doingthework", "nudge"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert (result.returncode, result.stderr) == (0, "")
