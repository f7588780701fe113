"""The generic default seed, used when a twin's behaviour package declares no ``@seed``."""

from __future__ import annotations

from collections.abc import Callable

from ..behaviour import SeedContext
from ..spec import Spec
from ..types import Credential
from ..vendors import VendorProfile

DEFAULT_USERNAME = "twin@example.com"


def default_seed(spec: Spec, profile: VendorProfile) -> Callable[[SeedContext], None]:
    """One credential per credential scheme of the spec, named after the scheme, with stable tokens."""

    def seed(ctx: SeedContext) -> None:
        schemes = [scheme for scheme, _ in spec.credential_schemes()]
        if profile.auth_params and "bearer" not in schemes:
            schemes.append("bearer")  # Slack methods take a token even when the docs declare no scheme
        # the default tenant keeps the tokens it always had; another tenant's are derived from its id
        label = spec.name if ctx.tenant == "default" else f"{spec.name}/{ctx.tenant}"
        for scheme in schemes:
            token = profile.seed_token(label, scheme)
            principal = {"name": "twin", "scheme": scheme}
            if scheme == "basic":
                ctx.credential(
                    Credential("basic", "basic", username=DEFAULT_USERNAME, password=token, principal=principal)
                )
            elif scheme in ("bearer", "apikey"):
                ctx.credential(Credential(scheme, scheme, token=token, principal=principal))  # type: ignore[arg-type]

    return seed
