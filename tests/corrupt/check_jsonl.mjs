// Exits 1 unless stdin is valid UTF-8 made of lines that are each valid JSON:
// what heapsleuth-nodes --format jsonl must print whatever bytes the
// snapshot's strings hold (run.sh, mode ok-jsonl).
import fs from 'node:fs';

let text;
try {
  text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(0));
} catch (error) {
  console.error(`check_jsonl: not valid UTF-8: ${error.message}`);
  process.exit(1);
}
const lines = text.split('\n');
if (lines.pop() !== '') {
  console.error('check_jsonl: the last line has no newline');
  process.exit(1);
}
for (const [i, line] of lines.entries()) {
  try {
    JSON.parse(line);
  } catch (error) {
    console.error(`check_jsonl: line ${i + 1}: ${error.message}`);
    process.exit(1);
  }
}
