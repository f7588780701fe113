"""Custom authorization servers (``/api/v1/authorizationServers``): create (with a signing key and the system
scopes and claims), list (``q``, paging), read, replace, delete, activate/deactivate (204), their signing keys
(list, read, rotate) and the servers they trust (associated servers).

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServer/ ,
.../tag/AuthorizationServerKeys/ , .../tag/AuthorizationServerAssoc/ and the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _authz_keys, _log, _paging, _store
from ._authz_defaults import CLAIMS, POLICIES, RULES, SCOPES, system_objects
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._seed_authz import ROTATION_SECONDS, SERVERS

WRITABLE = ("name", "description", "audiences", "issuerMode")


def allow(ctx: Context, path: str, *methods: str) -> dict[str, Any]:
    return {"href": href(ctx, path), "hints": {"allow": list(methods)}}


def issuer(ctx: Context, server: dict[str, Any]) -> str:
    return href(ctx, f"/oauth2/{server['id']}")


def render(ctx: Context, record: dict[str, Any], *, links: bool = True) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["issuer"] = issuer(ctx, record)
    if not links:
        shown["_links"] = None
        return shown
    path = f"/api/v1/authorizationServers/{record['id']}"
    meta = f"/oauth2/{record['id']}/.well-known"
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    shown["_links"] = {
        "rotateKey": allow(ctx, f"{path}/credentials/lifecycle/keyRotate", "POST"),
        "metadata": [
            {"name": name, **allow(ctx, f"{meta}/{name}", "GET")}
            for name in ("oauth-authorization-server", "openid-configuration")
        ],
        # the resource server's own encryption keys (/resourceservercredentials/keys): the newest recording
        # (Sep 2026) links them, the Jan 2026 ones predate the link
        "resourceServerCredentialsKeys": allow(ctx, f"{path}/resourceservercredentials/keys", "GET"),
        "keys": allow(ctx, f"{path}/credentials/keys", "GET"),
        "claims": allow(ctx, f"{path}/claims", "GET", "POST"),
        "policies": allow(ctx, f"{path}/policies", "GET", "POST"),
        "self": allow(ctx, path, "GET", "DELETE", "PUT"),
        "scopes": allow(ctx, f"{path}/scopes", "GET", "POST"),
        action: allow(ctx, f"{path}/lifecycle/{action}", "POST"),
    }
    return shown


def find(ctx: Context, id_: str | None = None) -> dict[str, Any]:
    id_ = id_ if id_ is not None else str(ctx.params.get("authServerId") or "")
    found = ctx.state.collection(SERVERS).get(id_)
    if found is None:
        raise not_found(id_, "AuthorizationServer")
    return found


def save(ctx: Context, record: dict[str, Any]) -> None:
    record["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(SERVERS).put(record["id"], record)


def _checked(ctx: Context, body: dict[str, Any], own_id: str = "") -> dict[str, Any]:
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank")
    if any(s["name"] == name and s["id"] != own_id for s in ctx.state.collection(SERVERS).values()):
        raise validation_failed("name", "An object with this field already exists in the current organization")
    audiences = body.get("audiences")
    if not isinstance(audiences, list) or not audiences or not all(isinstance(a, str) and a for a in audiences):
        raise validation_failed("audiences", "The field cannot be left blank")
    mode = body.get("issuerMode", "DYNAMIC")
    if mode not in ("ORG_URL", "CUSTOM_URL", "DYNAMIC"):
        raise validation_failed("issuerMode", f"Invalid value '{mode}'")
    return {"name": name, "description": body.get("description"), "audiences": audiences, "issuerMode": mode}


@behaviour("createAuthorizationServer")
def create_authorization_server(ctx: Context) -> Any:
    fields = _checked(ctx, _store.body_object(ctx))
    id_ = _store.new_id(ctx, "aus")
    key = _authz_keys.new_key(ctx.tenant, id_, 0)
    now = iso8601(ctx.now())
    record = {
        "id": id_,
        **fields,
        "status": "ACTIVE",
        "created": now,
        "lastUpdated": now,
        "credentials": {
            "signing": {
                "kid": key["kid"],
                "rotationMode": "AUTO",
                "lastRotated": now,
                "nextRotation": iso8601(ctx.now() + ROTATION_SECONDS),
            }
        },
        "default": False,
        "_keys": [key],
        "_trusted": [],
    }
    ctx.state.collection(SERVERS).put(id_, record)
    system_objects(ctx, id_)
    _log.record(ctx, "oauth2.as.created", [_log.target("AuthorizationServer", id_, fields["name"], fields["name"])])
    return Response(201, render(ctx, record))


@behaviour("listAuthorizationServers")
def list_authorization_servers(ctx: Context) -> Any:
    query = (arguments.text(ctx.params, "q") or "").lower()
    rows = (
        (k, r)
        for k, r in _paging.walk(ctx.state.collection(SERVERS), _paging.cursor_of(ctx))
        if query in r["name"].lower() or query in " ".join(r["audiences"]).lower()
    )
    return _paging.served(ctx, rows, lambda r: render(ctx, r), 200)


@behaviour("getAuthorizationServer")
def get_authorization_server(ctx: Context) -> Any:
    return render(ctx, find(ctx))


@behaviour("replaceAuthorizationServer")
def replace_authorization_server(ctx: Context) -> Any:
    record = find(ctx)
    record.update(_checked(ctx, _store.body_object(ctx), record["id"]))
    save(ctx, record)
    _log.record(ctx, "oauth2.as.updated", [_log.target("AuthorizationServer", record["id"], record["name"])])
    return render(ctx, record)


@behaviour("deleteAuthorizationServer")
def delete_authorization_server(ctx: Context) -> Any:
    record = find(ctx)
    ctx.state.collection(SERVERS).delete(record["id"])
    prefix = record["id"] + "/"
    for name in (SCOPES, CLAIMS, POLICIES, RULES):
        stored = ctx.state.collection(name)
        for key in [k for k, _ in stored.scan() if k.startswith(prefix)]:
            stored.delete(key)
    for other in ctx.state.collection(SERVERS).values():
        if record["id"] in other.get("_trusted", ()):
            other["_trusted"] = [t for t in other["_trusted"] if t != record["id"]]
            ctx.state.collection(SERVERS).put(other["id"], other)
    _log.record(ctx, "oauth2.as.deleted", [_log.target("AuthorizationServer", record["id"], record["name"])])
    return Response(204, None)


def _lifecycle(status: str, event: str) -> Any:
    def change(ctx: Context) -> Any:
        record = find(ctx)
        record["status"] = status
        save(ctx, record)
        _log.record(ctx, event, [_log.target("AuthorizationServer", record["id"], record["name"])])
        return Response(204, None)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
activate_authorization_server = behaviour("activateAuthorizationServer")(_lifecycle("ACTIVE", "oauth2.as.activated"))
deactivate_authorization_server = behaviour("deactivateAuthorizationServer")(
    _lifecycle("INACTIVE", "oauth2.as.deactivated")
)


def _key_view(ctx: Context, server: dict[str, Any], key: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authorizationServers/{server['id']}/credentials/keys/{key['kid']}"
    shown = _authz_keys.public(key)
    return {
        **{k: shown[k] for k in ("kty", "status", "alg", "kid", "use")},
        "_links": {"self": allow(ctx, path, "GET")},
        "e": shown["e"],
        "n": shown["n"],
    }


@behaviour("listAuthorizationServerKeys")
def list_authorization_server_keys(ctx: Context) -> Any:
    server = find(ctx)
    return [_key_view(ctx, server, k) for k in server["_keys"]]


@behaviour("getAuthorizationServerKey")
def get_authorization_server_key(ctx: Context) -> Any:
    server = find(ctx)
    kid = str(ctx.params.get("keyId") or "")
    for key in server["_keys"]:
        if key["kid"] == kid:
            return _key_view(ctx, server, key)
    raise not_found(kid, "AuthorizationServerKey")


@behaviour("rotateAuthorizationServerKeys")
def rotate_authorization_server_keys(ctx: Context) -> Any:
    server = find(ctx)
    body = _store.body_object(ctx)
    if body.get("use", "sig") != "sig":
        raise validation_failed("use", f"Invalid value '{body.get('use')}'")
    server["_keys"] = _authz_keys.rotate(ctx.tenant, server["id"], server["_keys"])[:3]
    now = iso8601(ctx.now())
    server["credentials"]["signing"].update(
        kid=server["_keys"][0]["kid"], lastRotated=now, nextRotation=iso8601(ctx.now() + ROTATION_SECONDS)
    )
    save(ctx, server)
    _log.record(ctx, "oauth2.as.key.rollover", [_log.target("AuthorizationServer", server["id"], server["name"])])
    return [_key_view(ctx, server, k) for k in server["_keys"]]


@behaviour("listAssociatedServersByTrustedType")
def list_associated_servers_by_trusted_type(ctx: Context) -> Any:
    server = find(ctx)
    trusted = str(ctx.params.get("trusted") or "").lower()
    servers = ctx.state.collection(SERVERS)
    if trusted == "false":
        chosen = [s for s in servers.values() if s["id"] != server["id"] and s["id"] not in server["_trusted"]]
    else:
        chosen = [s for s in (servers.get(t) for t in server["_trusted"]) if s is not None]
    query = (arguments.text(ctx.params, "q") or "").lower()
    chosen = [s for s in chosen if query in s["name"].lower()]
    rows = _paging.after_in([(s["id"], s) for s in chosen], _paging.cursor_of(ctx))
    return _paging.served(ctx, rows, lambda r: render(ctx, r, links=False), 200)


@behaviour("createAssociatedServers")
def create_associated_servers(ctx: Context) -> Any:
    server = find(ctx)
    trusted = _store.body_object(ctx).get("trusted")
    if not isinstance(trusted, list) or not all(isinstance(t, str) for t in trusted):
        raise validation_failed("trusted", "The field cannot be left blank")
    added = []
    for id_ in trusted:
        other = find(ctx, id_)
        if other["id"] == server["id"]:
            raise okta_error(
                "E0000001",
                "Api validation failed: trusted",
                causes=["trusted: An authorization server cannot trust itself."],
            )
        added.append(other)
    server["_trusted"] = list(dict.fromkeys([*server["_trusted"], *(o["id"] for o in added)]))
    save(ctx, server)
    return [render(ctx, o, links=False) for o in added]


@behaviour("deleteAssociatedServer")
def delete_associated_server(ctx: Context) -> Any:
    server = find(ctx)
    other = str(ctx.params.get("associatedServerId") or "")
    if other not in server["_trusted"]:
        raise not_found(other, "AuthorizationServer")
    server["_trusted"] = [t for t in server["_trusted"] if t != other]
    save(ctx, server)
    return Response(204, None)
