// Command infogen makes leaflets about help against violence in close
// relationships and about parenting support, in the languages a
// municipality's residents read.
//
// # Usage
//
//	infogen generate --request FILE.json [--out DIR] [--formats html,pdf]
//	                 [--langs L1,L2|all] [--topics T1,T2|all] [--paper a4|a5] [--print]
//	infogen generate --example --out DIR      the shipped example request
//
// generate writes DIR/<topic>_<lang>.<ext>. Flags override the request's
// lists; "--request -" reads the request from standard input. Exit status:
// 0 on success, 2 for an invalid request (each bad field is named, in
// Swedish and English), 1 for any other failure.
//
// main only wires: it parses flags, builds the long-lived objects once
// (catalog, topic structures, help lines, renderers) and runs a command.
package main
