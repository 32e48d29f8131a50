"""Erasing a person's data: anonymised where the hub must keep the record (their
tickets and messages), removed everywhere else.

``POLICIES`` says, for every foreign key to the user model, what erasure does to
the rows pointing at the person:

* ``DELETE`` – the row is the person's own data (memberships, preferences,
  deliveries, acknowledgements, tokens, saved views…) and goes;
* ``NULLIFY`` – the row is kept for figures but no longer names anyone;
* ``KEEP`` – the row is a record others rely on (a ticket, a message, a change);
  it keeps pointing at the account, which is anonymised: its name becomes
  "Erased person" and its address ``erased-<id>@erased.invalid``, so every page,
  export and e-mail that shows the row shows that instead;
* a callable – the owning app's service does it (votes: the counters go down).

``tests/hub/test_privacy.py`` fails when a foreign key to the user exists without
a policy here, so a new model cannot forget erasure. Outside foreign keys, the
person's sessions end, invitations sent to their address go, queued e-mails to
them are dropped and the audit log keeps its rows without their name or address.
Staff and superusers are never erased here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import ERASED, audit_forget_person, audit_record
from core.exceptions import ApplicationError, PermissionDeniedError
from hub import permissions as access

ERASED_NAME = ERASED
ERASED_DOMAIN = "erased.invalid"

DELETE, NULLIFY, KEEP = "delete", "nullify", "keep"


def _remove_votes(person) -> int:
    from faq.services import article_votes_remove

    return article_votes_remove(user=person)


def _revoke_tokens(person) -> int:
    from hub.tokens import api_tokens_revoke_all

    return api_tokens_revoke_all(user=person, reason="erasure")


POLICIES: dict[str, str | Callable] = {
    # the person's own data
    "hub.Membership.user": DELETE,
    "hub.ApiToken.user": _revoke_tokens,
    "hub.RecoveryCodeDevice.user": DELETE,
    "otp_totp.TOTPDevice.user": DELETE,
    "faq.ArticleVote.user": _remove_votes,
    "onboarding.AnnouncementAcknowledgement.user": DELETE,
    "onboarding.Delivery.recipient": DELETE,
    "onboarding.EmailPreference.user": DELETE,
    "marketing.Registration.user": DELETE,  # a seat is personal: the row goes
    "tickets.SavedView.owner": DELETE,
    "tickets.TicketSeen.user": DELETE,  # when they last opened a ticket (issue 17)
    "campaigns.MetricUpload.uploaded_by": DELETE,
    "faq.SearchRecord.user": DELETE,  # what they typed is theirs; gaps recompute
    # kept for figures, naming nobody
    "faq.Deflection.user": NULLIFY,
    # records others rely on: they now show "Erased person"
    "tickets.Ticket.requester": KEEP,
    "tickets.Ticket.assignee": KEEP,
    "tickets.TicketMessage.author": KEEP,
    "tickets.Attachment.uploaded_by": KEEP,
    "tickets.TicketChange.actor": KEEP,
    "tickets.SatisfactionRating.rated_by": KEEP,
    "campaigns.Enrolment.responded_by": KEEP,
    "campaigns.Task.owner": KEEP,
    "onboarding.Invitation.invited_by": KEEP,
    "onboarding.Invitation.accepted_user": KEEP,
    "onboarding.Invitation.revoked_by": KEEP,  # issue 17: who revoked it
    "onboarding.OnboardingStep.done_by": KEEP,
    "programmes.CheckIn.submitted_by": KEEP,
    "programmes.Application.decided_by": KEEP,
    "audit.AuditEntry.actor": KEEP,  # labels rewritten by audit_forget_person
    # staff-only relations (staff are never erased; kept if a person once was)
    "hub.CreatorNetwork.manager": KEEP,
    "admin.LogEntry.user": KEEP,
    "faq.Article.author": KEEP,
    "faq.Article.last_editor": KEEP,
    "faq.ArticleRevision.editor": KEEP,
    "campaigns.Campaign.owner": KEEP,
    "onboarding.Announcement.created_by": KEEP,
    "insights.FeedbackItem.created_by": KEEP,
    "insights.FeedbackStatusChange.actor": KEEP,
    "inbound.InboundMessage.handled_by": KEEP,
    "webhooks.WebhookEndpoint.owner": KEEP,
    "programmes.FeatureTest.owner": KEEP,
    "marketing.Event.created_by": KEEP,
    "marketing.BrandAsset.created_by": KEEP,
    "marketing.BrandAssetVersion.uploaded_by": KEEP,
    "marketing.ContentUpload.uploaded_by": KEEP,  # the network's figures stay
}


def user_relations() -> list[str]:
    """``app_label.Model.field`` of every concrete foreign key to the user model."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and not field.auto_created
                and field.related_model is user_model
                and (field.many_to_one or field.one_to_one)
            ):
                found.append(f"{model._meta.label}.{field.name}")
    return sorted(found)


