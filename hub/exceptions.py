"""One family of errors that services raise and views translate."""


class ApplicationError(Exception):
    """A request the hub understood but refuses; ``message`` is shown to people.

    ``extra`` carries field errors or context, e.g. ``{"fields": {"status": [...]}}``.
    """

    status_code = 400

    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class PermissionDeniedError(ApplicationError):
    status_code = 403


class NotFoundError(ApplicationError):
    status_code = 404


class ConflictError(ApplicationError):
    """Someone else changed the object first; ``extra['changes']`` says what."""

    status_code = 409


class RateLimitedError(ApplicationError):
    """Too many requests of one kind in a period; try again later."""

    status_code = 429
