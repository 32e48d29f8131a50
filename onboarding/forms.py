from django import forms
from django.utils.translation import gettext_lazy as _

from hub.models import CreatorNetwork, Membership


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial="member"
    )


class AcceptInvitationForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput, strip=False
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput, strip=False
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class PreferencesForm(forms.Form):
    tips = forms.BooleanField(label=_("Weekly tips"), required=False)
    digest = forms.BooleanField(label=_("Monthly digest"), required=False)


class AnnouncementAdminForm(forms.ModelForm):
    tier_choices = forms.MultipleChoiceField(
        label=_("Tiers"),
        choices=CreatorNetwork.Tier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave regions, tiers and networks empty to reach everyone."),
    )

    class Meta:
        fields = ["title", "kind", "body", "regions", "networks", "publish_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.published_at:
            # who it is for was decided (and e-mailed) when it was published
            for name in ("tier_choices", "regions", "networks"):
                self.fields.pop(name, None)
        elif self.instance.pk:
            self.fields["tier_choices"].initial = self.instance.tier_list

    def save(self, commit=True):
        if "tier_choices" in self.fields:  # not once published: the audience is set
            tiers = self.cleaned_data.get("tier_choices") or []
            self.instance.tiers = f",{','.join(tiers)}," if tiers else ""
        return super().save(commit=commit)


class DigestPreviewForm(forms.Form):
    email = forms.EmailField(label=_("Member's e-mail"))
    month = forms.RegexField(
        label=_("Month (YYYY-MM)"), regex=r"^\d{4}-\d{2}$", required=False
    )
