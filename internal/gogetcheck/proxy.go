package main

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// writeProxy lays out dir as a GOPROXY=file:// module proxy that serves
// the module in repo at version, and returns the module's path. The zip
// holds what `go mod download` would fetch from a tag: the tracked files,
// without nested modules (tools/ has its own go.mod, so it is not part of
// the module users get).
func writeProxy(repo, dir, version string) (string, error) {
	gomod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		return "", err
	}
	module, err := modulePath(gomod)
	if err != nil {
		return "", err
	}
	files, err := trackedFiles(repo)
	if err != nil {
		return "", err
	}
	files = moduleFiles(files)

	escaped, err := escapePath(module)
	if err != nil {
		return "", err
	}
	at := filepath.Join(dir, filepath.FromSlash(escaped), "@v")
	if err = os.MkdirAll(at, 0o755); err != nil {
		return "", err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return "", err
	}
	for name, data := range map[string][]byte{"list": []byte(version + "\n"), version + ".info": info, version + ".mod": gomod} {
		if err := os.WriteFile(filepath.Join(at, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return module, writeZip(filepath.Join(at, version+".zip"), repo, module+"@"+version, files)
}

// moduleFiles drops the files of nested modules: a directory below the
// root with its own go.mod, and everything under it.
func moduleFiles(files []string) []string {
	var nested []string
	for _, f := range files {
		if dir := path.Dir(f); path.Base(f) == "go.mod" && dir != "." {
			nested = append(nested, dir+"/")
		}
	}
	var kept []string
	for _, f := range files {
		inside := false
		for _, n := range nested {
			inside = inside || strings.HasPrefix(f, n)
		}
		if !inside {
			kept = append(kept, f)
		}
	}
	return kept
}

func writeZip(name, repo, prefix string, files []string) (err error) {
	out, err := os.Create(name)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, out.Close()) }()
	zw := zip.NewWriter(out)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(repo, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + "/" + f)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func modulePath(gomod []byte) (string, error) {
	for _, line := range strings.Split(string(gomod), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", errors.New("go.mod has no module line")
}

// escapePath is the module proxy's case encoding: each upper-case letter
// becomes '!' and its lower case.
func escapePath(module string) (string, error) {
	var b strings.Builder
	for _, r := range module {
		switch {
		case r == '!' || r >= 0x80:
			return "", fmt.Errorf("module path %q: cannot escape %q", module, r)
		case 'A' <= r && r <= 'Z':
			b.WriteByte('!')
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}
