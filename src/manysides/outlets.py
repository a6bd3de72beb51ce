"""Outlets registry: name, domains, country, leaning and ownership of news outlets.

The registry is a user-editable CSV (``name,domains,country,leaning,ownership``; several
domains separated by ``;`` or spaces) or TOML (``[[outlet]]`` tables with the same keys,
``domains`` a list). manysides ships no leaning labels: published ratings (AllSides, Ad
Fontes, MBFC) are not licensed for redistribution, so the default registry is empty and
``data/outlets.example.csv`` (invented outlets) shows the format.

Leanings use a five-point scale; each maps to a side (left, center, right) for coverage.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .model import Article

EXAMPLE_FILE = Path(__file__).parent / "data" / "outlets.example.csv"
LEANINGS = ("left", "lean-left", "center", "lean-right", "right")
SIDE_OF = {
    "left": "left",
    "lean-left": "left",
    "center": "center",
    "lean-right": "right",
    "right": "right",
}
_LEANING_ALIASES = {
    "lean left": "lean-left",
    "lean right": "lean-right",
    "centre": "center",
    "leans left": "lean-left",
    "leans right": "lean-right",
    "center-left": "lean-left",
    "center-right": "lean-right",
}
FIELDS = ("name", "domains", "country", "leaning", "ownership")
_DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    country: str = ""
    leaning: str = ""  # one of LEANINGS, or "" when unknown
    ownership: str = ""

    @property
    def side(self) -> str:
        """left, center or right; "" when the leaning is unknown."""
        return SIDE_OF.get(self.leaning, "")


@dataclass(frozen=True)
class OutletRegistry:
    outlets: tuple[Outlet, ...] = ()

    @cached_property
    def _by_name(self) -> Mapping[str, Outlet]:
        # (built once per registry: rebuilt on each lookup, it was most of the web front
        # page's listing of 11,000 articles)
        return {_name_key(o.name): o for o in self.outlets}

    @cached_property
    def _by_host(self) -> dict[str, Outlet | None]:
        # each host's outlet, found once: a listing asks for every article's address, and
        # trying every outlet's domains each time took 0.4 s for 11,000 articles
        return {}

    def lookup(self, name_or_domain: str | None) -> Outlet | None:
        """The outlet with this name (case-insensitive), domain, or URL on its domain."""
        if not name_or_domain:
            return None
        found = self._by_name.get(_name_key(name_or_domain))
        if found:
            return found
        host = _host(name_or_domain)
        if host not in self._by_host:
            self._by_host[host] = next(
                (
                    outlet
                    for outlet in self.outlets
                    if any(host == d or host.endswith("." + d) for d in outlet.domains)
                ),
                None,
            )
        return self._by_host[host]

    def leaning(self, name_or_domain: str | None) -> str:
        outlet = self.lookup(name_or_domain)
        return outlet.leaning if outlet else ""

    def article_leaning(self, article: Article) -> str:
        """An article's outlet leaning: by its outlet's name, else by its address's domain
        ("" when neither is in the registry)."""
        if not self.outlets:
            return ""
        return self.leaning(article.outlet) or self.leaning(article.url)

    def __len__(self) -> int:
        return len(self.outlets)


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _host(value: str) -> str:
    text = value.strip().lower()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host.removeprefix("www.")


def normalize_leaning(value: str) -> str | None:
    """The canonical leaning for a user-written value; "" for blank; None when unknown."""
    key = " ".join(value.strip().lower().replace("_", " ").split())
    if key in ("", "unknown", "n/a", "none", "-"):
        return ""
    key = _LEANING_ALIASES.get(key, key.replace(" ", "-"))
    return key if key in LEANINGS else None


def _outlet_from_fields(fields: Mapping[str, Any], where: str) -> Outlet:
    name = str(fields.get("name") or "").strip()
    if not name:
        raise ConfigError(f"{where}: outlet has no name")
    raw_domains = fields.get("domains") or ()
    if isinstance(raw_domains, str):
        raw_domains = re.split(r"[;,\s]+", raw_domains)
    domains = tuple(_host(str(d)) for d in raw_domains if str(d).strip())
    for domain in domains:
        if not _DOMAIN_RE.match(domain):
            raise ConfigError(f"{where}: {name}: not a domain: {domain!r}")
    leaning = normalize_leaning(str(fields.get("leaning") or ""))
    if leaning is None:
        raise ConfigError(
            f"{where}: {name}: unknown leaning {fields.get('leaning')!r}"
            f" (use one of {', '.join(LEANINGS)} or leave it empty)"
        )
    return Outlet(
        name,
        domains,
        str(fields.get("country") or "").strip(),
        leaning,
        str(fields.get("ownership") or "").strip(),
    )


def _read_csv(text: str, path: str) -> list[Outlet]:
    rows = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        return []
    header = next(csv.reader([rows[0][1]]))
    header = [h.strip().lower() for h in header]
    if "name" not in header:
        raise ConfigError(f"{path}:{rows[0][0]}: header must name the columns {', '.join(FIELDS)}")
    unknown = [h for h in header if h not in FIELDS]
    if unknown:
        raise ConfigError(f"{path}:{rows[0][0]}: unknown column(s) {', '.join(unknown)}")
    outlets = []
    for number, line in rows[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) > len(header):
            raise ConfigError(f"{path}:{number}: {len(values)} fields, header has {len(header)}")
        outlets.append(
            _outlet_from_fields(dict(zip(header, values, strict=False)), f"{path}:{number}")
        )
    return outlets


def _read_toml(text: str, path: str) -> list[Outlet]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[outlet]]"]
    outlets = []
    for i, table in enumerate(data.get("outlet", [])):
        line = starts[i] if i < len(starts) else 0
        unknown = sorted(set(table) - set(FIELDS))
        if unknown:
            raise ConfigError(f"{path}:{line}: unknown key(s) {', '.join(unknown)}")
        outlets.append(_outlet_from_fields(table, f"{path}:{line}"))
    return outlets


def registry_of(outlets: Iterable[Outlet], path: str = "<outlets>") -> OutletRegistry:
    """A registry; a name or domain listed twice is an error (which row would win?)."""
    seen: dict[str, str] = {}
    for outlet in outlets:
        for key in (_name_key(outlet.name), *outlet.domains):
            if key in seen:
                raise ConfigError(f"{path}: {key!r} is listed for {seen[key]} and {outlet.name}")
            seen[key] = outlet.name
    return OutletRegistry(tuple(outlets))


def load_outlets(path: str | Path) -> OutletRegistry:
    """Read an outlets file (``.toml`` or CSV); ConfigError names file:line of a bad row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read outlets file: {exc}") from exc
    reader = _read_toml if path.suffix.lower() == ".toml" else _read_csv
    return registry_of(reader(text, str(path)), str(path))


def outlet_labels(articles: Sequence[Article]) -> dict[str, str]:
    """Article id → outlet label; articles without an outlet each get their own label."""
    labels: dict[str, str] = {}
    for article in articles:
        if article.outlet:
            labels[article.id] = article.outlet
        elif article.title.strip():
            labels[article.id] = f"unknown outlet: {article.title.strip()}"
        else:
            labels[article.id] = f"unknown outlet ({article.id})"
    return labels


def outlet_mentions(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for the outlet ``names`` as written in a text ("the Port Ansel Courier
    reported", "Fox News has learned"), or None when there are none. Case counts: an
    outlet named "Time" or "Reason" must not take the word "time" out of every text."""
    shown = sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=len, reverse=True)
    if not shown:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in shown)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def without_outlets(text: str, mentions: re.Pattern[str] | None) -> str:
    """``text`` with the outlets it names taken out: an aggregator's "according to the
    Calder Wire Service" or an outlet's "Fox News has learned" says whom it cites or who
    it is, not which words it favours ("calder wire", "courier" were an aggregator's
    top terms). A stop mark stands in, so no bigram spans the gap."""
    return mentions.sub(" . ", text) if mentions else text
