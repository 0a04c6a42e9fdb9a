"""config.toml (preferences) and plan.toml (the plan made with a therapist).

Defaults live in the dataclasses below and nowhere else. Files are created on first use
from the commented templates in `templates.py` and are never rewritten by dtw after that.
Errors name the file and the line and column (syntax) or the key and the expected type
(schema); unknown keys are warnings, so a typo never stops the app.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doingthework.core.errors import ConfigError, DtwError
from doingthework.core.fsutil import (
    ensure_private_dir,
    is_link,
    read_nofollow,
    replace_durably,
)
from doingthework.core.notice import NoticeRules
from doingthework.core.safety import SECTION_ORDER

if TYPE_CHECKING:
    from doingthework.core.measures import Measure

# ---- the schema -------------------------------------------------------------------------
# A spec is a type (str, int, float, bool), a Choice, a list [spec] or a table {key: spec}.


@dataclass(frozen=True)
class Choice:
    """A setting that takes one of a few words."""

    options: tuple[str, ...]


TYPE_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}

CONFIG_SCHEMA: dict[str, Any] = {
    "theme": str,
    "bells": bool,
    "reduced_motion": bool,
    "export_format": Choice(("md", "json", "html", "csv")),
    "week_start": Choice(("monday", "sunday")),
}

SCALE_SCHEMA = {
    "name": str,
    "label": str,
    "min": int,
    "max": int,
    "low": str,
    "high": str,
    "risk_at_or_above": float,
    "risk_at_or_below": float,
}
PRESET_SCHEMA = {
    "id": str,
    "name": str,
    "phases": [{"name": str, "seconds": float, "guidance": str}],
    "rounds": int,
    "minutes": float,
    "bell_every_minutes": float,
    "delay_seconds": float,
    "guidance": [str],
}
MEASURE_SCHEMA = {
    "id": str,
    "every_days": int,
    "title": str,
    "stem": str,
    "items": [str],
    "answers": [{"value": int, "label": str}],
    "bands": [{"low": int, "high": int, "words": str}],
    "notice": {"item": int, "at_or_above": int},
}
SAFETY_SECTIONS = tuple(key for key, _title in SECTION_ORDER)  # titles live in core/safety.py
PLAN_SCHEMA: dict[str, Any] = {
    "focus_areas": [str],
    "trigger_tags": [str],
    "boundaries": [str],
    "skills": [str],
    "homework": [str],
    "checkin": {
        "hide": [str],
        "skills": bool,
        "kinds": [str],
        "feelings": [str],
        "scales": [SCALE_SCHEMA],
        "questions": [{"name": str, "prompt": str}],
    },
    "practice": [PRESET_SCHEMA],
    "measures": [MEASURE_SCHEMA],
    "diary_card": {"columns": [str]},
    "nudge": {"from": str, "until": str, "off": bool},
    "safety": {
        **{key: [str] for key in SAFETY_SECTIONS},
        "crisis_lines": [str],
        "notice": {
            "mood_at_or_below": float,
            "feelings": [str],
            "trigger_intensity_at_or_above": float,
            "words": [str],
            "off": bool,
        },
    },
}
HIDEABLE = ("mood", "energy", "sleep", "feelings", "body", "intention", "note")
# the session page's diary card: a column a day's ratings (mood, energy, sleep, the plan's own
# scales by name) or one of these (core/report.py `_diary`)
DIARY_COLUMNS = ("trigger", "urges", "skills", "feelings", "boundaries", "practice")


# ---- the values -------------------------------------------------------------------------
@dataclass
class Config:
    """config.toml: how dtw looks and behaves."""

    theme: str = "textual-dark"
    bells: bool = True
    reduced_motion: bool = False
    export_format: str = "md"
    week_start: str = "monday"


@dataclass
class Scale:
    """One 0-10 style rating the check-in asks for."""

    name: str
    label: str = ""
    min: int = 1
    max: int = 10
    low: str = ""
    high: str = ""
    risk_at_or_above: float | None = None
    risk_at_or_below: float | None = None

    def is_risk(self, value: float | None) -> bool:
        if value is None:
            return False
        return (self.risk_at_or_above is not None and value >= self.risk_at_or_above) or (
            self.risk_at_or_below is not None and value <= self.risk_at_or_below
        )


@dataclass
class Question:
    """One free-text question the check-in asks."""

    name: str
    prompt: str


@dataclass
class CheckinPlan:
    """What the plan's check-in shows, hides and adds."""

    hide: list[str] = field(default_factory=list)
    skills: bool = False  # ask which of the plan's skills were used (a DBT diary card does)
    kinds: list[str] = field(default_factory=list)
    feelings: list[str] = field(default_factory=list)
    scales: list[Scale] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


