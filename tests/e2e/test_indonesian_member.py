"""Issue 22's acceptance for Indonesian, in a real browser: a member whose browser
asks for Indonesian files a ticket and reads an article in Indonesian, and the
ticket's e-mail reaches them in Indonesian."""

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from faq import services as faq_services
from tests.e2e.test_languages import sign_in
from tests.faq.factories import ArticleFactory
from tickets.models import Ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_indonesian_member_files_a_ticket_and_reads_an_article_in_indonesian(
    browser: Browser, live_server, member_a, network_a, intern, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    network_a.default_language = "id"  # a Jakarta agency: its e-mails' language
    network_a.save()
    source = ArticleFactory(
        title="How payouts work",
        body="Payouts are sent on the 10th.",
        audience="networks",
    )
    translated = faq_services.article_translate(
        source=source,
        language="id",
        title="Cara kerja pembayaran",
        body="Pembayaran dikirim setiap tanggal 10.",
        editor=intern,
        status="published",
    )
    context = browser.new_context(locale="id-ID")  # Accept-Language: id-ID
    try:
        page = context.new_page()
        sign_in(page, live_server.url, member_a)
        expect(page.locator("html")).to_have_attribute("lang", "id")

        # the ticket form speaks Indonesian; the ticket is filed
        page.goto(f"{live_server.url}/tickets/new/")
        expect(page.get_by_label("Subjek")).to_be_visible()
        page.get_by_label("Subjek").fill("Berlian dari battle LIVE belum masuk")
        page.locator("textarea[name=description]").fill(
            "Berlian kreator kami dari battle tanggal 12 belum muncul di laporan."
        )
        page.locator("#main form button[type=submit]").last.click()
        ticket = Ticket.objects.get(subject="Berlian dari battle LIVE belum masuk")
        expect(page).to_have_url(f"{live_server.url}{ticket.get_absolute_url()}")
        expect(page.locator("html")).to_have_attribute("lang", "id")

        # the English article opens in its Indonesian version
        page.goto(f"{live_server.url}{source.get_absolute_url()}")
        article = page.locator("article.faq-article")
        expect(article).to_have_attribute("lang", "id")
        expect(article.locator("h1")).to_have_text(translated.title)
        expect(article).to_contain_text("Pembayaran dikirim setiap tanggal 10.")
    finally:
        context.close()

    # the "we received your ticket" e-mail is in Indonesian too: e-mail cannot read the
    # browser's choice, so it follows the preference, else the network's default
    received = [m for m in mail.outbox if ticket.reference in m.subject]
    assert received, [m.subject for m in mail.outbox]
    assert received[0].extra_headers.get("Content-Language") == "id"
