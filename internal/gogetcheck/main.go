// Command gogetcheck installs lago-go the way a new user does and checks
// what that brings in. `.ci/run` runs it on a clean clone:
//
//	go run ./internal/gogetcheck [-repo DIR] [-record FILE] [-work]
//
// It serves the repository's tracked files, as they are on disk, from a
// module proxy on disk (GOPROXY=file://…, followed by `go env GOPROXY` for
// every other module), with an empty module cache and GOFLAGS=-mod=mod. For
// each user it creates a new module, runs the `go get` commands of README's
// Install section for the packages that module imports, then `go build` and
// `go vet` with -mod=readonly (so the install command alone must have
// recorded every requirement and checksum) and `go test`. It fails when
// any of these fails, when `go list -m all` holds the code generator, when
// lago-go's or the user's go.mod requires a module README's Dependencies
// section does not list, or when the build compiles one.
//
// -record appends each user's `go list -m all`, taken right after the
// install command, to FILE; -work keeps the temporary directory, to look
// into a failure.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// generator is the module that must never reach a user's module graph.
const generator = "github.com/oapi-codegen/oapi-codegen/v2"

// version is what the proxy on disk calls the working tree. A pre-release,
// so that @latest picks it only because it is the one version there is.
const version = "v0.0.0-gogetcheck"

func main() {
	repo := flag.String("repo", ".", "the lago-go `directory` to serve (its tracked files, as they are on disk)")
	record := flag.String("record", "", "append each user module's `go list -m all` to `file`")
	keep := flag.Bool("work", false, "keep the work directory (proxy, module cache, user modules) and print its name")
	flag.Parse()
	if err := run(*repo, *record, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "gogetcheck:", err)
		os.Exit(1)
	}
}

// user is a new module written the way a user of one package would.
type user struct {
	name    string
	imports []string          // lago-go packages, relative to the module path
	files   map[string]string // file name to contents, MODULE standing for lago-go's path
}

var users = []user{
	{
		name:    "lago",
		imports: []string{"lago"},
		files: map[string]string{"main.go": `package main

import (
	"fmt"
	"log"

	"MODULE/lago"
)

func main() {
	client, err := lago.NewClient("key", lago.WithBaseURL(lago.BaseURLEU))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client != nil, lago.Value("Acme").IsSet())
}
`},
	},
	{
		name:    "lagotest",
		imports: []string{"lago", "lagotest"},
		files: map[string]string{
			"sync.go": `// Package sync keeps a customer's email up to date in Lago.
package sync

import (
	"context"

	"MODULE/lago"
)

// Customer creates or updates the customer id with its email.
func Customer(ctx context.Context, client *lago.Client, id, email string) error {
	_, err := client.CreateCustomer(ctx, lago.CustomerInput{ExternalID: id, Email: lago.Value(email)})
	return err
}
`,
			"sync_test.go": `package sync

import (
	"testing"

	"MODULE/lagotest"
)

func TestCustomer(t *testing.T) {
	srv := lagotest.New(t)
	client, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	if err := Customer(t.Context(), client, "acme", "billing@acme.test"); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetCustomer(t.Context(), "acme")
	if err != nil {
		t.Fatal(err)
	}
	if *got.Email != "billing@acme.test" {
		t.Fatalf("email %q", *got.Email)
	}
}
`,
		},
	},
}

func run(repo, record string, keep bool) error {
	readme, err := os.ReadFile(filepath.Join(repo, "README.md"))
	if err != nil {
		return err
	}
	installs, err := installCommands(string(readme))
	if err != nil {
		return err
	}
	allowed := dependencies(string(readme))

	work, err := os.MkdirTemp("", "gogetcheck-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Println("work directory:", work)
	} else {
		// Best effort: a work directory left in the temporary directory is
		// harmless, and the check's outcome is what matters.
		defer func() { _ = os.RemoveAll(work) }()
	}

	module, err := writeProxy(repo, filepath.Join(work, "proxy"), version)
	if err != nil {
		return err
	}
	upstream, err := goEnv("GOPROXY")
	if err != nil {
		return err
	}
	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(filepath.Join(work, "proxy"))+","+upstream,
		"GOMODCACHE="+filepath.Join(work, "modcache"),
		"GOFLAGS=-mod=mod -modcacherw",
		"GONOSUMDB="+module, // the proxy on disk serves a version no checksum database knows
		"GOPRIVATE=", "GONOPROXY=", "GOWORK=off", "GOTOOLCHAIN=local",
	)

	var failures []error
	for _, u := range users {
		list, err := checkUser(u, module, installs, allowed, filepath.Join(work, "user-"+u.name), env)
		if record != "" && list != "" {
			if rerr := appendRecord(record, u, list); rerr != nil {
				return rerr
			}
		}
		if err != nil {
			failures = append(failures, fmt.Errorf("module importing %s: %w", u.name, err))
			continue
		}
		fmt.Printf("ok: a module importing %s builds, vets and tests with only README's install command\n", strings.Join(u.imports, " and "))
	}
	return errors.Join(failures...)
}

