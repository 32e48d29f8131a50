"""Forms render from templates (``core/forms.py``): Jinja2 first, Django templates
for what only they have, the hub's layout for ``{{ form }}``, and selects built
from plain rows. Markup is compared semantically (``assertHTMLEqual``: attribute
order, whitespace and equivalent escapes aside), never as pinned strings."""

import pytest
from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.test.html import Element, parse_html
from django.utils.safestring import mark_safe
from pytest_django.asserts import assertHTMLEqual, assertInHTML

from core.forms import FastSelect, FastSelectMultiple, HubFormRenderer

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
    radio = forms.ChoiceField(
        choices=CHOICES[1:], required=False, widget=forms.RadioSelect
    )
    upload = forms.FileField(required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    safe = forms.CharField(required=False, initial=mark_safe("<i>trusted</i>"))


class WholeFormErrorForm(EveryWidgetForm):
    def clean(self):
        raise forms.ValidationError("The whole form is wrong <really>.")


DATA = [
    None,
    {"q": 'a "quoted" <tag> & more', "code": "abc", "one": "a"},
    {"code": "far too long", "one": "nope", "many": ["a", "b"]},
    {"grouped": "y", "token": "s3", "body": "</textarea><script>", "radio": "b"},
]


def test_the_hub_renders_forms_through_its_template_renderer(settings):
    assert settings.FORM_RENDERER == "core.forms.HubFormRenderer"
    assert isinstance(EveryWidgetForm().renderer, HubFormRenderer)


@pytest.mark.parametrize("data", DATA)
def test_djangos_layouts_come_out_as_djangos_own_templates_render_them(data):
    ours = EveryWidgetForm(data, renderer=HubFormRenderer())
    djangos = EveryWidgetForm(data, renderer=DjangoTemplates())
    assertHTMLEqual(ours.as_div(), djangos.as_div())
    for name in EveryWidgetForm.base_fields:
        assertHTMLEqual(str(ours[name]), str(djangos[name]))


def test_a_widget_only_django_templates_have_still_renders():
    # the admin's widgets have no Jinja2 template: Django's engine renders them
    field = forms.DateField(widget=AdminDateWidget)
    html = field.widget.render("when", None, renderer=HubFormRenderer())
    assertInHTML('<input type="text" name="when" class="vDateField" size="10">', html)


def _hub_layout(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def _elements(html: str):
    """Every element of ``html``, parsed (``django.test.html``), document order."""

    def walk(node):
        for child in node.children:
            if isinstance(child, Element):
                yield child
                yield from walk(child)

    return list(walk(parse_html(html)))


def _classes(element) -> set[str]:
    return set(dict(element.attributes).get("class", "").split())


def _field_of(html: str, field_id: str):
    """The element holding the label for ``field_id`` (the field's wrapper)."""
    return next(
        element
        for element in _elements(html)
        if any(
            isinstance(child, Element)
            and child.name == "label"
            and ("for", field_id) in child.attributes
            for child in element.children
        )
    )


def test_the_hub_layout_gives_each_field_its_label_help_and_errors():
    form = WholeFormErrorForm({"code": "far too long", "one": "nope"})

    html = _hub_layout(form)

    assertInHTML(
        '<div class="form-errors" role="alert">'
        "<p>The whole form is wrong &lt;really&gt;.</p></div>",
        html,
    )
    assertInHTML('<label for="id_code">Code?</label>', html)
    assert _classes(_field_of(html, "id_code")) >= {"field", "has-error"}
    assert "has-error" not in _classes(_field_of(html, "id_q"))
    assertInHTML(
        '<p class="error" role="alert">Ensure this value has at most 5 characters'
        " (it has 12).</p>",
        html,
    )
    assertInHTML(
        '<small class="help" id="id_q_help">Reference, <b>subject</b> or text</small>',
        html,
    )  # help text is trusted markup
    assertInHTML('<input type="hidden" name="token" id="id_token">', html)
    fields = [div for div in _elements(html) if "field" in _classes(div)]
    assert len(fields) == len(form.visible_fields())


def test_the_hub_layout_escapes_values_and_keeps_trusted_markup():
    form = EveryWidgetForm({"q": '"><script>x</script>', "body": "</textarea><b>"})

    html = _hub_layout(form)

    assert "<script>" not in html and "</textarea><b>" not in html
    assertInHTML(
        '<input type="text" name="q" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"'
        ' placeholder="x &amp; y" autofocus aria-describedby="id_q_helptext" id="id_q">',
        html,
    )
    assert 'value="<i>trusted</i>"' in _hub_layout(EveryWidgetForm())


class SelectForm(forms.Form):
    one = forms.ChoiceField(choices=GROUPED, required=False, widget=FastSelect)
    many = forms.MultipleChoiceField(
        choices=CHOICES[1:], required=False, widget=FastSelectMultiple
    )
    plain_one = forms.ChoiceField(choices=GROUPED, required=False)
    plain_many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)


@pytest.mark.parametrize(
    "data",
    [None, {}, {"one": "y", "many": ["a", "b"]}, {"one": "z", "many": ["b"]}],
)
def test_a_fast_select_shows_what_djangos_select_shows(data):
    if data:
        data = {**data, "plain_one": data["one"], "plain_many": data["many"]}
    form = SelectForm(data)

    fast_one, plain_one = str(form["one"]), str(form["plain_one"])
    fast_many, plain_many = str(form["many"]), str(form["plain_many"])

    assertHTMLEqual(fast_one, plain_one.replace("plain_one", "one"))
    assertHTMLEqual(fast_many, plain_many.replace("plain_many", "many"))


def test_a_fast_select_escapes_its_labels_and_selects_the_first_match_only():
    widget = FastSelect(choices=[("a", "<b>A</b>"), ("a", "again"), ("b", 'Say "hi"')])

    html = widget.render("pick", "a", renderer=HubFormRenderer())

    assert "<b>" not in html
    assertInHTML('<option value="a" selected>&lt;b&gt;A&lt;/b&gt;</option>', html)
    assertInHTML('<option value="a">again</option>', html)
    assertInHTML('<option value="b">Say &quot;hi&quot;</option>', html)
