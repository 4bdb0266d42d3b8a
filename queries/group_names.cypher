// Every treaty and partnership by what a user may call it: node id, curated alias, short
// name and full name (the treaty commands resolve e.g. 'Warsaw Pact' to ATOP-3285).
MATCH (g:Treaty|Partnership)
RETURN g.id AS id, g.alias AS alias, g.short_name AS short_name, g.name AS name
ORDER BY id
