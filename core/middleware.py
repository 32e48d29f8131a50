"""Request plumbing every page and the API share: security headers, refusing NUL
bytes and unreadable forms, 503 while the database is away, and the benchmarks'
query count. The people layer's own middleware (second factor, time zone) is in
``hub/middleware.py``."""

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


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL character in the path, the query, a cookie or a form
    field, before anything reaches the database (PostgreSQL refuses NUL in text,
    and psycopg raises ``ValueError``, which would otherwise be a 500 wherever a
    query parameter reaches a query). A form body larger than
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` answers 413, a form that cannot be parsed 400.
    JSON bodies are checked by the API's parser (``core.api.parsers``). Reading the
    form here costs nothing extra: the CSRF check reads it next anyway.
    """

    FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
        from django.http.multipartparser import MultiPartParserError

        try:
            found = self._has_nul(request)
        except RequestDataTooBig:
            return error_response(request, 413, "The request body is too large.")
        except (SuspiciousOperation, MultiPartParserError):  # too many fields, garbled
            return error_response(request, 400, "The form could not be read.")
        if found:
            return error_response(
                request, 400, "The request contains a NUL character, which is refused."
            )
        return self.get_response(request)

    def _has_nul(self, request) -> bool:
        if "\x00" in request.path_info:
            return True
        sources = [request.GET, request.COOKIES]
        if request.method == "POST" and request.content_type in self.FORMS:
            sources.append(request.POST)  # files are not fields: never checked
        for source in sources:
            items = source.lists() if hasattr(source, "lists") else source.items()
            for key, values in items:
                values = values if isinstance(values, list) else [values]
                if "\x00" in key or any("\x00" in value for value in values):
                    return True
        return False


def error_response(request, status: int, message: str):
    """The hub's error answer: JSON ``{"message", "errors"}`` for the API and JSON
    clients, a short page otherwise."""
    from django.http import JsonResponse
    from django.shortcuts import render

    if request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    ):
        return JsonResponse({"message": message, "errors": {}}, status=status)
    return render(request, "400.html", {"message": message}, status=status)


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
