from django.http import Http404

from campaigns.selectors import campaign_get
from hub import permissions as access


def manager_campaign(request, pk: int):
    """The campaign, for agency managers only; everyone else gets 404."""
    if not access.is_manager(request.user):
        raise Http404
    return campaign_get(user=request.user, pk=pk)


def require_manager(request) -> None:
    if not access.is_manager(request.user):
        raise Http404
