"""Slack twin tests: slack_sdk clients against the twin over real HTTP."""
