"""Portal-home panel: a network's current/upcoming campaigns and invitations;
managers' live campaigns."""

from django.utils import timezone

from campaigns.models import Campaign, Enrolment
from hub import permissions as access
from hub.home import register_panel


@register_panel
def campaigns_panel(user) -> dict | None:
    if access.is_manager(user):
        live = Campaign.objects.filter(status=Campaign.Status.LIVE).order_by("end_date")
        return {
            "template": "campaigns/includes/home_panel.html",
            "order": 40,
            "live": list(live[:10]),
        }
    if access.is_staff_member(user):
        return None
    ids = access.network_ids(user)
    if not ids:
        return None
    today = timezone.localdate()
    enrolments = (
        Enrolment.objects.filter(
            network_id__in=ids,
            campaign__status__in=[Campaign.Status.SETUP, Campaign.Status.LIVE],
            campaign__end_date__gte=today,
        )
        .exclude(status=Enrolment.Status.DECLINED)
        .select_related("campaign", "network")
        .order_by("campaign__start_date")
    )
    enrolments = list(enrolments[:20])
    return {
        "template": "campaigns/includes/home_panel.html",
        "order": 30,
        "invitations": [e for e in enrolments if e.status == Enrolment.Status.INVITED],
        "joined": [e for e in enrolments if e.status == Enrolment.Status.ACCEPTED],
    }
