from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignMetric, Enrolment, MetricUpload
from tests.campaigns.factories import (
    CampaignFactory,
    EnrolmentFactory,
    GoalFactory,
    MetricFactory,
    TaskFactory,
    enrolled_campaign,
)
from tests.hub.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(campaign, network_a, network_b):
    """A: 1111 live hours on 2 Mar; B: 777 live hours on 3 Mar, 4242 diamonds."""
    MetricFactory(campaign=campaign, network=network_a, value=Decimal("1111"))
    MetricFactory(
        campaign=campaign, network=network_b, date=date(2026, 3, 3), value=777
    )
    MetricFactory(
        campaign=campaign, network=network_b, metric="diamonds", value=Decimal("4242")
    )
    GoalFactory(campaign=campaign, metric="live_hours", target=Decimal("1000"))


def test_the_list_filters_by_status_kind_region_and_date(client_as, manager):
    live = CampaignFactory(name="Live One", status="live", kind="tournament")
    CampaignFactory(
        name="Draft One",
        status="draft",
        start_date=date(2026, 5, 1),
        end_date=date(2026, 5, 2),
    )
    live.regions.add(NetworkFactory().region)
    browser = client_as(manager)
    url = reverse("campaigns:list")
    assert [
        c.name for c in browser.get(url, {"status": "live"}).context["page_obj"]
    ] == ["Live One"]
    assert [
        c.name for c in browser.get(url, {"kind": "tournament"}).context["page_obj"]
    ] == ["Live One"]
    assert [
        c.name for c in browser.get(url, {"region": "anz"}).context["page_obj"]
    ] == ["Live One"]
    assert [
        c.name for c in browser.get(url, {"date": "2026-05-01"}).context["page_obj"]
    ] == ["Draft One"]


@pytest.mark.parametrize("page_size", [5, 20])
def test_the_list_page_runs_a_constant_number_of_queries(
    client_as, manager, django_assert_num_queries, page_size
):
    networks = [NetworkFactory() for _ in range(3)]
    for i in range(20):
        campaign = enrolled_campaign(*networks, name=f"C{i}")
        campaign.regions.add(networks[0].region)
    browser = client_as(manager)
    browser.get(reverse("campaigns:list"))  # warm caches (permissions, sessions)
    with django_assert_num_queries(7):
        response = browser.get(reverse("campaigns:list"), {"page_size": page_size})
    assert len(response.context["page_obj"]) == page_size


def test_a_network_sees_only_campaigns_it_is_enrolled_in_past_draft(
    client_as, member_a, network_a, network_b
):
    mine = enrolled_campaign(network_a, name="Mine")
    enrolled_campaign(network_b, name="Theirs")
    enrolled_campaign(network_a, name="Still draft", status="draft")
    browser = client_as(member_a)
    names = [c.name for c in browser.get(reverse("campaigns:list")).context["page_obj"]]
    assert names == ["Mine"]
    assert browser.get(mine.get_absolute_url()).status_code == 200


def test_another_networks_campaign_answers_404(client_as, member_b, network_a):
    theirs = enrolled_campaign(network_a)
    browser = client_as(member_b)
    for url in [
        theirs.get_absolute_url(),
        reverse("campaigns:export", args=[theirs.pk]),
    ]:
        assert browser.get(url).status_code == 404


def test_outsiders_and_anonymous_are_kept_out(client, client_as, outsider, campaign):
    assert client.get(campaign.get_absolute_url()).status_code == 302
    assert client_as(outsider).get(reverse("campaigns:list")).status_code == 404
    assert client_as(outsider).get(campaign.get_absolute_url()).status_code == 404


def test_member_b_sees_only_bravo_figures_never_alphas(
    client_as, member_b, campaign, figures
):
    response = client_as(member_b).get(campaign.get_absolute_url())
    page = response.content.decode()
    assert "777" in page and "4,242" in page  # own figures
    assert "1111" not in page and "1,111" not in page  # Alpha's figure
    assert "Alpha Agency" not in page  # neither the name in the table nor enrolments
    assert "All networks" not in page  # no campaign totals
    assert "1888" not in page and "1,888" not in page  # the campaign total
    assert [row["name"] for row in response.context["network_table"]] == [
        "Bravo Talent"
    ]
    assert [e.network.slug for e in response.context["enrolments"]] == ["bravo-talent"]


