"""Behaviour of the twin_tasks twin, written by people and agents.

twingen created this file once and never overwrites anything in ``behaviour/``: ``twingen new --force``
regenerates the rest of the twin around it. Put behaviour in this package's modules, e.g.::

    from ..runtime import behaviour, Context

    @behaviour("operation.id")  # an operation id from ../spec.json (or one only the SDK calls)
    def operation_id(ctx: Context) -> dict:
        return {"ok": True}

An operation with a behaviour function answers from it; otherwise from inferred CRUD on a confidently
inferred resource; otherwise from a stub built from the spec's examples and schemas.
"""
