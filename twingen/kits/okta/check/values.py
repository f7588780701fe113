"""The objects the Okta check makes first, the values it sends, and the errors Okta answers on purpose.

``$user`` names an id the check holds (``$user#1``: the second one), ``{n}`` a number new on every use (so two
creations never clash on a unique name). The bodies themselves are in ``bodies``.
"""

from __future__ import annotations

from typing import Any

from twingen.kits.okta.check import bodies
from twingen.kits.okta.check.bodies import (
    AUTH_SERVER,
    BOOKMARK,
    ERROR_PAGE,
    GROUP,
    GROUP_RULE,
    OIDC_APP,
    PNG,
    RECOVERY,
    SIGN_IN_PAGE,
    user_body,
)

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
    "apitoken": "/api/v1/api-tokens",
    "realmassignment": "/api/v1/realm-assignments",
    "rskey": "/api/v1/authorizationServers/{}/resourceservercredentials/keys",
    "apisecret": "/integrations/api/v1/api-services/{}/credentials/secrets",
    "customrole": "/api/v1/iam/roles",
    "captcha": "/api/v1/captchas",
    "ssfstream": "/api/v1/ssf/stream",
    "key:okta_verify": "key:okta_verify",
    "key:okta_email": "key:okta_email",
    "key:webauthn": "key:webauthn",
}


ID_PREFIXES = {"00u": "$user", "00g": "$group", "0oa": "$app", "cr0": "$customrole"}
"""Okta's id prefixes of users, groups, apps and custom roles (https://developer.okta.com/docs/api/ object ids): a
documented example's custom role (``cr0...``, RoleCResourceSetBinding) is another org's, as its users are."""


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
    "/api/v1/authorizationServers/{}/credentials/keys": "kid",
    "/api/v1/authenticators/{}/aaguids": "aaguid",
    "/api/v1/ssf/stream": "stream_id",
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
NAME_KINDS: dict[str, str] = {"appId": "/api/v1/apps", "groupId": "/api/v1/groups", "userId": "/api/v1/users"}
"""Path parameters naming one of the org's own objects wherever they stand (``.../apps/{appName}/{appId}``)."""
FIXED_PARAMS: dict[str, str] = {
    # every org has the default user schema (Schema/getUserSchema)
    "schemaId": "default",
    # a role is named by its type or its id (Subscription/listSubscriptionsRole): the super admin role
    "roleRef": "SUPER_ADMIN",
}
"""Path parameters with a value every org answers to."""

SEEDED = frozenset(
    {"/api/v1/users", "/api/v1/groups", "/api/v1/authorizationServers", "/api/v1/brands", "/api/v1/policies",
     "/api/v1/authenticators", "/api/v1/meta/types/user",
     # an authorization server always has its signing keys (AuthorizationServerKeys/listAuthorizationServerKeys)
     "/api/v1/authorizationServers/{}/credentials/keys"}
)  # fmt: skip
"""Collections a new org is never without: a method that finds none of their objects cannot be excused by a 404."""

_USER_GROUP_TARGETS = (
    "assign_group_target_to_user_role", "list_group_targets_for_role", "unassign_group_target_from_user_admin_role",
)  # fmt: skip
_GROUP_GROUP_TARGETS = (
    "assign_group_target_to_group_admin_role", "list_group_targets_for_group_role",
    "unassign_group_target_from_group_admin_role",
)  # fmt: skip
# app targets narrow only an APP_ADMIN role (RoleBTargetClient: "Assigns an app target to an APP_ADMIN role")
_CLIENT_APP_TARGETS = (
    "list_app_target_role_to_client", "assign_app_target_role_to_client", "remove_app_target_role_from_client",
    "assign_app_target_instance_role_for_client", "remove_app_target_instance_role_for_client",
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
    **{name: {"client_id": "$app#1", "role_assignment_id": "$clientappadmin"} for name in _CLIENT_APP_TARGETS},
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
    # the org's setting names a CAPTCHA instance of the org (the documented abcd4567 is another org's)
    "replaces_org_captcha_settings": {
        "org_captcha_settings": {"captchaId": "$captcha", "enabledPages": ["SSPR", "SIGN_IN", "SSR"]},
    },
    # an SSF stream is named by its stream_id (a query parameter)
    **{name: {"stream_id": "$ssfstream"} for name in ("get_ssf_stream_status", "delete_ssf_stream", "get_ssf_streams")},
    # the factor enroll made, and the provider's responses as JWEs (compact, five parts)
    **{
        name: {"authenticator_enrollment_id": "$prereg"}
        for name in (
            "delete_web_authn_preregistration_factor",
            "assign_fulfillment_error_web_authn_preregistration_factor",
        )
    },
    "activate_preregistration_enrollment": {
        "body": {
            "fulfillmentProvider": "yubico",
            "userId": "$user",
            "serial": "3632071",
            "version": "5.4.3",
            "credResponses": [
                {"authenticatorEnrollmentId": "$prereg", "credResponseJwe": "e30..AAAAAAAAAAAAAAAA.e30.AA"}
            ],
            "pinResponseJwe": "e30..AAAAAAAAAAAAAAAA.e30.AA",
        }
    },
    # the Admin Console is the one first-party app with settings (FirstPartyAppSettings: "Supported apps")
    "get_first_party_app_settings": {"app_name": "admin-console"},
    "replace_first_party_app_settings": {"app_name": "admin-console"},
    # custom AAGUIDs belong to the Passkey (FIDO2 WebAuthn) authenticator only (Authenticator/createCustomAAGUID)
    **{
        f"{verb}_custom_aaguid": {"authenticator_id": "$key:webauthn"}
        for verb in ("create", "get", "replace", "update", "delete")
    },
    "list_all_custom_aaguids": {"authenticator_id": "$key:webauthn"},
}
"""Arguments beyond the required ones, or instead of the check's choice (the staged user for activate)."""

