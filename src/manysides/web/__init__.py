"""The web app: ``create_app(settings)``; ``manysides serve`` runs it with uvicorn."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
