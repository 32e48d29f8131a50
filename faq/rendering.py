"""Markdown to safe HTML (no database access).

Markdown is rendered with Python-Markdown, then *everything* goes through nh3 (the
ammonia sanitiser) with an allow-list: only the tags and attributes below survive,
URLs must be ``http``, ``https``, ``mailto`` or relative (no ``javascript:``,
``data:``, ``vbscript:``, however they are cased or entity-encoded), every event
handler and ``style`` attribute is dropped, and ``id``/``class`` survive only with
the values this module generates itself (heading anchors, code languages).

Headings get ``id="h-…"`` anchors and a ``¶`` permalink. In a guide, every
second-level heading starts a numbered step: the rendered HTML is wrapped in
``<ol class="guide-steps"><li class="guide-step">…</li>…</ol>``.
"""

import re

import markdown
import nh3
from django.utils.text import slugify

ANCHOR_PREFIX = "h-"

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "div": {"class"},
    "li": {"class", "id"},
    "ol": {"class", "start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
URL_SCHEMES = {"http", "https", "mailto"}
ALLOWED_CLASSES = {
    "a": {"headerlink"},
    "div": {"toc", "guide-intro"},
    "li": {"guide-step"},
    "ol": {"guide-steps"},
}
_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([^/?#]*):")


def _safe_url(value: str) -> bool:
    """Belt and braces beside nh3's scheme check: with every space and control
    character removed (browsers ignore some of them), a URL either has no scheme
    (relative, ``#anchor``) or one of ``URL_SCHEMES``."""
    match = _SCHEME.match(_URL_NOISE.sub("", value).lower())
    return match is None or match.group(1) in URL_SCHEMES


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src"):
        return value if _safe_url(value) else None
    if attribute == "id":
        ok = value.startswith(ANCHOR_PREFIX) and _SAFE_TOKEN.match(value)
        return value if ok else None
    if attribute == "class":
        if tag == "code":
            kept = [
                c
                for c in value.split()
                if c.startswith("language-") and _SAFE_TOKEN.match(c)
            ]
        else:
            kept = [c for c in value.split() if c in ALLOWED_CLASSES.get(tag, ())]
        return " ".join(kept) or None
    return value


def sanitize(html: str) -> str:
    """Keep only allow-listed markup; safe to mark as safe afterwards."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _slugify_heading(value: str, separator: str) -> str:
    return ANCHOR_PREFIX + (slugify(value) or "section")


def _markdown_to_html(text: str) -> str:
    renderer = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={
            "toc": {
                "slugify": _slugify_heading,
                "permalink": "¶",
                "permalink_class": "headerlink",
                "permalink_title": "",
            }
        },
        output_format="html",
    )
    return renderer.convert(text or "")


_STEP_SPLIT = re.compile(r"(?=<h2[\s>])")


def _as_steps(html: str) -> str:
    chunks = _STEP_SPLIT.split(html)
    intro, steps = chunks[0], chunks[1:]
    if not steps:
        return html
    parts = []
    if intro.strip():
        parts.append(f'<div class="guide-intro">{intro}</div>')
    parts.append('<ol class="guide-steps">')
    parts.extend(
        f'<li class="guide-step" id="{ANCHOR_PREFIX}step-{number}">{chunk}</li>'
        for number, chunk in enumerate(steps, start=1)
    )
    parts.append("</ol>")
    return "".join(parts)


def render_markdown(text: str, *, guide: bool = False) -> str:
    """Markdown → sanitised HTML; a guide's ``##`` sections become numbered steps."""
    html = _markdown_to_html(text)
    if guide:
        html = _as_steps(html)
    return sanitize(html)


_MARKDOWN_NOISE = re.compile(r"\]\([^)]*\)|!\[|[#>\[\]]+")


def plain_text(text: str) -> str:
    """A rough plain-text version of Markdown for snippets (no markup at all):
    link targets, image marks, ``# > [ ]`` and emphasis go, whitespace collapses.

    Runs on every search snippet, so it avoids regular expressions where it can:
    without a link target or an image mark the noise pattern only turns ``# > [ ]``
    into spaces, which ``str.replace`` does faster (``str.translate`` is slower
    still on non-ASCII text); ``str.split`` splits on exactly the characters
    ``\\s`` matches.
    """
    text = text or ""
    if "](" in text or "![" in text:
        text = _MARKDOWN_NOISE.sub(" ", text)
    else:
        for char in "#>[]":
            if char in text:
                text = text.replace(char, " ")
    for char in "*_`":
        if char in text:
            text = text.replace(char, "")
    return " ".join(text.split())
