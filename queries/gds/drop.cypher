// Remove a projected graph from the GDS catalog (no error if it is gone).
// :param graph => 'alliances-2018'
CALL gds.graph.drop($graph, false)
YIELD graphName
RETURN graphName AS graph
