package lago_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lagoclient/lago-go/lago"
)

// releasedVersion matches a released section of CHANGELOG.md, such as
// "## [0.1.0] - 2026-11-21".
var releasedVersion = regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$`)

// TestVersionMatchesChangelogAndTag holds the release rule of
// CONTRIBUTING.md: Version is the newest released section of CHANGELOG.md,
// and a commit tagged vX.Y.Z carries Version X.Y.Z.
func TestVersionMatchesChangelogAndTag(t *testing.T) {
	assert.Regexp(t, `^\d+\.\d+\.\d+$`, lago.Version, "Version is MAJOR.MINOR.PATCH")

	changelog, err := os.ReadFile("../CHANGELOG.md")
	require.NoError(t, err)
	sections := releasedVersion.FindAllStringSubmatch(string(changelog), -1)
	require.NotEmpty(t, sections, "CHANGELOG.md has no released section")
	assert.Equal(t, lago.Version, sections[0][1], "the newest released section of CHANGELOG.md")
	assert.Contains(t, string(changelog), "\n## [Unreleased]\n", "CHANGELOG.md keeps an Unreleased section")
	assert.Contains(t, string(changelog), "\n["+lago.Version+"]: ", "CHANGELOG.md links the version")

	// The tags on this commit, if it has any: only a release commit does.
	out, err := exec.Command("git", "tag", "--points-at", "HEAD").Output()
	if err != nil {
		t.Logf("git tag: %v; the tag rule is checked where git is available", err)
		return
	}
	for _, tag := range strings.Fields(string(out)) {
		if strings.HasPrefix(tag, "v") {
			assert.Equal(t, "v"+lago.Version, tag, "a release tag names the Version it carries")
		}
	}
}
