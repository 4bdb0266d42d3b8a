// How alliance design changed: for each period of $step years from $first to $last, the
// alliances (treaties) in force at any time in it and the share whose text provides for
// an integrated command, military aid, a common organisation, bases, military contact,
// secret provisions, conditions on the obligations or a named threat (ATOP codes > 0),
// and the mean military institutionalisation (Leeds & Anac 2005, 0–2). An alliance still
// in force when its data ended counts until it ends.
// :param first => 1815
// :param last => 2025
// :param step => 10
UNWIND range($first, $last, $step) AS period
MATCH (t:Treaty)
WHERE t.start <= period + $step - 1 AND coalesce(t.`end`, period) >= period
RETURN period, period + $step - 1 AS period_end, count(t) AS alliances,
       avg(CASE WHEN t.integrated_command > 0 THEN 1.0 ELSE 0.0 END) AS integrated_command,
       avg(CASE WHEN t.military_aid > 0 THEN 1.0 ELSE 0.0 END) AS military_aid,
       avg(CASE WHEN t.common_organization > 0 THEN 1.0 ELSE 0.0 END) AS common_organization,
       avg(CASE WHEN t.bases > 0 THEN 1.0 ELSE 0.0 END) AS bases,
       avg(CASE WHEN t.military_contact > 0 THEN 1.0 ELSE 0.0 END) AS military_contact,
       avg(CASE WHEN t.secret_provisions > 0 THEN 1.0 ELSE 0.0 END) AS secret_provisions,
       avg(CASE WHEN t.conditional > 0 THEN 1.0 ELSE 0.0 END) AS conditional,
       avg(CASE WHEN t.specific_threat > 0 THEN 1.0 ELSE 0.0 END) AS specific_threat,
       avg(t.institutionalisation) AS institutionalisation,
       avg(CASE WHEN t.defense THEN 1.0 ELSE 0.0 END) AS defense
ORDER BY period
