"""One module per subject, each with its pages and its `/api` endpoints."""

from tiewatch.web.routes import (
    accounts,
    actors,
    apidocs,
    briefs,
    candidates,
    claims,
    documents,
    downloads,
    feeds,
    graph,
    home,
    queue,
    review,
    sources,
    ties,
)

ROUTERS = [
    home.router, candidates.router, actors.router, briefs.router, downloads.router, ties.router, claims.router, documents.router,
    graph.router, sources.router, queue.router, review.router, accounts.router, apidocs.router, feeds.router,
]
