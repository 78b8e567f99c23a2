package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestModuleFilesLeavesOutNestedModules(t *testing.T) {
	files := []string{"go.mod", "lago/client.go", "tools.go", "tools/go.mod", "tools/go.sum", "toolsx/a.go", "x/y/go.mod", "x/y/z.go", "x/w.go"}
	assert.Equal(t, []string{"go.mod", "lago/client.go", "tools.go", "toolsx/a.go", "x/w.go"}, moduleFiles(files))
}

const readme = "# x\n\n## Install\n\nText.\n\n```sh\n" +
	"go get example.com/m/lago@latest      # the client\n" +
	"go get example.com/m/lagotest@latest  # tests\n" +
	"```\n\n## Dependencies\n\n| `example.com/a`, `golang.org/x/text` | why `not a module` |\n" +
	"Also `github.com/b/c/v2` and `go list -m all`.\n\n## Next\n\n`example.com/later`\n"

func TestInstallCommandsAndTheOneForEachPackage(t *testing.T) {
	commands, err := installCommands(readme)
	require.NoError(t, err)
	assert.Equal(t, []string{"go get example.com/m/lago@latest", "go get example.com/m/lagotest@latest"}, commands)

	tests := []struct {
		commands []string
		pkg      string
		want     string
	}{
		{commands, "example.com/m/lago", "go get example.com/m/lago@latest"},
		{commands, "example.com/m/lagotest", "go get example.com/m/lagotest@latest"},
		// A README that names only the module gets that command for every package.
		{[]string{"go get example.com/m"}, "example.com/m/lagotest", "go get example.com/m"},
	}
	for _, tt := range tests {
		got, err := installFor(tt.commands, "example.com/m", tt.pkg)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
	}
	_, err = installFor(commands, "example.com/m", "example.com/m/other")
	assert.ErrorContains(t, err, "no go get command for example.com/m/other")

	_, err = installCommands("# x\n\n## Install\n\n```sh\nmake\n```\n")
	assert.ErrorContains(t, err, "no go get command")
}

func TestDependenciesAreTheModulePathsOfItsSection(t *testing.T) {
	assert.Equal(t, map[string]bool{"example.com/a": true, "golang.org/x/text": true, "github.com/b/c/v2": true}, dependencies(readme))
}

func TestUnexpectedModules(t *testing.T) {
	list := "example.com/user\nexample.com/m v0.0.0-x\nexample.com/a v1.0.0\nexample.com/unlisted v1.0.0\n" +
		"github.com/gin-gonic/gin v1.10.1\ngithub.com/oapi-codegen/oapi-codegen/v2 v2.8.2\n"
	graph := "example.com/user example.com/m@v0.0.0-x\nexample.com/m@v0.0.0-x example.com/a@v1.0.0\n" +
		"example.com/m@v0.0.0-x example.com/unlisted@v1.0.0\nexample.com/a@v1.0.0 github.com/gin-gonic/gin@v1.10.1\n"
	got := unexpectedModules(list, graph, "example.com/user", "example.com/m", map[string]bool{"example.com/a": true})
	assert.Equal(t, []string{
		"required by lago-go or the user's go.mod but not in README's Dependencies: example.com/unlisted v1.0.0",
		"the code generator is in the module graph: github.com/oapi-codegen/oapi-codegen/v2 v2.8.2",
	}, got)
}

func TestEscapePath(t *testing.T) {
	got, err := escapePath("github.com/BurntSushi/toml")
	require.NoError(t, err)
	assert.Equal(t, "github.com/!burnt!sushi/toml", got)
	_, err = escapePath("example.com/é")
	assert.Error(t, err)
}