def _apply_policies(person) -> dict[str, int]:
    removed: dict[str, int] = {}
    for relation, policy in POLICIES.items():
        label, field = relation.rsplit(".", 1)
        model = apps.get_model(label)
        rows = model._default_manager.filter(**{field: person})
        if policy == KEEP:
            continue
        if callable(policy):
            count = policy(person)
        elif policy == DELETE:
            count = rows.delete()[0]
        else:
            count = rows.update(**{field: None})
        if count:
            removed[relation] = count
    return removed


def _end_sessions(person) -> int:
    """Delete the person's sessions (database-backed sessions; others expire, and
    the anonymised account could not be signed in to anyway)."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0
    from importlib import import_module

    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    wanted = str(person.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator(chunk_size=2000):
        if session.get_decoded().get("_auth_user_id") == wanted:
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def _forget_address(person, email: str) -> dict[str, int]:
    from hub.models import OutboxMessage
    from onboarding.models import Invitation

    counts = {}
    pending = Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True)
    counts["invitations"] = pending.delete()[0]
    counts["invitations anonymised"] = Invitation.objects.filter(
        email__iexact=email
    ).update(email=person.email)
    # queued or sent e-mails that carry the address (their arguments name it)
    counts["queued e-mails"] = (
        OutboxMessage.objects.annotate(text=Cast("kwargs", TextField()))
        .filter(text__icontains=email)
        .delete()[0]
    )
    return {key: value for key, value in counts.items() if value}


def _anonymise(person) -> None:
    person.email = f"erased-{person.pk}@{ERASED_DOMAIN}"
    person.display_name = ERASED_NAME
    person.time_zone = "UTC"
    person.is_active = False
    person.last_login = None
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    access.forget(person)


def is_erased(person) -> bool:
    return person.email.endswith(f"@{ERASED_DOMAIN}")


@transaction.atomic
def person_erase(*, actor, person) -> dict[str, int]:
    """Erase ``person``'s personal data (agency managers only; never staff).

    Returns what was removed, by relation; the audit log records the same counts
    and nothing of the erased data.
    """
    if not access.is_manager(actor):
        raise PermissionDeniedError(_("Only agency managers may erase personal data."))
    person = get_user_model().objects.select_for_update().get(pk=person.pk)
    if person.is_staff or person.is_superuser:
        raise PermissionDeniedError(
            _("Staff and administrator accounts cannot be erased here.")
        )
    if is_erased(person):
        raise ApplicationError(_("This person's data has already been erased."))
    email, name = person.email, person.display_name
    removed = _apply_policies(person)
    _anonymise(person)
    removed.update(_forget_address(person, email))
    sessions = _end_sessions(person)
    if sessions:
        removed["sessions"] = sessions
    audit_forget_person(person=person, email=email, name=name)
    audit_record(actor=actor, action="person.erase", obj=person, changes=removed)
    return removed
