"""The channels' rows (inbound e-mail, webhooks) of the access-control matrix (``tests/test_access_matrix``):
agency managers only, in the API (401 anonymous, 403 everyone else)."""

from tests.test_access_matrix import ANON, INTERN, MANAGER, MEMBER_A, MEMBER_B, Row


def manager_api(status=200):
    return {ANON: 401, MEMBER_A: 403, MEMBER_B: 403, INTERN: 403, MANAGER: status}


def _endpoint(o: dict):
    if "webhook" not in o:
        from webhooks.models import WebhookEndpoint

        o["webhook"] = WebhookEndpoint.objects.create(
            url="http://127.0.0.1:9/hooks", secret="x" * 20, events=["ticket.created"]
        )
    return o["webhook"]


def staff_api(status=200):
    return {ANON: 401, MEMBER_A: 403, MEMBER_B: 403, INTERN: status, MANAGER: status}


def _inbound(o: dict):
    if "inbound" not in o:
        from inbound.services import ticket_from_email

        o["inbound"] = ticket_from_email(raw=b"From: x@stranger.example\r\n\r\nhi")
    return o["inbound"]


WEBHOOK_ROWS = {
    # --- inbound e-mail: staff (interns work tickets too) ---
    "inbound-list": Row("/api/v1/inbound/", staff_api()),
    "inbound-detail": Row(lambda o: f"/api/v1/inbound/{_inbound(o).pk}/", staff_api()),
    "inbound-assign": Row(
        lambda o: f"/api/v1/inbound/{_inbound(o).pk}/assign/",
        staff_api(404),  # a network that does not exist: JSON 404
        method="post",
        data={"network": "no-such-network"},
    ),
    "inbound-reject": Row(
        lambda o: f"/api/v1/inbound/{_inbound(o).pk}/reject/",
        staff_api(200),
        method="post",
        data={"reason": "spam"},
    ),
    # --- webhooks: agency managers ---
    "webhook-list": [
        Row("/api/v1/webhooks/", manager_api()),
        Row(
            "/api/v1/webhooks/",
            manager_api(400),  # a manager's empty body: JSON field errors
            method="post",
        ),
    ],
    "webhook-detail": Row(
        lambda o: f"/api/v1/webhooks/{_endpoint(o).pk}/", manager_api()
    ),
    "webhook-deliveries": Row(
        lambda o: f"/api/v1/webhooks/{_endpoint(o).pk}/deliveries/", manager_api()
    ),
    "webhook-rotate-secret": Row(
        lambda o: f"/api/v1/webhooks/{_endpoint(o).pk}/rotate-secret/",
        manager_api(200),
        method="post",
    ),
}
