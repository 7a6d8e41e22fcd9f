"""The one place that knows where alslog's files live.

``ALSLOG_HOME=DIR`` puts everything (sessions, check-ins, config, backups)
under DIR. Otherwise data goes to the platform's user data dir and config to
the user config dir (platformdirs).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from alslog.frozen import Frozen

APP_NAME = "alslog"
HOME_ENV = "ALSLOG_HOME"
GUIDELINES_FILE = "guidelines.toml"
CONFIG_FILE = "config.toml"


class Paths(Frozen):
    """Resolved locations for one run of the program."""

    data_dir: Path
    config_dir: Path

    @property
    def store_dir(self) -> Path:
        """Folder of the logbook itself (month files, lock, journal)."""
        return self.data_dir / "logbook"

    @property
    def backup_dir(self) -> Path:
        """Folder of the rotating backups."""
        return self.data_dir / "backups"

    @property
    def cache_dir(self) -> Path:
        """Folder of caches: safe to delete at any time."""
        return self.data_dir / "cache"

    @property
    def config_file(self) -> Path:
        """The user's settings (TOML)."""
        return self.config_dir / CONFIG_FILE

    @property
    def personal_guidelines(self) -> Path:
        """A personal copy of the guideline file, which overrides the shipped one."""
        return self.config_dir / GUIDELINES_FILE


def resolve(environ: Mapping[str, str]) -> Paths:
    """Work out the paths from the environment given (``ALSLOG_HOME`` or platformdirs).

    The command line passes ``os.environ``: only it reads the environment.
    """
    home = environ.get(HOME_ENV)
    if home:
        base = Path(home).expanduser()
        return Paths(data_dir=base, config_dir=base)
    import platformdirs  # only when needed: it costs start-up time

    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def shipped_guidelines() -> Path:
    """The guideline file shipped with the program.

    Inside an installed wheel it sits next to this module; in a source
    checkout (editable install) it is the file at the repository root.
    """
    here = Path(__file__).resolve().parent
    packaged = here / GUIDELINES_FILE
    if packaged.is_file():
        return packaged
    return here.parent.parent / GUIDELINES_FILE
