"""FAQ translations: one article, several language versions, linked; readers get
their language and fall back to the source (issue 22)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from faq import selectors, services
from faq.models import Article
from tests.faq.factories import ArticleFactory

pytestmark = pytest.mark.django_db

FOUR = [
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("id", "Bahasa Indonesia"),
    ("ar", "العربية"),
]


@pytest.fixture(autouse=True)
def four_languages(settings):
    settings.LANGUAGES = FOUR


def reader(settings, code: str) -> dict:
    """Make ``code`` the reader's language: the default language (what an
    inactive locale machinery serves) and ``Accept-Language`` (what the locale
    middleware reads); returns the header for the test client."""
    settings.LANGUAGE_CODE = code
    return {"HTTP_ACCEPT_LANGUAGE": code}


@pytest.fixture
def source(payouts):
    return ArticleFactory(
        title="Payout schedule and cut-off dates",
        body="The cut-off is 23:59 UTC on the last day of the month.",
        category=payouts,
        tags="payout, schedule",
    )


def translate(source, language, title, body="Teks.", **fields):
    return services.article_translate(
        source=source,
        language=language,
        title=title,
        body=body,
        editor=None,
        status=fields.pop("status", Article.Status.PUBLISHED),
        **fields,
    )


# --- the model: one version per language, linked to a source ---------------------


def test_a_translation_links_its_source_and_takes_its_category_and_audience(source):
    indonesian = translate(source, "id", "Jadwal pembayaran")
    assert indonesian.translation_of == source
    assert (indonesian.category, indonesian.audience, indonesian.tags) == (
        source.category,
        source.audience,
        source.tags,
    )
    assert list(source.translations.all()) == [indonesian]
    assert indonesian.source == source and source.source == source


def test_translations_get_a_slug_from_their_source_and_language(source):
    chinese = translate(source, "zh-hans", "提现时间表和截止日期")
    assert chinese.slug == "payout-schedule-and-cut-off-dates-zh-hans"


def test_a_source_has_at_most_one_translation_per_language(source):
    translate(source, "id", "Jadwal pembayaran")
    with pytest.raises(ApplicationError) as caught:
        translate(source, "id", "Jadwal pembayaran (lagi)")
    assert "already has a translation in this language" in str(
        caught.value.extra["fields"]
    )
    assert source.translations.count() == 1


def test_a_translation_needs_another_language_than_its_source(source):
    with pytest.raises(ApplicationError) as caught:
        translate(source, "en", "Payout schedule again")
    assert "language" in caught.value.extra["fields"]


def test_a_translation_cannot_translate_a_translation(source):
    indonesian = translate(source, "id", "Jadwal pembayaran")
    with pytest.raises(ApplicationError) as caught:
        translate(indonesian, "ar", "جدول المدفوعات")
    assert "translation_of" in caught.value.extra["fields"]


def test_a_language_that_is_not_shipped_is_refused(source, settings):
    settings.LANGUAGES = [("en", "English")]
    with pytest.raises(ApplicationError) as caught:
        translate(source, "id", "Jadwal pembayaran")
    assert "language" in caught.value.extra["fields"]


# --- readers: their language, else the source -------------------------------------


def test_readers_get_the_published_version_in_their_language(source, member_a):
    indonesian = translate(source, "id", "Jadwal pembayaran")
    translate(source, "zh-hans", "提现时间表", status=Article.Status.DRAFT)
    queryset = Article.objects.all()
    pick = {
        language: list(
            selectors.in_reader_language(queryset, user=member_a, language=language)
        )
        for language in ("id", "zh-hans", "ar", "en")
    }
    assert pick["id"] == [indonesian]
    assert pick["zh-hans"] == [source]  # a draft translation is not offered
    assert pick["ar"] == [source]  # no Arabic version: the source
    assert pick["en"] == [source]


def test_a_translation_for_networks_only_is_not_offered_to_anonymous_readers(source):
    translate(source, "id", "Jadwal pembayaran", audience=Article.Audience.NETWORKS)
    found = selectors.in_reader_language(
        selectors.visible_articles(None), user=None, language="id"
    )
    assert list(found) == [source]


def test_the_article_page_moves_to_the_readers_language(
    client_as, member_a, source, settings
):
    indonesian = translate(source, "id", "Jadwal pembayaran")
    headers = reader(settings, "id")
    browser = client_as(member_a)
    response = browser.get(source.get_absolute_url() + "?from=ticket-form", **headers)
    assert response.status_code == 302
    assert response["Location"] == indonesian.get_absolute_url() + "?from=ticket-form"
    page = browser.get(indonesian.get_absolute_url(), **headers)
    html = page.content.decode()
    assert page.status_code == 200 and "Jadwal pembayaran" in html
    assert 'lang="id"' in html
    # the page links the other versions, with hreflang
    english = f"{source.get_absolute_url()}?lang=en"
    assert f'hreflang="en" href="http://testserver{english}"' in html  # <head>
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in html


def test_the_source_stays_when_the_reader_asks_for_it(
    client_as, member_a, source, settings
):
    translate(source, "id", "Jadwal pembayaran")
    headers = reader(settings, "id")
    response = client_as(member_a).get(
        source.get_absolute_url() + "?lang=en", **headers
    )
    assert response.status_code == 200
    assert response.context["article"] == source


def test_an_arabic_version_reads_right_to_left(client_as, member_a, source, settings):
    arabic = translate(source, "ar", "جدول المدفوعات")
    headers = reader(settings, "ar")
    html = client_as(member_a).get(arabic.get_absolute_url(), **headers)
    assert 'lang="ar" dir="rtl"' in html.content.decode()


def test_lists_show_each_article_once_in_the_readers_language(
    client_as, member_a, source, settings
):
    translate(source, "id", "Jadwal pembayaran")
    translate(source, "zh-hans", "提现时间表和截止日期")
    headers = reader(settings, "id")
    browser = client_as(member_a)
    home = browser.get(reverse("faq:index"), **headers)
    titles = [a.title for a in home.context["popular"]]
    assert titles == ["Jadwal pembayaran"]
    listing = browser.get(reverse("faq:index"), {"category": "payouts"}, **headers)
    assert [a.title for a in listing.context["page_obj"]] == ["Jadwal pembayaran"]
    categories = home.context["categories"]
    assert [c.article_count for c in categories] == [1]  # families, not versions


@pytest.mark.parametrize("count", [2, 8])
def test_the_translated_index_uses_a_constant_number_of_queries(
    client_as, member_a, payouts, settings, count, django_assert_num_queries
):
    for n in range(count):
        article = ArticleFactory(title=f"Payout question {n}", category=payouts)
        translate(article, "id", f"Pertanyaan pembayaran {n}")
    headers = reader(settings, "id")
    browser = client_as(member_a)
    browser.get(reverse("faq:index"), **headers)  # warm the session
    with django_assert_num_queries(7):  # the count without translations
        listing = browser.get(reverse("faq:index"), {"category": "payouts"}, **headers)
    assert len(listing.context["page_obj"]) == count


# --- the admin: missing and outdated translations -----------------------------------


def test_translation_states_say_missing_outdated_and_current(source):
    indonesian = translate(source, "id", "Jadwal pembayaran")
    arabic = translate(source, "ar", "جدول المدفوعات")
    Article.objects.filter(pk=arabic.pk).update(
        updated_at=source.updated_at - timedelta(days=1)
    )
    states = {s.language: s.state for s in selectors.translation_states(source)}
    assert states == {"zh-hans": "missing", "id": "current", "ar": "outdated"}
    assert list(selectors.outdated_translations(Article.objects.all())) == [arabic]
    missing = selectors.missing_translation(Article.objects.all(), language="zh-hans")
    assert list(missing) == [source]
    assert indonesian not in missing


def test_the_admin_list_shows_and_filters_translation_states(client_as, intern, source):
    arabic = translate(source, "ar", "جدول المدفوعات")
    Article.objects.filter(pk=arabic.pk).update(
        updated_at=timezone.now() - timedelta(days=3)
    )
    browser = client_as(intern)
    url = reverse("admin:faq_article_changelist")
    html = browser.get(url).content.decode()
    assert "zh-hans: missing" in html and "ar: older than the source" in html
    outdated = browser.get(url, {"translation": "outdated"})
    assert list(outdated.context["cl"].result_list) == [arabic]
    missing = browser.get(url, {"translation": "missing-zh-hans"})
    assert list(missing.context["cl"].result_list) == [source]


def test_the_change_page_offers_add_translation_for_missing_languages(
    client_as, intern, source
):
    translate(source, "id", "Jadwal pembayaran")
    page = client_as(intern).get(reverse("admin:faq_article_change", args=[source.pk]))
    html = page.content.decode()
    add = reverse("admin:faq_article_add")
    assert f"{add}?translation_of={source.pk}&amp;language=ar" in html
    assert f"translation_of={source.pk}&amp;language=id" not in html  # exists


def test_an_intern_adds_a_translation_starting_from_the_source(
    client_as, intern, source
):
    browser = client_as(intern)
    add = reverse("admin:faq_article_add")
    form = browser.get(add, {"translation_of": source.pk, "language": "ar"})
    initial = form.context["adminform"].form.initial
    assert initial["body"] == source.body and initial["language"] == "ar"
    response = browser.post(
        add,
        {
            "title": "جدول المدفوعات",
            "slug": "",
            "category": source.category_id,
            "kind": "article",
            "summary": "",
            "body": "موعد الإغلاق هو الساعة 23:59.",
            "status": "published",
            "audience": "everyone",
            "language": "ar",
            "translation_of": source.pk,
            "tags": "",
            "review_by": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    arabic = source.translations.get()
    assert (arabic.language, arabic.slug, arabic.author) == (
        "ar",
        f"{source.slug}-ar",
        intern,
    )


def test_the_admin_refuses_a_second_translation_in_a_language(
    client_as, intern, source
):
    translate(source, "ar", "جدول المدفوعات")
    response = client_as(intern).post(
        reverse("admin:faq_article_add"),
        {
            "title": "مرة أخرى",
            "category": source.category_id,
            "kind": "article",
            "body": "نص.",
            "status": "draft",
            "audience": "everyone",
            "language": "ar",
            "translation_of": source.pk,
        },
    )
    assert response.status_code == 200
    assert "already has a translation" in response.content.decode()
    assert source.translations.count() == 1


# --- the demo ------------------------------------------------------------------------


def test_the_demo_translates_articles_into_the_shipped_languages_once(
    payouts, settings
):
    from faq import demo

    source = ArticleFactory(title="How diamond payouts work", category=payouts)
    assert demo.seed_translations(author=None, out=lambda line: None) == 3
    assert set(source.translations.values_list("language", flat=True)) == {
        "id",
        "zh-hans",
        "ar",
    }
    assert demo.seed_translations(author=None, out=lambda line: None) == 0
    settings.LANGUAGES = [("en", "English")]
    other = ArticleFactory(title="Payout schedule and cut-off dates", category=payouts)
    assert demo.seed_translations(author=None, out=lambda line: None) == 0
    assert not other.translations.exists()
