"""The README's two ways to reach the Drive twin with google-api-python-client take a resumable media upload
(the client sends it to ``https://`` on the endpoint's port, and Drive answers each chunk but the last with 308):
``build(credentials=..., client_options={"api_endpoint": ...})`` with ``HTTPLIB2_CA_CERTS`` naming the twin's CA,
and an ``AuthorizedHttp`` over an ``httplib2.Http(ca_certs=CA)`` whose redirect codes leave 308 out."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap

import google_auth_httplib2
import httplib2
from conftest import Twin
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.http import MediaIoBaseUpload

CONTENT = b"twin recipe " * 40_000  # 480,000 bytes: two chunks of 256 KiB, so one 308 before the last answer
CHUNK = 256 * 1024


def test_the_httplib2_recipe_uploads_in_chunks(twin: Twin) -> None:
    http = httplib2.Http(ca_certs=twin.ca_file, timeout=30)
    http.redirect_codes = set(http.redirect_codes) - {308}  # a 308 means "send the next chunk", not a redirect
    authorized = google_auth_httplib2.AuthorizedHttp(Credentials(token=twin.tokens["owner"]), http=http)
    drive = build("drive", "v3", http=authorized, static_discovery=True,
                  client_options={"api_endpoint": f"{twin.base_url}/drive/v3/"})  # fmt: skip
    media = MediaIoBaseUpload(io.BytesIO(CONTENT), mimetype="text/plain", chunksize=CHUNK, resumable=True)
    try:
        made = drive.files().create(body={"name": "recipe.txt"}, media_body=media, fields="id,size").execute()
        assert made["size"] == str(len(CONTENT))
        assert drive.files().get_media(fileId=made["id"]).execute() == CONTENT
    finally:
        for connection in http.connections.values():  # the plain and the TLS one: no socket left to the collector
            connection.close()


def test_the_api_endpoint_recipe_uploads_with_the_ca_in_httplib2s_variable(twin: Twin) -> None:
    # httplib2 reads HTTPLIB2_CA_CERTS when it is imported: the recipe sets it before Python starts
    script = textwrap.dedent(
        f"""
        import io
        from google.oauth2.credentials import Credentials
        from googleapiclient.discovery import build
        from googleapiclient.http import MediaIoBaseUpload
        drive = build("drive", "v3", credentials=Credentials(token={twin.tokens["owner"]!r}), static_discovery=True,
                      client_options={{"api_endpoint": {twin.base_url + "/drive/v3/"!r}}})
        media = MediaIoBaseUpload(io.BytesIO(b"x" * {len(CONTENT)}), mimetype="text/plain", chunksize={CHUNK},
                                  resumable=True)
        made = drive.files().create(body={{"name": "recipe.txt"}}, media_body=media, fields="id,size").execute()
        print(made["size"])
        """
    )
    env = {**os.environ, "HTTPLIB2_CA_CERTS": twin.ca_file}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == str(len(CONTENT))
