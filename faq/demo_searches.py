"""Demo search log (``seed_demo``): a few days of FAQ searches by the demo networks
that the knowledge base could not answer, so that ``/hub/recurring/`` shows search
gaps. Result counts come from the real search; running it twice changes nothing."""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from faq import search_log, selectors
from faq.models import SearchRecord
from hub.models import User

# (who, source, query, hours ago): three questions asked in several ways, one lone
SEARCHES = [
    ("member@northstar.example", "hub", "gift sticker not showing", 70),
    ("owner@lumen.example", "ticket-form", "stickers missing in live gifts", 52),
    ("owner@northstar.example", "api", "gift stickers not visible in live", 30),
    ("member@northstar.example", "hub", "invoice for commission payments", 60),
    ("owner@lumen.example", "hub", "commission invoice download", 26),
    ("owner@lumen.example", "api", "vat invoice for agency commission", 8),
    ("owner@northstar.example", "hub", "change agency logo", 44),
    ("owner@lumen.example", "ticket-form", "upload a new agency logo", 20),
    ("member@northstar.example", "hub", "backstage dark mode", 12),
]
PEOPLE = sorted({email for email, *_rest in SEARCHES})


def seed(options: dict, out: Callable[[str], None]) -> None:
    people = {user.email: user for user in User.objects.filter(email__in=PEOPLE)}
    if not people or SearchRecord.objects.filter(user__in=people.values()).exists():
        return
    now = timezone.now()
    recorded = 0
    for email, source, query, hours_ago in SEARCHES:
        user = people.get(email)
        if user is None:
            continue
        results = selectors.article_search(
            user=user, query=query, queryset=selectors.published_articles(user)
        ).count()
        recorded += bool(
            search_log.search_record(
                query,
                source=source,
                results=results,
                user=user,
                now=now - timedelta(hours=hours_ago),
            )
        )
    out(f"FAQ search log: {recorded} demo searches")
