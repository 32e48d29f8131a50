"""Issue 17: every onboarding "Read the guide" link in the demo answered 404 (the plan
steps pointed at slugs the demo knowledge base never had); a step may not be saved
pointing at a missing article, and a checklist hides a link whose article went."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from faq.models import Article
from faq.selectors import article_slug_from_path
from onboarding.models import OnboardingStep, PlanStep
from onboarding.services import onboarding_start
from tests.faq.factories import ArticleFactory
from tests.onboarding.factories import PlanFactory, PlanStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo")


def test_every_demo_plan_step_guide_is_a_published_article(demo, client):
    links = [url for url in PlanStep.objects.values_list("guide_url", flat=True) if url]
    assert len(links) >= 4
    for url in links:
        slug = article_slug_from_path(url)
        assert slug, url
        assert Article.objects.filter(slug=slug, status="published").exists(), url


def test_every_guide_link_on_a_demo_checklist_opens_for_its_network(demo, client):
    client.login(username="owner@northstar.example", password="hub-demo-2026")
    page = client.get("/onboarding/northstar-media/")
    assert page.status_code == 200
    links = OnboardingStep.objects.filter(
        onboarding__network__slug="northstar-media"
    ).exclude(guide_url="")
    assert links.count() >= 4
    for step in links:
        assert step.guide_url in page.content.decode()
        assert client.get(step.guide_url).status_code == 200, step.guide_url


def test_a_step_linking_a_missing_article_is_refused():
    step = PlanStepFactory(plan=PlanFactory(), guide_url="/faq/no-such-article/")
    with pytest.raises(ValidationError) as caught:
        step.full_clean()
    assert "guide_url" in caught.value.message_dict


def test_a_step_linking_a_draft_article_is_refused():
    ArticleFactory(slug="going-live", status="draft")
    step = PlanStepFactory(plan=PlanFactory(), guide_url="/faq/going-live/")
    with pytest.raises(ValidationError):
        step.full_clean()


def test_a_step_linking_a_published_article_or_the_web_is_saved():
    ArticleFactory(slug="going-live", status="published")
    plan = PlanFactory()
    for url in ["/faq/going-live/", "/faq/going-live/?lang=id#s", "https://x.example/"]:
        PlanStepFactory(plan=plan, guide_url=url).full_clean()


def test_the_admin_refuses_a_step_pointing_at_a_missing_article(client_as, manager):
    plan = PlanFactory(name="Standard")
    response = client_as(manager).post(
        f"/admin/onboarding/onboardingplan/{plan.pk}/change/",
        {
            "name": "Standard",
            "is_default": "on",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "0",
            "steps-0-order": "1",
            "steps-0-title": "Read the guide",
            "steps-0-owner_side": "network",
            "steps-0-due_offset_days": "7",
            "steps-0-guide_url": "/faq/binding-creators/",
        },
    )
    assert response.status_code == 200
    assert "No published article at /faq/binding-creators/" in response.content.decode()
    assert not PlanStep.objects.filter(plan=plan).exists()


def test_a_checklist_hides_the_guide_when_its_article_is_archived(
    client_as, owner_a, network_a
):
    article = ArticleFactory(slug="going-live", status="published")
    plan = PlanFactory()
    PlanStepFactory(plan=plan, title="Go live", guide_url="/faq/going-live/")
    onboarding_start(network=network_a, plan=plan)
    client = client_as(owner_a)
    assert (
        'href="/faq/going-live/"'
        in client.get(f"/onboarding/{network_a.slug}/").content.decode()
    )

    Article.objects.filter(pk=article.pk).update(status="archived")

    page = client.get(f"/onboarding/{network_a.slug}/").content.decode()
    assert "Go live" in page
    assert 'href="/faq/going-live/"' not in page
