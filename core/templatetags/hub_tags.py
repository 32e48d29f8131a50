from django import template

from core import querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination, sorting)."""
    return querystring.query_replace(context["request"], **kwargs)


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> str:
    """A sortable column heading (``core.querystring.sort_link``)."""
    return querystring.sort_link(context["request"], key, label)
