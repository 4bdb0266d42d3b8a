// Project one year's network, as computed by the Python projection, into the GDS
// catalog (Cypher aggregation). Isolated actors are projected with a null target.
// :param graph => 'alliances-2018'
// :param edges => [{a: 'USA', b: 'CAN', weight: 1.0}]
// :param isolates => ['BHU']
CALL () {
  UNWIND $edges AS e
  MATCH (a:State|NonStateActor {code: e.a})
  MATCH (b:State|NonStateActor {code: e.b})
  RETURN a, b, e.weight AS weight
  UNION ALL
  UNWIND $isolates AS code
  MATCH (a:State|NonStateActor {code: code})
  RETURN a, null AS b, 0.0 AS weight
}
WITH gds.graph.project($graph, a, b, {relationshipProperties: {weight: weight}},
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS relationships
