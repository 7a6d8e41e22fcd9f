"""guidelines.toml -> Guidelines: the shipped file, personal copies, and refusals."""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from alslog import guidelines, paths
from alslog.errors import GuidelineError, UsageError
from alslog.guidelines import checks as rules
from alslog.guidelines import symptoms

SHIPPED = paths.shipped_guidelines()
SHIPPED_TEXT = SHIPPED.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "guidelines.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped file with the first ``old`` replaced by ``new``."""
    assert old in SHIPPED_TEXT, old
    return write(tmp_path, SHIPPED_TEXT.replace(old, new, 1))


def from_data(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "guidelines.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def shipped_data() -> dict[str, Any]:
    return tomllib.loads(SHIPPED_TEXT)


# What the ratings release added to the shipped file: a copy made before it has none.
RATING_RELEASE_SOURCES = ("cedarbaum-1999", "maier-2012", "meyer-2022", "kimura-2006")


def before_ratings(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a personal copy made before the rating rule, research topic and authors."""
    del data["rules"]["rating-fall"], data["topics"]["research"]
    for source_id in RATING_RELEASE_SOURCES:
        del data["sources"][source_id]
    for source in data["sources"].values():
        source.pop("authors", None)
    return data


def refusal(path: Path) -> str:
    with pytest.raises(GuidelineError) as caught:
        guidelines.load(path)
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


# ---- the shipped file ----------------------------------------------------------


def test_shipped_file_validates() -> None:
    g = guidelines.load()
    assert g.path == SHIPPED
    assert set(guidelines.REQUIRED_RULES) <= set(g.rules)
    assert set(guidelines.REQUIRED_TOPICS) <= set(g.topics)
    assert "therapist" in g.disclaimer and "not medical advice" in g.disclaimer.lower()
    assert g.guide.overview.count("\n") < 24  # one screen


def test_shipped_rules_have_the_agreed_settings() -> None:
    g = guidelines.load()
    above = g.rule("above-moderate")
    assert isinstance(above, guidelines.RpeAbove)
    assert above.rpe_max == 13 and above.severity == "caution"
    aching = g.rule("next-day-aching")
    assert isinstance(aching, guidelines.AchingAfter)
    assert aching.days_before == 2 and aching.severity in ("caution", "warning", "alert")
    long = g.rule("long-aerobic")
    assert isinstance(long, guidelines.MinutesAbove)
    assert (long.kind, long.minutes_max) == ("aerobic", 30)
    assert g.rule("pushed-through-fatigue").severity == "warning"
    assert g.rule("strength-caution").severity == "caution"
    assert g.rule("red-flag-symptom").severity == "alert"


def test_every_source_is_cited_somewhere_and_has_a_name() -> None:
    g = guidelines.load()
    used = {s for r in g.rules.values() for s in r.sources}
    used |= {s for t in g.topics.values() for s in t.sources}
    used |= {s for q in g.ready.questions.values() for s in q.sources}
    expected = {
        "als-news-today",
        "exercises-page",
        "cleveland-clinic",
        "aan-strengthening",
        "ijerph-2021",
        "frontiers-2019",
        "nct03326622",
        "safety-2018",
        "acsm",
        "mda-everyday-life",
        "neurorehab-2015",
        "borg-rpe",
        "dal-bello-haas-2007",
        "krivickas-2003",
        *RATING_RELEASE_SOURCES,
    }
    assert expected <= set(g.sources)
    assert set(g.sources) == used  # no source listed for nothing
    assert {"ijerph-2021", "frontiers-2019"} <= set(g.topics["aerobic"].sources)


@pytest.mark.parametrize(
    ("source_id", "wanted"),
    [
        ("acsm", ["American College of Sports Medicine", "30 minutes"]),
        ("borg-rpe", ["6-20", "12 is moderate", "17 very hard"]),
        ("neurorehab-2015", ["Paganoni S et al.", "Comprehensive rehabilitative care", "2015"]),
        ("neurorehab-2015", ["NeuroRehabilitation 37(1):53-68"]),
        ("exercises-page", ["Exercises", "2020", "Cleveland Clinic"]),
        ("cedarbaum-1999", ["Cedarbaum et al.", "revised ALS functional rating scale", "1999"]),
        ("cedarbaum-1999", ["Journal of the Neurological Sciences 169:13-21"]),
        ("maier-2012", ["Amyotrophic Lateral Sclerosis 13(2):210-216", "2012"]),
        ("meyer-2022", ["Remote digital assessment", "pages 175-184", "2022"]),
        ("kimura-2006", ["Neurology 66:265-267", "2006"]),
        ("krivickas-2003", ["Krivickas LS", "Exercise in neuromuscular disease", "5(1):29-39"]),
    ],
)
def test_sources_say_what_the_documents_give(source_id: str, wanted: list[str]) -> None:
    cite = guidelines.load().cite(source_id)
    for text in wanted:
        assert text in cite


def test_wording_does_not_state_more_than_the_sources() -> None:
    g = guidelines.load()
    overview = " ".join(g.guide.overview.split())
    assert "after mean you did too much" not in overview
    assert "can mean you did too much" in overview
    assert "Aching means" not in g.ready.questions["aching"].reason
    assert "may have been too much" in g.ready.questions["aching"].reason


def test_every_check_has_an_engine_function() -> None:
    assert set(rules.CHECK_FUNCTIONS) == set(guidelines.CHECKS)


def test_every_check_is_registered_under_its_own_name() -> None:
    import typing

    for name, model in guidelines.RULE_CLASSES.items():
        assert typing.get_args(model.model_fields["check"].annotation) == (name,)


# Sources whose citation alslog could not complete: what is missing is not
# established anywhere alslog has read, so it is left out rather than guessed.
INCOMPLETE = {
    "acsm": "which ACSM publication holds the ALS recommendations is not named",
    "mda-everyday-life": "the edition, its year and a URL are not known",
    "borg-rpe": "which of Borg's publications is not named",
}


def complete(source: guidelines.Source) -> bool:
    """The rule: a citation says what it is (a title or a publisher) and where or when
    (a year or a URL), so a reader can find it."""
    return bool(source.title or source.publisher) and bool(source.year or source.url)


def test_every_source_has_a_citation_that_finds_it() -> None:
    g = guidelines.load()
    for source_id, source in g.sources.items():
        if source_id == "alslog-precaution":  # not a publication
            continue
        if source_id in INCOMPLETE:
            assert not complete(source), f"{source_id} is complete now: drop it from INCOMPLETE"
            assert source.title or source.publisher or source.note, source_id
        else:
            assert complete(source), f"{source_id}: add a title or publisher and a year or URL"
    assert not g.source("alslog-precaution").url


def test_a_citation_is_one_plain_short_line() -> None:
    source = guidelines.Source(
        name="Someone 2020",
        authors=("A B", "C D", "E F", "G H"),
        title="A title",
        publisher="A journal 1:2-3",
        year=2020,
        url="https://example.org/x",
        note="What alslog takes from it.",
    )
    assert source.citation() == (
        "Someone 2020: A B et al., \u201cA title\u201d, A journal 1:2-3, 2020. https://example.org/x"
    )
    three = source.model_copy(update={"authors": ("A B", "C D", "E F")})
    assert three.citation().startswith("Someone 2020: A B, C D and E F, \u201cA title\u201d")
    # Without authors or a URL the citation alone does not find it: the note says what it is.
    bare = guidelines.Source(name="Page", title="Exercises", year=2020, note="A page on X.")
    assert bare.citation() == "Page: \u201cExercises\u201d, 2020. A page on X."
    assert guidelines.Source(name="Only a name").citation() == "Only a name."
    same = guidelines.Source(name="ALS News Today", publisher="ALS News Today", title="T")
    assert same.citation() == "ALS News Today: \u201cT\u201d."
    for source in guidelines.load().sources.values():
        assert "\n" not in source.citation()
        assert len(source.citation()) < 400, source.name


def test_the_rating_rule_as_shipped() -> None:
    g = guidelines.load()
    rule = g.rule("rating-fall")
    assert isinstance(rule, guidelines.RatingFall)
    assert (rule.points, rule.breathing_items, rule.severity) == (2, True, "caution")
    assert rule.sources == ("cedarbaum-1999", "maier-2012", "alslog-precaution")
    assert "rating-fall" not in guidelines.REQUIRED_RULES  # older copies load without it
    message = " ".join(rule.message.split())
    assert "care team" in message and "physical therapist" in message
    assert "not a diagnosis" in message and "does not mean exercise caused it" in message


def test_the_research_topic_names_a_source_in_every_point() -> None:
    g = guidelines.load()
    topic = g.topic("research")
    assert g.topic_id("res") == "research"
    named = []
    for point in topic.points:
        assert point.endswith(")"), point
        named.append(point[point.rindex("(") + 1 : -1])
    assert named == [g.source(s).name for s in topic.sources]  # one each, in order
    text = " ".join(topic.points)
    for figure in ("59", "(21)", "(18)", "(20)", "48 people", "12% ", "16% ", "r = 0.96"):
        assert figure in text, figure
    for figure in ("971", "521", "10.9", "35%", "twice a week", "three months"):
        assert figure in text, figure
    assert not any(source_id in text for source_id in g.sources if "-" in source_id)


def test_the_overview_lists_every_topic() -> None:
    g = guidelines.load()
    overview = " ".join(g.guide.overview.split())
    listed = overview.split("`alslog guide TOPIC`: ", 1)[1].rstrip(".").split(", ")
    assert listed == list(g.topics)
    assert "research" in listed


def test_alslog_guide_research(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("guide", "research", "--plain")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "The research"
    assert "r = 0.96" in result.out and "Not medical advice" in result.out
    sources = lines[lines.index("Sources:") + 1 :]
    assert "- Maier 2012: Maier et al., \u201cOnline assessment of ALS functional rating" in (
        "\n".join(sources)
    )
    assert any(line.startswith("- Meyer 2022: ") and "doi.org" in line for line in sources)
    assert "research" in cli("guide").out
    # A topic prints the full citation of each of its sources, authors included.
    strength = cli("guide", "strength", "--plain").out
    assert "- Dal Bello-Haas 2007: Dal Bello-Haas V et al., \u201cA randomized" in strength
    assert "https://doi.org/10.1212/01.wnl.0000264418.92308.a4" in strength


def test_citation_and_names() -> None:
    g = guidelines.load()
    cite = g.cite("ijerph-2021")
    assert "2021" in cite and "https://www.mdpi.com/1660-4601/18/3/1074" in cite
    assert g.source("acsm").name == "ACSM"
    assert g.source_names(["acsm", "borg-rpe"]) == "ACSM; Borg RPE scale"
    with pytest.raises(KeyError):
        g.source("nope")


def test_topic_lookup_by_id_and_prefix() -> None:
    g = guidelines.load()
    assert g.topic_id("aerobic") == "aerobic"
    assert g.topic_id("RED") == "red-flags"
    assert g.topic_id("ro") == "rom"
    assert g.topic("before") == g.topics["before"]  # no placeholders to fill
    with pytest.raises(UsageError, match="stretching, strength"):
        g.topic("str")
    with pytest.raises(UsageError, match="no guide topic 'yoga'"):
        g.topic("yoga")


def test_aching_topic_follows_the_rule_settings(tmp_path: Path) -> None:
    shown = " ".join(guidelines.load().topic("aching").points)
    assert "up to 2 day(s) before" in shown and "about 25% less" in shown
    assert "{days}" in " ".join(guidelines.load().topics["aching"].points)  # as written
    text = SHIPPED_TEXT.replace("days_before = 2", "days_before = 4").replace(
        "cut_back_percent = 25", "cut_back_percent = 40"
    )
    g = guidelines.load(write(tmp_path, text))
    shown = " ".join(g.topic("aching").points)
    assert "up to 4 day(s) before" in shown and "about 40% less" in shown
    assert "2 day" not in shown and "25%" not in shown


def test_loading_imports_no_ui() -> None:
    # How long loading takes is measured by bench/run.py, not asserted here.
    code = (
        "import sys, alslog.guidelines, alslog.guidelines.symptoms, alslog.readiness;"
        "print(sorted(m for m in ('rich', 'typer', 'click') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# ---- personal copies ------------------------------------------------------------


def test_personal_copy_overrides(tmp_path: Path) -> None:
    path = edited(tmp_path, "rpe_max = 13", "rpe_max = 15")
    g = guidelines.load(path)
    assert g.path == path
    rule = g.rule("above-moderate")
    assert isinstance(rule, guidelines.RpeAbove) and rule.rpe_max == 15


def test_a_rule_can_be_switched_off(tmp_path: Path) -> None:
    data = shipped_data()
    data["rules"]["daily-rom"]["enabled"] = False
    g = guidelines.load(from_data(tmp_path, data))
    assert g.rule("daily-rom").enabled is False


def test_an_older_copy_without_the_far_above_moderate_rule_loads(tmp_path: Path) -> None:
    data = shipped_data()
    del data["rules"]["far-above-moderate"]
    assert "far-above-moderate" not in guidelines.load(from_data(tmp_path, data)).rules
    assert "far-above-moderate" not in guidelines.REQUIRED_RULES


def test_an_older_copy_without_ratings_research_or_authors_loads_and_gets_the_rating_rule(
    tmp_path: Path,
) -> None:
    from datetime import date

    from alslog.models import Rating

    g = guidelines.load(from_data(tmp_path, before_ratings(shipped_data())))
    # The rating rule comes from the shipped file: a copy older than ratings
    # must not keep a fall in function quiet.
    assert g.rules["rating-fall"] == guidelines.load().rules["rating-fall"]
    assert set(g.rules["rating-fall"].sources) <= set(g.sources)
    assert "research" not in g.topics
    assert g.source("dal-bello-haas-2007").authors == ()
    assert g.cite("dal-bello-haas-2007").startswith("Dal Bello-Haas 2007: \u201cA randomized")
    with pytest.raises(UsageError, match="no guide topic 'research'"):
        g.topic("research")
    ratings = [
        Rating(id="raaa", date=date(2024, 1, 1), scores=(4,) * 12),
        Rating(id="rbbb", date=date(2024, 2, 1), scores=(1,) * 12),
    ]
    found = guidelines.evaluate(
        [], [], g, start=date(2024, 1, 1), end=date(2024, 2, 1), today=date(2024, 2, 2),
        first_day=None, ratings=ratings,
    )  # fmt: skip
    assert [f.rule for f in found] == ["rating-fall"]


def test_an_older_copy_without_effort_ready_fatigue_or_tired_day_loads(tmp_path: Path) -> None:
    data = shipped_data()
    del data["effort"], data["ready"]["fatigue_at"], data["rules"]["tired-day"]
    del data["rules"]["next-day-aching"]["kinds"]
    g = guidelines.load(from_data(tmp_path, data))
    assert (g.effort.easy, g.effort.moderate, g.effort.hard, g.effort.very_hard) == (10, 12, 15, 17)
    assert g.ready.fatigue_at == 7 and "tired-day" not in g.rules
    aching = g.rule("next-day-aching")
    assert isinstance(aching, guidelines.AchingAfter)
    assert aching.kinds == ("aerobic", "strength", "other")  # daily kinds are not cut


def test_effort_values_follow_the_borg_scale() -> None:
    g = guidelines.load()
    assert 11 <= g.effort.moderate <= 13  # the moderate band
    assert g.effort.easy < g.effort.moderate < g.effort.hard <= 15 < g.effort.very_hard
    above = g.rule("above-moderate")
    assert isinstance(above, guidelines.RpeAbove) and g.effort.moderate <= above.rpe_max


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("very-hard = 17", "very-hard = 21", "effort.very-hard: must be from 6 to 20"),
        ("easy = 10", "easy = 5", "effort.easy: must be from 6 to 20"),
        ("fatigue_at = 7\n", "fatigue_at = 0\n", "fatigue_at: must be from 1 to 10"),
    ],
)
def test_bad_effort_and_fatigue_settings_are_refused(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert expected in refusal(edited(tmp_path, old, new))


def test_fatigue_and_talk_wording_keeps_the_sources_meaning() -> None:
    g = guidelines.load()
    messages = " ".join(r.message for r in g.rules.values())
    points = " ".join(p for t in g.topics.values() for p in t.points)
    assert "exhaust" not in (messages + points).lower()
    assert "to the point of fatigue" in g.rule("pushed-through-fatigue").message
    talk = " ".join(g.rule("could-not-talk").message.split())
    assert "breathing" in talk and "speech" in talk and "effort scale" in talk
    assert "speech" in " ".join(g.topics["aerobic"].points)
    assert "may speed muscle loss" in " ".join(g.rule("next-day-aching").message.split())


def red_rule(g: guidelines.Guidelines) -> guidelines.SymptomTerms:
    rule = g.rule("red-flag-symptom")
    assert isinstance(rule, guidelines.SymptomTerms)
    return rule


def catches(g: guidelines.Guidelines, text: str) -> list[str]:
    specs = tuple(group.spec() for group in red_rule(g).all_groups())
    return [hit.group for hit in symptoms.find(text, specs)]


def test_red_flag_terms_and_groups_can_be_added(tmp_path: Path) -> None:
    data = shipped_data()
    groups = data["rules"]["red-flag-symptom"]["groups"]
    breathing = next(g for g in groups if g["name"] == "breathing")
    breathing["terms"] = ["blue lips"]  # a same-name group adds to the shipped one
    breathing["sources"] = ["acsm"]  # ...and cannot re-credit it
    groups.append({"name": "swallowing", "terms": ["choked on water"], "sources": ["acsm"]})
    g = guidelines.load(from_data(tmp_path, data))
    assert catches(g, "blue lips") == ["breathing"]
    assert catches(g, "short of breath") == ["breathing"]  # the shipped terms stay
    assert catches(g, "choked on water") == ["breathing", "swallowing"]
    merged = {group.name: group for group in red_rule(g).groups}
    assert merged["breathing"].sources == ("mda-everyday-life",)
    assert merged["swallowing"].sources == ("acsm",)


def test_a_copy_cannot_drop_shipped_signs(tmp_path: Path) -> None:
    data = shipped_data()
    rule = data["rules"]["red-flag-symptom"]
    rule["groups"] = [{"name": "pain", "terms": ["pain"], "sources": ["mda-everyday-life"]}]
    g = guidelines.load(from_data(tmp_path, data))
    for text in ("chest pain", "short of breath", "dizzy", "cola-coloured urine", "SOB"):
        assert catches(g, text), text
    assert [group.name for group in red_rule(g).groups] == [
        group.name for group in red_rule(guidelines.load()).groups
    ]


def test_an_older_copy_with_one_list_of_terms_loads_and_gets_the_groups(tmp_path: Path) -> None:
    data = shipped_data()
    rule = data["rules"]["red-flag-symptom"]
    del rule["groups"]
    rule["terms"] = ["chest pain", "dizzy", "cola", "blue lips"]
    rule["sources"] = ["mda-everyday-life"]
    before_ratings(data)
    del data["sources"]["alslog-precaution"]
    data["rules"]["symptom-noted"]["sources"] = ["mda-everyday-life"]
    data["topics"]["red-flags"]["sources"] = ["mda-everyday-life", "exercises-page"]
    g = guidelines.load(from_data(tmp_path, data))
    assert catches(g, "breathless") == ["breathing"]
    assert catches(g, "dizzy") == ["dizziness"]  # credited to alslog, not to the MDA
    assert catches(g, "blue lips") == ["your-terms"]
    assert g.source("alslog-precaution").name == "alslog's own precaution"


@pytest.mark.parametrize(
    "message",
    [
        "All good, chest pain is normal. Keep going.",
        "You noted {symptoms}. Rest a little.",
    ],
)
def test_the_red_flag_words_cannot_be_rewritten(tmp_path: Path, message: str) -> None:
    data = shipped_data()
    data["rules"]["red-flag-symptom"]["message"] = message
    path = from_data(tmp_path, data)
    assert refusal(path).startswith(
        f"{path}: rules.red-flag-symptom.message: must stay as shipped "
        "(it tells people to stop and contact their care team)"
    )


def test_a_group_citing_an_unknown_source_is_refused(tmp_path: Path) -> None:
    data = shipped_data()
    data["rules"]["red-flag-symptom"]["groups"][0]["sources"] = ["nobody"]
    message = refusal(from_data(tmp_path, data))
    assert "rules.red-flag-symptom.groups[0].sources[0]: unknown source 'nobody'" in message


def test_mda_is_credited_only_for_the_signs_on_its_list() -> None:
    shipped = {group.name: group.sources for group in red_rule(guidelines.load()).groups}
    mda = {name for name, sources in shipped.items() if "mda-everyday-life" in sources}
    assert mda == {"breathing", "chest", "cramping", "sweating", "urine", "pain"}
    for name in ("dizziness", "fainting", "heartbeat"):
        assert shipped[name] == ("alslog-precaution",)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"enabled": False}, "rules.red-flag-symptom.enabled"),
        ({"severity": "info"}, "rules.red-flag-symptom.severity"),
        ({"severity": "warning"}, "rules.red-flag-symptom.severity"),
    ],
)
def test_the_red_flag_alert_cannot_be_switched_off_or_downgraded(
    tmp_path: Path, change: dict[str, Any], key: str
) -> None:
    data = shipped_data()
    data["rules"]["red-flag-symptom"].update(change)
    path = from_data(tmp_path, data)
    assert refusal(path) == (
        f"{path}: {key}: must stay enabled with severity alert "
        "(it tells people to stop and contact their care team)"
    )


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "guidelines.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SHIPPED_TEXT.encode("utf-8"))
    assert guidelines.load(path).schema_version == 1


# ---- refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'severity = "caution"',
            'severity = "severe"',
            "rules.above-moderate.severity: must be one of info, caution, warning, alert "
            "(got 'severe')",
        ),
        ("rpe_max = 13", "rpe_max = 21", "rules.above-moderate.rpe_max: must be from 6 to 20"),
        ("rpe_max = 13", "rpe_max = 5", "rules.above-moderate.rpe_max: must be from 6 to 20"),
        ("rpe_max = 13", 'rpe_max = "13"', "rules.above-moderate.rpe_max: must be a whole number"),
        ("rpe_max = 13", "rpe_max = 13.5", "rules.above-moderate.rpe_max: must be a whole number"),
        ("rpe_max = 13", "rpe_max = true", "rules.above-moderate.rpe_max: must be a whole number"),
        ("days_before = 2", "days_before = -1", "rules.next-day-aching.days_before: must be from"),
        (
            "cut_back_percent = 25",
            "cut_back_percent = 0",
            "rules.next-day-aching.cut_back_percent: must be from",
        ),
        ("minutes_max = 30", "minutes_max = -30", "rules.long-aerobic.minutes_max: must be from"),
        (
            "rpe_max = 13",
            "rpe_max = 13\nrpe_min = 6",
            "rules.above-moderate.rpe_min: unknown key (accepted: severity, message",
        ),
        (
            'check = "rpe-above"',
            'check = "rpe-over"',
            "rules.above-moderate.check: unknown check 'rpe-over' (known checks: rpe-above",
        ),
        ('check = "rpe-above"\n', "", "rules.above-moderate.check: missing"),
        (
            'check = "rpe-above"',
            'check = "kept-going"',
            "rules.above-moderate.rpe_max: unknown key",
        ),
        (
            "effort {rpe},",
            "effort {effort},",
            "rules.above-moderate.message: unknown placeholder {effort}; this check provides",
        ),
        ("effort {rpe},", "effort {rpe:>3},", "message: write placeholders plainly"),
        ("effort {rpe},", "effort {},", "message: write placeholders plainly"),
        ("effort {rpe},", "effort {rpe,", "rules.above-moderate.message: unbalanced { or }"),
        (
            '"borg-rpe", "exercises-page"',
            '"borg", "exercises-page"',
            "rules.above-moderate.sources[0]: unknown source 'borg'",
        ),
        (
            'kinds = ["aerobic"',
            'kinds = ["aerobics"',
            "rules.next-day-aching.kinds[0]: must be one of stretching, rom, aerobic",
        ),
        (
            'check = "symptom-terms"',
            'check = "symptom-terms"\nx = 1',
            "rules.red-flag-symptom.x: unknown key",
        ),
        ('kind = "aerobic"', 'kind = "aerobic"\nenabled = "no"', "must be true or false"),
        ('title = "Stretching"', 'title = ""', "topics.stretching.title: must not be empty"),
        (
            'sources = ["mda-everyday-life", "als-news-today"]\n\n#',
            'sources = ["mda", "als-news-today"]\n\n#',
            "topics.before.sources[0]: unknown source 'mda'",
        ),
        ('if_yes = "easy"', 'if_yes = "fine"', "ready.questions.meal.if_yes: must be one of"),
        ("[sources.acsm]", "[sources.ACSM]", "sources.ACSM: not a valid id"),
        (
            'url = "https://alsnewstoday',
            'url = "alsnewstoday',
            "sources.als-news-today.url: must start with http",
        ),
        ("year = 2021", "year = 21", "sources.ijerph-2021.year: must be from 1900 to 2100"),
        ("schema = 1", "schema = 2", "schema: this alslog reads schema 1 (got 2)"),
        ("schema = 1", "", "schema: missing"),
        ("disclaimer =", "disclaimers =", "disclaimers: unknown key (accepted: schema, disclaimer"),
        ("[ready.verdicts]", "[ready.verdictz]", "ready.verdictz: unknown key"),
        ("[topics.before]", "[topics.befor]", "topics: missing [topics.before]"),
        (
            "sessions of up to {days} day(s)",
            "sessions of up to {day} day(s)",
            "topics.aching.points: unknown placeholder {day}",
        ),
        ('summary = "Stretch every day', 'summary = "Stretch {every day', "unbalanced { or }"),
    ],
)
def test_bad_values_are_refused_with_file_and_key(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    message = refusal(edited(tmp_path, old, new))
    assert expected in message


def test_missing_required_rule(tmp_path: Path) -> None:
    data = shipped_data()
    del data["rules"]["long-aerobic"]
    assert "rules: missing [rules.long-aerobic]" in refusal(from_data(tmp_path, data))


def test_required_rule_with_another_check(tmp_path: Path) -> None:
    data = shipped_data()
    data["rules"]["long-aerobic"] = {
        "check": "kind-logged",
        "kind": "aerobic",
        "severity": "info",
        "message": "aerobic",
        "sources": ["acsm"],
    }
    message = refusal(from_data(tmp_path, data))
    assert "rules.long-aerobic.check: must be 'minutes-above' for this rule" in message


def test_extra_rules_are_allowed(tmp_path: Path) -> None:
    data = shipped_data()
    data["rules"]["long-strength"] = {
        "check": "minutes-above",
        "kind": "strength",
        "minutes_max": 20,
        "severity": "caution",
        "message": "{minutes} min of strength work, over {limit}.",
        "sources": ["acsm"],
    }
    assert "long-strength" in guidelines.load(from_data(tmp_path, data)).rules


def test_duplicate_rule_id_is_refused_with_its_line(tmp_path: Path) -> None:
    text = SHIPPED_TEXT + '\n[rules.above-moderate]\ncheck = "kept-going"\n'
    message = refusal(write(tmp_path, text))
    line = text.count("\n") - 1  # the table header, above its last line
    assert f"line {line}: [rules.above-moderate] is written twice" in message


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    message = refusal(edited(tmp_path, "rpe_max = 13", "rpe_max = = 13"))
    line = SHIPPED_TEXT[: SHIPPED_TEXT.index("rpe_max = 13")].count("\n") + 1
    assert "TOML syntax error" in message and f"line {line}" in message


def test_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "guidelines.toml"
    path.write_bytes(b"schema = 1\n# caf\xe9\n")
    assert refusal(path) == f"{path}: line 2: not UTF-8 text"


def test_unreadable_files(tmp_path: Path) -> None:
    assert "cannot read the file" in refusal(tmp_path / "missing.toml")
    assert "cannot read the file" in refusal(tmp_path)


def test_only_the_first_problem_is_spelt_out(tmp_path: Path) -> None:
    text = SHIPPED_TEXT.replace('severity = "caution"', 'severity = "severe"')
    message = refusal(write(tmp_path, text))
    assert message.endswith("more problems)")


# ---- any damage gives one plain line, never a crash ---------------------------


def _leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _leaf_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _leaf_paths(item, (*prefix, index))
    return out


PATHS = _leaf_paths(shipped_data())
JUNK = st.one_of(
    st.none(),  # None means: delete the key
    st.integers(-50, 50),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.lists(st.text(max_size=4), max_size=2),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(where=st.sampled_from(PATHS), junk=JUNK)
def test_damaged_data_is_refused_in_one_line(where: tuple[Any, ...], junk: Any) -> None:
    data = copy.deepcopy(shipped_data())
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    if junk is None and isinstance(parent, dict):
        del parent[where[-1]]
    elif junk is not None:
        parent[where[-1]] = junk
    try:
        guidelines.parse(data, label="g.toml")
    except GuidelineError as exc:
        assert exc.message.startswith("g.toml: ") and "\n" not in exc.message


def test_guideline_facts_come_from_the_file(tmp_path: Path) -> None:
    shipped = guidelines.load()
    assert shipped.moderate_band == (11, 13)
    assert shipped.daily_kinds == ("stretching", "rom")
    assert shipped.stop_words == "Stop here for today: rest, and contact your care team."
    data = shipped_data()
    data["rules"]["above-moderate"]["rpe_max"] = 14
    data["rules"]["daily-rom"]["enabled"] = False
    del data["rules"]["red-flag-symptom"]["stop"]
    personal = guidelines.load(from_data(tmp_path, data))
    assert personal.moderate_band == (11, 14)
    assert personal.daily_kinds == ("stretching",)
    assert personal.stop_words == shipped.stop_words


def test_personal_copy_may_not_rewrite_the_stop_words(tmp_path: Path) -> None:
    data = shipped_data()
    data["rules"]["red-flag-symptom"]["stop"] = "Carry on."
    assert "red-flag-symptom.stop" in refusal(from_data(tmp_path, data))


def test_the_cache_builds_only_the_guideline_models_and_paths(tmp_path: Path) -> None:
    import pickle
    from datetime import date

    from pydantic import BaseModel

    from alslog.guidelines import cache
    from alslog.models import Finding

    allowed = cache.allowed_classes()
    for (module, name), cls in allowed.items():
        if module != "pathlib":
            assert module.startswith("alslog.guidelines."), (module, name)
            assert issubclass(cls, BaseModel), (module, name)
    # Every model of the package, wherever in it a check's settings live.
    for cls in (*guidelines.RULE_CLASSES.values(), guidelines.Guidelines, guidelines.SymptomGroup):
        assert allowed[(cls.__module__, cls.__name__)] is cls
    g = guidelines.load()
    path = tmp_path / "guidelines.pickle"
    cache.write(path, b"key", g)
    assert cache.read(path, b"key") == g
    # A model of alslog that is not a guideline one is refused like anything else.
    finding = Finding(rule="x", severity="info", date=date(2024, 1, 1), message="m", source="s")
    path.write_bytes(b"key\n" + pickle.dumps(finding))
    assert cache.read(path, b"key") is None


def test_a_personal_copy_may_turn_the_rating_rule_off_but_not_lose_it(tmp_path: Path) -> None:
    data = shipped_data()
    data["rules"]["rating-fall"]["enabled"] = False
    assert guidelines.load(from_data(tmp_path, data)).rules["rating-fall"].enabled is False
    del data["rules"]["rating-fall"]
    assert guidelines.load(from_data(tmp_path, data)).rules["rating-fall"].enabled is True
