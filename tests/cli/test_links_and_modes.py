"""Links and modes as a person meets them on the command line: plain words, exit 1, nothing changed."""

from __future__ import annotations

import os


def test_a_read_only_data_folder_is_respected(dtw, paths):
    """As root the kernel would allow the write; dtw goes by the mode the person set, so this holds
    for root and everyone else alike."""
    assert dtw("note", "first").exit_code == 0
    before = sorted(p.name for p in paths.data_dir.rglob("*"))
    paths.data_dir.chmod(0o500)
    try:
        result = dtw("note", "second")
        assert result.exit_code == 1, result.output
        assert "read-only (0500)" in result.output and str(paths.data_dir) in result.output
        assert "something went wrong" not in result.output
        assert paths.data_dir.stat().st_mode & 0o777 == 0o500
        assert sorted(p.name for p in paths.data_dir.rglob("*")) == before
        result = dtw("doctor")
        assert "read-only" in result.output and paths.data_dir.stat().st_mode & 0o777 == 0o500
    finally:
        paths.data_dir.chmod(0o700)
    assert len(dtw.json("log")) == 1


def test_a_link_as_the_lock_file_stops_a_save_and_doctor_sets_it_aside(dtw, paths, tmp_path):
    assert dtw("note", "first").exit_code == 0
    secret = tmp_path / "elsewhere" / "secret"
    secret.parent.mkdir()
    secret.write_bytes(b"private")
    secret.chmod(0o644)
    paths.lock_file.unlink()
    paths.lock_file.symlink_to(secret)
    result = dtw("note", "second")
    assert result.exit_code == 1 and "link" in result.output and "something went wrong" not in result.output
    result = dtw("doctor")
    assert result.exit_code == 1 and str(paths.lock_file) in result.output
    result = dtw("doctor", "--repair")
    assert result.exit_code == 0, result.output
    assert not paths.lock_file.is_symlink()
    assert dtw("note", "second").exit_code == 0
    assert secret.read_bytes() == b"private" and secret.stat().st_mode & 0o777 == 0o644
    (aside,) = [p for p in paths.quarantine_dir.iterdir() if p.is_symlink()]
    assert os.readlink(aside) == str(secret)
    assert len(dtw.json("log")) == 2


def test_a_plan_kept_in_a_dotfiles_repo_is_used_and_named_but_left_alone(dtw, paths, tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "plan.toml").write_text('boundaries = ["no calls after 9"]\n')
    (dotfiles / "plan.toml").chmod(0o644)
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.symlink_to(dotfiles / "plan.toml")
    for args in (("doctor",), ("doctor", "--repair")):
        result = dtw(*args)
        assert result.exit_code == 0, result.output
        assert f"note     {paths.plan_file} is a link" in result.output
    assert paths.plan_file.is_symlink() and (dotfiles / "plan.toml").stat().st_mode & 0o777 == 0o644
