"""The hub project package: settings, URLs, Celery and the networks domain."""

from hub.celery import app as celery_app

__all__ = ("celery_app",)
