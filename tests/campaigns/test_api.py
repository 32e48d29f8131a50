from datetime import date
from decimal import Decimal

import pytest

from campaigns.models import CampaignMetric
from tests.campaigns.factories import MetricFactory, enrolled_campaign
from tests.hub.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def url(campaign, suffix=""):
    return f"/api/v1/campaigns/{campaign.pk}/{suffix}"


ROWS = [
    {
        "network": "alpha-agency",
        "date": "2026-03-02",
        "metric": "live_hours",
        "value": 12.5,
    },
    {
        "network": "bravo-talent",
        "date": "2026-03-02",
        "metric": "diamonds",
        "value": 900,
    },
    {
        "network": "bravo-talent",
        "date": "2026-03-03",
        "metric": "engagement_rate",
        "value": "4.25",
    },
]


def test_a_manager_upserts_figures_and_the_same_rows_change_nothing(
    api_as, manager, campaign
):
    api = api_as(manager)
    response = api.post(url(campaign, "metrics/"), ROWS, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"new": 3, "changed": 0, "unchanged": 0}
    response = api.post(url(campaign, "metrics/"), ROWS, format="json")
    assert response.json() == {"new": 0, "changed": 0, "unchanged": 3}
    changed = [dict(ROWS[0], value=13)]
    assert api.post(url(campaign, "metrics/"), changed, format="json").json() == {
        "new": 0,
        "changed": 1,
        "unchanged": 0,
    }
    assert CampaignMetric.objects.count() == 3
    assert CampaignMetric.objects.get(metric="live_hours").value == Decimal("13.00")


