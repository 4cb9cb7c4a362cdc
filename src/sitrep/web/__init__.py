"""``sitrep serve``: the analyst's page and a read-only JSON API over the store (FastAPI; schema at /openapi.json).

Security: binds 127.0.0.1 unless told otherwise; every endpoint only reads (so none needs a token); article text
is only ever sent as JSON data and put into the page as text nodes, never parsed as markup; a Content Security
Policy forbids inline and foreign scripts; static files come only from the package's ``static`` folder
(Starlette's StaticFiles refuses paths that leave it).
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..query import FilterError
from .api import router

STATIC = Path(str(resources.files("sitrep.web") / "static"))

# Map tiles are optional (the page has its own basemap); when the analyst switches them on, only OSM's are allowed.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _warm_gazetteer() -> None:
    try:
        from ..geo import gazetteer
        gazetteer()
    except Exception:  # noqa: BLE001 - warming is an optimisation; the request that needs it will report errors
        pass


@asynccontextmanager
async def _lifespan(app: FastAPI):
    # the control ledger places names through the gazetteer, which takes seconds to load: load it now, in the
    # background, rather than on the first page view
    threading.Thread(target=_warm_gazetteer, name="sitrep-warm-gazetteer", daemon=True).start()
    yield


def create_app(db: str | Path) -> FastAPI:
    """``db``: a SQLite file path or a PostgreSQL URL (each request opens its own read-only store)."""
    app = FastAPI(title="Sitrep", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="Read-only API over a Sitrep store: events with their sources, claims and evidence; "
                              "documents; the control ledger.")
    app.state.db = str(db)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    app.include_router(router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
