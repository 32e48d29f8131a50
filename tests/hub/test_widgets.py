"""The Python-rendered widgets and form layout give Django's own markup."""

import re

import pytest
from django import forms

from hub.widgets import (
    FastDivFormMixin,
    FastNullBooleanSelect,
    FastSelect,
    FastSelectMultiple,
    FastTextInput,
)

CHOICES = [("", "---------"), ("a", "Alpha & <Omega>"), ("b", 'Say "hi"')]
GROUPED = [("", "Any"), ("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]


def _fields(fast: bool) -> dict:
    def pick(fast_widget, django_widget):
        return fast_widget if fast else django_widget

    return {
        "q": forms.CharField(
            required=False,
            help_text="Reference, <b>subject</b> or text",
            widget=pick(FastTextInput, forms.TextInput)(attrs={"placeholder": "x"}),
        ),
        "code": forms.CharField(
            max_length=5, widget=pick(FastTextInput, forms.TextInput)
        ),
        "one": forms.ChoiceField(
            choices=CHOICES, required=False, widget=pick(FastSelect, forms.Select)
        ),
        "grouped": forms.ChoiceField(
            choices=GROUPED, required=False, widget=pick(FastSelect, forms.Select)
        ),
        "many": forms.MultipleChoiceField(
            choices=CHOICES[1:],
            required=False,
            widget=pick(FastSelectMultiple, forms.SelectMultiple),
        ),
        "flag": forms.NullBooleanField(
            label="Flag?", widget=pick(FastNullBooleanSelect, forms.NullBooleanSelect)
        ),
        "secret": forms.CharField(required=False, widget=forms.HiddenInput),
    }


FastForm = type("FastForm", (FastDivFormMixin, forms.Form), _fields(fast=True))
PlainForm = type("PlainForm", (forms.Form,), _fields(fast=False))


class FastFormWithClean(FastForm):
    def clean(self):
        raise forms.ValidationError("The whole form is wrong <really>.")


class PlainFormWithClean(PlainForm):
    def clean(self):
        raise forms.ValidationError("The whole form is wrong <really>.")


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"q": 'a "quoted" <tag> & more', "code": "abc", "one": "a", "flag": "true"},
        {"code": "far too long", "one": "nope", "many": ["a", "b"], "flag": "false"},
        {"grouped": "y", "secret": "s3", "flag": "unknown", "many": ["b"]},
    ],
)
def test_fast_form_markup_is_djangos(data):
    assert _normal(FastForm(data).as_div()) == _normal(PlainForm(data).as_div())
    assert _normal(str(FastForm(data))) == _normal(str(PlainForm(data)))


def test_fast_form_markup_with_form_errors_and_hidden_field_errors():
    data = {"code": "abc"}
    fast, plain = FastFormWithClean(data), PlainFormWithClean(data)
    assert "whole form is wrong &lt;really&gt;" in fast.as_div()
    assert _normal(fast.as_div()) == _normal(plain.as_div())


def test_fast_form_other_layouts_still_use_djangos_templates():
    assert _normal(FastForm({}).as_p()) == _normal(PlainForm({}).as_p())
    assert _normal(FastForm({}).as_table()) == _normal(PlainForm({}).as_table())
