"""How every form renders: from templates, through Jinja2 where a template exists.

``HubFormRenderer`` (``FORM_RENDERER``) is Django's template-based form rendering
with two engines: Jinja2 first — the hub's own form templates in
``templates/jinja2/forms/`` and Django's built-in ones in ``django/forms/jinja2/`` —
and Django templates for any template only they have (the admin's widgets). Jinja2
renders the same markup several times faster, which is what the queue (a dozen
filters) and the ticket page (four forms) need. ``{{ form }}`` gives the hub's
layout (``forms/fields.html``: a ``div.field`` per field with its label, widget,
help and errors); ``form.as_div`` stays Django's layout (the filter bars).

``FastSelect`` renders a select from its ``(value, label)`` rows in one template
loop instead of building an option dict (and an include) per choice: selects with
hundreds of networks or colleagues stay cheap (issue 9, measured by ``make bench``).
"""

from pathlib import Path

import django
from django import forms
from django.conf import settings
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property

FORM_TEMPLATES = "forms/fields.html"


class HubFormRenderer(BaseRenderer):
    form_template_name = FORM_TEMPLATES

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "jinja2",
                    Path(django.__file__).parent / "forms" / "jinja2",
                ],
                "NAME": "hubforms",
                "OPTIONS": {"environment": "core.jinja.environment"},
            }
        )

    @cached_property
    def django_templates(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)


class FastSelectMixin:
    template_name = "forms/widgets/fast_select.html"

    def get_context(self, name, value, attrs):
        # not Widget.get_context + optgroups(): no option dict per choice
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        groups, plain = [], []
        for choice, label in self.choices:
            if isinstance(label, list | tuple):  # an optgroup
                groups.append((plain, None))
                groups.append(([(_text(v), text) for v, text in label], choice))
                plain = []
            else:
                plain.append((_text(choice), label))
        groups.append((plain, None))
        return {
            "widget": {
                "name": name,
                "attrs": final,
                "groups": [(options, group) for options, group in groups if options],
                "selected": set(self.format_value(value)),
                "multiple": self.allow_multiple_selected,
            }
        }


def _text(value) -> str:
    return "" if value is None else str(value)


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


def form_add_service_error(form, error) -> None:
    """Put a service's refusal (an ``ApplicationError``) onto the form it came
    from: each field message on its field, and the message itself above the
    form unless it only repeats a field's. The one way every view does it."""
    fields = error.extra.get("fields", {}) or {}
    placed = []
    for name, problems in fields.items():
        if name in form.fields:
            for problem in problems:
                form.add_error(name, problem)
                placed.append(str(problem))
    if error.message and (not placed or str(error.message) not in placed):
        form.add_error(None, error.message)
