"""Small sample suites written for these tests, and their drivers; never collected by this repo's pytest."""
