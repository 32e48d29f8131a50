from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> str:
    """A column heading that sorts the list by ``key`` (again: the other way round),
    with an arrow on the current sort; back to the first page."""
    current = context["request"].GET.get("ordering")
    ordering = f"-{key}" if current == key else key
    arrow = " ↑" if current == key else " ↓" if current == f"-{key}" else ""
    return format_html(
        '<a href="?{}">{}{}</a>',
        query_replace(context, ordering=ordering, page=None),
        label,
        arrow,
    )
