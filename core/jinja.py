"""The Jinja2 environment for hot partials (``templates/jinja2/``).

Pages stay Django templates; the few partials rendered many times per request (queue
rows, badges, charts, the form layout) are Jinja2, which renders them several times
faster. Text in them is marked as ``{{ _("…") }}`` or ``{{ ngettext(…) }}`` so that
Django's ``makemessages`` extracts it like any other string.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from jinja2 import Environment


def environment(**options) -> Environment:
    # Django passes autoescape=True; it is fixed here so that no option can undo it
    options.pop("autoescape", None)
    options.setdefault("extensions", ["jinja2.ext.i18n"])
    env = Environment(autoescape=True, **options)
    env.install_gettext_callables(
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(
        {"static": static, "url": reverse, "localtime": timezone.localtime}
    )
    return env
