"""The three export formats: golden files on a fixed data set, escaping of hostile text, the registry.

Regenerate the golden files after an intended change with
`DTW_UPDATE_GOLDEN=1 pytest tests/export/test_formats.py`, then read the diff.
"""

from __future__ import annotations

import html as html_module
import html.parser
import json
import os
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from doingthework.core.config import CheckinPlan, Plan, Question, Scale
from doingthework.core.errors import BadInput
from doingthework.core.models import (
    Boundary,
    CheckIn,
    Entry,
    Measure,
    Note,
    Practice,
    Session,
    Trigger,
    entry_from_dict,
)
from doingthework.core.notice import signals
from doingthework.core.report import ExportContext
from doingthework.export import EXPORTERS, FORMATS, export_text, exporter_class
from doingthework.export.lines import text_lines
from doingthework.export.markdown import escape_cell, escape_inline

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DTW_UPDATE_GOLDEN") == "1"
TZ = timezone(timedelta(hours=1))


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def sample_plan() -> Plan:
    return Plan(
        focus_areas=["anxiety at work"],
        trigger_tags=["work", "family"],
        boundaries=["No work email after 7pm"],
        skills=["paced breathing", "opposite action"],
        homework=["Practise box breathing before bed", "Notice one body signal a day"],
        checkin=CheckinPlan(
            scales=[Scale(name="urge", label="Urge", min=0, max=5, risk_at_or_above=4)],
            questions=[Question(name="win", prompt="One small win?")],
        ),
    )


def sample_entries() -> list[Entry]:
    return [
        CheckIn(
            id="c01",
            at=at(2, 8, 10),
            mood=4,
            energy=5,
            sleep_hours=6.5,
            feelings=["anxious", "tired"],
            body="tight chest, shoulders",
            intention="Take a walk at lunch",
            scales={"urge": 2},
        ),
        Trigger(
            id="t01",
            at=at(2, 17, 30),
            what="Email from my manager about the deadline",
            intensity=7,
            tags=["work"],
            body="tight chest",
            thought="I'm going to get fired",
            feelings=["anxious"],
            urge="reply at once",
            response="waited an hour",
            skills=["paced breathing"],
            after=4,
            extra={
                "evidence_for": "The deadline moved twice",
                "evidence_against": "My last review was good",
                "balanced_thought": "One hard email is not the whole job",
                "belief": 60,
                "rerated": "anxious 40%",
            },
        ),
        CheckIn(
            id="c02",
            at=at(3, 7, 50),
            mood=1,
            energy=2,
            sleep_hours=4.5,
            feelings=["sad", "lonely"],
            note="Hard night.\nWoke at four and lay there.",  # written on two lines
            scales={"urge": 4},
            extra={"opened_help_now": True},
        ),
        Boundary(
            id="b01",
            at=at(4, 19, 5),
            boundary="No work email after 7pm",
            with_="Boss",
            outcome="held",
            feelings=["proud"],
            extra={"helped": "Phone in the drawer"},
        ),
        Practice(
            id="p01",
            at=at(4, 21, 0),
            preset="box",
            planned_seconds=240,
            actual_seconds=240,
            completed=True,
            before=4,
            after=6,
        ),
        CheckIn(
            id="c03",
            at=at(5, 8, 0),
            mood=5,
            energy=5,
            sleep_hours=7,
            feelings=["calm", "anxious"],
            body="Tight chest",
            intention="Say no once, kindly",
        ),
        Trigger(
            id="t02",
            at=at(6, 12, 15),
            what="Argument with Mum on the phone",
            intensity=8,
            tags=["Family", "work "],
            body="hot face; clenched jaw",
            thought="She never listens",
            skills=["opposite action"],
        ),
        CheckIn(id="c04", at=at(7, 9, 0), mood=6, energy=6, feelings=["tired"]),
        CheckIn(id="c05", at=at(7, 21, 0), mood=7, energy=4, sleep_hours=8),
        Boundary(
            id="b02",
            at=at(8, 14, 0),
            boundary="Saying no to extra shifts",
            with_="boss",
            outcome="bent",
            note="Said yes to one, not three",
            extra={"next_time": "Ask for a day to think"},
        ),
        Practice(
            id="p02",
            at=at(9, 22, 10),
            preset="sigh",
            planned_seconds=300,
            actual_seconds=150,
            completed=False,
            before=3,
            after=4,
        ),
        Note(id="n01", at=at(10, 10, 0), text="Ask about the sleep routine"),
        CheckIn(id="c06", at=at(11, 8, 20), mood=6, energy=7, sleep_hours=8, feelings=["hopeful", "calm"]),
        Measure(
            id="m01",
            at=at(15, 9, 0),
            measure="phq9",
            title="PHQ-9",
            answers=[1, 1, 1, 1, 0, 1, 1, 0, 0],
            score=6,
            band="mild",
            difficulty=1,
        ),
        Boundary(id="b03", at=at(12, 18, 30), boundary="Asking for quiet time", with_="Sam", outcome="communicated"),
        Session(id="s01", at=at(12, 17, 0), date="2026-11-12"),
        Trigger(
            id="t03",
            at=at(13, 22, 40),
            what="Scrolling old photos",
            intensity=5,
            body="heavy",
            thought="I'm alone in this",
            skills=["Paced breathing"],
            after=3,
        ),
        Practice(
            id="p03", at=at(14, 9, 30), preset="grounding", planned_seconds=None, actual_seconds=300, completed=True
        ),
        CheckIn(
            id="c07",
            at=at(15, 8, 30),
            mood=7,
            energy=6,
            sleep_hours=7.5,
            feelings=["hopeful"],
            intention="Write down questions for Tuesday",
            extra={"answers": {"win": "Called my sister"}},
        ),
    ]


