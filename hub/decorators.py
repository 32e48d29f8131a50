"""The one way a portal view says "staff only" or "agency managers only".

Both sign people in first (anonymous → the sign-in page) and answer 404 to anyone
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


staff_required = _only(access.is_staff_member)
manager_required = _only(access.is_manager)