def test_the_setup_checklist_is_for_staff_only(client_as, member_a, intern, campaign):
    TaskFactory(campaign=campaign, title="Confirm prize budget")
    assert (
        "Confirm prize budget"
        not in client_as(member_a).get(campaign.get_absolute_url()).content.decode()
    )
    assert (
        "Confirm prize budget"
        in client_as(intern).get(campaign.get_absolute_url()).content.decode()
    )


def test_member_b_export_has_only_bravo_rows(client_as, member_b, campaign, figures):
    response = client_as(member_b).get(reverse("campaigns:export", args=[campaign.pk]))
    body = response.content.decode()
    lines = body.strip().splitlines()
    assert lines[0] == "network,date,metric,value"
    assert {line.split(",")[0] for line in lines[1:]} == {"bravo-talent"}
    assert "alpha-agency" not in body


def test_the_manager_sees_goals_against_actuals_table_and_charts(
    client_as, manager, campaign, figures
):
    response = client_as(manager).get(campaign.get_absolute_url())
    page = response.content.decode()
    assert "Alpha Agency" in page and "Bravo Talent" in page
    assert "All networks" in page
    assert response.context["goal_rows"][0]["actual"] == "1,888"
    assert response.context["goal_rows"][0]["percent"] == 188
    assert page.count('<svg class="chart') == 3  # goals + live hours + diamonds
    assert "<title" in page and 'role="img"' in page


def test_an_intern_may_view_but_not_manage(client_as, intern, campaign):
    browser = client_as(intern)
    page = browser.get(campaign.get_absolute_url()).content.decode()
    assert reverse("campaigns:transition", args=[campaign.pk]) not in page
    assert browser.get(reverse("campaigns:create")).status_code == 404
    assert (
        browser.get(reverse("campaigns:upload", args=[campaign.pk])).status_code == 404
    )
    response = browser.post(
        reverse("campaigns:transition", args=[campaign.pk]), {"to": "review"}
    )
    assert response.status_code == 404
    campaign.refresh_from_db()
    assert campaign.status == "live"


@pytest.mark.parametrize("who", ["member_a", "intern"])
def test_manager_only_pages_answer_404(client_as, request, who, campaign):
    browser = client_as(request.getfixturevalue(who))
    task = TaskFactory(campaign=campaign)
    for name, args in [
        ("edit", [campaign.pk]),
        ("goal_add", [campaign.pk]),
        ("task_add", [campaign.pk]),
        ("invite", [campaign.pk]),
        ("material_add", [campaign.pk]),
        ("review", [campaign.pk]),
        ("template", [campaign.pk]),
    ]:
        assert browser.get(reverse(f"campaigns:{name}", args=args)).status_code == 404
    url = reverse("campaigns:task_toggle", args=[campaign.pk, task.pk])
    assert browser.post(url, {"done": "1"}).status_code == 404
    task.refresh_from_db()
    assert not task.done


def test_transitions_are_confirmed_posts_and_refused_moves_say_why(
    client_as, manager, campaign
):
    browser = client_as(manager)
    url = reverse("campaigns:transition", args=[campaign.pk])
    assert browser.get(url, {"to": "review"}).status_code == 200  # the question
    response = browser.post(url, {"to": "closed"}, follow=True)
    assert "cannot move" in response.content.decode()
    browser.post(url, {"to": "review", "confirmed": "1"})
    campaign.refresh_from_db()
    assert campaign.status == "review"


