"""Vendor profiles: one small class per vendor, chosen by the spec's ``vendor`` field."""

from __future__ import annotations

from ..clock import IdFactory
from .base import VendorProfile
from .google import GoogleProfile
from .jira import JiraProfile
from .okta import OktaProfile
from .slack import SlackProfile

_PROFILES: dict[str, type[VendorProfile]] = {
    "slack": SlackProfile,
    "google": GoogleProfile,
    "okta": OktaProfile,
    "jira": JiraProfile,
    "generic": VendorProfile,
}


def profile_for(vendor: str, ids: IdFactory | None = None) -> VendorProfile:
    """The profile for a spec's vendor; unknown vendors get the generic one."""
    return _PROFILES.get(vendor, VendorProfile)(ids)


__all__ = ["GoogleProfile", "JiraProfile", "OktaProfile", "SlackProfile", "VendorProfile", "profile_for"]
