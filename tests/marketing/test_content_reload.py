"""Issue 17: a content CSV re-load said only how many figures change. Its preview
now shows, as the campaign figures' does (one home: core/reload.py), each changed
value old → new before anything is written; confirming applies what was shown."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketing.models import ContentItem, ContentMetric, ContentUpload
from tests.marketing.test_content import GOOD

pytestmark = pytest.mark.django_db


def _upload(browser, network, text):
    return browser.post(
        "/content/upload/",
        {"network": network.pk, "file": SimpleUploadedFile("c.csv", text.encode())},
    )


def _previewed(page: str) -> str:
    return page.split('name="previewed" value="')[1].split('"')[0]


def test_a_reload_previews_each_changed_figure_old_to_new(
    client_as, network_a, member_a
):
    browser = client_as(member_a)
    browser.post(_upload(browser, network_a, GOOD)["Location"])  # first load
    corrected = GOOD.replace(",1000,80,", ",1500,80,")

    preview = _upload(browser, network_a, corrected)["Location"]
    page = browser.get(preview).content.decode()

    assert '<del aria-label="was">1,000</del> → <ins>1,500</ins>' in page
    assert 'data-count="changed">1<' in page
    assert 'data-count="unchanged">11<' in page
    assert "https://video.example/a" in page
    assert "The file adds 0 new content items." in page
    stored = ContentMetric.objects.get(metric="views", date="2026-03-01")
    assert stored.value == 1000  # nothing is written until confirmed

    browser.post(preview, {"previewed": _previewed(page)})
    stored.refresh_from_db()
    assert stored.value == 1500


def test_a_first_load_lists_new_figures_and_new_items(client_as, network_a, member_a):
    browser = client_as(member_a)
    page = browser.get(_upload(browser, network_a, GOOD)["Location"]).content.decode()
    assert "<del" not in page and "preview-new" in page
    assert 'data-count="new">12<' in page
    assert "The file adds 2 new content items." in page
    assert not ContentItem.objects.exists() and not ContentMetric.objects.exists()


def test_one_new_item_is_named_in_the_singular(client_as, network_a, member_a):
    browser = client_as(member_a)
    one_item = "\n".join(GOOD.splitlines()[:2]) + "\n"
    page = browser.get(_upload(browser, network_a, one_item)["Location"])
    assert "The file adds 1 new content item." in page.content.decode()


def test_a_confirmation_after_the_figures_moved_is_refused_and_previews_again(
    client_as, network_a, member_a
):
    browser = client_as(member_a)
    browser.post(_upload(browser, network_a, GOOD)["Location"])
    mine = _upload(browser, network_a, GOOD.replace(",1000,80,", ",1500,80,"))
    page = browser.get(mine["Location"]).content.decode()
    browser.post(
        _upload(browser, network_a, GOOD.replace(",1000,80,", ",1200,80,"))["Location"]
    )

    response = browser.post(mine["Location"], {"previewed": _previewed(page)})

    text = response.content.decode()
    assert response.status_code == 200
    assert "changed since this preview" in text
    assert '<del aria-label="was">1,200</del> → <ins>1,500</ins>' in text
    views = ContentMetric.objects.get(metric="views", date="2026-03-01")
    assert views.value == 1200
    assert ContentUpload.objects.filter(applied_at__isnull=True).count() == 1


def test_a_refused_reload_changes_nothing_and_names_each_bad_line(
    client_as, network_a, member_a
):
    browser = client_as(member_a)
    browser.post(_upload(browser, network_a, GOOD)["Location"])
    bad = GOOD.replace(",1000,80,", ",1500,80,") + (
        "https://video.example/a,ana,short_video,2026-03-01 18:00,,#live,2026-03-09,-1,0,0,0\n"
    )

    response = _upload(browser, network_a, bad)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was loaded" in text and "Line 5" in text and "negative" in text
    assert "<del" not in text
    assert ContentMetric.objects.get(metric="views", date="2026-03-01").value == 1000
    assert ContentUpload.objects.filter(applied_at__isnull=True).count() == 0


def test_another_persons_staged_file_is_not_theirs_to_preview(
    client_as, network_a, member_a, owner_a
):
    browser = client_as(member_a)
    preview = _upload(browser, network_a, GOOD)["Location"]
    assert client_as(owner_a).get(preview).status_code == 404
    assert client_as(owner_a).post(preview).status_code == 404
    assert not ContentMetric.objects.exists()
