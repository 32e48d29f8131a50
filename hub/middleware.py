"""Security headers the framework does not set on its own."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy (no inline or remote scripts) and a
    Permissions-Policy that turns off browser features the hub never uses.

    Styles allow ``'unsafe-inline'`` only because the Django admin uses ``style``
    attributes; scripts never do.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.HUB_CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class QueryCountHeaderMiddleware:
    """Adds ``X-Query-Count`` (SQL queries run for the request); benchmarks only.

    Enabled with ``HUB_QUERY_COUNT_HEADER=true``; never on in production.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connection

        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class DatabaseUnavailableMiddleware:
    """When the database is unreachable, answer 503 with a retry hint, not a 500.

    Pages get a short explanation; the API and JSON clients get the usual error body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable_response(request)


def database_unavailable_response(request):
    import logging

    from django.http import JsonResponse
    from django.shortcuts import render

    logging.getLogger(__name__).warning("database unavailable for %s", request.path)
    if request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    ):
        response = JsonResponse(
            {
                "message": "The service is briefly unavailable; please retry.",
                "errors": {},
            },
            status=503,
        )
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = "5"
    return response


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
