"""Discover emerging skill terms the taxonomy does not name, and propose them."""
