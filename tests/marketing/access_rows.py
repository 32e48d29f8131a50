"""The marketing app's rows of the access-control matrix (``tests/test_access_matrix``).

On first use each URL builds network A's objects: a published event for network A
only (with member A registered), a content item and a staged upload of member A,
and a brand asset for network A with one version.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

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
    staff_only,
)


def _objects(o: dict) -> dict:
    if "event" not in o:
        from hub.models import Membership
        from marketing import services
        from marketing.models import ContentUpload
        from tests.hub.factories import StaffFactory
        from tests.marketing.factories import PNG, ContentItemFactory, EventFactory

        network = o["network"]
        member = Membership.objects.filter(network=network, role="member").first().user
        event = EventFactory(capacity=10)
        event.networks.add(network)
        o["event"] = event
        o["registration"] = services.event_register(event=event, user=member)
        o["item"] = ContentItemFactory(network=network)
        o["upload"] = ContentUpload.objects.create(
            network=network, uploaded_by=member, rows={"items": [], "figures": []}
        )
        boss = StaffFactory(group="Agency managers")
        o["asset"] = services.brand_asset_create(
            actor=boss,
            file=SimpleUploadedFile("logo.png", PNG),
            title="Logo",
            kind="logo",
            networks=[network],
        )
        o["version"] = o["asset"].versions.get()
    return o


def _url(template: str):
    return lambda o: template.format(**_objects(o))


def api(status=200, b=404, anonymous=401, staff=None):
    return {
        ANON: anonymous,
        MEMBER_A: status,
        MEMBER_B: b,
        INTERN: status if staff is None else staff,
        MANAGER: status if staff is None else staff,
    }


E = "/events/{event.pk}"
NETWORK_A_ONLY = {ANON: LOGIN, MEMBER_A: 302, MEMBER_B: 404, INTERN: 404, MANAGER: 404}

MARKETING_ROWS = {
    "marketing:event_list": Row("/events/", signed_in(200)),
    "marketing:event_create": Row("/events/new/", manager_only()),
    "marketing:event_detail": Row(_url(E + "/"), network_a_and_staff()),
    "marketing:event_edit": Row(_url(E + "/edit/"), manager_only()),
    # already published: refused with a message, back to the event
    "marketing:event_publish": Row(_url(E + "/publish/"), manager_only(302), "post"),
    "marketing:event_cancel": Row(_url(E + "/cancel/"), manager_only()),
    "marketing:event_register": Row(_url(E + "/register/"), NETWORK_A_ONLY, "post"),
    "marketing:event_unregister": Row(_url(E + "/unregister/"), NETWORK_A_ONLY, "post"),
    "marketing:event_rate": Row(_url(E + "/rate/"), NETWORK_A_ONLY, "post"),
    # not started yet: refused with a message, back to the event
    "marketing:event_attendance": Row(
        _url(E + "/attendance/"), staff_only(302), "post"
    ),
    "marketing:event_calendar": Row(_url(E + "/calendar.ics"), network_a_and_staff()),
    "marketing:event_attendees": Row(_url(E + "/attendees.csv"), staff_only()),
    "marketing:content_list": Row("/content/", signed_in(200)),
    "marketing:content_upload": Row("/content/upload/", signed_in(200)),
    "marketing:content_template": Row("/content/template.csv", signed_in(200)),
    "marketing:content_upload_preview": Row(
        _url("/content/upload/{upload.pk}/"),
        {ANON: LOGIN, MEMBER_A: 200, MEMBER_B: 404, INTERN: 404, MANAGER: 404},
    ),
    "marketing:content_detail": Row(_url("/content/{item.pk}/"), network_a_and_staff()),
    "marketing:asset_list": Row("/brand/", signed_in(200)),
    "marketing:asset_create": Row("/brand/new/", manager_only()),
    "marketing:asset_detail": Row(_url("/brand/{asset.pk}/"), network_a_and_staff()),
    "marketing:asset_download": Row(
        _url("/brand/{asset.pk}/download/"), network_a_and_staff()
    ),
    "marketing:version_download": Row(
        _url("/brand/versions/{version.pk}/download/"), network_a_and_staff()
    ),
    "marketing:version_retire": Row(
        _url("/brand/versions/{version.pk}/retire/"), manager_only(302), "post"
    ),
    # --- API ---
    "event-list": Row("/api/v1/events/", api(200, b=200)),
    "event-detail": Row(_url("/api/v1/events/{event.pk}/"), api()),
    "event-publish": Row(
        _url("/api/v1/events/{event.pk}/publish/"),
        {ANON: 401, MEMBER_A: 403, MEMBER_B: 403, INTERN: 403, MANAGER: 400},
        "post",
    ),
    "event-registrations": Row(_url("/api/v1/events/{event.pk}/registrations/"), api()),
    "event-registration-cancel": Row(
        _url("/api/v1/events/{event.pk}/registrations/{registration.pk}/"),
        {ANON: 401, MEMBER_A: 204, MEMBER_B: 404, INTERN: 404, MANAGER: 204},
        "delete",
    ),
    "content-list": Row("/api/v1/content/", api(200, b=200)),
    "content-detail": Row(_url("/api/v1/content/{item.pk}/"), api()),
    # a form body is not a JSON list: refused as JSON for everyone signed in
    "content-metrics": Row("/api/v1/content/metrics/", api(400, b=400), "post"),
    "brand-asset-list": Row("/api/v1/brand-assets/", api(200, b=200)),
    "brand-asset-detail": Row(_url("/api/v1/brand-assets/{asset.pk}/"), api()),
}
