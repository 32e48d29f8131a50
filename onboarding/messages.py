"""Build the lifecycle e-mails (tips, digests, announcements) for a delivery row.

Tips and digests carry a one-click unsubscribe link (RFC 8058): the signed link in
the footer and the ``List-Unsubscribe`` / ``List-Unsubscribe-Post`` headers.
Transactional e-mails (tickets, invitations) never carry them.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import conditional_escape

from core.periods import parse_month
from emails import delivery as engine
from hub.emails import build_email, email_message, render_email
from onboarding.digest import build_digest
from onboarding.models import Announcement, Delivery, Tip

UNSUBSCRIBE_SALT = "onboarding.unsubscribe"
TOPICS = ("tips", "digest")


def unsubscribe_token(*, user_id: int, topic: str) -> str:
    return signing.dumps({"u": user_id, "t": topic}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, topic); raises ``signing.BadSignature`` for a forged link."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("t") not in TOPICS:
        raise signing.BadSignature("unknown topic")
    return int(data["u"]), data["t"]


def unsubscribe_url(*, user_id: int, topic: str) -> str:
    path = reverse(
        "onboarding:unsubscribe",
        kwargs={"token": unsubscribe_token(user_id=user_id, topic=topic)},
    )
    return settings.HUB_BASE_URL.rstrip("/") + path


def list_headers(url: str) -> dict:
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def next_tip_for(user, *, exclude_delivery_id: int | None = None) -> Tip | None:
    had = Delivery.objects.filter(
        kind=Delivery.Kind.TIP, recipient=user, object_id__isnull=False
    ).exclude(pk=exclude_delivery_id)
    return (
        Tip.objects.filter(active=True)
        .exclude(pk__in=had.values("object_id"))
        .order_by("order")
        .first()
    )


def tip_email(*, tip: Tip, user, url: str = "#"):
    return build_email(
        to=user.email,
        template="onboarding_tip",
        context={"tip": tip, "user": user, "unsubscribe_url": url},
        headers=list_headers(url),
    )


# stands in for a member's unsubscribe link in a digest rendered once for many;
# letters, digits and dashes only, so escaping leaves it as it is
_URL_MARK = "hub-unsubscribe-url-3f9c1d"


def digest_email(*, network, user, period, url: str = "#", memo: dict | None = None):
    """One member's digest. Within a sending chunk (``memo``) the templates render
    once per network and audience; each member's copy differs only in the link."""
    context = build_digest(network, user, period, memo=memo)
    render_key = context.pop("render_key")
    if memo is None or render_key is None:
        context["unsubscribe_url"] = url
        return build_email(
            to=user.email,
            template="onboarding_digest",
            context=context,
            headers=list_headers(url),
        )
    key = ("digest-render", render_key)
    if key not in memo:
        memo[key] = render_email(
            "onboarding_digest", {**context, "unsubscribe_url": _URL_MARK}
        )
    subject, text, html = memo[key]
    # what {{ unsubscribe_url }} writes: as it is in plain text, escaped in HTML
    subject, text = (part.replace(_URL_MARK, url) for part in (subject, text))
    html = html.replace(_URL_MARK, conditional_escape(url)) if html else html
    return email_message(
        to=user.email, subject=subject, text=text, html=html, headers=list_headers(url)
    )


def announcement_email(*, announcement: Announcement, user):
    return build_email(
        to=user.email,
        template="onboarding_announcement",
        context={"announcement": announcement, "user": user},
    )


@engine.register_builder(Delivery.Kind.TIP)
def build_tip(delivery: Delivery, batch: engine.Batch):
    user = delivery.recipient
    if not user.is_active or not batch.subscribed(user, "tips"):
        return None
    # an earlier attempt may have chosen the tip already: keep its choice
    tip_id = (
        Delivery.objects.filter(pk=delivery.pk)
        .values_list("object_id", flat=True)
        .first()
    )
    tip = Tip.objects.filter(pk=tip_id).first() if tip_id else None
    if tip is None:
        tip = next_tip_for(user, exclude_delivery_id=delivery.pk)
        if tip is None:
            return None  # they have had every tip
        Delivery.objects.filter(
            pk=delivery.pk, claim_token=delivery.claim_token
        ).update(object_id=tip.pk)
    url = unsubscribe_url(user_id=user.pk, topic="tips")
    return tip_email(tip=tip, user=user, url=url)


@engine.register_builder(Delivery.Kind.DIGEST)
def build_digest_message(delivery: Delivery, batch: engine.Batch):
    user = delivery.recipient
    if not user.is_active or not batch.subscribed(user, "digest"):
        return None
    period = parse_month(delivery.key.split("/", 1)[0])
    url = unsubscribe_url(user_id=user.pk, topic="digest")
    return digest_email(
        network=delivery.network, user=user, period=period, url=url, memo=batch.memo
    )


@engine.register_builder(Delivery.Kind.ANNOUNCEMENT)
def build_announcement(delivery: Delivery, batch: engine.Batch):
    user = delivery.recipient
    key = ("announcement", delivery.object_id)
    if key not in batch.memo:
        batch.memo[key] = Announcement.objects.filter(pk=delivery.object_id).first()
    announcement = batch.memo[key]
    if not user.is_active or announcement is None:
        return None
    return announcement_email(announcement=announcement, user=user)
