"""Ratings (ALSFRS-R) as records of the logbook, and ``alslog rate``.

Through the command line: a user who rates monthly sees the total, the
subscores and the slope in ``trend`` and its JSON; bad scores are named by
item; a rating is undone, edited, removed, exported and imported like any
record; the guided rating costs 2 keys when nothing changed and 12 digits
and Enter otherwise. And in the store: a month file from before ratings
loads, a month without ratings is still written as an older alslog writes
it, and a damaged rating is refused like any damaged record.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alslog.errors import StoreCorruptError, StoreVersionError
from alslog.models import Rating
from alslog.paths import resolve
from alslog.store import Store, new_id

TODAY = date.today()
ALL_FOUR = "4,4,4,4,4,4,4,4,4,4,4,4"
# Six monthly ratings, slowly falling: totals 48, 47, 46, 45, 44, 43.
MONTHLY = [
    "4,4,4,4,4,4,4,4,4,4,4,4",
    "4,4,4,4,4,4,4,4,3,4,4,4",
    "4,4,4,4,3,4,4,4,3,4,4,4",
    "4,4,4,4,3,4,4,3,3,4,4,4",
    "4,4,3,4,3,4,4,3,3,4,4,4",
    "4,4,3,4,3,4,4,3,3,4,4,3",
]


def store_of(home: Path) -> Store:
    where = resolve({"ALSLOG_HOME": str(home)})
    return Store(where.store_dir, where.backup_dir, clock=lambda: datetime.now(UTC))


def rating(day: date, scores: tuple[int, ...] = (4,) * 12, **kw: Any) -> Rating:
    return Rating(id=new_id(), date=day, scores=scores, **kw)


def rate_monthly(cli: Any) -> list[date]:
    days = [TODAY - timedelta(days=30 * (5 - n)) for n in range(6)]
    for day, scores in zip(days, MONTHLY, strict=True):
        result = cli("rate", "--scores", scores, "--date", day.isoformat())
        assert result.code == 0, result.err
    return days


# ---- through the command line ---------------------------------------------------------
def test_rate_says_total_subscores_change_and_slope(cli: Any) -> None:
    first = cli("rate", "--scores", ALL_FOUR, "--date", (TODAY - timedelta(days=30)).isoformat())
    assert first.code == 0, first.err
    assert "total 48 of 48 (bulbar 12, fine motor 12, gross motor 12, breathing 12)" in first.out
    assert "First rating." in first.out
    second = cli("rate", "--scores", "4 4 3 4 4 4 4 3 3 4 4 4")
    assert second.code == 0, second.err
    out = " ".join(second.out.split())
    assert "total 45 of 48 (bulbar 11, fine motor 12, gross motor 10, breathing 12)" in out
    assert "Down 3 since" in out and "points a month" in out
    assert len(second.out.strip().splitlines()) <= 3  # one short line, wrapped


def test_monthly_ratings_show_in_trend_and_its_json(cli: Any) -> None:
    days = rate_monthly(cli)
    cli("add", "aerobic", "20", "-y")
    text = cli("trend", "--weeks", "26")
    assert text.code == 0, text.err
    flat = " ".join(text.out.split())
    assert "total 43 of 48 (bulbar 11, fine motor 11, gross motor 10, breathing 11)" in flat
    assert "total 48 of 48" in flat
    assert flat.count("Rating over the last six months: -1.0 points a month.") == 1
    assert "show no cause" in flat
    doc = json.loads(cli("trend", "--weeks", "26", "--json").out)
    assert [r["total"] for r in doc["ratings"]] == [48, 47, 46, 45, 44, 43]
    assert doc["ratings"][-1]["subscores"] == {
        "bulbar": 11,
        "fine_motor": 11,
        "gross_motor": 10,
        "breathing": 11,
    }
    assert doc["slope_per_month"] == pytest.approx(-1.01, abs=0.02)
    assert sum(len(w["ratings"]) for w in doc["weeks"]) == 6
    week = json.loads(cli("week", "--json").out)
    assert week["slope_per_month"] == doc["slope_per_month"]
    assert [r["date"] for r in week["ratings"]] == [d.isoformat() for d in days if d == TODAY]
    assert week["rating_due"] is False


@pytest.mark.parametrize(
    ("scores", "said"),
    [
        ("4,4,4,4,5,4,4,4,4,4,4,4", "item 5 (cutting food"),
        ("4,4,4,4,4,4,4,4,4,4,4,x", "item 12 (breathing support"),
        ("4,4,,4,4,4,4,4,4,4,4,4", "item 3 (swallowing): no score between the commas"),
        ("4,4,4", "12 scores are needed, in item order; got 3"),
    ],
)
def test_bad_scores_are_named_by_item(cli: Any, scores: str, said: str) -> None:
    result = cli("rate", "--scores", scores)
    assert result.code == 2
    assert said in result.err
    if said.startswith("item") and "commas" not in said:
        assert "scores are 0 to 4 (4 is normal)" in result.err
    assert cli("list", "--kind", "rating").out.startswith("Nothing logged")


def test_rate_without_scores_off_a_terminal_says_how(cli: Any) -> None:
    result = cli("rate")
    assert result.code == 2 and "--scores" in result.err


def test_a_rating_is_listed_undone_edited_and_removed(cli: Any) -> None:
    saved = json.loads(
        cli("rate", "--scores", ALL_FOUR, "--note", "after the clinic", "--json").out
    )
    rid = saved["rating"]["id"]
    cli("add", "aerobic", "20", "-y")
    listed = cli("list").out
    line = next(line for line in listed.splitlines() if "rating:" in line)
    assert "rating: total 48 of 48 (bulbar 12, fine motor 12, gross motor 12, breathing 12)" in line
    assert line.rstrip().endswith(f"id {rid[:6]}")
    assert "1 rating" in listed
    only = cli("list", "--kind", "rating").out
    assert "aerobic" not in only and "rating:" in only
    assert json.loads(cli("list", "--json").out)["ratings"][0]["id"] == rid

    edited = cli("edit", rid[:6], "--scores", "3,4,4,4,4,4,4,4,4,4,4,4", "--note", "")
    assert edited.code == 0, edited.err
    assert "total 47 of 48" in edited.out
    assert cli("edit", rid[:6], "--minutes", "5").code == 2
    assert "Undone" in cli("undo").out  # the edit
    assert "total 48 of 48" in cli("list", "--kind", "rating").out

    removed = cli("rm", rid[:6], "--yes")
    assert removed.code == 0 and "Removed the rating" in removed.out
    assert cli("list", "--kind", "rating").out.startswith("Nothing logged")
    back = cli("undo")
    assert "Restored the rating of" in back.out and "(total 48)" in back.out
    assert rid[:6] in cli("list", "--kind", "rating").out


def test_undo_takes_back_a_new_rating(cli: Any) -> None:
    cli("rate", "--scores", ALL_FOUR)
    result = cli("undo")
    assert result.code == 0 and "Removed the rating of" in result.out
    assert cli("list", "--kind", "rating").out.startswith("Nothing logged")


def test_export_and_import_round_trip_json_and_csv(
    cli: Any, tmp_path: Path, alslog_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rate_monthly(cli)
    cli("rate", "--scores", "4,4,4,4,2,4,4,4,4,4,4,4", "--tube", "--note", "=tube since May")
    before = store_of(alslog_home).ratings()
    as_json, as_csv = tmp_path / "all.json", tmp_path / "ratings.csv"
    assert "7 ratings" in cli("export", "-o", str(as_json)).out
    wrote = cli("export", "--format", "csv", "--what", "ratings", "-o", str(as_csv))
    assert wrote.code == 0 and "Wrote 7 ratings" in wrote.out
    header, *rows = as_csv.read_text("utf-8-sig").splitlines()
    assert header.startswith("id,date,total,bulbar,fine_motor,gross_motor,breathing,speech,")
    assert len(rows) == 7 and any(r.endswith(",yes,'=tube since May") for r in rows)

    for source in (as_json, as_csv):
        monkeypatch.setenv("ALSLOG_HOME", str(tmp_path / source.suffix[1:]))
        result = cli("import", str(source))
        assert result.code == 0, result.err
        assert store_of(tmp_path / source.suffix[1:]).ratings() == before
        assert "skipped 7" in cli("import", str(source)).out  # the same ids: kept once


def test_csv_import_refuses_a_total_that_does_not_match(cli: Any, tmp_path: Path) -> None:
    cli("rate", "--scores", ALL_FOUR)
    path = tmp_path / "r.csv"
    cli("export", "--format", "csv", "--what", "ratings", "-o", str(path))
    text = path.read_text("utf-8-sig").replace(",48,12,12,12,12,4,", ",48,12,12,12,12,3,")
    path.write_text(text, "utf-8")
    cli("rm", cli("list", "--json").out.split('"id": "')[1][:6], "--yes")
    result = cli("import", str(path))
    assert result.code != 0 and "row 2: total: 48 does not match the scores (47)" in result.err


def test_config_onset_and_rating_interval(cli: Any) -> None:
    assert cli("config", "set", "onset", "2025-3").code == 0
    assert cli("config", "set", "rating_every_days", "14").code == 0
    shown = cli("config", "show").out
    assert 'onset = "2025-03"' in shown and "rating_every_days = 14" in shown
    bad = cli("config", "set", "onset", "March")
    assert bad.code == 2 and "YYYY-MM" in bad.err
    rated = cli("rate", "--scores", "4,4,3,4,3,4,4,3,3,4,4,4", "--date", "2026-03-15", "--json")
    assert json.loads(rated.out)["delta_fs"] == pytest.approx(4 / (365 / 30.4375), abs=0.01)
    assert cli("config", "set", "rating_every_days", "400").code == 2
    assert cli("config", "set", "rating_every_days", "0").code == 2


def test_week_says_in_one_line_when_a_rating_is_due(cli: Any) -> None:
    cli("add", "aerobic", "20", "-y")
    assert "rating" not in cli("week").out  # never rated, no interval set: not told
    cli("rate", "--scores", ALL_FOUR, "--date", (TODAY - timedelta(days=40)).isoformat())
    lines = [line for line in cli("week").out.splitlines() if "ALSFRS-R" in line]
    assert lines == ["A function rating (ALSFRS-R) is due (10 days over): alslog rate"]
    assert json.loads(cli("week", "--json").out)["rating_due"] == 10
    cli("rate", "--scores", ALL_FOUR)
    assert "is due" not in cli("week").out


# ---- the store ------------------------------------------------------------------------
def test_an_older_month_file_without_ratings_loads(alslog_home: Path, cli: Any) -> None:
    folder = alslog_home / "logbook"
    folder.mkdir(parents=True)
    old = {
        "format": "alslog",
        "schema": 1,
        "month": "2024-11",
        "sessions": [
            {"id": "3f9k2a3f9k2a", "kind": "aerobic", "minutes": 20,
             "at": "2024-11-04T10:00:00+00:00"}
        ],
        "checkins": [],
    }  # fmt: skip
    (folder / "2024-11.json").write_text(json.dumps(old), "utf-8")
    store = store_of(alslog_home)
    assert store.ratings() == [] and len(store.sessions()) == 1
    store.add_rating(rating(date(2024, 11, 20)))
    doc = json.loads((folder / "2024-11.json").read_text("utf-8"))
    assert doc["schema"] == 2 and len(doc["ratings"]) == 1 and len(doc["sessions"]) == 1
    assert "total 48 of 48" in cli("list", "--since", "2024-11-01").out


def test_a_month_without_ratings_stays_as_an_older_alslog_writes_it(alslog_home: Path) -> None:
    store = store_of(alslog_home)
    kept = rating(TODAY)
    store.add_rating(kept)
    store.remove(kept.id)
    doc = json.loads(next((alslog_home / "logbook").glob("*.json")).read_text("utf-8"))
    assert doc["schema"] == 1 and "ratings" not in doc
    undo_log = json.loads((alslog_home / "logbook" / "undo.json").read_text("utf-8"))
    assert undo_log["schema"] == 2  # it holds a rating's change: an older alslog says upgrade


def test_a_damaged_rating_is_refused(alslog_home: Path) -> None:
    store = store_of(alslog_home)
    store.add_rating(rating(date(2024, 11, 20)))
    path = alslog_home / "logbook" / "2024-11.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["ratings"][0]["scores"][4] = 7
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(StoreCorruptError, match=r"rating #0 .*field scores\.4"):
        store.ratings()
    doc["ratings"][0]["scores"] = doc["ratings"][0]["scores"][:11]
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(StoreCorruptError, match="rating #0"):
        store.sessions()


def test_a_newer_month_is_read_but_not_changed(alslog_home: Path) -> None:
    store = store_of(alslog_home)
    store.add_rating(rating(date(2024, 11, 20)))
    path = alslog_home / "logbook" / "2024-11.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["schema"] = 3
    path.write_text(json.dumps(doc), "utf-8")
    assert len(store.ratings()) == 1
    with pytest.raises(StoreVersionError, match="upgrade"):
        store.add_rating(rating(date(2024, 11, 21)))


# ---- the guided rating, in a real terminal --------------------------------------------
class Keys:
    """``alslog rate`` in a pseudo-terminal; counts the keys sent."""

    def __init__(self, home: Path) -> None:
        import os

        import pexpect

        from conftest import alslog_command

        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
        env.update({"ALSLOG_HOME": str(home), "TERM": "xterm-256color"})
        command = alslog_command()
        self.child = pexpect.spawn(
            command[0], [*command[1:], "rate"], env=env, encoding="utf-8", timeout=8,
            dimensions=(24, 80),
        )  # fmt: skip
        self.keys = 0

    def press(self, after: str, keys: str) -> None:
        self.child.expect(after)
        self.keys += len(keys)
        self.child.send(keys)

    def finish(self) -> tuple[int, str]:
        import pexpect

        self.child.expect(pexpect.EOF)
        rest = str(self.child.before)
        self.child.close()
        return self.child.exitstatus or 0, rest


def test_guided_rating_twelve_digits_and_enter(alslog_home: Path) -> None:
    store_of(alslog_home).add_rating(rating(TODAY - timedelta(days=31)))
    run = Keys(alslog_home)
    run.child.expect("Cedarbaum")  # the instrument is named once, at the start
    for digit in "443444343444":
        run.press(r"Enter: same as [^>]*>", digit)
    run.press("Enter saves", "\r")
    code, rest = run.finish()
    assert code == 0 and run.keys == 13
    assert "total 45 of 48" in " ".join(rest.split())
    assert [r.total for r in store_of(alslog_home).ratings()] == [48, 45]


def test_guided_rating_all_the_same_is_two_keys(alslog_home: Path) -> None:
    store_of(alslog_home).add_rating(rating(TODAY - timedelta(days=31), (3,) * 12))
    run = Keys(alslog_home)
    run.press("Press s for all the same", "")
    run.press(r"1 of 12[^>]*>", "s")
    run.child.expect(r"Save 36 again\? Breathing last time: shortness of breath: ")
    run.press(r"\[y/N\]", "y")
    code, _rest = run.finish()
    assert code == 0 and run.keys == 2
    assert [r.scores for r in store_of(alslog_home).ratings()] == [(3,) * 12] * 2


def test_guided_rating_escape_saves_nothing(alslog_home: Path) -> None:
    run = Keys(alslog_home)
    run.press("feeding tube", "n")
    run.press(r"1 of 12[^>]*>", "4")
    run.press(r"2 of 12[^>]*>", "\x1b")
    code, rest = run.finish()
    assert code == 130 and "Cancelled; nothing was saved." in rest
    assert store_of(alslog_home).ratings() == []


def test_a_breathing_item_lower_than_last_time_raises_the_caution_everywhere(
    cli: Any, tmp_path: Path
) -> None:
    before = (TODAY - timedelta(days=30)).isoformat()
    assert cli("rate", "--scores", ALL_FOUR, "--date", before).code == 0
    # Total 47, down 1 only: below the 2-point setting, so the breathing item alone raises it.
    lower = "4,4,4,4,4,4,4,4,4,4,3,4"
    said = cli("rate", "--scores", lower)
    assert said.code == 0, said.err
    out = " ".join(said.out.split())
    assert "Caution:" in out and "breathing lying down went from 4 to 3" in out
    assert "Tell your care team" in out
    doc = json.loads(cli("rate", "--scores", lower, "--date", TODAY.isoformat(), "--json").out)
    assert doc["findings"] == []  # the same as the rating before it: nothing fell
    week = json.loads(cli("week", "--json").out)
    assert "rating-fall" in [f["rule"] for f in week["findings"]]
    page = tmp_path / "report.html"
    assert cli("report", "--weeks", "2", "-o", str(page)).code == 0
    html = page.read_text(encoding="utf-8")
    assert "Latest ALSFRS-R self-rating" in html and "breathing lying down went from 4 to 3" in html


def test_week_reads_no_month_older_than_the_ratings_it_needs(cli: Any, tmp_path: Path) -> None:
    # A logbook without ratings: the due line must not read the whole history to find
    # none (it did, and week at 20,000 sessions took five times as long).
    first = (TODAY - timedelta(days=800)).replace(day=10)
    old = (TODAY - timedelta(days=400)).replace(day=10)
    for day in (first, old):
        assert cli("add", "stretching", "10", "--at", f"{day.isoformat()} 09:00").code == 0
    assert cli("add", "stretching", "10").code == 0
    home = Path(os.environ["ALSLOG_HOME"])
    month = home / "logbook" / f"{old:%Y-%m}.json"
    month.write_text("{ damaged", encoding="utf-8")
    assert cli("week", "--yes").code == 0
    assert cli("config", "set", "rating_every_days", "30").code == 0
    result = cli("week", "--yes")
    assert result.code == 0, result.err
    assert "rating" in result.out.lower()  # due: never rated, a reminder was asked for


@pytest.mark.parametrize("every", [None, 7, 30, 200, 400])
@pytest.mark.parametrize("ages", [(), (3,), (40,), (190,), (500, 45), (390, 20, 2)])
def test_the_week_s_one_read_gives_the_due_line_the_due_check_gives(
    alslog_home: Path, every: int | None, ages: tuple[int, ...]
) -> None:
    """``week`` reads its ratings once for the slope and the due line; the answer is the
    one the due check on its own gives, for every interval and age of the last rating."""
    from alslog.logbook import rate

    store = store_of(alslog_home)
    for age in ages:
        store.add_rating(rating(TODAY - timedelta(days=age)))
    start = TODAY - timedelta(days=6)
    together = rate.over_period(store, start, TODAY, due_on=TODAY, every_days=every)
    assert together.due == rate.due(store, every, TODAY)
    alone = rate.over_period(store, start, TODAY)
    assert (together.ratings, together.slope) == (alone.ratings, alone.slope)
    assert alone.due is False


def test_a_month_read_only_for_its_ratings_checks_only_them(alslog_home: Path) -> None:
    """The months behind the slope are read for their ratings: a bad session there does
    not hide the ratings, and is still refused by any read of that month's sessions."""
    store = store_of(alslog_home)
    day = date(2024, 11, 20)
    store.add_rating(rating(day))
    path = alslog_home / "logbook" / "2024-11.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["sessions"] = [{"id": "3f9k2a3f9k2a", "kind": "aerobic", "minutes": 9999,
                        "at": "2024-11-04T10:00:00+00:00"}]  # fmt: skip
    path.write_text(json.dumps(doc), "utf-8")
    assert [r.date for r in store.ratings(date(2024, 6, 1), date(2024, 12, 31))] == [day]
    last = store.last_rating(date(2024, 12, 31))
    assert last is not None and last.date == day
    with pytest.raises(StoreCorruptError, match="session #0"):
        store.sessions()
