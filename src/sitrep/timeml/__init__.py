"""TimeML values (TIMEX3 ``value``) for date expressions, against a document creation time.

This is how Sitrep's temporal rules are measured on TimeBank: the same conventions as :mod:`sitrep.timeparse`
(news past for weekdays, the reference day for "today", months and years as periods), written in TimeML's value
syntax: ``1998-02-06``, ``1998-02``, ``1998``, ``1998-W06``, ``1998-Q1``, ``199`` (a decade), ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .context import Context
from .contextual import contextual
from .dates import reference
from .steps import expression_value


__all__ = ["Context", "reference", "value"]


def value(text: str, dct: dt.date, ctx: Optional[Context] = None) -> Optional[str]:
    """The TimeML value of a DATE expression against the document creation time ``dct``; ``ctx`` (optional)
    gives the sentence and the document's earlier values, and records this one."""
    ctx = ctx if ctx is not None else Context()
    v = contextual(text, dct, ctx)
    if v is None:
        v = expression_value(text, dct, ctx)
    if v is not None and re.match(r"\d", v):
        ctx.previous.append(v)
    return v
