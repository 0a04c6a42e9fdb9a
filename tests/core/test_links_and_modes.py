"""dtw never follows a symlink inside its own folders, and never makes a folder others can write to.

The link tests are built over the class, not one example: every location `Paths` names (found by
introspection, so a new one is covered the day it is added) and every file and folder a normal run
leaves behind, each replaced in turn by a link to a secret file or folder outside. Then everything
that touches those places runs (a save, a draft, loading the settings, `doctor`, `doctor --repair`)
and the secret must come out untouched: same bytes, same mode, its words nowhere in dtw's folders,
and doctor names the link.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from doingthework.core import config, doctor
from doingthework.core.errors import DtwError
from doingthework.core.models import Note
from doingthework.core.paths import Paths
from doingthework.core.store import Store

MARKER = "s3cr3tmarker"  # also a valid device id, so a followed device-id link would spread it
SECRET_CONTENTS = {
    "toml": f'marker = "{MARKER}"\n'.encode(),  # reads cleanly as config.toml / plan.toml
    "id": f"{MARKER}\n".encode(),
    "draft": json.dumps({"v": 1, "saved_at": "2026-11-01T09:00:00+00:00", "fields": {"note": MARKER}}).encode(),
}
# a secret folder that looks like every one of dtw's folders, so following it finds something to use
SECRET_FOLDER_FILES = {
    "2026-11.abcd.jsonl": SECRET_CONTENTS["draft"] + b"\n",
    "config.toml": SECRET_CONTENTS["toml"],
    "plan.toml": SECRET_CONTENTS["toml"],
    "device-id": SECRET_CONTENTS["id"],
    "checkin.json": SECRET_CONTENTS["draft"],
}
# links a person may well make on purpose (dotfiles): read through, never written, chmodded or copied
READ_THROUGH = {"config_dir", "config_file", "plan_file"}
# the top folders: a link there is the person's setup, named by doctor but never moved
ROOTS = {f.name for f in dataclasses.fields(Paths)}


def locations() -> list[str]:
    """Every location Paths knows: its fields and the places it names below them."""
    sample = make_paths(Path("home"))
    below = [name for name in vars(Paths) if name not in ROOTS and isinstance(getattr(sample, name), Path)]
    return sorted(ROOTS) + sorted(below)


def make_paths(root: Path) -> Paths:
    return Paths(data_dir=root / "data", config_dir=root / "config", state_dir=root / "state")


def baseline(paths: Paths) -> None:
    """What a few days of normal use leave: settings, last-good copies, entries, a draft, quarantine."""
    config.load(paths.config_dir, last_good_dir=paths.last_good_dir)
    store = Store(paths)
    store.add(Note(text="first", at=datetime(2026, 11, 2, 9, tzinfo=UTC)))
    store.save_draft("checkin", {"note": "half typed"})
    (entries_file,) = paths.entries_dir.iterdir()
    with entries_file.open("ab") as handle:
        handle.write(b"garbage\n")
    doctor.check(Store(paths), repair=True)  # leaves the garbage line in quarantine/
    assert any(paths.quarantine_dir.iterdir())


def make_secret(outside: Path, flavour: str) -> Path:
    outside.mkdir(parents=True, exist_ok=True)
    if flavour == "folder":
        folder = outside / "secret-folder"
        folder.mkdir(mode=0o750)
        os.chmod(folder, 0o750)
        for name, data in SECRET_FOLDER_FILES.items():
            (folder / name).write_bytes(data)
            os.chmod(folder / name, 0o640)
        return folder
    secret = outside / f"secret-{flavour}"
    secret.write_bytes(SECRET_CONTENTS[flavour])
    os.chmod(secret, 0o640)
    return secret


def snapshot(target: Path) -> dict[str, tuple[int, bytes]]:
    """Every mode and byte under `target` (itself included)."""
    found = {".": (os.lstat(target).st_mode, b"" if target.is_dir() else target.read_bytes())}
    if target.is_dir():
        for item in sorted(target.rglob("*")):
            found[str(item.relative_to(target))] = (os.lstat(item).st_mode, b"" if item.is_dir() else item.read_bytes())
    return found


def replace_with_link(path: Path, target: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def attempt(action) -> object:
    """Run one thing dtw does; a refusal must be a DtwError (a plain message), never a crash."""
    try:
        return action()
    except DtwError as exc:
        assert MARKER not in exc.message
        return exc


def exercise(paths: Paths) -> tuple[list[str], list[str]]:
    """Everything that touches dtw's folders. Returns doctor's messages without and with --repair."""
    attempt(lambda: config.load(paths.config_dir, last_good_dir=paths.last_good_dir))
    store = Store(paths)
    attempt(lambda: store.add(Note(text="second", at=datetime(2026, 11, 3, 9, tzinfo=UTC))))
    attempt(lambda: store.save_draft("checkin", {"note": "more"}))
    draft = attempt(lambda: store.load_draft("checkin"))
    assert MARKER not in repr(draft)
    attempt(store.query)
    found = attempt(lambda: doctor.check(Store(paths)))
    assert isinstance(found, doctor.Report), found
    repaired = attempt(lambda: doctor.check(Store(paths), repair=True))
    assert isinstance(repaired, doctor.Report), repaired
    # and once more after repair: dtw goes on working (or says why not)
    after = Store(paths)
    attempt(lambda: after.add(Note(text="third", at=datetime(2026, 11, 4, 9, tzinfo=UTC))))
    attempt(lambda: after.save_draft("checkin", {"note": "again"}))
    attempt(lambda: config.load(paths.config_dir, last_good_dir=paths.last_good_dir))
    return [f.message for f in found.findings], [f.message for f in repaired.findings]


def marker_anywhere(*folders: Path) -> list[Path]:
    """Regular files (links not followed) under `folders` whose bytes hold the secret."""
    hits = []
    for folder in folders:
        if folder.is_symlink():
            continue  # os.walk would enter a link given as the top
        for dirpath, _dirs, files in os.walk(folder, followlinks=False):
            for name in files:
                path = Path(dirpath) / name
                if stat.S_ISREG(os.lstat(path).st_mode) and MARKER.encode() in path.read_bytes():
                    hits.append(path)
    return hits


def check_one_link(root: Path, place: str, flavour: str, where: Path | None = None) -> None:
    """Replace one location (a Paths attribute, or `where`) with a link to a secret, run everything."""
    paths = make_paths(root / "home")
    baseline(paths)
    link = where if where is not None else getattr(paths, place)
    secret = make_secret(root / "outside", flavour)
    before = snapshot(secret)
    replace_with_link(link, secret)

    found, repaired = exercise(paths)

    assert snapshot(secret) == before, f"{place}: the secret was changed"
    # reading a settings file through a link is allowed; copying it anywhere is not
    hits = marker_anywhere(paths.data_dir, paths.state_dir, paths.config_dir)
    assert not hits, f"{place}: the secret's words were copied to {hits}"
    # doctor names the link; or, for a draft, loading it already set the link aside, and doctor names it there
    set_aside_early = [p for p in paths.quarantine_dir.glob("*") if p.is_symlink() and os.readlink(p) == str(secret)]
    assert any(str(link) in m for m in found) or any(str(p) in m for p in set_aside_early for m in found), (
        f"{place}: doctor did not name {link}: {found}"
    )
    assert not any(MARKER in m for m in found + repaired)
    if place in READ_THROUGH or place in ROOTS or link.parent == paths.quarantine_dir:
        # the person's own links stay; so does one in quarantine/, where dtw reads nothing anyway
        assert link.is_symlink() and os.readlink(link) == str(secret), f"{place}: a link the person made was moved"
    else:
        assert not link.is_symlink(), f"{place}: repair left the link in place"
        set_aside = (
            [p for p in paths.quarantine_dir.iterdir() if p.is_symlink()] if paths.quarantine_dir.is_dir() else []
        )
        state_aside = [p for p in link.parent.iterdir() if p.is_symlink()] if link.parent.is_dir() else []
        assert any(os.readlink(p) == str(secret) for p in set_aside + state_aside), (
            f"{place}: the link was not set aside"
        )


@pytest.mark.parametrize("flavour", ["toml", "id", "draft", "folder"])
@pytest.mark.parametrize("place", locations())
def test_no_location_dtw_names_is_followed_through_a_link(tmp_path, place, flavour):
    check_one_link(tmp_path, place, flavour)


def test_no_file_or_folder_dtw_made_is_followed_through_a_link(tmp_path):
    """Every file and folder a normal run leaves (entries, drafts, quarantined lines, last-good
    copies...), including ones Paths has no name for."""
    sample = make_paths(tmp_path / "sample")
    baseline(sample)
    made = []
    for top in (sample.data_dir, sample.config_dir, sample.state_dir):
        made += [p.relative_to(sample.data_dir.parent) for p in top.rglob("*")]
    assert len(made) >= 10, made
    named = {getattr(sample, name) for name in locations()}
    for number, rel in enumerate(made):
        if sample.data_dir.parent / rel in named:
            continue  # covered, by name, above
        for flavour in ("toml", "draft", "folder"):
            root = tmp_path / f"case{number}-{flavour}"
            paths = make_paths(root / "home")
            check_one_link(root, str(rel), flavour, where=paths.data_dir.parent / rel)


def test_a_link_to_a_secret_as_an_entries_file_is_named_and_never_copied(tmp_path):
    """The threat in one picture: entries/2026-11.abcd.jsonl -> ~/.ssh/id_rsa in a synced folder."""
    paths = make_paths(tmp_path / "home")
    baseline(paths)
    key = tmp_path / "ssh" / "id_rsa"
    key.parent.mkdir()
    key.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY-----\n" + MARKER.encode() + b"\n")
    key.chmod(0o600)
    link = paths.entries_dir / "2026-11.abcd.jsonl"
    link.symlink_to(key)
    report = doctor.check(Store(paths))
    assert any(str(link) in f.message and f.level == "problem" for f in report.findings)
    doctor.check(Store(paths), repair=True)
    assert not marker_anywhere(paths.data_dir, paths.state_dir)
    assert not link.exists() and not link.is_symlink()
    (moved,) = [p for p in paths.quarantine_dir.iterdir() if p.is_symlink()]
    assert os.readlink(moved) == str(key) and key.stat().st_mode & 0o777 == 0o600


def test_config_files_linked_into_a_dotfiles_repo_are_read_but_never_changed(tmp_path):
    paths = make_paths(tmp_path / "home")
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "plan.toml").write_text('boundaries = ["no work email after 7"]\n')
    os.chmod(dotfiles / "plan.toml", 0o644)
    paths.config_dir.mkdir(parents=True)
    paths.plan_file.symlink_to(dotfiles / "plan.toml")
    loaded = config.load(paths.config_dir, last_good_dir=paths.last_good_dir)
    assert loaded.plan.boundaries == ["no work email after 7"]
    report = doctor.check(Store(paths), repair=True)
    assert any(str(paths.plan_file) in f.message and f.level == "warning" for f in report.findings)
    assert (dotfiles / "plan.toml").stat().st_mode & 0o777 == 0o644
    assert paths.plan_file.is_symlink()
    assert not (paths.last_good_dir / "plan.toml").exists()  # no copy of a file that lives elsewhere
    with pytest.raises(DtwError, match="link"):
        config.add_standing_boundary(paths.plan_file, "a new one")
    assert (dotfiles / "plan.toml").read_text() == 'boundaries = ["no work email after 7"]\n'


# ---- modes ----------------------------------------------------------------------------------
UMASK_SCRIPT = """
import os, sys
os.umask(0)
from datetime import UTC, datetime
from doingthework.core import config
from doingthework.core.models import Note
from doingthework.core.paths import resolve_paths
from doingthework.core.store import Store
paths = resolve_paths()
config.load(paths.config_dir, last_good_dir=paths.last_good_dir)
store = Store(paths)
store.add(Note(text="x", at=datetime(2026, 11, 2, tzinfo=UTC)))
store.save_draft("checkin", {"note": "y"})
"""


def test_with_umask_000_no_folder_dtw_creates_is_world_writable(tmp_path):
    """Fresh HOME and XDG folders that do not exist yet: ~/.local/share, ~/.config, ~/.local/state."""
    home = tmp_path / "fresh-home"
    home.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DTW_", "XDG_"))}
    env["HOME"] = str(home)
    subprocess.run([sys.executable, "-c", UMASK_SCRIPT], env=env, check=True, timeout=120)
    made = [p for p in home.rglob("*")]
    assert any(p.name == "doingthework" for p in made)
    for path in made:
        mode = os.lstat(path).st_mode
        assert not mode & 0o002, f"{path} is world-writable ({oct(mode & 0o777)})"
        if stat.S_ISDIR(mode):
            assert mode & 0o077 == 0, f"{path} is open to others ({oct(mode & 0o777)})"
        else:
            assert mode & 0o777 == 0o600, f"{path} is {oct(mode & 0o777)}"


def test_with_umask_000_override_folders_and_their_parents_are_private(tmp_path, monkeypatch):
    root = tmp_path / "deep"
    paths = Paths(data_dir=root / "a" / "b" / "data", config_dir=root / "c" / "config", state_dir=root / "d" / "state")
    old = os.umask(0)
    try:
        config.load(paths.config_dir, last_good_dir=paths.last_good_dir)
        store = Store(paths)
        store.add(Note(text="x"))
        store.save_draft("checkin", {"note": "y"})
    finally:
        os.umask(old)
    for path in root.rglob("*"):
        assert not os.lstat(path).st_mode & 0o022, f"{path}: {oct(os.lstat(path).st_mode & 0o777)}"


def test_a_looser_data_folder_is_tightened(tmp_path):
    paths = make_paths(tmp_path / "home")
    baseline(paths)
    paths.data_dir.chmod(0o755)
    paths.entries_dir.chmod(0o775)
    Store(paths).add(Note(text="more"))
    assert paths.data_dir.stat().st_mode & 0o777 == 0o700
    assert paths.entries_dir.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("folder", ["data_dir", "entries_dir", "drafts_dir"])
def test_a_read_only_folder_is_respected(tmp_path, folder):
    """A folder the person made read-only stays so: a plain refusal, the mode as it was, nothing
    written. As root the kernel would let any write through, so dtw goes by the mode bits itself:
    the test then means the same thing for root and for everyone else."""
    paths = make_paths(tmp_path / "home")
    baseline(paths)
    target = getattr(paths, folder)
    before = sorted(p.name for p in target.iterdir())
    target.chmod(0o500)
    try:
        store = Store(paths)
        with pytest.raises(DtwError) as caught:
            store.add(Note(text="more", at=datetime(2026, 12, 1, tzinfo=UTC)))
            store.save_draft("trigger", {"note": "x"})
        assert "read-only" in caught.value.message and str(target) in caught.value.message
        assert caught.value.exit_code == 1
        assert target.stat().st_mode & 0o777 == 0o500
        assert sorted(p.name for p in target.iterdir()) == before
        report = doctor.check(Store(paths))
        assert target.stat().st_mode & 0o777 == 0o500
        assert any(str(target) in f.message and "read-only" in f.message for f in report.findings)
    finally:
        target.chmod(0o700)


def test_a_read_only_entries_file_is_respected(tmp_path):
    paths = make_paths(tmp_path / "home")
    baseline(paths)
    (entries_file,) = [p for p in paths.entries_dir.iterdir()]
    before = entries_file.read_bytes()
    entries_file.chmod(0o400)
    with pytest.raises(DtwError, match=r"read-only \(0400\)"):
        Store(paths).add(Note(text="more", at=datetime(2026, 11, 5, tzinfo=UTC)))
    assert entries_file.stat().st_mode & 0o777 == 0o400 and entries_file.read_bytes() == before
