"""Turning an ``Api`` into a twin package on disk: templates, models, manifest, build and publish."""
