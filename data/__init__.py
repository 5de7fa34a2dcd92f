"""Reference data shipped with orbitcompute (CSV catalogs and scenario files)."""
