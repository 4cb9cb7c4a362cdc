"""Sitrep's defaults for the Dask processes of a run (``dask.yaml`` beside this module), applied on import.

Imported by :mod:`sitrep.execute.cluster` (so the driver, and a ``LocalCluster`` started in it, have them) and
meant for ``dask scheduler --preload sitrep.execute.daskconfig`` and ``dask worker ... --preload-nanny
sitrep.execute.daskconfig`` (a nanny hands its configuration to the worker process it starts). They are
defaults: a value set in your own Dask configuration (its YAML files or ``DASK_*`` environment variables) wins,
even one equal to Dask's own default (``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=True`` gives the dashboard its
profiles back).
"""
from __future__ import annotations

from importlib import resources

import dask.config
import distributed  # noqa: F401 - its own defaults first: applied after ours, they would replace them
import yaml

SETTINGS = yaml.safe_load((resources.files("sitrep.execute") / "dask.yaml").read_text(encoding="utf-8"))


def _not_set_by_user(ours: dict, user: dict) -> dict:
    """The part of ``ours`` whose keys the user's own configuration does not set (Dask reads ``a-b`` and ``a_b``
    as one key)."""
    theirs = {str(k).replace("_", "-"): v for k, v in (user or {}).items()} if isinstance(user, dict) else {}
    out = {}
    for key, value in ours.items():
        if isinstance(value, dict):
            sub = _not_set_by_user(value, theirs.get(key.replace("_", "-"), {}))
            if sub:
                out[key] = sub
        elif key.replace("_", "-") not in theirs:
            out[key] = value
    return out


dask.config.update_defaults(_not_set_by_user(SETTINGS, dask.config.collect()))
