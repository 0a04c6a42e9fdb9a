"""Check that a built wheel holds every file dtw needs at run time that is not Python: each
`.tcss` stylesheet under src/doingthework, `py.typed`, and the LICENSE.

.ci/run calls it on the wheel it has just built, before installing that wheel and running
`dtw --version` and `dtw help-now` from it (tests/test_packaging.py calls it too, when hatchling
is at hand). A missing file is named and the exit code is 1.

    python scripts/check_wheel.py dist/doingthework-*.whl
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def missing_from(wheel: Path) -> list[str]:
    """What the wheel lacks of the files the package needs besides its modules."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    wanted = sorted(p.relative_to(SRC).as_posix() for p in (SRC / "doingthework").rglob("*.tcss"))
    wanted.append("doingthework/py.typed")
    missing = [name for name in wanted if name not in names]
    if not any(name.endswith(".dist-info/licenses/LICENSE") for name in names):
        missing.append("LICENSE (in .dist-info/licenses/)")
    return missing


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/check_wheel.py WHEEL", file=sys.stderr)
        return 2
    wheel = Path(argv[0])
    missing = missing_from(wheel)
    for name in missing:
        print(f"{wheel.name} lacks {name}", file=sys.stderr)
    if not missing:
        print(f"{wheel.name}: every .tcss file, py.typed and LICENSE are in it")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