// checkUser creates u's module in dir and installs, builds and inspects it.
// It returns the module's `go list -m all` whenever it got that far.
func checkUser(u user, module string, installs []string, allowed map[string]bool, dir string, env []string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for name, text := range u.files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.ReplaceAll(text, "MODULE", module)), 0o644); err != nil {
			return "", err
		}
	}
	sh := func(args ...string) (string, error) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			return string(out), fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, out)
		}
		return string(out), nil
	}
	if _, err := sh("go", "mod", "init", "example.com/"+u.name+"user"); err != nil {
		return "", err
	}
	var ran []string
	for _, pkg := range u.imports {
		command, err := installFor(installs, module, module+"/"+pkg)
		if err != nil {
			return "", err
		}
		if slices.Contains(ran, command) {
			continue
		}
		ran = append(ran, command)
		fmt.Printf("%s user: %s\n", u.name, command)
		if _, err := sh(strings.Fields(command)...); err != nil {
			return "", err
		}
	}
	list, err := sh("go", "list", "-m", "all")
	if err != nil {
		return "", err
	}
	// The install command alone must be enough: readonly, a build that
	// needs another go.sum entry or requirement fails.
	for _, step := range [][]string{{"go", "build", "-mod=readonly", "./..."}, {"go", "vet", "-mod=readonly", "./..."}, {"go", "test", "-count=1", "./..."}} {
		if _, err = sh(step...); err != nil {
			return list, err
		}
	}
	graph, err := sh("go", "mod", "graph")
	if err != nil {
		return list, err
	}
	compiled, err := sh("go", "list", "-deps", "-test", "-f", "{{with .Module}}{{.Path}}{{end}}", "./...")
	if err != nil {
		return list, err
	}
	self := "example.com/" + u.name + "user"
	problems := unexpectedModules(list, graph, self, module, allowed)
	paths := strings.Fields(compiled)
	slices.Sort(paths)
	for _, path := range slices.Compact(paths) {
		if path != self && path != module && !allowed[path] {
			problems = append(problems, "compiled into the user's build but not in README's Dependencies: "+path)
		}
	}
	if len(problems) > 0 {
		return list, fmt.Errorf("%s\ngo list -m all:\n%s", strings.Join(problems, "\n"), list)
	}
	return list, nil
}

// unexpectedModules checks list (`go list -m all`) against README's
// Dependencies. The code generator must not be there at all. Every module
// that lago-go's go.mod or the user's requires must be listed; the others
// are there only because a listed module's own go.mod requires them
// (oapi-codegen/runtime names gin, echo, iris and more for its adapters):
// Go reads their go.mod files and compiles none of their code, which the
// check of the compiled modules confirms.
func unexpectedModules(list, graph, self, module string, allowed map[string]bool) []string {
	ours := map[string]bool{} // modules our go.mod or the user's requires
	for _, line := range strings.Split(graph, "\n") {
		from, to, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		from, _, _ = strings.Cut(from, "@")
		to, _, _ = strings.Cut(to, "@")
		if from == self || from == module {
			ours[to] = true
		}
	}
	var problems []string
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		path, _, _ := strings.Cut(line, " ")
		switch {
		case path == self || path == module:
		case path == generator || strings.HasPrefix(path, generator+"/"):
			problems = append(problems, "the code generator is in the module graph: "+line)
		case ours[path] && !allowed[path]:
			problems = append(problems, "required by lago-go or the user's go.mod but not in README's Dependencies: "+line)
		}
	}
	return problems
}

func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	value := strings.TrimSpace(string(out))
	if value == "" {
		return "off", nil
	}
	return value, nil
}

func appendRecord(file string, u user, list string) error {
	f, err := os.OpenFile(file, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, werr := fmt.Fprintf(f, "# go list -m all of a new module importing %s\n%s\n", strings.Join(u.imports, " and "), list)
	return errors.Join(werr, f.Close())
}

// installCommands returns the `go get` lines of the first sh block of
// README's "## Install" section.
func installCommands(readme string) ([]string, error) {
	_, section, ok := strings.Cut(readme, "\n## Install\n")
	if !ok {
		return nil, errors.New("README.md has no ## Install section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, block, ok := strings.Cut(section, "```sh\n")
	if !ok {
		return nil, errors.New("README's Install section has no sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	var commands []string
	for _, line := range strings.Split(block, "\n") {
		line, _, _ = strings.Cut(line, "#")
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "go get ") {
			commands = append(commands, line)
		}
	}
	if len(commands) == 0 {
		return nil, errors.New("README's Install section has no go get command")
	}
	return commands, nil
}

// installFor picks the install command for pkg: the one that names pkg, or
// else one that names the whole module.
func installFor(commands []string, module, pkg string) (string, error) {
	for _, want := range []string{pkg, module} {
		for _, c := range commands {
			for _, arg := range strings.Fields(c)[2:] {
				if path, _, _ := strings.Cut(arg, "@"); path == want {
					return c, nil
				}
			}
		}
	}
	return "", fmt.Errorf("README's Install section has no go get command for %s", pkg)
}

// dependencies returns the module paths written in backquotes in README's
// "## Dependencies" section.
func dependencies(readme string) map[string]bool {
	deps := map[string]bool{}
	_, section, ok := strings.Cut(readme, "\n## Dependencies\n")
	if !ok {
		return deps
	}
	section, _, _ = strings.Cut(section, "\n## ")
	for i, part := range strings.Split(section, "`") {
		if i%2 == 1 && strings.Contains(part, "/") && !strings.ContainsAny(part, " \t") {
			first, _, _ := strings.Cut(part, "/")
			if strings.Contains(first, ".") {
				deps[part] = true
			}
		}
	}
	return deps
}

// trackedFiles lists the files git tracks in repo that exist on disk.
func trackedFiles(repo string) ([]string, error) {
	cmd := exec.Command("git", "-C", repo, "ls-files", "-z")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files: %w: %s", err, stderr.String())
	}
	var files []string
	for _, f := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if info, err := os.Lstat(filepath.Join(repo, f)); err == nil && info.Mode().IsRegular() {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	return files, nil
}
