"""``@admits``: a kit's say on whether a matched credential still works, asked before the request is read."""

from __future__ import annotations

import types

import pytest

from twingen.runtime import Credential, Registry, State, admits


def _module(**functions: object) -> types.ModuleType:
    module = types.ModuleType("kit_behaviour")
    vars(module).update(functions)
    return module


def test_the_registry_takes_one_admits_hook() -> None:
    @admits
    def first(state: State, tenant: str, credential: Credential) -> None:
        return None

    @admits
    def second(state: State, tenant: str, credential: Credential) -> None:
        return None

    assert Registry.from_modules([_module(first=first)]).admits is first
    assert Registry.from_modules([_module(plain=lambda: None)]).admits is None
    with pytest.raises(ValueError, match="two @admits hooks"):
        Registry.from_modules([_module(first=first), _module(second=second)])
