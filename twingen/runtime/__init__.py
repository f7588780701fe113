"""The runtime every twin carries (copied into each twin as ``twin_NAME/runtime``): routing, auth,
vendor error envelopes, state, behaviour dispatch, inferred CRUD, stubs, and the ``/_twin`` control plane.
"""

from __future__ import annotations

from .behaviour import Context, Registry, SeedContext, admits, behaviour, discover, federated, seed, view
from .catalogue import Declared, UndeclaredError, look_up
from .dispatch import arguments, keyset
from .dispatch.twin import Twin
from .serving.app import TwinApp, create_app, load_app
from .spec import Spec
from .state.records import Collection, State
from .types import Credential, Response, VendorError

__all__ = [
    "Collection",
    "Context",
    "Credential",
    "Declared",
    "Registry",
    "Response",
    "SeedContext",
    "Spec",
    "State",
    "Twin",
    "TwinApp",
    "UndeclaredError",
    "VendorError",
    "admits",
    "arguments",
    "behaviour",
    "create_app",
    "discover",
    "federated",
    "keyset",
    "load_app",
    "look_up",
    "seed",
    "view",
]
