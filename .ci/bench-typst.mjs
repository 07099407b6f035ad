// Compiles a Typst document to PDF with the compiler from npm
// (@myriaddreamin/typst-ts-node-compiler, which carries the real Typst
// compiler), the reference .ci/bench-process times beside infogen.
//
//   node compile.mjs DOC.typ FONTDIR OUT.pdf
//
// .ci/bench-process copies this file into the folder it installs the
// package into, so that Node finds the package beside it.
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync, writeFileSync } from 'node:fs';

const [src, fontDir, out] = process.argv.slice(2);
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
writeFileSync(out, compiler.pdf({ mainFileContent: readFileSync(src, 'utf8') }));
