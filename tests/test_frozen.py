"""The frozen records: built by position or keyword, equal by value, never changed."""

from __future__ import annotations

import copy
import pickle

import pytest

from alslog.frozen import Frozen


class Point(Frozen):
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.x + self.y


class Labelled(Point):
    label: str = "p"


def test_built_by_position_or_keyword_with_the_defaults() -> None:
    assert Point(1) == Point(x=1) == Point(1, 0, ())
    p = Point(1, y=2, tags=("a",))
    assert (p.x, p.y, p.tags, p.total) == (1, 2, ("a",), 3)
    assert Labelled(1, 2, label="q")._asdict() == {"x": 1, "y": 2, "tags": (), "label": "q"}
    assert repr(p) == "Point(x=1, y=2, tags=('a',))"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, 2, (), 4), {}), ((1,), {"x": 1}), ((1,), {"z": 1})],
)
def test_a_wrong_call_is_a_type_error(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        Point(*args, **kwargs)  # type: ignore[arg-type]


def test_never_changed_after_it_is_built() -> None:
    p = Point(1)
    with pytest.raises(AttributeError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.y  # type: ignore[misc]
    q = p._replace(y=5)
    assert (p.y, q.y, q.x) == (0, 5, 1)


def test_equal_and_hashed_by_type_and_value() -> None:
    assert Point(1) != Labelled(1)
    assert Point(1) != (1, 0, ())
    assert len({Point(1), Point(1), Point(2)}) == 2
    assert hash(Point(1)) == hash(Point(1))


def test_copied_and_pickled_whole() -> None:
    p = Labelled(1, 2, ("a",), "z")
    assert copy.copy(p) == p == copy.deepcopy(p)
    assert pickle.loads(pickle.dumps(p)) == p
