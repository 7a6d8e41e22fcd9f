"""The therapist's report (HTML) and the terminal trend: content, validity, a real browser."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import re
import select
import shutil
import subprocess
import tempfile
import time
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import html5lib
import pytest

import alslog.guidelines.engine as rules
from alslog import guidelines, trend
from alslog.models import CheckIn, Rating, Session
from alslog.views.report import ReportInfo, default_name, render
from alslog.words import day_short

END = date(2026, 3, 15)
DOCS_PNG = Path(__file__).resolve().parent.parent / "docs" / "report.png"


# ---- a realistic logbook -----------------------------------------------------------
def realistic(end: date, weeks: int = 6, seed: int = 7) -> tuple[list[Session], list[CheckIn]]:
    """Six weeks as a caregiver might log them: daily stretching and ROM (a few gaps),
    walks three times a week, light strengthening, one over-hard walk and its aching."""
    rng = random.Random(seed)
    sessions: list[Session] = []
    checkins: list[CheckIn] = []
    start = end - timedelta(days=7 * weeks - 1)
    counter = 0

    def new_id() -> str:
        nonlocal counter
        counter += 1
        return f"s{seed:02d}{counter:06d}"

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute).astimezone()

    hard_day = end - timedelta(days=16)
    for offset in range(7 * weeks):
        day = start + timedelta(days=offset)
        if rng.random() > 0.1:
            sessions.append(
                Session(
                    id=new_id(),
                    kind="stretching",
                    minutes=rng.choice([10, 12, 15]),
                    at=at(day, 9, 15),
                )
            )
        if rng.random() > 0.15:
            sessions.append(
                Session(
                    id=new_id(),
                    kind="rom",
                    minutes=10,
                    assisted=rng.random() < 0.5,
                    activity="with Alex" if rng.random() < 0.5 else None,
                    at=at(day, 9, 40),
                )
            )
        if day.weekday() in (0, 2, 4):
            hard = day == hard_day
            sessions.append(
                Session(
                    id=new_id(),
                    kind="aerobic",
                    activity="walking",
                    minutes=40 if hard else rng.choice([20, 25, 30]),
                    rpe=15 if hard else rng.choice([11, 12, 12, 13]),
                    talk=not hard,
                    tired=hard,
                    kept_going=hard,
                    at=at(day, 16, 30),
                )
            )
            if hard:
                checkins.append(
                    CheckIn(
                        id=new_id(),
                        date=day + timedelta(days=1),
                        aching=True,
                        where="calves",
                        fatigue=6,
                    )
                )
        if day.weekday() in (1, 3) and offset > 7:
            sessions.append(
                Session(
                    id=new_id(),
                    kind="strength",
                    activity="resistance band",
                    minutes=15,
                    rpe=rng.choice([11, 12]),
                    at=at(day, 11, 0),
                    symptoms=("cramp",) if offset == 30 else (),
                )
            )
        if day.weekday() == 6:
            checkins.append(
                CheckIn(id=new_id(), date=day, aching=False, fatigue=rng.choice([2, 3, 4]))
            )
    return sessions, checkins


def realistic_ratings(end: date, months: int = 8) -> tuple[Rating, ...]:
    """A monthly self-rating, the last a few days before ``end``: a slow fall (a point every
    month or two, first in fine and gross motor), breathing steady, one rating a point up."""
    falls = [(), (8,), (), (4,), (9,), (), (5, 8), (6,), (7,), (4,), (), (8,)]
    scores = [4, 4, 4, 3, 4, 4, 4, 3, 3, 4, 4, 4]
    made = []
    for month in range(months):
        for number in falls[month % len(falls)]:
            scores[number - 1] = max(0, scores[number - 1] - 1)
        day = end - timedelta(days=4 + 30 * (months - 1 - month))
        bumped = list(scores)
        if month == months - 3:
            bumped[1] = min(4, bumped[1] + 1)  # a better day: ratings move both ways
        made.append(Rating(id=f"r{month:04d}", date=day, scores=tuple(bumped)))
    return tuple(made)


def with_an_alert(sessions: list[Session], end: date, weeks: int) -> list[Session]:
    """The realistic sessions and, early in the period, a walk on which chest pain was noted."""
    day = end - timedelta(days=7 * weeks - 3)
    at = datetime(day.year, day.month, day.day, 17, 5).astimezone()
    walk = Session(id="chest001", kind="aerobic", activity="walking", minutes=10, rpe=12,
                   symptoms=("chest pain",), at=at)  # fmt: skip
    return [*sessions, walk]


def realistic_page(
    end: date = END, weeks: int = 6, *, ratings: bool = True, alert: bool = False
) -> str:
    sessions, checkins = realistic(end, weeks)
    if alert:
        sessions = with_an_alert(sessions, end, weeks)
    guide = guidelines.load()
    start, end = trend.period(end, weeks)
    first = min(s.day for s in sessions)
    findings = rules.evaluate(
        sessions, checkins, guide, start=start, end=end, today=end, first_day=first
    )
    picture = trend.build(
        sessions,
        checkins,
        findings,
        end=end,
        weeks=weeks,
        today=end,
        first_day=first,
        aerobic_goal=90,
    )
    info = ReportInfo.of(
        guide,
        generated=end,
        name="Sam Jones",
        therapist="Dr Ana Lee, PT",
        version="0.1.0",
        ratings=realistic_ratings(end) if ratings else (),
        onset="2024-11",
    )
    return render(picture, info)


# ---- pure aggregation --------------------------------------------------------------
def test_trend_weeks_end_on_the_end_day_and_sum_minutes() -> None:
    sessions, checkins = realistic(END)
    picture = trend.build(
        sessions, checkins, [], end=END, weeks=6, today=END, first_day=END - timedelta(days=41)
    )
    assert len(picture.weeks) == 6
    assert picture.weeks[-1].end == END
    assert picture.weeks[0].start == END - timedelta(days=41)
    assert sum(w.total for w in picture.weeks) == sum(s.minutes for s in sessions)
    assert all(w.counted_days == 7 for w in picture.weeks)
    assert sum(w.aching_days for w in picture.weeks) == 1


def test_trend_ignores_records_outside_the_period_and_future_days() -> None:
    old = Session(id="old1", kind="rom", minutes=10, at=datetime(2020, 1, 1, 9).astimezone())
    picture = trend.build(
        [old], [], [], end=END, weeks=1, today=END - timedelta(days=2), first_day=old.day
    )
    assert picture.empty
    assert picture.weeks[0].counted_days == 5  # today and the two days to come don't count


# ---- the page ----------------------------------------------------------------------
def check_page(page: str) -> None:
    """Valid HTML (strict parser) and our own accessibility/self-containment checks."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert re.search(r'<html lang="[a-z]{2}', page)
    assert re.search(r"<title>[^<]+</title>", page)
    assert page.count("<h1") == 1
    svgs = re.findall(r"<svg\b[^>]*>", page)
    assert len(svgs) == (5 if 'id="function"' in page else 4)
    for tag in svgs:
        assert 'role="img"' in tag
        assert "aria-labelledby=" in tag
        assert re.search(r'width="\d+"', tag)
        assert re.search(r'height="\d+"', tag)
        ident = re.search(r'id="([^"]+)"', tag)
        assert ident
        assert f'<title id="{ident.group(1)}-title">' in page
        assert f'<desc id="{ident.group(1)}-desc">' in page
    # self-contained: nothing fetched, nothing run
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page
    assert "url(" not in page
    assert "@page" in page and "@media print" in page


