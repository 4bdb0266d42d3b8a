// The blocs written back by `alliances blocs --write` for one year and network (e.g.
// 'all:defense'): each bloc's label, size, density and the partition's modularity, with
// its members' names, largest bloc first. No rows: no blocs were written for this year
// and network yet.
// :param year => 2024
// :param network => 'all:defense'
MATCH (a)-[:IN_BLOC {year: $year, network: $network}]->(b:Bloc)
RETURN b.id AS bloc, b.label AS label, b.size AS size, b.density AS density,
       b.modularity AS modularity, collect(a.name) AS members
ORDER BY size DESC, bloc
