"""The one helper that sends e-mail: ``templates/emails/<name>.subject.txt``,
``<name>.txt`` and (optionally) ``<name>.html``, rendered with a shared context.

Subjects and text bodies are plain text, so they are rendered with autoescaping
off (``Creator's``, not ``Creator&#x27;s``); only the HTML part is escaped.

Each message is rendered in its recipient's language (``language``, from
``hub.languages.email_language``; the delivery ledger renders every row inside
``recipient_language``) and says so in its ``Content-Language`` header. E-mail to
several people goes through the delivery ledger (``emails.delivery``): one message
per recipient, each sent exactly once.
"""

from contextlib import nullcontext

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation


def _in_language(language: str | None):
    """``translation.override(language)``; the active language when None."""
    return translation.override(language) if language else nullcontext()


def render_plain(name: str, context: dict) -> str:
    """A text template rendered without HTML escaping."""
    template = get_template(name).template
    return template.render(Context(context, autoescape=False))


def render_subject(template: str, context: dict) -> str:
    """The subject of ``emails/<template>``: one line, plain text."""
    return " ".join(render_plain(f"emails/{template}.subject.txt", context).split())


def render_email(
    template: str, context: dict, *, language: str | None = None
) -> tuple[str, str, str | None]:
    """Return (subject, text, html or None) for ``templates/emails/<template>.*``."""
    context = {
        "site_name": settings.HUB_SITE_NAME,
        "base_url": settings.HUB_BASE_URL,
        **context,
    }
    with _in_language(language):
        subject = render_subject(template, context)
        text = render_plain(f"emails/{template}.txt", context)
        try:
            html = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, text, html


def build_email(
    *,
    to: list[str] | str,
    template: str,
    context: dict,
    headers: dict | None = None,
    language: str | None = None,
) -> EmailMultiAlternatives:
    with _in_language(language):
        subject, text, html = render_email(template, context)
        return email_message(
            to=to, subject=subject, text=text, html=html, headers=headers
        )


def email_message(
    *,
    to: list[str] | str,
    subject: str,
    text: str,
    html: str | None,
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    """The message from parts already rendered (``render_email``), in the active
    language."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
        headers={
            "Content-Language": translation.get_language() or settings.LANGUAGE_CODE,
            **(headers or {}),
        },
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def send_email(
    *,
    to: list[str] | str,
    template: str,
    context: dict,
    headers: dict | None = None,
    language: str | None = None,
) -> int:
    """Send now (callers in web requests enqueue a task instead)."""
    return build_email(
        to=to, template=template, context=context, headers=headers, language=language
    ).send()
