"""Samples for the replay's tests: a tiny twin and cassettes written for it by hand (no recorded vendor traffic)."""
