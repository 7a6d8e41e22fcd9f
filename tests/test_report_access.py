"""The report under the tools accessibility work relies on: contrast of the charts' palette
(WCAG 2.x formulas), forced colours (high contrast), a phone's width, table headers, and
axe-core in a real browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import html5lib
import pytest

from alslog.models import CheckIn, Session
from alslog.transfer import to_json
from alslog.views import report
from test_report import (
    END,
    DevTools,
    chromium,
    load_realistic,
    realistic,
    realistic_page,
)

WHITE = "#ffffff"
SMALLEST_TEXT = 11  # px: chart text may not be smaller, on any screen


# ---- WCAG contrast -----------------------------------------------------------------
def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of #rrggbb."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_against_known_values() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    # What the audit measured, so the check below is known to bite.
    assert contrast("#E69F00", WHITE) == pytest.approx(2.25, abs=0.01)  # the old ROM orange
    assert contrast("#e8f3ea", WHITE) == pytest.approx(1.14, abs=0.01)  # the band's fill
    assert contrast("#009E73", "#CC79A7") == pytest.approx(1.12, abs=0.01)  # stacked neighbours


# What touches what in the charts (WCAG 1.4.11 asks 3:1 of graphics, 1.4.3 4.5:1 of text).
INK = report.INK
GRAPHIC_PAIRS: list[tuple[str, str, str]] = [
    *((f"{kind} bar or square on the page", c, report.PAGE)
      for kind, c in report.KIND_COLOURS.items()),
    *((f"{kind} bar against the line between segments", c, INK["separator"])
      for kind, c in report.KIND_COLOURS.items()),
    *((f"{row} mark on the page", c, report.PAGE) for row, c in report.MARK_COLOURS.items()),
    ("moderate band's edge on the page", INK["band-edge"], report.PAGE),
    ("moderate band's edge against its fill", INK["band-edge"], INK["band"]),
    ("a dot's edge on the page", INK["point-edge"], report.PAGE),
    ("a dot's edge on the moderate band", INK["point-edge"], INK["band"]),
    ("goal line against its halo", INK["goal"], report.PAGE),
    ("a missed day's edge", INK["missed-edge"], report.PAGE),
    ("a day not counted", INK["uncounted"], report.PAGE),
    ("the ratings' line and dots", INK["rating"], report.PAGE),
    ("the subscores' lines", INK["subscore"], report.PAGE),
    ("the function chart's minute bars", INK["minutes"], report.PAGE),
]  # fmt: skip
TEXT_PAIRS = [(f"{name} text", INK[name], report.PAGE) for name in ("text", "axis", "empty")]


@pytest.mark.parametrize(("what", "colour", "neighbour"), GRAPHIC_PAIRS)
def test_every_mark_stands_out_from_what_it_touches(what: str, colour: str, neighbour: str) -> None:
    assert contrast(colour, neighbour) >= 3, f"{what}: {contrast(colour, neighbour):.2f}:1"


@pytest.mark.parametrize(("what", "colour", "neighbour"), TEXT_PAIRS)
def test_chart_text_is_readable(what: str, colour: str, neighbour: str) -> None:
    assert contrast(colour, neighbour) >= 4.5, f"{what}: {contrast(colour, neighbour):.2f}:1"


def test_the_separator_and_halo_are_the_page_colour() -> None:
    # Stacked segments only ever touch the separator (and the page), so 3:1 against it is
    # 3:1 against every neighbour; the goal line's halo keeps it off the bars it crosses.
    assert INK["separator"] == report.PAGE
    assert f"svg .goal-halo {{ stroke: {report.PAGE}; }}" in report.STYLE


# ---- the style sheet ---------------------------------------------------------------
def without_media(css: str) -> str:
    """The style sheet with every @media block left out."""
    while "@media" in css:
        start = css.index("@media")
        depth, index = 0, css.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(css[index], 0)
            if depth == 0:
                break
            index += 1
        css = css[:start] + css[index + 1 :]
    return css


def css_rules(css: str) -> list[tuple[str, str]]:
    """(selectors, declarations) of each plain rule."""
    return [(s.strip(), d.strip()) for s, d in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def media_block(css: str, query: str) -> str:
    start = css.index(f"@media {query}")
    open_at = css.index("{", start)
    depth = 0
    for index in range(open_at, len(css)):
        depth += {"{": 1, "}": -1}.get(css[index], 0)
        if depth == 0:
            return css[open_at + 1 : index]
    raise AssertionError(f"unclosed @media {query}")


def painted(declarations: str) -> dict[str, str]:
    found = dict(re.findall(r"\b(fill|stroke)\s*:\s*([^;]+)", declarations))
    return {prop: value.strip() for prop, value in found.items()}


SYSTEM_COLOURS = {"Canvas", "CanvasText", "GrayText", "Highlight", "LinkText", "none"}


def test_forced_colours_give_every_coloured_part_of_a_chart_a_system_colour() -> None:
    """Whatever the charts paint in a colour of ours gets a system colour instead when the
    person has forced colours on (their own palette, often high contrast)."""
    forced = {}
    for selectors, declarations in css_rules(media_block(report.STYLE, "(forced-colors: active)")):
        for selector in selectors.split(","):
            forced.setdefault(selector.strip(), {}).update(painted(declarations))
    checked = 0
    for selectors, declarations in css_rules(without_media(report.STYLE)):
        for selector in (s.strip() for s in selectors.split(",")):
            if not selector.startswith("svg"):
                continue
            for prop, value in painted(declarations).items():
                if value.startswith("#"):
                    checked += 1
                    assert prop in forced.get(selector, {}), f"{selector} {{ {prop} }} not forced"
                    assert forced[selector][prop] in SYSTEM_COLOURS, (selector, forced[selector])
    assert checked >= 20
    assert "forced-color-adjust: none" in media_block(report.STYLE, "(forced-colors: active)")


def test_no_colour_is_written_into_the_charts_themselves() -> None:
    # A fill="#..." attribute could not be given a system colour by the style sheet's
    # class rules as simply, and would be a second place where the palette lives.
    page = realistic_page()
    for svg in re.findall(r"<svg\b.*?</svg>", page, flags=re.S):
        assert not re.search(r'\s(fill|stroke)="', svg)


# ---- the page through the command --------------------------------------------------
def report_page_via_cli(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    load_realistic(cli, tmp_path)
    out = tmp_path / "report.html"
    result = cli("report", "-o", str(out))
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


def parse(page: str) -> ET.Element:
    tree: ET.Element = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    return tree


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def test_sessions_table_has_row_headers_and_expanded_abbreviations(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = parse(report_page_via_cli(cli, tmp_path))
    table = root.find(".//table[@class='data sessions']")
    assert table is not None
    heads = {text_of(th): th for th in table.findall("./thead/tr/th")}
    assert all(th.get("scope") == "col" for th in heads.values())
    abbrs = {text_of(a): a.get("title") for a in table.findall("./thead/tr/th/abbr")}
    assert abbrs == {"Min": "minutes", "RPE": "rating of perceived exertion, 6 to 20"}
    rows = table.findall("./tbody/tr")
    assert len(rows) > 50
    for row in rows:
        first, *rest = list(row)
        assert first.tag == "th" and first.get("scope") == "row", ET.tostring(row)
        assert re.fullmatch(r"\w{3} \d{1,2} \w{3}( \d{4})? \d\d:\d\d", text_of(first))
        assert all(cell.tag == "td" for cell in rest)


def test_dated_tables_head_each_row_with_its_date(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = parse(report_page_via_cli(cli, tmp_path))
    for name in ("data findings", "data checkins", "data weeks"):
        table = root.find(f".//table[@class='{name}']")
        assert table is not None, name
        rows = table.findall("./tbody/tr")
        assert rows, name
        for row in rows:
            assert row[0].tag == "th" and row[0].get("scope") == "row", (name, ET.tostring(row))


def test_wide_content_sits_in_named_focusable_scroll_areas(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = report_page_via_cli(cli, tmp_path)
    root = parse(page)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    areas = [d for d in root.iter("div") if "scroll" in (d.get("class") or "").split()]
    names = []
    for area in areas:
        assert area.get("role") == "region"
        assert area.get("tabindex") == "0"
        label, labelled_by = area.get("aria-label"), area.get("aria-labelledby")
        assert bool(label) != bool(labelled_by), ET.tostring(area)[:200]
        if labelled_by:
            assert labelled_by in ids
            target = root.find(f".//*[@id='{labelled_by}']")
            assert target is not None
            names.append(text_of(target))
        else:
            names.append(label)
    assert len(set(names)) == len(names), names  # told apart in a list of landmarks
    wrapped = sorted(
        child.tag.rpartition("}")[2] + " " + (child.get("id") or child.get("class") or "")
        for area in areas
        for child in area
    )
    # The alerts and warnings table is there when the period has any (the day of the hard
    # walk depends on today's weekday).
    serious = ["table data serious"] if 'class="data serious"' in page else []
    assert wrapped == sorted(
        [
            "svg adherence",
            "svg effort",
            "svg timeline",
            "svg weekly",
            "table data checkins",
            "table data findings",
            "table data sessions",
            "table data weeks",
            *serious,
        ]
    )


def test_effort_chart_has_a_key_for_the_kinds_it_shows() -> None:
    day = datetime(2026, 3, 14, 10).astimezone()
    sessions = [
        Session(id="walk1", kind="aerobic", minutes=20, rpe=12, at=day),
        Session(id="band1", kind="strength", minutes=10, rpe=11, at=day),
        Session(id="rom01", kind="rom", minutes=10, at=day),  # no effort: not in the key
    ]
    from alslog import guidelines, trend

    picture = trend.build(sessions, [], [], end=day.date(), weeks=1, today=day.date(),
                          first_day=day.date())  # fmt: skip
    chart = report.effort_chart(picture, band=guidelines.load().moderate_band)
    key = re.findall(r'<circle class="point k-(\w+)" cx="[\d.]+" cy="18" r="5"/>'
                     r'<text class="legend"[^>]*>([^<]+)</text>', chart)  # fmt: skip
    assert key == [("aerobic", "Aerobic"), ("strength", "Strengthening")]
    assert chart.count('class="band-edge"') == 2
    assert "moderate (11 to 13)" in chart


def test_stacked_segments_are_separated() -> None:
    page = realistic_page()
    weekly = re.search(r'<svg[^>]*id="weekly".*?</svg>', page, flags=re.S)
    assert weekly
    segments = re.findall(r'<rect [^>]*class="seg k-(\w+)"', weekly.group(0))
    assert len(segments) > 12 and set(segments) >= {"aerobic", "strength", "stretching", "rom"}
    assert re.search(r"svg \.seg \{ stroke: #ffffff; \}", report.STYLE)
    assert re.search(r"svg \.seg \{ stroke-width: [1-9]", report.STYLE)


# ---- a real browser: axe-core, a phone's width, forced colours ---------------------
AXE_VERSION = "4.14.1"  # keep in step with .ci/run


@pytest.fixture(scope="module")
def axe_source(request: pytest.FixtureRequest) -> str:
    """axe-core's script: ALSLOG_AXE_CORE (a path to axe.min.js), or installed with npm
    into pytest's cache folder the first time."""
    given = os.environ.get("ALSLOG_AXE_CORE")
    if given:
        path = Path(given)
        if not path.is_file():
            pytest.fail(f"ALSLOG_AXE_CORE={given}: no such file")
        return path.read_text(encoding="utf-8")
    cache = getattr(request.config, "cache", None)
    folder = (
        cache.mkdir(f"axe-core-{AXE_VERSION}")
        if cache is not None
        else Path(tempfile.gettempdir()) / f"alslog-axe-core-{AXE_VERSION}"
    )
    path = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(
                "npm is not installed, so axe-core cannot be fetched "
                "(install npm, or set ALSLOG_AXE_CORE to a copy of axe.min.js)"
            )
        run = subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-save", "--no-audit", "--no-fund",
             "--ignore-scripts", f"axe-core@{AXE_VERSION}"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if run.returncode or not path.is_file():
            last = (run.stderr.strip().splitlines() or ["no message"])[-1]
            pytest.skip(f"npm could not install axe-core {AXE_VERSION}: {last}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[DevTools]:
    binary = chromium()
    with tempfile.TemporaryDirectory() as profile:
        tools = DevTools(binary, Path(profile))
        try:
            yield tools
        finally:
            tools.close()


def adversarial_logbook(end: date) -> str:
    """The realistic logbook plus text with no place to break a line."""
    sessions, checkins = realistic(end)
    long = "Unbreakable" * 12
    at = datetime(end.year, end.month, end.day, 12).astimezone()
    sessions.append(
        Session(id="long0001", kind="other", minutes=5, activity=long, note=long,
                symptoms=(long,), at=at)
    )  # fmt: skip
    checkins.append(CheckIn(id="long0002", date=end, aching=True, where=long, note=long))
    return to_json(sessions, checkins)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report as the installed command writes it: a realistic logbook, and the same
    with long unbroken words in every free text (name included)."""
    from conftest import alslog_command

    made = {}
    for kind in ("realistic", "long words"):
        folder = tmp_path_factory.mktemp(kind.replace(" ", "-"))
        env = dict(os.environ, ALSLOG_HOME=str(folder / "home"), COLUMNS="80")
        data = folder / "logbook.json"
        end = date.today() - timedelta(days=1)
        if kind == "realistic":
            sessions, checkins = realistic(end)
            data.write_text(to_json(sessions, checkins), encoding="utf-8")
            name, therapist = "Sam Jones", "Dr Ana Lee, PT"
        else:
            data.write_text(adversarial_logbook(end), encoding="utf-8")
            name, therapist = "Samantha" * 15, "Therapist" * 15

        def run(*args: str, env: dict[str, str] = env) -> None:
            done = subprocess.run([*alslog_command(), *args], env=env, capture_output=True,
                                  text=True, timeout=120)  # fmt: skip
            assert done.returncode == 0, (args, done.stdout, done.stderr)

        run("import", str(data))
        run("config", "set", "name", name)
        run("config", "set", "therapist", therapist)
        run("config", "set", "aerobic_goal_minutes", "90")
        out = folder / "report.html"
        run("report", "-o", str(out))
        made[kind] = out
    # Until the store holds ratings the command cannot show them: this page is rendered with
    # ratings passed in, and an alert, so the function section and the alerts table are
    # checked in the browser as well.
    rated = tmp_path_factory.mktemp("ratings") / "report.html"
    rated.write_text(realistic_page(END, alert=True), encoding="utf-8")
    made["ratings"] = rated
    return made


FORCED = [
    {"name": "forced-colors", "value": "active"},
    {"name": "prefers-color-scheme", "value": "dark"},
]


def open_page(tools: DevTools, url: str, width: int, forced: bool) -> str:
    target = tools.call("Target.createTarget", url="about:blank")["targetId"]
    session: str = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page.enable", "Runtime.enable"):
        tools.call(domain, session)
    tools.call("Emulation.setDeviceMetricsOverride", session, width=width, height=900,
               deviceScaleFactor=1, mobile=width < 600)  # fmt: skip
    if forced:
        tools.call("Emulation.setEmulatedMedia", session, features=FORCED)
    tools.events.clear()
    tools.call("Page.navigate", session, url=url)
    tools.wait_for("Page.loadEventFired")
    return session


def evaluate(tools: DevTools, session: str, expression: str) -> Any:
    reply = tools.call("Runtime.evaluate", session, expression=expression, returnByValue=True,
                       awaitPromise=True)  # fmt: skip
    if "exceptionDetails" in reply:
        raise AssertionError(reply["exceptionDetails"])
    return json.loads(reply["result"]["value"])


AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
  r.violations.map(v => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))"""

LAYOUT = """JSON.stringify((() => {
  const vw = document.documentElement.clientWidth;
  const inArea = e => e.parentElement && e.parentElement.closest('.scroll');
  const outside = Array.from(document.querySelectorAll('body, body *'))
    .filter(e => !inArea(e))
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.left < -0.5 || r.right > vw + 0.5; })
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
  const scrolls = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map(e => ({cls: e.className, role: e.getAttribute('role'),
                tabindex: e.getAttribute('tabindex'),
                name: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')}));
  const text = Array.from(document.querySelectorAll('svg text')).map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
  return {vw, scrollWidth: document.documentElement.scrollWidth, outside, scrolls,
          smallest: Math.min(...text), texts: text.length};
})())"""

PAINT = """JSON.stringify((() => {
  const canvas = getComputedStyle(document.body).backgroundColor;
  const text = Array.from(document.querySelectorAll('svg text')).map(t => ({
    what: t.getAttribute('class') + ' "' + t.textContent.slice(0, 30) + '"',
    fill: getComputedStyle(t).fill}));
  const marks = Array.from(document.querySelectorAll('svg rect, svg circle, svg polygon, svg line'))
    .map(s => ({what: s.tagName + '.' + (s.getAttribute('class') || ''),
                fill: getComputedStyle(s).fill, stroke: getComputedStyle(s).stroke}));
  return {canvas, text, marks};
})())"""


def rgb(css: str, over: tuple[float, ...] = (255, 255, 255)) -> str:
    """A computed colour, rgb() or rgba() (blended over ``over``), as #rrggbb."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    r, g, b, alpha = (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)
    mixed = [round(c * alpha + o * (1 - alpha)) for c, o in zip((r, g, b), over, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


MODES = {
    "1280 px": (1280, False),
    "420 px": (420, False),
    "320 px": (320, False),
    "forced colours": (1280, True),
    "forced colours, 320 px": (320, True),
}


@pytest.mark.browser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", ["realistic", "long words", "ratings"])
def test_axe_finds_nothing(browser: DevTools, axe_source: str, pages: dict[str, Path],
                           mode: str, kind: str) -> None:  # fmt: skip
    width, forced = MODES[mode]
    session = open_page(browser, pages[kind].as_uri(), width, forced)
    if forced:
        assert evaluate(browser, session, "JSON.stringify(matchMedia('(forced-colors: active)')"
                        ".matches)")  # fmt: skip
    # Injected into this copy in the browser only: the page itself holds no script.
    browser.call("Runtime.evaluate", session, expression=axe_source)
    violations = evaluate(browser, session, AXE_RUN)
    assert violations == [], json.dumps(violations, indent=1)[:4000]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 420])
@pytest.mark.parametrize("forced", [False, True], ids=["colours", "forced colours"])
@pytest.mark.parametrize("kind", ["realistic", "long words", "ratings"])
def test_at_a_phones_width_nothing_is_wider_than_the_screen(
    browser: DevTools, pages: dict[str, Path], kind: str, forced: bool, width: int
) -> None:
    session = open_page(browser, pages[kind].as_uri(), width, forced)
    layout = evaluate(browser, session, LAYOUT)
    assert layout["vw"] == width
    assert layout["scrollWidth"] <= width, layout
    assert layout["outside"] == [], layout["outside"][:10]
    # What is wider scrolls on its own, in a named area a keyboard can reach.
    assert layout["scrolls"], f"nothing scrolls sideways at {width} px: the test proves nothing"
    for area in layout["scrolls"]:
        assert area["cls"] == "scroll" and area["role"] == "region", area
        assert area["tabindex"] == "0" and area["name"], area
    assert layout["texts"] > 50
    assert layout["smallest"] >= SMALLEST_TEXT - 0.01, layout["smallest"]


@pytest.mark.browser
def test_chart_text_keeps_its_size_on_a_wide_screen(
    browser: DevTools, pages: dict[str, Path]
) -> None:
    session = open_page(browser, pages["realistic"].as_uri(), 1280, False)
    layout = evaluate(browser, session, LAYOUT)
    assert layout["smallest"] >= SMALLEST_TEXT - 0.01
    assert layout["scrolls"] == []  # nothing needs to scroll on a wide screen
    assert layout["scrollWidth"] <= 1280


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["realistic", "ratings"])
@pytest.mark.parametrize("forced", [False, True], ids=["colours", "forced colours"])
def test_every_chart_label_and_mark_shows(browser: DevTools, pages: dict[str, Path],
                                          forced: bool, kind: str) -> None:  # fmt: skip
    session = open_page(browser, pages[kind].as_uri(), 1280, forced)
    paint = evaluate(browser, session, PAINT)
    canvas = rgb(paint["canvas"])
    assert canvas == ("#000000" if forced else WHITE)
    over = tuple(int(canvas[i : i + 2], 16) for i in (1, 3, 5))
    assert len(paint["text"]) > 50
    for text in paint["text"]:
        ratio = contrast(rgb(text["fill"], over), canvas)
        assert ratio >= 4.5, f"{text['what']}: {text['fill']} on {canvas}, {ratio:.2f}:1"
    # The halo is the page's colour on purpose; the moderate band's pale fill is shown by
    # its edges, and grid lines are a light reading aid, except with forced colours,
    # where the band has no fill and the grid takes the theme's GrayText.
    exempt = {"line.goal-halo", "rect.band"} | (set() if forced else {"line.grid"})
    shown = 0
    for mark in paint["marks"]:
        if mark["what"] in exempt:
            continue
        paints = ("stroke",) if mark["what"].startswith("line") else ("fill", "stroke")
        colours = [mark[p] for p in paints if mark[p] != "none"]
        ratios = [contrast(rgb(c, over), canvas) for c in colours]
        assert ratios and max(ratios) >= 3, f"{mark['what']}: {colours} on {canvas}"
        shown += 1
    assert shown > 100


@pytest.mark.browser
def test_a_screenshot_in_forced_colours(browser: DevTools, pages: dict[str, Path],
                                        tmp_path: Path) -> None:  # fmt: skip
    """A picture to look at (set ALSLOG_SCREENSHOTS to a folder to keep it)."""
    import base64

    session = open_page(browser, pages["realistic"].as_uri(), 820, True)
    height = evaluate(browser, session, "JSON.stringify(document.documentElement.scrollHeight)")
    clip = {"x": 0, "y": 0, "width": 820, "height": height, "scale": 1}
    shot = browser.call(
        "Page.captureScreenshot", session, format="png", captureBeyondViewport=True, clip=clip
    )
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and len(png) > 50_000
    keep = os.environ.get("ALSLOG_SCREENSHOTS")
    if keep:
        Path(keep, "report-forced-colours.png").write_bytes(png)
