"""Tests of the oracles: SDK test suites and recorded traffic run against twins."""
