"""The programmes app's rows of the access-control matrix (``tests/test_access_matrix``).

Each URL builds, on first use, a running feature test in which network A takes
part (invited, accepted); network B has nothing to do with it.
"""

from programmes.models import Application
from tests.programmes.factories import running_test
from tests.test_access_matrix import (
    ANON,
    INTERN,
    LOGIN,
    MANAGER,
    MEMBER_A,
    MEMBER_B,
    Row,
    manager_only,
    network_a_and_staff,
    signed_in,
    staff_only,
)


def _objects(o: dict) -> dict:
    if "feature_test" not in o:
        test = running_test(o["network"], name="Matrix beta")
        o["feature_test"] = test
        o["application"] = Application.objects.get(feature_test=test)
    return o


def _url(template: str):
    return lambda o: template.format(**_objects(o))


P = "/programmes/{feature_test.pk}"
API = "/api/v1/programmes/{feature_test.pk}"
NETWORK_A_ONLY = {ANON: LOGIN, MEMBER_A: 302, MEMBER_B: 404, INTERN: 404, MANAGER: 404}

PROGRAMME_ROWS = {
    "programmes:list": Row("/programmes/", signed_in(200)),
    "programmes:create": Row("/programmes/new/", manager_only()),
    "programmes:detail": Row(_url(P + "/"), network_a_and_staff()),
    "programmes:edit": Row(_url(P + "/edit/"), manager_only()),
    "programmes:transition": Row(
        _url(P + "/transition/"), manager_only(302), "post", {"to": "bogus"}
    ),
    "programmes:documentation": Row(
        _url(P + "/documentation/"), manager_only(302), "post", {"step": "bogus"}
    ),
    "programmes:invite": Row(_url(P + "/invite/"), manager_only()),
    # networks apply; staff never do
    "programmes:apply": Row(_url(P + "/apply/"), NETWORK_A_ONLY, "post"),
    # managers decide; the invited network answers; interns and others never
    "programmes:decide": Row(
        _url(P + "/applications/{application.pk}/decide/"),
        {**NETWORK_A_ONLY, MANAGER: 302},
        "post",
        {"status": "accepted"},
    ),
    "programmes:checkin": Row(_url(P + "/checkin/"), {**NETWORK_A_ONLY, MEMBER_A: 200}),
    "programmes:export": Row(_url(P + "/export.csv"), staff_only()),
    "programme-list": Row("/api/v1/programmes/", signed_in(200, anonymous=401)),
    "programme-detail": Row(_url(API + "/"), network_a_and_staff(anonymous=401)),
    "programme-transition": Row(
        _url(API + "/transition/"),
        {ANON: 401, MEMBER_A: 403, MEMBER_B: 404, INTERN: 403, MANAGER: 400},
        "post",
        {"status": "bogus"},
    ),
    "programme-applications": Row(
        _url(API + "/applications/"), network_a_and_staff(anonymous=401)
    ),
    # the matrix client's PATCH is an empty JSON body: a JSON 400 (field errors) for
    # those allowed that far
    "programme-application": Row(
        _url(API + "/applications/{application.pk}/"),
        {ANON: 401, MEMBER_A: 400, MEMBER_B: 404, INTERN: 403, MANAGER: 400},
        "patch",
    ),
    "programme-checkins": Row(
        _url(API + "/checkins/"), network_a_and_staff(anonymous=401)
    ),
}
