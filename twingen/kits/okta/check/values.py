"""The objects the Okta check makes first, the values it sends, and the errors Okta answers on purpose.

``$user`` names an id the check holds (``$user#1``: the second one), ``{n}`` a number new on every use (so two
creations never clash on a unique name). Bodies are Okta's documented shapes: each family's reference page on
https://developer.okta.com/docs/api/openapi/okta-management/ (and its request examples, ``doc_examples``).
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

from twingen.kits.okta.check.doc_examples import EXAMPLES


def _png() -> bytes:
    """A 1x1 white PNG: what the theme uploads take (Okta accepts PNG, JPG and GIF)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


PNG = _png()
PASSWORD = "Tw1nCheck!Passw0rd"
"""Meets a new org's default password policy (8+ characters, upper, lower, number, symbol)."""
UNKNOWN_ID = "00uTwinCheckUnknown0"
"""A well-formed Okta id (20 characters) no org issued."""

ALIASES: dict[str, str] = {
    "user": "/api/v1/users",
    "group": "/api/v1/groups",
    "app": "/api/v1/apps",
    "rule": "/api/v1/groups/rules",
    "authserver": "/api/v1/authorizationServers",
    "policy": "/api/v1/policies",
    "brand": "/api/v1/brands",
    "authenticator": "/api/v1/authenticators",
    "usertype": "/api/v1/meta/types/user",
    "zone": "/api/v1/zones",
    "origin": "/api/v1/trustedOrigins",
    "eventhook": "/api/v1/eventHooks",
    "idp": "/api/v1/idps",
    "inlinehook": "/api/v1/inlineHooks",
    "secret": "/api/v1/apps/{}/credentials/secrets",
    "apiservice": "/integrations/api/v1/api-services",
    "realm": "/api/v1/realms",
    "realmassignment": "/api/v1/realm-assignments",
    "rskey": "/api/v1/authorizationServers/{}/resourceservercredentials/keys",
    "apisecret": "/integrations/api/v1/api-services/{}/credentials/secrets",
    "key:okta_verify": "key:okta_verify",
    "key:okta_email": "key:okta_email",
}


ID_PREFIXES = {"00u": "$user", "00g": "$group", "0oa": "$app"}
"""Okta's id prefixes of users, groups and apps (https://developer.okta.com/docs/api/ object ids)."""


def user_body(activate_password: bool = True) -> dict[str, Any]:
    login = "twincheck-{n}@example.com"
    body: dict[str, Any] = {"profile": {"firstName": "Twin", "lastName": "Check {n}", "email": login, "login": login}}
    if activate_password:
        body["credentials"] = {"password": {"value": PASSWORD}}
    return body


BOOKMARK = {
    "name": "bookmark",
    "label": "Twincheck Bookmark {n}",
    "signOnMode": "BOOKMARK",
    "settings": {"app": {"requestIntegration": False, "url": "https://example.com/bookmark-{n}.html"}},
}
OIDC_APP = {
    "name": "oidc_client",
    "label": "Twincheck OIDC {n}",
    "signOnMode": "OPENID_CONNECT",
    "credentials": {"oauthClient": {"token_endpoint_auth_method": "client_secret_basic"}},
    "settings": {
        "oauthClient": {
            "redirect_uris": ["https://example.com/twincheck/callback"],
            "response_types": ["code"],
            "grant_types": ["authorization_code"],
            "application_type": "web",
        }
    },
}
GROUP = {"profile": {"name": "Twincheck Group {n}", "description": "made by twingen check"}}
GROUP_RULE = {
    "type": "group_rule",
    "name": "Twincheck rule {n}",
    "conditions": {"expression": {"value": 'user.lastName=="Nobody"', "type": "urn:okta:expression:1.0"}},
    "actions": {"assignUserToGroups": {"groupIds": ["$group"]}},
}
AUTH_SERVER = {"name": "Twincheck server {n}", "description": "made by twingen check", "audiences": ["api://twincheck"]}

