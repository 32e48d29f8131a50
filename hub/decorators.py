"""The one way a portal view says who may reach it: staff only, agency managers
only, network members only (not staff), or network members and staff.

All sign people in first (anonymous → the sign-in page) and answer 404 to anyone
else signed in, as every staff page does, so a network member cannot even tell
the page exists.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from hub import permissions as access


def _only(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def _member_or_staff(user) -> bool:
    return access.is_staff_member(user) or bool(access.network_ids(user))


def _network_member(user) -> bool:
    return not access.is_staff_member(user) and bool(access.network_ids(user))


staff_required = _only(access.is_staff_member)
manager_required = _only(access.is_manager)
member_or_staff_required = _only(_member_or_staff)
network_member_required = _only(_network_member)
