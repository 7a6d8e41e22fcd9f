"""The twelve ALSFRS-R items, asked in alslog's own plain words.

The revised ALS Functional Rating Scale (ALSFRS-R) is the measure ALS studies
and clinics use: Cedarbaum et al., "The ALSFRS-R: a revised ALS functional
rating scale that incorporates assessments of respiratory function", J Neurol
Sci 1999;169:13-21. Each item is scored 4 (normal) down to 0 (no function).

The questions and answers below are NOT the instrument's text: they are
written for alslog, short enough for a tired hand and a screen reader (each
answer under 45 characters, since a screen reader reads all five), and say the
same step of each item in everyday words. The score each answer gives is the
instrument's. Pure data: no I/O.
"""

from __future__ import annotations

from alslog.frozen import Frozen

SCORE_MIN, SCORE_MAX = 0, 4
SCORES = (4, 3, 2, 1, 0)  # the order the answers are listed and asked in


class Item(Frozen):
    """One ALSFRS-R item: what it is called and how alslog asks it.

    ``answers`` are the labels of the scores 4, 3, 2, 1 and 0, in that order.
    Item 5 alone has ``tube_question`` and ``tube_answers``: someone who is fed
    mainly through a feeding tube rates how they handle the tube and its
    fittings instead of cutting food (the instrument's 5b; 5a is without one).
    """

    key: str
    number: int
    name: str
    question: str
    answers: tuple[str, str, str, str, str]
    tube_question: str | None = None
    tube_answers: tuple[str, str, str, str, str] | None = None

    def answer(self, score: int, *, tube: bool = False) -> str:
        """The label of ``score`` (0-4); with ``tube``, item 5's feeding-tube label."""
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise ValueError(f"a score is {SCORE_MIN} to {SCORE_MAX}, not {score}")
        labels = self.tube_answers if tube and self.tube_answers is not None else self.answers
        return labels[SCORE_MAX - score]


ITEMS: tuple[Item, ...] = (
    Item(
        key="speech",
        number=1,
        name="speech",
        question="How well do people understand your speech?",
        answers=(
            "As always",
            "It sounds different, but they understand",
            "I often have to say things again",
            "I also write, point or use a device",
            "Speaking no longer gets me understood",
        ),
    ),
    Item(
        key="salivation",
        number=2,
        name="salivation",
        question="Do you have more saliva in your mouth than before?",
        answers=(
            "No more than usual",
            "A little more; I may drool at night",
            "More; I drool a little in the day",
            "Much more; I drool often",
            "I drool all day and need a cloth at hand",
        ),
    ),
    Item(
        key="swallowing",
        number=3,
        name="swallowing",
        question="How is swallowing food and drink?",
        answers=(
            "As always",
            "Now and then I choke on something",
            "I eat softer or changed food",
            "I need tube feeding as well",
            "Nothing by mouth: all by tube",
        ),
    ),
    Item(
        key="handwriting",
        number=4,
        name="handwriting",
        question="How is your handwriting, with your usual hand?",
        answers=(
            "As always",
            "Slower or messier, but all readable",
            "Some words are hard to read",
            "I can hold a pen but not write words",
            "I cannot hold a pen",
        ),
    ),
    Item(
        key="cutting_food",
        number=5,
        name="cutting food and handling utensils",
        question="How do you manage cutting food and using a knife and fork?",
        answers=(
            "As always",
            "Slow or clumsy, but I manage alone",
            "I cut most food, with some help",
            "Someone cuts it; I still feed myself",
            "Someone has to feed me",
        ),
        tube_question=(
            "You have a feeding tube: how do you manage the tube, its caps and fittings?"
        ),
        tube_answers=(
            "As always",
            "Slow or clumsy, but all on my own",
            "I need some help with caps and fittings",
            "I help a little; someone else does it",
            "Someone else does all of it",
        ),
    ),
    Item(
        key="dressing",
        number=6,
        name="dressing and hygiene",
        question="How do you manage dressing and washing yourself?",
        answers=(
            "As always",
            "All myself, but slower or harder",
            "Some help at times, or new ways to do it",
            "I need help with most of it",
            "Someone does all of it for me",
        ),
    ),
    Item(
        key="turning_in_bed",
        number=7,
        name="turning in bed and adjusting bed clothes",
        question="How do you manage turning in bed and pulling up the covers?",
        answers=(
            "As always",
            "On my own, but slower or clumsy",
            "On my own, but it takes great effort",
            "I can start, but need help to finish",
            "Someone has to do it for me",
        ),
    ),
    Item(
        key="walking",
        number=8,
        name="walking",
        question="How is your walking?",
        answers=(
            "As always",
            "A little harder than it was",
            "I need a stick, a walker or a person",
            "I cannot walk, but can move my legs",
            "I cannot move my legs on purpose",
        ),
    ),
    Item(
        key="climbing_stairs",
        number=9,
        name="climbing stairs",
        question="How do you manage stairs?",
        answers=(
            "As always",
            "Slower than before",
            "A little unsteady, or tiring",
            "Only with someone helping me",
            "I cannot climb stairs",
        ),
    ),
    Item(
        key="shortness_of_breath",
        number=10,
        name="shortness of breath",
        question="Do you get short of breath?",
        answers=(
            "No",
            "When I walk",
            "When eating, washing or dressing",
            "At rest, sitting or lying down",
            "Badly; breathing support is being planned",
        ),
    ),
    Item(
        key="breathing_lying_down",
        number=11,
        name="breathing lying down",
        question="Can you breathe well when you lie down to sleep?",
        answers=(
            "Yes, no trouble",
            "Some bad nights; two pillows at most",
            "I need more than two pillows",
            "I can only sleep sitting up",
            "Breathing keeps me from sleeping at all",
        ),
    ),
    Item(
        key="breathing_support",
        number=12,
        name="breathing support",
        question="Do you use a machine to help you breathe?",
        answers=(
            "No",
            "Sometimes (a mask machine, e.g. BiPAP)",
            "All night, every night",
            "All night and during the day",
            "A ventilator through a tube in my airway",
        ),
    ),
)
