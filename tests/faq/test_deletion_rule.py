"""Issue 14, finding 7: an intern deleted a published article, with its whole
revision history, by archiving it first. The rule now looks at the article's
history, and revisions never vanish in a cascade."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from core.exceptions import PermissionDeniedError
from faq import services
from faq.models import Article, ArticleRevision
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived_after_publishing(payouts, manager):
    article = ArticleFactory(category=payouts, status="published")
    return services.article_archive(article=article, editor=manager)


def test_an_intern_cannot_delete_a_published_article_by_archiving_it_first(
    client_as, intern, archived_after_publishing
):
    article = archived_after_publishing
    browser = client_as(intern)
    url = reverse("admin:faq_article_delete", args=[article.pk])
    assert browser.get(url).status_code == 403
    assert browser.post(url, {"post": "yes"}).status_code == 403
    browser.post(
        reverse("admin:faq_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    with pytest.raises(PermissionDeniedError):
        services.article_delete(article=article, user=intern)
    assert Article.objects.filter(pk=article.pk).exists()
    assert article.revisions.count() == 2


def test_back_to_draft_after_publishing_is_still_a_published_article(
    intern, manager, payouts
):
    article = ArticleFactory(category=payouts, status="published")
    article = services.article_update(article=article, editor=manager, status="draft")
    assert not services.can_delete_article(intern, article)
    assert services.can_delete_article(manager, article)


def test_an_old_row_without_published_at_is_caught_by_its_revisions(
    intern, payouts, manager
):
    article = ArticleFactory(category=payouts, status="published")
    services.article_archive(article=article, editor=manager)
    Article.objects.filter(pk=article.pk).update(published_at=None)
    article.refresh_from_db()
    assert not services.can_delete_article(intern, article)
    assert Article.objects.filter(services.ever_published_filter()).exists()


def test_revisions_never_vanish_in_a_cascade(archived_after_publishing):
    with pytest.raises(ProtectedError):
        Article.objects.filter(pk=archived_after_publishing.pk).delete()
    assert ArticleRevision.objects.filter(article=archived_after_publishing).exists()


def test_an_intern_still_deletes_a_never_published_draft_with_its_revisions(
    client_as, intern, payouts
):
    draft = ArticleFactory(category=payouts, status="draft")
    services.article_update(article=draft, editor=intern, title="Second try")
    client_as(intern).post(
        reverse("admin:faq_article_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert not Article.objects.filter(pk=draft.pk).exists()
    assert not ArticleRevision.objects.filter(article_id=draft.pk).exists()


def test_a_manager_is_shown_the_revisions_going_and_deletes_on_purpose(
    client_as, manager, archived_after_publishing
):
    article = archived_after_publishing
    browser = client_as(manager)
    url = reverse("admin:faq_article_delete", args=[article.pk])
    page = browser.get(url)
    assert page.status_code == 200
    assert not page.context["protected"]
    assert dict(page.context["model_count"])["revisions"] == 2
    assert browser.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not ArticleRevision.objects.filter(article_id=article.pk).exists()
