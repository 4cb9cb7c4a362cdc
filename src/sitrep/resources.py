"""Versioned domain data shipped in ``sitrep/data`` (patterns, outlets, actors, gazetteer supplements).

Loaded once per process and cached. A user can point ``SITREP_DATA_DIR`` at a folder holding files of the same
names to extend or replace them without touching the package.
"""
from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): same safe loader, ~10x faster on triggers.yaml
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(name: str) -> Path:
    override = os.environ.get("SITREP_DATA_DIR")
    if override and (Path(override) / name).exists():
        return Path(override) / name
    return Path(str(resources.files("sitrep") / "data" / name))


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    path = data_path(name)
    with path.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=_LOADER)
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"{path}: a Sitrep data file needs a top-level mapping with a 'version'")
    return data
