"""A twin's state: collections of records (``records``), tenants, snapshots, and ``--state`` persistence."""
