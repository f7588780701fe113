"""A new org's branding: one default brand with its one theme (Okta's colours and touch-point variants).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Brands/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Themes/
"""

from __future__ import annotations

from typing import Any

from ..runtime import SeedContext

BRANDS = "brands"
THEMES = "brand_themes"

DEFAULT_THEME: dict[str, Any] = {
    "logo": None,
    "favicon": None,
    "backgroundImage": None,
    "primaryColorHex": "#1662dd",
    "primaryColorContrastHex": "#000000",
    "secondaryColorHex": "#ebebed",
    "secondaryColorContrastHex": "#000000",
    "signInPageTouchPointVariant": "BACKGROUND_SECONDARY_COLOR",
    "endUserDashboardTouchPointVariant": "LOGO_ON_FULL_WHITE_BACKGROUND",
    "errorPageTouchPointVariant": "BACKGROUND_SECONDARY_COLOR",
    "emailTemplateTouchPointVariant": "OKTA_DEFAULT",
}


def brand_record(id_: str, name: str, *, default: bool) -> dict[str, Any]:
    return {
        "id": id_,
        "name": name,
        "removePoweredByOkta": False,
        "customPrivacyPolicyUrl": None,
        "agreeToCustomPrivacyPolicy": False,
        "isDefault": default,
        "defaultApp": {"appInstanceId": None, "appLinkName": None, "classicApplicationUri": None},
    }


def seed(ctx: SeedContext) -> None:
    suffix = "" if ctx.tenant == "default" else ctx.tenant
    brand_id = ("bndTwinDefault" + suffix + "0" * 20)[:20]
    theme_id = ("theTwinDefault" + suffix + "0" * 20)[:20]
    ctx.state.collection(BRANDS).put(brand_id, brand_record(brand_id, "twin-default-brand", default=True))
    ctx.state.collection(THEMES).put(f"{brand_id}/{theme_id}", {"id": theme_id, "_brand": brand_id, **DEFAULT_THEME})