@dataclass
class SafetyPlan:
    """The person's own safety plan, shown first by help now."""

    warning_signs: list[str] = field(default_factory=list)
    coping: list[str] = field(default_factory=list)
    distractions: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    professionals: list[str] = field(default_factory=list)
    safe_space: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    crisis_lines: list[str] = field(default_factory=list)
    notice: NoticeRules = field(default_factory=NoticeRules)  # [safety.notice]: see core/notice.py


@dataclass
class NudgeHours:
    """[nudge]: when `dtw nudge` may speak at the shell prompt (core/nudge.py), as "HH:MM"."""

    start: str = "08:00"  # `from` in plan.toml
    until: str = "21:00"
    off: bool = False


@dataclass
class Plan:
    """plan.toml: what the person and their therapist are working on."""

    focus_areas: list[str] = field(default_factory=list)
    trigger_tags: list[str] = field(default_factory=list)
    boundaries: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    homework: list[str] = field(default_factory=list)
    checkin: CheckinPlan = field(default_factory=CheckinPlan)
    practice: list[dict[str, Any]] = field(default_factory=list)
    safety: SafetyPlan = field(default_factory=SafetyPlan)
    # the id of each `[[practice]]` preset left out for a wrong type -> what is wrong, so that
    # asking for it by name says why rather than "there's no practice called ..."
    dropped_presets: dict[str, str] = field(default_factory=dict)
    diary_columns: list[str] = field(default_factory=list)  # [diary_card] columns; empty: the usual ones
    measures: dict[str, Measure] = field(default_factory=dict)  # the plan's own questionnaires, by id
    due: dict[str, int] = field(default_factory=dict)  # measure id -> every how many days (switched on)
    dropped_measures: dict[str, str] = field(default_factory=dict)  # like dropped_presets
    nudge: NudgeHours = field(default_factory=NudgeHours)


@dataclass
class Settings:
    """What was read, any warnings worth showing (unknown keys), and any mistakes that dtw
    worked around by running on the last good copy (see `load`)."""

    config: Config
    plan: Plan
    warnings: list[str]
    problems: list[str] = field(default_factory=list)


# ---- reading ----------------------------------------------------------------------------
class UnreadableSettings(ConfigError):
    """A settings file the system won't let dtw read: the machine's problem, not a typing
    mistake, so exit 1 (dtw still goes on with the last good copy where it can)."""

    exit_code = 1


_TOML_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_END = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error becomes a ConfigError with path, line and column."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableSettings(f"{path} could not be read: {exc.strerror}") from None
    return parse_toml(data, path)


