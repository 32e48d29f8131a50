from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from faq.models import Article, ArticleVote, Deflection
from tests.faq.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_may_read_the_knowledge_base(client, library):
    response = client.get(reverse("faq:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Payout basics for everyone" in page
    assert "Payout statements for networks" not in page
    assert 'role="search"' in page


@pytest.mark.parametrize(
    ("key", "status"),
    [("everyone", 200), ("networks", 404), ("staff", 404), ("draft", 404)],
)
def test_anonymous_article_access_follows_the_audience(client, library, key, status):
    assert client.get(library[key].get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("key", "status"),
    [("networks", 200), ("staff", 404), ("draft", 404), ("archived", 404)],
)
def test_network_member_article_access(client_as, member_a, library, key, status):
    assert (
        client_as(member_a).get(library[key].get_absolute_url()).status_code == status
    )


@pytest.mark.parametrize("key", ["staff", "draft", "archived"])
def test_interns_read_staff_drafts_and_archived_articles(
    client_as, intern, library, key
):
    response = client_as(intern).get(library[key].get_absolute_url())
    assert response.status_code == 200
    assert reverse("admin:faq_article_change", args=[library[key].pk]) in (
        response.content.decode()
    )


def test_search_results_respect_the_audience(client_as, member_a, library):
    page = (
        client_as(member_a).get(reverse("faq:index"), {"q": "payout"}).content.decode()
    )
    assert "Payout statements for networks" in page
    assert "Payout escalation for staff" not in page
    assert "Payout draft" not in page


@pytest.mark.postgres
def test_a_misspelt_search_on_the_hub_page_ranks_the_article_first(
    client_as, member_a, payouts
):
    ArticleFactory(title="How diamond payouts work", body="Gifts.", category=payouts)
    ArticleFactory(title="Who can go LIVE", body="Payout later.", category=payouts)
    response = client_as(member_a).get(reverse("faq:index"), {"q": "diamnods payot"})
    assert response.context["page_obj"][0].title == "How diamond payouts work"


def test_category_browsing_lists_its_articles(client, library):
    other = CategoryFactory(name="Campaigns", slug="campaigns")
    ArticleFactory(title="Campaign sign-up", category=other)
    page = client.get(reverse("faq:index"), {"category": "campaigns"}).content.decode()
    assert "Campaign sign-up" in page
    assert "Payout basics for everyone" not in page


def test_the_article_page_counts_views_and_offers_a_prefilled_ticket(
    client_as, member_a, library
):
    article = library["networks"]
    response = client_as(member_a).get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.view_count == 1
    link = next(
        href
        for href in response.content.decode().split('href="')[1:]
        if href.startswith("/tickets/new/")
    ).split('"')[0]
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query == {"subject": [article.title], "article": [article.slug]}


def test_the_article_page_shows_related_articles(client_as, member_a, library):
    response = client_as(member_a).get(library["everyone"].get_absolute_url())
    assert [a.title for a in response.context["related"]] == [
        "Payout statements for networks"
    ]


def test_voting_is_a_post_and_counts_once_per_person(client_as, member_a, library):
    article = library["everyone"]
    browser = client_as(member_a)
    url = reverse("faq:vote", args=[article.slug])
    assert browser.get(url).status_code == 405
    browser.post(url, {"helpful": "yes"})
    browser.post(url, {"helpful": "yes"})
    article.refresh_from_db()
    assert article.helpful_yes == 1
    assert ArticleVote.objects.get().user == member_a


def test_anonymous_votes_use_the_session(client, library):
    article = library["everyone"]
    client.post(reverse("faq:vote", args=[article.slug]), {"helpful": "no"})
    client.post(reverse("faq:vote", args=[article.slug]), {"helpful": "no"})
    article.refresh_from_db()
    assert article.helpful_no == 1


def test_nobody_votes_on_an_article_they_cannot_read(client_as, member_a, library):
    response = client_as(member_a).post(
        reverse("faq:vote", args=[library["staff"].slug]), {"helpful": "yes"}
    )
    assert response.status_code == 404
    assert not ArticleVote.objects.exists()


def test_suggestions_return_json_links_marked_as_from_the_ticket_form(
    client_as, member_a, library
):
    response = client_as(member_a).get(reverse("faq:suggest"), {"q": "payout"})
    data = response.json()
    titles = [item["title"] for item in data["results"]]
    assert "Payout statements for networks" in titles
    assert "Payout escalation for staff" not in titles
    assert "Payout draft" not in titles
    url = data["results"][0]["url"]
    link = parse_qs(urlsplit(url).query)
    assert (link["from"], link["q"], len(link["s"])) == (["ticket-form"], ["payout"], 1)


def test_anonymous_suggestions_only_offer_articles_for_everyone(client, library):
    data = client.get(reverse("faq:suggest"), {"q": "payout"}).json()
    assert [item["title"] for item in data["results"]] == ["Payout basics for everyone"]


def test_opening_a_suggestion_records_a_deflection_then_filing_marks_it(
    client_as, member_a, library
):
    from faq.services import deflection_mark_filed

    browser = client_as(member_a)
    article = library["networks"]
    response = browser.get(
        article.get_absolute_url(), {"from": "ticket-form", "q": "missing payout"}
    )
    assert 'action="{}"'.format(reverse("faq:solved", args=[article.slug])) in (
        response.content.decode()
    )
    deflection = Deflection.objects.get()
    assert (deflection.user, deflection.query, deflection.outcome) == (
        member_a,
        "missing payout",
        Deflection.Outcome.OPENED,
    )
    deflection_mark_filed(session_key=browser.session.session_key, user=member_a)
    deflection.refresh_from_db()
    assert deflection.outcome == Deflection.Outcome.FILED


def test_a_plain_visit_records_no_deflection_and_shows_no_solved_button(
    client_as, member_a, library
):
    response = client_as(member_a).get(library["networks"].get_absolute_url())
    assert "This solved it" not in response.content.decode()
    assert not Deflection.objects.exists()


def test_this_solved_it_is_a_post_that_records_the_outcome(
    client_as, member_a, library
):
    browser = client_as(member_a)
    article = library["networks"]
    browser.get(article.get_absolute_url(), {"from": "ticket-form", "q": "late"})
    url = reverse("faq:solved", args=[article.slug])
    assert browser.get(url).status_code == 405
    response = browser.post(url, {"q": "late"})
    assert response.status_code == 302
    assert Deflection.objects.get().outcome == Deflection.Outcome.SOLVED


def test_the_preview_endpoint_is_staff_only_and_sanitises(
    client, client_as, member_a, intern
):
    url = reverse("faq:preview")
    payload = {"body": "## Hi\n\n<img src=x onerror=alert(1)>", "kind": "guide"}
    assert client.post(url, payload).status_code == 404
    assert client_as(member_a).post(url, payload).status_code == 404
    response = client_as(intern).post(url, payload)
    html = response.json()["html"]
    assert "onerror" not in html and 'class="guide-step"' in html
    assert client_as(intern).get(url).status_code == 405


def test_the_suggestions_partial_renders_the_contract_markup(rf):
    from django.template.loader import render_to_string

    html = render_to_string(
        "faq/includes/suggestions.html", {"subject_field_id": "id_subject"}
    )
    assert 'data-endpoint="/faq/suggest/"' in html
    assert 'data-subject-field="id_subject"' in html
    assert '<script src="/static/js/faq-suggest.js" defer></script>' in html
    assert "<script>" not in html


def _make_articles(count: int, category) -> None:
    for i in range(count):
        ArticleFactory(
            title=f"Payout topic {i}",
            category=category,
            tags="payout, diamonds",
            audience=Article.Audience.NETWORKS if i % 2 else Article.Audience.EVERYONE,
        )


@pytest.mark.parametrize("count", [3, 15])
def test_the_index_page_uses_a_constant_number_of_queries(
    client_as, member_a, payouts, count, django_assert_num_queries
):
    _make_articles(count, payouts)
    browser = client_as(member_a)
    with django_assert_num_queries(7):  # +1: announcement banners (onboarding)
        assert browser.get(reverse("faq:index")).status_code == 200
    # +1: announcement banners (onboarding), +1: the search log's insert
    with django_assert_num_queries(6):
        assert browser.get(reverse("faq:index"), {"q": "payout"}).status_code == 200


@pytest.mark.parametrize("count", [3, 15])
def test_the_article_page_uses_a_constant_number_of_queries(
    client_as, member_a, payouts, count, django_assert_num_queries
):
    _make_articles(count, payouts)
    article = Article.objects.first()
    browser = client_as(member_a)
    # +1: announcement banners (onboarding); +1: the language versions (issue 22)
    with django_assert_num_queries(9):
        assert browser.get(article.get_absolute_url()).status_code == 200


def test_search_results_are_counted_and_paged(client_as, member_a, payouts):
    _make_articles(25, payouts)
    browser = client_as(member_a)
    page_2 = browser.get(reverse("faq:index"), {"q": "payout", "page": 2})
    assert page_2.context["page_obj"].paginator.count == 25
    assert len(page_2.context["page_obj"]) == 5
    past_the_end = browser.get(reverse("faq:index"), {"q": "payout", "page": 9})
    assert past_the_end.context["page_obj"].number == 2


def test_search_results_do_not_load_article_bodies(client_as, member_a, payouts):
    _make_articles(3, payouts)
    response = client_as(member_a).get(reverse("faq:index"), {"q": "payout"})
    [first, *_] = response.context["page_obj"]
    assert {"body", "body_html", "search_vector"} <= first.get_deferred_fields()
