// Remove the blocs written earlier for one year and network (before writing new ones).
// :param year => 2018
// :param network => 'atop:defense:leiden'
MATCH (b:Bloc)
WHERE b.year = $year AND b.network = $network
DETACH DELETE b
