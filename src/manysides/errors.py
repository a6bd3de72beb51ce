"""One exception tree for manysides.

    ManysidesError
    ├── ConfigError          bad settings file, env value or flag
    ├── InputError           an input that cannot be ingested (names the input)
    │   ├── UnreadableInput  missing path, permission denied, I/O error
    │   │   └── GoneInput    a web address that answers nothing is there (HTTP 404, 410)
    │   ├── EmptyInput       nothing but whitespace
    │   ├── BinaryInput      not text (NUL bytes, undecodable, not HTML/JSON)
    │   ├── OversizedInput   larger than ``Settings.max_file_bytes``
    │   └── MalformedRecord  a JSON/JSONL record that cannot be read (file and line)
    ├── StoreError           database unreachable, migration failed, unknown id
    │   └── NotFound         no article/story with that id
    ├── OutputError          a report file or folder that cannot be written (names it)
    ├── AnalysisError        a tier-2 stage could not run (e.g. spaCy model missing)
    └── LLMError             the optional LLM endpoint failed or answered nonsense

The CLI prints ``str(error)`` as one line on stderr and exits non-zero; the web app turns
errors into problem+json responses with a 4xx/5xx status.
"""

from __future__ import annotations


class ManysidesError(Exception):
    """Base of every error manysides raises on purpose."""


class ConfigError(ManysidesError):
    pass


class InputError(ManysidesError):
    """An input that cannot be ingested. ``source`` names it (path, URL, path:line)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class UnreadableInput(InputError):
    pass


class GoneInput(UnreadableInput):
    """A web address whose server answers that nothing is there (404 Not Found, 410 Gone):
    asking again will not mend it, unlike a timeout or a server error."""


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class OversizedInput(InputError):
    pass


class MalformedRecord(InputError):
    pass


class StoreError(ManysidesError):
    pass


class NotFound(StoreError):
    pass


class OutputError(ManysidesError):
    """A file or folder a command was asked to write cannot be written."""


class AnalysisError(ManysidesError):
    pass


class LLMError(ManysidesError):
    pass
