// Command check validates rendered Kubernetes manifests (`helm template` output) strictly: each
// document is decoded into Kubernetes' own Go type with unknown fields and wrong types refused, as
// the API server would, and Deployments are held to our resource, probe and securityContext rules.
//
// Usage: check [file ...]   (reads stdin when no file is given, or for "-")
//
// Problems go to stderr, one a line; success prints a summary to stdout.
// Exit status: 0 all passed, 1 a problem was found, 2 usage or I/O error.
package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
)

const usage = `usage: check [file ...]
Checks rendered Kubernetes manifests (helm template output) strictly; reads stdin when no file is given.
Exit status: 0 all passed, 1 a problem was found, 2 usage or I/O error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, usage) }
	if err := flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	files := flags.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}

	res := newResult()
	ioFailed := false
	for _, file := range files {
		if err := checkFile(file, stdin, res); err != nil {
			// Keep going: the other files' problems are still worth seeing.
			fmt.Fprintf(stderr, "check: %v\n", err)
			ioFailed = true
		}
	}
	for _, p := range res.problems {
		fmt.Fprintln(stderr, p)
	}
	switch {
	case ioFailed:
		return 2
	case len(res.problems) > 0:
		return 1
	}
	fmt.Fprintln(stdout, summary(res.counts))
	return 0
}

func checkFile(file string, stdin io.Reader, res *result) error {
	if file == "-" {
		return checkStream("stdin", stdin, res)
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := checkStream(file, f, res); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// summary is the success line, e.g. "ok: 3 objects (Deployment: 1, Service: 2)", kinds sorted so
// the line is the same on every run.
func summary(counts map[string]int) string {
	total := 0
	var parts []string
	for _, kind := range slices.Sorted(maps.Keys(counts)) {
		total += counts[kind]
		parts = append(parts, fmt.Sprintf("%s: %d", kind, counts[kind]))
	}
	if total == 0 {
		return "ok: 0 objects"
	}
	return fmt.Sprintf("ok: %d objects (%s)", total, strings.Join(parts, ", "))
}
