"""A sample shaped like gspread's ``tests`` folder, written for twingen's tests."""
