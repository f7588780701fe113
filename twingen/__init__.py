"""Turn a SaaS API's public docs and SDKs into a local, stateful behavioural twin."""

__version__ = "0.1.0"