def parse_toml(data: bytes, path: Path) -> dict[str, Any]:
    """Parse the bytes read from `path` (named in any error)."""
    import tomllib

    try:
        text = data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark, as some editors save
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text", hint="save it as UTF-8 and try again") from None
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(
            f"{path} nests lists or tables too deeply to be read",
            hint="fix it (`dtw config edit`) and run `dtw config check`",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        match = _TOML_POSITION.match(reason)
        if match:
            where = f"{path}, line {match['line']}, column {match['col']}"
            reason = match["msg"]
        else:
            end = _TOML_END.match(reason)
            lines = text.count("\n") + 1
            where = f"{path}, line {lines} (the end of the file)"
            reason = end["msg"] if end else reason
        raise ConfigError(
            f"{where}: {reason}", hint="fix that line (`dtw config edit`) and run `dtw config check`"
        ) from None


def validate(data: dict[str, Any], schema: dict[str, Any], file: str) -> list[str]:
    """Check `data` against `schema`; raise on a wrong type, return warnings for unknown keys."""
    warnings: list[str] = []
    _check_table(data, schema, "", file, warnings)
    return warnings


def _check_table(data: dict[str, Any], schema: dict[str, Any], prefix: str, file: str, warnings: list[str]) -> None:
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1)
            maybe = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            warnings.append(f"{file}: unknown key '{dotted}' is ignored{maybe}")
            continue
        _check_value(value, schema[key], dotted, file, warnings)


def _check_value(value: Any, spec: Any, dotted: str, file: str, warnings: list[str]) -> None:
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise ConfigError(f"{file}: '{dotted}' should be a table ([{dotted}]), not {_describe(value)}")
        _check_table(value, spec, f"{dotted}.", file, warnings)
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise ConfigError(f"{file}: '{dotted}' should be a list, not {_describe(value)}")
        for index, item in enumerate(value):
            _check_value(item, spec[0], f"{dotted}[{index}]", file, warnings)
    elif isinstance(spec, Choice):
        if value not in spec.options:
            options = ", ".join(f'"{o}"' for o in spec.options)
            raise ConfigError(f"{file}: '{dotted}' should be one of {options}")
    else:
        ok = isinstance(value, spec) and not (spec is not bool and isinstance(value, bool))
        if spec is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok:
            raise ConfigError(f"{file}: '{dotted}' should be {TYPE_WORDS[spec]}, not {_describe(value)}")


# what a TOML value is, in words (bool before int: True is an int too)
VALUE_WORDS: tuple[tuple[type, str], ...] = (
    (bool, "true/false"),
    (int, "a whole number"),
    (float, "a number"),
    (str, "text"),
    (list, "a list"),
    (dict, "a table"),
)


def _describe(value: Any) -> str:
    return next((words for kind, words in VALUE_WORDS if isinstance(value, kind)), type(value).__name__)


def parse_config(data: dict[str, Any], file: str = "config.toml", source: bytes = b"") -> tuple[Config, list[str]]:
    warnings = validate(data, CONFIG_SCHEMA, file)
    known = {k: v for k, v in data.items() if k in CONFIG_SCHEMA}
    return Config(**known), warnings


