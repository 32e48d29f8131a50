"""``{% load hub_time %}``: ``{{ value|reltime }}`` (a ``<time>`` element, relative
with the absolute local time on hover) and ``{{ value|hub_date }}`` (the one date
format). See ``core/timefmt.py``."""

from django import template

from core import timefmt

register = template.Library()


@register.filter(is_safe=True)
def reltime(value):
    return timefmt.time_tag(value)


@register.filter
def hub_date(value):
    return timefmt.local_date(value)


@register.filter
def hub_datetime(value):
    return timefmt.local_datetime(value)
