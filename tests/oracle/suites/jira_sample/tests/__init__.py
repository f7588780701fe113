"""A sample shaped like pycontribs/jira's ``tests`` package, written for twingen's tests."""
