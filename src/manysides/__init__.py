"""manysides: every story from every side, cited to the sentence."""

from __future__ import annotations

__version__ = "0.1.0"
