from django import forms
from django.utils.translation import gettext_lazy as _

from hub.models import CreatorNetwork


class AssignForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=CreatorNetwork.objects.order_by("name"),
        help_text=_("The message becomes a new ticket in this network."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reject it?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the message, e.g. “spam” or “not for us”."),
    )
