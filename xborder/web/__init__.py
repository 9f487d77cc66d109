"""HTTP: the FastAPI app factory, API routers, the node's home page, auth."""
