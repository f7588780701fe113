"""One small model-client interface and its implementations (Anthropic, scripted fake, replay)."""

from __future__ import annotations

from twingen.agent.model.base import ModelClient, ModelError, ModelReply, ModelRequest

__all__ = ["ModelClient", "ModelError", "ModelReply", "ModelRequest"]
