"""Oracles: what twingen measures a twin against beyond its documents (SDK test suites, recorded traffic)."""
