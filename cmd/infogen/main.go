package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2 // bad flags or an invalid request
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "generate":
		return runGenerate(rest, stdin, stdout, stderr)
	case "helplines":
		return runHelpLines(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "locales":
		return runLocales(rest, stdout, stderr)
	case "proof":
		return runProof(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "infogen: unknown command %q\n", cmd)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  infogen generate --request FILE.json|- [--out DIR] [--formats html,pdf] [--langs L1,L2|all]
                   [--topics T1,T2|all] [--paper a4|a5] [--print] [--require-vetted]
                   [--helplines-min high|medium]
  infogen generate --example [--out DIR]
  infogen helplines [--max-age DAYS] [--min-confidence high|medium] [--json]
                                                the national help lines: sources, dates, what prints
  infogen locales check|status|approve|proof …   the translators' tools ("infogen locales" for help)
  infogen proof --lang L (--text T | --message ID) --out FILE.pdf   one string set as a leaflet paragraph
  infogen serve [--addr 127.0.0.1:8080] [--locales DIR] [--data DIR | --db postgres://…] [--print-days N]
                [--rate N] [--burst N] [--require-vetted]

Run "infogen COMMAND -h" for a command's flags.
`)
}
