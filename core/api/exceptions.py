"""Every API error as JSON: ``{"message": ..., "errors": {field: [...]}}``."""

import logging

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)


def _first_message(errors) -> str:
    if isinstance(errors, dict):
        for key, value in errors.items():
            text = _first_message(value)
            if text:
                return (
                    text if key in ("non_field_errors", "detail") else f"{key}: {text}"
                )
    elif isinstance(errors, list):
        for value in errors:
            text = _first_message(value)
            if text:
                return text
    elif errors:
        return str(errors)
    return ""


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"message": "The request body is too large.", "errors": {}},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, SuspiciousOperation):  # e.g. too many fields
        return Response(
            {"message": "The request could not be understood.", "errors": {}},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    if isinstance(exc, ApplicationError):
        body = {"message": exc.message, "errors": exc.extra.get("fields", {})}
        body.update({k: v for k, v in exc.extra.items() if k != "fields"})
        return Response(body, status=exc.status_code)

    if isinstance(exc, OperationalError | InterfaceError):
        logger.warning("API: database unavailable: %s", exc)
        return Response(
            {
                "message": "The service is briefly unavailable; please retry.",
                "errors": {},
            },
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "5"},
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            {
                "message": "Something went wrong on our side; the error was logged.",
                "errors": {},
            },
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        message = _first_message(errors) or "Invalid input."
        response.data = {"message": message, "errors": errors}
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else data
        response.data = {"message": str(detail), "errors": {}}
    return response
