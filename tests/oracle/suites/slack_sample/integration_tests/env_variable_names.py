"""The names of the variables the sample reads its tokens and ids from, kept in one module as python-slack-sdk's
integration tests keep theirs (written for twingen's tests; the suite driver sets these variables). As in that suite,
``integration_tests`` and its folders are not packages: tests import this module from the suite's root.
"""

SLACK_SDK_TEST_BOT_TOKEN = "SLACK_SDK_TEST_BOT_TOKEN"
SLACK_SDK_TEST_USER_TOKEN = "SLACK_SDK_TEST_USER_TOKEN"
SLACK_SDK_TEST_WEB_TEST_CHANNEL_ID = "SLACK_SDK_TEST_WEB_TEST_CHANNEL_ID"
SLACK_SDK_TEST_GRID_TEAM_ID = "SLACK_SDK_TEST_GRID_TEAM_ID"