def test_bad_rows_are_named_by_index_and_nothing_is_loaded(api_as, manager, campaign):
    rows = [
        ROWS[0],
        {"network": "ghost", "date": "2026-03-02", "metric": "gifts", "value": 1},
        {"network": "alpha-agency", "date": "yesterday", "metric": "gifts", "value": 1},
        "not an object",
        {
            "network": "alpha-agency",
            "date": "2026-03-09",
            "metric": "gifts",
            "value": True,
        },
    ]
    response = api_as(manager).post(url(campaign, "metrics/"), rows, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "4 rows are invalid; nothing was loaded."
    assert set(body["errors"]) == {"1", "2", "3", "4"}
    assert "unknown network 'ghost'" in body["errors"]["1"][0]
    assert "not a date" in body["errors"]["2"][0]
    assert body["position"] == "row"
    assert CampaignMetric.objects.count() == 0


def test_the_body_must_be_a_list(api_as, manager, campaign):
    response = api_as(manager).post(url(campaign, "metrics/"), ROWS[0], format="json")
    assert response.status_code == 400
    assert "JSON list" in response.json()["message"]


@pytest.mark.parametrize("who", ["intern", "member_a"])
def test_only_managers_write(api_as, request, who, campaign):
    api = api_as(request.getfixturevalue(who))
    assert api.post(url(campaign, "metrics/"), ROWS, format="json").status_code == 403
    assert (
        api.post(url(campaign, "transition/"), {"status": "review"}).status_code == 403
    )
    assert (
        api.post(
            "/api/v1/campaigns/",
            {
                "name": "x",
                "kind": "training",
                "start_date": "2026-01-01",
                "end_date": "2026-01-02",
            },
        ).status_code
        == 403
    )
    assert CampaignMetric.objects.count() == 0


def test_a_manager_creates_and_moves_a_campaign(api_as, manager):
    api = api_as(manager)
    response = api.post(
        "/api/v1/campaigns/",
        {
            "name": "API Cup",
            "kind": "tournament",
            "start_date": "2026-07-01",
            "end_date": "2026-07-10",
            "regions": ["anz"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    campaign_id = response.json()["id"]
    assert response.json()["status"] == "draft"
    response = api.post(
        f"/api/v1/campaigns/{campaign_id}/transition/", {"status": "live"}
    )
    assert response.status_code == 400
    assert "cannot move" in response.json()["message"]
    response = api.post(
        f"/api/v1/campaigns/{campaign_id}/transition/", {"status": "setup"}
    )
    assert response.json()["status"] == "setup"


def test_member_b_reads_only_bravo_figures(
    api_as, member_b, campaign, network_a, network_b
):
    MetricFactory(campaign=campaign, network=network_a, value=Decimal("1111"))
    MetricFactory(campaign=campaign, network=network_b, value=Decimal("7"))
    api = api_as(member_b)
    body = api.get(url(campaign, "metrics/")).json()
    assert [row["network"] for row in body["results"]] == ["bravo-talent"]
    # asking for Alpha's figures by filter returns nothing
    assert (
        api.get(url(campaign, "metrics/"), {"network": "alpha-agency"}).json()["count"]
        == 0
    )
    detail = api.get(url(campaign)).json()
    assert [e["network"] for e in detail["enrolments"]] == ["bravo-talent"]


def test_member_b_gets_404_for_a_campaign_without_bravo(api_as, member_b, network_a):
    theirs = enrolled_campaign(network_a)
    api = api_as(member_b)
    assert api.get(url(theirs)).status_code == 404
    assert api.get(url(theirs, "metrics/")).status_code == 404
    assert theirs.pk not in [
        c["id"] for c in api.get("/api/v1/campaigns/").json()["results"]
    ]


def test_anonymous_gets_401(api_client, campaign):
    assert api_client.get("/api/v1/campaigns/").status_code == 401
    assert api_client.get(url(campaign, "metrics/")).status_code == 401


def test_metrics_filter_by_network_metric_and_dates(
    api_as, manager, campaign, network_a
):
    for day in (2, 3, 4):
        MetricFactory(campaign=campaign, network=network_a, date=date(2026, 3, day))
    MetricFactory(campaign=campaign, network=network_a, metric="gifts")
    api = api_as(manager)
    body = api.get(
        url(campaign, "metrics/"),
        {
            "network": "alpha-agency",
            "metric": "live_hours",
            "date_from": "2026-03-03",
            "date_to": "2026-03-04",
        },
    ).json()
    assert [row["date"] for row in body["results"]] == ["2026-03-03", "2026-03-04"]
    bad = api.get(url(campaign, "metrics/"), {"date_from": "soon"})
    assert bad.status_code == 400


def test_campaign_list_filters_by_status(api_as, manager, campaign):
    enrolled_campaign(status="draft", name="Drafty")
    body = api_as(manager).get("/api/v1/campaigns/", {"status": "draft"}).json()
    assert [c["name"] for c in body["results"]] == ["Drafty"]


@pytest.mark.parametrize("page_size", [5, 20])
def test_list_endpoints_run_a_constant_number_of_queries(
    api_as, manager, campaign, network_a, django_assert_num_queries, page_size
):
    networks = [NetworkFactory() for _ in range(3)]
    for i in range(20):
        other = enrolled_campaign(*networks, name=f"C{i}")
        other.regions.add(networks[0].region)
    for day in range(1, 26):
        MetricFactory(campaign=campaign, network=network_a, date=date(2026, 3, day))
    api = api_as(manager)
    with django_assert_num_queries(7):
        body = api.get("/api/v1/campaigns/", {"page_size": page_size}).json()
    assert len(body["results"]) == page_size
    with django_assert_num_queries(4):
        body = api.get(url(campaign, "metrics/"), {"page_size": page_size}).json()
    assert len(body["results"]) == page_size


def test_materials_are_listed_with_where_to_open_them(api_as, member_a, campaign):
    from campaigns.models import Material
    from tests.faq.factories import ArticleFactory

    guide = ArticleFactory(kind="guide")
    Material.objects.create(campaign=campaign, title="Guide", guide=guide)
    Material.objects.create(campaign=campaign, title="Link", url="https://x.example/")
    body = api_as(member_a).get(url(campaign)).json()
    assert body["materials"] == [
        {"title": "Guide", "kind": "guide", "href": guide.get_absolute_url()},
        {"title": "Link", "kind": "link", "href": "https://x.example/"},
    ]
