// Leiden communities of a projected (undirected, weighted) graph at resolution $gamma,
// single-threaded with a fixed seed so a run is reproducible.
// :param graph => 'alliances-2018'
// :param gamma => 1.0
// :param seed => 42
CALL gds.leiden.stream($graph, {relationshipWeightProperty: 'weight', gamma: $gamma,
  randomSeed: $seed, concurrency: 1})
YIELD nodeId, communityId
RETURN gds.util.asNode(nodeId).code AS code, communityId AS community
