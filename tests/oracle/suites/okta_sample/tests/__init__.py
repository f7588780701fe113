"""A sample shaped like okta-sdk-python's test package (``tests/mocks.py``, ``tests/integration/``), for twingen."""
