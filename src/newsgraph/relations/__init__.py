"""relations stage."""