def parse_plan(data: dict[str, Any], file: str = "plan.toml", source: bytes = b"") -> tuple[Plan, list[str]]:
    """plan.toml's values; `source`, the file's bytes, lets a mistake in a measure name its line."""
    # practice presets and measures are checked one by one: a bad one is a warning and is left
    # out, the rest load
    one_by_one = ("practice", "measures")
    warnings = validate({k: v for k, v in data.items() if k not in one_by_one}, PLAN_SCHEMA, file)
    dropped: dict[str, str] = {}
    practice = _plan_presets(data["practice"], file, warnings, dropped) if "practice" in data else []
    measures = _plan_measures(data.get("measures", []), file, source, warnings)
    checkin_data = data.get("checkin", {})
    scales: list[Scale] = []
    for index, raw in enumerate(checkin_data.get("scales", [])):
        where = f"{file}: 'checkin.scales[{index}]'"
        _check_name(raw, where, [s.name for s in scales])
        scale = Scale(**{k: v for k, v in raw.items() if k in SCALE_SCHEMA})
        if scale.min >= scale.max:
            raise ConfigError(f"{where} ('{scale.name}') needs min smaller than max")
        if scale.max - scale.min > MAX_SCALE_STEPS:
            raise ConfigError(f"{where} ('{scale.name}') can have at most {MAX_SCALE_STEPS + 1} points, e.g. 0 to 10")
        scales.append(scale)
    for word in checkin_data.get("hide", []):
        if word not in HIDEABLE:
            warnings.append(
                f"{file}: 'checkin.hide' has '{word}', which is not a field (fields: {', '.join(HIDEABLE)})"
            )
    questions: list[Question] = []
    for index, raw in enumerate(checkin_data.get("questions", [])):
        where = f"{file}: 'checkin.questions[{index}]'"
        _check_name(raw, where, [q.name for q in questions])
        if "prompt" not in raw:
            raise ConfigError(f"{where} needs a prompt")
        questions.append(Question(raw["name"], raw["prompt"]))
    checkin = CheckinPlan(
        hide=list(checkin_data.get("hide", [])),
        skills=checkin_data.get("skills", False),
        kinds=list(checkin_data.get("kinds", [])),
        feelings=list(
            dict.fromkeys(" ".join(w.split()).casefold() for w in checkin_data.get("feelings", []) if w.strip())
        ),
        scales=scales,
        questions=questions,
    )
    plan = Plan(
        focus_areas=list(data.get("focus_areas", [])),
        trigger_tags=list(data.get("trigger_tags", [])),
        boundaries=list(data.get("boundaries", [])),
        skills=list(data.get("skills", [])),
        homework=list(data.get("homework", [])),
        checkin=checkin,
        practice=practice,
        dropped_presets=dropped,
        diary_columns=_diary_columns(data.get("diary_card", {}).get("columns", []), scales, file, warnings),
        measures=measures.own,
        due=measures.due,
        dropped_measures=measures.dropped,
        safety=_safety_plan(data.get("safety", {})),
        nudge=_nudge_hours(data.get("nudge", {}), file),
    )
    return plan, warnings


_CLOCK_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def _nudge_hours(table: dict[str, Any], file: str) -> NudgeHours:
    """[nudge]'s hours, each "HH:MM" on a 24-hour clock (already checked to be text)."""
    hours = NudgeHours()
    for key in ("from", "until"):
        if key in table:
            value = table[key].strip()
            if not _CLOCK_TIME.match(value):
                raise ConfigError(f'{file}: \'nudge.{key}\' should be a time like "08:00" or "21:30", not "{value}"')
            setattr(hours, "start" if key == "from" else key, value)
    hours.off = table.get("off", False)
    return hours


def _diary_columns(columns: list[str], scales: list[Scale], file: str, warnings: list[str]) -> list[str]:
    """The diary card's columns as the plan names them; a name that is no column is a warning."""
    known = ("mood", "energy", "sleep", *(s.name for s in scales), *DIARY_COLUMNS)
    kept = []
    for name in columns:
        key = name.strip().casefold()
        if key in known:
            kept.append(key)
        else:
            warnings.append(
                f"{file}: 'diary_card.columns' has '{name}', which is not a column (columns: {', '.join(known)})"
            )
    return list(dict.fromkeys(kept))


def _safety_plan(table: dict[str, Any]) -> SafetyPlan:
    sections = {k: list(v) for k, v in table.items() if k in PLAN_SCHEMA["safety"] and k != "notice"}
    raw = table.get("notice", {})
    rules: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in raw.items() if k in PLAN_SCHEMA["safety"]["notice"]
    }
    return SafetyPlan(**sections, notice=NoticeRules(**rules))


NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_SCALE_STEPS = 10


