"""The reviewer's desk: a small web application over the review flow (FastAPI,
server-rendered Jinja2 pages, no front-end build). `create_app(data_dir)` builds it;
`reviewer serve` runs it with uvicorn."""

from .app import create_app

__all__ = ["create_app"]
