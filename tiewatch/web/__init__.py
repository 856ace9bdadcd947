"""Stage `web`: the FastAPI app (server-rendered pages, the JSON API under /api, analyst review).

`create_app(store, require_login=...)` builds it; `tiewatch serve` runs it with uvicorn.
"""

from tiewatch.web.app import create_app

__all__ = ["create_app"]
