"""What the red-flag matcher costs a note, against a plain word split of the same notes.

Run from the repository root in the project's virtual environment:
``python bench/red_flags.py``. It prints microseconds per note for the matcher
and for the baseline (lower-casing and splitting the note into words, which
any screen of the text must do at least), side by side, and their ratio. It
never fails on a time.
"""

from __future__ import annotations

import re
import statistics
import time
import tomllib
from pathlib import Path

from alslog import guidelines
from alslog.guidelines import symptoms

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "red_flags.toml"
ROUNDS = 7


def main() -> None:
    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    notes = [text for texts in data["alert"].values() for text in texts] + data["quiet"]["texts"]
    notes = [note + ", walked to the park with my sister" for note in notes]
    rule = guidelines.load().rules[guidelines.RED_FLAG_RULE]
    assert isinstance(rule, guidelines.SymptomTerms)
    specs = tuple(group.spec() for group in rule.all_groups())
    symptoms.find("warm up", specs)  # build the matcher once, as the first note does
    word = re.compile(r"\w+")

    def per_note(fn: object) -> float:
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for note in notes:
                fn(note)  # type: ignore[operator]
            times.append((time.perf_counter() - start) / len(notes))
        return statistics.median(times) * 1e6

    matcher = per_note(lambda note: symptoms.find(note, specs))
    baseline = per_note(lambda note: word.findall(note.lower()))
    print(f"{len(notes)} notes, median of {ROUNDS} rounds")
    print(f"  red-flag matcher   {matcher:8.1f} µs a note")
    print(f"  word split         {baseline:8.1f} µs a note")
    print(f"  ratio              {matcher / baseline:8.1f}x")


if __name__ == "__main__":
    main()
