"""Search and ticket-form suggestions in the reader's language first (issue 22):
a text-search configuration per language on PostgreSQL, Chinese cut into words,
and the plain fallback (SQLite) still working."""

import pytest

from faq import search, selectors, services
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


@pytest.fixture
def refunds(payouts):
    """An English source about deductions after refunds, with three translations,
    and an unrelated English article."""
    source = ArticleFactory(
        title="Diamonds were deducted from a creator's balance",
        summary="Deductions follow refunds, chargebacks or fraud.",
        body="When a viewer's payment is refunded, the diamonds are deducted.",
        category=payouts,
    )
    ArticleFactory(
        title="Refund policy for viewers",
        body="Viewers ask the app store for a refund of coins.",
        category=payouts,
    )
    versions = {"en": source}
    for language, title, body in [
        (
            "id",
            "Berlian dipotong dari saldo kreator",
            "Ketika pembayaran penonton dikembalikan (pengembalian dana), berlian "
            "dari hadiah itu dipotong dari saldo kreator.",
        ),
        (
            "zh-hans",
            "主播余额中的钻石被扣除",
            "当观众的付款被退款或拒付时，这些礼物带来的钻石会从主播的余额中扣除。",
        ),
        (
            "ar",
            "خصم الماس من رصيد صانع المحتوى",
            "عندما يُسترد مبلغ المشاهد تُخصم قيمة الهدايا من الماس.",
        ),
    ]:
        versions[language] = services.article_translate(
            source=source,
            language=language,
            title=title,
            body=body,
            editor=None,
            status=Article.Status.PUBLISHED,
        )
    return versions


def _search(user, query, language, **kwargs):
    queryset = selectors.in_reader_language(
        selectors.visible_articles(user), user=user, language=language
    )
    return list(
        selectors.article_search(
            user=user, query=query, queryset=queryset, language=language, **kwargs
        )
    )


def test_configurations_follow_the_language():
    assert search.config_for("id") == "indonesian"
    assert search.config_for("ar") == "arabic"
    assert search.config_for("en-gb") == "english"
    assert search.config_for("zh-hans") == "simple"  # PostgreSQL has no Chinese


def test_chinese_text_is_cut_into_words_and_other_text_is_left_alone():
    assert search.segment("退款需要多久").split()[:1] == ["退款"]
    assert "钻石" in search.segment("主播的钻石被扣除了").split()
    assert search.segment("Payout schedule") == "Payout schedule"


@pytest.mark.postgres
def test_the_stored_vector_uses_the_articles_language(refunds):
    def lexemes(article):
        article.refresh_from_db()
        return {part.split(":")[0].strip("'") for part in article.search_vector.split()}

    assert "potong" in lexemes(refunds["id"])  # indonesian stemming: di-potong
    assert "deduct" in lexemes(refunds["en"])  # english stemming
    assert {"钻石", "扣除", "退款"} <= lexemes(refunds["zh-hans"])


@pytest.mark.postgres
def test_an_indonesian_query_finds_the_indonesian_version_first(refunds, member_a):
    results = _search(member_a, "berlian dipotong", "id")
    assert results[0] == refunds["id"]


@pytest.mark.postgres
def test_an_english_query_of_an_indonesian_reader_finds_their_version(
    refunds, member_a
):
    # the source's words find the translation; the source itself is not listed
    results = _search(member_a, "diamonds deducted", "id")
    assert results[0] == refunds["id"]
    assert refunds["en"] not in results


@pytest.mark.postgres
def test_a_chinese_query_finds_the_chinese_article(refunds, member_a):
    results = _search(member_a, "退款", "zh-hans")
    assert results and results[0] == refunds["zh-hans"]


@pytest.mark.postgres
def test_the_readers_language_ranks_before_a_better_english_match(refunds, member_a):
    # "refund" is in the English title of another article; the Arabic reader's own
    # version (found through its source) comes first all the same
    results = _search(member_a, "refund", "ar", match_any=True)
    assert results[0] == refunds["ar"]
    assert "Refund policy for viewers" in [a.title for a in results]


@pytest.mark.postgres
def test_ticket_form_suggestions_look_in_the_readers_language(refunds, member_a):
    chinese = selectors.article_suggestions(
        user=member_a, query="钻石被扣除了", language="zh-hans"
    )
    assert chinese[0] == refunds["zh-hans"]
    indonesian = selectors.article_suggestions(
        user=member_a, query="saldo berlian saya dipotong", language="id"
    )
    assert indonesian[0] == refunds["id"]
    assert refunds["en"] not in indonesian


def test_two_chinese_characters_are_enough_for_a_suggestion():
    assert search.long_enough("退款") and not search.long_enough("pa")


def test_the_plain_fallback_puts_the_readers_language_first(refunds):
    # the SQLite default's search; exercised on any database
    found = list(
        search.fallback_search(Article.objects.all(), "钻石", language="zh-hans")
    )
    assert found[0] == refunds["zh-hans"]
    english_first = list(
        search.fallback_search(Article.objects.all(), "diamonds", language="en")
    )
    assert english_first[0] == refunds["en"]
