from html import escape

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context, key: str, label: str) -> str:
    """A column heading that sorts the list by ``key`` (again: the other way round),
    with an arrow on the current sort; back to the first page."""
    current = context["request"].GET.get("ordering")
    ordering = f"-{key}" if current == key else key
    arrow = " ↑" if current == key else " ↓" if current == f"-{key}" else ""
    return format_html(
        '<a href="?{}">{}{}</a>',
        query_replace(context, ordering=ordering, page=None),
        label,
        arrow,
    )


@register.simple_tag
def form_fields(form) -> str:
    """A form's errors and fields in the hub's layout (a ``div.field`` per field with
    its label, widget, help and errors), built in Python: as an include it cost a
    template render per field on every form page. ``tests/hub/test_widgets.py``
    compares it with the template it replaced."""
    out = []
    errors = form.non_field_errors()
    if errors:
        items = "".join(f"<p>{conditional_escape(error)}</p>" for error in errors)
        out.append(f'<div class="form-errors" role="alert">{items}</div>')
    out.extend(str(field) for field in form.hidden_fields())
    for field in form.visible_fields():
        field_errors = field.errors
        css = "field has-error" if field_errors else "field"
        out.append(f'<div class="{css}">{field.label_tag()}{field}')
        if field.help_text:  # trusted markup, as |safe in the template
            out.append(
                f'<small class="help" id="{escape(str(field.auto_id))}_help">'
                f"{field.help_text}</small>"
            )
        out.extend(
            f'<p class="error" role="alert">{conditional_escape(error)}</p>'
            for error in field_errors
        )
        out.append("</div>")
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703  (escaped above)
