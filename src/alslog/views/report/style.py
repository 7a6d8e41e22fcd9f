"""The report's look: the charts' palette and the page's stylesheet, set in one place.

Every colour is chosen for contrast (tests/test_report_access.py checks them)
and for people with colour-blindness; forced colours (high contrast themes)
use the person's own palette.
"""

from __future__ import annotations

# Okabe-Ito, told apart by people with colour-blindness and in grey print, except range of
# motion: Okabe-Ito's orange is 2.25:1 on white, below the 3:1 WCAG 1.4.11 asks of
# graphics, so it is a darker orange. Every colour here is 3:1 or more on white, which
# is also the colour of the lines between stacked segments (tests/test_report_access.py).
KIND_COLOURS = {
    "aerobic": "#009E73",
    "strength": "#CC79A7",
    "stretching": "#0072B2",
    "rom": "#B86E00",
    "other": "#7f7f7f",
}
# With forced colours (Windows high contrast and the like) the person's own palette rules:
# system colours only, and as many different ones as a theme is likely to have.
KIND_FORCED = {
    "aerobic": "Highlight",
    "strength": "LinkText",
    "stretching": "CanvasText",
    "rom": "GrayText",
    "other": "Canvas",  # drawn hollow, with a CanvasText edge
}
STACK_ORDER = ("aerobic", "strength", "stretching", "rom", "other")
SEVERITY_COLOURS = {
    "alert": "#b00020",
    "warning": "#c25400",
    "caution": "#8a6d00",
    "info": "#2a6f97",
}
# The timeline's marks: each row has its own shape as well as its colour.
MARK_COLOURS = {"aching": "#6a3d9a", **SEVERITY_COLOURS}
# The rest of the charts' palette, by what it paints. Text is 4.5:1 or more on white,
# marks 3:1 or more against what they touch; grid lines are only a reading aid (every
# number is in a table), so they stay light.
PAGE = "#ffffff"
INK = {
    "text": "#222222",
    "axis": "#444444",
    "empty": "#555555",
    "grid": "#dddddd",
    "tick": "#888888",
    "goal": "#111111",
    "separator": PAGE,
    "band": "#e8f3ea",
    "band-edge": "#2e7d32",
    "point-edge": "#111111",
    "missed-edge": "#888888",
    "uncounted": "#888888",
    "rating": "#5e3c99",
    "subscore": "#444444",
    "minutes": "#767676",
}
# The SVG coordinate width, and the charts' width in px on screen: at this size their
# smallest text is 11 px, and where the screen is narrower they scroll sideways in their
# own area rather than shrink. Print scales them to the paper.
WIDTH = 720


_BASE_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #111; background: #fff; margin: 0 auto; padding: 24px; max-width: 820px;
  line-height: 1.45; font-size: 15px; overflow-wrap: break-word; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 2px solid #ddd; padding-bottom: .2em;
  break-after: avoid; page-break-after: avoid; }
