"""How a twin's operations become routes: the spec's operations plus behaviour-only ones (SDK methods)."""

from __future__ import annotations

import logging

from ..behaviour import Registry
from ..spec import Op, Spec
from ..vendors import VendorProfile
from .routing import Router

log = logging.getLogger("twin")


def extra_operations(spec: Spec, registry: Registry, profile: VendorProfile) -> dict[str, Op]:
    """Operations that have behaviour but are not in the docs (methods only the SDK knows)."""
    extra: dict[str, Op] = {}
    for op_id in registry.handlers:
        if op_id in spec.operations:
            continue
        binding = registry.routes.get(op_id)
        if binding is None and not profile.unlisted_path:
            log.warning("behaviour for %r has no operation in the spec and no path: not routed", op_id)
            continue
        path = (
            binding.path if binding and binding.path else (profile.unlisted_path or "/api/{op}").replace("{op}", op_id)
        )
        method = binding.method if binding and binding.method else "POST"
        extra[op_id] = {
            "id": op_id,
            "path": path,
            "method": method,
            "parameters": [
                {"name": name, "location": "query", "required": False, "schema": {"type": "array"}}
                for name in (binding.lists if binding else ())
            ],
            "responses": [],
            "auth": list(spec.auth_schemes) if op_id not in registry.public else [],
            "also_methods": [],
            "errors": [],
        }
    return extra


def build_router(spec: Spec, profile: VendorProfile, extra_ops: dict[str, Op]) -> Router:
    router = Router()
    for op in [*spec.operations.values(), *extra_ops.values()]:
        methods = [op["method"], *(op.get("also_methods") or ())]
        if profile.any_method:
            methods = [*methods, "GET", "POST"]
        router.add(op["path"], methods, op["id"])
        upload = op.get("media_upload")
        if upload:
            for kind in ("simple", "resumable"):
                if upload.get(f"{kind}_path"):
                    router.add(upload[f"{kind}_path"], [*methods, "PUT"], op["id"], kind)
    return router
