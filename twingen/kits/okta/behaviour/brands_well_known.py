"""A brand's customized well-known URIs (apple-app-site-association, assetlinks.json, webauthn): a feature a new org
does not have, so Okta answers 401 E0000015 for a brand that exists (recorded), 404 for one that does not.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AssociatedDomainCustomizations/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._errors import okta_error
from .brands import find_brand


@behaviour("getAllWellKnownURIs")
@behaviour("getRootBrandWellKnownURI")
@behaviour("getBrandWellKnownURI")
@behaviour("replaceBrandWellKnownURI")
def well_known_uris(ctx: Context) -> Any:
    find_brand(ctx)
    raise okta_error("E0000015")
