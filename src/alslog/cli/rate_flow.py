"""The guided function rating: the twelve ALSFRS-R items, one key each.

Keys (see the design notes): the digits 4 to 0 answer an item with its score;
Enter keeps last time's score for that item (with no earlier rating there is
no default: a default of 4 would overstate function); at the first item ``s``
takes "all the same as last time" after one y/n that names last time's
breathing answers; ``b`` or Backspace goes back one item; ``?`` reads the
answers again; ``t`` at item 5 switches between cutting food and a feeding
tube. Escape cancels: nothing is saved until the end. Routine keys: 2 when
nothing changed (``s``, ``y``); 12 digits and Enter otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alslog.cli.prompts import ENTER, answered, key, say, yes_no
from alslog.words import day_short

if TYPE_CHECKING:
    from datetime import date

    from alslog.models import Rating
    from alslog.paths import Paths
    from alslog.rating_items import Item
    from alslog.store import Store

_BACK = "b\x7f\x08"


def _ask(item: Item, tube: bool) -> None:
    question = item.tube_question if tube and item.tube_question else item.question
    say(f"{item.number} of 12, {item.name}: {question}")
    for score in (4, 3, 2, 1, 0):
        say(f"{score}  {item.answer(score, tube=tube)}", indent="  ")


def _same_again(last: Rating) -> bool:
    """The one confirmation of "all the same": last time's breathing answers, named."""
    from alslog.rating import BREATHING_ITEMS, item

    said = "; ".join(
        f"{item(n).name}: {item(n).answer(last.scores[n - 1], tube=last.tube)}"
        for n in BREATHING_ITEMS
    )
    return yes_no(f"Save {last.total} again? Breathing last time: {said}.", default=False)


def rating_questions(last: Rating | None, day: date) -> tuple[tuple[int, ...], bool]:
    """Ask the twelve items; (scores in item order, item 5 rated for a feeding tube)."""
    from alslog.rating import ITEM_COUNT, ITEMS, subscores, total

    say(
        f"Function rating for {day_short(day)}: the ALSFRS-R (Cedarbaum et al., 1999), "
        "twelve questions in alslog's own words. Press the number of your answer, "
        "4 (as always) to 0; b goes back, ? reads the answers again, Esc cancels."
    )
    if last is not None:
        say(
            f"Last rating: {day_short(last.date)}, total {last.total}. Press s for all "
            "the same as last time; Enter at a question keeps last time's answer."
        )
        tube = last.tube
    else:
        tube = yes_no("Do you use a feeding tube for most of your food?", default=False)
    scores: list[int] = []
    while True:
        while len(scores) < ITEM_COUNT:
            number = len(scores)
            item = ITEMS[number]
            _ask(item, tube)
            keys = "43210?" + _BACK + ("t" if item.tube_answers else "")
            keys += "s" if number == 0 and last is not None else ""
            if last is not None:
                was = last.scores[number]
                hint = (
                    f"Enter: same as {day_short(last.date)} ({was}, {item.answer(was, tube=tube)})"
                )
            else:
                hint = "Press 4 to 0"
            pressed = key(f"{hint} >", keys, retry="Press 4 to 0 (or b, ?, Esc):")
            if pressed == "s" and last is not None:
                answered("all the same as last time")
                if _same_again(last):
                    return last.scores, last.tube
                continue
            if pressed == ENTER and last is None:
                answered("")
                continue  # no default score: the question stays
            if pressed != ENTER and pressed in _BACK:
                answered("back")
                if scores:
                    scores.pop()
                continue
            if pressed == "?":
                answered("")
                continue
            if pressed == "t":
                tube = not tube
                answered("feeding tube" if tube else "cutting food")
                continue
            score = last.scores[number] if pressed == ENTER and last is not None else int(pressed)
            answered(f"{score}, {item.answer(score, tube=tube)}")
            scores.append(score)
        parts = ", ".join(
            f"{k.replace('_', ' ')} {v}" for k, v in subscores(scores).as_dict().items()
        )
        changed = (
            [n for n in range(1, ITEM_COUNT + 1) if scores[n - 1] != last.scores[n - 1]]
            if last is not None
            else []
        )
        say(f"Total {total(scores)} of 48 ({parts}).")
        if changed:
            say(f"Changed since last time: item {', '.join(str(n) for n in changed)}.")
        pressed = key("Enter saves; b goes back >", _BACK, retry="Press Enter to save, b, or Esc:")
        if pressed == ENTER:
            answered("saved")
            return tuple(scores), tube
        answered("back")
        scores.pop()


def rating_due(store: Store, where: Paths, today: date) -> bool | int:
    """Whether a rating is due (``rating.rating_due``; ``rating_every_days``, default 30).

    Someone who has never rated and set no interval is not told: ratings are
    for those who keep them, and a line every day would be noise.
    """
    from alslog.cli.app import rating_every
    from alslog.logbook import rate

    return rate.due(store, rating_every(where), today)


def due_line(store: Store, where: Paths, today: date) -> str | None:
    """The one line saying a rating is due; None when it is not. Said, never asked."""
    from alslog.views.rating import due_text

    return due_text(rating_due(store, where, today))


def say_if_due(store: Store | None = None) -> None:
    """Before a guided command's questions: one line when a rating is due, never a question."""
    from alslog.cli.app import clock, get_paths, open_store

    where = get_paths()
    line = due_line(store or open_store(where), where, clock().date())
    if line:
        say(line)
