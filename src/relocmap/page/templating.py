"""The page's package files: Jinja snippets from ``templates/`` (autoescaped) and the
other files beside them (the page script, its build manifest, the CSS)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2


@cache
def _snippets() -> jinja2.Environment:
    loader = jinja2.PackageLoader("relocmap.page", "templates")
    return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=False)


def snippet(name: str, **context: object) -> str:
    """A template of ``templates/`` rendered with ``context``, without surrounding space."""
    return _snippets().get_template(name).render(**context).strip()


def package_text(name: str, folder: str | None = "templates") -> str:
    """A file of this package's data: a template, or (``folder=None``) a file beside
    the modules (the page script, ``scripts.json``)."""
    root = resources.files("relocmap.page")
    return (root.joinpath(folder) if folder else root).joinpath(name).read_text("utf-8")
