"""Content engagement: CSV load (idempotent, all or nothing), API, engagement rate."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import ApplicationError
from marketing import services
from marketing.engagement import engagement_rate
from marketing.models import ContentItem, ContentMetric
from tests.marketing.factories import ContentItemFactory

pytestmark = pytest.mark.django_db

HEADER = "url,creator_handle,kind,posted_at,campaign,hashtags,date,views,likes,comments,shares\n"
GOOD = HEADER + (
    "https://video.example/a,ana,short_video,2026-03-01 18:00,,#live,2026-03-01,1000,80,10,10\n"
    "https://video.example/a,ana,short_video,2026-03-01 18:00,,#live,2026-03-02,500,20,5,0\n"
    "https://video.example/b,ben,post,2026-03-02T09:00:00+00:00,,,2026-03-02,200,10,0,0\n"
)


def _load(network, user, text):
    upload = services.content_upload_stage(network=network, user=user, text=text)
    return services.content_upload_apply(upload=upload, user=user)


def test_loading_the_same_csv_twice_does_not_double(network_a, member_a):
    first = _load(network_a, member_a, GOOD)
    second = _load(network_a, member_a, GOOD)

    assert first == {"new": 12, "changed": 0, "unchanged": 0}
    assert second == {"new": 0, "changed": 0, "unchanged": 12}
    assert ContentItem.objects.filter(network=network_a).count() == 2
    assert ContentMetric.objects.count() == 12
    item = ContentItem.objects.get(url="https://video.example/a")
    assert item.posted_at.utcoffset() is not None  # read in the network's zone


def test_changed_figures_replace_the_old_ones(network_a, member_a):
    _load(network_a, member_a, GOOD)
    counts = _load(network_a, member_a, GOOD.replace(",1000,80,", ",1500,80,"))
    assert counts == {"new": 0, "changed": 1, "unchanged": 11}
    assert ContentMetric.objects.get(metric="views", date="2026-03-01").value == 1500


def test_a_file_with_bad_lines_is_refused_whole_naming_each_line(network_a, member_a):
    bad = GOOD + (
        "https://video.example/c,cat,reel,2026-03-01 10:00,,,2026-03-01,5,1,0,0\n"
        "https://video.example/d,dan,post,2026-03-01 10:00,,,2026-13-01,-5,1,0,0\n"
        "not a url,eve,post,2026-03-01 10:00,,,2026-03-01,5,1,0,0\n"
    )
    with pytest.raises(ApplicationError) as refused:
        services.content_upload_stage(network=network_a, user=member_a, text=bad)

    rows = refused.value.extra["rows"]
    assert set(rows) == {"5", "6", "7"}
    assert any("kind" in p for p in rows["5"])
    assert any("date" in p for p in rows["6"]) and any(
        "negative" in p for p in rows["6"]
    )
    assert not ContentItem.objects.exists() and not ContentMetric.objects.exists()


def test_a_url_of_another_network_is_refused(network_a, network_b, member_a):
    ContentItemFactory(network=network_b, url="https://video.example/a")
    with pytest.raises(ApplicationError) as refused:
        services.content_upload_stage(network=network_a, user=member_a, text=GOOD)
    assert "another network" in " ".join(refused.value.extra["rows"]["2"])


def test_engagement_rate_is_interactions_over_views():
    assert engagement_rate(
        {"views": 1000, "likes": 80, "comments": 10, "shares": 10}
    ) == Decimal("10.00")
    assert engagement_rate({"views": 0, "likes": 5}) is None


def test_api_figures_only_for_ones_own_content(network_a, network_b, member_a):
    mine = ContentItemFactory(network=network_a)
    theirs = ContentItemFactory(network=network_b)
    from marketing.loading import FigureRow

    ok = services.content_metrics_load(
        user=member_a, rows=[FigureRow(0, mine.url, "2026-03-01", "views", "10")]
    )
    assert ok == {"new": 1, "changed": 0, "unchanged": 0}
    with pytest.raises(ApplicationError) as refused:
        services.content_metrics_load(
            user=member_a,
            rows=[
                FigureRow(0, mine.url, "2026-03-02", "views", "10"),
                FigureRow(1, theirs.url, "2026-03-01", "views", "10"),
            ],
        )
    assert set(refused.value.extra["rows"]) == {"1"}
    assert ContentMetric.objects.count() == 1


def test_upload_page_then_chart_for_the_network(client_as, network_a, member_a):
    browser = client_as(member_a)
    for _ in range(2):
        response = browser.post(
            "/content/upload/",
            {
                "network": network_a.pk,
                "file": SimpleUploadedFile("c.csv", GOOD.encode()),
            },
        )
        assert response.status_code == 302, response.content[:2000]
        confirm = browser.post(response["Location"])
        assert confirm.status_code == 302
    assert ContentMetric.objects.count() == 12
    page = browser.get("/content/")
    assert page.status_code == 200
    assert b'<svg class="chart' in page.content and b"ana" in page.content


def test_upload_page_lists_bad_lines_and_keeps_nothing(client_as, network_a, member_a):
    bad = HEADER + "https://video.example/x,xx,post,2026-03-01 10:00,,,nope,5,1,0,0\n"
    response = client_as(member_a).post(
        "/content/upload/",
        {"network": network_a.pk, "file": SimpleUploadedFile("c.csv", bad.encode())},
    )
    assert response.status_code == 200
    assert b"Line 2" in response.content
    assert not ContentItem.objects.exists()
