"""Select widgets rendered in Python instead of through the widget templates.

Django renders every ``<option>`` of a ``Select`` through its own template include;
for the queue's filters (hundreds of networks, every assignee, category and tag) that
was most of the page's time. These render the same markup directly. Use them for
selects with many options on hot pages.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    # like ``django/forms/widgets/attrs.html``: True → bare name, False/None → left out
    return flatatt({k: v for k, v in attrs.items() if v is not False and v is not None})


class FastSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))
        ]
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (str(option["value"]), _attrs(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                parts.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>', group_name, rendered
                    )
                )
            else:
                parts.append(rendered)
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


class FastNullBooleanSelect(FastSelectMixin, forms.NullBooleanSelect):
    pass
