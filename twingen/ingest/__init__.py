"""Ingest: user documents -> validated OpenAPI 3.x / Discovery dicts (``pipeline.load_documents``) -> IR.

Nothing is imported here: ``openapi-spec-validator`` and the IR builders are heavy, and the CLI imports
them only when a command needs them.
"""
