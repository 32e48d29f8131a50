from django.contrib import messages

from core.exceptions import ApplicationError


def refuse(request, form, exc: ApplicationError) -> None:
    """Put a service's refusal onto the form (field errors) and the page."""
    for field, problems in exc.extra.get("fields", {}).items():
        for problem in problems:
            form.add_error(field if field in form.fields else None, problem)
    messages.error(request, exc.message)
