"""The vendor samples (``*_sample/``) are suites the engine runs in their own pytest, never tests of this repository."""

collect_ignore_glob = ["*_sample"]
