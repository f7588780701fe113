"""Google Drive v3 behaviour of the Google twin (kept by regeneration; written by people, not generated).

Shared state is designed for Sheets and Docs to join later: see ``_files_model``.
"""
