from __future__ import annotations

import os
import sys


def test_config_path(dtw, paths):
    out = dtw("config", "path").stdout
    assert str(paths.config_file) in out and str(paths.plan_file) in out and str(paths.data_dir) in out


def test_config_check_creates_and_accepts_templates(dtw, paths):
    result = dtw("config", "check")
    assert result.exit_code == 0 and "fine" in result.stdout
    assert paths.config_file.exists() and paths.plan_file.exists()


def test_config_show_prints_values_in_effect(dtw):
    out = dtw("config", "show").stdout
    assert 'theme = "textual-dark"' in out and "[safety]" in out


def test_config_check_syntax_error_is_exit_2_with_line_and_column(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text('theme = "nord"\nbells = yes\n')
    result = dtw("config", "check")
    assert result.exit_code == 2
    assert f"{paths.config_file}, line 2, column" in result.stderr
    assert "Traceback" not in result.output


def test_config_check_type_error_names_key_and_type(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text("skills = 'breathing'\n")
    result = dtw("config", "check")
    assert result.exit_code == 2 and "'skills' should be a list" in result.stderr


def test_config_check_unknown_key_warns_but_passes(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text("colour = 'blue'\n")
    result = dtw("config", "check")
    assert result.exit_code == 0 and "unknown key 'colour'" in result.stderr


def test_config_edit_runs_the_editor_and_checks(dtw, paths, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'a').write('\\nskills = [\"grounding\"]\\n')\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    result = dtw("config", "edit")
    assert result.exit_code == 0, result.output
    assert 'skills = ["grounding"]' in paths.plan_file.read_text()


def test_config_edit_reports_a_mistake_made_in_the_editor(dtw, paths, tmp_path, monkeypatch):
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'a').write('\\nbells = maybe\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = dtw("config", "edit", "config")
    assert result.exit_code == 2 and "config.toml, line" in result.stderr
    assert os.path.exists(paths.config_file)


def test_config_check_notes_a_practice_preset_whose_numbers_make_no_sense(dtw, paths):
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.write_text(
        '[[practice]]\nid = "slow"\nphases = [ { name = "in", seconds = 4 } ]\nbell_every_minutes = nan\n'
    )
    result = dtw("config", "check")
    assert result.exit_code == 0 and "practice preset 'slow'" in result.stderr and "bell_every_minutes" in result.stderr
    assert "See the notes above" in result.stdout
