// Lint Cypher with Neo4j's own front-end (@neo4j-cypher/language-support).
//
// stdin: {"schema": {labels, relationshipTypes, propertyKeys, procedures: [names],
//          functions: [names]}, "queries": [{"name", "text", "params", "mapKeys"}]}
// stdout: [{"name", "diagnostics": [{"severity", "line", "column", "message"}]}]
//
// Procedures and plugin functions are looked up by name in the catalogue the package
// ships (Neo4j 5 built-ins, APOC and GDS signatures, exported as `testData`), so a call
// to anything the project has not declared — or that does not exist — is an error.
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';
import { readFileSync } from 'node:fs';

const VERSION = 'CYPHER 5';
const input = JSON.parse(readFileSync(0, 'utf8'));
const catalogue = testData.mockSchema;
const allFunctions = catalogue.functions[VERSION];
const allProcedures = catalogue.procedures[VERSION];

const missing = [];
const pick = (names, registry, kind) => Object.fromEntries(names.map((n) => {
  if (!registry[n]) missing.push(`${kind} ${n}`);
  return [n, registry[n]];
}).filter(([, v]) => v));

const functions = Object.fromEntries(
  Object.entries(allFunctions).filter(([, f]) => f.isBuiltIn));
Object.assign(functions, pick(input.schema.functions, allFunctions, 'function'));
const procedures = pick(input.schema.procedures, allProcedures, 'procedure');
if (missing.length) {
  console.error(`declared in the schema module but unknown to Neo4j: ${missing.join(', ')}`);
  process.exit(2);
}

const out = input.queries.map((q) => {
  const dbSchema = {
    labels: input.schema.labels,
    relationshipTypes: input.schema.relationshipTypes,
    // keys of maps a query declares in its parameters (row.code…) are not database
    // properties, but the front-end cannot tell a map from a node: allow them per query
    propertyKeys: [...input.schema.propertyKeys, ...(q.mapKeys ?? [])],
    parameters: q.params,
    functions: { [VERSION]: functions },
    procedures: { [VERSION]: procedures },
    defaultLanguage: VERSION,
  };
  const { diagnostics } = lintCypherQuery(q.text, dbSchema, { consoleCommandsEnabled: false });
  return {
    name: q.name,
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    })),
  };
});
process.stdout.write(JSON.stringify(out));