def sample_previous() -> list[Entry]:
    return [
        CheckIn(id="q01", at=at(20, 8, 0, month=10), mood=3, energy=4, sleep_hours=6),
        CheckIn(id="q02", at=at(24, 8, 0, month=10), mood=4, energy=4, sleep_hours=7),
        CheckIn(id="q03", at=at(30, 8, 0, month=10), mood=5),
        Measure(id="m00", at=at(25, 9, 0, month=10), measure="phq9", answers=[1] * 9, score=9, band="mild"),
    ]


def sample_notes() -> list[Note]:
    return [
        Note(id="n00", at=at(28, 19, 0, month=10), text="Talk about Mum's visit"),
        Note(id="n01", at=at(10, 10, 0), text="Ask about the sleep routine"),
        Note(id="n-3", at=at(12, 20, 0, month=8), text="Talk about moving house"),  # three months before
        Note(id="nd1", at=at(29, 9, 0, month=10), text="Already talked about this", extra={"discussed": True}),
    ]


def sample_context(**changes) -> ExportContext:
    values = {
        "entries": sample_entries(),
        "previous": sample_previous(),
        "open_notes": sample_notes(),
        "plan": sample_plan(),
        "since": at(2, 0),
        "until": at(16, 0),
        "exported_at": at(15, 18, 0),
        "full": True,
    }
    values.update(changes)
    return ExportContext(**values)


# ---- golden files -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_golden_file(fmt):
    produced = export_text(fmt, sample_context())
    golden = GOLDEN / f"report.{fmt}"
    if UPDATE:
        golden.write_bytes(produced.encode("utf-8"))
    assert golden.exists(), f"{golden} is missing: run with DTW_UPDATE_GOLDEN=1 and read it"
    assert produced.encode("utf-8") == golden.read_bytes()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