def test_realistic_page_is_valid_and_complete() -> None:
    page = realistic_page()
    check_page(page)
    assert "Sam Jones" in page
    assert "Dr Ana Lee, PT" in page
    assert "Not medical advice" in page
    assert "Mon 2 Feb 2026 to Sun 15 Mar 2026" in page
    assert "aerobic goal 90 min" in page
    for heading in ("Weekly minutes by kind", "Daily stretching", "Effort", "Aching and findings"):
        assert heading in page
    assert "kept going" in page.lower()  # the finding about the over-hard walk
    assert "calves" in page


def test_text_from_the_logbook_is_escaped() -> None:
    bad = '<script>alert("x")</script> & "quotes"'
    session = Session(
        id="evil1", kind="other", minutes=5, note=bad, activity=bad, symptoms=(bad,),
        at=datetime(2026, 3, 14, 10).astimezone(),
    )  # fmt: skip
    picture = trend.build([session], [], [], end=END, weeks=1, today=END, first_day=session.day)
    page = render(picture, ReportInfo.of(guidelines.load(), generated=END, name=bad, therapist=bad))
    check_page(page)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_empty_logbook_page_is_valid() -> None:
    picture = trend.build([], [], [], end=END, weeks=2, today=END, first_day=None)
    page = render(picture, ReportInfo.of(guidelines.load(), generated=END))
    check_page(page)
    assert "No sessions in this period" in page
    assert "No effort ratings" in page


