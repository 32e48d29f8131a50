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


class ConfirmationRequiredError(ConflictError):
    """A final or outward-facing step the portal asks about first (a campaign going
    live early, closing; a feedback status that e-mails networks). The API answers
    409 with the portal's own ``warnings`` until the request says ``"confirm": true``.
    """

    HINT = "send confirm=true to proceed"

    def __init__(self, message: str, *, warnings: list[str]):
        super().__init__(message, extra={"warnings": warnings, "confirm": self.HINT})


def require_confirmation(warnings: list[str], *, confirmed: bool, message: str) -> None:
    """Refuse an unconfirmed step that has warnings; ``warnings`` come from the
    selector the portal's confirmation page shows them from."""
    if warnings and not confirmed:
        raise ConfirmationRequiredError(message, warnings=warnings)


class RateLimitedError(ApplicationError):
    """Too many requests of one kind in a period; try again later."""

    status_code = 429
