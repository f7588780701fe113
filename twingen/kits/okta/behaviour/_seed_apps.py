"""A new org's own apps that an admin sees through the API, and the profile mappings between them and the default
user type: here the Okta Authenticator app, whose app user and Okta user map onto each other both ways (the
recorded answers of a new org's ``GET /api/v1/mappings``).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ProfileMapping/
"""

from __future__ import annotations

from ..runtime import SeedContext
from ..runtime.clock import iso8601


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    suffix = "" if ctx.tenant == "default" else ctx.tenant
    app_id = ("0oaauthenticator" + suffix + "0000")[:20]
    org = ctx.state.collection("org").get("settings") or {}
    ctx.state.collection("apps").put(
        app_id,
        {
            "id": app_id,
            "orn": f"orn:okta:idp:{org.get('id', '')}:apps:Okta_Authenticator:{app_id}",
            "name": "Okta_Authenticator",
            "label": "Okta Verify",
            "status": "ACTIVE",
            "lastUpdated": now,
            "created": now,
            "accessibility": {"selfService": False, "errorRedirectUrl": None, "loginRedirectUrl": None},
            "visibility": {
                "autoLaunch": False,
                "autoSubmitToolbar": False,
                "hide": {"iOS": True, "web": True},
                "appLinks": {},
            },
            "features": [],
            "signOnMode": "OPENID_CONNECT",
            "credentials": {
                "userNameTemplate": {"template": "${source.login}", "type": "BUILT_IN"},
                "signing": {},
                "oauthClient": {"autoKeyRotation": True, "client_id": app_id, "token_endpoint_auth_method": "none"},
            },
            "universalLogout": None,
            "settings": {
                "app": {},
                "notifications": {"vpn": {"network": {"connection": "DISABLED"}, "message": None, "helpUrl": None}},
                "manualProvisioning": False,
                "implicitAssignment": False,
                "notes": {"admin": None, "enduser": None},
                "oauthClient": {
                    "application_type": "native",
                    "grant_types": ["authorization_code"],
                    "response_types": ["code"],
                    "redirect_uris": [],
                    "issuer_mode": "ORG_URL",
                },
            },
            "_system": True,
        },
    )
    mappings = ctx.state.collection("profile_mappings")
    app = {"id": app_id, "name": "Okta_Authenticator", "type": "appuser"}
    user = {"type": "user", "name": "user"}
    to_user = ("prmauthenticator" + suffix + "0001")[:20]
    to_app = ("prmauthenticator" + suffix + "0002")[:20]
    mappings.put(
        to_user,
        {
            "id": to_user,
            "source": app,
            "target": user,
            "properties": {"email": {"expression": "appuser.userName", "pushStatus": "DONT_PUSH"}},
        },
    )
    mappings.put(
        to_app,
        {
            "id": to_app,
            "source": user,
            "target": app,
            "properties": {"userName": {"expression": "user.login", "pushStatus": "DONT_PUSH"}},
        },
    )