def test_many_weeks_page_is_valid() -> None:
    sessions, checkins = realistic(END, weeks=52)
    picture = trend.build(
        sessions, checkins, [], end=END, weeks=52, today=END, first_day=sessions[0].day
    )
    check_page(render(picture, ReportInfo.of(guidelines.load(), generated=END, name="Sam")))


def test_default_name() -> None:
    assert default_name(END) == "alslog-report-2026-03-15.html"


# ---- through the CLI ---------------------------------------------------------------
def load_realistic(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from alslog.transfer import to_json

    sessions, checkins = realistic(date.today() - timedelta(days=1))
    file = tmp_path / "realistic.json"
    file.write_text(to_json(sessions, checkins), encoding="utf-8")
    assert cli("import", str(file)).code == 0


def test_report_command_writes_default_file_in_current_folder(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    load_realistic(cli, tmp_path)
    assert cli("config", "set", "name", "Sam Jones").code == 0
    assert cli("config", "set", "therapist", "Dr Lee").code == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = cli("report")
    assert result.code == 0, result.err
    expected = work / default_name(date.today())
    assert expected.is_file()
    assert str(expected) in result.out
    page = expected.read_text(encoding="utf-8")
    check_page(page)
    assert "Sam Jones" in page and "Dr Lee" in page


def test_report_command_output_and_weeks(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    result = cli("report", "--weeks", "2", "-o", str(out))
    assert result.code == 0, result.err
    assert "Nothing was logged" in result.out
    page = out.read_text(encoding="utf-8")
    check_page(page)
    assert "(2 weeks)" in page


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--weeks", "0"), "--weeks"),
        (("--weeks", "x"), "--weeks"),
        (("--end", "someday"), "someday"),
        (("-o", "no/such/folder/r.html"), "does not exist"),
    ],
)
def test_report_bad_arguments(cli, tmp_path: Path, monkeypatch, args, fragment) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = cli("report", *args)
    assert result.code == 2, (result.out, result.err)
    assert fragment in result.err
    assert "Traceback" not in result.err
    assert not list(tmp_path.glob("*.html"))


def test_report_with_a_bad_config_file_writes_nothing(
    cli, alslog_home: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    alslog_home.mkdir(parents=True, exist_ok=True)
    (alslog_home / "config.toml").write_text("aerobic_goal_minutes = -5\n")
    monkeypatch.chdir(tmp_path)
    result = cli("report")
    assert result.code == 3
    assert "config.toml: aerobic_goal_minutes" in result.err
    assert not list(tmp_path.glob("*.html"))


def test_trend_command_text_plain_and_json(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load_realistic(cli, tmp_path)
    cli("config", "set", "aerobic_goal_minutes", "60")
    result = cli("trend", "--weeks", "3")
    assert result.code == 0, result.err
    assert result.out.count("Week of ") == 3
    assert "#" not in result.out  # not a terminal: plain, no bars (test_plain: bars on one)
    assert "Aerobic goal of 60 minutes a week met in" in result.out
    assert result.out == cli("trend", "--weeks", "3", "--plain").out
    doc = json.loads(cli("trend", "--json").out)
    assert doc["version"] == 1
    assert len(doc["weeks"]) == 6
    assert doc["aerobic_goal_minutes"] == 60
    assert sum(w["total"] for w in doc["weeks"]) > 0


def test_trend_on_an_empty_logbook(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("trend", "--weeks", "1")
    assert result.code == 0
    assert "Nothing logged." in result.out


# ---- a real browser ----------------------------------------------------------------
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
# A4 is the narrower paper; its content width at 96 dpi with our 12 mm side margins.
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: CI must run the report's browser test")
    pytest.skip("chromium is not installed (apt-get install chromium)")


class DevTools:
    """Chrome DevTools Protocol over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire() -> None:  # in the child: the pipes become fds 3 and 4
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            pass_fds=(3, 4),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read_message(deadline)
            self.events.append(event)
            if event.get("method") == method:
                return event

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


SVG_BOXES = """JSON.stringify({
  svgs: Array.from(document.querySelectorAll('svg')).map(s => {
    const r = s.getBoundingClientRect();
    return {id: s.id, width: r.width, height: r.height, left: r.left, right: r.right};
  }),
  scrollWidth: document.documentElement.scrollWidth,
  viewport: window.innerWidth,
  images: document.querySelectorAll('svg rect, svg circle, svg polygon').length,
})"""


def measure(tools: DevTools, session: str) -> dict[str, Any]:
    reply = tools.call("Runtime.evaluate", session, expression=SVG_BOXES, returnByValue=True)
    result: dict[str, Any] = json.loads(reply["result"]["value"])
    return result


@pytest.mark.browser
def test_report_in_a_real_browser(tmp_path: Path) -> None:
    binary = chromium()
    page_file = tmp_path / "report.html"
    page_file.write_text(realistic_page(), encoding="utf-8")
    url = page_file.as_uri()

    # 1. A screenshot, as a person would see the page.
    shot = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                "--window-size=1200,2300",  # down to the function chart
                url,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.is_file()
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 50_000
    if os.environ.get("ALSLOG_UPDATE_DOCS"):
        DOCS_PNG.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS_PNG)

    # 2. The page in DevTools: no console errors, charts drawn and sized, print fits A4.
    with tempfile.TemporaryDirectory() as profile:
        tools = DevTools(binary, Path(profile))
        try:
            target = tools.call("Target.createTarget", url="about:blank")["targetId"]
            session = tools.call("Target.attachToTarget", targetId=target, flatten=True)[
                "sessionId"
            ]
            for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
                tools.call(domain, session)
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=1200,
                height=1600,
                deviceScaleFactor=1,
                mobile=False,
            )
            tools.call("Page.navigate", session, url=url)
            tools.wait_for("Page.loadEventFired")

            screen = measure(tools, session)
            assert [s["id"] for s in screen["svgs"]] == [
                "weekly",
                "function",
                "adherence",
                "effort",
                "timeline",
            ]
            for box in screen["svgs"]:
                assert 400 <= box["width"] <= 820, box
                assert box["height"] >= 150, box
            assert screen["images"] > 100
            assert screen["scrollWidth"] <= screen["viewport"]

            # Print layout on the narrower paper: every chart within the content width.
            tools.call("Emulation.setEmulatedMedia", session, media="print")
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=A4_CONTENT_PX,
                height=1000,
                deviceScaleFactor=1,
                mobile=False,
            )
            printed = measure(tools, session)
            # On paper the timeline is left out: its findings are all in the table under it.
            assert [b["id"] for b in printed["svgs"] if not b["width"]] == ["timeline"]
            for box in (b for b in printed["svgs"] if b["width"]):
                assert box["left"] >= 0 and box["right"] <= A4_CONTENT_PX + 0.5, box
                assert box["width"] >= A4_CONTENT_PX * 0.9, box
            assert printed["scrollWidth"] <= A4_CONTENT_PX

            errors = [
                e
                for e in tools.events
                if e.get("method") == "Runtime.exceptionThrown"
                or (
                    e.get("method") == "Runtime.consoleAPICalled"
                    and e["params"].get("type") in ("error", "assert")
                )
                or (
                    e.get("method") == "Log.entryAdded"
                    and e["params"]["entry"].get("level") == "error"
                )
            ]
            assert errors == []
        finally:
            tools.close()


# ---- on paper ----------------------------------------------------------------------
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}  # inches, as Page.printToPDF takes them
# Two weeks on two pages, six on three (the audit found four to eight, the last holding
# only the disclaimer).
MOST_PAGES = {2: 2, 6: 3}


def pdf_pages(pdf: bytes) -> int:
    """The number of pages: the /Type /Page objects (not /Pages, their tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as Chromium prints it, without spaces: each font's glyph codes
    (two bytes, Identity-H) read back through its /ToUnicode map. Enough to tell what a
    page says, not a general PDF reader."""
    import zlib

    objects: dict[str, bytes] = {}
    streams: dict[str, bytes] = {}
    for number, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, flags=re.S):
        objects[number.decode()] = body
        found = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, flags=re.S)
        if found:
            with contextlib.suppress(zlib.error):
                streams[number.decode()] = zlib.decompress(found.group(1))

    def cmap(text: bytes) -> dict[int, str]:
        table: dict[int, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, flags=re.S):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, flags=re.S):
            for lo, hi, dst in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                first = int.from_bytes(bytes.fromhex(dst.decode()), "big")
                for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                    table[code] = chr(first + offset)
        return table

    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+)\s+(\d+) 0 R", body):
            to_unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", objects.get(ref.decode(), b""))
            if to_unicode and to_unicode.group(1).decode() in streams:
                fonts[name] = cmap(streams[to_unicode.group(1).decode()])
    out: list[str] = []
    for data in streams.values():
        if b"Tf" not in data:
            continue
        font: dict[int, str] = {}
        for name, hexed in re.findall(rb"/(F\d+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>", data):
            if name:
                font = fonts.get(name, {})
            elif hexed and font:
                codes = bytes.fromhex(hexed.decode())
                out.extend(font.get(int.from_bytes(codes[i : i + 2], "big"), "")
                           for i in range(0, len(codes), 2))  # fmt: skip
    # NFKC undoes the ligatures the fonts print ("fi" as one glyph).
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(out)))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_text_reads_what_chromium_prints(tmp_path: Path) -> None:
    """The reader the print test relies on, checked on a page whose words are known."""
    page = tmp_path / "words.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>t</title><p>Chest pain, noted "
                    "<b>Fri 27 Feb</b>: stop now.</p><p style='break-before: page'>Two</p>",
                    encoding="utf-8")  # fmt: skip
    with printing(page) as print_pdf:
        pdf = print_pdf("A4")
        assert pdf_pages(pdf) == 2
        text = pdf_text(pdf)
        first = pdf_text(print_pdf("A4", "1"))
    assert squeezed("Chest pain, noted Fri 27 Feb: stop now.") in text
    assert text.endswith("Two") and "Two" not in first


@contextlib.contextmanager
def printing(page: Path) -> Any:
    """A function printing ``page`` to PDF: (paper, page ranges) -> bytes."""
    binary = chromium()
    with tempfile.TemporaryDirectory() as profile:
        tools = DevTools(binary, Path(profile))
        try:
            target = tools.call("Target.createTarget", url="about:blank")["targetId"]
            session = tools.call("Target.attachToTarget", targetId=target, flatten=True)[
                "sessionId"
            ]
            tools.call("Page.enable", session)
            tools.call("Page.navigate", session, url=page.as_uri())
            tools.wait_for("Page.loadEventFired")

            def print_pdf(paper: str, ranges: str = "") -> bytes:
                width, height = PAPERS[paper]
                reply = tools.call("Page.printToPDF", session, paperWidth=width,
                                   paperHeight=height, printBackground=True,
                                   pageRanges=ranges)  # fmt: skip
                pdf = base64.b64decode(reply["data"])
                assert pdf.startswith(b"%PDF"), paper
                return pdf

            yield print_pdf
        finally:
            tools.close()


@pytest.mark.browser
@pytest.mark.parametrize("weeks", sorted(MOST_PAGES))
def test_the_printed_report_fits_and_leads_with_the_alerts(tmp_path: Path, weeks: int) -> None:
    file = tmp_path / "report.html"
    file.write_text(realistic_page(weeks=weeks, alert=True), encoding="utf-8")
    disclaimer = squeezed(guidelines.load().disclaimer)
    with printing(file) as print_pdf:
        for paper in PAPERS:
            pdf = print_pdf(paper)
            pages = pdf_pages(pdf)
            assert 1 <= pages <= MOST_PAGES[weeks], (paper, weeks, pages)
            assert "Scrollsideways" not in pdf_text(pdf)  # a hint for screens only
            first = pdf_text(print_pdf(paper, "1"))
            # The alert in full on page 1: its day, what was noted, its words, its source.
            assert "Whatmattersfirst" in first, (paper, first[:300])
            day = day_short(END - timedelta(days=7 * weeks - 3))
            stop = "Stop exercising and contact your care team"
            for said in ("Alert", day, "Noted: chest pain.", stop, "MDA, Everyday Life"):
                assert squeezed(said) in first, (paper, said, first[:600])
            assert "LatestALSFRS-Rself-rating" in first
            assert first.index("Whatmattersfirst") < first.index("Weeklyminutesbykind")
            last = pdf_text(print_pdf(paper, str(pages)))
            # The disclaimer is never alone on the last page.
            assert disclaimer in last and len(last) > len(disclaimer) + 50, (paper, last)


# ---- what matters first, and function beside exercise ------------------------------
def section(page: str, ident: str) -> str:
    """The HTML of the section headed by the h2 with id ``ident``."""
    found = re.search(rf'<section[^>]*aria-labelledby="{ident}".*?</section>', page, re.S)
    assert found, ident
    return found.group(0)


def test_the_first_section_leads_with_every_alert_in_full() -> None:
    page = realistic_page(alert=True)
    first = section(page, "h-first")
    assert page.index('id="h-first"') < page.index('id="weekly"')
    table = re.search(r'<table class="data serious">.*?</table>', first, re.S)
    assert table
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', table.group(0), re.S)
    assert [level for level, _ in rows] == ["alert", "warning"]  # the most serious first
    alert = rows[0][1]
    assert "Wed 4 Feb" in alert and "Noted: chest pain." in alert
    assert "Stop exercising and contact your care team" in alert
    assert "MDA, Everyday Life with ALS" in alert
    assert "Every day: stretching on" in first
    assert "the goal of 90 a week was met in 0 of 6 weeks" in first
    assert "Latest ALSFRS-R self-rating, Wed 11 Mar 2026: total 39 of 48" in first
    assert "bulbar 12/12; fine motor 8/12; gross motor 7/12; breathing 12/12" in first
    assert "Slope over the last six months: -0.99 points a month (falling)." in first
    assert "Delta-FS since the first symptoms (2024-11): 0.57 points a month." in first
    assert "the picture shows no cause" in first


def test_a_quiet_period_says_so_first() -> None:
    page = realistic_page(weeks=1, ratings=False)
    first = section(page, "h-first")
    assert "No alerts or warnings in this period." in first
    assert "ALSFRS-R" not in page  # no ratings: no function section, no rating lines
    assert 'id="function"' not in page


def test_ratings_beside_exercise_chart_and_table() -> None:
    page = realistic_page()
    check_page(page)
    function = section(page, "h-function")
    chart = re.search(r'<svg[^>]*id="function".*?</svg>', function, re.S)
    assert chart
    svg = chart.group(0)
    # Two ratings fall in the six weeks: two dots, their totals, a line between them.
    assert svg.count('class="rating-point"') == 2
    assert "Mon 9 Feb 2026: total 40 of 48" in svg and "Wed 11 Mar 2026: total 39 of 48" in svg
    assert svg.count('class="minutes-bar"') == 6
    assert all(f"sub-{name}" in svg for name in ("bulbar", "fine_motor", "gross_motor"))
    assert "the picture shows no cause" in svg  # in its description, said by screen readers
    assert "the picture shows no cause" in re.search(r"<figcaption>.*?</figcaption>",
                                                     function, re.S).group(0)  # type: ignore[union-attr]  # fmt: skip
    # The table: the ratings of the slope's six months, those before the period marked.
    rows = re.findall(r'<tr><th scope="row" class="when">([^<]+)</th><td>(\d+)</td>', function)
    assert len(rows) == 6
    assert rows[0] == ("Sun 12 Oct (before this period)", "44")
    assert rows[-1] == ("Wed 11 Mar", "39")


def test_only_ratings_up_to_the_end_count_and_one_is_too_few_for_a_chart() -> None:
    ratings = realistic_ratings(END)
    later = Rating(id="later1", date=END + timedelta(days=3), scores=(0,) * 12)
    sessions, checkins = realistic(END, 2)
    picture = trend.build(sessions, checkins, [], end=END, weeks=2, today=END,
                          first_day=sessions[0].day)  # fmt: skip
    info = ReportInfo.of(guidelines.load(), generated=END, ratings=(*ratings, later),
                         onset="2026-13")  # fmt: skip
    page = render(picture, info)
    check_page(page)
    assert "total 0 of 48" not in page  # after the report's last day
    assert 'id="function"' not in page  # one rating in two weeks: a table, no line
    assert "Fewer than two self-ratings fall in this period" in page
    assert "Delta-FS" not in page  # an onset that is not a month is left out, not shown


def test_an_onset_after_the_rating_and_a_single_rating() -> None:
    one = (Rating(id="only1", date=END - timedelta(days=2), scores=(4,) * 12, tube=True),)
    picture = trend.build([], [], [], end=END, weeks=2, today=END, first_day=None)
    info = ReportInfo.of(guidelines.load(), generated=END, ratings=one, onset="2026-06")
    page = render(picture, info)
    check_page(page)
    assert "total 48 of 48" in page and "Delta-FS" not in page
    assert "Slope: not enough ratings yet" in page
    assert "Item 5 was rated in its feeding-tube form." in page
    assert "Since the rating before it" not in page


def test_the_aerobic_goal_is_drawn_against_the_aerobic_minutes_only() -> None:
    page = realistic_page()
    weekly = re.search(r'<svg[^>]*id="weekly".*?</svg>', page, re.S)
    assert weekly
    svg = weekly.group(0)
    marks = re.findall(r'<line class="goal" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)"', svg)
    assert len(marks) == 6 + 1  # one a week, and the key's
    for x1, x2, _ in marks[:-1]:
        assert float(x2) - float(x1) < 25  # across a thin bar, not the chart
    assert len({y for _, _, y in marks[:-1]}) == 1
    assert "reached in 0 of 6 weeks" in svg
    assert svg.count('<rect class="seg k-aerobic"') == 6  # the thin bars


def test_the_same_finding_on_several_days_is_one_row() -> None:
    page = realistic_page()
    findings = re.search(r'<table class="data findings">.*?</table>', page, re.S)
    assert findings
    table = findings.group(0)
    assert table.count("Strength work: the sources disagree.") == 1
    assert "<strong>On 10 days:</strong> Tue 10 Feb, Thu 12 Feb," in table
    assert "No range-of-motion exercises logged for each of these days." in table
    assert "logged for Wed 11 Mar" not in table


def test_on_paper_the_sessions_are_listed_day_by_day() -> None:
    sessions, _ = realistic(END, 6)
    page = realistic_page()
    days = re.findall(r"<li><strong>(\w{3} \d+ \w{3})</strong> ([^<]*)</li>", page)
    assert len(days) == len({s.day for s in sessions})
    listed = " ".join(text for _, text in days)
    assert listed.count("walking") == sum(1 for s in sessions if s.activity == "walking")
    assert "RPE 15: tired, kept going, could not talk" in listed


def test_a_narrow_screen_is_told_to_scroll_and_paper_is_not() -> None:
    page = realistic_page()
    assert page.count('class="narrow-hint"') == 2 + 5  # the two wide tables, every chart
    assert "@media screen and (max-width: 48em) {\n  .narrow-hint { display: inline;" in page