def _plan_presets(value: Any, file: str, warnings: list[str], dropped: dict[str, str]) -> list[dict[str, Any]]:
    """The `[[practice]]` tables whose types are right; each wrong one becomes a warning naming
    it, and `dropped` learns its id (when it has one) and the warning."""
    left_out = "the built-in presets still work"
    if not isinstance(value, list):
        how, which = "", "your plan's presets are"
        if isinstance(value, dict):
            how = " (write [[practice]], with two brackets, above each preset)"
            if isinstance(value.get("id"), str):
                which = f"the preset '{value['id']}' is"
        warnings.append(
            f"{file}: 'practice' should be a list of presets, not {_describe(value)}{how}; {which} left out, {left_out}"
        )
        if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].strip():
            dropped[value["id"].strip().casefold()] = warnings[-1]
        return []
    kept = []
    for index, item in enumerate(value):
        preset_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(preset_id, str) and preset_id.strip():
            name = f"practice preset '{preset_id.strip()}'"
        else:
            name = f"practice preset number {index + 1} ('practice[{index}]', it has no id)"
        if not isinstance(item, dict):
            warnings.append(
                f"{file}: {name} should be a table ([[practice]]), not {_describe(item)}; it is left out, {left_out}"
            )
            continue
        mine: list[str] = []
        try:
            _check_table(item, PRESET_SCHEMA, f"practice[{index}].", file, mine)
        except ConfigError as exc:
            problem = exc.message.removeprefix(f"{file}: ").replace(f"practice[{index}].", "")
            warnings.append(f"{file}: {name}: {problem}; it is left out, {left_out}")
            if isinstance(preset_id, str) and preset_id.strip():
                dropped.setdefault(preset_id.strip().casefold(), warnings[-1])
            continue
        warnings += mine
        kept.append(item)
    return kept


@dataclass
class PlanMeasures:
    """The plan's `[[measures]]`: its own questionnaires, which are switched on, which left out."""

    own: dict[str, Measure] = field(default_factory=dict)
    due: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)


def _plan_measures(value: Any, file: str, source: bytes, warnings: list[str]) -> PlanMeasures:
    """Each `[[measures]]` table: a built-in one switched on (its id, maybe `every_days`), or the
    plan's own questionnaire (core/measures.py `define`). A table with a mistake is a warning
    naming its line and key, and is left out; the rest load."""
    from doingthework.core.measures import BUILTIN, DEFAULT_EVERY_DAYS, define

    found = PlanMeasures()
    if not isinstance(value, list):
        how = " (write [[measures]], with two brackets, above each one)" if isinstance(value, dict) else ""
        warnings.append(f"{file}: 'measures' should be a list of measures, not {_describe(value)}{how}; left out")
        return found
    lines = _header_lines(source, "measures")
    for index, item in enumerate(value):
        line = f", line {lines[index]}" if index < len(lines) else ""
        measure_id = item.get("id") if isinstance(item, dict) else None
        name = f"measure '{measure_id}'" if isinstance(measure_id, str) else f"measure number {index + 1}"
        try:
            if not isinstance(item, dict):
                raise ConfigError(f"'measures[{index}]' should be a table ([[measures]]), not {_describe(item)}")
            mine: list[str] = []
            _check_table(item, MEASURE_SCHEMA, f"measures[{index}].", "", mine)
            warnings += [f"{file}{line}:{w.removeprefix(':')}" for w in mine]
            if not isinstance(measure_id, str) or not NAME_PATTERN.match(measure_id.strip().casefold()):
                raise ConfigError(
                    f"'measures[{index}].id' is needed: lower-case letters, digits, _ or - (e.g. weekly_check)"
                )
            key = measure_id.strip().casefold()
            if key in found.own or key in found.due:
                raise ConfigError(f"'measures[{index}].id': '{key}' is used twice")
            every = item.get("every_days", DEFAULT_EVERY_DAYS)
            if not 0 <= every <= 366:
                raise ConfigError(
                    f"'measures[{index}].every_days' should be from 1 to 366 (0: never shown as due), not {every}"
                )
            if key in BUILTIN:
                extra = sorted(set(item) - {"id", "every_days"})
                if extra:
                    raise ConfigError(
                        f"'measures[{index}]': {BUILTIN[key].title} is built in and is used as published, "
                        f"so it takes only id and every_days, not {', '.join(extra)} "
                        "(give your own questionnaire an id of its own)"
                    )
            else:
                found.own[key] = define(item, f"measures[{index}]")
            if every:
                found.due[key] = every
        except ConfigError as exc:
            problem = exc.message.removeprefix(f"{file}: ").removeprefix(": ")
            warnings.append(f"{file}{line}: {name}: {problem}; it is left out")
            if isinstance(measure_id, str) and measure_id.strip():
                found.dropped.setdefault(measure_id.strip().casefold(), warnings[-1])
    return found


