from django import template

from onboarding.selectors import banner_announcements

register = template.Library()


@register.simple_tag(takes_context=True)
def announcement_banners(context) -> list:
    """Unacknowledged announcements for the signed-in network member (≤ 2 queries)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return []
    return banner_announcements(user=user)
