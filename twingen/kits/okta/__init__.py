"""Okta: the management API (``/api/v1``) with ``SSWS`` tokens, and okta-sdk-python."""

from __future__ import annotations

from pathlib import Path

from twingen.ir.parts import ApiParts
from twingen.kits.host import host_of
from twingen.kits.kit import IrRules, Kit, SdkAdapter, SuiteAdapter


def _recognise(part: ApiParts) -> str | None:
    host = host_of(part)
    if "okta" in host:
        return f"service host {host}"
    if any(s.kind == "apikey" and s.prefix.upper() == "SSWS" for s in part.auth_schemes):
        return "an api key scheme with the SSWS prefix"
    return None


KIT = Kit(
    name="okta",
    folder=Path(__file__).parent,
    recognise=_recognise,
    error_envelope="{errorCode, errorSummary, errorLink, errorId, errorCauses}",
    error_code="twingen.kits.okta.oracle:error_code",
    sdks=(
        SdkAdapter(
            package="okta",
            scanner="twingen.kits.okta.sdk_scan:scan",
            driver="twingen.kits.okta.check.driver:OktaDriver",
            camel_operation_ids=True,
        ),
    ),
    suites=(SuiteAdapter(name="okta", driver="twingen.kits.okta.suite:OktaSuite"),),
    # Okta takes the SSWS API token on every management API, including the few operations whose security lists
    # only oauth2 (https://developer.okta.com/docs/guides/create-an-api-token/main/: "API tokens ... can be used
    # to access the Okta management APIs"; okta-sdk-python's own tests call them with SSWS)
    ir=IrRules(api_key_paths=("/api/v1/",)),
    answer_header="x-okta-request-id",
    # "You do not have permission to access the feature you are requesting": the recorded org's SKU
    # (https://developer.okta.com/docs/reference/error-codes/#E0000015)
    feature_off_codes=("E0000015",),  # on every answer of Okta's API (recorded answers of the okta-sdk suite)
    requirements=("PyJWT[crypto]>=2.8",),  # OAuth: client assertions checked, access tokens signed
)
