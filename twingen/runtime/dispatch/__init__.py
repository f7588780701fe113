"""From a vendor request to its answer: routes, auth, validation, then behaviour, inferred CRUD or a stub."""
