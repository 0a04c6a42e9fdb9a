"""The words "crisis" and "emergency" belong to the help-now page alone (the project's tone: plain, warm, never alarming): every
other string a person can read says it more gently. The strings are found by reading the
source, so a new one can't slip past."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "doingthework"
HELP_NOW_MODULES = {"core/safety.py", "tui/screens/help_now.py", "cli/help_now.py"}
WORDS = re.compile(r"\b(crisis|crises|emergency|emergencies)\b(?![_-])", re.IGNORECASE)


def visible_strings(path: Path) -> list[tuple[int, str]]:
    """String constants a person may read: everything but module, class and (outside the
    command line, whose docstrings are its --help) function docstrings, and dict keys."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings: set[int] = set()
    in_cli = path.relative_to(SRC).parts[0] == "cli"
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if in_cli and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.append((node.lineno, node.value))
    return found


def test_crisis_and_emergency_only_on_the_help_now_page():
    offending = []
    for path in sorted(SRC.rglob("*.py")):
        if str(path.relative_to(SRC)) in HELP_NOW_MODULES:
            continue
        for line, text in visible_strings(path):
            if WORDS.search(text) and not text.lstrip().startswith("#"):
                offending.append(f"{path.relative_to(SRC)}:{line}: {text[:70]!r}")
    # plan.toml's template is a file the person edits, with comments about its own keys
    offending = [o for o in offending if not o.startswith("core/templates.py")]
    assert offending == []


def test_the_scan_would_catch_one():
    assert WORDS.search("not a crisis service") and WORDS.search("Emergency number")
    assert not WORDS.search("crisis_lines") and not WORDS.search("help-crisis-lines")