def test_export_is_the_same_in_any_local_time_zone():
    first = {fmt: export_text(fmt, sample_context()) for fmt in FORMATS}
    saved = os.environ.get("TZ")
    try:
        for zone in ("Pacific/Kiritimati", "America/Los_Angeles", "UTC"):
            os.environ["TZ"] = zone
            time.tzset()
            assert {fmt: export_text(fmt, sample_context()) for fmt in FORMATS} == first, zone
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


# ---- the registry -----------------------------------------------------------------------


def test_registry_names_the_formats():
    assert FORMATS == ("md", "json", "html", "csv")
    assert {name: exporter_class(name).name for name in EXPORTERS} == {n: n for n in ("md", "json", "html", "csv")}


@pytest.mark.parametrize("fmt", ["pdf", "", "markdown", "JSONL"])
def test_unknown_format_is_bad_input(fmt):
    with pytest.raises(BadInput):
        export_text(fmt, sample_context())


@pytest.mark.parametrize("fmt", FORMATS)
def test_exporters_only_return_text(fmt, capsys, tmp_path, monkeypatch):
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    text = export_text(fmt, sample_context())
    assert isinstance(text, str) and text.endswith("\n")
    assert capsys.readouterr() == ("", "")
    assert list(here.iterdir()) == []


# ---- JSON -------------------------------------------------------------------------------


def test_json_is_the_contract_and_nothing_more():
    data = json.loads(export_text("json", sample_context()))
    # the contract's keys, then what `dtw import` needs to never undo newer work (data-format.md)
    assert list(data) == ["format", "version", "exported_at", "since", "until", "entries", "revised_at", "deleted"]
    assert data["format"] == "doingthework" and data["version"] == 1
    assert data["exported_at"] == "2026-11-15T18:00:00+01:00"
    assert data["since"] == "2026-11-02T00:00:00+01:00" and data["until"] == "2026-11-16T00:00:00+01:00"
    assert data["entries"] == [e.to_dict() for e in sample_entries()]


def test_json_keeps_every_field_and_reads_back_the_same():
    entries = sample_entries()
    entries[0].extra["from_a_newer_dtw"] = {"nested": [1, 2, "three"]}
    entries[0].private = True
    data = json.loads(export_text("json", sample_context(entries=entries)))
    back = [entry_from_dict(d) for d in data["entries"]]
    assert [e.to_dict() for e in back] == [e.to_dict() for e in entries]
    assert data["entries"][0]["from_a_newer_dtw"] == {"nested": [1, 2, "three"]}
    assert data["entries"][1]["evidence_for"] == "The deadline moved twice"
    assert data["entries"][3]["with"] == "Boss"


def test_json_open_period_and_non_ascii_text():
    entries = [Note(id="n1", at=at(2, 9), text="Ça va — 気持ち")]
    text = export_text("json", sample_context(entries=entries, since=None, until=None))
    data = json.loads(text)
    assert data["since"] is None and data["until"] is None
    assert "Ça va — 気持ち" in text  # ensure_ascii=False
    assert text.startswith('{\n  "format": "doingthework",')


# ---- what the pages show ----------------------------------------------------------------


def test_sections_come_only_from_the_entries_given():
    # a private entry the caller left out never shows, though it is in `previous` and notes
    secret = CheckIn(id="px", at=at(9, 9), mood=1, note="SECRET-CHECKIN", private=True, extra={"opened_help_now": True})
    previous = [*sample_previous(), CheckIn(id="py", at=at(25, 9, month=10), mood=2, note="SECRET-BEFORE")]
    for fmt in FORMATS:
        text = export_text(fmt, sample_context(previous=previous))
        assert "SECRET" not in text
        with_secret = export_text(fmt, sample_context(entries=[*sample_entries(), secret], previous=previous))
        assert "SECRET-CHECKIN" in with_secret
        assert "SECRET-BEFORE" not in with_secret


