"""The admin as the interns' workplace, and what interns may not do there."""

import pytest
from django.urls import reverse

from faq.models import Article, ArticleRevision
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _form(category, **overrides) -> dict:
    data = {
        "title": "Diamond payouts explained",
        "slug": "diamond-payouts-explained",
        "category": category.pk,
        "kind": "article",
        "summary": "How diamonds become money.",
        "body": "Gifts become **diamonds**.",
        "status": "draft",
        "audience": "everyone",
        "language": "en",
        "tags": "payout",
        "review_by": "",
    }
    data.update(overrides)
    return data


def test_an_intern_writes_a_draft_through_the_admin(client_as, intern, payouts):
    response = client_as(intern).post(reverse("admin:faq_article_add"), _form(payouts))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert (article.status, article.author, article.last_editor) == (
        "draft",
        intern,
        intern,
    )
    assert "<strong>diamonds</strong>" in article.body_html
    assert article.revisions.count() == 1


def test_save_and_publish_publishes(client_as, intern, payouts):
    browser = client_as(intern)
    browser.post(reverse("admin:faq_article_add"), _form(payouts, _publish="1"))
    article = Article.objects.get()
    assert article.status == "published" and article.published_at is not None


def test_an_empty_slug_is_made_from_the_title(client_as, intern, payouts):
    client_as(intern).post(reverse("admin:faq_article_add"), _form(payouts, slug=""))
    assert Article.objects.get().slug == "diamond-payouts-explained"


def test_the_change_form_has_a_preview_pane_and_no_inline_script(
    client_as, intern, payouts
):
    article = ArticleFactory(category=payouts)
    page = (
        client_as(intern)
        .get(reverse("admin:faq_article_change", args=[article.pk]))
        .content.decode()
    )
    assert 'id="faq-preview"' in page
    assert 'data-endpoint="/faq/preview/"' in page
    assert "js/faq-admin-preview.js" in page
    assert reverse("admin:faq_article_revisions", args=[article.pk]) in page


def test_publish_and_archive_actions(client_as, intern, payouts):
    draft = ArticleFactory(category=payouts, status="draft")
    browser = client_as(intern)
    url = reverse("admin:faq_article_changelist")
    browser.post(url, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "published"
    browser.post(url, {"action": "archive_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "archived"


def test_the_changelist_filters_and_searches(client_as, intern, payouts):
    ArticleFactory(title="Alpha payout", category=payouts, status="draft")
    ArticleFactory(title="Beta linking", category=payouts, audience="networks")
    browser = client_as(intern)
    url = reverse("admin:faq_article_changelist")
    assert browser.get(url, {"q": "alpha"}).context["cl"].result_count == 1
    assert browser.get(url, {"status__exact": "draft"}).context["cl"].result_count == 1
    assert (
        browser.get(url, {"audience__exact": "networks"}).context["cl"].result_count
        == 1
    )
    assert browser.get(url, {"review": "stale"}).context["cl"].result_count == 0


def test_an_intern_cannot_delete_a_published_article(client_as, intern, payouts):
    article = ArticleFactory(category=payouts)
    browser = client_as(intern)
    url = reverse("admin:faq_article_delete", args=[article.pk])
    assert browser.get(url).status_code == 403
    assert browser.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_an_intern_cannot_bulk_delete_a_published_article(client_as, intern, payouts):
    published = ArticleFactory(category=payouts)
    draft = ArticleFactory(category=payouts, status="draft")
    client_as(intern).post(
        reverse("admin:faq_article_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [published.pk, draft.pk],
            "post": "yes",
        },
    )
    assert Article.objects.count() == 2


def test_an_intern_may_delete_a_draft(client_as, intern, payouts):
    draft = ArticleFactory(category=payouts, status="draft")
    client_as(intern).post(
        reverse("admin:faq_article_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert not Article.objects.exists()


def test_a_manager_may_delete_a_published_article(client_as, manager, payouts):
    article = ArticleFactory(category=payouts)
    client_as(manager).post(
        reverse("admin:faq_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert not Article.objects.exists()


def test_an_intern_cannot_delete_categories(client_as, intern, payouts):
    response = client_as(intern).get(
        reverse("admin:faq_category_delete", args=[payouts.pk])
    )
    assert response.status_code == 403


def test_network_members_cannot_reach_the_admin(client_as, member_a, payouts):
    response = client_as(member_a).get(reverse("admin:faq_article_changelist"))
    assert response.status_code == 302


def test_revision_history_and_restore(client_as, intern, payouts):
    article = ArticleFactory(title="First", body="first body", category=payouts)
    browser = client_as(intern)
    browser.post(
        reverse("admin:faq_article_change", args=[article.pk]),
        _form(payouts, title="Second", slug=article.slug, body="second body"),
    )
    article.refresh_from_db()
    assert article.title == "Second"
    page = browser.get(reverse("admin:faq_article_revisions", args=[article.pk]))
    assert page.status_code == 200
    assert [r.number for r in page.context["revisions"]] == [2, 1]
    restore = reverse("admin:faq_article_restore", args=[article.pk, 1])
    assert browser.get(restore).status_code == 405
    browser.post(restore)
    article.refresh_from_db()
    assert (article.title, article.body) == ("First", "first body")
    assert ArticleRevision.objects.filter(article=article).count() == 3


def test_needs_review_lists_articles_past_their_review_date(client_as, intern, payouts):
    from datetime import date

    stale = ArticleFactory(title="Stale one", category=payouts)
    ArticleFactory(title="Fresh one", category=payouts)
    Article.objects.filter(pk=stale.pk).update(review_by=date(2020, 1, 1))
    response = client_as(intern).get(
        reverse("admin:faq_articleneedingreview_changelist")
    )
    assert response.status_code == 200
    assert [a.title for a in response.context["cl"].result_list] == ["Stale one"]


def test_the_home_panel_shows_staff_the_review_count(client_as, intern, payouts):
    from datetime import date

    stale = ArticleFactory(category=payouts)
    Article.objects.filter(pk=stale.pk).update(review_by=date(2020, 1, 1))
    page = client_as(intern).get("/").content.decode()
    assert "1 article needs review" in page


def test_the_home_panel_shows_members_popular_articles(client_as, member_a, library):
    page = client_as(member_a).get("/").content.decode()
    assert "Payout statements for networks" in page
    assert "Payout escalation for staff" not in page


def test_the_home_panels_share_their_figures_briefly_when_configured(
    client_as, intern, member_a, outsider, library, payouts, settings
):
    from django.core.cache import cache

    # given figures kept for 30 seconds, computed fresh now
    settings.HUB_CACHE_HOME_SECONDS = 30
    cache.clear()
    assert "1 draft<" in client_as(intern).get("/").content.decode()
    member_page = client_as(member_a).get("/").content.decode()
    assert '<a href="/faq/payout-statements-for-networks/">' in member_page
    # when the knowledge base changes
    ArticleFactory(category=payouts, status=Article.Status.DRAFT)
    Article.objects.filter(pk=library["networks"].pk).update(title="Renamed")
    # then staff and members see the kept figures until they expire ...
    assert "1 draft<" in client_as(intern).get("/").content.decode()
    assert "Payout statements" in client_as(member_a).get("/").content.decode()
    # ... and each audience has its own list: no network, no network articles
    outsider_page = client_as(outsider).get("/").content.decode()
    assert "Payout basics for everyone" in outsider_page
    assert "Payout statements" not in outsider_page
    cache.clear()
    assert "2 drafts<" in client_as(intern).get("/").content.decode()
    assert "Renamed" in client_as(member_a).get("/").content.decode()
