"""Property-based API fuzzing with schemathesis against ``/api/schema/``.

Bounded (a few examples per operation) so it runs in CI: no request may cause a
server error, and every documented response must match the schema. Runs against
the live test server over real HTTP, as a staff member and as a network member.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from hub.tokens import api_token_create

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 6


def _fuzz(base_url: str, token: str) -> list[str]:
    schema = schemathesis.openapi.from_url(f"{base_url}/api/schema/?format=json")
    headers = {"Authorization": f"Token {token}"}
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

        run()
    return tried


@pytest.fixture
def ticket_of_a(network_a, member_a):
    from tests.tickets.factories import TicketFactory

    return TicketFactory(network=network_a, requester=member_a)


@pytest.mark.parametrize("who", ["manager", "member_a"])
def test_the_api_never_errors_and_matches_its_schema(
    live_server, ticket_of_a, who, request
):
    user = request.getfixturevalue(who)
    token = api_token_create(user=user, name="fuzz")[1]
    tried = _fuzz(live_server.url, token)
    assert "GET /api/v1/tickets/" in tried
    assert "POST /api/v1/tickets/{reference}/messages/" in tried
