import pytest
from django.core.management import call_command

from faq.demo_content import ARTICLES
from faq.models import Article, Category

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_library_once(capsys):
    call_command("seed_demo")
    count = Article.objects.count()
    sources = Article.objects.filter(translation_of__isnull=True)
    assert sources.count() == len(ARTICLES) >= 35
    assert count > sources.count()  # and some of them in other languages
    assert Article.objects.filter(kind="guide").count() >= 5
    assert Category.objects.count() >= 6
    assert set(Article.objects.values_list("audience", flat=True)) == {
        "everyone",
        "networks",
        "staff",
    }
    intern = Article.objects.first().author
    assert intern.email == "intern@hub.example"
    assert Article.objects.filter(
        review_by__lt="2100-01-01", status="published"
    ).exists()

    call_command("seed_demo")

    assert Article.objects.count() == count
    assert Category.objects.count() == len({row[0] for row in ARTICLES})


def test_seed_demo_articles_adds_benchmark_articles_in_bulk():
    call_command("seed_demo", articles=120)
    bench = Article.objects.filter(slug__startswith="bench-article-")
    assert bench.count() == 120
    assert all(a.body_html for a in bench[:5])
    call_command("seed_demo", articles=150)
    assert bench.count() == 150
    from faq import search

    if search.using_postgres():
        assert not bench.filter(search_vector__isnull=True).exists()