_USER_ADMIN = {"type": "USER_ADMIN"}
BEFORE: dict[str, tuple[tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], str], ...]] = {
    **{
        name: (
            (
                "assign_role_to_client",
                {"client_id": "$app#1", "assign_role_to_client_request": {"type": "APP_ADMIN"}},
                "clientappadmin",
            ),
        )
        for name in _CLIENT_APP_TARGETS
    },
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
    # the patch changes the group's assignment to the app: assigned again here (an earlier method may have removed it)
    "update_group_assignment_to_application": (
        ("assign_group_to_application", {"app_id": "$app", "group_id": "$group", "application_group_assignment": {}}),
    ),
    # a preregistered WebAuthn factor is made by enroll, named in its first credential request
    **{
        name: (
            (
                "enroll_preregistration_enrollment",
                {"body": bodies.BODIES["enroll_preregistration_enrollment"]},
                "prereg=credRequests.0.authenticatorEnrollmentId",
            ),
        )
        for name in (
            "send_pin",
            "activate_preregistration_enrollment",
            "delete_web_authn_preregistration_factor",
            "assign_fulfillment_error_web_authn_preregistration_factor",
        )
    },
    # an org revokes the Aerial consent it granted (OrgSettingCustomization/revokeAerialConsent)
    "revoke_aerial_consent": (
        ("grant_aerial_consent", {"org_aerial_consent": {"accountId": "0200bs0617vvhv2v675mch1cukp"}}),
    ),
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
    # a client the server issued no refresh token is "Not found: ... (PublicClientApp)", recorded for an OIDC app just
    # made (cassette test_authorization_server_clients_it/...test_auth_server_clients_lifecycle.yaml, 404 four times)
    "list_refresh_tokens_for_authorization_server_and_client": frozenset({"E0000007"}),
    "revoke_refresh_tokens_for_authorization_server_and_client": frozenset({"E0000007"}),
    # a brand's well-known URIs are LIMITED_GA (spec x-okta-lifecycle, AssociatedDomainCustomizations), a feature a
    # new org lacks: Okta answers 401 E0000015 (cassette test_associated_domain_customizations_it/
    # ...test_well_known_uris_lifecycle.yaml)
    **{
        name: frozenset({"E0000015"})
        for name in (
            "get_all_well_known_uris",
            "get_brand_well_known_uri",
            "get_root_brand_well_known_uri",
            "replace_brand_well_known_uri",
        )
    },
    # the check's apps (a bookmark, an OIDC client) have no provisioning: Okta answers their features 400 E0000001
    # "Provisioning is not supported." (cassettes test_application_features_it/...lifecycle.yaml and
    # ...test_error_handling_app_without_provisioning.yaml)
    **{
        name: frozenset({"E0000001"})
        for name in ("list_features_for_application", "get_feature_for_application", "update_feature_for_application")
    },
    # okta 3.4.6 asks for SAML metadata with Accept: application/json; Okta serves it only as XML and answers 400
    # E0000019 (cassette test_application_sso_it/TestApplicationSSOResource.test_preview_saml_metadata.yaml)
    "preview_sam_lmetadata_for_application": frozenset({"E0000019"}),
    # okta 3.4.6 sends the simulation as a JSON array, which Okta refuses: 400 E0000003 "The request body was not
    # well-formed." (cassette test_policies_it/TestPoliciesResource.test_create_policy_simulation.yaml)
    "create_policy_simulation": frozenset({"E0000003"}),
    # Okta answers a policy mapping here 400 E0000001 "Policy mappings are no longer supported on this endpoint."
    # (cassette test_policies_it/TestPoliciesResource.test_policy_resource_mapping_operations.yaml)
    "map_resource_to_policy": frozenset({"E0000001"}),
    # okta 3.4.6's AddJwkRequest members serialize only kid and status (no kty, n, e): Okta refuses such a key
    "add_jwk": frozenset({"E0000001"}),
}
"""Errors Okta answers on purpose to the check's valid call (the state it has cannot take the method)."""

UNKNOWN_ID_ANSWERED: dict[str, str] = {
    "delete_ui_schemas": "a delete of a UI schema already gone is 204 again (cassette test_ui_schema_it/"
    "TestUISchemaResource.test_ui_schema_crud_lifecycle.yaml: DELETE twice, 204 both times)",
    "list_agent_pools_updates": "an unknown pool has no updates: 200 [] (cassette test_agent_pools_it/"
    "TestAgentPoolsResource.test_agent_pools_error_handling.yaml, pool invalid-pool-id-12345)",
}
"""Methods Okta answers with success for an id no org issued (recorded): no 404 is expected of them."""

SENT_FIELDS = ("login", "email", "firstName", "lastName", "nickName", "name", "label", "description")
"""Fields an answer must hold as they were sent (Okta echoes them; it never echoes a password)."""
