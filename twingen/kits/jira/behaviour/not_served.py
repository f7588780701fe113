"""Requests jira 3.10.5 builds for routes Jira does not serve: the twin answers as Jira answers a path it lacks.

The library's scan turns each of its calls into an operation, so these paths exist in the twin's spec (from the SDK,
not the docs). Jira itself has no such resource, so it answers 404 ("null for uri"), or 405 where the path exists
for other methods. Sources: https://developer.atlassian.com/cloud/jira/platform/rest/v2/ (no GET of a single field
or gadget), https://developer.atlassian.com/cloud/jira/software/rest/ (no sprint report under agile/1.0),
https://developer.atlassian.com/cloud/jira/service-desk/rest/ (POST /rest/servicedeskapi/customer only).
"""

from __future__ import annotations

from typing import NoReturn

from ..runtime import Context
from ._api import any_credential
from ._errors import jira_error

# the scanned operations carry no security of the docs: a caller is still authenticated first, as Jira does
# (a wrong API token is its 401 before any 404)


@any_credential("workflowscheme")  # /rest/api/2/workflowschemes: Jira's resource is /workflowscheme
@any_credential("get_igrid")  # the iDalko Table Grid app's resource, on no site without that app
@any_credential("incompletedIssuesEstimateSum")  # /rest/agile/1.0/rapid/charts/sprintreport (greenhopper/1.0 only)
@any_credential("Field.find")  # GET /rest/api/2/field/{id}: a field cannot be fetched alone
@any_credential("UnknownResource.find")  # the library's placeholder path
def not_a_jira_route(ctx: Context) -> NoReturn:
    raise jira_error("not_found", f"null for uri: {ctx.base_url.rstrip('/')}{ctx.path}")


@any_credential("DashboardGadget.find")  # /rest/api/2/dashboard/{id}/gadget/{gadgetId} takes PUT and DELETE
@any_credential("Customer.find")  # /rest/servicedeskapi/customer takes POST
def method_not_served(ctx: Context) -> NoReturn:
    raise jira_error("method_not_allowed", "Method Not Allowed")
