"""The portal's access decorators, tried from the side of the person kept out:
anonymous people sign in first, everyone else refused gets a 404."""

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from hub.decorators import member_or_staff_required, network_member_required

pytestmark = pytest.mark.django_db


@member_or_staff_required
def _member_or_staff_view(request):
    return HttpResponse("ok")


@network_member_required
def _network_member_view(request):
    return HttpResponse("ok")


def _call(view, user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    try:
        return view(request).status_code
    except Http404:
        return 404


def test_member_or_staff_keeps_out_people_of_no_network(
    member_a, intern, manager, outsider
):
    answers = {
        who: _call(_member_or_staff_view, user)
        for who, user in [
            ("member", member_a),
            ("intern", intern),
            ("manager", manager),
            ("outsider", outsider),
        ]
    }
    assert answers == {"member": 200, "intern": 200, "manager": 200, "outsider": 404}


def test_network_member_keeps_out_staff_and_people_of_no_network(
    member_a, intern, manager, outsider
):
    answers = {
        who: _call(_network_member_view, user)
        for who, user in [
            ("member", member_a),
            ("intern", intern),
            ("manager", manager),
            ("outsider", outsider),
        ]
    }
    assert answers == {"member": 200, "intern": 404, "manager": 404, "outsider": 404}


def test_both_send_anonymous_people_to_sign_in():
    from django.contrib.auth.models import AnonymousUser

    for view in (_member_or_staff_view, _network_member_view):
        status = _call(view, AnonymousUser())
        assert status == 302
