"""The request being served, for audit rows written by services that never see it.

``AuditContextMiddleware`` keeps the current request in a context variable (per
thread and per asyncio task), so ``audit_record`` can note the client address of
an action taken deep inside a service. Outside a request (Celery, commands) there
is none and the address stays empty.
"""

from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)


def current_request():
    return _current_request.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