def test_sections_are_in_order_and_empty_ones_left_out():
    md = export_text("md", sample_context())
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    # the order of a session: what needs care, what to bring up, the days, each part, thoughts
    assert headings == [
        "## Safety first",
        "## To bring up",
        "## Diary card",
        "## Check-ins",
        "## Triggers",
        "## Boundaries",
        "## Practice",
        "## Measures",
        "## Thought records",
        "## Appendix: every entry",
    ]
    # a note in the period that the caller did not pass as open makes no section of its own
    only_notes = export_text(
        "md", sample_context(entries=[Note(id="n", at=at(3, 9), text="hi")], plan=Plan(), open_notes=[], full=False)
    )
    assert [line for line in only_notes.splitlines() if line.startswith("## ")] == []
    assert "Nothing was written down in this period" in only_notes


def test_an_empty_period_is_met_kindly():
    for fmt in ("md", "html"):
        text = export_text(fmt, sample_context(entries=[], previous=[], open_notes=[], plan=Plan(), full=True))
        assert "Nothing was written down in this period, and that is okay." in text
        assert "not a clinical assessment" in text
        assert "## " not in text and "<section" not in text


def test_chosen_sections_only():
    md = export_text("md", sample_context(sections=frozenset({"triggers", "agenda"})))
    assert [line for line in md.splitlines() if line.startswith("## ")] == ["## To bring up", "## Triggers"]
    html_text = export_text("html", sample_context(sections=frozenset({"boundaries"})))
    assert re.findall(r'<section id="(\w+)">', html_text) == ["boundaries"]


def test_appendix_needs_full():
    md = export_text("md", sample_context(full=False))
    assert "Appendix" not in md
    assert "Appendix" not in export_text("md", sample_context(full=False, sections=frozenset({"appendix"})))


def test_kind_words_never_missed_or_streak():
    for fmt in ("md", "html"):
        # "a screening score ..., not a diagnosis" says what a measure is not: the one use allowed
        text = export_text(fmt, sample_context()).lower().replace("not a diagnosis", "")
        for word in ("missed", "streak", "failed", "fail", "diagnos", "disorder", "symptom"):
            assert word not in text, word
    assert "You checked in on 6 of 14 days (7 check-ins)." in export_text("md", sample_context())


# ---- escaping: the person's words never change the page ---------------------------------

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
GFM = MarkdownIt("gfm-like")  # what the app's preview (Textual's Markdown widget) uses

HOSTILE = [
    "# Heading",
    "## Two",
    "### three ###",
    "> a quote",
    "- a list",
    "* star list",
    "+ plus list",
    "1. ordered",
    "2) ordered",
    "a | b | c",
    "| --- | --- |",
    "`code` and ``more``",
    "```python",
    "~~~",
    "*emphasis* and **strong** and _under_ and __dunder__",
    "[a link](https://example.com) and ![img](x.png) and <https://auto.link>",
    "[ref]: https://example.com",
    "<script>alert('x')</script>",
    "<!-- comment -->",
    "<div>block</div>",
    "&amp; &#35; &copy;",
    "line one\nline two\n# heading on line two",
    "cell\n| with | newline |",
    "trailing backslash \\",
    "two trailing spaces  \nnext",
    "---",
    "***",
    "___",
    "===",
    "    indented code",
    "\tTabbed",
    "\\# escaped already",
    "a\r\n> b\r- c",
    "x\u2028# y\u0085- z",
]


def _blocks(markdown: str, parser: MarkdownIt = MD) -> list[tuple[str, str, int]]:
    """The structure of a page: block tokens only (the inline text inside them left aside)."""
    return [(t.type, t.tag, t.level) for t in parser.parse(markdown) if t.type != "inline"]


