"""Service standards: the support team's calendar and SLA targets per priority."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.models import TIME_ZONE_CHOICES, CreatorNetwork
from tickets.business_time import Calendar
from tickets.models.core import Ticket

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def default_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


class BusinessCalendar(models.Model):
    """Working time: a time zone, working weekdays, daily hours and holidays."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC"
    )
    weekdays = models.JSONField(
        _("working days"),
        default=default_weekdays,
        help_text=_("Weekday numbers, Monday = 0 … Sunday = 6."),
    )
    start_time = models.TimeField(_("work starts"), default=dt.time(9))
    end_time = models.TimeField(
        _("work ends"),
        default=dt.time(17),
        help_text=_("00:00 means midnight at the end of the day."),
    )

    class Meta:
        verbose_name = _("business calendar")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.to_calendar(holidays=())
        except (ValueError, TypeError, KeyError) as error:
            raise ValidationError(str(error)) from error

    def to_calendar(self, holidays=None) -> Calendar:
        """The pure :class:`Calendar` (holidays from the related rows unless given)."""
        if holidays is None:
            holidays = [h.date for h in self.holidays.all()]
        return Calendar(
            time_zone=self.time_zone,
            weekdays=frozenset(int(d) for d in self.weekdays),
            start=self.start_time,
            end=self.end_time,
            holidays=frozenset(holidays),
        )


class Holiday(models.Model):
    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.CASCADE,
        related_name="holidays",
        verbose_name=_("calendar"),
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("holiday")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "date"], name="unique_holiday_per_calendar"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}".strip()


class SlaPolicy(models.Model):
    """Targets in business minutes for one priority (and optionally one tier).

    A policy for the network's tier wins over the one for every tier (blank).
    """

    name = models.CharField(_("name"), max_length=80)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Ticket.Priority.choices
    )
    network_tier = models.CharField(
        _("network tier"),
        max_length=16,
        choices=CreatorNetwork.Tier.choices,
        blank=True,
        help_text=_("Blank: every tier without a policy of its own."),
    )
    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        on_delete=models.PROTECT,
        related_name="policies",
    )
    first_response_minutes = models.PositiveIntegerField(
        _("first response (business minutes)")
    )
    next_response_minutes = models.PositiveIntegerField(
        _("next response (business minutes)")
    )
    resolution_minutes = models.PositiveIntegerField(_("resolution (business minutes)"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["calendar", "network_tier", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "network_tier"], name="unique_sla_policy"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def minutes_for(self, target: str) -> int:
        return getattr(self, f"{target}_minutes")