def test_a_manager_creates_a_campaign_and_sets_it_up(client_as, manager, network_a):
    browser = client_as(manager)
    response = browser.post(
        reverse("campaigns:create"),
        {
            "name": "Autumn Battles",
            "kind": "tournament",
            "regions": [network_a.region.pk],
            "start_date": "2026-04-01",
            "end_date": "2026-04-30",
            "owner": manager.pk,
        },
    )
    campaign = Campaign.objects.get(name="Autumn Battles")
    assert response.url == campaign.get_absolute_url()
    browser.post(
        reverse("campaigns:goal_add", args=[campaign.pk]),
        {"metric": "diamonds", "target": "5000"},
    )
    browser.post(
        reverse("campaigns:task_add", args=[campaign.pk]),
        {"title": "Book studio", "owner": manager.pk, "due_date": "2026-03-25"},
    )
    browser.post(
        reverse("campaigns:invite", args=[campaign.pk]), {"networks": [network_a.pk]}
    )
    browser.post(
        reverse("campaigns:material_add", args=[campaign.pk]),
        {"title": "Rules", "url": "https://example.com/rules"},
    )
    assert campaign.goals.get().target == Decimal("5000")
    assert campaign.tasks.get().title == "Book studio"
    assert campaign.enrolments.get().status == "invited"
    assert campaign.materials.get().url == "https://example.com/rules"
    page = browser.get(campaign.get_absolute_url()).content.decode()
    assert "Book studio" in page and "Rules" in page


def test_a_form_with_bad_dates_shows_the_error(client_as, manager):
    response = client_as(manager).post(
        reverse("campaigns:create"),
        {
            "name": "X",
            "kind": "training",
            "start_date": "2026-04-10",
            "end_date": "2026-04-01",
            "owner": manager.pk,
        },
    )
    assert response.status_code == 200
    assert "on or after the start date" in response.content.decode()


def test_a_member_accepts_an_invitation_by_post(client_as, member_a, network_a):
    enrolment = EnrolmentFactory(
        network=network_a, status="invited", campaign__status="setup"
    )
    browser = client_as(member_a)
    page = browser.get(enrolment.campaign.get_absolute_url()).content.decode()
    assert "is invited to this campaign" in page
    url = reverse("campaigns:respond", args=[enrolment.campaign.pk, enrolment.pk])
    assert browser.get(url).status_code == 405
    browser.post(url, {"answer": "accepted"})
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACCEPTED


def test_member_b_cannot_answer_alphas_invitation(
    client_as, member_b, network_a, network_b
):
    campaign = enrolled_campaign(network_b, status="setup")
    enrolment = EnrolmentFactory(campaign=campaign, network=network_a, status="invited")
    url = reverse("campaigns:respond", args=[campaign.pk, enrolment.pk])
    assert client_as(member_b).post(url, {"answer": "declined"}).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == "invited"


