// Compiles each JSON Schema file given on the command line with ajv in strict mode, our
// annotation keywords declared; prints every schema ajv refuses and exits 1 if there is one.
// Usage: node tests/ajv_strict.js KEYWORD,KEYWORD,... FILE...
const fs = require("fs");
const Ajv = require("ajv");

const [keywords, ...files] = process.argv.slice(2);
let refused = 0;
for (const file of files) {
  // A new instance per file: two schemas may share an $id's base.
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addVocabulary(keywords.split(","));
  try {
    ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (error) {
    refused += 1;
    console.log(`${file}: ${error.message}`);
  }
}
process.exit(refused ? 1 : 0);
