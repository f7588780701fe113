"""A stand-in for the ``gspread`` package of a gspread checkout (written for twingen's tests; no gspread code).

gspread's own tests import the checkout's ``gspread``; gspread is not installed here, so the google sample carries
these few lines in its place, on the same footing as gspread: google-auth's ``AuthorizedSession`` (requests) sending
to Google's Sheets v4 and Drive v3 hosts.
"""