RECOVERY = {
    "password": {"value": PASSWORD},
    "recovery_question": {"question": "Who's a major player in the cowboy scene?", "answer": "Annie Oakley"},
}
ERROR_PAGE = {"pageContent": "<html><body><p>twingen check error page</p></body></html>"}
SIGN_IN_PAGE = {
    "pageContent": "<html><body><div id='okta-login-container'></div></body></html>",
    "widgetVersion": "^7",
}
LOG_STREAM = {
    "type": "aws_eventbridge",
    "settings": {"accountId": "123456789012", "eventSourceName": "t", "region": "us-east-2"},
    "id": "0oaTwinCheckStream00",
    "status": "ACTIVE",
    "created": "2024-01-01T00:00:00.000Z",
    "lastUpdated": "2024-01-01T00:00:00.000Z",
    "_links": {"self": {"href": "https://twincheck.example.com/api/v1/logStreams/0oaTwinCheckStream00"}},
}
REALM_ASSIGNMENT = {
    "actions": {"assignUserToRealm": {"realmId": "$realm"}},
    "conditions": {"expression": {"value": 'user.profile.lastName == "Nobody"'}, "profileSourceId": "$app"},
    "name": "Twincheck realm assignment {n}",
    "priority": 0,
}
SIGN_ON_RULE = {
    "type": "SIGN_ON",
    "name": "Twincheck rule {n}",
    "conditions": {"network": {"connection": "ANYWHERE"}},
    "actions": {"signon": {"access": "ALLOW", "requireFactor": False}},
}
CLAIM = {
    "name": "twincheck_{n}",
    "status": "ACTIVE",
    "claimType": "RESOURCE",
    "valueType": "EXPRESSION",
    "value": "user.email",
    "alwaysIncludeInToken": True,
    "conditions": {"scopes": []},
}
CSR = {
    "subject": {
        "countryName": "US",
        "stateOrProvinceName": "California",
        "localityName": "San Francisco",
        "organizationName": "Twincheck",
        "organizationalUnitName": "Check",
        "commonName": "twincheck.example.com",
    },
    "subjectAltNames": {"dnsNames": ["twincheck.example.com"]},
}

SETUP: tuple[tuple[str, dict[str, Any]], ...] = (
    # an active user with a password, then a staged one (no credentials, not activated)
    ("create_user", {"body": user_body(), "activate": True}),
    ("create_user", {"body": user_body(False), "activate": False}),
    ("add_group", {"group": GROUP}),
    ("assign_user_to_group", {"group_id": "$group", "user_id": "$user"}),
    ("create_application", {"application": BOOKMARK}),
    # the staged user, not a member of the group assigned to the app below: its own assignment is its only one
    ("assign_user_to_application", {"app_id": "$app", "app_user": {"id": "$user#1"}}),
    ("assign_group_to_application", {"app_id": "$app", "group_id": "$group", "application_group_assignment": {}}),
    ("create_group_rule", {"group_rule": GROUP_RULE}),
    # an OIDC app: its client id is what OAuth-client methods name (Okta's client_id is the app's id)
    ("create_application", {"application": OIDC_APP}),
    # the org's authenticators by key (okta_verify, okta_email...): methods of one name its own method types
    ("list_authenticators", {}),
    ("create_authorization_server", {"authorization_server": AUTH_SERVER}),
    # and the org's own (``default``): a second server to associate with the first
    ("list_authorization_servers", {}),
)
"""Calls made before the methods run, and again after each reset; their answers give the ids later calls name."""

ID_FIELDS: dict[str, str] = {
    "/api/v1/meta/schemas/user/linkedObjects": "primary.name",
    "/api/v1/brands/{}/templates/email": "name",
    "/oauth2/v1/clients": "client_id",
    "/api/v1/idps/credentials/keys": "kid",
}
"""Collections whose objects are named by another field than ``id`` (a linked object by its primary name)."""
CLIENTS = "/oauth2/v1/clients"
"""Where OAuth client ids are kept: an OIDC app's ``credentials.oauthClient.client_id`` (its app id)."""

SDK_CANNOT_MAKE: dict[str, str] = {
    "/api/v1/apps/{}/credentials/jwks": "okta 3.4.6 sends an app JWK without its kty, n and e",
}
"""Kinds whose create the SDK cannot send whole: methods on them name an unknown id and get Okta's 404."""

PARAM_KINDS: dict[str, str] = {"appName": "app_name"}
"""Path parameters that name an object by another of its fields (an app by its ``name``, ``bookmark``)."""

SEEDED = frozenset(
    {"/api/v1/users", "/api/v1/groups", "/api/v1/authorizationServers", "/api/v1/brands", "/api/v1/policies",
     "/api/v1/authenticators", "/api/v1/meta/types/user"}
)  # fmt: skip
"""Collections a new org is never without: a method that finds none of their objects cannot be excused by a 404."""

