"""Links that keep the current query string: pagination and sortable headings.

One owner for both engines: ``hub_tags`` (Django templates) and the Jinja2
globals (``core/jinja.py``) call these.
"""

from django.utils.html import format_html


def query_replace(request, **kwargs) -> str:
    """The current query string with some parameters replaced (None or "": removed)."""
    query = request.GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


def sort_link(request, key: str, label: str) -> str:
    """A column heading that sorts the list by ``key`` (again: the other way round),
    with an arrow on the current sort; back to the first page."""
    current = request.GET.get("ordering")
    ordering = f"-{key}" if current == key else key
    arrow = " ↑" if current == key else " ↓" if current == f"-{key}" else ""
    return format_html(
        '<a href="?{}">{}{}</a>',
        query_replace(request, ordering=ordering, page=None),
        label,
        arrow,
    )
