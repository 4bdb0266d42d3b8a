// The Graph Data Science version (fails when the plugin did not load).
RETURN gds.version() AS version
