"""Help now: the person's own safety plan and crisis lines, readable even when all else is broken.

Nothing here may fail: a broken plan.toml, a missing config folder or a damaged data folder
still gives the general crisis lines. Every line of the plan is read through
`core.sanitize.clean_line`, so the command line and the app show it safely.
"""

from __future__ import annotations

from pathlib import Path

from doingthework.core.sanitize import clean_line

DEFAULT_CRISIS_LINES = (
    "In immediate danger: call your local emergency number.",
    "US: call or text 988 (Suicide & Crisis Lifeline).",
    "UK and Ireland: Samaritans, 116 123.",
    "Elsewhere: findahelpline.com lists free, confidential lines by country.",
)
SECTION_ORDER = (
    ("warning_signs", "Warning signs I watch for"),
    ("coping", "Things I can do on my own"),
    ("distractions", "People and places that help me feel better"),
    ("people", "People I can ask for help"),
    ("professionals", "Professionals I can contact"),
    ("safe_space", "Making my space safe"),
    ("reasons", "My reasons for living"),
)
CRISIS_LINES_TITLE = "Crisis lines"
OPENING = "You don't have to get through this alone. Here is who you can reach now, then your own plan."
OPENING_NO_PLAN = "You don't have to get through this alone. Reaching out is a strong thing to do."
ADD_YOUR_OWN = "You can add your own safety plan, ideally with your therapist: `dtw config edit`, under [safety]."
NOT_A_SERVICE = "dtw is not a crisis service. If you might act on thoughts of harming yourself, call now."


def read_safety_sections(plan_file: Path, last_good: Path | None = None) -> tuple[dict[str, list[str]], str | None]:
    """The [safety] table, taking whatever is usable. Returns (sections, a note if the plan was unusable).

    A plan.toml that can't be read, or a section of it in the wrong shape, gives way to
    `last_good`, the copy kept the last time it read cleanly (core/config.py keeps it), so a
    typo never takes a person's own plan away.
    """
    try:
        data = _read_toml(plan_file)
    except FileNotFoundError:
        return {}, None
    except Exception:  # noqa: BLE001 — help now must work whatever is wrong with the plan
        earlier = _last_good_sections(last_good)
        if earlier is None:
            return {}, "Your plan.toml can't be read just now, so here are the general lines."
        return (
            earlier,
            "Your plan.toml has a mistake just now, so this is your plan from the last time it read cleanly.",
        )
    sections, unusable = _sections(data)
    if not unusable:
        return sections, None
    earlier = _last_good_sections(last_good) or {}
    for key in unusable:
        if earlier.get(key):
            sections[key] = earlier[key]
    return (
        sections,
        "Part of your safety plan in plan.toml has a mistake just now, so that part is from the last time it read cleanly.",
    )


def _read_toml(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8-sig"))  # -sig: a byte-order mark, as some editors save


def _last_good_sections(last_good: Path | None) -> dict[str, list[str]] | None:
    try:
        return _sections(_read_toml(last_good))[0] if last_good else None
    except Exception:  # noqa: BLE001 — a last good copy that can't be read is simply not offered
        return None


def _sections(data: dict) -> tuple[dict[str, list[str]], list[str]]:
    """(the usable sections, the names of sections in a shape that can't be used)."""
    table = data.get("safety")
    if not isinstance(table, dict):
        return {}, ([] if table is None else ["*"])
    sections: dict[str, list[str]] = {}
    unusable: list[str] = []
    for key, raw in table.items():
        value = [raw] if isinstance(raw, str) else raw  # one line written without brackets is still the person's plan
        if isinstance(value, list):
            # each line shown safely: a pasted escape sequence must not clear the crisis lines away
            items = [clean_line(v) for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
            if items:
                sections[key] = items
        elif key != "notice":
            unusable.append(key)
    return sections, unusable


def crisis_lines(sections: dict[str, list[str]]) -> list[str]:
    """The plan's own crisis lines with the emergency line after them, or the defaults; never empty."""
    own_lines = sections.get("crisis_lines") or []
    return [*own_lines, DEFAULT_CRISIS_LINES[0]] if own_lines else list(DEFAULT_CRISIS_LINES)


def help_now_sections(sections: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Titled sections: the crisis lines first (seen at once, without scrolling), then the
    person's own plan in the Stanley–Brown order."""
    shown = [(CRISIS_LINES_TITLE, crisis_lines(sections))]
    shown += [(title, sections[key]) for key, title in SECTION_ORDER if sections.get(key)]
    return shown


def help_now_text(plan_file: Path | None, last_good: Path | None = None) -> str:
    sections, note = read_safety_sections(plan_file, last_good) if plan_file else ({}, None)
    has_plan = any(key != "crisis_lines" for key in sections)
    lines = ["Help now", "", OPENING if has_plan else OPENING_NO_PLAN, ""]
    for title, items in help_now_sections(sections):
        lines.append(title)
        lines += [f"  - {item}" for item in items]
        lines.append("")
        if note and title == CRISIS_LINES_TITLE:
            lines += [note, ""]
    if not has_plan:
        lines += [ADD_YOUR_OWN, ""]
    lines.append(NOT_A_SERVICE)
    return "\n".join(lines) + "\n"
