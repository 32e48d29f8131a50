"""Portal forms; they only shape input, the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hub import permissions as access
from hub.models import User
from tickets import workflow
from tickets.attachments import max_bytes
from tickets.models import CannedReply, Category, Ticket
from tickets.services import MAX_BODY, MAX_SUBJECT


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item) for item in data if item]
        return [super().clean(data)] if data else []


def _attachments_field():
    return MultipleFileField(
        label=_("Attachments"),
        help_text=_(
            "Screenshots, PDFs, screen recordings, documents; up to %(mb)s MB each."
        )
        % {"mb": max_bytes() // 1_048_576},
    )


class TicketCreateForm(forms.Form):
    network = forms.ModelChoiceField(
        label=_("Network"), queryset=None, to_field_name="slug"
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=MAX_SUBJECT,
        # no autocomplete="off": it also stops the browser restoring what was
        # typed when the person comes Back from a suggested article (issue 17)
    )
    description = forms.CharField(
        label=_("Describe your question or problem"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Ticket.Kind.choices, initial=Ticket.Kind.QUESTION
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Ticket.Priority.choices,
        initial=Ticket.Priority.NORMAL,
    )
    attachments = _attachments_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        networks = access.visible_networks(user).order_by("name")
        self.fields["network"].queryset = networks
        self.fields["attachments"] = _attachments_field()
        if not access.is_staff_member(user) and len(access.network_ids(user)) == 1:
            # One network: nothing to choose (the service picks it).
            del self.fields["network"]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    status = forms.ChoiceField(
        label=_("and set the status to"),
        required=False,
        choices=[("", _("(keep as it is)"))]
        + [(s, Ticket.Status(s).label) for s in workflow.REPLY_STATUSES],
    )
    attachments = _attachments_field()
    canned_reply = forms.ModelChoiceField(
        queryset=CannedReply.objects.filter(is_active=True),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = _attachments_field()
        if not access.can_work_tickets(user):
            del self.fields["status"]
            del self.fields["canned_reply"]
        else:
            self.fields["body"].label = _("Public reply (the network sees this)")


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note (staff only)"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = _attachments_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = _attachments_field()
        self.fields["attachments"].widget.attrs["id"] = "id_note_attachments"
        self.fields["body"].widget.attrs["id"] = "id_note_body"


class ComposerForm(forms.Form):
    """The staff composer: a public reply or an internal note in one form (the
    page's tabs set ``kind``; without JavaScript it is a radio). The submit
    button chosen sets ``status`` ("Send and set Pending"); ``seen`` is the newest
    message on screen when the page was drawn (a newer one by someone else holds
    the message: ``ReplyCollisionError``)."""

    REPLY, NOTE = "reply", "note"

    kind = forms.ChoiceField(
        label=_("Write"),
        choices=[(REPLY, _("Public reply")), (NOTE, _("Internal note"))],
        initial=REPLY,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6, "id": "composer-body"}),
    )
    attachments = _attachments_field()
    status = forms.ChoiceField(
        required=False,
        choices=[("", _("(keep as it is)"))]
        + [(s, Ticket.Status(s).label) for s in workflow.REPLY_STATUSES],
    )
    canned_reply = forms.ModelChoiceField(
        queryset=CannedReply.objects.filter(is_active=True),
        required=False,
        widget=forms.HiddenInput,
    )
    seen = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    open_next = forms.BooleanField(
        label=_("and open the next ticket in this view"), required=False
    )
    view = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    # the split Send control: (status, label, label once held); "" keeps it
    SEND_CHOICES = (
        ("", _("Send"), _("Send anyway")),
        ("pending", _("Send and set Pending"), _("Send anyway and set Pending")),
        ("solved", _("Send and set Solved"), _("Send anyway and set Solved")),
        ("on_hold", _("Send and set On hold"), _("Send anyway and set On hold")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = _attachments_field()
        self.fields["attachments"].widget.attrs.update(
            {"id": "composer-files", "class": "composer-files"}
        )


class PropertiesForm(forms.Form):
    """The staff side panel; issue 5 adds SLA fields here."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Ticket.Status.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Ticket.Priority.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Ticket.Kind.choices)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"),
        queryset=User.objects.filter(is_staff=True, is_active=True).order_by("email"),
        required=False,
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=600,
        help_text=_("Comma-separated."),
    )

    @classmethod
    def for_ticket(cls, ticket: Ticket, data=None):
        form = cls(
            data,
            initial={
                "version": ticket.version,
                "status": ticket.status,
                "priority": ticket.priority,
                "kind": ticket.kind,
                "category": ticket.category_id,
                "assignee": ticket.assignee_id,
                "tags": ", ".join(t.name for t in ticket.tags.all()),
            },
            prefix="props",
        )
        form.fields["status"].choices = [
            (s, Ticket.Status(s).label) for s in workflow.allowed_targets(ticket.status)
        ]
        return form

    def tag_names(self) -> list[str]:
        return [
            n for n in (p.strip() for p in self.cleaned_data["tags"].split(",")) if n
        ]


class CannedReplyPickForm(forms.Form):
    canned_reply = forms.ModelChoiceField(
        label=_("Canned reply"),
        queryset=CannedReply.objects.filter(is_active=True),
        empty_label=_("Choose a canned reply…"),
    )

    def __init__(self, *args, macros=None, **kwargs):
        """``macros``: the active canned replies, when the caller already read them."""
        super().__init__(*args, **kwargs)
        field = self.fields["canned_reply"]
        field.widget.attrs["id"] = "id_pick_canned_reply"
        if macros is not None:
            field.widget.choices = [("", field.empty_label)] + [
                (macro.pk, field.label_from_instance(macro)) for macro in macros
            ]


class BulkActionForm(forms.Form):
    """The queue's bulk bar: leave a field empty to keep it as it is."""

    tickets = forms.MultipleChoiceField(choices=(), required=True)
    assignee = forms.ChoiceField(label=_("Assign to"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("(keep)"))] + list(Ticket.Status.choices),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("(keep)"))] + list(Ticket.Priority.choices),
    )
    add_tag = forms.CharField(label=_("Add tag"), required=False, max_length=50)

    UNASSIGN = "none"

    def __init__(self, *args, references=(), staff=None, **kwargs):
        """``staff``: (id, label) pairs already read (the queue passes its filter's)."""
        super().__init__(*args, **kwargs)
        self.fields["tickets"].choices = [(r, r) for r in references]
        if staff is None:
            users = User.objects.filter(is_staff=True, is_active=True).order_by("email")
            staff = [(str(u.pk), str(u)) for u in users]
        self.fields["assignee"].choices = [
            ("", _("(keep)")),
            (self.UNASSIGN, _("(nobody)")),
        ] + list(staff)


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Save these filters as"), max_length=80)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How did we do?"),
        coerce=int,
        choices=[
            (5, _("5 — excellent")),
            (4, _("4 — good")),
            (3, _("3 — okay")),
            (2, _("2 — poor")),
            (1, _("1 — very poor")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything we could do better? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
