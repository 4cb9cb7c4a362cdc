"""Sitrep's defaults for the Dask processes of a run (``dask.yaml`` beside this module), applied on import.

Imported by :mod:`sitrep.execute.cluster` (so the driver, and a ``LocalCluster`` started in it, have them) and
meant for ``dask scheduler --preload sitrep.execute.daskconfig`` and ``dask worker ... --preload-nanny
sitrep.execute.daskconfig`` (a nanny hands its configuration to the worker process it starts). They are
defaults: a value set in your own Dask configuration wins (``dask.config.update_defaults``; a value equal to Dask's
own default cannot be told from it and is replaced).
"""
from __future__ import annotations

from importlib import resources

import dask.config
import distributed  # noqa: F401 - its own defaults first: applied after ours, they would replace them
import yaml

SETTINGS = yaml.safe_load((resources.files("sitrep.execute") / "dask.yaml").read_text(encoding="utf-8"))
dask.config.update_defaults(SETTINGS)
