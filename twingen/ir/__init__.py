"""The intermediate representation of an API."""
