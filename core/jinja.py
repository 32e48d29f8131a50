"""The Jinja2 environment for hot partials (``templates/jinja2/``).

Pages stay Django templates; the few partials rendered many times per request (queue
rows, badges, the form layout and widgets) are Jinja2, which renders them several
times faster. A Django page includes one with ``{% load jinja %}{% jinja "…" %}``
(``core/templatetags/jinja.py``). Text in them is marked as ``{{ _("…") }}`` or
``{{ ngettext(…) }}``; ``scripts/messages.py extract`` reads them with Jinja's Babel
extractor (Django's ``makemessages`` cannot) into the one ``django`` catalogue. Apps add the helpers their partials need with ``register_global`` (from
their ``AppConfig.ready``), e.g. ``tickets`` adds ``sla_label``.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince
from jinja2 import Environment

from core import querystring, timefmt

GLOBALS: dict[str, object] = {
    "static": static,
    "url": reverse,
    "localtime": timezone.localtime,
    "timesince": timesince,
    "query_replace": querystring.query_replace,
    "sort_link": querystring.sort_link,
}


# the time filters, as in Django templates (core/templatetags/hub_time.py)
FILTERS: dict[str, object] = {
    "reltime": timefmt.time_tag,
    "hub_date": timefmt.local_date,
    "hub_datetime": timefmt.local_datetime,
}


def register_global(name: str, value) -> None:
    """Make ``value`` available to every Jinja2 template as ``name`` (call it from
    ``AppConfig.ready``: environments are built on first use, after that)."""
    GLOBALS[name] = value


def environment(**options) -> Environment:
    # Django passes autoescape=True; it is fixed here so that no option can undo it
    options.pop("autoescape", None)
    options.setdefault("extensions", ["jinja2.ext.i18n"])
    env = Environment(autoescape=True, **options)
    env.install_gettext_callables(
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(GLOBALS)
    env.filters.update(FILTERS)
    return env
