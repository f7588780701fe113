"""Associated domains customizations: the well-known URIs (``apple-app-site-association``, ``assetlinks.json``,
``webauthn``) a brand's custom domain serves for native apps and passkeys.

A new org does not have the feature: after finding the brand (404 ``(Brand)`` for an unknown one), Okta answers as
for a feature the org lacks, 401 E0000015 (recorded on the developer org the SDK's suite ran against).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AssociatedDomainCustomizations/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._errors import not_found, okta_error
from ._seed_brands import BRANDS


@behaviour("getAllWellKnownURIs")
@behaviour("getRootBrandWellKnownURI")
@behaviour("getBrandWellKnownURI")
@behaviour("replaceBrandWellKnownURI")
def well_known_uris(ctx: Context) -> Any:
    brand_id = str(ctx.params.get("brandId") or "")
    if ctx.state.collection(BRANDS).get(brand_id) is None:
        raise not_found(brand_id, "Brand")
    raise okta_error("E0000015")
