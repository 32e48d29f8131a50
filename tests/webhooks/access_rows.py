"""The webhooks' rows of the access-control matrix (``tests/test_access_matrix``):
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


WEBHOOK_ROWS = {
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
