// Validates JSON documents against a heapsleuth JSON Schema with Ajv.
//   node validate.mjs SCHEMA.json DOC.json         one JSON document
//   node validate.mjs --lines SCHEMA.json DOC.jsonl every line of a JSON Lines file
//   --ref OTHER.schema.json (repeatable, first): a schema SCHEMA refers to by its $id
import fs from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(new URL('../devtools/package.json', import.meta.url));
const Ajv = require('ajv');

let args = process.argv.slice(2);
const refs = [];
while (args[0] === '--ref') {
  refs.push(args[1]);
  args = args.slice(2);
}
const lines = args[0] === '--lines';
const [schemaPath, docPath] = lines ? args.slice(1) : args;
const ajv = new Ajv({allErrors: true, strict: true});
for (const ref of refs) ajv.addSchema(JSON.parse(fs.readFileSync(ref, 'utf8')));
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const text = fs.readFileSync(docPath, 'utf8');
const docs = lines ? text.split('\n').filter(line => line.length > 0) : [text];
if (docs.length === 0) {
  console.error(`${docPath}: no documents`);
  process.exit(1);
}
let failures = 0;
docs.forEach((doc, i) => {
  if (!validate(JSON.parse(doc))) {
    if (++failures <= 5) console.error(`${docPath}:${lines ? i + 1 : ''} ${JSON.stringify(validate.errors)}`);
  }
});
if (failures) {
  console.error(`${failures} of ${docs.length} documents do not match ${schemaPath}`);
  process.exit(1);
}
console.log(`${docs.length} document(s) match ${schemaPath}`);
