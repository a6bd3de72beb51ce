"""Renderers: JSON (the contract), Markdown, self-contained HTML, terminal."""

from __future__ import annotations

from .document import SCHEMA, render_json, report_to_dict
from .html import render_html, render_html_doc
from .markdown import render_markdown, render_markdown_doc
from .terminal import render_terminal, render_terminal_doc

FORMATS = ("json", "md", "html")

__all__ = [
    "FORMATS",
    "SCHEMA",
    "render_html",
    "render_html_doc",
    "render_json",
    "render_markdown",
    "render_markdown_doc",
    "render_terminal",
    "render_terminal_doc",
    "report_to_dict",
]
