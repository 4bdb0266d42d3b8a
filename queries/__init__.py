"""Named Cypher queries (package data). See ``alliance_graph.querylib`` for the format."""
