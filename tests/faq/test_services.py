from datetime import timedelta

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, PermissionDeniedError
from faq import services
from faq.models import Article, ArticleVote, Deflection
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_creating_renders_the_body_stamps_the_author_and_keeps_revision_one(
    payouts, intern
):
    article = services.article_create(
        author=intern,
        title="Payout schedule",
        body="## When\n\n<script>x</script>Mid-month.",
        category=payouts,
    )
    assert article.slug == "payout-schedule"
    assert article.author == intern and article.last_editor == intern
    assert "<script" not in article.body_html and "Mid-month." in article.body_html
    assert article.status == Article.Status.DRAFT and article.published_at is None
    [revision] = article.revisions.all()
    assert (revision.number, revision.title, revision.editor) == (
        1,
        article.title,
        intern,
    )


def test_every_save_adds_a_revision_and_restore_brings_content_back(
    payouts, intern, manager
):
    article = services.article_create(
        author=intern, title="Old title", body="Old body", category=payouts
    )
    services.article_update(
        article=article, editor=manager, title="New title", body="New body"
    )
    assert list(article.revisions.values_list("number", flat=True)) == [2, 1]
    first = article.revisions.get(number=1)

    services.article_revision_restore(revision=first, editor=intern)

    article.refresh_from_db()
    assert (article.title, article.body) == ("Old title", "Old body")
    assert "Old body" in article.body_html
    latest = article.revisions.first()
    assert latest.number == 3 and "Restored revision 1" in latest.note
    assert article.last_editor == intern


def test_invalid_articles_are_refused_with_field_errors(payouts, intern):
    with pytest.raises(ApplicationError) as excinfo:
        services.article_create(
            author=intern, title="", body="x", category=payouts, audience="aliens"
        )
    assert "audience" in excinfo.value.extra["fields"]
    assert not Article.objects.exists()


def test_slugs_are_unique_and_avoid_reserved_urls(payouts, intern):
    one = services.article_create(
        author=intern, title="Suggest", body="x", category=payouts
    )
    two = services.article_create(
        author=intern, title="Suggest", body="y", category=payouts
    )
    assert one.slug == "suggest-2" and two.slug == "suggest-3"


def test_publishing_sets_the_date_and_a_review_date_and_refuses_twice(payouts, intern):
    article = ArticleFactory(category=payouts, status=Article.Status.DRAFT)
    services.article_publish(article=article, editor=intern)
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert article.review_by > timezone.localdate() + timedelta(days=150)
    with pytest.raises(ApplicationError):
        services.article_publish(article=article, editor=intern)
    services.article_archive(article=article, editor=intern)
    assert article.status == Article.Status.ARCHIVED


def test_a_guide_is_rendered_as_steps(payouts, intern):
    guide = services.article_create(
        author=intern,
        title="Set up payouts",
        body="## Verify\n\nx\n\n## Add bank\n\ny",
        category=payouts,
        kind=Article.Kind.GUIDE,
    )
    assert guide.body_html.count('class="guide-step"') == 2


def test_interns_cannot_delete_published_articles_but_managers_can(
    payouts, intern, manager
):
    published = ArticleFactory(category=payouts)
    draft = ArticleFactory(category=payouts, status=Article.Status.DRAFT)
    with pytest.raises(PermissionDeniedError):
        services.article_delete(article=published, user=intern)
    services.article_delete(article=draft, user=intern)
    services.article_delete(article=published, user=manager)
    assert not Article.objects.exists()


def test_views_are_counted_without_a_read_modify_write(payouts):
    article = ArticleFactory(category=payouts)
    services.article_view_record(article=article)
    services.article_view_record(article=article)
    article.refresh_from_db()
    assert article.view_count == 2


def test_one_vote_per_person_and_a_changed_mind_moves_the_count(payouts, member_a):
    article = ArticleFactory(category=payouts)
    services.article_vote(article=article, helpful=True, user=member_a)
    services.article_vote(article=article, helpful=True, user=member_a)
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (1, 0)
    services.article_vote(article=article, helpful=False, user=member_a)
    article.refresh_from_db()
    assert (article.helpful_yes, article.helpful_no) == (0, 1)
    assert ArticleVote.objects.count() == 1


def test_anonymous_votes_count_once_per_session(payouts):
    article = ArticleFactory(category=payouts)
    services.article_vote(article=article, helpful=True, session_key="s1")
    services.article_vote(article=article, helpful=True, session_key="s1")
    services.article_vote(article=article, helpful=True, session_key="s2")
    article.refresh_from_db()
    assert article.helpful_yes == 2
    with pytest.raises(ApplicationError):
        services.article_vote(article=article, helpful=True)


def test_opening_a_suggestion_is_recorded_once_and_filing_marks_it_filed(
    payouts, member_a, member_b
):
    article = ArticleFactory(category=payouts)
    other = ArticleFactory(category=payouts)
    services.deflection_record_open(
        article=article, user=member_a, session_key="sa", query="payout late"
    )
    services.deflection_record_open(article=article, user=member_a, session_key="sa")
    services.deflection_record_open(article=other, user=member_b, session_key="sb")
    assert Deflection.objects.filter(user=member_a).count() == 1

    changed = services.deflection_mark_filed(session_key="sa", user=member_a)

    assert changed == 1
    mine = Deflection.objects.get(user=member_a)
    assert (mine.outcome, mine.query) == (Deflection.Outcome.FILED, "payout late")
    assert Deflection.objects.get(user=member_b).outcome == Deflection.Outcome.OPENED


def test_mark_filed_matches_anonymous_sessions_and_ignores_old_opens(payouts):
    article = ArticleFactory(category=payouts)
    services.deflection_record_open(article=article, session_key="anon")
    old = services.deflection_record_open(
        article=ArticleFactory(category=payouts), session_key="anon"
    )
    Deflection.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    assert services.deflection_mark_filed(session_key="anon", user=None) == 1
    assert services.deflection_mark_filed(session_key="", user=None) == 0
    assert services.deflection_mark_filed(session_key=None, user=None) == 0


def test_solved_is_kept_when_a_ticket_is_filed_later(payouts, member_a):
    article = ArticleFactory(category=payouts)
    services.deflection_record_open(article=article, user=member_a, session_key="s")
    services.deflection_mark_solved(article=article, user=member_a, session_key="s")
    services.deflection_mark_filed(session_key="s", user=member_a)
    assert Deflection.objects.get().outcome == Deflection.Outcome.SOLVED
