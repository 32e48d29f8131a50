"""Issue 17: times in four formats, in UTC without a label. One format, the
viewer's zone, relative with the absolute local time on hover."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from core import timefmt
from core.jinja import environment

NOW = dt.datetime(2026, 12, 3, 14, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(seconds=20), "just now"),
        (dt.timedelta(minutes=5), "5 min ago"),
        (dt.timedelta(hours=3, minutes=59), "3 h ago"),
        (dt.timedelta(days=2, hours=1), "2 d ago"),
        (-dt.timedelta(hours=4), "in 4 h"),
        (dt.timedelta(days=9), "24 Nov 2026"),
    ],
)
def test_relative_time(delta, text):
    assert timefmt.relative(NOW - delta, NOW) == text


def test_the_time_tag_carries_iso_and_the_local_absolute_time_with_its_zone():
    with timezone.override(zoneinfo.ZoneInfo("Asia/Jakarta")):
        html = timefmt.time_tag(NOW - dt.timedelta(hours=3), NOW)
    assert html == (
        '<time datetime="2026-12-03T18:00:00+07:00" title="3 Dec 2026, 18:00 WIB">'
        "3 h ago</time>"
    )


def test_a_date_is_shown_in_the_one_date_format():
    assert timefmt.time_tag(dt.date(2026, 3, 1)) == (
        '<time datetime="2026-03-01">1 Mar 2026</time>'
    )
    with timezone.override(zoneinfo.ZoneInfo("Australia/Sydney")):
        assert timefmt.local_date(dt.datetime(2026, 3, 1, 20, tzinfo=dt.UTC)) == (
            "2 Mar 2026"
        )


def test_django_and_jinja_templates_render_the_same_tag():
    value = timezone.now() - dt.timedelta(minutes=7)
    django = Template("{% load hub_time %}{{ value|reltime }}").render(
        Context({"value": value})
    )
    jinja = environment().from_string("{{ value|reltime }}").render(value=value)
    assert django == jinja and "7 min ago</time>" in django
    assert "&lt;time" not in django
