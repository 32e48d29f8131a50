"""The campaigns app's rows of the access-control matrix (``tests/test_access_matrix``).

Each URL builds, on first use, a live campaign in which network A is enrolled, with
one of each object the routes address (goal, task, file material, staged upload).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Enrolment, Goal, Material, MetricUpload, Task
from tests.campaigns.factories import enrolled_campaign
from tests.test_access_matrix import (
    ANON,
    INTERN,
    LOGIN,
    MANAGER,
    MEMBER_A,
    MEMBER_B,
    Row,
    manager_only,
    network_a_and_staff,
    signed_in,
)


def _objects(o: dict) -> dict:
    if "campaign" not in o:
        campaign = enrolled_campaign(o["network"], name="Matrix Cup")
        o["campaign"] = campaign
        o["enrolment"] = Enrolment.objects.get(campaign=campaign)
        o["goal"] = Goal.objects.create(campaign=campaign, metric="gifts", target=5)
        o["task"] = Task.objects.create(campaign=campaign, title="Brief")
        o["material"] = Material.objects.create(
            campaign=campaign,
            title="Deck",
            file=SimpleUploadedFile("deck.pdf", b"%PDF deck"),
        )
        o["upload"] = MetricUpload.objects.create(
            campaign=campaign, uploaded_by=campaign.owner, rows=[]
        )
    return o


def _url(template: str):
    return lambda o: template.format(**_objects(o))


C = "/campaigns/{campaign.pk}"

CAMPAIGN_ROWS = {
    "campaigns:list": Row("/campaigns/", signed_in(200)),
    "campaigns:create": Row("/campaigns/new/", manager_only()),
    "campaigns:detail": Row(_url(C + "/"), network_a_and_staff()),
    "campaigns:export": Row(_url(C + "/export.csv"), network_a_and_staff()),
    "campaigns:material": Row(
        _url(C + "/materials/{material.pk}/"), network_a_and_staff()
    ),
    "campaigns:edit": Row(_url(C + "/edit/"), manager_only()),
    "campaigns:transition": Row(
        _url(C + "/transition/"), manager_only(302), "post", {"to": "bogus"}
    ),
    "campaigns:goal_add": Row(_url(C + "/goals/new/"), manager_only()),
    "campaigns:goal_delete": Row(
        _url(C + "/goals/{goal.pk}/delete/"), manager_only(302), "post"
    ),
    "campaigns:task_add": Row(_url(C + "/tasks/new/"), manager_only()),
    "campaigns:task_toggle": Row(
        _url(C + "/tasks/{task.pk}/toggle/"), manager_only(302), "post", {"done": "1"}
    ),
    "campaigns:invite": Row(_url(C + "/networks/invite/"), manager_only()),
    "campaigns:material_add": Row(_url(C + "/materials/new/"), manager_only()),
    "campaigns:material_delete": Row(
        _url(C + "/materials/{material.pk}/delete/"), manager_only(302), "post"
    ),
    "campaigns:review": Row(_url(C + "/review/"), manager_only(302)),
    "campaigns:upload": Row(_url(C + "/figures/upload/"), manager_only()),
    "campaigns:upload_preview": Row(
        _url(C + "/figures/upload/{upload.pk}/"), manager_only()
    ),
    "campaigns:template": Row(_url(C + "/figures/template.csv"), manager_only()),
    # Only the invited network answers; staff record answers in the admin.
    "campaigns:respond": Row(
        _url(C + "/enrolments/{enrolment.pk}/respond/"),
        {ANON: LOGIN, MEMBER_A: 302, MEMBER_B: 404, INTERN: 404, MANAGER: 404},
        "post",
        {"answer": "accepted"},
    ),
    "campaign-list": Row("/api/v1/campaigns/", signed_in(200, anonymous=401)),
    "campaign-detail": Row(
        _url("/api/v1/campaigns/{campaign.pk}/"), network_a_and_staff(anonymous=401)
    ),
    "campaign-metrics": Row(
        _url("/api/v1/campaigns/{campaign.pk}/metrics/"),
        network_a_and_staff(anonymous=401),
    ),
    "campaign-enrolments": Row(
        _url("/api/v1/campaigns/{campaign.pk}/enrolments/"),
        network_a_and_staff(anonymous=401),
    ),
    # POST enrolments/: managers invite; the rest are refused before any lookup
    "campaign-enrolments-respond": Row(
        _url("/api/v1/campaigns/{campaign.pk}/enrolments/respond/"),
        {ANON: 401, MEMBER_A: 200, MEMBER_B: 404, INTERN: 404, MANAGER: 404},
        "post",
        {"answer": "accepted"},
    ),
    "campaign-transition": Row(
        _url("/api/v1/campaigns/{campaign.pk}/transition/"),
        {ANON: 401, MEMBER_A: 403, MEMBER_B: 403, INTERN: 403, MANAGER: 400},
        "post",
        {"status": "bogus"},
    ),
}
