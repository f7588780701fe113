"""The bodies the Okta check sends: each family's documented shape, with the check's own names and ids.

``$user`` names an id the check holds (``$user#1``: the second one), ``{n}`` a number new on every use (so two
creations never clash on a unique name). Sources: each family's reference page on
https://developer.okta.com/docs/api/openapi/okta-management/ and its request examples (``doc_examples``); a method
without a body here sends Okta's documented example.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

from twingen.kits.okta.check import keys
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
PRINCIPAL_RATE_LIMIT = {
    "principalId": "$apitoken",
    "principalType": "SSWS_TOKEN",
    "defaultPercentage": 50,
    "defaultConcurrencyPercentage": 75,
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
        # required (AppServiceAccount: name, containerOrn, username, password)
        "password": "Twincheck-{n}-Vaulted!",
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
    # a transport key that is a point of P-384 (WebAuthnPreregistration/enrollPreregistrationEnrollment)
    "enroll_preregistration_enrollment": {
        "enrollmentRpIds": ["twincheck.example.com"],
        "fulfillmentProvider": "yubico",
        "userId": "$user",
        "yubicoTransportKeyJWK": keys.ec_transport_jwk("twincheck-transport"),
    },
    "send_pin": {"authenticatorEnrollmentId": "$prereg", "fulfillmentProvider": "yubico", "userId": "$user"},
    # an SSF receiver's stream: delivery and events_requested are required (SSFTransmitter, StreamConfiguration)
    **{
        f"{verb}_ssf_stream": {
            "delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "https://receiver.example.com/ssf"},
            "events_requested": ["https://schemas.openid.net/secevent/caep/event-type/session-revoked"],
            "format": "iss_sub",
        }
        for verb in ("create", "replace", "update")
    },
    # a replace or update names the stream it changes (else the receiver's own, which needs an OAuth client)
    **{
        f"{verb}_ssf_stream": {
            "stream_id": "$ssfstream",
            "delivery": {"method": "urn:ietf:rfc:8935", "endpoint_url": "https://receiver.example.com/ssf/{n}"},
            "events_requested": ["https://schemas.openid.net/secevent/caep/event-type/credential-change"],
        }
        for verb in ("replace", "update")
    },
    "verify_ssf_stream": {"stream_id": "$ssfstream", "state": "twincheck-{n}"},
    # the documented role, under a label of its own: a role label is unique in the org, and the check may already
    # have made one (a resource set binding names a custom role)
    "create_role": {**EXAMPLES["createRole"], "label": "Twincheck role {n}"},
    # a well-formed AAGUID (the documented one lacks a digit) and a certificate that parses (not "X5C...")
    "create_custom_aaguid": {
        "aaguid": "cb69481e-8ff7-4039-93ec-{n12}",
        "name": "Twincheck key {n}",
        "attestationRootCertificates": [{"x5c": keys.X5C}],
        "authenticatorCharacteristics": {"fipsCompliant": False, "hardwareProtected": True, "platformAttached": False},
    },
    **{
        f"{verb}_custom_aaguid": {
            "name": "Twincheck key {n} renamed",
            "attestationRootCertificates": [{"x5c": keys.X5C}],
            "authenticatorCharacteristics": {
                "fipsCompliant": True,
                "hardwareProtected": True,
                "platformAttached": False,
            },
        }
        for verb in ("replace", "update")
    },
    # the name is what a replace sets (HookKey/replaceHookKey: "the only parameter that you can update")
    "replace_hook_key": {"name": "Twincheck hook key {n} renamed"},
    # a rate limit for the org's own API token (the documented example names another org's principal)
    # every API token has its entity from its creation (a second is refused, recorded in test_principal_rate_limits_it):
    # a new entity is an OAuth client's, the check's OIDC app
    "create_principal_rate_limit_entity": {
        **PRINCIPAL_RATE_LIMIT,
        "principalId": "$app#1",
        "principalType": "OAUTH_CLIENT",
    },
    "replace_principal_rate_limit_entity": {
        **PRINCIPAL_RATE_LIMIT,
        "principalId": "$app#1",
        "principalType": "OAUTH_CLIENT",
        "defaultPercentage": 60,
    },
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
