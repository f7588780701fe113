"""What the SCIM service says about itself: ServiceProviderConfig(s), Schemas, ResourceTypes.

Paraphrased from docs.slack.dev/reference/scim-api (v1.1 and v2.0 "Service Provider Configuration" and
"Schemas"): PATCH supported, bulk, sort, ETags and password changes not; filtering supported (one ``eq``, up to
1000 results a page, the twin's ``_scim_common.MAX_COUNT``); authentication by OAuth bearer token.
"""

from __future__ import annotations

from typing import Any

from ._scim_common import MAX_COUNT
from ._scim_model import V1_CORE, V2_ENTERPRISE, V2_GROUP, V2_USER

Record = dict[str, Any]
_V2_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
_V2_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
_V2_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
_DOCS = "https://docs.slack.dev/admins/scim-api"


def service_provider_config(version: str) -> Record:
    auth = {"type": "oauthbearertoken", "name": "OAuth Bearer Token", "primary": True, "documentationUrl": _DOCS}
    auth["description"] = "Authentication scheme using the OAuth Bearer Token Standard"
    config: Record = {
        "documentationUrl": _DOCS,
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_COUNT},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [auth],
    }
    if version == "v2":
        return {"schemas": [_V2_CONFIG], **config}
    return {"schemas": [V1_CORE], **config, "xmlDataFormat": {"supported": False}}


def _attribute(name: str, kind: str = "string", **more: Any) -> Record:
    found: Record = {"name": name, "type": kind, "multiValued": False, "required": False, "caseExact": False,
                     "mutability": "readWrite", "returned": "default", "uniqueness": "none"}  # fmt: skip
    found.update(more)
    return found


def _user_attributes() -> list[Record]:
    return [
        _attribute("id", mutability="readOnly", uniqueness="server"),
        _attribute("externalId"),
        _attribute("userName", required=True, uniqueness="server"),
        _attribute("nickName"),
        _attribute("name", "complex", subAttributes=[_attribute("givenName"), _attribute("familyName")]),
        _attribute("displayName"),
        _attribute("profileUrl", "reference", mutability="readOnly"),
        _attribute("title"),
        _attribute("timezone"),
        _attribute("active", "boolean"),
        _attribute(
            "emails",
            "complex",
            multiValued=True,
            required=True,
            subAttributes=[_attribute("value"), _attribute("primary", "boolean")],
        ),
        _attribute("phoneNumbers", "complex", multiValued=True),
        _attribute("addresses", "complex", multiValued=True),
        _attribute("photos", "complex", multiValued=True),
        _attribute("roles", "complex", multiValued=True),
        _attribute("groups", "complex", multiValued=True, mutability="readOnly"),
    ]


def _group_attributes() -> list[Record]:
    return [
        _attribute("id", mutability="readOnly", uniqueness="server"),
        _attribute("displayName", required=True, uniqueness="server"),
        _attribute(
            "members",
            "complex",
            multiValued=True,
            subAttributes=[_attribute("value"), _attribute("display", mutability="readOnly")],
        ),
    ]


def schemas(version: str, kind: str) -> Record | None:
    """``Schemas/Users``, ``Schemas/Groups``, or (v2.0, no kind) the list of both; None for anything else."""
    users = {"id": V2_USER if version == "v2" else "urn:scim:schemas:core:1.0:User", "name": "User",
             "description": "User Account", "attributes": _user_attributes()}  # fmt: skip
    groups = {"id": V2_GROUP if version == "v2" else "urn:scim:schemas:core:1.0:Group", "name": "Group",
              "description": "Group", "attributes": _group_attributes()}  # fmt: skip
    if version == "v2":
        users["schemas"] = groups["schemas"] = [_V2_SCHEMA]
    if kind == "Users":
        return users
    if kind == "Groups":
        return groups
    if not kind and version == "v2":
        return {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 2,
                "itemsPerPage": 2, "startIndex": 1, "Resources": [users, groups]}  # fmt: skip
    return None


def resource_types() -> Record:
    user = {"schemas": [_V2_TYPE], "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
            "schema": V2_USER, "schemaExtensions": [{"schema": V2_ENTERPRISE, "required": False}]}  # fmt: skip
    group = {"schemas": [_V2_TYPE], "id": "Group", "name": "Group", "endpoint": "/Groups", "description": "Group",
             "schema": V2_GROUP, "schemaExtensions": []}  # fmt: skip
    return {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 2, "itemsPerPage": 2,
            "startIndex": 1, "Resources": [user, group]}  # fmt: skip
