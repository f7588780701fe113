"""The agent loop (``twingen iterate``) and its transcript store (issue 7)."""
