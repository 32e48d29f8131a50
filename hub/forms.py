from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """The login form; the field stays named ``username`` but holds the e-mail."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account."),
    }


class AdminEmailAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form: the e-mail address, staff only."""

    username = EmailAuthenticationForm.base_fields["username"]
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": EmailAuthenticationForm.error_messages["invalid_login"],
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset that does the same work whether or not the account exists.

    The request looks the address up and records one ``password_reset_email_task``
    (with the matching account ids, or none); the worker builds the signed link at
    send time, so no link is ever stored, and nothing slower happens for a real
    account than for an unknown address.
    """

    def save(self, **kwargs) -> None:
        from hub import outbox
        from hub.tasks import password_reset_email_task

        email = self.cleaned_data["email"]
        user_ids = [user.pk for user in self.get_users(email)]
        outbox.enqueue(password_reset_email_task, user_ids=user_ids)


class SecondFactorForm(forms.Form):
    otp = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "The 6-digit code your authenticator app shows, or a recovery code."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What uses it, e.g. “Reporting script”."),
    )


class LanguageForm(forms.Form):
    """The language switcher and the account page's preference. Blank (signed-in
    people only) clears the preference: the browser and the network decide."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, automatic: bool, **kwargs):
        from hub.languages import language_choices

        super().__init__(*args, **kwargs)
        self.automatic = automatic
        self.fields["language"].choices = language_choices(automatic=automatic)

    def clean_language(self) -> str:
        language = self.cleaned_data["language"]
        if not language and not self.automatic:
            raise forms.ValidationError(_("Choose a language."))
        return language


class NetworkLanguageForm(forms.Form):
    default_language = forms.ChoiceField(
        label=_("Default language"),
        help_text=_(
            "For the network's people who chose no language and whose browser asks "
            "for none the hub speaks; also their e-mails."
        ),
    )

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["default_language"].choices = settings.LANGUAGES


class ProfileForm(forms.Form):
    """The account page: display name and time zone (blank: the network's)."""

    display_name = forms.CharField(
        label=_("Display name"), max_length=120, required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Every time in the hub is shown in it."),
    )

    def __init__(self, *args, default_zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        from hub.models import TIME_ZONE_CHOICES

        self.fields["time_zone"].choices = [
            ("", _("Follow my network (%(zone)s)") % {"zone": default_zone})
        ] + TIME_ZONE_CHOICES
