"""Renderings of a Review: JSON (the contract of DESIGN.md §3), text and Markdown."""

from .jsonout import review_to_json
from .markdown import render_markdown
from .text import render_text

__all__ = ["review_to_json", "render_text", "render_markdown"]
