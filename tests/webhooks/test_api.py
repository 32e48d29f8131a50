"""``/api/v1/webhooks/``: managers register endpoints and read the delivery log."""

import pytest

from webhooks.models import WebhookEndpoint
from webhooks.services import webhook_deliver, webhook_emit

pytestmark = pytest.mark.django_db


def test_a_manager_registers_an_endpoint_and_sees_the_secret_once(
    api_as, manager, receiver
):
    api = api_as(manager)
    created = api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url, "events": ["ticket.created", "message.created"]},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["owner"] == manager.email
    assert body["events"] == ["ticket.created", "message.created"]
    shown = api.get(f"/api/v1/webhooks/{body['id']}/").json()
    assert "secret" not in shown and shown["url"] == receiver.url


def test_bad_input_answers_json_field_errors(api_as, manager, settings):
    settings.HUB_WEBHOOK_ALLOW_PRIVATE = False
    api = api_as(manager)
    for payload, field in [
        ({"url": "http://127.0.0.1/x", "events": ["ticket.created"]}, "url"),
        ({"url": "ftp://x.example/", "events": ["ticket.created"]}, "url"),
        ({"url": "https://93.184.215.14/x", "events": ["ticket.exploded"]}, "events"),
        ({"url": "https://93.184.215.14/x", "events": []}, "events"),
        ({"events": ["ticket.created"]}, "url"),
    ]:
        response = api.post("/api/v1/webhooks/", payload, format="json")
        assert response.status_code == 400, payload
        assert field in response.json()["errors"] and response.json()["message"]
    assert not WebhookEndpoint.objects.exists()


def test_update_switch_off_and_delete(api_as, manager, receiver):
    api = api_as(manager)
    pk = api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url, "events": ["ticket.created"]},
        format="json",
    ).json()["id"]
    changed = api.patch(
        f"/api/v1/webhooks/{pk}/",
        {"events": ["ticket.updated"], "is_active": False},
        format="json",
    )
    assert changed.status_code == 200
    assert (
        changed.json()["events"] == ["ticket.updated"]
        and not changed.json()["is_active"]
    )
    assert api.delete(f"/api/v1/webhooks/{pk}/").status_code == 204
    assert api.get(f"/api/v1/webhooks/{pk}/").status_code == 404


def test_the_delivery_log_lists_status_and_times(
    api_as, manager, receiver, django_assert_num_queries
):
    api = api_as(manager)
    pk = api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url, "events": ["ticket.created"]},
        format="json",
    ).json()["id"]
    receiver.statuses = [500]
    [failed] = webhook_emit(event="ticket.created", data={})
    [ok] = webhook_emit(event="ticket.created", data={})
    webhook_deliver(failed.pk)
    webhook_deliver(ok.pk)
    log = api.get(f"/api/v1/webhooks/{pk}/deliveries/").json()["results"]
    assert [(d["id"], d["status"], d["response_status"]) for d in log] == [
        (str(ok.key), "succeeded", 200),
        (str(failed.key), "pending", 500),
    ]
    assert log[0]["delivered_at"] and log[1]["next_attempt_at"]


@pytest.mark.parametrize("count", [2, 12])
def test_the_delivery_log_costs_the_same_queries_at_any_size(
    api_as, manager, receiver, django_assert_num_queries, count
):
    endpoint = WebhookEndpoint.objects.create(
        url=receiver.url, secret="x" * 20, events=["ticket.created"], owner=manager
    )
    for _ in range(count):
        webhook_emit(event="ticket.created", data={})
    api = api_as(manager)
    with django_assert_num_queries(4):  # groups, endpoint, count, page
        response = api.get(f"/api/v1/webhooks/{endpoint.pk}/deliveries/")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 6])
def test_the_endpoint_list_costs_the_same_queries_at_any_size(
    api_as, manager, django_assert_num_queries, count
):
    for n in range(count):
        WebhookEndpoint.objects.create(
            url=f"https://93.184.215.14/{n}",
            secret="x" * 20,
            events=["ticket.created"],
            owner=manager,
        )
    api = api_as(manager)
    with django_assert_num_queries(3):  # groups, count, page with owners
        response = api.get("/api/v1/webhooks/")
    assert response.json()["count"] == count


def test_interns_and_networks_cannot_reach_webhooks(api_as, intern, member_a, manager):
    endpoint = WebhookEndpoint.objects.create(
        url="https://93.184.215.14/x",
        secret="x" * 20,
        events=["ticket.created"],
        owner=manager,
    )
    for person in (intern, member_a):
        api = api_as(person)
        assert api.get("/api/v1/webhooks/").status_code == 403
        assert (
            api.post(f"/api/v1/webhooks/{endpoint.pk}/rotate-secret/").status_code
            == 403
        )
        assert api.delete(f"/api/v1/webhooks/{endpoint.pk}/").status_code == 403
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