p.meta { margin: .2em 0; }
.notice { border: 2px solid #b00020; padding: .6em .8em; margin: 1em 0; border-radius: 4px; }
figure { margin: .5em 0 1em; break-inside: avoid; page-break-inside: avoid; }
.scroll { overflow-x: auto; max-width: 100%; container-type: inline-size; }
.scroll:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
svg.chart { display: block; overflow: visible; }
svg text { font-family: inherit; }
svg .axis { font-size: 11px; }
svg .legend, svg .value { font-size: 12px; }
svg .heading { font-size: 13px; font-weight: 600; }
svg .empty { font-size: 14px; }
svg .grid { stroke-width: 1; }
svg .seg { stroke-width: 1.5; }
svg .goal { stroke-width: 2.5; }
svg .goal-halo { stroke-width: 6; }
svg .rating-line { fill: none; stroke-width: 2; }
svg .rating-point { stroke-width: 0; }
svg .sub-line { fill: none; stroke-width: 1.2; }
svg .sub-fine_motor { stroke-dasharray: 6 3; }
svg .sub-gross_motor { stroke-dasharray: 2 3; }
svg .sub-breathing { stroke-dasharray: 9 3 2 3; }
svg .band-edge, svg .band-key { stroke-width: 1.5; }
svg .missed { stroke-width: 1; }
svg .point { stroke-width: .8; }
figcaption { font-size: .9em; color: #333; margin-top: .3em; }
table.data { border-collapse: collapse; width: 100%; font-size: .85em; margin: .4em 0 1em; }
table.data caption { text-align: left; font-size: .95em; color: #333; padding-bottom: .3em;
  max-width: 100cqw; }
table.data th, table.data td { border: 1px solid #ccc; padding: 3px 5px; text-align: left;
  vertical-align: top; }
table.data thead th { background: #f2f2f2; }
table.weeks th, table.weeks td { text-align: right; }
table.weeks td, table.weeks th[scope="row"] { white-space: nowrap; }
table.weeks th[scope="row"], table.weeks thead th:first-child { text-align: left; }
abbr { text-decoration: none; }
.when { white-space: nowrap; }
th.when { font-weight: normal; }
td.text { overflow-wrap: anywhere; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
tr.alert .sev { color: #b00020; font-weight: 700; }
tr.warning .sev { color: #c25400; font-weight: 700; }
tr.caution .sev { color: #8a6d00; }
.source { color: #555; }
table.serious { font-size: .95em; }
table.serious tr.alert th { border-left: 4px solid #b00020; }
ul.glance { margin: .5em 0; padding-left: 1.3em; }
ul.glance li.cause { font-style: italic; }
.print-only, .print-only-inline { display: none; }
ul.by-day { columns: 2; column-gap: 1.5em; padding-left: 0; list-style: none; margin: .3em 0; }
ul.by-day li { break-inside: avoid; page-break-inside: avoid; margin: 0 0 .15em;
  padding-left: 1em; text-indent: -1em; }
footer { margin-top: 2em; font-size: .85em; color: #333; border-top: 1px solid #ddd;
  padding-top: .5em; }
.narrow-hint { display: none; }
@media (max-width: 30em) {
  body { padding: 12px; }
}
@media screen and (max-width: 48em) {
  .narrow-hint { display: inline; font-weight: 600; }
}
@media (forced-colors: active) {
  body, figcaption, table.data caption, table.data tr .sev, .source, footer {
    color: CanvasText; }
  body, table.data thead th { background: Canvas; }
  .scroll:focus-visible { outline-color: Highlight; }
  svg.chart { forced-color-adjust: none; }
  svg text, svg .axis, svg .empty { fill: CanvasText; }
  svg .grid, svg .tick { stroke: GrayText; }
  svg .seg, svg .goal-halo { stroke: Canvas; }
  svg .goal, svg .band-edge, svg .point, svg .missed { stroke: CanvasText; }
  svg .rating-line, svg .sub-line { stroke: CanvasText; }
  svg .rating-point { fill: CanvasText; }
  svg .minutes-bar { fill: GrayText; }
  svg .band { fill: none; }
  svg .band-key, svg .missed { fill: Canvas; stroke: CanvasText; }
  svg .uncounted { fill: GrayText; }
/* forced kinds */
}
@page { margin: 12mm 12mm; }
@media print {
  /* Compact on paper: two weeks on two pages, six on three (tests/test_report.py). */
  body { max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.25; }
  h1 { font-size: 15pt; }
  h2 { font-size: 10.5pt; margin: .6em 0 .25em; padding-bottom: .1em; }
  p.meta { display: inline; margin: 0 1em 0 0; }
  .notice { border-width: 1.5pt; margin: .4em 0; padding: .3em .5em; }
  .scroll { overflow: visible; }
  svg.chart { width: 100%; height: auto; }
  figure { margin: .2em 0 .4em; }
  figcaption { font-size: 7.5pt; margin-top: 0; }
  thead { display: table-header-group; }
  table.data { font-size: 7.5pt; margin: .2em 0 .4em; }
  ul.glance { margin: .3em 0; }
  table.data th, table.data td { padding: 1px 4px; }
  section { break-inside: auto; }
  .screen-only { display: none; }
  /* Alerts and warnings are on the first page in full: on paper, once is enough. */
  table.findings tr.alert, table.findings tr.warning { display: none; }
  .print-only { display: block; }
  .print-only-inline { display: inline; }
  ul.by-day { font-size: 7.5pt; line-height: 1.2; }
  ul.by-day li { margin: 0; }
  table.data caption { font-size: 7.5pt; padding-bottom: .1em; }
  p.small { font-size: 8pt; margin: .2em 0; }
  footer { margin-top: .6em; padding-top: .2em; font-size: 8pt; break-before: avoid;
    page-break-before: avoid; }
}
"""


def _palette_style() -> str:
    """The charts' colours, as CSS: the palette above is the one place they are set."""
    rules = [
        f"svg text {{ fill: {INK['text']}; }}",
        f"svg .axis {{ fill: {INK['axis']}; }}",
        f"svg .empty {{ fill: {INK['empty']}; }}",
        f"svg .grid {{ stroke: {INK['grid']}; }}",
        f"svg .tick {{ stroke: {INK['tick']}; }}",
        f"svg .seg {{ stroke: {INK['separator']}; }}",
        f"svg .goal {{ stroke: {INK['goal']}; }}",
        f"svg .goal-halo {{ stroke: {PAGE}; }}",
        f"svg .band {{ fill: {INK['band']}; }}",
        f"svg .band-edge {{ stroke: {INK['band-edge']}; }}",
        f"svg .band-key {{ fill: {INK['band']}; stroke: {INK['band-edge']}; }}",
        f"svg .missed {{ fill: {PAGE}; stroke: {INK['missed-edge']}; }}",
        f"svg .uncounted {{ fill: {INK['uncounted']}; }}",
        f"svg .point {{ stroke: {INK['point-edge']}; }}",
        f"svg .rating-line {{ stroke: {INK['rating']}; }}",
        f"svg .rating-point {{ fill: {INK['rating']}; }}",
        f"svg .sub-line {{ stroke: {INK['subscore']}; }}",
        f"svg .minutes-bar {{ fill: {INK['minutes']}; }}",
    ]
    rules += [f"svg .k-{kind} {{ fill: {colour}; }}" for kind, colour in KIND_COLOURS.items()]
    rules += [f"svg .m-{row} {{ fill: {colour}; }}" for row, colour in MARK_COLOURS.items()]
    forced = [f"  svg .k-{kind} {{ fill: {colour}; }}" for kind, colour in KIND_FORCED.items()]
    # The timeline's rows differ by shape and place; one colour for all its marks is enough.
    forced.append(f"  {', '.join(f'svg .m-{row}' for row in MARK_COLOURS)} {{ fill: CanvasText; }}")
    # Canvas on Canvas would vanish: the kind drawn in the page's colour gets an edge.
    hollow = [kind for kind, colour in KIND_FORCED.items() if colour == "Canvas"]
    forced += [
        f"  svg .k-{kind}, svg .seg.k-{kind} {{ stroke: CanvasText; stroke-width: 1.5; }}"
        for kind in hollow
    ]
    return "\n".join(rules) + "\n" + _BASE_STYLE.replace("/* forced kinds */", "\n".join(forced))


STYLE = _palette_style()
