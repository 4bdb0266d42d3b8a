// Harmonic closeness of each actor (GDS divides by n - 1; unweighted).
// :param graph => 'alliances-2018'
CALL gds.closeness.harmonic.stream($graph)
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).code AS code, score
