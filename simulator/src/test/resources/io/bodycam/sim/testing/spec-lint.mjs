// Checks the device contract's specs with the tools a vendor would use: the AsyncAPI initiative's own
// parser for asyncapi.yaml, Redocly's OpenAPI linter (its "minimal" rules) for openapi.yaml.
// Usage: node spec-lint.mjs ASYNCAPI OPENAPI. Prints one line per finding; exit 1 if any is an error.
import { Parser, fromFile } from '@asyncapi/parser';
import { lintFromString, createConfig } from '@redocly/openapi-core';
import fs from 'fs';

const [asyncapi, openapi] = process.argv.slice(2);
let errors = 0;
const { document, diagnostics } = await fromFile(new Parser(), asyncapi).parse();
for (const d of diagnostics) {
  // severity 0 is an error in the parser's diagnostics (1 warning, 2 information, 3 hint)
  if (d.severity === 0) errors++;
  console.log(`asyncapi ${d.severity === 0 ? 'error' : 'note'} ${d.code}: ${d.message} at ${JSON.stringify(d.path)}`);
}
if (!document) errors++;
const config = await createConfig({ extends: ['minimal'] });
const problems = await lintFromString({ source: fs.readFileSync(openapi, 'utf8'), absoluteRef: openapi, config });
for (const p of problems) {
  if (p.severity === 'error') errors++;
  console.log(`openapi ${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
}
console.log(`${errors} errors`);
process.exit(errors === 0 ? 0 : 1);
