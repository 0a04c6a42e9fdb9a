"""An entry in words: the sentences a person reads, the same in History's detail and on the
session page's appendix (`dtw export --full`), never a dump of `key: value` fields."""

from __future__ import annotations

from doingthework.core.models import Boundary, CheckIn, Entry, Journal, Measure, Note, Practice, Session, Trigger

# what each answer is called when an entry is read in full; anything else is named by its key
ANSWER_WORDS = {
    "sleep_hours": "Sleep",
    "body": "In my body",
    "intention": "Intention",
    "note": "Note",
    "what": "What happened",
    "thought": "What went through my mind",
    "urge": "What I felt like doing",
    "response": "What I did",
    "skills": "Skills I used",
    "tags": "Tags",
    "feelings": "Feelings",
    "with": "With",
    "helped": "What helped",
    "next_time": "Next time",
    "evidence_for": "Evidence for the thought",
    "evidence_against": "Evidence against it",
    "balanced_thought": "A more balanced thought",
    "belief": "Belief in it",
    "rerated": "Feelings now",
    "answers": "Answers",
    "checkin_kind": "Which check-in",
    "focus_area": "Focus area",
    "text": "Note",
}
ONE_KIND = {
    "checkin": "check-in",
    "trigger": "trigger",
    "boundary": "boundary moment",
    "practice": "practice",
    "note": "to bring to a session",
    "session": "therapy session",
    "measure": "questionnaire",
    "journal": "journal entry",
}
SAID_ELSEWHERE = {
    "id",
    "kind",
    "at",
    "private",
    "mood",
    "energy",
    "scales",
    "intensity",
    "after",
    "boundary",
    "outcome",
    "preset",
    "planned_seconds",
    "actual_seconds",
    "completed",
    "before",
    "discussed",
    "opened_help_now",
    "date",
    "text",
    "what",
    "measure",
    "title",
    "score",
    "band",
    "difficulty",
}


def heading(entry: Entry) -> str:
    """'Monday 02 November 2026, 17:30 · trigger', in the computer's time zone."""
    return f"{entry.at.astimezone():%A %d %B %Y, %H:%M} · {ONE_KIND.get(entry.kind, entry.kind)}" + (
        " · private" if entry.private else ""
    )


def sentences(entry: Entry) -> list[str]:
    """The entry's answers as lines of plain words, only those given, in the order it was written."""
    from doingthework.core.insights import practice_time

    lines: list[str] = []
    data = entry.to_dict()
    if isinstance(entry, CheckIn):
        ratings = [
            f"{name} {value:g}" for name, value in (("mood", entry.mood), ("energy", entry.energy)) if value is not None
        ]
        ratings += [f"{name.replace('_', ' ')} {value:g}" for name, value in entry.scales.items() if value is not None]
        if ratings:
            lines.append(ratings[0].capitalize() + "".join(f", {r}" for r in ratings[1:]) + ".")
        if entry.sleep_hours is not None:
            data["sleep_hours"] = f"{entry.sleep_hours:g} hours"
    elif isinstance(entry, Trigger):
        lines.append(f"What happened: {entry.what}")
        if entry.intensity is not None:
            later = "" if entry.after is None else f", and {entry.after} afterwards"
            lines.append(f"How strong it was: {entry.intensity} of 10{later}.")
        if isinstance(data.get("belief"), int):
            data["belief"] = f"{data['belief']}%"
    elif isinstance(entry, Boundary):
        lines.append(f"Boundary: {entry.boundary}.")
        if entry.outcome:
            lines.append(f"How it went: {entry.outcome}.")
    elif isinstance(entry, Practice):
        took = practice_time(entry.actual_seconds or 0, exact=True)
        planned = f" of {practice_time(entry.planned_seconds, exact=True)} planned" if entry.planned_seconds else ""
        ending = "to the end" if entry.completed else "ended when it felt right"
        from doingthework.core.presets import BUILTIN

        name = next((p.name for p in BUILTIN if p.id == entry.preset), entry.preset)
        lines.append(f"{name}: {took}{planned}, {ending}.")
        if entry.before is not None or entry.after is not None:
            before = "—" if entry.before is None else entry.before
            after = "—" if entry.after is None else entry.after
            lines.append(f"How I felt: {before} before, {after} after (of 10).")
    elif isinstance(entry, Note):
        lines.append(entry.text)
        if entry.extra.get("discussed"):
            lines.append("Talked through in a session.")
    elif isinstance(entry, Journal):
        lines += [part for part in (entry.title, entry.body) if part and part.strip()]
        if entry.starred:
            lines.append("Starred.")
        for said in ("body", "starred"):  # a journal's body is its words, not "In my body"
            data.pop(said, None)
    elif isinstance(entry, Session):
        lines.append(f"A therapy session on {entry.date}.")
    elif isinstance(entry, Measure):
        from doingthework.core.measures import known, title_of

        definition = known(None).get(entry.measure)
        most = f" of {definition.most()}" if definition else ""
        band = f", {entry.band}" if entry.band else ""
        lines.append(f"{title_of(entry.measure, entry.title)}: {entry.score}{most}{band}.")
        lines.append("Answers, question by question: " + ", ".join(str(a) for a in entry.answers) + ".")
        data.pop("answers", None)  # said just above (a check-in's answers are its own questions')
        choices = definition.difficulty_answers if definition else ()
        if entry.difficulty is not None and 0 <= entry.difficulty < len(choices):
            lines.append(f"How difficult: {choices[entry.difficulty].lower()}.")
    for key, value in data.items():
        if key in SAID_ELSEWHERE or value in (None, [], {}, ""):
            continue
        if isinstance(value, list):
            shown = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            shown = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in value.items())
        else:
            shown = str(value)
        label = ANSWER_WORDS.get(key, key.replace("_", " ").capitalize())
        lines.append(f"{label}: {shown}")
    if entry.extra.get("opened_help_now"):
        lines.append("Help now was opened right after.")
    return lines
