"""Imported once by the fork server of the local worker processes (``sitrep.execute.pool``): loads the models and
data every document needs, so each worker forked from it starts with them loaded. A failure here is not fatal:
the worker loads lazily and the document that needs the broken part gets the error line."""
try:
    from .work import warm

    warm()
except BaseException:  # noqa: BLE001 - never break the fork server
    pass