def test_material_files_follow_campaign_access(
    client, client_as, manager, intern, member_a, member_b, campaign, network_b
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns import services

    campaign.enrolments.filter(network=network_b).delete()
    material = services.material_create(
        campaign=campaign,
        user=manager,
        title="Deck",
        file=SimpleUploadedFile("deck.pdf", b"%PDF deck"),
    )
    url = reverse("campaigns:material", args=[campaign.pk, material.pk])
    for person in (member_a, intern, manager):
        response = client_as(person).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF deck"
    assert client_as(member_b).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_review_page_edits_the_drafted_summary(client_as, manager, campaign, figures):
    browser = client_as(manager)
    browser.post(
        reverse("campaigns:transition", args=[campaign.pk]),
        {"to": "review", "confirmed": "1"},
    )
    response = browser.get(reverse("campaigns:review", args=[campaign.pk]))
    assert "Goals: 1 of 1 met." in response.context["form"].initial["review_summary"]
    browser.post(
        reverse("campaigns:review", args=[campaign.pk]),
        {
            "review_summary": "Edited summary",
            "review_worked": "Battles",
            "review_change": "Earlier briefing",
            "review_next_actions": "Repeat in June",
        },
    )
    page = browser.get(campaign.get_absolute_url()).content.decode()
    assert "Edited summary" in page and "Earlier briefing" in page


def test_a_network_sees_its_own_results_in_review_not_the_managers_summary(
    client_as, manager, member_b, campaign, figures
):
    client_as(manager).post(
        reverse("campaigns:transition", args=[campaign.pk]),
        {"to": "review", "confirmed": "1"},
    )
    campaign.refresh_from_db()
    assert "Alpha Agency" in campaign.review_summary
    page = client_as(member_b).get(campaign.get_absolute_url()).content.decode()
    assert "Alpha Agency" not in page
    assert "Live hours: 777" in page


# --- CSV upload flow ---------------------------------------------------------------

CSV = (
    "network,date,metric,value\n"
    "alpha-agency,2026-03-02,live_hours,12\n"
    "bravo-talent,2026-03-02,diamonds,900\n"
)


def _upload(browser, campaign, content: str, name="figures.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return browser.post(
        reverse("campaigns:upload", args=[campaign.pk]),
        {"file": SimpleUploadedFile(name, content.encode(), "text/csv")},
    )


def test_upload_preview_confirm_and_reload_does_not_double(
    client_as, manager, campaign
):
    browser = client_as(manager)
    response = _upload(browser, campaign, CSV)
    staged = MetricUpload.objects.get()
    assert response.url == reverse(
        "campaigns:upload_preview", args=[campaign.pk, staged.pk]
    )
    preview = browser.get(response.url)
    assert preview.context["result"].new == 2
    assert CampaignMetric.objects.count() == 0
    browser.post(response.url)
    assert CampaignMetric.objects.count() == 2
    # the same file again: preview says unchanged, confirming changes nothing
    response = _upload(browser, campaign, CSV)
    assert browser.get(response.url).context["result"].unchanged == 2
    browser.post(response.url)
    assert CampaignMetric.objects.count() == 2
    # an applied upload cannot be confirmed twice
    assert browser.post(response.url).status_code == 404


def test_an_upload_with_bad_lines_lists_each_and_loads_nothing(
    client_as, manager, campaign
):
    bad = CSV + "nobody,2026-03-02,gifts,1\nalpha-agency,2026-03-02,gifts,many\n"
    response = _upload(client_as(manager), campaign, bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 rows are invalid; nothing was loaded." in page
    assert "Line 4: unknown network" in page
    assert "Line 5: value" in page
    assert not MetricUpload.objects.exists()
    assert CampaignMetric.objects.count() == 0


def test_the_template_lists_accepted_networks_and_every_metric(
    client_as, manager, campaign
):
    body = client_as(manager).get(reverse("campaigns:template", args=[campaign.pk]))
    lines = body.content.decode().strip().splitlines()
    assert lines[0] == "network,date,metric,value"
    assert len(lines) == 1 + 2 * 8
    assert lines[1] == "alpha-agency,2026-03-01,live_hours,"


# --- portal home ---------------------------------------------------------------------


def test_home_shows_a_networks_invitations_and_a_managers_live_campaigns(
    client_as, member_a, manager, network_a
):
    upcoming = CampaignFactory(
        name="Future Fest",
        status="setup",
        start_date=date(2099, 1, 1),
        end_date=date(2099, 1, 9),
    )
    EnrolmentFactory(campaign=upcoming, network=network_a, status="invited")
    CampaignFactory(name="On Air", status="live", end_date=date(2099, 2, 1))
    member_page = client_as(member_a).get("/").content.decode()
    assert "Invitations waiting for an answer" in member_page
    assert "Future Fest" in member_page
    assert "On Air" not in member_page
    manager_page = client_as(manager).get("/").content.decode()
    assert "On Air" in manager_page


def test_a_guide_material_links_to_the_knowledge_base_for_the_network(
    client_as, manager, member_a, campaign
):
    from tests.faq.factories import ArticleFactory

    guide = ArticleFactory(
        title="Guide: joining a campaign", kind="guide", audience="networks"
    )
    draft = ArticleFactory(title="Guide: draft", kind="guide", status="draft")
    browser = client_as(manager)
    form_page = browser.get(reverse("campaigns:material_add", args=[campaign.pk]))
    choices = list(form_page.context["form"].fields["guide"].queryset)
    assert guide in choices and draft not in choices
    browser.post(
        reverse("campaigns:material_add", args=[campaign.pk]),
        {"title": "How to join", "guide": guide.pk},
    )
    page = client_as(member_a).get(campaign.get_absolute_url()).content.decode()
    assert f'href="{guide.get_absolute_url()}"' in page
    assert client_as(member_a).get(guide.get_absolute_url()).status_code == 200
