"""The cache of validated guidelines, so most runs skip the TOML and the validators.

The file holds a key line (the key and the checksum of the rest), then the
pickled :class:`Guidelines` with the compiled red-flag matcher of each
symptom-terms rule (plain data: building it costs several times more than
reading it back). It lives in the user's own data
folder (0700), next to the logbook, and is read only when its key matches. Any
problem reading it means a miss; writing it is best effort.

Unpickling can run any code a pickle names, and the cache is a file anyone who
can write the data folder can replace: it is read by an unpickler that builds
only the guideline models of this package and a path (the matchers are pickled
apart, plain data, read on first use by an unpickler that builds no class at
all), so a forged or damaged cache is at worst a miss (the toml is then
validated), never code run. Matcher tables that do not fit their rule's groups
are not used (the matcher is then built from the groups).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from alslog import paths
from alslog.guidelines.base import RuleBase
from alslog.guidelines.checks.red_flags import SymptomTerms, keep_tables, tables
from alslog.guidelines.guide import Guide, Topic
from alslog.guidelines.schema import REQUIRED_RULES, Guidelines, Ready, Source

FORMAT = b"alslog-guidelines-cache 2"
MAX_BYTES = 4 * 1024 * 1024  # the shipped guidelines pickle to ~16 KB
_PACKAGE = __name__.rpartition(".")[0]  # "alslog.guidelines"
_FOLDERS = (os.path.dirname(__file__), os.path.join(os.path.dirname(__file__), "checks"))


def _modules(folder: str) -> list[str]:
    try:
        return sorted(name for name in os.listdir(folder) if name.endswith(".py"))
    except OSError:
        return []


def key(path: Path, data: bytes) -> bytes:
    """Hash of the file's path and bytes and of the code that validated it."""
    import hashlib

    import pydantic

    from alslog import __version__, models

    digest = hashlib.sha256(FORMAT)
    for part in (str(path), __version__, pydantic.VERSION):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    # Every module of the package (a changed check or matcher changes what
    # validation gives: the red-flag merge uses the matcher), and the shipped
    # file too: a personal copy is merged with its red-flag groups.
    files = [os.path.join(folder, name) for folder in _FOLDERS for name in _modules(folder)]
    files += [models.__file__, str(paths.shipped_guidelines())]
    for file in files:
        if file is None:
            continue
        try:
            info = os.stat(file)
        except OSError:
            continue
        digest.update(f"{os.path.basename(file)}:{info.st_mtime_ns}:{info.st_size}\0".encode())
    digest.update(data)
    return digest.hexdigest().encode("ascii")


def allowed_classes() -> dict[tuple[str, str], type]:
    """The only classes a cache may build: the guideline models and a path."""
    import pathlib

    # Every model defined in a module of this package (all imported by the time
    # Guidelines is), so a new one can never make the cache miss.
    allowed: dict[tuple[str, str], type] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not (name == _PACKAGE or name.startswith(_PACKAGE + ".")):
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == name
            ):
                allowed[(name, value.__name__)] = value
    for name in ("PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath", "Path"):
        allowed[("pathlib", name)] = getattr(pathlib, name)
    return allowed


def read(cache: Path, key: bytes) -> Guidelines | None:
    """The guidelines cached under ``key``, or None (a miss) for anything else."""
    import io

    try:  # the C unpickler itself: pickle.py (the pure-Python pickler) costs a few M instructions
        from _pickle import Unpickler, UnpicklingError
    except ImportError:  # a Python without the accelerator
        from pickle import Unpickler, UnpicklingError

    class _CacheUnpickler(Unpickler):
        """Builds guideline models and paths only: anything else is a miss."""

        allowed = allowed_classes()

        def find_class(self, module: str, name: str) -> Any:
            found = self.allowed.get((module, name))
            if found is None:
                raise UnpicklingError(f"{module}.{name} is not a guideline class")
            return found

        def persistent_load(self, pid: Any) -> Any:
            raise UnpicklingError("no persistent ids in a guideline cache")

    import stat

    try:
        # Non-blocking, and only a regular file: a FIFO put there must not hang alslog.
        fd = os.open(cache, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            blob = file.read(MAX_BYTES + 1)
        if len(blob) > MAX_BYTES:
            return None
        head, _, body = blob.partition(b"\n")
        if head != key + b" " + _sum(body):  # another key, or a body damaged since
            return None
        loaded = _CacheUnpickler(io.BytesIO(body)).load()
        if not isinstance(loaded, tuple) or len(loaded) != 2:
            return None
        guidelines, matchers = loaded
        if not isinstance(guidelines, Guidelines) or not _whole(guidelines):
            return None
        if not isinstance(matchers, dict):
            return None
    except Exception:  # a missing, damaged, forged or outdated cache is a miss
        return None
    for rule_id, kept in matchers.items():
        rule = guidelines.rules.get(rule_id) if isinstance(rule_id, str) else None
        if isinstance(rule, SymptomTerms):  # used only if they fit its groups
            keep_tables(rule, kept)
    return guidelines


def _sum(body: bytes) -> bytes:
    """The body's checksum, on the key line: a flipped bit in the pickled rules or the
    matcher's tables is a miss (validated again), never a rule or a red flag changed."""
    import hashlib

    return hashlib.sha256(body).hexdigest().encode("ascii")


def _whole(guidelines: Guidelines) -> bool:
    """Whether an unpickled Guidelines has the shape validation gives (cheap checks).

    A cache is only written from a file that passed every check; this catches
    one that was not (hand-made, or from another version) before the rules
    trip over it.
    """
    state = vars(guidelines)
    if set(state) != set(Guidelines.model_fields):
        return False
    return (
        all(isinstance(rule, RuleBase) for rule in guidelines.rules.values())
        and all(isinstance(topic, Topic) for topic in guidelines.topics.values())
        and all(isinstance(source, Source) for source in guidelines.sources.values())
        and isinstance(guidelines.ready, Ready)
        and isinstance(guidelines.guide, Guide)
        and set(REQUIRED_RULES) <= set(guidelines.rules)
        and isinstance(guidelines.path, Path | None)
    )


def write(cache: Path, key: bytes, guidelines: Guidelines) -> None:
    """Write the cache; best effort (without one, a run is only slower)."""
    import pickle

    from alslog import atomic

    try:
        # The compiled matchers ride along: built by validation (the red-flag
        # check uses the matcher), so this costs little here and saves every run.
        # Each state pickled apart, so a run that screens no text (most adds) never
        # reads it; its groups are the rule's own (pickled once, compared by identity).
        matchers = {
            rule_id: (specs, pickle.dumps(state, protocol=5))
            for rule_id, rule in guidelines.rules.items()
            if isinstance(rule, SymptomTerms) and rule.enabled
            for specs, state in [tables(rule)]
        }
        body = pickle.dumps((guidelines, matchers), protocol=5)
        data = key + b" " + _sum(body) + b"\n" + body
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic.write_atomic(cache, data)
    except Exception:  # best effort: without a cache (read-only home...) it is only slower
        pass