def hostile_context(text: str) -> ExportContext:
    entries = [
        CheckIn(
            id="c1",
            at=at(2, 9),
            mood=5,
            feelings=[text],
            body=text,
            intention=text,
            note=text,
            extra={"answers": {"win": text}},
        ),
        Trigger(
            id="t1",
            at=at(3, 9),
            what=text,
            intensity=5,
            tags=[text],
            body=text,
            thought=text,
            skills=[text],
            after=2,
            extra={"evidence_for": text, "balanced_thought": text},
        ),
        Boundary(id="b1", at=at(4, 9), boundary=text, with_=text, outcome="held", note=text, extra={"helped": text}),
        Practice(id="p1", at=at(5, 9), preset=text, actual_seconds=60, completed=True),
        Note(id="n1", at=at(6, 9), text=text),
    ]
    plan = Plan(
        homework=[text],
        checkin=CheckinPlan(scales=[Scale(name="s", label=text)], questions=[Question(name="win", prompt=text)]),
    )
    entries[0].scales = {"s": 3}
    return sample_context(entries=entries, previous=[], open_notes=[entries[-1]], plan=plan, full=True)


BENIGN = "plain words"


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("parser", [MD, GFM], ids=["commonmark", "gfm-like"])
def test_markdown_structure_is_unchanged_by_hostile_text(text, parser):
    expected = _blocks(export_text("md", hostile_context(BENIGN)), parser)
    assert _blocks(export_text("md", hostile_context(text)), parser) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_hostile_text_as_text(text):
    rendered = MD.render(export_text("md", hostile_context(text)))
    benign = MD.render(export_text("md", hostile_context(BENIGN)))
    for tag in (
        "<script",
        "<div",
        "<!--",
        "<a ",
        "<img",
        "<code",
        "<em>",
        "<strong>",
        "<blockquote",
        "<hr",
        "<ol",
        "<h",
    ):
        assert rendered.count(tag) == benign.count(tag), tag
    shown = rendered.replace("&quot;", '"')
    for line in text_lines(text):  # each line as written; a line break of theirs is a <br /> at most
        assert html_module.escape(line, quote=False) in shown


def test_markdown_heading_and_row_counts_with_hostile_notes():
    page = export_text("md", hostile_context("# not a heading\n| not | a | row |\n<script>x</script>"))
    tokens = MD.parse(page)
    benign = MD.parse(export_text("md", hostile_context(BENIGN)))

    def count(ts, kind):
        return sum(1 for t in ts if t.type == kind)

    assert count(tokens, "heading_open") == count(benign, "heading_open")
    assert count(tokens, "tr_open") == count(benign, "tr_open")
    assert count(tokens, "html_block") == count(tokens, "html_inline") == 0


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("# heading", "\\# heading"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("2026. a year", "2026\\. a year"),
        ("a | b", "a \\| b"),
        ("`x`", "\\`x\\`"),
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("[t](u)", "\\[t\\](u)"),
        ("<script>", "\\<script\\>"),
        ("&amp;", "\\&amp;"),
        ("a\\b", "a\\\\b"),
        ("~~s~~", "\\~\\~s\\~\\~"),
        ("one\ntwo", "one two"),
        ("  lots   of\t\tspace  ", "lots of space"),
        ("===", "\\==="),
        ("-5 degrees", "-5 degrees"),
        ("--", "\\--"),
        ("5.1 points", "5.1 points"),
        ("1.", "1\\."),
        ("", ""),
        ("don't stop, it's fine!", "don't stop, it's fine!"),
    ],
)
def test_escape_inline(text, escaped):
    assert escape_inline(text) == escaped


def test_escape_cell_keeps_one_cell_on_one_line():
    assert escape_cell("a|b\nc") == "a\\|b c"
    assert escape_cell("") == " "
    assert escape_cell("ends with \\") == "ends with \\\\"
    row = f"| {escape_cell('x | y')} | {escape_cell('z')} |"
    page = f"| a | b |\n| --- | --- |\n{row}\n"
    tokens = MD.parse(page)
    assert sum(1 for t in tokens if t.type == "td_open") == 2


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _without_breaks(tags: list[str]) -> list[str]:
    """A line break the person wrote is a `<br>` of ours (issue 17): it changes no structure."""
    return [tag for tag in tags if tag != "br"]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_structure_is_unchanged_by_hostile_text(text):
    page = export_text("html", hostile_context(text))
    benign = export_text("html", hostile_context(BENIGN))
    assert _without_breaks(_tags(page)) == _without_breaks(_tags(benign))
    assert page.count("<") - page.count("<br>") == benign.count("<") - benign.count("<br>")
    assert "<script" not in page.lower()


