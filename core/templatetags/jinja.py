"""``{% jinja "name.html" key=value … %}``: a Jinja2 partial inside a Django page.

The hot partials (queue rows, badges) are Jinja2 templates (``templates/jinja2/``,
``core/jinja.py``); pages are Django templates. The partial gets the page's
``request`` and the keyword arguments, nothing else.
"""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name: str, **kwargs) -> str:
    html = (
        engines["jinja2"]
        .get_template(template_name)
        .render(kwargs, request=context.get("request"))
    )
    # Jinja2 returns a plain str of markup it has already autoescaped (the
    # environment forces autoescape=True); marking it safe keeps Django from
    # escaping it a second time. The one mark_safe of the presentation layer.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
