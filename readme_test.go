package lagogo_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// normalize drops indentation and blank lines, so a README block matches
// the example it was taken from whatever its nesting there.
func normalize(code string) string {
	var lines []string
	for _, line := range strings.Split(code, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// Every Go block of README.md is an excerpt of an example or test that
// compiles and runs, so the README cannot rot.
func TestReadmeCodeComesFromCompiledExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var sources strings.Builder
	for _, pattern := range []string{"lago/example_test.go", "lagotest/example_test.go", "webhook/example_test.go"} {
		files, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, files, pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			sources.WriteString(normalize(string(b)))
			sources.WriteString("\n")
		}
	}
	examples := sources.String()

	blocks := goBlock.FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, blocks)
	for _, b := range blocks {
		assert.Contains(t, examples, normalize(b[1]), "README block is not taken from an example:\n%s", b[1])
	}
}
