"""Before exercise: ready."""

from __future__ import annotations

from typing import Annotated

import typer

from alslog.cli.app import (
    GuidelinesOpt,
    JsonOpt,
    PlainOpt,
    YesOpt,
    app,
    clock,
    examples,
    get_paths,
    load_guidelines,
    open_store,
    output,
    print_json,
)

# The option for each question of the shipped guideline file, by question id.
_FLAG_OF = {
    "tired": "--tired",
    "ill": "--ill",
    "heat": "--hot",
    "meal": "--meal",
    "aching": "--aching",
    "symptoms": "--symptoms",
}
RED_FLAG_QUESTION = "symptoms"  # a yes here shows the STOP NOW alert


@app.command(
    short_help="Before you exercise: rest, go easy or as usual?",
    epilog=examples(
        "alslog ready    # on a terminal: one key per question, Enter = no",
        "alslog ready --tired --json",
        "alslog ready --meal",
    ),
)
def ready(
    tired: Annotated[bool, typer.Option("--tired", help="You are already tired.")] = False,
    ill: Annotated[bool, typer.Option("--ill", help="You feel ill today.")] = False,
    hot: Annotated[
        bool, typer.Option("--hot", help="It is very hot (or very cold) where you would exercise.")
    ] = False,
    meal: Annotated[bool, typer.Option("--meal", help="You had a meal in the last hour.")] = False,
    aching: Annotated[
        bool, typer.Option("--aching", help="Your muscles still ache from the last session.")
    ] = False,
    symptoms: Annotated[
        bool,
        typer.Option("--symptoms", help="Chest pain, shortness of breath or dizziness right now."),
    ] = False,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
    plain: PlainOpt = False,
    guidelines_path: GuidelinesOpt = None,
) -> None:
    """Before you exercise: rest today, go easy, or fine for your usual session?

    On a terminal it asks the questions of the guideline file, one key each
    (Enter = no), and stops asking once the answer is "rest". The options
    answer them instead (each means "yes"; left out means "no"). What was
    logged today counts too: aching or fatigue in today's check-in, a session
    that tired you, and above all any alert (then the answer is rest).
    """
    import alslog.cli.prompts as prompts
    from alslog import readiness
    from alslog.cli.flows import offer_checkin
    from alslog.errors import UsageError
    from alslog.logbook import period
    from alslog.views import documents
    from alslog.views import text as render

    now = clock()
    today = now.date()
    where = get_paths()
    guide = load_guidelines(where, guidelines_path)
    questions = guide.ready.questions
    given = {"tired": tired, "ill": ill, "heat": hot, "meal": meal, "aching": aching}
    given["symptoms"] = symptoms
    answers: dict[str, bool] = {}
    for qid, value in given.items():
        if value:
            if qid not in questions:
                raise UsageError(
                    f"Your guideline file has no '{qid}' question, so {_FLAG_OF[qid]} "
                    "cannot be used with it."
                )
            answers[qid] = True
    may_ask = prompts.interactive(yes or as_json) and not answers
    notes: list[str] = []
    store = open_store(where)
    if may_ask:
        offer_checkin(store, guide, now, plain)
    logged_today = period.today_for_ready(store, guide, today)
    day, logged = logged_today.day, logged_today.reasons
    today_checkin = day.checkin
    known = today_checkin.aching if today_checkin is not None else None
    if "aching" in questions and "aching" not in answers and known is not None:
        answers["aching"] = known  # answered today already: not asked again
        if known:
            notes.append("Aching: from today's check-in.")
    if may_ask and any(r.verdict == "rest" for r in logged):
        notes.append("Nothing was asked: what you logged today already means rest.")
    elif may_ask:
        prompts.say("Before you exercise: Enter = no for each question.")
        for qid, question in questions.items():
            if qid in answers:
                continue
            answers[qid] = prompts.yes_no(question.question, default=False)
            if answers[qid] and question.if_yes == "rest":
                left = [q for q in questions if q not in answers]
                if left:
                    notes.append("The other questions were skipped: the answer is already rest.")
                break
    elif not answers:
        notes.append("No answers given: every question counted as no.")
    result = readiness.assess(answers, guide, logged)
    if as_json:
        print_json(documents.ready_json(result, answers))
        return
    term = output(plain)
    if may_ask:
        term.write("")
    term.write(
        render.ready_lines(
            term,
            result,
            {qid: q.question for qid, q in questions.items()},
            alert=answers.get(RED_FLAG_QUESTION, False) or bool(day.alerts),
            notes=notes,
            disclaimer=guide.disclaimer,
        )
    )
