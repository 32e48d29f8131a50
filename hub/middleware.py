"""The people layer's middleware: the second factor a session still owes, and times
in the viewer's time zone. Request plumbing every app shares (security headers,
NUL bytes, database outages) is in ``core/middleware.py``."""


class SecondFactorMiddleware:
    """Keeps a session that still owes its second factor on the pages that settle it.

    After the password, a session is ``verify`` (enter the code) or ``enrol`` (staff
    who must set one up; see ``hub.two_factor``). Until then every other page, the
    admin and the session-authenticated API are out of reach: pages redirect to the
    step, the API answers 403 JSON. Token-authenticated API calls never have such a
    session (tokens are only issued after the second factor).
    """

    OPEN = ("/static/", "/healthz", "/accounts/logout/")
    STEP_PAGES = {
        "verify": ("/accounts/login/verify/",),
        "enrol": ("/accounts/two-factor/setup/",),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            from hub import two_factor

            state = two_factor.session_state(request)
            if state != two_factor.OK and not self._allowed(request.path, state):
                return self._send_to_step(request, state)
        return self.get_response(request)

    def _allowed(self, path: str, state: str) -> bool:
        return path.startswith(self.OPEN) or path.startswith(
            self.STEP_PAGES.get(state, ())
        )

    def _send_to_step(self, request, state: str):
        from django.http import JsonResponse
        from django.shortcuts import redirect
        from django.utils.http import urlencode

        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "message": "Finish signing in with your second factor first.",
                    "errors": {},
                },
                status=403,
            )
        step = self.STEP_PAGES[state][0]
        return redirect(f"{step}?{urlencode({'next': request.get_full_path()})}")


class TimeZoneMiddleware:
    """Shows times in the viewer's time zone (``hub.timezones.time_zone_for``):
    activated for the request, deactivated after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import timezone

        from hub.timezones import request_time_zone, zone_or_default

        timezone.activate(zone_or_default(request_time_zone(request)))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
