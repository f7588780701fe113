"""Device posture checks: custom osquery checks (Okta Identity Threat Protection / device assurance extensions).

A new org does not have the feature, and Okta answers every call about posture checks as it does for a feature the
org lacks: 401 E0000015 "You do not have permission to access the feature you are requesting" (recorded on the
developer org the SDK's suite ran against, for create, list and the defaults alike).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/DevicePostureCheck/ and the
recorded answers of okta-sdk-python's cassettes.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._errors import okta_error


@behaviour("listDevicePostureChecks")
@behaviour("listDefaultDevicePostureChecks")
@behaviour("createDevicePostureCheck")
@behaviour("getDevicePostureCheck")
@behaviour("replaceDevicePostureCheck")
@behaviour("deleteDevicePostureCheck")
def feature_not_enabled(ctx: Context) -> Any:
    raise okta_error("E0000015")
