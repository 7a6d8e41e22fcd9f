"""JSON output shows no raw terminal controls, and still parses back to the stored text."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from alslog.escape import json_text

STEERING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "evil\u202e\u009b31m\x1b]52;c;SGVsbG8=\x07\x1b[2J\u2066x\u2069"


def test_export_and_json_output_escape_controls_and_keep_the_text(cli) -> None:  # type: ignore[no-untyped-def]
    added = cli("add", "rom", "5", "--note", HOSTILE, "--yes", "--json")
    exported = cli("export")
    for out in (added.out, exported.out):
        assert not STEERING.search(out)
    assert json.loads(added.out)["session"]["note"] == HOSTILE
    assert json.loads(exported.out)["sessions"][0]["note"] == HOSTILE


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_text_round_trips_anything(value: object) -> None:
    text = json_text(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not STEERING.search(text)