def _header_lines(source: bytes, table: str) -> list[int]:
    """The line number of each `[[table]]` header in `source`, in order (empty when unknown)."""
    pattern = re.compile(rb"^[ \t]*\[\[[ \t]*" + re.escape(table.encode()) + rb"[ \t]*\]\]", re.MULTILINE)
    return [source.count(b"\n", 0, match.start()) + 1 for match in pattern.finditer(source)]


def _check_name(raw: dict[str, Any], where: str, taken: list[str]) -> None:
    """Names become keys in entries and ids in the app: short, lower-case, unique."""
    name = raw.get("name")
    if not isinstance(name, str):
        raise ConfigError(f"{where} needs a name")
    if not NAME_PATTERN.match(name):
        raise ConfigError(
            f"{where}: the name '{name}' should be lower-case letters, digits, _ or - (e.g. urge_to_drink)"
        )
    if name in taken:
        raise ConfigError(f"{where}: the name '{name}' is used twice")


# ---- first run --------------------------------------------------------------------------
class SettingsFolderError(DtwError):
    """The settings folder can't be written (a file in its place, no permission): exit 1."""


# ---- first run --------------------------------------------------------------------------
def ensure_files(config_dir: Path) -> list[Path]:
    """Create config.toml and plan.toml from their templates if missing. Returns what was created."""
    from doingthework.core.templates import CONFIG_TEMPLATE, PLAN_TEMPLATE

    created: list[Path] = []
    if is_link(config_dir):
        return created  # a folder kept elsewhere (dotfiles): read through, never written into
    for name, template in (("config.toml", CONFIG_TEMPLATE), ("plan.toml", PLAN_TEMPLATE)):
        path = config_dir / name
        if os.path.lexists(path):
            continue  # a link, even a dangling one, is the person's: never replaced or written through
        try:
            ensure_private_dir(config_dir)
            replace_durably(path, template.encode("utf-8"))
        except OSError as exc:  # the folder's fault, not a mistake in what was typed: exit 1
            raise SettingsFolderError(f"could not create {path}: {exc.strerror}") from None
        created.append(path)
    return created


def load(config_dir: Path, create: bool = True, last_good_dir: Path | None = None) -> Settings:
    """Read (and on first run create) both files.

    Without `last_good_dir` a mistake raises ConfigError (`dtw config check`, `dtw doctor`).
    With it, a mistake never stops anyone recording how they feel or reaching help: each file
    that reads cleanly is copied there, and a file with a mistake is replaced by its last good
    copy (or the defaults), with the mistake in `Settings.problems`.
    """
    config, plan, warnings, problems = Config(), Plan(), [], []
    if create:
        try:
            ensure_files(config_dir)
        except SettingsFolderError as exc:
            if last_good_dir is None:
                raise
            problems.append(f"{exc.message}. dtw goes on with what it can read, and its defaults.")
    mistakes: list[ConfigError] = []
    for name, parse in (("config.toml", parse_config), ("plan.toml", parse_plan)):
        path = config_dir / name
        if not path.exists():
            continue
        data = b""
        try:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise UnreadableSettings(f"{path} could not be read: {exc.strerror}") from None
            value, more = parse(parse_toml(data, path), str(path), data)
        except ConfigError as exc:
            mistakes.append(exc)
            if last_good_dir is None:
                continue
            value, more, instead = _last_good(last_good_dir / name, parse)
            problems.append(f"{exc.message}. Until it's fixed (`dtw config edit`), dtw uses {instead}.")
        else:
            # a file read through a link lives elsewhere (a dotfiles repo): no copy of it is kept
            if last_good_dir is not None and not is_link(path) and not is_link(config_dir):
                _keep_last_good(data, last_good_dir / name)
        warnings += more
        if isinstance(value, Config):  # config.toml's parse gives a Config, plan.toml's a Plan
            config = value
        else:
            plan = value
    if mistakes and last_good_dir is None:  # both files' mistakes at once, not one at a time
        kind = UnreadableSettings if all(isinstance(m, UnreadableSettings) for m in mistakes) else ConfigError
        raise kind("\n     ".join(m.message for m in mistakes), hint=mistakes[-1].hint)
    return Settings(config, plan, warnings, problems)