def test_html_is_self_contained():
    page = export_text("html", sample_context())
    assert page.startswith("<!DOCTYPE html>\n")
    assert "<style>" in page and "@media print" in page
    lowered = page.lower()
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "href=", "http://", "https://", "@import", "url("):
        assert forbidden not in lowered, forbidden
    assert set(_tags(page)) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "strong",
        "pre",
        "br",
    }


# ---- the property: no text at all can add structure -------------------------------------


def _lines_outside_fences(page: str) -> list[str]:
    out, fence = [], ""
    for line in page.splitlines():
        run = re.match(r"^(`{3,})", line)
        if run and (not fence or run.group(1) == fence):
            fence = "" if fence else run.group(1)
        elif not fence:
            out.append(line)
    return out


OUR_TAGS = re.compile(
    r"<!DOCTYPE html>|</?(?:html|head|meta|title|style|body|main|h[1-4]|p|section|table|thead|tbody|tr|th|td|ul|li|strong|pre|br)(?: [^<>]*)?>"
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(HOSTILE))
def test_any_text_never_adds_a_heading_row_or_tag(text):
    assume(text.strip())  # blank answers are skipped answers: they leave parts out, rightly
    context = hostile_context(text)
    # words that meet a signal of the plan's ("WANT TO DIE") rightly add the safety section
    assume(not any(signals(e, context.plan) for e in context.entries))
    page = export_text("md", context)
    benign_page = export_text("md", hostile_context(BENIGN))
    blocks, expected = _blocks(page), _blocks(benign_page)
    for kind in ("heading_open", "tr_open", "table_open", "bullet_list_open", "list_item_open"):
        assert [b for b in blocks if b[0] == kind] == [b for b in expected if b[0] == kind], kind
    assert not any(b[0].startswith(("html", "blockquote", "ordered_list", "hr", "code_block")) for b in blocks)
    headings = [line for line in _lines_outside_fences(page) if line.startswith("#")]
    assert headings == [line for line in _lines_outside_fences(benign_page) if line.startswith("#")]
    rows = [line for line in _lines_outside_fences(page) if line.startswith("|")]
    assert len(rows) == len([line for line in _lines_outside_fences(benign_page) if line.startswith("|")])
    html_page = export_text("html", context)
    assert "<" not in OUR_TAGS.sub("", html_page.split("</style>", 1)[1])


def test_the_example_in_the_docs_is_the_golden_page():
    """docs/examples/session-prep.md is what dtw really writes for the fixed data set."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert (root / "docs/examples/session-prep.md").read_text() == (root / "tests/export/golden/report.md").read_text()


def test_full_reads_as_sentences_in_the_words_of_historys_detail_never_as_field_dumps():
    import html as html_module

    from doingthework.core.models import KINDS
    from doingthework.export import entry_words
    from doingthework.tui.screens.history import describe

    page = export_text("html", sample_context(full=True))
    appendix = html_module.unescape(re.sub(r"<[^>]+>", " ", page.split("Appendix: every entry")[1]))
    appendix = " ".join(appendix.split())
    for entry in sample_entries():
        lines = entry_words.sentences(entry)
        assert lines and all(" ".join(line.split()) in appendix for line in lines), entry.kind
        assert all(line in describe(entry) for line in lines)  # History's detail says the same
    for kind in KINDS.values():  # no field of any kind shown by its key, as in `planned seconds: 176`
        for name in kind().own_fields():
            assert not re.search(rf"(^|[:;] ){re.escape(name.replace('_', ' '))}: ", appendix), name
