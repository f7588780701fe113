"""The JSON Schemas of the log stream types (``/api/v1/meta/schemas/logStream``): what a log stream of each type
takes, as Okta publishes them (``aws_eventbridge``, ``splunk_cloud_logstreaming``); an unknown type is 404.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Schema/#tag/Schema/operation/getLogStreamSchema
(the schemas' fields, patterns, titles and messages as documented there).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._errors import not_found
from ._links import href

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_NAME = {
    "description": "A name for this log stream in Okta",
    "pattern": "^.{1,100}$",
    "title": "Name",
    "type": "string",
    "writeOnce": False,
}
_NAME_MESSAGE = {"properties": {"name": "Name can't exceed 100 characters."}}
_REGIONS = (
    ("us-east-2", "US East (Ohio)"),
    ("us-east-1", "US East (N. Virginia)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
    ("ca-central-1", "Canada (Central)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-west-2", "Europe (London)"),
    ("eu-west-3", "Europe (Paris)"),
    ("eu-south-1", "Europe (Milan)"),
    ("eu-north-1", "Europe (Stockholm)"),
)


def _aws() -> dict[str, Any]:
    settings = {
        "description": "Configuration properties specific to AWS EventBridge",
        "errorMessage": {
            "properties": {
                "accountId": "Account number must be 12 digits.",
                "eventSourceName": 'Event source name can use numbers, letters, the symbols ".", "-" or "_". '
                "It must use fewer than 76 characters.",
            }
        },
        "properties": {
            "accountId": {
                "description": "Your Amazon AWS Account ID.",
                "pattern": "^\\d{12}$",
                "title": "AWS Account ID",
                "type": "string",
                "writeOnce": True,
            },
            "eventSourceName": {
                "description": "An alphanumeric name (no spaces) to identify this event source in AWS EventBridge.",
                "pattern": "^[\\.\\-_A-Za-z0-9]{1,75}$",
                "title": "AWS Event Source Name",
                "type": "string",
                "writeOnce": True,
            },
            "region": {
                "description": "The destination AWS region for your system log events.",
                "oneOf": [{"const": c, "title": t} for c, t in _REGIONS],
                "title": "AWS Region",
                "type": "string",
                "writeOnce": True,
            },
        },
        "required": ["eventSourceName", "accountId", "region"],
        "type": "object",
    }
    return {"title": "AWS EventBridge", "settings": settings}


def _splunk() -> dict[str, Any]:
    settings = {
        "description": "Configuration properties specific to Splunk Cloud",
        "errorMessage": {
            "properties": {"host": "Host should be a domain without http or https. For example: acme.splunkcloud.com"}
        },
        "properties": {
            "host": {
                "description": "The domain for your Splunk Cloud instance without http or https. For example: "
                "acme.splunkcloud.com",
                "pattern": "^([a-z0-9]+(-[a-z0-9]+)*){1,100}\\.splunkcloud(gc|fed)?\\.com$",
                "title": "Host",
                "type": "string",
                "writeOnce": False,
            },
            "token": {
                "description": "The token from your Splunk Cloud HTTP Event Collector (HEC).",
                "pattern": "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                "title": "HEC Token",
                "type": "string",
                "writeOnce": False,
            },
        },
        "required": ["host", "token"],
        "type": "object",
    }
    return {"title": "Splunk Cloud", "settings": settings}


_TYPES = {"aws_eventbridge": _aws, "splunk_cloud_logstreaming": _splunk}


def _schema(ctx: Context, kind: str) -> dict[str, Any]:
    made = _TYPES[kind]()
    return {
        "$id": href(ctx, f"/api/v1/meta/schemas/logStream/{kind}"),
        "$schema": DRAFT,
        "errorMessage": _NAME_MESSAGE,
        "properties": {"name": dict(_NAME), "settings": made["settings"]},
        "required": ["name", "settings"],
        "title": made["title"],
        "type": "object",
    }


@behaviour("listLogStreamSchemas")
def list_(ctx: Context) -> Any:
    return [_schema(ctx, kind) for kind in _TYPES]


@behaviour("getLogStreamSchema")
def get(ctx: Context) -> Any:
    kind = str(ctx.params.get("logStreamType") or "")
    if kind not in _TYPES:
        raise not_found(kind, "LogStreamSchema")
    return _schema(ctx, kind)