def _last_good(copy: Path, parse: Any) -> tuple[Any, list[str], str]:
    """The value of the last copy that read cleanly, its warnings, and words for what it is."""
    try:
        if is_link(copy.parent.parent) or is_link(copy.parent):
            raise FileNotFoundError(copy)  # dtw's state folder: never read through a link
        data = read_nofollow(copy)
        value, warnings = parse(parse_toml(data, copy), copy.name, data)
        return value, warnings, f"the last version that read cleanly (kept at {copy})"
    except (ConfigError, OSError):
        return parse({}, copy.name)[0], [], "the defaults"


def _keep_last_good(data: bytes, copy: Path) -> None:
    """Keep the bytes that just read cleanly in the state folder (0600), when they differ from the
    copy there. An empty file is never kept: it is more often a crashed editor or a sync gone
    wrong than a plan, and it would take the safety plan with it."""
    if not data.strip():
        return
    try:
        try:
            if read_nofollow(copy) == data:
                return
        except FileNotFoundError:
            pass
        ensure_private_dir(copy.parent.parent)  # the state folder itself is private too
        ensure_private_dir(copy.parent)
        replace_durably(copy, data)
    except OSError:
        pass  # a copy that can't be kept today is no reason to stop; the older one still stands


def add_standing_boundary(plan_file: Path, boundary: str) -> bool:
    """Add a boundary to plan.toml's `boundaries`, keeping every comment and the layout.

    Returns False if it was already there. tomlkit edits the document in place (tomllib
    only reads); the file is replaced atomically and stays private.
    """
    import tomlkit

    if is_link(plan_file) or is_link(plan_file.parent):
        raise DtwError(
            f"{plan_file} is a link to a file kept elsewhere, and dtw never writes through links; "
            "the boundary was not added to the plan",
            hint="add it there by hand (`dtw config edit`)",
        )
    text = plan_file.read_text(encoding="utf-8") if plan_file.exists() else ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{plan_file} could not be read ({exc}); the boundary was not added") from None
    boundaries = document.get("boundaries")
    if boundaries is None:
        boundaries = tomlkit.array()
        document["boundaries"] = boundaries
    elif not isinstance(boundaries, list):
        raise ConfigError(f"{plan_file}: 'boundaries' should be a list; the boundary was not added")
    clean = " ".join(boundary.split())
    if any(isinstance(b, str) and b.casefold() == clean.casefold() for b in boundaries):
        return False
    boundaries.append(clean)
    try:
        ensure_private_dir(plan_file.parent)
        replace_durably(plan_file, tomlkit.dumps(document).encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"could not update {plan_file}: {exc.strerror}") from None
    return True


def loose_modes(config_dir: Path) -> list[Path]:
    """Config files others can read (the plan holds a safety plan); tightened on the spot."""
    from doingthework.core.fsutil import tighten_file

    found: list[Path] = []
    if is_link(config_dir):
        return found  # kept elsewhere: its modes are the person's to set (`dtw doctor` says so)
    for name in ("config.toml", "plan.toml"):
        path = config_dir / name
        if os.path.lexists(path) and not is_link(path) and tighten_file(path):
            found.append(path)
    return found