BODIES: dict[str, Any] = {
    "create_user": user_body(),
    "update_user": {"profile": {"nickName": "twincheck {n}"}},
    "replace_user": {
        "profile": {"firstName": "Twin", "lastName": "Replaced {n}", "email": "$login", "login": "$login"}
    },
    "add_group": GROUP,
    "replace_group": {"profile": {"name": "Twincheck Group renamed {n}", "description": "replaced by twingen check"}},
    "create_application": BOOKMARK,
    "replace_application": {**BOOKMARK, "label": "Twincheck Bookmark renamed {n}"},
    "assign_user_to_application": {"id": "$user#1"},
    "create_group_rule": GROUP_RULE,
    "replace_group_rule": {**GROUP_RULE, "name": "Twincheck rule renamed {n}"},
    "create_authorization_server": AUTH_SERVER,
    "replace_authorization_server": {**AUTH_SERVER, "name": "Twincheck server renamed {n}"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/
    "create_policy": {
        "type": "OKTA_SIGN_ON",
        "name": "Twincheck sign-on policy {n}",
        "description": "made by twingen check",
        "priority": 1,
        "conditions": {"people": {"groups": {"include": ["$group"]}}},
    },
    "replace_policy": {
        "type": "OKTA_SIGN_ON",
        "name": "Twincheck sign-on policy renamed {n}",
        "description": "replaced by twingen check",
        "priority": 1,
        "conditions": {"people": {"groups": {"include": ["$group"]}}},
    },
    "create_policy_rule": SIGN_ON_RULE,
    "replace_policy_rule": {**SIGN_ON_RULE, "name": "Twincheck rule renamed {n}"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/CustomDomain/
    "create_custom_domain": {"domain": "login{n}.twincheck-corp.com", "certificateSourceType": "OKTA_MANAGED"},
    "replace_custom_domain": {"brandId": "$brand"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerClaims/
    "create_o_auth2_claim": CLAIM,
    "replace_o_auth2_claim": {**CLAIM, "name": "twincheck_renamed_{n}"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationSSOCredentialKey/
    "generate_csr_for_application": CSR,
    "generate_csr_for_identity_provider": CSR,
    "update_application_user": {"credentials": {"userName": "twincheck-app-user-{n}@example.com"}},
    "create_governance_bundle": {
        "name": "Twincheck bundle {n}",
        "description": "made by twingen check",
        "entitlements": [{"resourceSets": [], "role": "USER_ADMIN", "targets": []}],
    },
    "replace_governance_bundle": {
        "name": "Twincheck bundle renamed {n}",
        "description": "replaced by twingen check",
        "entitlements": [{"resourceSets": [], "role": "USER_ADMIN", "targets": []}],
    },
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/#tag/Policy/operation/createPolicySimulation
    "create_policy_simulation": [
        {
            "appInstance": "$app",
            "policyTypes": ["OKTA_SIGN_ON"],
            "policyContext": {"user": {"id": "$user"}, "groups": {"ids": ["$group"]}},
        }
    ],
    "change_recovery_question": RECOVERY,
    "forgot_password_set_new_password": {
        "password": {"value": "N3w!" + PASSWORD},
        "recovery_question": {"answer": RECOVERY["recovery_question"]["answer"]},
    },
    "add_jwk": "@jwk",
    "create_identity_provider_key": "@x5c",
    # the SDK's LogStream model requires its read-only fields too; Okta sets them itself
    "create_log_stream": {**LOG_STREAM, "name": "Twincheck stream {n}"},
    "replace_log_stream": {**LOG_STREAM, "name": "Twincheck stream renamed {n}"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ServiceAccount/
    "create_app_service_account": {
        "name": "Twincheck service account {n}",
        "username": "svc-twincheck-{n}",
        "containerOrn": "$app_orn",
        "ownerUserIds": ["$user"],
    },
    "replace_customized_error_page": ERROR_PAGE,
    "replace_preview_error_page": ERROR_PAGE,
    "replace_customized_sign_in_page": SIGN_IN_PAGE,
    "replace_preview_sign_in_page": SIGN_IN_PAGE,
    "link_user_to_identity_provider": {"externalId": "twincheck-{n}"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/CustomTemplates/
    "replace_email_settings": {"recipients": "ALL_USERS"},
    "replace_email_customization": {**EXAMPLES["replaceEmailCustomization"], "isDefault": True},
    # the IdP the check made (Okta's example), renamed: an IdP's type cannot change
    "replace_identity_provider": {**EXAMPLES["createIdentityProvider"], "name": "Twincheck IdP renamed {n}"},
    # the documented replace example carries a RANGE Okta cannot read ("15.5.6.7/24-15.5.6.9"): the create one, renamed
    "replace_network_zone": {**EXAMPLES["createNetworkZone"], "name": "Twincheck zone renamed {n}"},
    "create_cross_app_access_connection": {"requestingAppInstanceId": "$app", "resourceAppInstanceId": "$app#1"},
    "update_cross_app_access_connection": {"status": "INACTIVE"},
    "create_hook_key": {"name": "Twincheck hook key {n}"},
    "add_o_auth2_resource_server_json_web_key": "@jwk-enc",
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/EmailDomain/ (example.com is refused)
    "create_email_domain": {
        "brandId": "$brand",
        "displayName": "Twincheck",
        "domain": "twincheck{n}-corp.com",
        "userName": "admin",
        "validationSubdomain": "mail",
    },
    # the documented example names its realm with a group-like id: the check's own realm
    "create_realm_assignment": REALM_ASSIGNMENT,
    "replace_realm_assignment": {**REALM_ASSIGNMENT, "name": "Twincheck realm assignment renamed {n}"},
    "execute_realm_assignment": {"assignmentId": "$realmassignment"},
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServerAssoc/
    "create_associated_servers": {"trusted": ["$authserver#1"]},
    "update_group_assignment_to_application": [{"op": "replace", "path": "/profile", "value": {"twincheck": "yes"}}],
    # the email authenticator as Okta describes it (its key cannot change): a shorter token lifetime
    "replace_authenticator": {
        "key": "okta_email",
        "name": "Email",
        "type": "email",
        "settings": {"allowedFor": "any", "tokenLifetimeInMinutes": 10},
    },
    # https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingAdmin/
    "assign_client_privileges_setting": {"clientPrivilegesSetting": True},
    "update_auto_assign_admin_app_setting": {"autoAssignAdminAppSetting": True},
    "update_third_party_admin_setting": {"thirdPartyAdmin": True},
    "replace_sign_out_page_settings": {"type": "OKTA_DEFAULT"},
    # ThreatInsight excludes only the org's own IP zones: none here
    "update_configuration": {"action": "audit", "excludeZones": []},
    # a standard role (https://developer.okta.com/docs/api/openapi/okta-management/guides/roles/)
    # app targets take an APP_ADMIN role; the group-target methods make their USER_ADMIN role first (BEFORE)
    "assign_role_to_user": {"type": "APP_ADMIN"},
    "assign_role_to_group": {"type": "APP_ADMIN"},
    "change_password": {"oldPassword": {"value": PASSWORD}, "newPassword": {"value": "N3w!" + PASSWORD}},
}
"""A body per SDK method (by its argument's content); methods not here send Okta's documented example."""

_USER_GROUP_TARGETS = (
    "assign_group_target_to_user_role", "list_group_targets_for_role", "unassign_group_target_from_user_admin_role",
)  # fmt: skip
_GROUP_GROUP_TARGETS = (
    "assign_group_target_to_group_admin_role", "list_group_targets_for_group_role",
    "unassign_group_target_from_group_admin_role",
)  # fmt: skip
ARGS: dict[str, dict[str, Any]] = {
    **{f"upload_brand_theme_{part}": {"file": PNG} for part in ("logo", "favicon", "background_image")},
    "create_user": {"activate": True},
    "activate_user": {"id": "$user#1", "send_email": False},
    "reset_password": {"send_email": False},
    # the org's email authenticator cannot be deactivated (it is required): Okta Verify can
    "deactivate_authenticator": {"authenticator_id": "$key:okta_verify"},
    "replace_authenticator": {"authenticator_id": "$key:okta_email"},
    "activate_authenticator": {"authenticator_id": "$key:okta_verify"},
    **{name: {"role_assignment_id": "$useradmin"} for name in _USER_GROUP_TARGETS},
    **{name: {"role_assignment_id": "$groupuseradmin"} for name in _GROUP_GROUP_TARGETS},
    # Okta Verify's push method: one its authenticator has (AuthenticatorMethodType)
    **{
        f"{verb}_authenticator_method": {"authenticator_id": "$key:okta_verify", "method_type": "push"}
        for verb in ("get", "replace", "activate", "deactivate")
    },
    "list_policies": {"type": "OKTA_SIGN_ON"},
    "generate_application_key": {"validity_years": 2},  # Okta takes 2 to 10
    # the filter is required (PrincipalRateLimit/listPrincipalRateLimitEntities)
    "list_principal_rate_limit_entities": {"filter": 'principalType eq "SSWS_TOKEN"'},
    "deactivate_user": {"send_email": False},
    "assign_user_to_application": {"app_id": "$app"},
    "reactivate_user": {"id": "$user#1"},
}
"""Arguments beyond the required ones, or instead of the check's choice (the staged user for activate)."""

_USER_ADMIN = {"type": "USER_ADMIN"}
BEFORE: dict[str, tuple[tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], str], ...]] = {
    # group targets take a USER_ADMIN (or group) role: one is assigned and kept as ``$useradmin``
    **{
        name: (("assign_role_to_user", {"user_id": "$user", "assign_role_request": _USER_ADMIN}, "useradmin"),)
        for name in _USER_GROUP_TARGETS
    },
    **{
        name: (("assign_role_to_group", {"group_id": "$group", "assign_role_request": _USER_ADMIN}, "groupuseradmin"),)
        for name in _GROUP_GROUP_TARGETS
    },
    "unsuspend_user": (("suspend_user", {"id": "$user"}),),
    # activated without a password, the staged user is PROVISIONED: what reactivate acts on
    "reactivate_user": (("activate_user", {"id": "$user#1", "send_email": False}),),
    "forgot_password_set_new_password": (
        ("change_recovery_question", {"user_id": "$user", "user_credentials": RECOVERY}),
    ),
    # Okta deletes these only once deactivated (E0000056 for an active app)
    "delete_application": (("deactivate_application", {"app_id": "$app"}),),
    "activate_application": (("deactivate_application", {"app_id": "$app"}),),
    "delete_authorization_server": (("deactivate_authorization_server", {"auth_server_id": "$authserver"}),),
    "activate_authorization_server": (("deactivate_authorization_server", {"auth_server_id": "$authserver"}),),
    "delete_event_hook": (("deactivate_event_hook", {"event_hook_id": "$eventhook"}),),
    "delete_inline_hook": (("deactivate_inline_hook", {"inline_hook_id": "$inlinehook"}),),
    "delete_network_zone": (("deactivate_network_zone", {"zone_id": "$zone"}),),
    "delete_identity_provider": (("deactivate_identity_provider", {"idp_id": "$idp"}),),
    # Okta deletes only an inactive client secret
    "delete_o_auth2_client_secret": (("deactivate_o_auth2_client_secret", {"app_id": "$app", "secret_id": "$secret"}),),
    "delete_o_auth2_resource_server_json_web_key": (
        ("deactivate_o_auth2_resource_server_json_web_key", {"auth_server_id": "$authserver", "key_id": "$rskey"}),
    ),
    "delete_api_service_integration_instance_secret": (
        (
            "deactivate_api_service_integration_instance_secret",
            {"api_service_id": "$apiservice", "secret_id": "$apisecret"},
        ),
    ),
    "unlink_user_from_identity_provider": (
        (
            "link_user_to_identity_provider",
            {
                "idp_id": "$idp",
                "user_id": "$user",
                "user_identity_provider_link_request": {"externalId": "twincheck-{n}"},
            },
        ),
    ),
    # a brand has no customized or preview page until one is set: a read before that is Okta's 404
    "get_customized_error_page": (("replace_customized_error_page", {"brand_id": "$brand", "error_page": ERROR_PAGE}),),
    "get_preview_error_page": (("replace_preview_error_page", {"brand_id": "$brand", "error_page": ERROR_PAGE}),),
    "get_customized_sign_in_page": (
        ("replace_customized_sign_in_page", {"brand_id": "$brand", "sign_in_page": SIGN_IN_PAGE}),
    ),
    "get_preview_sign_in_page": (
        ("replace_preview_sign_in_page", {"brand_id": "$brand", "sign_in_page": SIGN_IN_PAGE}),
    ),
}
"""State a method needs first (a suspended user to unsuspend), made right before it."""

KNOWN: dict[str, frozenset[str]] = {
    # an active user is not locked out: "Unlock is not allowed for this user" (error-codes/#E0000032)
    "unlock_user": frozenset({"E0000032"}),
    # okta 3.4.6's UserFactorVerifyRequest has no answer/passCode field: the SDK cannot send one, and Okta answers
    # a verification without it "Invalid Passcode/Answer" (error-codes/#E0000068)
    "verify_factor": frozenset({"E0000068"}),
    # okta 3.4.6's AddJwkRequest members serialize only kid and status (no kty, n, e): Okta refuses such a key
    "add_jwk": frozenset({"E0000001"}),
}
"""Errors Okta answers on purpose to the check's valid call (the state it has cannot take the method)."""

SENT_FIELDS = ("login", "email", "firstName", "lastName", "nickName", "name", "label", "description")
"""Fields an answer must hold as they were sent (Okta echoes them; it never echoes a password)."""
