"""Attack protection settings and ThreatInsight: the org-wide defences against credential attacks.

- user lockout settings (``preventBruteForceLockoutFromUnknownDevices``) and authenticator settings
  (``verifyKnowledgeSecondWhen2faRequired``), both false on a new org (recorded);
- ThreatInsight's ``action`` (none, audit, block) and the IP zones it ignores (``excludeZones``), ``created`` and
  ``lastUpdated`` as ``yyyy-MM-dd HH:mm:ss`` (recorded: audit on the recorded org), ``_links.self`` allowing GET
  and POST.
Each is one record in state collection ``attack_protection``.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AttackProtection/ and
.../tag/ThreatInsight/
"""

from __future__ import annotations

import time
from typing import Any

from ..runtime import Context, SeedContext, behaviour
from . import _log
from ._errors import okta_error, validation_failed
from ._links import link

COLLECTION = "attack_protection"
_FLAGS = {
    "user-lockout": "preventBruteForceLockoutFromUnknownDevices",
    "authenticator": "verifyKnowledgeSecondWhen2faRequired",
}


def _stamp(now: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now))


def seed(ctx: SeedContext) -> None:
    kept = ctx.state.collection(COLLECTION)
    for name, flag in _FLAGS.items():
        kept.put(name, {flag: False})
    kept.put(
        "threats",
        {"action": "audit", "excludeZones": [], "created": _stamp(ctx.now()), "lastUpdated": _stamp(ctx.now())},
    )


def _get(ctx: Context, name: str) -> dict[str, Any]:
    return ctx.state.collection(COLLECTION).get(name) or {}


def _replace_flag(ctx: Context, name: str) -> Any:
    flag = _FLAGS[name]
    body = ctx.body if isinstance(ctx.body, dict) else None
    if body is None:
        raise okta_error("E0000003")
    if not isinstance(body.get(flag), bool):
        raise validation_failed(flag, "The field must be true or false.")
    value = {flag: body[flag]}
    ctx.state.collection(COLLECTION).put(name, value)
    _log.record(ctx, "system.org.attack_protection.update", [_log.target("AttackProtection", name, flag, flag)])
    return value


@behaviour("getUserLockoutSettings")
def get_lockout(ctx: Context) -> Any:
    return _get(ctx, "user-lockout")


@behaviour("replaceUserLockoutSettings")
def replace_lockout(ctx: Context) -> Any:
    return _replace_flag(ctx, "user-lockout")


@behaviour("getAuthenticatorSettings")
def get_authenticator(ctx: Context) -> Any:
    return _get(ctx, "authenticator")


@behaviour("replaceAuthenticatorSettings")
def replace_authenticator(ctx: Context) -> Any:
    return _replace_flag(ctx, "authenticator")


def _threats_view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    return {
        **record,
        "_links": {"self": {**link(ctx, "/api/v1/threats/configuration"), "hints": {"allow": ["GET", "POST"]}}},
    }


@behaviour("getCurrentConfiguration")
def get_threats(ctx: Context) -> Any:
    return _threats_view(ctx, _get(ctx, "threats"))


@behaviour("updateConfiguration")
def update_threats(ctx: Context) -> Any:
    body = ctx.body if isinstance(ctx.body, dict) else None
    if body is None:
        raise okta_error("E0000003")
    if body.get("action") not in ("none", "audit", "block"):
        raise validation_failed("action", "The action must be none, audit or block.")
    zones = body.get("excludeZones", [])
    known = ctx.state.collection("network_zones")
    if not isinstance(zones, list) or any((known.get(str(z)) or {}).get("type") != "IP" for z in zones):
        raise validation_failed("excludeZones", "Each excluded zone must be an IP network zone of the org.")
    record = {
        **_get(ctx, "threats"),
        "action": body["action"],
        "excludeZones": list(zones),
        "lastUpdated": _stamp(ctx.now()),
    }
    ctx.state.collection(COLLECTION).put("threats", record)
    _log.record(ctx, "security.threat.configuration.update", [_log.target("ThreatInsight", "threats")])
    return _threats_view(ctx, record)
