"""The ``/_twin/`` control plane (``routes``) and what it steers: faults, rate limits, the request log, the UI.

Kept free of imports: vendor profiles import ``control.ratelimits``, and the dispatch imports the models.
"""
