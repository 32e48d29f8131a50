"""Form markup rendered in Python instead of through Django's form templates.

Django renders every field of ``form.as_div`` through four templates (field group,
label, widget, attributes) and every ``<option>`` through one more; on the ticket
queue (a dozen filters, hundreds of networks) and the ticket page (four forms) that
was most of the page's time (issue 9). ``HubFormRenderer`` renders those templates'
markup in Python for every form; ``FastSelect`` also skips building an option dict
per choice, for selects with hundreds of options. ``tests/hub/test_widgets.py``
compares both with Django's own templates.
"""

from html import escape

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData, mark_safe


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
        self._options(self.choices, set(self.format_value(value)), out, [])
        out.append("</select>")
        # every value and label is escaped above (reviewed; tests/hub)
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


_INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in [
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
}


def _escape(value) -> str:
    """What ``{{ value }}`` does in a template: escape unless already safe."""
    return value if isinstance(value, SafeData) else escape(str(value))


class HubFormRenderer(DjangoTemplates):
    """The form renderer (``FORM_RENDERER``): Django's built-in layout, label, input,
    textarea and select templates done in Python; anything else (radio lists, file
    inputs with a current file, the admin's widgets, a project template) goes to
    the templates as usual. Every form on every page benefits without changing its
    widgets; ``tests/hub/test_widgets.py`` compares the output with Django's."""

    def render(self, template_name, context, request=None):
        python = self._python.get(template_name)
        if python is None and template_name in _INPUT_TEMPLATES:
            python = HubFormRenderer._input
        if python is None:
            return super().render(template_name, context, request)
        return python(context)

    @staticmethod
    def _input(context) -> str:
        widget = context["widget"]
        value = widget["value"]
        shown = "" if value is None else f' value="{_escape(value)}"'
        return (
            f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"'
            f"{shown}{_attrs(widget['attrs'])}>"
        )

    @staticmethod
    def _textarea(context) -> str:
        widget = context["widget"]
        value = _escape(widget["value"]) if widget["value"] else ""
        return (
            f'<textarea name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
            f"{value}</textarea>"
        )

    @staticmethod
    def _select(context) -> str:
        widget = context["widget"]
        out = [f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'<optgroup label="{_escape(group_name)}">')
            out.extend(
                f'<option value="{_escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                out.append("</optgroup>")
        out.append("</select>")
        return "".join(out)

    @staticmethod
    def _label(context) -> str:
        label = _escape(context["label"])
        if not context["use_tag"]:
            return label
        tag = context["tag"]
        return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"

    @staticmethod
    def _field(context) -> str:
        field = context["field"]
        out = []
        if field.use_fieldset:
            described = field.aria_describedby
            out.append(
                f'<fieldset aria-describedby="{_escape(described)}">'
                if described
                else "<fieldset>"
            )
            if field.label:
                out.append(field.legend_tag())
        elif field.label:
            out.append(field.label_tag())
        if field.help_text:
            helptext_id = (
                f' id="{_escape(field.auto_id)}_helptext"' if field.auto_id else ""
            )
            # help_text is trusted markup, as in Django's template (|safe)
            out.append(f'<div class="helptext"{helptext_id}>{field.help_text}</div>')
        if field.errors:
            out.append(str(field.errors))
        out.append(str(field))
        if field.use_fieldset:
            out.append("</fieldset>")
        return "".join(out)

    @staticmethod
    def _div(context) -> str:
        errors, fields = context["errors"], context["fields"]
        hidden = "".join(str(field) for field in context["hidden_fields"])
        out = [str(errors) if errors else ""]
        if errors and not fields:
            out.append(f"<div>{hidden}</div>")
        for field, _errors in fields:
            classes = field.css_classes()
            out.append(f'<div class="{_escape(classes)}">' if classes else "<div>")
            out.append(str(field.as_field_group()))
            out.append("</div>")
        if fields:  # the hidden fields go inside the last visible field's <div>
            out.insert(-1, hidden)
        elif not errors:
            out.append(hidden)
        return "".join(out)

    _python = {
        "django/forms/widgets/textarea.html": _textarea,
        "django/forms/widgets/select.html": _select,
        "django/forms/label.html": _label,
        "django/forms/field.html": _field,
        "django/forms/div.html": _div,
    }
