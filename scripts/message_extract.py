"""Reading the source for ``scripts/messages.py``: which files, and every marked
string in them (Python through Babel, Django templates through Django's own
``templatize`` as ``makemessages`` does, Jinja2 partials through Jinja's extractor).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DOMAIN = "django"

# what is ours to scan (tests, benchmarks, chaos drills and scripts show no UI text)
SKIP_DIRS = {
    ".venv",
    ".git",
    "node_modules",
    "staticfiles",
    "static",
    "tests",
    "benchmarks",
    "chaos",
    "scripts",
    "docs",
    "migrations",
    "locale",
    "var",
    "__pycache__",
    "build",
}
JINJA_DIR = BASE_DIR / "templates" / "jinja2"
TEMPLATE_SUFFIXES = {".html", ".txt"}

# the same keywords makemessages hands xgettext (Babel's spec: index, or (index, "c"))
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "newstyle_gettext": "true",
    "trimmed": "false",
}


def _setup_django() -> None:
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
        django.setup()


# --- extraction -------------------------------------------------------------------


def source_files() -> Iterator[tuple[str, Path]]:
    """Every file to read, with its kind: ``python``, ``django`` or ``jinja``."""
    for root, dirs, files in os.walk(BASE_DIR):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
        )
        here = Path(root)
        for name in sorted(files):
            path = here / name
            if path.suffix == ".py":
                yield "python", path
            elif path.suffix in TEMPLATE_SUFFIXES and "templates" in path.parts:
                in_jinja = JINJA_DIR in path.parents
                yield ("jinja" if in_jinja else "django"), path


def _extract_file(kind: str, path: Path):
    from babel.messages.extract import extract

    text = path.read_text(encoding="utf-8")
    if kind == "django":
        from django.utils.translation.template import templatize

        method, options = "python", {}
        text = templatize(text, origin=str(path))
    elif kind == "jinja":
        from jinja2.ext import babel_extract

        method, options = babel_extract, JINJA_OPTIONS
    else:
        method, options = "python", {}
    fileobj = io.BytesIO(text.encode("utf-8"))
    return extract(
        method,
        fileobj,
        keywords=KEYWORDS,
        comment_tags=("Translators",),
        options=options,
        strip_comment_tags=True,
    )


def extract_template():
    """The catalogue template (a ``.pot`` in memory) of the current source."""
    from babel.messages.catalog import Catalog

    _setup_django()
    template = Catalog(domain=DOMAIN, project="Creator Network Support Hub")
    for kind, path in source_files():
        relative = path.relative_to(BASE_DIR).as_posix()
        for lineno, message, comments, context in _extract_file(kind, path):
            template.add(
                message,
                None,
                locations=[(relative, lineno)],
                auto_comments=comments,
                context=context,
            )
    return template
