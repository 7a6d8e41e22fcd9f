"""What keeps the everyday commands fast, and stays correct while doing it.

Times are measured by ``bench/run.py``, never here; these tests pin the
mechanisms: the guideline cache, running only the command
asked for, and what the hot paths import.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from alslog import guidelines, paths
from alslog.errors import GuidelineError


# ---- the guideline cache ---------------------------------------------------------
def test_cache_is_written_only_when_asked_and_then_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "guidelines.pickle"
    first, save = guidelines.load_cached(None, cache)
    assert save is not None and not cache.exists()
    save()
    again, save_again = guidelines.load_cached(None, cache)
    assert save_again is None
    assert again == first == guidelines.load()
    assert again.path == paths.shipped_guidelines()


def test_a_changed_file_is_validated_again_and_a_bad_one_refused(tmp_path: Path) -> None:
    own = tmp_path / "guidelines.toml"
    text = paths.shipped_guidelines().read_text(encoding="utf-8")
    own.write_text(text, encoding="utf-8")
    cache = tmp_path / "guidelines.pickle"
    _, save = guidelines.load_cached(own, cache)
    assert save is not None
    save()
    own.write_text(text.replace("schema = 1", "schema = 2", 1), encoding="utf-8")
    with pytest.raises(GuidelineError, match="schema"):
        guidelines.load_cached(own, cache)


def test_a_damaged_cache_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "guidelines.pickle"
    _, save = guidelines.load_cached(None, cache)
    assert save is not None
    save()
    head, _, body = cache.read_bytes().partition(b"\n")
    cache.write_bytes(head + b"\n" + body[: len(body) // 2])
    loaded, save = guidelines.load_cached(None, cache)
    assert save is not None and loaded == guidelines.load()


def test_the_cache_is_kept_after_a_successful_command(cli, alslog_home: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("add", "stretching", "15", "--yes").code == 0
    assert (alslog_home / "cache" / "guidelines.pickle").is_file()
    assert cli("week").code == 0


# ---- running only the command asked for -------------------------------------------
def test_each_command_behaves_as_in_the_whole_app(capsys: pytest.CaptureFixture[str]) -> None:
    from alslog.cli.app import whole_app

    app = whole_app()
    from alslog.cli import main

    names = [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]  # type: ignore[union-attr]
    assert {"add", "week", "checkin"} <= set(names)
    for name in names:
        for args in ([name, "--help"], [name, "--no-such-option"]):
            with pytest.raises(SystemExit) as fast:
                main(args)
            fast_out = capsys.readouterr()
            try:
                whole_code = app(args=args, prog_name="alslog", standalone_mode=False)
            except Exception as error:  # the usage error main turns into a message
                whole_code = getattr(error, "exit_code", 1)
            whole_out = capsys.readouterr()
            assert fast.value.code == (whole_code or 0), args
            if args[1] == "--help":
                assert fast_out.out == whole_out.out, args


def test_unknown_commands_and_options_first_still_go_to_the_whole_app(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("ad", "stretching", "15")
    assert result.code == 2 and "No such command" in result.err
    assert cli("--version").out.startswith("alslog ")


# ---- what the hot paths import -----------------------------------------------------
_PROBE = """
import json, sys
from alslog.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_add_week_and_help_import_nothing_they_do_not_need() -> None:
    _modules_after("add", "stretching", "15", "--yes")  # the first run fills the cache
    for args in (("add", "stretching", "15", "--yes"), ("week",), ("--help",)):
        loaded = _modules_after(*args)
        heavy = {m for m in loaded if m.split(".")[0] in ("rich", "tomllib")}
        assert not heavy, (args, sorted(heavy))


def test_a_cache_damaged_after_it_was_written_is_a_miss(tmp_path: Path) -> None:
    """One flipped bit in the pickled rules or tables: the key still matches, the sum not."""
    from alslog.guidelines import cache, load

    g = load(None)
    path = tmp_path / "guidelines.pickle"
    cache.write(path, b"key", g)
    assert cache.read(path, b"key") == g
    data = bytearray(path.read_bytes())
    start = data.index(b"\n") + 1
    for offset in (start + 40, len(data) // 2, len(data) - 10):
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        path.write_bytes(bytes(flipped))
        assert cache.read(path, b"key") is None
