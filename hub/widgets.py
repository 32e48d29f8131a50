"""Widgets and a form layout rendered in Python instead of through templates.

Django renders every ``<option>`` of a ``Select`` through its own template include,
and every field of ``form.as_div`` through three or four more (field group, label,
widget, attributes); for the queue's filters (hundreds of networks, every assignee,
category and tag, a dozen fields) that was most of the page's time. These render the
same markup directly (``tests/hub/test_widgets.py`` compares them with Django's own
templates). Use them for forms on hot pages.
"""

from html import escape

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: in order; True → bare name, False → left out."""
    return "".join(
        f" {escape(str(name))}"
        if value is True
        else f' {escape(str(name))}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


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
        selected = self.format_value(value)  # a list; NullBooleanSelect gives a str
        selected = {selected} if isinstance(selected, str) else set(selected)
        self._options(self.choices, selected, out, [])
        out.append("</select>")
        # every value and label is escaped above (reviewed; tests/hub)
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


class FastNullBooleanSelect(FastSelectMixin, forms.NullBooleanSelect):
    pass


class FastInputMixin:
    """``django/forms/widgets/input.html`` for the text-like inputs."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = "" if value is None else f' value="{escape(str(value))}"'
        final = _attrs(self.build_attrs(self.attrs, attrs))
        # the name, value and attributes are escaped (reviewed; tests/hub)
        return mark_safe(  # noqa: S308  # nosec B308 B703
            f'<input type="{escape(self.input_type)}" name="{escape(name)}"{shown}{final}>'
        )


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastDivFormMixin:
    """``form.as_div`` (and the field labels) built in Python with the markup of
    Django's ``div.html``, ``field.html`` and ``label.html``; the widgets render
    themselves (fast when they are the widgets above). A field that uses a fieldset
    (radio buttons, checkbox lists) falls back to Django's own templates."""

    def render(self, template_name=None, context=None, renderer=None):
        if template_name == self.template_name_label and context is not None:
            return self._render_label(context)
        if (
            template_name or self.template_name
        ) == self.template_name_div and not context:
            context = self.get_context()
            if not any(bf.use_fieldset for bf, _ in context["fields"]):
                return self._render_div(context)
        return super().render(template_name, context, renderer)

    @staticmethod
    def _render_label(context) -> str:
        label = conditional_escape(context["label"])
        if not context["use_tag"]:
            return label
        tag = context["tag"]
        return mark_safe(f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>")  # noqa: S308  # nosec B308 B703

    @staticmethod
    def _render_div(context) -> str:
        errors, fields = context["errors"], context["fields"]
        hidden = "".join(str(field) for field in context["hidden_fields"])
        out = [str(errors) if errors else ""]
        if errors and not fields:
            out.append(f"<div>{hidden}</div>")
        for bound, field_errors in fields:
            classes = bound.css_classes()
            out.append(f'<div class="{escape(classes)}">' if classes else "<div>")
            if bound.label:
                out.append(bound.label_tag())
            if bound.help_text:
                helptext_id = (
                    f' id="{escape(bound.auto_id)}_helptext"' if bound.auto_id else ""
                )
                # help_text is trusted markup, as in Django's template (|safe)
                out.append(
                    f'<div class="helptext"{helptext_id}>{bound.help_text}</div>'
                )
            if field_errors:
                out.append(str(field_errors))
            out.append(str(bound))
            out.append("</div>")
        if fields:  # the hidden fields go inside the last visible field's <div>
            out.insert(-1, hidden)
        elif not errors:
            out.append(hidden)
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


class FastFilterForm(FastDivFormMixin, forms.Form):
    """The form class of the FilterSets on hot list pages (``Meta.form``)."""
