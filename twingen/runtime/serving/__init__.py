"""Serving a twin: the ASGI app, the HTTP/1.1 protocol uvicorn runs, TLS, and in-process / test harnesses."""
