"""Select widgets rendered in Python instead of through the widget templates.

Django renders every ``<option>`` of a ``Select`` through its own template include;
for the queue's filters (hundreds of networks, every assignee, category and tag) that
was most of the page's time. These render the same markup directly. Use them for
selects with many options on hot pages.
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    # like ``django/forms/widgets/attrs.html``: True → bare name, False/None → left out
    return flatatt({k: v for k, v in attrs.items() if v is not False and v is not None})


class FastSelectMixin:
    def _options(self, choices, selected: set, out: list, found: list) -> None:
        for value, label in choices:
            if isinstance(label, list | tuple):  # an optgroup
                out.append(f'<optgroup label="{escape(str(value))}">')
                self._options(label, selected, out, found)
                out.append("</optgroup>")
                continue
            value = "" if value is None else str(value)
            mark = ""
            if value in selected and (self.allow_multiple_selected or not found):
                mark = " selected"
                found.append(value)
            out.append(
                f'<option value="{escape(value)}"{mark}>{escape(str(label))}</option>'
            )

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        out = [f'<select name="{escape(name)}"{_attrs(final)}>']
        self._options(self.choices, set(self.format_value(value)), out, [])
        out.append("</select>")
        # every value and label is escaped above (reviewed; tests/hub)
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass
