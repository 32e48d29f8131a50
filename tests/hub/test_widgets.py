"""Form markup rendered in Python is Django's own markup.

Every form below is rendered twice: with the hub's renderer (``FORM_RENDERER``) and
with Django's template renderer, and the two must match (whitespace between tags
aside). The forms cover every widget the renderer does in Python, the ones it leaves
to the templates, bound and unbound data, errors, help texts and hidden fields.
"""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from hub.widgets import FastSelect, FastSelectMultiple, HubFormRenderer

CHOICES = [("", "---------"), ("a", "Alpha & <Omega>"), ("b", 'Say "hi"')]
GROUPED = [("", "Any"), ("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]


class EveryWidgetForm(forms.Form):
    q = forms.CharField(
        required=False,
        help_text="Reference, <b>subject</b> or text",
        widget=forms.TextInput(attrs={"placeholder": "x & y", "autofocus": True}),
    )
    code = forms.CharField(max_length=5, label="Code?")
    email = forms.EmailField(required=False, initial="a@example.com")
    number = forms.IntegerField(required=False, min_value=1, disabled=True)
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    when = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    agree = forms.BooleanField(required=False, initial=True)
    body = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), initial="a <b> & c"
    )
    one = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    flag = forms.NullBooleanField(label="Flag")
    fast_one = forms.ChoiceField(choices=GROUPED, required=False, widget=FastSelect)
    fast_many = forms.MultipleChoiceField(
        choices=CHOICES[1:], required=False, widget=FastSelectMultiple
    )
    radio = forms.ChoiceField(  # a fieldset: left to Django's templates inside
        choices=CHOICES[1:], required=False, widget=forms.RadioSelect
    )
    upload = forms.FileField(required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    safe = forms.CharField(required=False, initial=mark_safe("<i>trusted</i>"))


class WholeFormErrorForm(EveryWidgetForm):
    def clean(self):
        raise forms.ValidationError("The whole form is wrong <really>.")


class OnlyHiddenForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


DATA = [
    None,
    {},
    {"q": 'a "quoted" <tag> & more', "code": "abc", "one": "a", "flag": "true"},
    {"code": "far too long", "one": "nope", "many": ["a", "b"], "flag": "false"},
    {"grouped": "y", "token": "s3", "flag": "unknown", "fast_many": ["b"]},
    {"fast_one": "x", "agree": "on", "body": "</textarea><script>", "radio": "b"},
]


def _normal(html) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def _both(form_class, data):
    return (
        form_class(data, renderer=HubFormRenderer()),
        form_class(data, renderer=DjangoTemplates()),
    )


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("form_class", [EveryWidgetForm, WholeFormErrorForm])
def test_the_layouts_match_djangos(form_class, data):
    ours, djangos = _both(form_class, data)
    assert _normal(ours.as_div()) == _normal(djangos.as_div())
    assert _normal(str(ours)) == _normal(str(djangos))
    assert _normal(ours.as_p()) == _normal(djangos.as_p())


@pytest.mark.parametrize("data", DATA)
def test_each_field_matches_djangos(data):
    ours, djangos = _both(EveryWidgetForm, data)
    for name in EveryWidgetForm.base_fields:
        assert _normal(ours[name]) == _normal(djangos[name]), name
        assert ours[name].label_tag() == djangos[name].label_tag(), name
        assert _normal(ours[name].as_field_group()) == _normal(
            djangos[name].as_field_group()
        )


def test_a_form_of_hidden_fields_only_and_with_errors():
    for data in (None, {}, {"token": "x"}):
        ours, djangos = _both(OnlyHiddenForm, data)
        assert _normal(ours.as_div()) == _normal(djangos.as_div())


def test_values_are_escaped_and_trusted_markup_is_not():
    form = EveryWidgetForm(
        {"q": '"><script>x</script>', "body": "</textarea><b>"},
        renderer=HubFormRenderer(),
    )
    html = form.as_div()
    assert "<script>" not in html and "</textarea><b>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html
    assert "Reference, <b>subject</b> or text" in html  # help_text is trusted
    unbound = EveryWidgetForm(renderer=HubFormRenderer()).as_div()
    assert 'value="<i>trusted</i>"' in unbound  # already safe, as in a template


def test_the_hub_renders_forms_with_it(settings):
    assert settings.FORM_RENDERER == "hub.widgets.HubFormRenderer"
    assert isinstance(EveryWidgetForm().renderer, HubFormRenderer)


# the include that ``{% form_fields %}`` replaced, kept here as the reference
FORM_INCLUDE = """{% if form.non_field_errors %}<div class="form-errors" role="alert">\
{% for error in form.non_field_errors %}<p>{{ error }}</p>{% endfor %}</div>{% endif %}
{% for field in form.hidden_fields %}{{ field }}{% endfor %}
{% for field in form.visible_fields %}
<div class="field{% if field.errors %} has-error{% endif %}">
  {{ field.label_tag }}
  {{ field }}
  {% if field.help_text %}<small class="help" id="{{ field.auto_id }}_help">\
{{ field.help_text|safe }}</small>{% endif %}
  {% for error in field.errors %}<p class="error" role="alert">{{ error }}</p>{% endfor %}
</div>
{% endfor %}"""


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("form_class", [EveryWidgetForm, WholeFormErrorForm])
def test_form_fields_matches_the_include_it_replaced(form_class, data):
    from django.template import Context, Template

    from hub.templatetags.hub_tags import form_fields

    form = form_class(data)
    reference = Template(FORM_INCLUDE).render(Context({"form": form}))
    assert _normal(form_fields(form)) == _normal(reference)
