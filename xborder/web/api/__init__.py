"""Thin routers: parse -> access check -> action or query -> respond."""
