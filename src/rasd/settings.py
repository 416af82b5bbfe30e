"""Every setting, defined once with its default and help.

Settings come from environment variables so that the CLI, the Python API and
CI see the same values; ``rasd settings`` prints them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Setting:
    env: str
    help: str
    default: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


CACHE_DIR = Setting(
    "RASD_CACHE_DIR",
    "Where compiled indexes (the gazetteer automaton) are cached; safe to delete.",
    platformdirs.user_cache_dir("rasd"),
)
DATA_DIR = Setting(
    "RASD_DATA_DIR",
    "Where user data lives: places imported with `rasd gazetteer import`.",
    platformdirs.user_data_dir("rasd"),
)

ALL = (CACHE_DIR, DATA_DIR)


def cache_dir() -> Path:
    return Path(CACHE_DIR.value())


def data_dir() -> Path:
    return Path(DATA_DIR.value())
