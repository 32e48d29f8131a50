from django import forms
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


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail goes out through Celery after the request commits."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.urls import reverse

        from hub import outbox
        from hub.tasks import send_email_task

        path = reverse(
            "password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        payload = {
            "email": context["email"],
            "reset_url": f"{context['protocol']}://{context['domain']}{path}",
        }
        outbox.enqueue(
            send_email_task, to=[to_email], template="password_reset", context=payload
        )
