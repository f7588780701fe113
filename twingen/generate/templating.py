"""The jinja2 environment that renders ``templates/`` (shipped as ``twingen/generate/_templates``)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from twingen.generate import escape

_HERE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """Where the templates are: the packaged copy in a wheel, the repo's ``templates/`` otherwise.

    ``_templates`` is a symlink to the repo's top-level ``templates/`` (so setuptools package data ships
    it inside ``twingen.generate``); the fallback covers checkouts where the symlink is not materialised.
    """
    packaged = _HERE / "_templates"
    if (packaged / "README.md.j2").is_file():
        return packaged
    return _HERE.parents[1] / "templates"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """StrictUndefined so a missing variable is a bug, not an empty string in a generated file.

    Autoescape is off because no output is HTML; spec strings go through the ``escape`` filters below.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["py"] = escape.py_literal
    env.filters["ident"] = escape.py_identifier
    env.filters["toml"] = escape.toml_string
    env.filters["md"] = escape.md_text
    return env


def render(template: str, **context: Any) -> str:
    """Render one template file by name."""
    return environment().get_template(template).render(**context)
