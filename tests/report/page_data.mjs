// The JSON object a heapsleuth-report page embeds (schemas/report.schema.json).
//   node page_data.mjs PAGE.html > data.json
import fs from 'node:fs';
import {pathToFileURL} from 'node:url';

const OPEN = '<script type="application/json" id="heapsleuth-data">';

export function pageData(html) {
  const start = html.indexOf(OPEN);
  if (start < 0) throw new Error('no heapsleuth-data element');
  const end = html.indexOf('</script>', start);
  return JSON.parse(html.slice(start + OPEN.length, end));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(pageData(fs.readFileSync(process.argv[2], 'utf8'))));
}
