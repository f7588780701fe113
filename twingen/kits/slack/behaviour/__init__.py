"""Slack's behaviour for the twin: written by hand, kept by ``twingen new --force``.

One module per method family (``chat``, ``conversations``, ``files``...); ``_``-prefixed modules are shared
helpers. The runtime imports every module here and collects the ``@behaviour``/``@seed`` marks.
"""
